// libFuzzer target: PUT /v1/sessions/<kind>/<key> on a real vigiad. The
// input is the JSON body; a first line shorter than 160 bytes, when there is
// one, is the key, percent-encoded into the path (so decoding is fuzzed too).
#include "ServiceHarness.h"

#include <cstddef>
#include <cstdint>

using Vigia::Fuzz::ServiceHarness;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ServiceHarness &harness = ServiceHarness::instance();
    QByteArray body(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    QByteArray key = "order-1";
    const qsizetype newline = body.indexOf('\n');
    if (newline >= 0 && newline < 160) {
        key = body.left(newline);
        body.remove(0, newline + 1);
    }
    const auto reply =
            harness.sendAsBot("PUT", "/v1/sessions/voice/" + key.toPercentEncoding(), body);
    Vigia::Fuzz::requireAnswer(reply);
    return 0;
}

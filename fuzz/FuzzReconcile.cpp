// libFuzzer target: POST /v1/sessions/<kind>/reconcile on a real vigiad,
// the snapshot of who is present after a bot restart. The input is the body.
#include "ServiceHarness.h"

#include <cstddef>
#include <cstdint>

using Vigia::Fuzz::ServiceHarness;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ServiceHarness &harness = ServiceHarness::instance();
    const QByteArray body(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto reply = harness.sendAsBot("POST", "/v1/sessions/voice/reconcile", body);
    Vigia::Fuzz::requireAnswer(reply);
    return 0;
}

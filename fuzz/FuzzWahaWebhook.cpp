// libFuzzer target: POST /v1/gateway/waha/webhook on a real vigiad. Each
// body is signed with the configured key so the fuzzer reaches the event
// parsing behind the signature check.
#include "ServiceHarness.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <cstddef>
#include <cstdint>

using Vigia::Fuzz::ServiceHarness;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    Vigia::Fuzz::initApplication(argc, argv);
    ServiceHarness::instance();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ServiceHarness &harness = ServiceHarness::instance();
    const QByteArray body(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QByteArray signature =
            QMessageAuthenticationCode::hash(body, harness.webhookKey(), QCryptographicHash::Sha512)
                    .toHex();
    const auto reply = harness.send(
            "POST", "/v1/gateway/waha/webhook",
            {{"Content-Type", "application/json"}, {"X-Webhook-Hmac", signature}}, body);
    Vigia::Fuzz::requireAnswer(reply);
    if (reply.status == 401) // the signature was right
        __builtin_trap();
    return 0;
}

// libFuzzer target: POST /v1/gateway/waha/webhook on a real vigiad. Each
// body is signed with the configured key so the fuzzer reaches the event
// parsing behind the signature check, and the placeholder "NOW" becomes the
// current time in milliseconds, so events get past the timestamp window too
// (inputs without it still exercise the timestamp checks).
#include "ServiceHarness.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QMessageAuthenticationCode>

#include <cstddef>
#include <cstdint>

using Vigia::Fuzz::ServiceHarness;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ServiceHarness &harness = ServiceHarness::instance();
    QByteArray body(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    body.replace("\"NOW\"", QByteArray::number(QDateTime::currentMSecsSinceEpoch()));
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

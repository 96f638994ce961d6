// libFuzzer target: what a producer POSTs to /v1/notifications
// (NotificationRequest::parse) and the notification the API and the live
// feed hand back (Notification::fromJson/toJson).
#include "Notification.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QJsonObject json = QJsonDocument::fromJson(bytes).object();

    std::optional<Vigia::NotificationRequest::Error> error;
    const Vigia::NotificationRequest request = Vigia::NotificationRequest::parse(json, &error);
    // An accepted request names no field; a refused one always does.
    if (error && error->field.isEmpty())
        __builtin_trap();
    if (!error && request.text.isEmpty())
        __builtin_trap();

    // What the client decodes, encoded again, decodes to the same thing.
    if (const auto n = Vigia::Notification::fromJson(json)) {
        const QJsonObject once = n->toJson();
        const auto again = Vigia::Notification::fromJson(once);
        if (!again || again->toJson() != once)
            __builtin_trap();
    }
    return 0;
}

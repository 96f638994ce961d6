#include "WahaWebhookRoutes.h"

#include "HealthProber.h"
#include "Outbox.h"
#include "Router.h"
#include "StatusTracker.h"
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace Vigia {

using namespace Api;

WahaWebhookRoutes::WahaWebhookRoutes(const ApiContext &context) : m_context(context) { }

void WahaWebhookRoutes::addRoutes(Router &router)
{
    // No body parsing by the router: the signature is checked on the raw bytes first.
    router.add(Method::Post, QStringLiteral("/v1/gateway/waha/webhook"), Access::Public,
               Router::Body::None, Router::sync(this, &WahaWebhookRoutes::wahaWebhook));
}

Reply WahaWebhookRoutes::wahaWebhook(const Call &call)
{
    const QByteArray raw = call.request.body();
    if (!m_context.wahaHmacKey.isEmpty()) {
        const QByteArray expected = QMessageAuthenticationCode::hash(raw, m_context.wahaHmacKey,
                                                                     QCryptographicHash::Sha512)
                                            .toHex();
        const QByteArray given = header(call.request, "X-Webhook-Hmac").trimmed().toLower();
        // Compare in constant time so the signature cannot be guessed byte by byte.
        bool same = given.size() == expected.size();
        unsigned char diff = 0;
        for (qsizetype i = 0; same && i < expected.size(); ++i)
            diff |= static_cast<unsigned char>(given.at(i) ^ expected.at(i));
        if (!same || diff != 0) {
            return jsonError(Status::Unauthorized, QStringLiteral("invalid_signature"),
                             QStringLiteral("X-Webhook-Hmac does not match the body signed with "
                                            "waha/webhook_hmac_key"));
        }
    }
    if (raw.size() > m_context.maxBodyBytes) {
        return jsonError(Status::PayloadTooLarge, QStringLiteral("payload_too_large"),
                         QStringLiteral("request bodies are limited to %1 bytes")
                                 .arg(m_context.maxBodyBytes));
    }
    QJsonParseError parseError;
    const QJsonObject body = QJsonDocument::fromJson(raw, &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        return jsonError(
                Status::BadRequest, QStringLiteral("malformed_json"),
                QStringLiteral("body is not valid JSON: %1").arg(parseError.errorString()));
    }
    const QString eventId = body.value(QStringLiteral("id")).toString();
    const QString event = body.value(QStringLiteral("event")).toString();
    const QJsonObject payload = body.value(QStringLiteral("payload")).toObject();
    if (event.isEmpty()) {
        return jsonError(Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                         QStringLiteral("event is required"),
                         {{QStringLiteral("field"), QStringLiteral("event")}});
    }
    const QDateTime now = m_context.outbox->clock()->now();
    if (!eventId.isEmpty() && !m_context.store->rememberWebhookEvent(eventId, now))
        return json({{QStringLiteral("ok"), true}, {QStringLiteral("duplicate"), true}});
    const QString session = body.value(QStringLiteral("session")).toString();
    if (!session.isEmpty() && session != m_context.wahaSession)
        return json({{QStringLiteral("ok"), true},
                     {QStringLiteral("ignored"), QStringLiteral("another session")}});

    if (event == QLatin1String("session.status")) {
        ProbeResult r;
        r.source = QStringLiteral("webhook");
        r.status = payload.value(QStringLiteral("status")).toString();
        r.passed = r.status == QLatin1String("WORKING");
        if (!r.passed)
            r.error = QStringLiteral("WhatsApp session is %1, not WORKING (webhook)").arg(r.status);
        m_context.status->recordProbe(r);
        return json({{QStringLiteral("ok"), true}});
    }
    if (event == QLatin1String("message.ack")) {
        const QJsonValue idValue = payload.value(QStringLiteral("id"));
        const QString messageId = idValue.isObject()
                ? idValue.toObject().value(QStringLiteral("_serialized")).toString()
                : idValue.toString();
        const QJsonValue ack = payload.value(QStringLiteral("ack"));
        if (messageId.isEmpty() || !ack.isDouble()) {
            return jsonError(
                    Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                    QStringLiteral("message.ack needs payload.id and a numeric payload.ack"),
                    {{QStringLiteral("field"), QStringLiteral("payload")}});
        }
        const auto n = m_context.outbox->applyAck(messageId, ack.toInt());
        return json({{QStringLiteral("ok"), true}, {QStringLiteral("matched"), n.has_value()}});
    }
    return json({{QStringLiteral("ok"), true}, {QStringLiteral("ignored"), event}});
}

} // namespace Vigia

#include "WahaWebhookRoutes.h"

#include "HealthProber.h"
#include "Outbox.h"
#include "Router.h"
#include "StatusTracker.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <algorithm>
#include <cmath>

namespace Vigia {

using namespace Api;

WahaWebhookRoutes::WahaWebhookRoutes(const ApiContext &context) : m_context(context) { }

void WahaWebhookRoutes::addRoutes(Router &router)
{
    // No body parsing by the router: the signature is checked on the raw bytes first.
    router.add(Method::Post, QStringLiteral("/v1/gateway/waha/webhook"), Access::Public,
               Router::Body::None, Router::sync(this, &WahaWebhookRoutes::wahaWebhook));
}

namespace {

// Compares in constant time so the signature cannot be guessed byte by byte.
bool sameSignature(const QByteArray &given, const QByteArray &expected)
{
    if (given.size() != expected.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < expected.size(); ++i)
        diff |= static_cast<unsigned char>(given.at(i) ^ expected.at(i));
    return diff == 0;
}

} // namespace

std::optional<Reply> WahaWebhookRoutes::refuseUnsigned(const Call &call) const
{
    const QByteArray raw = call.request.body();
    // Before any work on the bytes: the HMAC of a huge body is work for nothing.
    if (raw.size() > m_context.maxBodyBytes) {
        return jsonError(Status::PayloadTooLarge, QStringLiteral("payload_too_large"),
                         QStringLiteral("request bodies are limited to %1 bytes")
                                 .arg(m_context.maxBodyBytes));
    }
    if (m_context.wahaHmacKey.isEmpty())
        return std::nullopt; // waha/allow_unsigned_webhooks, on loopback only
    const QByteArray expected =
            QMessageAuthenticationCode::hash(raw, m_context.wahaHmacKey, QCryptographicHash::Sha512)
                    .toHex();
    if (!sameSignature(header(call.request, "X-Webhook-Hmac").trimmed().toLower(), expected)) {
        return jsonError(Status::Unauthorized, QStringLiteral("invalid_signature"),
                         QStringLiteral("X-Webhook-Hmac does not match the body signed with "
                                        "waha/webhook_hmac_key"));
    }
    return std::nullopt;
}

std::optional<Reply> WahaWebhookRoutes::refuseStale(const QJsonObject &body) const
{
    // WAHA stamps every event in milliseconds since the epoch. Inside the
    // signed body, it bounds how long a captured event can be replayed.
    const QJsonValue stamp = body.value(QStringLiteral("timestamp"));
    if (!stamp.isDouble()) {
        return fieldError(QStringLiteral("timestamp"),
                          QStringLiteral("timestamp is required: milliseconds since the epoch"));
    }
    const double nowMs = double(m_context.outbox->clock()->now().toMSecsSinceEpoch());
    const double aheadMs = stamp.toDouble() - nowMs; // doubles: no overflow on any input
    if (std::abs(aheadMs) <= double(m_context.webhookMaxSkewMs))
        return std::nullopt;
    const double seconds = std::min(std::abs(aheadMs) / 1000.0, 1e12);
    return jsonError(
            Status::UnprocessableEntity, QStringLiteral("stale_event"),
            QStringLiteral("timestamp is %1 s %2 vigiad's clock; events more than %3 s "
                           "off are refused (waha/webhook_max_skew_s)")
                    .arg(qint64(seconds))
                    .arg(aheadMs > 0 ? QStringLiteral("ahead of") : QStringLiteral("behind"))
                    .arg(m_context.webhookMaxSkewMs / 1000),
            {{QStringLiteral("field"), QStringLiteral("timestamp")}});
}

Reply WahaWebhookRoutes::wahaWebhook(const Call &call)
{
    // Said plainly rather than a 401 for a missing signature: whoever points
    // a WAHA here learns that this vigiad has WhatsApp off, not that a key is wrong.
    if (!m_context.whatsappEnabled) {
        return jsonError(Status::NotFound, QStringLiteral("whatsapp_disabled"),
                         QStringLiteral("WhatsApp is off in this vigiad (waha/enabled = false): "
                                        "it takes no WAHA webhooks"));
    }
    if (auto refusal = refuseUnsigned(call))
        return *refusal;
    QJsonParseError parseError;
    const QJsonObject body = QJsonDocument::fromJson(call.request.body(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        return jsonError(
                Status::BadRequest, QStringLiteral("malformed_json"),
                QStringLiteral("body is not valid JSON: %1").arg(parseError.errorString()));
    }
    if (auto refusal = refuseStale(body))
        return *refusal;
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
        // WAHA says the session is down: our own probe confirms or denies it
        // now, not at the next interval (minutes in production).
        if (!r.passed && m_context.prober)
            m_context.prober->confirm();
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

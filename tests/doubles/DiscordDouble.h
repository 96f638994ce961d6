#pragma once

#include "GatewayDouble.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace Vigia {

// A Discord channel webhook:
//   POST /api/webhooks/<id>/<token>?wait=true       execute (body {content})
//   POST /api/v<n>/webhooks/<id>/<token>?wait=true  the same, versioned
//   GET  the same paths                             webhook object probe
//
// Execute checks, after the shared Hang/ServerError(502)/RateLimit(429)
// modes: the webhook id (404) and token (401), Reject (404 Unknown Webhook,
// as after the webhook was deleted), then the content (400). Without
// wait=true Discord answers 204 with no message, and so does the double.
class DiscordDouble final : public GatewayDouble
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscordDouble)

public:
    static constexpr int MaxContentLength = 2000;

    explicit DiscordDouble(QObject *parent = nullptr);
    ~DiscordDouble() override;

    QString webhookId() const { return m_webhookId; }
    QString webhookToken() const { return m_webhookToken; }
    QString webhookPath() const;
    QUrl webhookUrl() const;

    // Sent rounded up in the Retry-After header, as Discord does, and exact
    // in the body's retry_after and X-RateLimit-Reset-After.
    void setRetryAfterSeconds(double seconds);
    double retryAfterSeconds() const { return m_retryAfterSeconds; }

    // One entry per execute request: whether it carried wait=true.
    QList<bool> waitFlags() const { return m_waitFlags; }

protected:
    Reply serverErrorReply() const override;
    QJsonObject notFoundBody(const QHttpServerRequest &request) const override;

private:
    void registerRoutes(const QString &prefix);
    Reply answerExecute(Mode mode, const QString &id, const QString &token, bool wait,
                        const QJsonObject &body);
    Reply credentialsReply(const QString &id, const QString &token) const;
    Reply webhookObjectReply() const;
    QString nextSnowflake();

    QString m_webhookId;
    QString m_webhookToken;
    double m_retryAfterSeconds = 1.0;
    QList<bool> m_waitFlags;
    int m_snowflakeSequence = 0;
};

} // namespace Vigia

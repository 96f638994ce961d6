#pragma once

#include "HttpClient.h"
#include "Notification.h"

#include <QObject>
#include <QUrl>

#include <functional>

namespace Vigia {

struct DeliveryResult
{
    enum class Outcome { Delivered, Retryable, Permanent };
    Outcome outcome = Outcome::Retryable;
    int httpStatus = 0; // 0 when no HTTP answer came back
    QString detail; // what the gateway answered, for last_error
    int retryAfterMs = -1; // the peer asked us to wait at least this long (capped)
    QString providerMessageId;

    QString outcomeName() const;
};

// One way of reaching a user. Implementations speak one provider's public
// HTTP API; the dispatcher knows nothing about providers.
class DeliveryGateway : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryGateway)

public:
    using Done = std::function<void(const DeliveryResult &)>;

    DeliveryGateway(HttpClient *http, QObject *parent);
    ~DeliveryGateway() override;

    virtual Channel channel() const = 0;

    // The longest wait a peer's Retry-After (or retry_after) can impose.
    static constexpr int kMaxRetryAfterMs = 3600 * 1000;
    // A peer's wait in seconds as milliseconds, rounded up and capped at
    // kMaxRetryAfterMs so no value overflows or parks a message for days;
    // -1 (no hint) for a negative or non-finite one.
    static int retryAfterMsFromSeconds(double seconds);
    // Calls done exactly once, also on timeout.
    virtual void send(const Notification &notification, int timeoutMs, Done done) = 0;

protected:
    using Classify = std::function<DeliveryResult(const HttpAnswer &)>;
    // POSTs `body` and calls `done` with what the answer means: `classify`
    // judges an HTTP answer; no answer, and a redirect, are judged here.
    void postJson(const QUrl &url, const QJsonObject &body, int timeoutMs,
                  const HttpClient::Headers &headers, Classify classify, Done done);
    static QString bodySnippet(const QByteArray &body);
    // The Retry-After header in delta-seconds; -1 when absent or an HTTP-date.
    static int retryAfterHeaderMs(const HttpAnswer &answer);

    HttpClient *m_http;
};

// WhatsApp through a WAHA gateway: POST /api/sendText {session, chatId, text}.
class WahaGateway final : public DeliveryGateway
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WahaGateway)

public:
    WahaGateway(HttpClient *http, const QUrl &baseUrl, const QString &session,
                const QString &apiKey, QObject *parent = nullptr);

    Channel channel() const override { return Channel::WhatsApp; }
    void send(const Notification &notification, int timeoutMs, Done done) override;

private:
    QUrl m_baseUrl;
    QString m_session;
    QByteArray m_apiKey;
};

// Discord: POST {webhook_url}?wait=true {content}; the recipient is the webhook.
class DiscordWebhookGateway final : public DeliveryGateway
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscordWebhookGateway)

public:
    DiscordWebhookGateway(HttpClient *http, const QStringList &allowedHosts,
                          QObject *parent = nullptr);

    Channel channel() const override { return Channel::Discord; }
    void send(const Notification &notification, int timeoutMs, Done done) override;
    bool isAllowedWebhook(const QUrl &url) const;

private:
    QStringList m_allowedHosts;
};

// Telegram Bot API: POST {api}/bot<token>/sendMessage {chat_id, text}.
class TelegramGateway final : public DeliveryGateway
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TelegramGateway)

public:
    TelegramGateway(HttpClient *http, const QUrl &apiUrl, const QString &botToken,
                    QObject *parent = nullptr);

    Channel channel() const override { return Channel::Telegram; }
    void send(const Notification &notification, int timeoutMs, Done done) override;

private:
    QUrl m_apiUrl;
    QString m_botToken;
};

} // namespace Vigia

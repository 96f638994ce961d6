#include "DeliveryGateway.h"

#include "Phone.h"

#include <QJsonDocument>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

namespace Vigia {

QString DeliveryResult::outcomeName() const
{
    switch (outcome) {
    case Outcome::Delivered: return QStringLiteral("delivered");
    case Outcome::Retryable: return QStringLiteral("retryable");
    case Outcome::Permanent: return QStringLiteral("permanent");
    }
    return {};
}

DeliveryGateway::DeliveryGateway(HttpClient *http, QObject *parent) : QObject(parent), m_http(http)
{ }

DeliveryGateway::~DeliveryGateway() = default;

QString DeliveryGateway::bodySnippet(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(300)).simplified();
    return text;
}

void DeliveryGateway::postJson(const QUrl &url, const QJsonObject &body, int timeoutMs,
                               const HttpClient::Headers &headers, Classify classify, Done done)
{
    HttpClient::Headers all = headers;
    all.prepend({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    m_http->post(url, QJsonDocument(body).toJson(QJsonDocument::Compact), all, timeoutMs,
                 [url, timeoutMs, classify = std::move(classify),
                  done = std::move(done)](const HttpAnswer &answer) {
                     DeliveryResult r;
                     // Timeouts, refused connections and 5xx are worth retrying;
                     // what else an answer means is the provider's.
                     r.outcome = DeliveryResult::Outcome::Retryable;
                     switch (answer.failure) {
                     case HttpAnswer::Failure::Timeout:
                         r.detail = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
                         break;
                     case HttpAnswer::Failure::Refused:
                         r.detail = QStringLiteral("connection refused by %1").arg(url.authority());
                         break;
                     case HttpAnswer::Failure::HostNotFound:
                         r.detail = QStringLiteral("host %1 not found").arg(url.host());
                         break;
                     case HttpAnswer::Failure::Other:
                         r.detail = QStringLiteral("network error: %1").arg(answer.error);
                         break;
                     case HttpAnswer::Failure::None:
                         if (answer.status >= 300 && answer.status < 400) {
                             // Redirects could carry a message to a host nobody
                             // configured, and retrying would get the same answer.
                             r.outcome = DeliveryResult::Outcome::Permanent;
                             r.detail =
                                     QStringLiteral("%1 answered %2, a redirect: vigiad does not "
                                                    "follow redirects")
                                             .arg(url.host())
                                             .arg(answer.status);
                         } else {
                             r = classify(answer);
                         }
                         r.httpStatus = answer.status;
                         break;
                     }
                     done(r);
                 });
}

int DeliveryGateway::retryAfterMsFromSeconds(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return -1;
    const double capped = std::min(seconds * 1000.0, double(kMaxRetryAfterMs));
    return int(std::ceil(capped));
}

// Delta-seconds only: an HTTP-date or anything else is no hint.
int DeliveryGateway::retryAfterHeaderMs(const HttpAnswer &answer)
{
    bool ok = false;
    const double seconds = answer.retryAfter.trimmed().toDouble(&ok);
    return ok ? retryAfterMsFromSeconds(seconds) : -1;
}

// ---- WAHA

WahaGateway::WahaGateway(HttpClient *http, const QUrl &baseUrl, const QString &session,
                         const QString &apiKey, QObject *parent)
    : DeliveryGateway(http, parent),
      m_baseUrl(baseUrl),
      m_session(session),
      m_apiKey(apiKey.toUtf8())
{ }

void WahaGateway::send(const Notification &notification, int timeoutMs, Done done)
{
    const QString chatId = Phone::toWahaChatId(notification.recipient);
    if (chatId.isEmpty()) {
        done({DeliveryResult::Outcome::Permanent,
              0,
              QStringLiteral("recipient is not an international phone number"),
              -1,
              {}});
        return;
    }
    QUrl url = m_baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0)
                + QStringLiteral("/api/sendText"));
    HttpClient::Headers headers;
    if (!m_apiKey.isEmpty())
        headers.append({QByteArrayLiteral("X-Api-Key"), m_apiKey});
    const QJsonObject message{{QStringLiteral("session"), m_session},
                              {QStringLiteral("chatId"), chatId},
                              {QStringLiteral("text"), notification.text}};
    postJson(
            url, message, timeoutMs, headers,
            [](const HttpAnswer &answer) {
                const int status = answer.status;
                const QByteArray &body = answer.body;
                DeliveryResult result;
                const QJsonObject json = QJsonDocument::fromJson(body).object();
                if (status == 200 || status == 201) {
                    // 201 means WAHA accepted the message; the ack webhook proves delivery.
                    result.outcome = DeliveryResult::Outcome::Delivered;
                    // Engines differ: some answer the id as a string, WEBJS as an object.
                    const QJsonValue id = json.value(QStringLiteral("id"));
                    result.providerMessageId = id.isObject()
                            ? id.toObject().value(QStringLiteral("_serialized")).toString()
                            : id.toString();
                    return result;
                }
                if (status == 422) {
                    result.outcome = DeliveryResult::Outcome::Retryable;
                    result.detail = QStringLiteral("WAHA 422: session %1 is %2, expected WORKING")
                                            .arg(json.value(QStringLiteral("session")).toString(),
                                                 json.value(QStringLiteral("status")).toString());
                    return result;
                }
                result.outcome = (status >= 500 || status == 429 || status == 408)
                        ? DeliveryResult::Outcome::Retryable
                        : DeliveryResult::Outcome::Permanent;
                result.retryAfterMs = retryAfterHeaderMs(answer);
                result.detail = QStringLiteral("WAHA %1: %2").arg(status).arg(bodySnippet(body));
                return result;
            },
            std::move(done));
}

// ---- Discord

DiscordWebhookGateway::DiscordWebhookGateway(HttpClient *http, const QStringList &allowedHosts,
                                             QObject *parent)
    : DeliveryGateway(http, parent), m_allowedHosts(allowedHosts)
{ }

bool DiscordWebhookGateway::isAllowedWebhook(const QUrl &url) const
{
    return url.isValid() && isSecureWebhookUrl(url)
            && m_allowedHosts.contains(url.host(), Qt::CaseInsensitive);
}

void DiscordWebhookGateway::send(const Notification &notification, int timeoutMs, Done done)
{
    QUrl url(notification.recipient, QUrl::StrictMode);
    if (!isAllowedWebhook(url)) {
        // An allowed host over plain http: stored before https was required.
        const bool hostAllowed = m_allowedHosts.contains(url.host(), Qt::CaseInsensitive);
        const QString why = url.isValid() && hostAllowed
                ? QStringLiteral("webhook URL must be https:// (plain http only to a loopback "
                                 "host)")
                : QStringLiteral("webhook host %1 is not in discord/allowed_hosts").arg(url.host());
        done({DeliveryResult::Outcome::Permanent, 0, why, -1, {}});
        return;
    }
    QUrlQuery query(url);
    query.removeAllQueryItems(QStringLiteral("wait"));
    query.addQueryItem(QStringLiteral("wait"), QStringLiteral("true"));
    url.setQuery(query);
    postJson(
            url, {{QStringLiteral("content"), notification.text}}, timeoutMs, {},
            [](const HttpAnswer &answer) {
                const int status = answer.status;
                const QByteArray &body = answer.body;
                const QJsonObject json = QJsonDocument::fromJson(body).object();
                DeliveryResult result;
                if (status >= 200 && status < 300) {
                    result.outcome = DeliveryResult::Outcome::Delivered;
                    result.providerMessageId = json.value(QStringLiteral("id")).toString();
                    return result;
                }
                if (status == 429) {
                    result.outcome = DeliveryResult::Outcome::Retryable;
                    result.retryAfterMs = retryAfterHeaderMs(answer);
                    if (result.retryAfterMs < 0 && json.contains(QStringLiteral("retry_after")))
                        result.retryAfterMs = retryAfterMsFromSeconds(
                                json.value(QStringLiteral("retry_after")).toDouble(-1));
                    result.detail = QStringLiteral("Discord 429: rate limited for %1 ms")
                                            .arg(result.retryAfterMs);
                    return result;
                }
                result.outcome = status >= 500 ? DeliveryResult::Outcome::Retryable
                                               : DeliveryResult::Outcome::Permanent;
                const QString message = json.value(QStringLiteral("message")).toString();
                result.detail = QStringLiteral("Discord %1: %2")
                                        .arg(status)
                                        .arg(message.isEmpty() ? bodySnippet(body) : message);
                return result;
            },
            std::move(done));
}

// ---- Telegram

TelegramGateway::TelegramGateway(HttpClient *http, const QUrl &apiUrl, const QString &botToken,
                                 QObject *parent)
    : DeliveryGateway(http, parent), m_apiUrl(apiUrl), m_botToken(botToken)
{ }

void TelegramGateway::send(const Notification &notification, int timeoutMs, Done done)
{
    if (m_botToken.isEmpty()) {
        done({DeliveryResult::Outcome::Permanent,
              0,
              QStringLiteral("telegram/bot_token is not configured"),
              -1,
              {}});
        return;
    }
    QUrl url = m_apiUrl;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + QStringLiteral("/bot")
                + m_botToken + QStringLiteral("/sendMessage"));
    // The URL holds the bot token: never let it reach last_error or a log.
    Done redacting = [done = std::move(done), token = m_botToken](const DeliveryResult &r) {
        DeliveryResult copy = r;
        copy.detail.replace(token, QStringLiteral("<bot-token>"));
        done(copy);
    };
    postJson(
            url,
            {{QStringLiteral("chat_id"), notification.recipient},
             {QStringLiteral("text"), notification.text}},
            timeoutMs, {},
            [token = m_botToken.toUtf8()](const HttpAnswer &answer) {
                const int status = answer.status;
                const QByteArray &rawBody = answer.body;
                // Some proxies echo the path; scrub the token before any snippet is cut.
                QByteArray body = rawBody;
                body.replace(token, QByteArrayLiteral("<bot-token>"));
                const QJsonObject json = QJsonDocument::fromJson(body).object();
                DeliveryResult result;
                if (status == 200 && json.value(QStringLiteral("ok")).toBool()) {
                    result.outcome = DeliveryResult::Outcome::Delivered;
                    result.providerMessageId =
                            QString::number(json.value(QStringLiteral("result"))
                                                    .toObject()
                                                    .value(QStringLiteral("message_id"))
                                                    .toInteger());
                    return result;
                }
                const QString description = json.value(QStringLiteral("description")).toString();
                if (status == 429) {
                    result.outcome = DeliveryResult::Outcome::Retryable;
                    result.retryAfterMs =
                            retryAfterMsFromSeconds(json.value(QStringLiteral("parameters"))
                                                            .toObject()
                                                            .value(QStringLiteral("retry_after"))
                                                            .toDouble(-1));
                } else {
                    // 403 "bot was blocked by the user" will not heal by retrying.
                    result.outcome = status >= 500 ? DeliveryResult::Outcome::Retryable
                                                   : DeliveryResult::Outcome::Permanent;
                }
                result.detail =
                        QStringLiteral("Telegram %1: %2")
                                .arg(status)
                                .arg(description.isEmpty() ? bodySnippet(body) : description);
                return result;
            },
            std::move(redacting));
}

} // namespace Vigia

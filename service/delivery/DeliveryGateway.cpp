#include "DeliveryGateway.h"

#include "Phone.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
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

DeliveryGateway::DeliveryGateway(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_network(network)
{ }

DeliveryGateway::~DeliveryGateway() = default;

QNetworkReply *DeliveryGateway::postJson(const QUrl &url, const QJsonObject &body, int timeoutMs,
                                         const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(timeoutMs);
    // Redirects could carry a message to a host nobody configured.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply =
            m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    // transferTimeout restarts with every byte; a peer that trickles its
    // answer must still not hold an attempt longer than the whole timeout.
    // A child of the reply, so it goes with it: QTimer::singleShot would keep
    // a timer registered for the whole timeout after the reply is gone, and
    // at a thousand sends a second the event loop's timer list grew to
    // thousands, each timer operation scanning it.
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, reply, [reply] {
        if (reply->isRunning())
            reply->abort();
    });
    deadline->start(timeoutMs);
    return reply;
}

QString DeliveryGateway::bodySnippet(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(300)).simplified();
    return text;
}

DeliveryResult DeliveryGateway::classifyTransport(QNetworkReply *reply, int timeoutMs)
{
    DeliveryResult r;
    r.outcome = DeliveryResult::Outcome::Retryable;
    switch (reply->error()) {
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TimeoutError:
        r.detail = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
        break;
    case QNetworkReply::ConnectionRefusedError:
        r.detail = QStringLiteral("connection refused by %1").arg(reply->url().authority());
        break;
    case QNetworkReply::HostNotFoundError:
        r.detail = QStringLiteral("host %1 not found").arg(reply->url().host());
        break;
    default: r.detail = QStringLiteral("network error: %1").arg(reply->errorString()); break;
    }
    return r;
}

void DeliveryGateway::finishWith(
        QNetworkReply *reply, Done done,
        std::function<DeliveryResult(QNetworkReply *, const QByteArray &)> classify)
{
    const int timeoutMs = reply->request().transferTimeout();
    connect(reply, &QNetworkReply::finished, this,
            [reply, done = std::move(done), classify = std::move(classify), timeoutMs] {
                reply->deleteLater();
                const int status =
                        reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                DeliveryResult r;
                if (status == 0) {
                    r = classifyTransport(reply, timeoutMs);
                } else if (status >= 300 && status < 400) {
                    // Not followed (postJson): retrying would get the same answer.
                    r.outcome = DeliveryResult::Outcome::Permanent;
                    r.httpStatus = status;
                    r.detail = QStringLiteral("%1 answered %2, a redirect: vigiad does not "
                                              "follow redirects")
                                       .arg(reply->url().host())
                                       .arg(status);
                } else {
                    r = classify(reply, reply->readAll());
                    r.httpStatus = status;
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
static int retryAfterHeaderMs(QNetworkReply *reply)
{
    bool ok = false;
    const double seconds = reply->rawHeader("Retry-After").trimmed().toDouble(&ok);
    return ok ? DeliveryGateway::retryAfterMsFromSeconds(seconds) : -1;
}

// ---- WAHA

WahaGateway::WahaGateway(QNetworkAccessManager *network, const QUrl &baseUrl,
                         const QString &session, const QString &apiKey, QObject *parent)
    : DeliveryGateway(network, parent),
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
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!m_apiKey.isEmpty())
        headers.append({QByteArrayLiteral("X-Api-Key"), m_apiKey});
    QNetworkReply *reply = postJson(url,
                                    {{QStringLiteral("session"), m_session},
                                     {QStringLiteral("chatId"), chatId},
                                     {QStringLiteral("text"), notification.text}},
                                    timeoutMs, headers);
    finishWith(reply, std::move(done), [](QNetworkReply *r, const QByteArray &body) {
        const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
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
        result.retryAfterMs = retryAfterHeaderMs(r);
        result.detail = QStringLiteral("WAHA %1: %2").arg(status).arg(bodySnippet(body));
        return result;
    });
}

// ---- Discord

DiscordWebhookGateway::DiscordWebhookGateway(QNetworkAccessManager *network,
                                             const QStringList &allowedHosts, QObject *parent)
    : DeliveryGateway(network, parent), m_allowedHosts(allowedHosts)
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
    QNetworkReply *reply =
            postJson(url, {{QStringLiteral("content"), notification.text}}, timeoutMs);
    finishWith(reply, std::move(done), [](QNetworkReply *r, const QByteArray &body) {
        const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        DeliveryResult result;
        if (status >= 200 && status < 300) {
            result.outcome = DeliveryResult::Outcome::Delivered;
            result.providerMessageId = json.value(QStringLiteral("id")).toString();
            return result;
        }
        if (status == 429) {
            result.outcome = DeliveryResult::Outcome::Retryable;
            result.retryAfterMs = retryAfterHeaderMs(r);
            if (result.retryAfterMs < 0 && json.contains(QStringLiteral("retry_after")))
                result.retryAfterMs = retryAfterMsFromSeconds(
                        json.value(QStringLiteral("retry_after")).toDouble(-1));
            result.detail =
                    QStringLiteral("Discord 429: rate limited for %1 ms").arg(result.retryAfterMs);
            return result;
        }
        result.outcome = status >= 500 ? DeliveryResult::Outcome::Retryable
                                       : DeliveryResult::Outcome::Permanent;
        const QString message = json.value(QStringLiteral("message")).toString();
        result.detail = QStringLiteral("Discord %1: %2")
                                .arg(status)
                                .arg(message.isEmpty() ? bodySnippet(body) : message);
        return result;
    });
}

// ---- Telegram

TelegramGateway::TelegramGateway(QNetworkAccessManager *network, const QUrl &apiUrl,
                                 const QString &botToken, QObject *parent)
    : DeliveryGateway(network, parent), m_apiUrl(apiUrl), m_botToken(botToken)
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
    QNetworkReply *reply = postJson(url,
                                    {{QStringLiteral("chat_id"), notification.recipient},
                                     {QStringLiteral("text"), notification.text}},
                                    timeoutMs);
    // The URL holds the bot token: never let it reach last_error or a log.
    Done redacting = [done = std::move(done), token = m_botToken](const DeliveryResult &r) {
        DeliveryResult copy = r;
        copy.detail.replace(token, QStringLiteral("<bot-token>"));
        done(copy);
    };
    finishWith(reply, std::move(redacting),
               [token = m_botToken.toUtf8()](QNetworkReply *r, const QByteArray &rawBody) {
                   const int status =
                           r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
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
               });
}

} // namespace Vigia

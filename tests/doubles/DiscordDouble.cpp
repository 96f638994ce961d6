#include "DiscordDouble.h"

#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QUrlQuery>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Vigia {

namespace {

using StatusCode = QHttpServerResponder::StatusCode;

constexpr qint64 DiscordEpochMs = 1420070400000;

QJsonObject invalidFormBody(const QString &code, const QString &message)
{
    const QJsonObject error{{u"code"_s, code}, {u"message"_s, message}};
    return {{u"code"_s, 50035},
            {u"errors"_s,
             QJsonObject{{u"content"_s, QJsonObject{{u"_errors"_s, QJsonArray{error}}}}}},
            {u"message"_s, u"Invalid Form Body"_s}};
}

bool isTrue(const QString &flag)
{
    return flag.compare(u"true"_s, Qt::CaseInsensitive) == 0 || flag == u"1"_s;
}

} // namespace

DiscordDouble::DiscordDouble(QObject *parent)
    : GatewayDouble(parent), m_webhookId(u"123"_s), m_webhookToken(u"abc"_s)
{
    // Clients pin an API version in the path or leave it out; both reach
    // the same webhook.
    registerRoutes(u"/api"_s);
    registerRoutes(u"/api/v9"_s);
    registerRoutes(u"/api/v10"_s);
}

DiscordDouble::~DiscordDouble() = default;

QString DiscordDouble::webhookPath() const
{
    return u"/api/webhooks/%1/%2"_s.arg(m_webhookId, m_webhookToken);
}

QUrl DiscordDouble::webhookUrl() const
{
    QUrl url = baseUrl();
    url.setPath(webhookPath());
    return url;
}

void DiscordDouble::setRetryAfterSeconds(double seconds)
{
    m_retryAfterSeconds = seconds;
}

GatewayDouble::Reply DiscordDouble::serverErrorReply() const
{
    return jsonReply(StatusCode::BadGateway,
                     {{u"message"_s, u"502: Bad Gateway"_s}, {u"code"_s, 0}});
}

QJsonObject DiscordDouble::notFoundBody(const QHttpServerRequest &) const
{
    return {{u"message"_s, u"404: Not Found"_s}, {u"code"_s, 0}};
}

void DiscordDouble::registerRoutes(const QString &prefix)
{
    const QString path = prefix + u"/webhooks/<arg>/<arg>"_s;
    server().route(path, QHttpServerRequest::Method::Post,
                   [this](const QString &id, const QString &token,
                          const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                       const bool wait = isTrue(request.query().queryItemValue(u"wait"_s));
                       m_waitFlags.append(wait);
                       handleSend(request, std::move(responder),
                                  [this, &id, &token, wait](Mode mode, const QJsonObject &body) {
                                      return answerExecute(mode, id, token, wait, body);
                                  });
                   });
    server().route(path, QHttpServerRequest::Method::Get,
                   [this](const QString &id, const QString &token, const QHttpServerRequest &,
                          QHttpServerResponder &&responder) {
                       if (interceptProbe(responder))
                           return;
                       const Reply refusal = credentialsReply(id, token);
                       respond(responder,
                               refusal.status == StatusCode::Ok ? webhookObjectReply() : refusal);
                   });
}

GatewayDouble::Reply DiscordDouble::answerExecute(Mode mode, const QString &id,
                                                  const QString &token, bool wait,
                                                  const QJsonObject &body)
{
    if (mode == Mode::ServerError)
        return serverErrorReply();
    if (mode == Mode::RateLimit) {
        const double seconds = m_retryAfterSeconds;
        const double resetAt = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0 + seconds;
        Reply reply = jsonReply(StatusCode::TooManyRequests,
                                {{u"message"_s, u"You are being rate limited."_s},
                                 {u"retry_after"_s, seconds},
                                 {u"global"_s, false}});
        reply.headers = {
                {"Retry-After"_ba, QByteArray::number(qint64(std::ceil(seconds)))},
                {"X-RateLimit-Limit"_ba, "5"_ba},
                {"X-RateLimit-Remaining"_ba, "0"_ba},
                {"X-RateLimit-Reset"_ba, QByteArray::number(resetAt, 'f', 3)},
                {"X-RateLimit-Reset-After"_ba, QByteArray::number(seconds, 'f', 3)},
                {"X-RateLimit-Bucket"_ba, "vigia-test-double"_ba},
                {"X-RateLimit-Scope"_ba, "user"_ba},
        };
        return reply;
    }
    if (const Reply refusal = credentialsReply(id, token); refusal.status != StatusCode::Ok)
        return refusal;
    if (mode == Mode::Reject) {
        return jsonReply(StatusCode::NotFound,
                         {{u"code"_s, 10015}, {u"message"_s, u"Unknown Webhook"_s}});
    }

    const QString content = body.value(u"content"_s).toString();
    if (content.isEmpty()) {
        return jsonReply(StatusCode::BadRequest,
                         invalidFormBody(u"BASE_TYPE_REQUIRED"_s, u"This field is required"_s));
    }
    // Discord counts characters, not UTF-16 units: an emoji is one.
    if (content.toUcs4().size() > MaxContentLength) {
        return jsonReply(
                StatusCode::BadRequest,
                invalidFormBody(u"BASE_TYPE_MAX_LENGTH"_s,
                                u"Must be %1 or fewer in length."_s.arg(MaxContentLength)));
    }

    Reply reply;
    reply.accepted = true;
    if (!wait) {
        reply.status = StatusCode::NoContent;
        return reply;
    }
    reply.body = {{u"id"_s, nextSnowflake()},
                  {u"type"_s, 0},
                  {u"content"_s, content},
                  {u"channel_id"_s, u"1"_s},
                  {u"webhook_id"_s, m_webhookId},
                  {u"timestamp"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
    return reply;
}

GatewayDouble::Reply DiscordDouble::credentialsReply(const QString &id, const QString &token) const
{
    if (id != m_webhookId) {
        return jsonReply(StatusCode::NotFound,
                         {{u"code"_s, 10015}, {u"message"_s, u"Unknown Webhook"_s}});
    }
    if (token != m_webhookToken) {
        return jsonReply(StatusCode::Unauthorized,
                         {{u"code"_s, 50027}, {u"message"_s, u"Invalid Webhook Token"_s}});
    }
    return jsonReply(StatusCode::Ok, {});
}

GatewayDouble::Reply DiscordDouble::webhookObjectReply() const
{
    return jsonReply(StatusCode::Ok,
                     {{u"type"_s, 1},
                      {u"id"_s, m_webhookId},
                      {u"name"_s, u"Vigía"_s},
                      {u"avatar"_s, QJsonValue::Null},
                      {u"channel_id"_s, u"1"_s},
                      {u"guild_id"_s, u"1"_s},
                      {u"application_id"_s, QJsonValue::Null},
                      {u"token"_s, m_webhookToken}});
}

QString DiscordDouble::nextSnowflake()
{
    // Real layout (ms since the Discord epoch, worker, sequence), so ids
    // grow with time the way clients may rely on.
    const auto ms = quint64(QDateTime::currentMSecsSinceEpoch() - DiscordEpochMs);
    const auto sequence = quint64(m_snowflakeSequence++ & 0xFFF);
    return QString::number((ms << 22) | (quint64(1) << 17) | sequence);
}

} // namespace Vigia

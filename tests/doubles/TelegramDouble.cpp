#include "TelegramDouble.h"

#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerRequest>

using namespace Qt::StringLiterals;

namespace Vigia {

namespace {

using StatusCode = QHttpServerResponder::StatusCode;

// Telegram answers with the numeric chat id even when the client sent it
// as a string; "@channel" names are echoed as given.
QJsonObject chatFor(const QJsonValue &chatId)
{
    bool numeric = chatId.isDouble();
    qint64 id = chatId.toInteger();
    if (chatId.isString())
        id = chatId.toString().toLongLong(&numeric);
    if (!numeric)
        return {{u"id"_s, chatId}, {u"type"_s, u"channel"_s}};
    const QString type =
            id > 0 ? u"private"_s : (id <= -1000000000000 ? u"supergroup"_s : u"group"_s);
    return {{u"id"_s, id}, {u"type"_s, type}};
}

} // namespace

TelegramDouble::TelegramDouble(QObject *parent)
    : GatewayDouble(parent), m_botToken(u"123456:TEST"_s)
{
    server().route(u"/bot<arg>/sendMessage"_s, QHttpServerRequest::Method::Post,
                   [this](const QString &token, const QHttpServerRequest &request,
                          QHttpServerResponder &&responder) {
                       handleSend(request, std::move(responder),
                                  [this, &token](Mode mode, const QJsonObject &body) {
                                      return answerSend(mode, token, body);
                                  });
                   });
    server().route(
            u"/bot<arg>/getMe"_s, QHttpServerRequest::Method::Get,
            [this](const QString &token, const QHttpServerRequest &,
                   QHttpServerResponder &&responder) {
                ++m_getMeCount;
                if (interceptProbe(responder))
                    return;
                if (token != m_botToken) {
                    respond(responder, failure(StatusCode::Unauthorized, u"Unauthorized"_s));
                    return;
                }
                respond(responder,
                        jsonReply(StatusCode::Ok, {{u"ok"_s, true}, {u"result"_s, botUser()}}));
            });
}

TelegramDouble::~TelegramDouble() = default;

void TelegramDouble::setBotToken(const QString &token)
{
    m_botToken = token;
}

QUrl TelegramDouble::sendMessageUrl() const
{
    QUrl url = baseUrl();
    url.setPath(u"/bot%1/sendMessage"_s.arg(m_botToken));
    return url;
}

void TelegramDouble::setRetryAfterSeconds(int seconds)
{
    m_retryAfterSeconds = seconds;
}

GatewayDouble::Reply TelegramDouble::serverErrorReply() const
{
    return failure(StatusCode::InternalServerError, u"Internal Server Error"_s);
}

QJsonObject TelegramDouble::notFoundBody(const QHttpServerRequest &) const
{
    return failure(StatusCode::NotFound, u"Not Found"_s).body;
}

GatewayDouble::Reply TelegramDouble::answerSend(Mode mode, const QString &token,
                                                const QJsonObject &body)
{
    if (mode == Mode::ServerError)
        return serverErrorReply();
    if (mode == Mode::RateLimit) {
        Reply reply = failure(StatusCode::TooManyRequests,
                              u"Too Many Requests: retry after %1"_s.arg(m_retryAfterSeconds));
        reply.body.insert(u"parameters"_s, QJsonObject{{u"retry_after"_s, m_retryAfterSeconds}});
        return reply;
    }
    if (token != m_botToken)
        return failure(StatusCode::Unauthorized, u"Unauthorized"_s);

    const QJsonValue chatId = body.value(u"chat_id"_s);
    const QJsonValue text = body.value(u"text"_s);
    if (!(chatId.isDouble() || (chatId.isString() && !chatId.toString().isEmpty())))
        return failure(StatusCode::BadRequest, u"Bad Request: chat_id is empty"_s);
    if (!text.isString() || text.toString().isEmpty())
        return failure(StatusCode::BadRequest, u"Bad Request: message text is empty"_s);
    if (text.toString().toUcs4().size() > MaxTextLength)
        return failure(StatusCode::BadRequest, u"Bad Request: message is too long"_s);
    if (mode == Mode::Reject)
        return failure(StatusCode::Forbidden, u"Forbidden: bot was blocked by the user"_s);

    Reply reply = jsonReply(StatusCode::Ok,
                            {{u"ok"_s, true},
                             {u"result"_s,
                              QJsonObject{{u"message_id"_s, m_nextMessageId++},
                                          {u"from"_s, botUser()},
                                          {u"chat"_s, chatFor(chatId)},
                                          {u"date"_s, QDateTime::currentSecsSinceEpoch()},
                                          {u"text"_s, text}}}});
    reply.accepted = true;
    return reply;
}

GatewayDouble::Reply TelegramDouble::failure(StatusCode status, const QString &description)
{
    return jsonReply(
            status,
            {{u"ok"_s, false}, {u"error_code"_s, int(status)}, {u"description"_s, description}});
}

QJsonObject TelegramDouble::botUser() const
{
    // A bot's user id is the part of its token before the colon.
    return {{u"id"_s, m_botToken.section(u':', 0, 0).toLongLong()},
            {u"is_bot"_s, true},
            {u"first_name"_s, u"Vigía test bot"_s},
            {u"username"_s, u"vigia_test_bot"_s}};
}

} // namespace Vigia

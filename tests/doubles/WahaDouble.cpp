#include "WahaDouble.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QMetaEnum>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Vigia {

namespace {

using StatusCode = QHttpServerResponder::StatusCode;

const auto WorkingStatus = u"WORKING"_s;

bool isValidChatId(const QString &chatId)
{
    // Groups are accepted too, so a client that also targets groups is not
    // told off by the double for something real WAHA allows.
    static const QRegularExpression pattern(uR"(^(\d+@c\.us|\d+(-\d+)?@g\.us)$)"_s);
    return pattern.match(chatId).hasMatch();
}

QString whatsAppMessageId(const QString &chatId)
{
    // whatsapp-web.js serialises ids as fromMe_chatId_messageKey, the key
    // being uppercase hex.
    const quint64 high = QRandomGenerator::global()->generate64();
    const quint32 low = QRandomGenerator::global()->generate();
    return u"true_"_s + chatId + u'_' + QString::number(high, 16).rightJustified(16, u'0').toUpper()
            + QString::number(low, 16).rightJustified(8, u'0').toUpper();
}

} // namespace

WahaDouble::WahaDouble(QObject *parent)
    : GatewayDouble(parent),
      m_sessionName(u"default"_s),
      m_sessionStatus(WorkingStatus),
      m_statusAfterRestart(WorkingStatus)
{
    server().route(u"/api/sendText"_s, QHttpServerRequest::Method::Post,
                   [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                       handleSend(request, std::move(responder),
                                  [this, &request](Mode mode, const QJsonObject &body) {
                                      return answerSend(mode, request, body);
                                  });
                   });
    server().route(u"/api/sessions/<arg>"_s, QHttpServerRequest::Method::Get,
                   [this](const QString &name, const QHttpServerRequest &request,
                          QHttpServerResponder &&responder) {
                       handleStatus(name, request, std::move(responder));
                   });
    server().route(u"/api/sessions/<arg>/restart"_s, QHttpServerRequest::Method::Post,
                   [this](const QString &name, const QHttpServerRequest &request,
                          QHttpServerResponder &&responder) {
                       handleRestart(name, request, std::move(responder));
                   });
    server().route(u"/ping"_s, QHttpServerRequest::Method::Get,
                   [this](const QHttpServerRequest &, QHttpServerResponder &&responder) {
                       if (interceptProbe(responder))
                           return;
                       respond(responder, jsonReply(StatusCode::Ok, {{u"message"_s, u"pong"_s}}));
                   });
}

WahaDouble::~WahaDouble() = default;

void WahaDouble::setApiKey(const QByteArray &apiKey)
{
    m_apiKey = apiKey;
}

void WahaDouble::setSessionName(const QString &name)
{
    m_sessionName = name;
}

void WahaDouble::setSessionStatus(const QString &status)
{
    m_sessionStatus = status;
}

void WahaDouble::setStatusAfterRestart(const QString &status)
{
    m_statusAfterRestart = status;
}

QByteArray WahaDouble::hmacSha512Hex(const QByteArray &key, const QByteArray &body)
{
    return QMessageAuthenticationCode::hash(body, key, QCryptographicHash::Sha512).toHex();
}

GatewayDouble::Reply WahaDouble::serverErrorReply() const
{
    return jsonReply(StatusCode::InternalServerError,
                     {{u"statusCode"_s, 500}, {u"message"_s, u"Internal server error"_s}});
}

QJsonObject WahaDouble::notFoundBody(const QHttpServerRequest &request) const
{
    // NestJS's wording, which is what WAHA is built on.
    const QByteArray method =
            QByteArray(QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(
                               int(request.method())))
                    .toUpper();
    return {{u"statusCode"_s, 404},
            {u"message"_s,
             u"Cannot %1 %2"_s.arg(QString::fromLatin1(method), request.url().path())},
            {u"error"_s, u"Not Found"_s}};
}

GatewayDouble::Reply WahaDouble::answerSend(Mode mode, const QHttpServerRequest &request,
                                            const QJsonObject &body) const
{
    if (mode == Mode::ServerError)
        return serverErrorReply();
    if (mode == Mode::RateLimit) {
        return jsonReply(StatusCode::TooManyRequests,
                         {{u"statusCode"_s, 429},
                          {u"message"_s, u"ThrottlerException: Too Many Requests"_s}});
    }
    if (!authorized(request)) {
        return jsonReply(StatusCode::Unauthorized,
                         {{u"message"_s, u"Unauthorized"_s}, {u"statusCode"_s, 401}});
    }

    const QString chatId = body.value(u"chatId"_s).toString();
    const QJsonValue text = body.value(u"text"_s);
    if (!isValidChatId(chatId)) {
        return jsonReply(
                StatusCode::BadRequest,
                {{u"statusCode"_s, 400}, {u"message"_s, u"chatId must look like <number>@c.us"_s}});
    }
    if (m_unregistered.contains(chatId)) {
        return jsonReply(
                StatusCode::BadRequest,
                {{u"statusCode"_s, 400},
                 {u"message"_s, u"The number %1 is not registered on WhatsApp"_s.arg(chatId)}});
    }
    if (!text.isString() || text.toString().isEmpty()) {
        return jsonReply(StatusCode::BadRequest,
                         {{u"statusCode"_s, 400}, {u"message"_s, u"text should not be empty"_s}});
    }

    // WAHA fills in "default" when the client leaves the session out.
    const QString session = body.value(u"session"_s).toString(u"default"_s);
    const bool knownSession = session == m_sessionName;
    if (mode == Mode::Reject || !knownSession || m_sessionStatus != WorkingStatus) {
        const QString status =
                knownSession && m_sessionStatus != WorkingStatus ? m_sessionStatus : u"STOPPED"_s;
        return jsonReply(StatusCode::UnprocessableEntity,
                         {{u"error"_s,
                           u"Session status is not as expected. Try again later or restart the "
                           "session"_s},
                          {u"session"_s, session},
                          {u"status"_s, status},
                          {u"expected"_s, QJsonArray{WorkingStatus}}});
    }

    Reply reply = jsonReply(StatusCode::Created,
                            {{u"id"_s, whatsAppMessageId(chatId)},
                             {u"timestamp"_s, QDateTime::currentSecsSinceEpoch()},
                             {u"from"_s, u"me"_s},
                             {u"to"_s, chatId},
                             {u"body"_s, text.toString()},
                             {u"fromMe"_s, true}});
    reply.accepted = true;
    return reply;
}

void WahaDouble::handleStatus(const QString &name, const QHttpServerRequest &request,
                              QHttpServerResponder &&responder)
{
    ++m_statusRequestCount;
    Q_EMIT statusRequested();
    if (interceptProbe(responder))
        return;
    if (!authorized(request)) {
        respond(responder,
                jsonReply(StatusCode::Unauthorized,
                          {{u"message"_s, u"Unauthorized"_s}, {u"statusCode"_s, 401}}));
        return;
    }
    if (name != m_sessionName) {
        respond(responder, sessionNotFoundReply(name));
        return;
    }
    respond(responder,
            jsonReply(StatusCode::Ok,
                      {{u"name"_s, m_sessionName},
                       {u"status"_s, m_sessionStatus},
                       {u"config"_s, QJsonObject()},
                       {u"me"_s, QJsonValue::Null}}));
}

void WahaDouble::handleRestart(const QString &name, const QHttpServerRequest &request,
                               QHttpServerResponder &&responder)
{
    ++m_restartCount;
    if (interceptProbe(responder))
        return;
    if (!authorized(request)) {
        respond(responder,
                jsonReply(StatusCode::Unauthorized,
                          {{u"message"_s, u"Unauthorized"_s}, {u"statusCode"_s, 401}}));
        return;
    }
    if (name != m_sessionName) {
        respond(responder, sessionNotFoundReply(name));
        return;
    }
    // Jumping straight to the final status keeps tests free of timers; the
    // answer still says STARTING, as WAHA's does.
    m_sessionStatus = m_statusAfterRestart;
    respond(responder,
            jsonReply(StatusCode::Created, {{u"name"_s, name}, {u"status"_s, u"STARTING"_s}}));
    Q_EMIT restartRequested();
}

bool WahaDouble::authorized(const QHttpServerRequest &request) const
{
    return m_apiKey.isEmpty() || headerValue(request, "X-Api-Key"_ba) == m_apiKey;
}

GatewayDouble::Reply WahaDouble::sessionNotFoundReply(const QString &name) const
{
    return jsonReply(StatusCode::NotFound,
                     {{u"statusCode"_s, 404},
                      {u"message"_s, u"Session \"%1\" does not exist"_s.arg(name)},
                      {u"error"_s, u"Not Found"_s}});
}

} // namespace Vigia

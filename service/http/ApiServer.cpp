#include "ApiServer.h"

#include "ConversationRoutes.h"
#include "HttpListener.h"
#include "LiveFeedServer.h"
#include "MetricsRoutes.h"
#include "NotificationRoutes.h"
#include "Outbox.h"
#include "SecretRedaction.h"
#include "SessionRoutes.h"
#include "StatusRoutes.h"
#include "WahaWebhookRoutes.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpServer>

Q_LOGGING_CATEGORY(lcApi, "vigia.api", QtInfoMsg)

namespace Vigia {

using namespace Api;

ApiServer::ApiServer(const ApiContext &context, QObject *parent)
    : QAbstractHttpServer(parent),
      m_context(context),
      m_audit(context.store, context.journal, context.outbox->clock()),
      m_tokens(context.store, context.outbox->clock()),
      m_router(&m_tokens, context.maxBodyBytes),
      m_feed(new LiveFeedServer(this, context.store, &m_tokens, context.journal,
                                context.outbox->clock(), context.liveLimits, this)),
      m_notifications(new NotificationRoutes(context, &m_audit, this)),
      m_status(new StatusRoutes(context, &m_audit, this)),
      m_sessions(std::make_unique<SessionRoutes>(context)),
      m_conversations(std::make_unique<ConversationRoutes>(context, &m_audit)),
      m_wahaWebhook(std::make_unique<WahaWebhookRoutes>(context)),
      m_metrics(std::make_unique<MetricsRoutes>(context, m_feed))
{
    m_status->addRoutes(m_router);
    m_notifications->addRoutes(m_router);
    m_metrics->addRoutes(m_router);
    m_wahaWebhook->addRoutes(m_router);
    m_sessions->addRoutes(m_router);
    m_conversations->addRoutes(m_router);
    m_feed->addRoutes(m_router);
}

ApiServer::~ApiServer()
{
    // The feed closes its sockets before the server they came from goes.
    delete m_feed;
}

bool ApiServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    m_tcpServer = new HttpListener(
            m_context.httpLimits,
            [this](const QByteArray &method, const QString &path) {
                return m_router.bodyCapFor(method, path);
            },
            this);
    if (!m_tcpServer->listen(address, port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(address.toString())
                         .arg(port)
                         .arg(m_tcpServer->errorString());
        return false;
    }
    bind(m_tcpServer);
    return true;
}

quint16 ApiServer::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

int ApiServer::liveClientCount() const
{
    return m_feed->clientCount();
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Qt 6.4 hands a WebSocket upgrade to its WebSocket server only when this
    // returns true without answering; anywhere but /v1/live it gets a 404.
    // The token is checked once the socket is open (LiveFeedServer); what
    // must not become a WebSocket at all is answered by missingHandler().
    if (header(request, "Upgrade").compare("websocket", Qt::CaseInsensitive) == 0) {
        if (request.url().path() != QLatin1String("/v1/live"))
            return false;
        m_upgradeRefusal = m_feed->refuseUpgrade(request);
        return !m_upgradeRefusal;
    }
    // The responder outlives this call when a handler answers later; the
    // socket may be gone by then, so it is checked before writing.
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    QPointer<QTcpSocket> guard(socket);
    // Debug logging is off by default (QT_LOGGING_RULES="vigia.api.debug=true").
    const QString line = lcApi().isDebugEnabled()
            ? methodName(request.method()) + u' ' + request.url().path()
            : QString();
    Store *store = m_context.store;
    m_router.dispatch(request, [responder, guard, line, store](const Reply &reply) {
        // An answer may report a change (201 stored, 202 queued): it leaves
        // only once every commit before it is on disk.
        store->whenDurable(
                [responder, guard, line, reply] { writeReply(*responder, guard, line, reply); });
    });
    return true;
}

void ApiServer::writeReply(QHttpServerResponder &responder, const QPointer<QTcpSocket> &socket,
                           const QString &line, const Reply &reply)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    QByteArray payload = reply.text;
    QByteArray contentType = reply.contentType;
    if (reply.redactSecrets && reply.textIsData && SecretRedaction::mayHoldSecrets(payload)) {
        payload = QJsonDocument(SecretRedaction::redact(QJsonDocument::fromJson(payload).object()))
                          .toJson(QJsonDocument::Compact);
    }
    if (payload.isEmpty() && !reply.body.isNull()) {
        payload = reply.body.toJson(QJsonDocument::Compact);
        contentType = QByteArrayLiteral("application/json");
        // Serialised a second time only when the first one shows a secret.
        if (reply.redactSecrets && SecretRedaction::mayHoldSecrets(payload)) {
            const QJsonDocument redacted = reply.body.isArray()
                    ? QJsonDocument(
                            SecretRedaction::redact(QJsonValue(reply.body.array())).toArray())
                    : QJsonDocument(SecretRedaction::redact(reply.body.object()));
            payload = redacted.toJson(QJsonDocument::Compact);
        }
    }
    responder.writeStatusLine(reply.status);
    if (!contentType.isEmpty())
        responder.writeHeader(QByteArrayLiteral("Content-Type"), contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(payload.size()));
    for (const auto &[name, value] : reply.headers)
        responder.writeHeader(name, value);
    responder.writeBody(payload);
    qCDebug(lcApi).noquote() << line << int(reply.status);
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Qt calls this right after handleRequest() said no to an upgrade.
    const Reply reply = m_upgradeRefusal.value_or(jsonError(
            Status::NotFound, QStringLiteral("not_found"), QStringLiteral("no such endpoint")));
    m_upgradeRefusal.reset();
    makeResponder(request, socket).write(reply.body, reply.status);
}

} // namespace Vigia

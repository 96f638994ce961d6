#include "LiveFeedServer.h"

#include "ApiTokens.h"
#include "LiveJournal.h"
#include "Store.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QUrlQuery>
#include <QWebSocket>

namespace Vigia {

LiveFeedServer::LiveFeedServer(QAbstractHttpServer *server, Store *store, TokenCache *tokens,
                               LiveJournal *journal, QObject *parent)
    : QObject(parent), m_server(server), m_store(store), m_tokens(tokens), m_journal(journal)
{
    connect(server, &QAbstractHttpServer::newWebSocketConnection, this,
            &LiveFeedServer::acceptPending);
    // An event tells of a change: like an HTTP answer, it leaves once the
    // change is on disk.
    if (m_journal)
        connect(m_journal, &LiveJournal::published, this, [this](const LiveEvent &event) {
            // With nobody listening, asking for a flush would only cost one.
            if (m_clients.isEmpty())
                return;
            m_store->whenDurable([feed = QPointer<LiveFeedServer>(this), event] {
                if (feed)
                    feed->broadcast(event);
            });
        });
}

LiveFeedServer::~LiveFeedServer()
{
    for (QWebSocket *socket : std::as_const(m_clients)) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
}

void LiveFeedServer::acceptPending()
{
    while (m_server->hasPendingWebSocketConnections()) {
        QWebSocket *socket = m_server->nextPendingWebSocketConnection().release();
        socket->setParent(this);
        const QUrl url = socket->requestUrl();
        if (url.path() != QLatin1String("/v1/live")) {
            socket->close(QWebSocketProtocol::CloseCodeProtocolError,
                          QStringLiteral("no such endpoint"));
            socket->deleteLater();
            continue;
        }
        QByteArray authorization = socket->request().rawHeader("Authorization");
        const QUrlQuery query(url);
        // Browsers cannot set headers on a WebSocket; accept the token in the query too.
        if (authorization.isEmpty() && query.hasQueryItem(QStringLiteral("access_token")))
            authorization =
                    "Bearer " + query.queryItemValue(QStringLiteral("access_token")).toUtf8();
        const auto token = m_tokens->authenticate(authorization);
        if (!token) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                          QStringLiteral("unauthorized"));
            socket->deleteLater();
            continue;
        }
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_clients.removeAll(socket);
            m_roles.remove(socket);
            socket->deleteLater();
        });
        m_roles.insert(socket, token->role);
        bool ok = false;
        const qint64 since = query.queryItemValue(QStringLiteral("since")).toLongLong(&ok);
        const auto missed = ok ? m_journal->since(since) : std::nullopt;
        if (!missed) {
            socket->sendTextMessage(QString::fromUtf8(
                    LiveEvent{m_journal->currentSeq(), LiveEventType::Resync, {}}.toWire()));
        } else {
            for (const LiveEvent &e : *missed) {
                if (mayReceive(token->role, e))
                    socket->sendTextMessage(QString::fromUtf8(e.toWire()));
            }
        }
        m_clients.append(socket);
    }
}

bool LiveFeedServer::mayReceive(Role role, const LiveEvent &event)
{
    // The audit log is admin-only over REST; the feed must not leak it.
    return event.type != LiveEventType::Audit || roleAllows(role, Permission::Audit);
}

void LiveFeedServer::broadcast(const LiveEvent &event)
{
    if (m_clients.isEmpty())
        return;
    const QString wire = QString::fromUtf8(event.toWire());
    const QList<QWebSocket *> clients = m_clients;
    for (QWebSocket *socket : clients) {
        // A client that stopped reading gets dropped; it resumes or resyncs.
        if (socket->bytesToWrite() > qint64(8) * 1024 * 1024) {
            socket->close(QWebSocketProtocol::CloseCodeTooMuchData, QStringLiteral("too slow"));
            continue;
        }
        if (mayReceive(m_roles.value(socket, Role::Viewer), event))
            socket->sendTextMessage(wire);
    }
}

} // namespace Vigia

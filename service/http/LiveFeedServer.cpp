#include "LiveFeedServer.h"

#include "ApiTokens.h"
#include "LiveJournal.h"
#include "Router.h"
#include "Store.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QUrlQuery>
#include <QWebSocket>

namespace Vigia {

using namespace Api;

namespace {
const QString kTicket = QStringLiteral("ticket");
const QString kAccessToken = QStringLiteral("access_token");
constexpr int kCloseGraceMs = 2000;
} // namespace

LiveFeedServer::LiveFeedServer(QAbstractHttpServer *server, Store *store, TokenCache *tokens,
                               LiveJournal *journal, const Clock *clock,
                               const LiveFeedLimits &limits, QObject *parent)
    : QObject(parent),
      m_server(server),
      m_store(store),
      m_tokens(tokens),
      m_journal(journal),
      m_limits(limits),
      m_tickets(clock)
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
            // A change someone waits on (an answer) has asked for its flush
            // already; the others need not cost one each.
            m_store->whenDurableSoon([feed = QPointer<LiveFeedServer>(this), event] {
                if (feed)
                    feed->broadcast(event);
            });
        });
    m_revocationCheck.setInterval(m_limits.revocationCheckMs);
    connect(&m_revocationCheck, &QTimer::timeout, this, &LiveFeedServer::closeRevoked);
}

LiveFeedServer::~LiveFeedServer()
{
    // Dropped sockets still closing are children too; none may call back.
    const QList<QWebSocket *> sockets = findChildren<QWebSocket *>(Qt::FindDirectChildrenOnly);
    for (QWebSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
}

void LiveFeedServer::addRoutes(Router &router)
{
    router.add(Method::Post, QStringLiteral("/v1/live/ticket"), Access::Read, Router::Body::None,
               Router::sync(this, &LiveFeedServer::issueTicket));
}

Reply LiveFeedServer::issueTicket(const Call &call)
{
    const QByteArray tokenHash = ApiTokens::bearerHash(header(call.request, "Authorization"));
    const QString ticket = m_tickets.issue({call.caller, tokenHash});
    return json({{QStringLiteral("ticket"), ticket},
                 {QStringLiteral("expires_in"), LiveTickets::kLifetimeS}});
}

std::optional<Reply> LiveFeedServer::refuseUpgrade(const QHttpServerRequest &request) const
{
    // A token in the URL ends up in proxy and browser logs; it is refused,
    // not just ignored, so the mistake is seen at once.
    if (QUrlQuery(request.url()).hasQueryItem(kAccessToken))
        return jsonError(Status::BadRequest, QStringLiteral("token_in_url"),
                         QStringLiteral("access_token in the URL is not accepted: send an "
                                        "Authorization: Bearer header, or POST /v1/live/ticket "
                                        "and open /v1/live?ticket=…"));
    if (clientCount() >= m_limits.maxClients)
        return jsonError(Status::ServiceUnavailable, QStringLiteral("too_many_live_clients"),
                         QStringLiteral("%1 live-feed clients are connected, the limit "
                                        "([live] max_clients); try again later")
                                 .arg(m_limits.maxClients));
    return std::nullopt;
}

void LiveFeedServer::acceptPending()
{
    while (m_server->hasPendingWebSocketConnections()) {
        QWebSocket *socket = m_server->nextPendingWebSocketConnection().release();
        socket->setParent(this);
        // Clients only send control frames: a big message is an attack on memory.
        socket->setMaxAllowedIncomingFrameSize(quint64(m_limits.maxIncomingMessageBytes));
        socket->setMaxAllowedIncomingMessageSize(quint64(m_limits.maxIncomingMessageBytes));
        accept(socket);
    }
}

std::optional<LiveTickets::Holder> LiveFeedServer::authenticate(const QWebSocket *socket)
{
    const QUrlQuery query(socket->requestUrl());
    if (query.hasQueryItem(kTicket)) {
        auto holder = m_tickets.redeem(query.queryItemValue(kTicket));
        // The token that asked for the ticket may have been revoked since.
        if (!holder || !m_tokens->authenticateHash(holder->tokenHash))
            return std::nullopt;
        return holder;
    }
    const QByteArray hash = ApiTokens::bearerHash(socket->request().rawHeader("Authorization"));
    const auto token = m_tokens->authenticateHash(hash);
    if (!token)
        return std::nullopt;
    return LiveTickets::Holder{*token, hash};
}

void LiveFeedServer::accept(QWebSocket *socket)
{
    const QUrl url = socket->requestUrl();
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        forget(socket);
        socket->deleteLater();
    });
    std::optional<LiveTickets::Holder> holder;
    if (url.path() != QLatin1String("/v1/live")) {
        drop(socket, QWebSocketProtocol::CloseCodeProtocolError,
             QStringLiteral("no such endpoint"));
    } else if (clientCount() >= m_limits.maxClients) {
        // Upgrades that passed refuseUpgrade() together can still overshoot.
        drop(socket, QWebSocketProtocol::CloseCodeGoingAway,
             QStringLiteral("too many live-feed clients; try again later"));
    } else if (holder = authenticate(socket); !holder) {
        drop(socket, QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("unauthorized"));
    }
    if (!holder)
        return;
    bool hasSince = false;
    const qint64 since =
            QUrlQuery(url).queryItemValue(QStringLiteral("since")).toLongLong(&hasSince);
    replay(socket, holder->token.role, hasSince, since);
    m_clients.insert(socket, Client{holder->token.role, holder->tokenHash});
    if (!m_revocationCheck.isActive())
        m_revocationCheck.start();
}

void LiveFeedServer::forget(QWebSocket *socket)
{
    m_clients.remove(socket);
    if (m_clients.isEmpty())
        m_revocationCheck.stop();
}

void LiveFeedServer::drop(QWebSocket *socket, QWebSocketProtocol::CloseCode code,
                          const QString &reason)
{
    // Nothing more is sent to it; a peer that does not answer the close
    // handshake loses the connection anyway.
    forget(socket);
    socket->close(code, reason);
    QTimer::singleShot(kCloseGraceMs, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
}

void LiveFeedServer::replay(QWebSocket *socket, Role role, bool hasSince, qint64 since)
{
    const auto missed = hasSince ? m_journal->since(since) : std::nullopt;
    QList<QByteArray> wires;
    qint64 bytes = 0;
    if (missed) {
        for (const LiveEvent &e : *missed) {
            if (!mayReceive(role, e))
                continue;
            wires.append(variantFor(role, e));
            bytes += wires.constLast().size();
        }
    }
    // Too far behind to catch up within what a slow client may queue:
    // cheaper for both to reload.
    if (!missed || bytes > m_limits.maxBacklogBytes) {
        const LiveEvent resync =
                LiveEvent::make(m_journal->currentSeq(), LiveEventType::Resync, "{}");
        socket->sendTextMessage(QString::fromUtf8(resync.wire));
        return;
    }
    for (const QByteArray &wire : std::as_const(wires))
        socket->sendTextMessage(QString::fromUtf8(wire));
}

bool LiveFeedServer::mayReceive(Role role, const LiveEvent &event)
{
    // The audit log is admin-only over REST; the feed must not leak it.
    return event.type != LiveEventType::Audit || roleAllows(role, Permission::Audit);
}

const QByteArray &LiveFeedServer::variantFor(Role role, const LiveEvent &event)
{
    return roleAllows(role, Permission::SeeSecrets) ? event.wire : event.redactedWire;
}

void LiveFeedServer::broadcast(const LiveEvent &event)
{
    if (m_clients.isEmpty())
        return;
    // Each variant is decoded once for every client that gets it.
    const QString whole = QString::fromUtf8(event.wire);
    const QString redacted = event.redactedWire.isSharedWith(event.wire)
            ? whole
            : QString::fromUtf8(event.redactedWire);
    const QHash<QWebSocket *, Client> clients = m_clients;
    for (auto it = clients.cbegin(); it != clients.cend(); ++it) {
        QWebSocket *socket = it.key();
        // A client that stopped reading gets dropped; it resumes or resyncs.
        if (socket->bytesToWrite() > m_limits.maxBacklogBytes) {
            drop(socket, QWebSocketProtocol::CloseCodeTooMuchData, QStringLiteral("too slow"));
            continue;
        }
        if (mayReceive(it->role, event))
            socket->sendTextMessage(roleAllows(it->role, Permission::SeeSecrets) ? whole
                                                                                 : redacted);
    }
}

void LiveFeedServer::closeRevoked()
{
    // One question per token, however many sockets it has open; TokenCache
    // asks the store at most once a second per token.
    QHash<QByteArray, bool> live;
    const QHash<QWebSocket *, Client> clients = m_clients;
    for (auto it = clients.cbegin(); it != clients.cend(); ++it) {
        auto known = live.constFind(it->tokenHash);
        if (known == live.cend())
            known = live.insert(it->tokenHash,
                                m_tokens->authenticateHash(it->tokenHash).has_value());
        if (!*known)
            drop(it.key(), QWebSocketProtocol::CloseCodePolicyViolated,
                 QStringLiteral("token revoked"));
    }
}

} // namespace Vigia

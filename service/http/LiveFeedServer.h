#pragma once

#include "HttpApi.h"
#include "LiveFeedLimits.h"
#include "LiveTickets.h"
#include "Role.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QWebSocketProtocol>

#include <optional>

class QAbstractHttpServer;
class QWebSocket;

namespace Vigia {

class Clock;
class LiveJournal;
class Router;
class Store;
class TokenCache;
struct LiveEvent;

// GET /v1/live: the WebSocket feed. Authenticates each socket once it is
// open (a bearer header, or a ticket from POST /v1/live/ticket), replays
// what it missed since ?since=SEQ (or says resync), then pushes every
// journal event the client's role may see, in the variant its role may see.
// Closes the sockets of a token once it is revoked.
class LiveFeedServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveFeedServer)

public:
    LiveFeedServer(QAbstractHttpServer *server, Store *store, TokenCache *tokens,
                   LiveJournal *journal, const Clock *clock, const LiveFeedLimits &limits,
                   QObject *parent = nullptr);
    ~LiveFeedServer() override;

    void addRoutes(Router &router);
    // The answer for an upgrade request that must not become a WebSocket
    // (a token in the URL, too many clients), or nullopt to let it through.
    std::optional<Api::Reply> refuseUpgrade(const QHttpServerRequest &request) const;

    int clientCount() const { return int(m_clients.size()); }

private:
    struct Client
    {
        Role role = Role::Viewer;
        QByteArray tokenHash; // to notice the token's revocation
    };

    void acceptPending();
    void accept(QWebSocket *socket);
    std::optional<LiveTickets::Holder> authenticate(const QWebSocket *socket);
    void forget(QWebSocket *socket);
    void drop(QWebSocket *socket, QWebSocketProtocol::CloseCode code, const QString &reason);
    void replay(QWebSocket *socket, Role role, bool hasSince, qint64 since);
    void broadcast(const LiveEvent &event);
    void closeRevoked();
    Api::Reply issueTicket(const Api::Call &call);
    static bool mayReceive(Role role, const LiveEvent &event);
    static const QByteArray &variantFor(Role role, const LiveEvent &event);

    QAbstractHttpServer *m_server;
    Store *m_store;
    TokenCache *m_tokens;
    LiveJournal *m_journal;
    LiveFeedLimits m_limits;
    LiveTickets m_tickets;
    QHash<QWebSocket *, Client> m_clients;
    QTimer m_revocationCheck;
};

} // namespace Vigia

#pragma once

#include "Role.h"

#include <QHash>
#include <QList>
#include <QObject>

class QAbstractHttpServer;
class QWebSocket;

namespace Vigia {

class LiveJournal;
class Store;
class TokenCache;
struct LiveEvent;

// GET /v1/live: the WebSocket feed. Authenticates each socket once it is
// open, replays what it missed since ?since=SEQ (or says resync), then
// pushes every journal event the client's role may see.
class LiveFeedServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveFeedServer)

public:
    LiveFeedServer(QAbstractHttpServer *server, Store *store, TokenCache *tokens,
                   LiveJournal *journal, QObject *parent = nullptr);
    ~LiveFeedServer() override;

    int clientCount() const { return int(m_clients.size()); }

private:
    void acceptPending();
    void broadcast(const LiveEvent &event);
    static bool mayReceive(Role role, const LiveEvent &event);

    QAbstractHttpServer *m_server;
    Store *m_store;
    TokenCache *m_tokens;
    LiveJournal *m_journal;
    QList<QWebSocket *> m_clients;
    QHash<QWebSocket *, Role> m_roles; // what each client may see
};

} // namespace Vigia

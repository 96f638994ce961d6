#pragma once

#include "Store.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QList>
#include <QRegularExpression>

#include <functional>

class QTcpServer;
class QWebSocket;

namespace Vigia {

class DeliveryDispatcher;
class HealthProber;
class LiveJournal;
class OperatorActions;
class SessionRegistry;
class Outbox;
class StatusTracker;
class DiscordWebhookGateway;
struct LiveEvent;

struct ApiContext
{
    Store *store = nullptr;
    Outbox *outbox = nullptr;
    LiveJournal *journal = nullptr;
    StatusTracker *status = nullptr;
    const DiscordWebhookGateway *discord = nullptr;
    HealthProber *prober = nullptr;
    OperatorActions *actions = nullptr;
    SessionRegistry *sessions = nullptr;
    QByteArray wahaHmacKey; // empty: webhooks are not signed (loopback only)
    QString wahaSession;
    int maxBodyBytes = 64 * 1024;
    int maxReconcileBytes = 8 * 1024 * 1024; // a snapshot of 10,000+ people
};

// vigiad's REST API and WebSocket live feed on one port. Routing is our own
// (QHttpServer's is a technical preview in Qt 6.4) so every answer, also 404
// and 405, is the JSON error the contract promises.
class ApiServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    explicit ApiServer(const ApiContext &context, QObject *parent = nullptr);
    ~ApiServer() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    int liveClientCount() const { return int(m_liveClients.size()); }

    struct Reply
    {
        QHttpServerResponder::StatusCode status = QHttpServerResponder::StatusCode::Ok;
        QJsonDocument body;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray text; // a non-JSON body, such as Prometheus metrics
        QByteArray contentType; // of text
    };
    struct Call
    {
        const QHttpServerRequest &request;
        QStringList args;
        ApiToken caller;
        QJsonObject body;
    };
    // Answers a request later, from a handler that has to wait for something.
    using Respond = std::function<void(const Reply &)>;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    enum class Access { Public, Read, Ingest, Resolve, Operate, Audit };
    struct Route
    {
        QHttpServerRequest::Method method;
        QRegularExpression pattern;
        Access access;
        bool takesBody;
        std::function<void(ApiServer *, const Call &, const Respond &)> handler;
        int maxBodyBytes = 0; // 0: the server-wide cap
    };

    void addRoute(QHttpServerRequest::Method method, const QString &pattern, Access access,
                  bool takesBody, Reply (ApiServer::*handler)(const Call &));
    void addAsyncRoute(QHttpServerRequest::Method method, const QString &pattern, Access access,
                       void (ApiServer::*handler)(const Call &, const Respond &));
    void dispatch(const QHttpServerRequest &request, const Respond &respond);
    std::optional<ApiToken> authenticate(const QByteArray &authorization) const;
    void audit(const Call &call, const QString &action, const QString &target,
               const QString &outcome, const QJsonObject &detail = {});
    void recordAudit(const QString &actor, const QString &action, const QString &target,
                     const QString &outcome, const QJsonObject &detail);

    Reply healthz(const Call &call);
    Reply whoAmI(const Call &call);
    Reply status(const Call &call);
    Reply heartbeat(const Call &call);
    void createNotification(const Call &call, const Respond &respond);
    void flushCreates();
    Reply listNotifications(const Call &call);
    Reply getNotification(const Call &call);
    Reply retryNotification(const Call &call);
    Reply resolveNotification(const Call &call);
    Reply retryFailed(const Call &call);
    Reply queueStats(const Call &call);
    Reply queueCleanup(const Call &call);
    Reply auditLog(const Call &call);
    Reply metrics(const Call &call);
    Reply incidents(const Call &call);
    Reply listSessions(const Call &call);
    Reply putSession(const Call &call);
    Reply deleteSession(const Call &call);
    Reply reconcileSessions(const Call &call);
    Reply listConversations(const Call &call);
    Reply putConversation(const Call &call);
    Reply getConversation(const Call &call);
    Reply deleteConversation(const Call &call);
    Reply clearConversations(const Call &call);
    Reply wahaWebhook(const Call &call);
    void healthCheck(const Call &call, const Respond &respond);
    void restartBot(const Call &call, const Respond &respond);
    void restartGateway(const Call &call, const Respond &respond);

    void acceptWebSockets();
    void broadcast(const LiveEvent &event);

    ApiContext m_context;
    QTcpServer *m_tcpServer = nullptr;
    QList<Route> m_routes;
    QList<QWebSocket *> m_liveClients;
    // Creates that arrived in this turn of the event loop share one durable
    // commit: under load the fsync is paid once per batch, not per request.
    struct PendingCreate
    {
        EnqueueItem item;
        Respond respond;
    };
    QList<PendingCreate> m_pendingCreates;
    bool m_flushQueued = false;
    QHash<QWebSocket *, Role> m_liveRoles; // what each client may see
    static bool mayReceive(Role role, const LiveEvent &event);
};

// Helpers shared by the handlers and the tests' expectations.
ApiServer::Reply jsonError(QHttpServerResponder::StatusCode status, const QString &code,
                           const QString &message, const QJsonObject &extra = {});

} // namespace Vigia

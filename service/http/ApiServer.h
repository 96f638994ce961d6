#pragma once

#include "ApiContext.h"
#include "ApiTokens.h"
#include "AuditTrail.h"
#include "Router.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

class QTcpServer;

namespace Vigia {

class ConversationRoutes;
class LiveFeedServer;
class MetricsRoutes;
class NotificationRoutes;
class SessionRoutes;
class StatusRoutes;
class WahaWebhookRoutes;

// vigiad's REST API and WebSocket live feed on one port. It owns the
// router and one handler object per resource, and writes their replies.
// Routing is our own (QHttpServer's is a technical preview in Qt 6.4) so
// every answer, also 404 and 405, is the JSON error the contract promises.
class ApiServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    explicit ApiServer(const ApiContext &context, QObject *parent = nullptr);
    ~ApiServer() override;

    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const;
    int liveClientCount() const;
    // The routes served (for the contract test against docs/openapi.json).
    const Router &router() const { return m_router; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    static void writeReply(QHttpServerResponder &responder, const QPointer<QTcpSocket> &socket,
                           const QString &line, const Api::Reply &reply);

    ApiContext m_context;
    AuditTrail m_audit;
    TokenCache m_tokens;
    Router m_router;
    LiveFeedServer *m_feed;
    NotificationRoutes *m_notifications;
    StatusRoutes *m_status;
    std::unique_ptr<SessionRoutes> m_sessions;
    std::unique_ptr<ConversationRoutes> m_conversations;
    std::unique_ptr<WahaWebhookRoutes> m_wahaWebhook;
    std::unique_ptr<MetricsRoutes> m_metrics;
    QTcpServer *m_tcpServer = nullptr;
    std::optional<Api::Reply> m_upgradeRefusal; // for the missingHandler() call that follows
};

} // namespace Vigia

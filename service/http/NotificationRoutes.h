#pragma once

#include "ApiContext.h"
#include "HttpApi.h"
#include "NextPass.h"

#include "StoreTypes.h"

#include <QObject>

namespace Vigia {

class AuditTrail;
class Router;

// POST/GET /v1/notifications…, retry, resolve, queue stats and cleanup.
// Creates that arrive in one turn of the event loop share one durable commit:
// under load the fsync is paid once per batch, not per request.
class NotificationRoutes final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationRoutes)

public:
    NotificationRoutes(const ApiContext &context, AuditTrail *audit, QObject *parent = nullptr);

    void addRoutes(Router &router);

private:
    void createNotification(const Api::Call &call, const Api::Respond &respond);
    void flushCreates();
    Api::Reply listNotifications(const Api::Call &call);
    Api::Reply getNotification(const Api::Call &call);
    Api::Reply retryNotification(const Api::Call &call);
    Api::Reply resolveNotification(const Api::Call &call);
    Api::Reply claimNotification(const Api::Call &call);
    Api::Reply releaseNotification(const Api::Call &call);
    Api::Reply retryFailed(const Api::Call &call);
    Api::Reply queueStats(const Api::Call &call);
    Api::Reply queueCleanup(const Api::Call &call);

    struct PendingCreate
    {
        EnqueueItem item;
        Api::Respond respond;
    };
    ApiContext m_context;
    AuditTrail *m_audit;
    QList<PendingCreate> m_pendingCreates;
    NextPass m_flushPass{this, [this] { flushCreates(); }};
};

} // namespace Vigia

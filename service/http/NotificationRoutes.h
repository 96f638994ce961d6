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
// Creates that arrive in one turn of the event loop share one transaction,
// and one flush to disk: under load the fsync is paid once per batch, not per
// request. With an intake thread the transaction runs there, one batch at a
// time; what arrives meanwhile makes the next batch.
class NotificationRoutes final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationRoutes)

public:
    NotificationRoutes(const ApiContext &context, AuditTrail *audit, QObject *parent = nullptr);

    void addRoutes(Router &router);

private:
    struct PendingCreate
    {
        EnqueueItem item;
        Api::Respond respond;
    };
    void createNotification(const Api::Call &call, const Api::Respond &respond);
    void flushCreates();
    void answerCreates(const QList<PendingCreate> &batch, const QList<EnqueueResult> &results,
                       const QString &storeError);
    Api::Reply listNotifications(const Api::Call &call);
    Api::Reply getNotification(const Api::Call &call);
    Api::Reply retryNotification(const Api::Call &call);
    Api::Reply resolveNotification(const Api::Call &call);
    Api::Reply claimNotification(const Api::Call &call);
    Api::Reply releaseNotification(const Api::Call &call);
    Api::Reply retryFailed(const Api::Call &call);
    Api::Reply queueStats(const Api::Call &call);
    Api::Reply queueCleanup(const Api::Call &call);

    ApiContext m_context;
    AuditTrail *m_audit;
    QList<PendingCreate> m_pendingCreates;
    bool m_intakeBusy = false; // a batch is on the intake thread
    NextPass m_flushPass{this, [this] { flushCreates(); }};
};

} // namespace Vigia

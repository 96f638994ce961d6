#pragma once

#include "ApiContext.h"
#include "HttpApi.h"

#include <QDateTime>
#include <QJsonArray>
#include <QObject>

namespace Vigia {

class AuditTrail;
class Router;

// Liveness, who am I, the status, heartbeats, incidents, the audit log and
// the operator actions (health check, restarts).
class StatusRoutes final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusRoutes)

public:
    StatusRoutes(const ApiContext &context, AuditTrail *audit, QObject *parent = nullptr);

    void addRoutes(Router &router);

private:
    Api::Reply healthz(const Api::Call &call);
    Api::Reply openApi(const Api::Call &call);
    Api::Reply whoAmI(const Api::Call &call);
    Api::Reply status(const Api::Call &call);
    Api::Reply heartbeat(const Api::Call &call);
    Api::Reply incidents(const Api::Call &call);
    QJsonArray operatorActions(const QDateTime &from, const QDateTime &to, bool named,
                               bool *truncated) const;
    Api::Reply history(const Api::Call &call);
    Api::Reply digest(const Api::Call &call);
    Api::Reply auditLog(const Api::Call &call);
    void healthCheck(const Api::Call &call, const Api::Respond &respond);
    void restartBot(const Api::Call &call, const Api::Respond &respond);
    void restartGateway(const Api::Call &call, const Api::Respond &respond);

    ApiContext m_context;
    AuditTrail *m_audit;
};

} // namespace Vigia

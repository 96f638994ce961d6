#include "StatusRoutes.h"

#include "AuditTrail.h"
#include "HealthProber.h"
#include "LiveJournal.h"
#include "OperatorActions.h"
#include "Outbox.h"
#include "Router.h"
#include "StatusTracker.h"
#include <QFile>
#include <QJsonArray>
#include <QPointer>
#include <QUrlQuery>

namespace Vigia {

using namespace Api;

StatusRoutes::StatusRoutes(const ApiContext &context, AuditTrail *audit, QObject *parent)
    : QObject(parent), m_context(context), m_audit(audit)
{ }

void StatusRoutes::addRoutes(Router &router)
{
    using B = Router::Body;
    router.add(Method::Get, QStringLiteral("/healthz"), Access::Public, B::None,
               Router::sync(this, &StatusRoutes::healthz));
    router.add(Method::Get, QStringLiteral("/v1/openapi.json"), Access::Public, B::None,
               Router::sync(this, &StatusRoutes::openApi));
    router.add(Method::Get, QStringLiteral("/v1/whoami"), Access::Read, B::None,
               Router::sync(this, &StatusRoutes::whoAmI));
    router.add(Method::Get, QStringLiteral("/v1/status"), Access::Read, B::None,
               Router::sync(this, &StatusRoutes::status));
    router.add(Method::Post, QStringLiteral("/v1/heartbeat"), Access::Ingest, B::Json,
               Router::sync(this, &StatusRoutes::heartbeat));
    router.add(Method::Get, QStringLiteral("/v1/incidents"), Access::Read, B::None,
               Router::sync(this, &StatusRoutes::incidents));
    router.add(Method::Get, QStringLiteral("/v1/audit"), Access::Audit, B::None,
               Router::sync(this, &StatusRoutes::auditLog));
    router.add(Method::Post, QStringLiteral("/v1/health/check"), Access::Operate, B::Json,
               Router::async(this, &StatusRoutes::healthCheck));
    router.add(Method::Post, QStringLiteral("/v1/bot/restart"), Access::Operate, B::Json,
               Router::async(this, &StatusRoutes::restartBot));
    router.add(Method::Post, QStringLiteral("/v1/gateway/restart"), Access::Operate, B::Json,
               Router::async(this, &StatusRoutes::restartGateway));
}

Reply StatusRoutes::healthz(const Call &)
{
    return json({{QStringLiteral("ok"), true},
                 {QStringLiteral("version"), QStringLiteral(VIGIA_VERSION)}});
}

Reply StatusRoutes::openApi(const Call &)
{
    // docs/openapi.json, compiled in (service/http/CMakeLists.txt): the copy
    // served is the document in the repository.
    QFile file(QStringLiteral(":/vigia/openapi.json"));
    if (!file.open(QIODevice::ReadOnly))
        return jsonError(Status::InternalServerError, QStringLiteral("internal"),
                         QStringLiteral("the OpenAPI document is not built in"));
    Reply r;
    r.text = file.readAll();
    r.contentType = QByteArrayLiteral("application/json");
    return r;
}

Reply StatusRoutes::whoAmI(const Call &call)
{
    return json(
            {{QStringLiteral("name"), call.caller.name},
             {QStringLiteral("role"), roleName(call.caller.role)},
             {QStringLiteral("live_seq"), m_context.journal ? m_context.journal->currentSeq() : 0},
             {QStringLiteral("version"), QStringLiteral(VIGIA_VERSION)}});
}

Reply StatusRoutes::status(const Call &)
{
    return json(m_context.status->status().toJson());
}

Reply StatusRoutes::heartbeat(const Call &)
{
    m_context.status->recordHeartbeat();
    return json({{QStringLiteral("ok"), true},
                 {QStringLiteral("at"), toRfc3339(m_context.outbox->clock()->now())}});
}

Reply StatusRoutes::incidents(const Call &call)
{
    const QUrlQuery query(call.request.url());
    int limit = 100;
    if (query.hasQueryItem(QStringLiteral("limit")))
        limit = qBound(1, query.queryItemValue(QStringLiteral("limit")).toInt(), 1000);
    QJsonArray items;
    const QList<Incident> list = m_context.store->incidents(limit);
    for (const Incident &i : list)
        items.append(i.toJson());
    return json({{QStringLiteral("items"), items}});
}

Reply StatusRoutes::auditLog(const Call &call)
{
    const QUrlQuery query(call.request.url());
    int limit = 100;
    if (query.hasQueryItem(QStringLiteral("limit")))
        limit = qBound(1, query.queryItemValue(QStringLiteral("limit")).toInt(), 1000);
    QJsonArray items;
    const QString target = query.queryItemValue(QStringLiteral("target"), QUrl::FullyDecoded);
    const QList<AuditEntry> entries = m_context.store->audit(limit, target);
    for (const AuditEntry &e : entries)
        items.append(e.toJson());
    return json({{QStringLiteral("items"), items}});
}

void StatusRoutes::healthCheck(const Call &call, const Respond &respond)
{
    if (!m_context.prober) {
        respond(jsonError(Status::ServiceUnavailable, QStringLiteral("not_configured"),
                          QStringLiteral("no gateway to probe")));
        return;
    }
    QPointer<StatusRoutes> self(this);
    const QString actor = call.caller.name;
    m_context.prober->probeNow([self, respond, actor](const ProbeResult &r) {
        if (!self)
            return;
        QJsonObject body = r.toJson();
        body.insert(QStringLiteral("signal"),
                    self->m_context.status->status().healthcheck.toJson());
        self->m_audit->record(actor, AuditAction::HealthCheck, QString(),
                              r.passed ? QStringLiteral("ok") : QStringLiteral("failing"), body);
        respond(json(body));
    });
}

static Reply actionReply(const ActionResult &r)
{
    if (r.ok)
        return json(r.toJson());
    if (r.busy)
        return jsonError(Status::Conflict, QStringLiteral("action_running"), r.error);
    if (!r.configured)
        return jsonError(Status::ServiceUnavailable, QStringLiteral("not_configured"), r.error);
    return jsonError(Status::BadGateway, QStringLiteral("action_failed"), r.error, r.toJson());
}

void StatusRoutes::restartBot(const Call &call, const Respond &respond)
{
    QPointer<StatusRoutes> self(this);
    const QString actor = call.caller.name;
    m_context.actions->restartBot([self, respond, actor](const ActionResult &r) {
        if (!self)
            return;
        // Refused because another action runs: nothing happened, nothing to audit.
        if (!r.busy)
            self->m_audit->record(actor, AuditAction::BotRestart, QString(),
                                  r.ok ? QStringLiteral("ok") : QStringLiteral("failed"),
                                  r.toJson());
        respond(actionReply(r));
    });
}

void StatusRoutes::restartGateway(const Call &call, const Respond &respond)
{
    QPointer<StatusRoutes> self(this);
    const QString actor = call.caller.name;
    m_context.actions->restartGateway([self, respond, actor](const ActionResult &r) {
        if (!self)
            return;
        // Refused because another action runs: nothing happened, nothing to audit.
        if (!r.busy)
            self->m_audit->record(actor, AuditAction::GatewayRestart, QString(),
                                  r.ok ? QStringLiteral("ok") : QStringLiteral("failed"),
                                  r.toJson());
        respond(actionReply(r));
    });
}

} // namespace Vigia

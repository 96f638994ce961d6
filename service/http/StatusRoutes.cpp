#include "StatusRoutes.h"

#include "AuditTrail.h"
#include "HealthProber.h"
#include "HistoryRecorder.h"
#include "LiveJournal.h"
#include "OperatorActions.h"
#include "Outbox.h"
#include "Router.h"
#include "StatusTracker.h"
#include "TimeCodec.h"
#include <QFile>
#include <QJsonArray>
#include <QPointer>
#include <QUrlQuery>

namespace Vigia {

CommunicationStatus ApiContext::currentStatus() const
{
    if (isLeader())
        return status->status();
    // A follower's own tracker is not evaluated: the leader's saved status
    // is the status (unknown until a leader has saved one).
    const CommunicationStatus saved = CommunicationStatus::fromJson(store->lastStatus());
    return saved.state == StatusState::Unknown ? status->status() : saved;
}

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
    router.add(Method::Get, QStringLiteral("/v1/history"), Access::Read, B::None,
               Router::sync(this, &StatusRoutes::history));
    router.add(Method::Get, QStringLiteral("/v1/digest"), Access::Read, B::None,
               Router::sync(this, &StatusRoutes::digest));
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
    // Behind a load balancer, which instance answered and whether it leads.
    QJsonObject body{{QStringLiteral("ok"), true},
                     {QStringLiteral("version"), QStringLiteral(VIGIA_VERSION)},
                     {QStringLiteral("leader"), m_context.isLeader()}};
    if (!m_context.instanceId.isEmpty())
        body.insert(QStringLiteral("instance"), m_context.instanceId);
    return json(body);
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
    return json(m_context.currentStatus().toJson());
}

Reply StatusRoutes::heartbeat(const Call &)
{
    m_context.status->recordHeartbeat();
    return json({{QStringLiteral("ok"), true},
                 {QStringLiteral("at"), toRfc3339(m_context.outbox->clock()->now())}});
}

// What operators did to the system over [from, to), for the charts to mark
// beside what followed. Claims come and go with the work on one failure and
// retention is vigiad's own: neither is an operator's act on the system. Who
// did it is for those who may read the audit.
QJsonArray StatusRoutes::operatorActions(const QDateTime &from, const QDateTime &to, bool named,
                                         bool *truncated) const
{
    constexpr int kMaxActions = 500;
    QJsonArray actions;
    *truncated = false;
    for (const AuditEntry &e : m_context.store->auditSince(from, 4 * kMaxActions)) {
        if (e.at >= to)
            break;
        const auto action = auditActionFromName(e.action);
        if (!action || *action == AuditAction::Claim || *action == AuditAction::Release
            || *action == AuditAction::Retention)
            continue;
        if (actions.size() == kMaxActions) {
            *truncated = true;
            break;
        }
        QJsonObject a{{QStringLiteral("at"), toRfc3339(e.at)},
                      {QStringLiteral("action"), e.action},
                      {QStringLiteral("outcome"), e.outcome}};
        if (named)
            a.insert(QStringLiteral("actor"), e.actor);
        actions.append(a);
    }
    return actions;
}

Reply StatusRoutes::history(const Call &call)
{
    const QUrlQuery query(call.request.url());
    const auto invalid = [](const QString &field, const QString &message) {
        return jsonError(Status::BadRequest, QStringLiteral("invalid_parameter"), message,
                         {{QStringLiteral("field"), field}});
    };
    const QDateTime now = m_context.outbox->clock()->now();
    const auto time = [&](const QString &name,
                          const QDateTime &fallback) -> std::optional<QDateTime> {
        const QString text = query.queryItemValue(name, QUrl::FullyDecoded);
        if (text.isEmpty())
            return fallback;
        const QDateTime t = fromRfc3339(text);
        return t.isValid() ? std::optional<QDateTime>(t) : std::nullopt;
    };
    int step = 60;
    if (query.hasQueryItem(QStringLiteral("step"))) {
        bool ok = false;
        step = query.queryItemValue(QStringLiteral("step")).toInt(&ok);
        if (!ok || step < 60 || step > 86400 || step % 60 != 0)
            return invalid(QStringLiteral("step"),
                           QStringLiteral("step must be a whole number of minutes in seconds, "
                                          "60..86400 (60, 300, 3600, 86400)"));
    }
    const auto to = time(QStringLiteral("to"), now);
    if (!to)
        return invalid(QStringLiteral("to"), QStringLiteral("to must be an RFC 3339 time"));
    const auto from = time(QStringLiteral("from"), to->addSecs(-3600));
    if (!from)
        return invalid(QStringLiteral("from"), QStringLiteral("from must be an RFC 3339 time"));
    if (*from >= *to)
        return invalid(QStringLiteral("from"), QStringLiteral("from must be before to"));
    constexpr qint64 kMaxBuckets = 1500;
    if (from->secsTo(*to) / step > kMaxBuckets)
        return invalid(QStringLiteral("step"),
                       QStringLiteral("at most %1 buckets: widen step or narrow from..to")
                               .arg(kMaxBuckets));

    // Whole hours read the hourly rollup, kept a year; finer steps the
    // minutes, kept two weeks.
    QList<HistoryBucket> buckets = step % 3600 == 0
            ? m_context.store->hourlyHistory(*from, *to, step)
            : m_context.store->history(*from, *to, step);
    // The minute under way is not stored yet: it joins its bucket here, so a
    // chart is current to the second.
    if (m_context.history) {
        const HistoryBucket current = m_context.history->currentMinute();
        if (current.at >= *from && current.at < *to) {
            const qint64 stepMs = qint64(step) * 1000;
            const qint64 start = current.at.toMSecsSinceEpoch() / stepMs * stepMs;
            if (buckets.isEmpty() || buckets.constLast().at.toMSecsSinceEpoch() != start) {
                HistoryBucket b;
                b.at = QDateTime::fromMSecsSinceEpoch(start, Qt::UTC);
                b.stepS = step;
                buckets.append(b);
            }
            HistoryBucket &last = buckets.last();
            for (auto it = current.channels.cbegin(); it != current.channels.cend(); ++it)
                last.channels[it.key()].merge(it.value());
            last.waiting = qMax(last.waiting, current.waiting);
            last.failedTotal = current.failedTotal;
            last.state = current.state;
        }
    }
    QJsonArray bucketsJson;
    for (const HistoryBucket &b : std::as_const(buckets))
        bucketsJson.append(b.toJson());
    QJsonArray periods;
    for (const StatusPeriod &p : m_context.store->statusPeriods(*from, *to))
        periods.append(p.toJson());
    bool actionsTruncated = false;
    const QJsonArray actions = operatorActions(
            *from, *to, roleAllows(call.caller.role, Permission::Audit), &actionsTruncated);
    return json({{QStringLiteral("from"), toRfc3339(*from)},
                 {QStringLiteral("to"), toRfc3339(*to)},
                 {QStringLiteral("step_s"), step},
                 {QStringLiteral("buckets"), bucketsJson},
                 {QStringLiteral("periods"), periods},
                 {QStringLiteral("actions"), actions},
                 {QStringLiteral("actions_truncated"), actionsTruncated}});
}

Reply StatusRoutes::digest(const Call &call)
{
    // What changed while a console was away: the status' periods, what the
    // outbox did, the incidents, and (for those who may read the audit)
    // what other operators did. From the history, so a minute is the grain.
    const QUrlQuery query(call.request.url());
    const QDateTime now = m_context.outbox->clock()->now();
    const QDateTime asked =
            fromRfc3339(query.queryItemValue(QStringLiteral("since"), QUrl::FullyDecoded));
    if (!asked.isValid() || asked > now)
        return jsonError(Status::BadRequest, QStringLiteral("invalid_parameter"),
                         QStringLiteral("since must be an RFC 3339 time, not in the future"),
                         {{QStringLiteral("field"), QStringLiteral("since")}});
    const QDateTime kept = now.addDays(-HistoryRecorder::kKeepDays);
    const QDateTime since = qMax(asked, kept);

    ChannelActivity total;
    QJsonObject byChannel;
    QMap<QString, ChannelActivity> channels;
    for (const HistoryBucket &b : m_context.store->history(since, now, 86400)) {
        for (auto it = b.channels.cbegin(); it != b.channels.cend(); ++it)
            channels[it.key()].merge(it.value());
    }
    if (m_context.history) {
        const HistoryBucket current = m_context.history->currentMinute();
        for (auto it = current.channels.cbegin(); it != current.channels.cend(); ++it)
            channels[it.key()].merge(it.value());
    }
    for (auto it = channels.cbegin(); it != channels.cend(); ++it) {
        total.merge(it.value());
        byChannel.insert(it.key(), it.value().toJson());
    }
    QJsonArray periods;
    for (const StatusPeriod &p : m_context.store->statusPeriods(since, now))
        periods.append(p.toJson());
    QJsonArray incidents;
    for (const Incident &i : m_context.store->incidents(100)) {
        if (i.startedAt >= since || (i.endedAt.isValid() && i.endedAt >= since) || i.isOpen())
            incidents.append(i.toJson());
    }
    QJsonObject body{{QStringLiteral("since"), toRfc3339(since)},
                     {QStringLiteral("until"), toRfc3339(now)},
                     {QStringLiteral("since_truncated"), since != asked},
                     {QStringLiteral("activity"), total.toJson()},
                     {QStringLiteral("channels"), byChannel},
                     {QStringLiteral("periods"), periods},
                     {QStringLiteral("incidents"), incidents}};
    const CommunicationStatus &status = m_context.status->status();
    body.insert(QStringLiteral("now"),
                QJsonObject{{QStringLiteral("state"), statusStateName(status.state)},
                            {QStringLiteral("failed"), status.counts.failed},
                            {QStringLiteral("waiting"), status.counts.waiting}});
    if (roleAllows(call.caller.role, Permission::Audit)) {
        constexpr int kMaxActions = 200;
        const QList<AuditEntry> entries = m_context.store->auditSince(since, kMaxActions + 1);
        QJsonArray actions;
        for (const AuditEntry &e : entries.mid(0, kMaxActions))
            actions.append(e.toJson());
        body.insert(QStringLiteral("actions"), actions);
        body.insert(QStringLiteral("actions_truncated"), entries.size() > kMaxActions);
    }
    return json(body);
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

#include "PostgresIncidentStore.h"

#include <QJsonDocument>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Vigia {

using namespace Pg;

namespace {
const QString kAuditColumns =
        QStringLiteral("SELECT id, at_ms, actor, action, target, outcome, detail FROM audit");
const QString kIncidentColumns = QStringLiteral(
        "SELECT id, kind, reached, started_ms, ended_ms, resolution, notification_ids"
        " FROM incidents");

QList<AuditEntry> readAudit(QSqlQuery &q)
{
    QList<AuditEntry> out;
    while (q.next()) {
        out.append({q.value(0).toString(), fromMs(q.value(1)), q.value(2).toString(),
                    q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                    QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object()});
    }
    return out;
}

QList<Incident> readIncidents(QSqlQuery &q)
{
    QList<Incident> out;
    while (q.next()) {
        Incident i;
        i.id = q.value(0).toString();
        i.kind = Incident::kindFromName(q.value(1).toString())
                         .value_or(Incident::Kind::TotalCommunicationLoss);
        i.reached =
                Incident::reachedFromName(q.value(2).toString()).value_or(Incident::Reached::None);
        i.startedAt = fromMs(q.value(3));
        i.endedAt = fromMs(q.value(4));
        i.resolution = q.value(5).toString();
        i.notificationIds = q.value(6).toString().split(u'\n', Qt::SkipEmptyParts);
        out.append(i);
    }
    return out;
}
} // namespace

void PostgresIncidentStore::appendAudit(const AuditEntry &entry)
{
    QSqlQuery q(m_db);
    QString error;
    if (!run(q,
             QStringLiteral("INSERT INTO audit (at_ms, actor, action, target, outcome, detail)"
                            " VALUES (?,?,?,?,?,?)"),
             {ms(entry.at), entry.actor, entry.action, textOrNull(entry.target), entry.outcome,
              QString::fromUtf8(QJsonDocument(entry.detail).toJson(QJsonDocument::Compact))},
             &error))
        qCWarning(lcStore) << "audit insert failed:" << error;
}

QList<AuditEntry> PostgresIncidentStore::audit(int limit, const QString &target)
{
    QSqlQuery q(m_db);
    QVariantList binds;
    if (!target.isEmpty())
        binds << target;
    binds << limit;
    return run(q,
               kAuditColumns + (target.isEmpty() ? QString() : QStringLiteral(" WHERE target = ?"))
                       + QStringLiteral(" ORDER BY id DESC LIMIT ?"),
               binds)
            ? readAudit(q)
            : QList<AuditEntry>();
}

QList<AuditEntry> PostgresIncidentStore::auditSince(const QDateTime &since, int limit)
{
    QSqlQuery q(m_db);
    return run(q, kAuditColumns + QStringLiteral(" WHERE at_ms >= ? ORDER BY at_ms, id LIMIT ?"),
               {ms(since), limit})
            ? readAudit(q)
            : QList<AuditEntry>();
}

int PostgresIncidentStore::purge(const QString &table, const QString &selection,
                                 const QVariantList &binds)
{
    QSqlQuery q(m_db);
    QString error;
    if (!run(q,
             QStringLiteral("DELETE FROM %1 WHERE id IN (%2 FOR UPDATE SKIP LOCKED)")
                     .arg(table, selection),
             binds, &error)) {
        qCWarning(lcStore) << "retention of" << table << "failed:" << error;
        return -1;
    }
    return q.numRowsAffected();
}

int PostgresIncidentStore::purgeAudit(const QDateTime &olderThan, int limit)
{
    return purge(QStringLiteral("audit"),
                 QStringLiteral("SELECT id FROM audit WHERE at_ms < ? ORDER BY at_ms LIMIT ?"),
                 {ms(olderThan), limit});
}

int PostgresIncidentStore::purgeIncidents(const QDateTime &olderThan, int limit)
{
    // An open incident is kept, however old.
    return purge(QStringLiteral("incidents"),
                 QStringLiteral("SELECT id FROM incidents WHERE started_ms < ?"
                                " AND ended_ms IS NOT NULL AND ended_ms < ?"
                                " ORDER BY started_ms LIMIT ?"),
                 {ms(olderThan), ms(olderThan), limit});
}

bool PostgresIncidentStore::saveIncident(const Incident &incident)
{
    QSqlQuery q(m_db);
    QString error;
    const QString ids = incident.notificationIds.join(u'\n');
    if (!run(q,
             QStringLiteral(
                     "INSERT INTO incidents (id, kind, reached, started_ms, ended_ms, resolution,"
                     " notification_ids) VALUES (?,?,?,?,?,?,COALESCE(?, ''))"
                     " ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind,"
                     " reached = EXCLUDED.reached, started_ms = EXCLUDED.started_ms,"
                     " ended_ms = EXCLUDED.ended_ms, resolution = EXCLUDED.resolution,"
                     " notification_ids = EXCLUDED.notification_ids"),
             {incident.id, Incident::kindName(incident.kind),
              Incident::reachedName(incident.reached), ms(incident.startedAt),
              msOrNull(incident.endedAt), textOrNull(incident.resolution), ids},
             &error)) {
        qCWarning(lcStore) << "incident save failed:" << error;
        return false;
    }
    return true;
}

QList<Incident> PostgresIncidentStore::incidents(int limit)
{
    QSqlQuery q(m_db);
    return run(q, kIncidentColumns + QStringLiteral(" ORDER BY started_ms DESC, id DESC LIMIT ?"),
               {limit})
            ? readIncidents(q)
            : QList<Incident>();
}

std::optional<Incident> PostgresIncidentStore::openIncident()
{
    QSqlQuery q(m_db);
    if (!run(q,
             kIncidentColumns
                     + QStringLiteral(" WHERE ended_ms IS NULL ORDER BY started_ms DESC LIMIT 1"),
             {}))
        return std::nullopt;
    QList<Incident> found = readIncidents(q);
    if (found.isEmpty())
        return std::nullopt;
    return found.takeFirst();
}

bool PostgresIncidentStore::rememberWebhookEvent(const QString &eventId, const QDateTime &now)
{
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("INSERT INTO webhook_events (event_id, received_ms) VALUES (?, ?)"
                            " ON CONFLICT (event_id) DO NOTHING"),
             {eventId, ms(now)}))
        return true; // as SQLite: a store that failed does not drop the event
    const bool fresh = q.numRowsAffected() == 1;
    // A week of ids is plenty to catch WAHA's retries.
    QSqlQuery prune(m_db);
    run(prune, QStringLiteral("DELETE FROM webhook_events WHERE received_ms < ?"),
        {ms(now) - 7LL * 24 * 3600 * 1000});
    return fresh;
}

bool PostgresIncidentStore::saveLastStatus(const QJsonObject &status, const QDateTime &now)
{
    QSqlQuery q(m_db);
    return run(q,
               QStringLiteral("INSERT INTO service_state (key, value, updated_ms)"
                              " VALUES ('last_status', ?, ?) ON CONFLICT (key) DO UPDATE"
                              " SET value = EXCLUDED.value, updated_ms = EXCLUDED.updated_ms"),
               {QString::fromUtf8(QJsonDocument(status).toJson(QJsonDocument::Compact)), ms(now)});
}

QJsonObject PostgresIncidentStore::lastStatus()
{
    QSqlQuery q(m_db);
    if (run(q, QStringLiteral("SELECT value FROM service_state WHERE key = 'last_status'"), {})
        && q.next())
        return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
    return {};
}

bool PostgresIncidentStore::saveHeartbeat(const QDateTime &at)
{
    // Instances that receive heartbeats close together may write them out of
    // order: the stored one never goes back.
    QSqlQuery q(m_db);
    return run(q,
               QStringLiteral("INSERT INTO service_state (key, value, updated_ms)"
                              " VALUES ('last_heartbeat', '', ?) ON CONFLICT (key) DO UPDATE"
                              " SET updated_ms = EXCLUDED.updated_ms"
                              " WHERE service_state.updated_ms < EXCLUDED.updated_ms"),
               {ms(at)});
}

QDateTime PostgresIncidentStore::lastHeartbeat()
{
    QSqlQuery q(m_db);
    if (run(q, QStringLiteral("SELECT updated_ms FROM service_state WHERE key = 'last_heartbeat'"),
            {})
        && q.next())
        return fromMs(q.value(0));
    return {};
}

} // namespace Vigia

#include "SqliteIncidentStore.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Vigia {

using namespace Sql;

void SqliteIncidentStore::appendAudit(const AuditEntry &entry)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO audit (at_ms, actor, action, target, outcome, detail) "
                             "VALUES (?,?,?,?,?,?)"));
    q.addBindValue(ms(entry.at));
    q.addBindValue(entry.actor);
    q.addBindValue(entry.action);
    q.addBindValue(textOrNull(entry.target));
    q.addBindValue(entry.outcome);
    q.addBindValue(QString::fromUtf8(QJsonDocument(entry.detail).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        qCWarning(lcStore) << "audit insert failed:" << q.lastError().text();
}

namespace {
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
} // namespace

QList<AuditEntry> SqliteIncidentStore::audit(int limit, const QString &target)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, at_ms, actor, action, target, outcome, detail FROM audit ")
              + (target.isEmpty() ? QString() : QStringLiteral("WHERE target = ? "))
              + QStringLiteral("ORDER BY id DESC LIMIT ?"));
    if (!target.isEmpty())
        q.addBindValue(target);
    q.addBindValue(limit);
    return q.exec() ? readAudit(q) : QList<AuditEntry>();
}

QList<AuditEntry> SqliteIncidentStore::auditSince(const QDateTime &since, int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, at_ms, actor, action, target, outcome, detail FROM audit"
                             " WHERE at_ms >= ? ORDER BY at_ms, id LIMIT ?"));
    q.addBindValue(ms(since));
    q.addBindValue(limit);
    return q.exec() ? readAudit(q) : QList<AuditEntry>();
}

QString SqliteIncidentStore::purgeAuditSql()
{
    return QStringLiteral("SELECT id FROM audit WHERE at_ms < ? ORDER BY at_ms LIMIT ?");
}

QString SqliteIncidentStore::purgeIncidentsSql()
{
    // An incident ends after it starts: walking incidents_started up to the
    // cut-off finds every one that ended before it.
    return QStringLiteral("SELECT id FROM incidents WHERE started_ms < ? AND ended_ms IS NOT NULL"
                          " AND ended_ms < ? ORDER BY started_ms LIMIT ?");
}

namespace {

int purge(QSqlDatabase &db, const QString &table, const QString &selection,
          const QVariantList &values)
{
    Transaction tx(db);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM %1 WHERE id IN (%2)").arg(table, selection));
    for (const QVariant &value : values)
        q.addBindValue(value);
    if (!q.exec()) {
        qCWarning(lcStore) << "retention of" << table << "failed:" << q.lastError().text();
        return -1;
    }
    const int removed = q.numRowsAffected();
    if (!tx.commit()) {
        qCWarning(lcStore) << "retention of" << table << "failed to commit:" << tx.lastError();
        return -1;
    }
    return removed;
}

} // namespace

int SqliteIncidentStore::purgeAudit(const QDateTime &olderThan, int limit)
{
    return purge(m_db, QStringLiteral("audit"), purgeAuditSql(), {ms(olderThan), limit});
}

int SqliteIncidentStore::purgeIncidents(const QDateTime &olderThan, int limit)
{
    return purge(m_db, QStringLiteral("incidents"), purgeIncidentsSql(),
                 {ms(olderThan), ms(olderThan), limit});
}

bool SqliteIncidentStore::saveIncident(const Incident &incident)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO incidents (id, kind, reached, started_ms, ended_ms, resolution,"
            " notification_ids) VALUES (?,?,?,?,?,?,?)"));
    q.addBindValue(incident.id);
    q.addBindValue(Incident::kindName(incident.kind));
    q.addBindValue(Incident::reachedName(incident.reached));
    q.addBindValue(ms(incident.startedAt));
    q.addBindValue(msOrNull(incident.endedAt));
    q.addBindValue(textOrNull(incident.resolution));
    const QString ids = incident.notificationIds.join(u'\n');
    q.addBindValue(ids.isNull() ? QString::fromLatin1("")
                                : ids); // a null QString would bind as NULL
    if (!q.exec()) {
        qCWarning(lcStore) << "incident save failed:" << q.lastError().text();
        return false;
    }
    return true;
}

QList<Incident> SqliteIncidentStore::readIncidents(QSqlQuery &q)
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

QList<Incident> SqliteIncidentStore::incidents(int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "SELECT id, kind, reached, started_ms, ended_ms, resolution, notification_ids"
            " FROM incidents ORDER BY started_ms DESC, id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return {};
    return readIncidents(q);
}

std::optional<Incident> SqliteIncidentStore::openIncident()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral(
                "SELECT id, kind, reached, started_ms, ended_ms, resolution, notification_ids"
                " FROM incidents WHERE ended_ms IS NULL ORDER BY started_ms DESC LIMIT 1")))
        return std::nullopt;
    QList<Incident> found = readIncidents(q);
    if (found.isEmpty())
        return std::nullopt;
    return found.takeFirst();
}

bool SqliteIncidentStore::rememberWebhookEvent(const QString &eventId, const QDateTime &now)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "INSERT OR IGNORE INTO webhook_events (event_id, received_ms) VALUES (?, ?)"));
    q.addBindValue(eventId);
    q.addBindValue(ms(now));
    if (!q.exec())
        return true;
    const bool fresh = q.numRowsAffected() == 1;
    // A week of ids is plenty to catch WAHA's retries.
    QSqlQuery prune(m_db);
    prune.prepare(QStringLiteral("DELETE FROM webhook_events WHERE received_ms < ?"));
    prune.addBindValue(ms(now) - 7LL * 24 * 3600 * 1000);
    prune.exec();
    return fresh;
}

bool SqliteIncidentStore::saveLastStatus(const QJsonObject &status, const QDateTime &now)
{
    auto statement = reusable(QStringLiteral(
            "INSERT INTO service_state (key, value, updated_ms) VALUES ('last_status', ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
            " updated_ms = excluded.updated_ms"));
    QSqlQuery &q = *statement;
    q.addBindValue(compactJson(status));
    q.addBindValue(ms(now));
    return q.exec();
}

QJsonObject SqliteIncidentStore::lastStatus()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT value FROM service_state WHERE key = 'last_status'"))
        && q.next())
        return parseObject(q.value(0));
    return {};
}

} // namespace Vigia

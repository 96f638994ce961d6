// The outbox's housekeeping and numbers: what an admin's cleanup and the
// retention timer delete, and the counts the status and queue stats show.
#include "SqliteOutboxStore.h"

#include <QSqlQuery>

namespace Vigia {

using namespace Sql;

int SqliteOutboxStore::cleanup(const QDateTime &olderThan)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM notifications WHERE state IN ('delivered','resolved') "
                             "AND updated_ms < ?"));
    q.addBindValue(ms(olderThan));
    if (!q.exec())
        return -1;
    return q.numRowsAffected();
}

QString SqliteOutboxStore::purgeFinishedSql()
{
    // Walks notifications_created up to the cut-off; the few old rows kept
    // (failed, never resolved) are the only ones read and skipped. The unary
    // + keeps SQLite off notifications_due, which would read every delivered
    // row, old or new, and sort them.
    return QStringLiteral("SELECT id FROM notifications WHERE created_ms < ? AND updated_ms < ?"
                          " AND +state IN ('delivered','resolved') ORDER BY created_ms LIMIT ?");
}

int SqliteOutboxStore::purgeFinished(const QDateTime &olderThan, int limit)
{
    // Attempts go with their notification (ON DELETE CASCADE, by their key).
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM notifications WHERE id IN (%1)").arg(purgeFinishedSql()));
    q.addBindValue(ms(olderThan));
    q.addBindValue(ms(olderThan));
    q.addBindValue(limit);
    if (!q.exec()) {
        qCWarning(lcStore) << "retention of notifications failed:" << q.lastError().text();
        return -1;
    }
    const int removed = q.numRowsAffected();
    if (!tx.commit()) {
        qCWarning(lcStore) << "retention of notifications failed to commit:" << tx.lastError();
        return -1;
    }
    return removed;
}

QueueStats SqliteOutboxStore::stats(const QDateTime &now)
{
    QueueStats s;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT state, COUNT(*) FROM notifications GROUP BY state"))) {
        while (q.next()) {
            if (auto state = stateFromName(q.value(0).toString()))
                s.byState[*state] = q.value(1).toInt();
        }
    }
    if (q.exec(QStringLiteral(
                "SELECT MIN(created_ms) FROM notifications WHERE state IN ('pending','sending')"))
        && q.next() && !q.value(0).isNull())
        s.oldestPendingAgeSeconds = (ms(now) - q.value(0).toLongLong()) / 1000;
    QSqlQuery h(m_db);
    h.prepare(QStringLiteral(
            "SELECT COUNT(*), SUM(outcome = 'delivered'), SUM(outcome <> 'delivered')"
            " FROM attempts WHERE finished_ms >= ?"));
    h.addBindValue(ms(now) - qint64(3600) * 1000);
    if (h.exec() && h.next()) {
        s.attemptsLastHour = h.value(0).toInt();
        s.deliveredLastHour = h.value(1).toInt();
    }
    QSqlQuery f(m_db);
    f.prepare(QStringLiteral(
            "SELECT COUNT(*) FROM notifications WHERE state = 'failed' AND updated_ms >= ?"));
    f.addBindValue(ms(now) - qint64(3600) * 1000);
    if (f.exec() && f.next())
        s.failedLastHour = f.value(0).toInt();
    return s;
}

int SqliteOutboxStore::affectedOrders()
{
    // Counted again after every batch of outbox changes.
    auto statement = reusable(
            QStringLiteral("SELECT COUNT(DISTINCT COALESCE(order_id, id)) FROM notifications"
                           " WHERE state = 'failed'"));
    QSqlQuery &q = *statement;
    if (q.exec() && q.next())
        return q.value(0).toInt();
    return 0;
}

} // namespace Vigia

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

OutboxCounts SqliteOutboxStore::outboxCounts(bool heldIsAffected)
{
    // Counted again after each batch of outbox changes (at most a few times a
    // second): it reads only the rows not delivered yet, through the state
    // index, however many delivered rows are kept. A failure "for its
    // recipient" is one whose last attempt the gateway refused for that
    // recipient (outcome 'permanent'), not one cut short by a restart.
    auto statement = reusable(QStringLiteral(
            "SELECT COUNT(DISTINCT CASE WHEN affected THEN order_id END),"
            " COALESCE(SUM(affected AND order_id IS NULL), 0),"
            " COALESCE(SUM(state = 'failed'), 0),"
            " COALESCE(SUM(state = 'failed' AND failed_permanently = 1 AND EXISTS ("
            "   SELECT 1 FROM attempts a WHERE a.notification_id = id"
            "   AND a.number = attempts AND a.outcome = 'permanent')), 0),"
            " COALESCE(SUM(state <> 'failed'), 0),"
            " MIN(CASE WHEN state <> 'failed' THEN created_ms END)"
            " FROM (SELECT id, order_id, state, attempts, failed_permanently, created_ms,"
            "   (state = 'failed' OR (? AND attempts >= 1)) AS affected"
            "   FROM notifications WHERE state IN ('pending', 'sending', 'failed'))"));
    QSqlQuery &q = *statement;
    q.addBindValue(heldIsAffected ? 1 : 0);
    OutboxCounts counts;
    if (q.exec() && q.next()) {
        counts.affectedOrders = q.value(0).toInt();
        counts.affectedWithoutOrder = q.value(1).toInt();
        counts.failed = q.value(2).toInt();
        counts.failedForRecipient = q.value(3).toInt();
        counts.waiting = q.value(4).toInt();
        counts.oldestWaitingSince = fromMs(q.value(5));
    }
    return counts;
}

} // namespace Vigia

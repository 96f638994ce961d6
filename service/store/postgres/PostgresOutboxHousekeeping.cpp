// The outbox's housekeeping and numbers, as in SqliteOutboxStore: what an
// admin's cleanup and the retention timer delete, and the counts the status
// shows. With several instances each may run retention: the batch is
// locked with SKIP LOCKED, so two never wait on or delete the same rows.
#include "PostgresOutboxStore.h"

#include <QSqlError>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Vigia {

using namespace Pg;

int PostgresOutboxStore::cleanup(const QDateTime &olderThan)
{
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("DELETE FROM notifications WHERE state IN ('delivered','resolved')"
                            " AND updated_ms < ?"),
             {ms(olderThan)}))
        return -1;
    return q.numRowsAffected();
}

int PostgresOutboxStore::purgeFinished(const QDateTime &olderThan, int limit)
{
    // Attempts go with their notification (ON DELETE CASCADE).
    QSqlQuery q(m_db);
    QString error;
    if (!run(q,
             QStringLiteral("DELETE FROM notifications WHERE id IN (SELECT id FROM notifications"
                            " WHERE created_ms < ? AND updated_ms < ?"
                            " AND state IN ('delivered','resolved') ORDER BY created_ms LIMIT ?"
                            " FOR UPDATE SKIP LOCKED)"),
             {ms(olderThan), ms(olderThan), limit}, &error)) {
        qCWarning(lcStore) << "retention of notifications failed:" << error;
        return -1;
    }
    return q.numRowsAffected();
}

OutboxCounts PostgresOutboxStore::outboxCounts(bool heldIsAffected)
{
    // SqliteOutboxStore::outboxCounts, in PostgreSQL's words (FILTER for
    // SQLite's sums of booleans).
    QSqlQuery q(m_db);
    OutboxCounts counts;
    if (run(q,
            QStringLiteral(
                    "SELECT COUNT(DISTINCT order_id) FILTER (WHERE affected),"
                    " COUNT(*) FILTER (WHERE affected AND order_id IS NULL),"
                    " COUNT(*) FILTER (WHERE state = 'failed'),"
                    " COUNT(*) FILTER (WHERE state = 'failed' AND failed_permanently = 1"
                    "   AND EXISTS (SELECT 1 FROM attempts a WHERE a.notification_id = n.id"
                    "   AND a.number = n.attempts AND a.outcome = 'permanent')),"
                    " COUNT(*) FILTER (WHERE state <> 'failed'),"
                    " MIN(created_ms) FILTER (WHERE state <> 'failed')"
                    " FROM (SELECT id, order_id, state, attempts, failed_permanently, created_ms,"
                    "   (state = 'failed' OR (?::boolean AND attempts >= 1)) AS affected"
                    "   FROM notifications WHERE state IN ('pending', 'sending', 'failed')) n"),
            {heldIsAffected})
        && q.next()) {
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

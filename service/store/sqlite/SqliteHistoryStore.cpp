#include "SqliteHistoryStore.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Vigia {

using namespace Sql;

bool SqliteHistoryStore::saveHistoryMinute(const HistoryBucket &minute)
{
    Transaction tx(m_db);
    const qint64 at = ms(minute.at);
    QSqlQuery clear(m_db);
    clear.prepare(QStringLiteral("DELETE FROM history_minutes WHERE minute_ms = ?"));
    clear.addBindValue(at);
    if (!clear.exec())
        return false;
    QSqlQuery row(m_db);
    row.prepare(QStringLiteral(
            "INSERT INTO history_minutes (minute_ms, channel, enqueued, attempts, delivered,"
            " retried, failed, resolved, latency_p50_ms, latency_p95_ms)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (auto it = minute.channels.cbegin(); it != minute.channels.cend(); ++it) {
        const ChannelActivity &a = it.value();
        row.addBindValue(at);
        row.addBindValue(it.key());
        row.addBindValue(a.enqueued);
        row.addBindValue(a.attempts);
        row.addBindValue(a.delivered);
        row.addBindValue(a.retried);
        row.addBindValue(a.failed);
        row.addBindValue(a.resolved);
        row.addBindValue(a.latencyP50Ms < 0 ? QVariant() : QVariant(a.latencyP50Ms));
        row.addBindValue(a.latencyP95Ms < 0 ? QVariant() : QVariant(a.latencyP95Ms));
        if (!row.exec())
            return false;
    }
    QSqlQuery queue(m_db);
    queue.prepare(QStringLiteral("INSERT OR REPLACE INTO history_queue (minute_ms, waiting,"
                                 " failed_total, state) VALUES (?, ?, ?, ?)"));
    queue.addBindValue(at);
    queue.addBindValue(minute.waiting < 0 ? QVariant() : QVariant(minute.waiting));
    queue.addBindValue(minute.failedTotal < 0 ? QVariant() : QVariant(minute.failedTotal));
    queue.addBindValue(minute.state == StatusState::Unknown
                               ? QVariant()
                               : QVariant(statusStateName(minute.state)));
    if (!queue.exec())
        return false;
    return tx.commit();
}

QString SqliteHistoryStore::historySql()
{
    // Both tables are keyed by minute first: a range of minutes is a range
    // of the primary key, whatever the retention keeps.
    return QStringLiteral(
            "SELECT (minute_ms / ?) * ? AS bucket, channel, SUM(enqueued), SUM(attempts),"
            " SUM(delivered), SUM(retried), SUM(failed), SUM(resolved),"
            " CAST(SUM(latency_p50_ms * delivered) / NULLIF(SUM(CASE WHEN latency_p50_ms IS NOT"
            " NULL THEN delivered END), 0) AS INTEGER), MAX(latency_p95_ms)"
            " FROM history_minutes WHERE minute_ms >= ? AND minute_ms < ?"
            " GROUP BY bucket, channel ORDER BY bucket");
}

QList<HistoryBucket> SqliteHistoryStore::history(const QDateTime &from, const QDateTime &to,
                                                 int stepS)
{
    const qint64 stepMs = qint64(qMax(60, stepS)) * 1000;
    QMap<qint64, HistoryBucket> buckets;
    const auto bucketAt = [&](qint64 bucket) -> HistoryBucket & {
        auto it = buckets.find(bucket);
        if (it == buckets.end()) {
            HistoryBucket b;
            b.at = QDateTime::fromMSecsSinceEpoch(bucket, Qt::UTC);
            b.stepS = int(stepMs / 1000);
            it = buckets.insert(bucket, b);
        }
        return *it;
    };
    QSqlQuery q(m_db);
    q.prepare(historySql());
    q.addBindValue(stepMs);
    q.addBindValue(stepMs);
    // The minute holding `from` counts: a digest since 09:00:05 includes 09:00.
    const qint64 fromMinute = ms(from) - ms(from) % 60000;
    q.addBindValue(fromMinute);
    q.addBindValue(ms(to));
    if (!q.exec()) {
        qCWarning(lcStore) << "reading the history failed:" << q.lastError().text();
        return {};
    }
    while (q.next()) {
        ChannelActivity a;
        a.enqueued = q.value(2).toInt();
        a.attempts = q.value(3).toInt();
        a.delivered = q.value(4).toInt();
        a.retried = q.value(5).toInt();
        a.failed = q.value(6).toInt();
        a.resolved = q.value(7).toInt();
        a.latencyP50Ms = q.value(8).isNull() ? -1 : q.value(8).toInt();
        a.latencyP95Ms = q.value(9).isNull() ? -1 : q.value(9).toInt();
        bucketAt(q.value(0).toLongLong()).channels.insert(q.value(1).toString(), a);
    }
    // The queue at the end of each bucket: its last minute's, the highest
    // waiting of any of its minutes (a peak must not vanish in a long bucket).
    QSqlQuery queue(m_db);
    queue.prepare(QStringLiteral(
            "SELECT (minute_ms / ?) * ? AS bucket, MAX(waiting), failed_total, state,"
            " MAX(minute_ms) FROM history_queue WHERE minute_ms >= ? AND minute_ms < ?"
            " GROUP BY bucket ORDER BY bucket"));
    queue.addBindValue(stepMs);
    queue.addBindValue(stepMs);
    queue.addBindValue(fromMinute);
    queue.addBindValue(ms(to));
    if (queue.exec()) {
        while (queue.next()) {
            HistoryBucket &b = bucketAt(queue.value(0).toLongLong());
            b.waiting = queue.value(1).isNull() ? -1 : queue.value(1).toInt();
            // SQLite takes the bare columns from the row of MAX(minute_ms).
            b.failedTotal = queue.value(2).isNull() ? -1 : queue.value(2).toInt();
            b.state = statusStateFromName(queue.value(3).toString()).value_or(StatusState::Unknown);
        }
    }
    return buckets.values();
}

bool SqliteHistoryStore::saveStatusChange(const QDateTime &at, StatusState state,
                                          const QString &reasonCode)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO status_periods (started_ms, state,"
                             " reason_code) VALUES (?, ?, ?)"));
    q.addBindValue(ms(at));
    q.addBindValue(statusStateName(state));
    q.addBindValue(reasonCode);
    return q.exec();
}

QList<StatusPeriod> SqliteHistoryStore::statusPeriods(const QDateTime &from, const QDateTime &to)
{
    // The period under way at `from` started before it: the latest start
    // at or before it, then every start inside the range.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "SELECT started_ms, state, reason_code FROM status_periods WHERE started_ms >="
            " COALESCE((SELECT MAX(started_ms) FROM status_periods WHERE started_ms <= ?), 0)"
            " AND started_ms < ? ORDER BY started_ms"));
    q.addBindValue(ms(from));
    q.addBindValue(ms(to));
    QList<StatusPeriod> periods;
    if (!q.exec())
        return periods;
    while (q.next()) {
        StatusPeriod p;
        p.from = fromMs(q.value(0));
        p.state = statusStateFromName(q.value(1).toString()).value_or(StatusState::Unknown);
        p.reasonCode = q.value(2).toString();
        if (!periods.isEmpty())
            periods.last().to = p.from;
        periods.append(p);
    }
    return periods;
}

int SqliteHistoryStore::purgeHistory(const QDateTime &olderThan, int limit)
{
    Transaction tx(m_db);
    QSqlQuery minutes(m_db);
    minutes.prepare(QStringLiteral(
            "DELETE FROM history_minutes WHERE rowid IN (SELECT rowid FROM history_minutes"
            " WHERE minute_ms < ? LIMIT ?)"));
    minutes.addBindValue(ms(olderThan));
    minutes.addBindValue(limit);
    QSqlQuery queue(m_db);
    queue.prepare(QStringLiteral(
            "DELETE FROM history_queue WHERE minute_ms IN (SELECT minute_ms FROM history_queue"
            " WHERE minute_ms < ? LIMIT ?)"));
    queue.addBindValue(ms(olderThan));
    queue.addBindValue(limit);
    // A period is kept while a later one has not started before the cut:
    // the one under way at the cut still says what the state was then.
    QSqlQuery periods(m_db);
    periods.prepare(QStringLiteral(
            "DELETE FROM status_periods WHERE started_ms < (SELECT MAX(started_ms) FROM"
            " status_periods WHERE started_ms < ?)"));
    periods.addBindValue(ms(olderThan));
    // numRowsAffected() is the connection's last statement's: read each at once.
    int removed = 0;
    bool ok = minutes.exec();
    removed += ok ? minutes.numRowsAffected() : 0;
    ok = ok && queue.exec();
    removed += ok ? queue.numRowsAffected() : 0;
    ok = ok && periods.exec();
    if (!ok) {
        qCWarning(lcStore) << "retention of the history failed:" << m_db.lastError().text();
        return -1;
    }
    if (!tx.commit())
        return -1;
    return removed;
}

} // namespace Vigia

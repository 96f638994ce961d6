#include "PostgresHistoryStore.h"

#include <QMap>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Vigia {

using namespace Pg;

const PostgresHistoryStore::Grain PostgresHistoryStore::kMinutes{"history_minutes", "history_queue",
                                                                 "minute_ms", 60LL * 1000};
const PostgresHistoryStore::Grain PostgresHistoryStore::kHours{
        "history_hours", "history_queue_hours", "hour_ms", 3600LL * 1000};

namespace {
// A p50 over several rows: the medians weighted by what each delivered,
// truncated as SQLite's integer division does (div(), not numeric's /).
const QString kWeightedP50 = QStringLiteral(
        "CAST(div(SUM(latency_p50_ms * delivered), NULLIF(SUM(CASE WHEN latency_p50_ms"
        " IS NOT NULL THEN delivered END), 0)) AS INTEGER)");

QVariant intOrNull(int value)
{
    return value < 0 ? QVariant(QMetaType::fromType<int>()) : QVariant(value);
}

ChannelActivity activityFromRow(const QSqlQuery &q, int first)
{
    ChannelActivity a;
    a.enqueued = q.value(first).toInt();
    a.attempts = q.value(first + 1).toInt();
    a.delivered = q.value(first + 2).toInt();
    a.retried = q.value(first + 3).toInt();
    a.failed = q.value(first + 4).toInt();
    a.resolved = q.value(first + 5).toInt();
    a.latencyP50Ms = q.value(first + 6).isNull() ? -1 : q.value(first + 6).toInt();
    a.latencyP95Ms = q.value(first + 7).isNull() ? -1 : q.value(first + 7).toInt();
    return a;
}
} // namespace

bool PostgresHistoryStore::saveHistoryMinute(const HistoryBucket &minute)
{
    Transaction tx(m_db);
    const qint64 at = ms(minute.at);
    const qint64 hour = at - at % kHours.ms;
    QSqlQuery lock(m_db);
    if (!run(lock, QStringLiteral("SELECT pg_advisory_xact_lock(?, ?)"),
             {kHistoryLock, int(hour / kHours.ms)}))
        return false;
    // A minute stored already (another instance's part, or this one's before
    // a restart within the minute) is added to.
    QMap<QString, ChannelActivity> channels = minute.channels;
    QSqlQuery earlier(m_db);
    if (!run(earlier,
             QStringLiteral("SELECT channel, enqueued, attempts, delivered, retried, failed,"
                            " resolved, latency_p50_ms, latency_p95_ms FROM history_minutes"
                            " WHERE minute_ms = ?"),
             {at}))
        return false;
    while (earlier.next())
        channels[earlier.value(0).toString()].merge(activityFromRow(earlier, 1));
    QSqlQuery clear(m_db);
    if (!run(clear, QStringLiteral("DELETE FROM history_minutes WHERE minute_ms = ?"), {at}))
        return false;
    for (auto it = channels.cbegin(); it != channels.cend(); ++it) {
        const ChannelActivity &a = it.value();
        QSqlQuery row(m_db);
        if (!run(row,
                 QStringLiteral("INSERT INTO history_minutes (minute_ms, channel, enqueued,"
                                " attempts, delivered, retried, failed, resolved, latency_p50_ms,"
                                " latency_p95_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                 {at, it.key(), a.enqueued, a.attempts, a.delivered, a.retried, a.failed,
                  a.resolved, intOrNull(a.latencyP50Ms), intOrNull(a.latencyP95Ms)}))
            return false;
    }
    QSqlQuery queue(m_db);
    if (!run(queue,
             QStringLiteral("INSERT INTO history_queue (minute_ms, waiting, failed_total, state)"
                            " VALUES (?, ?, ?, ?) ON CONFLICT (minute_ms) DO UPDATE SET"
                            " waiting = EXCLUDED.waiting, failed_total = EXCLUDED.failed_total,"
                            " state = EXCLUDED.state"),
             {at, intOrNull(minute.waiting), intOrNull(minute.failedTotal),
              minute.state == StatusState::Unknown ? QVariant(QMetaType::fromType<QString>())
                                                   : QVariant(statusStateName(minute.state))}))
        return false;
    // The hour is rebuilt from its (at most 60) minutes rather than added to,
    // so a minute written twice is not counted twice in it.
    if (!rollUpHour(hour)) {
        qCWarning(lcStore) << "rolling up the history's hour failed";
        return false;
    }
    return tx.commit();
}

bool PostgresHistoryStore::rollUpHour(qint64 hourMs)
{
    // As SqliteHistoryStore::rollUpHours: sums per channel, the p50 weighted
    // by deliveries, the worst p95; the queue's peak, and the rest as the
    // hour's last minute left it.
    const QString statements[] = {
            QStringLiteral("DELETE FROM history_hours WHERE hour_ms >= ? AND hour_ms < ?"),
            QStringLiteral("DELETE FROM history_queue_hours WHERE hour_ms >= ? AND hour_ms < ?"),
            QStringLiteral("INSERT INTO history_hours (hour_ms, channel, enqueued, attempts,"
                           " delivered, retried, failed, resolved, latency_p50_ms,"
                           " latency_p95_ms) SELECT (minute_ms / 3600000) * 3600000 AS hour,"
                           " channel, SUM(enqueued), SUM(attempts), SUM(delivered), SUM(retried),"
                           " SUM(failed), SUM(resolved), ")
                    + kWeightedP50
                    + QStringLiteral(", MAX(latency_p95_ms) FROM history_minutes"
                                     " WHERE minute_ms >= ? AND minute_ms < ?"
                                     " GROUP BY hour, channel"),
            QStringLiteral("INSERT INTO history_queue_hours (hour_ms, waiting, failed_total, state)"
                           " SELECT h.hour, h.peak, q.failed_total, q.state FROM"
                           " (SELECT (minute_ms / 3600000) * 3600000 AS hour, MAX(waiting) AS peak,"
                           " MAX(minute_ms) AS last FROM history_queue WHERE minute_ms >= ? AND"
                           " minute_ms < ? GROUP BY hour) AS h JOIN history_queue AS q"
                           " ON q.minute_ms = h.last"),
    };
    for (const QString &sql : statements) {
        QSqlQuery q(m_db);
        if (!run(q, sql, {hourMs, hourMs + kHours.ms}))
            return false;
    }
    return true;
}

QList<HistoryBucket> PostgresHistoryStore::history(const QDateTime &from, const QDateTime &to,
                                                   int stepS)
{
    return read(kMinutes, from, to, stepS);
}

QList<HistoryBucket> PostgresHistoryStore::hourlyHistory(const QDateTime &from, const QDateTime &to,
                                                         int stepS)
{
    return read(kHours, from, to, qMax(3600, stepS - stepS % 3600));
}

QList<HistoryBucket> PostgresHistoryStore::read(const Grain &grain, const QDateTime &from,
                                                const QDateTime &to, int stepS)
{
    const qint64 stepMs = qMax(grain.ms, qint64(stepS) * 1000);
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
    // The minute (hour) holding `from` counts: a digest since 09:00:05 includes 09:00.
    const qint64 fromGrain = ms(from) - ms(from) % grain.ms;
    const QVariantList binds{stepMs, stepMs, fromGrain, ms(to)};
    const QLatin1String column(grain.column);
    QSqlQuery q(m_db);
    QString error;
    if (!run(q,
             QStringLiteral("SELECT (%1 / ?::bigint) * ?::bigint AS bucket, channel,"
                            " SUM(enqueued), SUM(attempts), SUM(delivered), SUM(retried),"
                            " SUM(failed), SUM(resolved), ")
                             .arg(column)
                     + kWeightedP50
                     + QStringLiteral(", MAX(latency_p95_ms) FROM %1 WHERE %2 >= ? AND %2 < ?"
                                      " GROUP BY bucket, channel ORDER BY bucket")
                               .arg(QLatin1String(grain.activity), column),
             binds, &error)) {
        qCWarning(lcStore) << "reading the history failed:" << error;
        return {};
    }
    while (q.next())
        bucketAt(q.value(0).toLongLong())
                .channels.insert(q.value(1).toString(), activityFromRow(q, 2));
    // The queue at the end of each bucket: its last row's, the highest
    // waiting of any of its rows (a peak must not vanish in a long bucket).
    QSqlQuery queue(m_db);
    if (run(queue,
            QStringLiteral("SELECT b.bucket, b.peak, q.failed_total, q.state FROM"
                           " (SELECT (%2 / ?::bigint) * ?::bigint AS bucket, MAX(waiting) AS peak,"
                           " MAX(%2) AS last FROM %1 WHERE %2 >= ? AND %2 < ? GROUP BY bucket) b"
                           " JOIN %1 q ON q.%2 = b.last ORDER BY b.bucket")
                    .arg(QLatin1String(grain.queue), column),
            binds)) {
        while (queue.next()) {
            HistoryBucket &b = bucketAt(queue.value(0).toLongLong());
            b.waiting = queue.value(1).isNull() ? -1 : queue.value(1).toInt();
            b.failedTotal = queue.value(2).isNull() ? -1 : queue.value(2).toInt();
            b.state = statusStateFromName(queue.value(3).toString()).value_or(StatusState::Unknown);
        }
    }
    return buckets.values();
}

bool PostgresHistoryStore::saveStatusChange(const QDateTime &at, StatusState state,
                                            const QString &reasonCode)
{
    QSqlQuery q(m_db);
    return run(q,
               QStringLiteral("INSERT INTO status_periods (started_ms, state, reason_code)"
                              " VALUES (?, ?, ?) ON CONFLICT (started_ms) DO UPDATE SET"
                              " state = EXCLUDED.state, reason_code = EXCLUDED.reason_code"),
               {ms(at), statusStateName(state), reasonCode});
}

QList<StatusPeriod> PostgresHistoryStore::statusPeriods(const QDateTime &from, const QDateTime &to)
{
    // The period under way at `from` started before it: the latest start
    // at or before it, then every start inside the range.
    QSqlQuery q(m_db);
    QList<StatusPeriod> periods;
    if (!run(q,
             QStringLiteral("SELECT started_ms, state, reason_code FROM status_periods"
                            " WHERE started_ms >= COALESCE((SELECT MAX(started_ms)"
                            " FROM status_periods WHERE started_ms <= ?), 0)"
                            " AND started_ms < ? ORDER BY started_ms"),
             {ms(from), ms(to)}))
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

int PostgresHistoryStore::purgeHistory(const QDateTime &minutesBefore, const QDateTime &hoursBefore,
                                       int limit)
{
    Transaction tx(m_db);
    int removed = 0;
    const auto purge = [&](const QString &sql, const QDateTime &before) {
        QSqlQuery q(m_db);
        if (!run(q, sql, {ms(before), limit}))
            return false;
        removed += q.numRowsAffected();
        return true;
    };
    // A period is kept while a later one has not started before the cut:
    // the one under way at the cut still says what the state was then.
    QSqlQuery periods(m_db);
    const bool ok = purge(QStringLiteral("DELETE FROM history_minutes WHERE (minute_ms, channel) IN"
                                         " (SELECT minute_ms, channel FROM history_minutes"
                                         " WHERE minute_ms < ? LIMIT ?)"),
                          minutesBefore)
            && purge(QStringLiteral("DELETE FROM history_queue WHERE minute_ms IN (SELECT"
                                    " minute_ms FROM history_queue WHERE minute_ms < ? LIMIT ?)"),
                     minutesBefore)
            && purge(QStringLiteral("DELETE FROM history_hours WHERE (hour_ms, channel) IN"
                                    " (SELECT hour_ms, channel FROM history_hours"
                                    " WHERE hour_ms < ? LIMIT ?)"),
                     hoursBefore)
            && purge(QStringLiteral("DELETE FROM history_queue_hours WHERE hour_ms IN (SELECT"
                                    " hour_ms FROM history_queue_hours WHERE hour_ms < ? LIMIT ?)"),
                     hoursBefore)
            && run(periods,
                   QStringLiteral("DELETE FROM status_periods WHERE started_ms < (SELECT"
                                  " MAX(started_ms) FROM status_periods WHERE started_ms < ?)"),
                   {ms(hoursBefore)});
    if (!ok || !tx.commit()) {
        qCWarning(lcStore) << "retention of the history failed";
        return -1;
    }
    return removed;
}

} // namespace Vigia

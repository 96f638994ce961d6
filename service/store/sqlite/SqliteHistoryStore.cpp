#include "SqliteHistoryStore.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Vigia {

using namespace Sql;

const SqliteHistoryStore::Grain SqliteHistoryStore::kMinutes{"history_minutes", "history_queue",
                                                             "minute_ms", 60LL * 1000};
const SqliteHistoryStore::Grain SqliteHistoryStore::kHours{"history_hours", "history_queue_hours",
                                                           "hour_ms", 3600LL * 1000};

bool SqliteHistoryStore::saveHistoryMinute(const HistoryBucket &minute)
{
    Transaction tx(m_db);
    const qint64 at = ms(minute.at);
    // A minute stored already (vigiad stopped within it and started again)
    // is added to: each run counted its own part of the minute.
    QMap<QString, ChannelActivity> channels = minute.channels;
    QSqlQuery earlier(m_db);
    earlier.prepare(QStringLiteral(
            "SELECT channel, enqueued, attempts, delivered, retried, failed, resolved,"
            " latency_p50_ms, latency_p95_ms FROM history_minutes WHERE minute_ms = ?"));
    earlier.addBindValue(at);
    if (!earlier.exec())
        return false;
    while (earlier.next()) {
        ChannelActivity a;
        a.enqueued = earlier.value(1).toInt();
        a.attempts = earlier.value(2).toInt();
        a.delivered = earlier.value(3).toInt();
        a.retried = earlier.value(4).toInt();
        a.failed = earlier.value(5).toInt();
        a.resolved = earlier.value(6).toInt();
        a.latencyP50Ms = earlier.value(7).isNull() ? -1 : earlier.value(7).toInt();
        a.latencyP95Ms = earlier.value(8).isNull() ? -1 : earlier.value(8).toInt();
        channels[earlier.value(0).toString()].merge(a);
    }
    earlier.finish();
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
    for (auto it = channels.cbegin(); it != channels.cend(); ++it) {
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
    // The hour is rebuilt from its (at most 60) minutes rather than added to,
    // so a minute written twice is not counted twice in it.
    const qint64 hour = at - at % kHours.ms;
    QString error;
    if (!rollUpHours(m_db, hour, hour + kHours.ms, &error)) {
        qCWarning(lcStore) << "rolling up the history's hour failed:" << error;
        return false;
    }
    return tx.commit();
}

bool SqliteHistoryStore::rollUpHours(QSqlDatabase &db, qint64 fromMs, qint64 toMs, QString *error)
{
    // Sums per hour and channel; the p50 is the minutes' weighted by what
    // they delivered, the p95 the worst minute's (a percentile of
    // percentiles is not one, but the worst minute is what an operator asks).
    // The queue: the hour's peak of waiting, and the rest as its last minute left it.
    const QString statements[] = {
            QStringLiteral("DELETE FROM history_hours WHERE hour_ms >= ? AND hour_ms < ?"),
            QStringLiteral("DELETE FROM history_queue_hours WHERE hour_ms >= ? AND hour_ms < ?"),
            QStringLiteral(
                    "INSERT INTO history_hours (hour_ms, channel, enqueued, attempts, delivered,"
                    " retried, failed, resolved, latency_p50_ms, latency_p95_ms)"
                    " SELECT (minute_ms / 3600000) * 3600000 AS hour, channel, SUM(enqueued),"
                    " SUM(attempts), SUM(delivered), SUM(retried), SUM(failed), SUM(resolved),"
                    " CAST(SUM(latency_p50_ms * delivered) / NULLIF(SUM(CASE WHEN latency_p50_ms"
                    " IS NOT NULL THEN delivered END), 0) AS INTEGER), MAX(latency_p95_ms)"
                    " FROM history_minutes WHERE minute_ms >= ? AND minute_ms < ?"
                    " GROUP BY hour, channel"),
            QStringLiteral("INSERT INTO history_queue_hours (hour_ms, waiting, failed_total, state)"
                           " SELECT h.hour, h.peak, q.failed_total, q.state FROM"
                           " (SELECT (minute_ms / 3600000) * 3600000 AS hour, MAX(waiting) AS peak,"
                           " MAX(minute_ms) AS last FROM history_queue WHERE minute_ms >= ? AND"
                           " minute_ms < ? GROUP BY hour) AS h JOIN history_queue AS q"
                           " ON q.minute_ms = h.last"),
    };
    for (const QString &sql : statements) {
        QSqlQuery q(db);
        q.prepare(sql);
        q.addBindValue(fromMs);
        q.addBindValue(toMs);
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

QString SqliteHistoryStore::activitySql(const Grain &grain)
{
    // Every table is keyed by time first: a range of minutes (or hours) is a
    // range of the primary key, whatever the retention keeps.
    return QStringLiteral(
                   "SELECT (%2 / ?) * ? AS bucket, channel, SUM(enqueued), SUM(attempts),"
                   " SUM(delivered), SUM(retried), SUM(failed), SUM(resolved),"
                   " CAST(SUM(latency_p50_ms * delivered) / NULLIF(SUM(CASE WHEN latency_p50_ms"
                   " IS NOT NULL THEN delivered END), 0) AS INTEGER), MAX(latency_p95_ms)"
                   " FROM %1 WHERE %2 >= ? AND %2 < ?"
                   " GROUP BY bucket, channel ORDER BY bucket")
            .arg(QLatin1String(grain.activity), QLatin1String(grain.column));
}

QString SqliteHistoryStore::historySql()
{
    return activitySql(kMinutes);
}

QString SqliteHistoryStore::hourlyHistorySql()
{
    return activitySql(kHours);
}

QList<HistoryBucket> SqliteHistoryStore::history(const QDateTime &from, const QDateTime &to,
                                                 int stepS)
{
    return read(kMinutes, from, to, stepS);
}

QList<HistoryBucket> SqliteHistoryStore::hourlyHistory(const QDateTime &from, const QDateTime &to,
                                                       int stepS)
{
    return read(kHours, from, to, qMax(3600, stepS - stepS % 3600));
}

QList<HistoryBucket> SqliteHistoryStore::read(const Grain &grain, const QDateTime &from,
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
    QSqlQuery q(m_db);
    q.prepare(activitySql(grain));
    q.addBindValue(stepMs);
    q.addBindValue(stepMs);
    // The minute (hour) holding `from` counts: a digest since 09:00:05 includes 09:00.
    const qint64 fromGrain = ms(from) - ms(from) % grain.ms;
    q.addBindValue(fromGrain);
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
    // The queue at the end of each bucket: its last row's, the highest
    // waiting of any of its rows (a peak must not vanish in a long bucket).
    QSqlQuery queue(m_db);
    queue.prepare(QStringLiteral("SELECT (%2 / ?) * ? AS bucket, MAX(waiting), failed_total,"
                                 " state, MAX(%2) FROM %1 WHERE %2 >= ? AND %2 < ?"
                                 " GROUP BY bucket ORDER BY bucket")
                          .arg(QLatin1String(grain.queue), QLatin1String(grain.column)));
    queue.addBindValue(stepMs);
    queue.addBindValue(stepMs);
    queue.addBindValue(fromGrain);
    queue.addBindValue(ms(to));
    if (queue.exec()) {
        while (queue.next()) {
            HistoryBucket &b = bucketAt(queue.value(0).toLongLong());
            b.waiting = queue.value(1).isNull() ? -1 : queue.value(1).toInt();
            // SQLite takes the bare columns from the row of MAX(time).
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

int SqliteHistoryStore::purgeHistory(const QDateTime &minutesBefore, const QDateTime &hoursBefore,
                                     int limit)
{
    Transaction tx(m_db);
    int removed = 0;
    const auto purge = [&](const QString &sql, const QDateTime &before) {
        QSqlQuery q(m_db);
        q.prepare(sql);
        q.addBindValue(ms(before));
        q.addBindValue(limit);
        if (!q.exec())
            return false;
        // numRowsAffected() is the connection's last statement's: read it at once.
        removed += q.numRowsAffected();
        return true;
    };
    bool ok = purge(QStringLiteral("DELETE FROM history_minutes WHERE rowid IN (SELECT rowid FROM"
                                   " history_minutes WHERE minute_ms < ? LIMIT ?)"),
                    minutesBefore)
            && purge(QStringLiteral("DELETE FROM history_queue WHERE minute_ms IN (SELECT"
                                    " minute_ms FROM history_queue WHERE minute_ms < ? LIMIT ?)"),
                     minutesBefore)
            && purge(QStringLiteral("DELETE FROM history_hours WHERE rowid IN (SELECT rowid FROM"
                                    " history_hours WHERE hour_ms < ? LIMIT ?)"),
                     hoursBefore)
            && purge(QStringLiteral("DELETE FROM history_queue_hours WHERE hour_ms IN (SELECT"
                                    " hour_ms FROM history_queue_hours WHERE hour_ms < ? LIMIT ?)"),
                     hoursBefore);
    // A period is kept while a later one has not started before the cut:
    // the one under way at the cut still says what the state was then.
    // Periods live as long as the hours, so uptime is known for a year.
    QSqlQuery periods(m_db);
    periods.prepare(QStringLiteral(
            "DELETE FROM status_periods WHERE started_ms < (SELECT MAX(started_ms) FROM"
            " status_periods WHERE started_ms < ?)"));
    periods.addBindValue(ms(hoursBefore));
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

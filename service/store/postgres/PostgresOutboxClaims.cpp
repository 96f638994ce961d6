// Delivery's side of the PostgreSQL outbox: claims with FOR UPDATE SKIP
// LOCKED under a lease in this instance's name, the attempts' outcomes, and
// the leases' upkeep (renewed while sending, lapsed ones returned to every
// instance, an instance's own interrupted sends taken back at its start).
#include "PostgresOutboxStore.h"

#include <algorithm>
#include <utility>

namespace Vigia {

using namespace Pg;

QStringList PostgresOutboxStore::lockSending(const QString &condition, const QVariantList &binds,
                                             QString *error)
{
    // SKIP LOCKED: a row another instance is finishing right now is its own.
    QSqlQuery q(m_db);
    QStringList ids;
    if (!run(q,
             QStringLiteral("SELECT id FROM notifications WHERE state = 'sending' AND (%1)"
                            " FOR UPDATE SKIP LOCKED")
                     .arg(condition),
             binds, error))
        return {QString()}; // one empty id: the caller's sign of failure
    while (q.next())
        ids << q.value(0).toString();
    return ids;
}

bool PostgresOutboxStore::interrupt(const QStringList &ids, const QDateTime &now, QString *error)
{
    // The interrupted attempt stays counted (see SqliteOutboxStore::
    // recoverInterrupted: a crash loop must end), in the history as such.
    QSqlQuery history(m_db);
    QSqlQuery update(m_db);
    const QString idArray = textArray(ids);
    return run(history,
               QStringLiteral(
                       "INSERT INTO attempts (notification_id, number, started_ms, finished_ms,"
                       " outcome, http_status, detail) SELECT id, attempts, updated_ms, ?,"
                       " 'interrupted', 0, ? FROM notifications WHERE id = ANY(?::text[])"
                       " ON CONFLICT (notification_id, number) DO UPDATE SET"
                       " started_ms = EXCLUDED.started_ms, finished_ms = EXCLUDED.finished_ms,"
                       " outcome = EXCLUDED.outcome, http_status = EXCLUDED.http_status,"
                       " detail = EXCLUDED.detail"),
               {ms(now), QStringLiteral("vigiad stopped during this attempt"), idArray}, error)
            && run(update,
                   QStringLiteral(
                           "UPDATE notifications SET"
                           " state = CASE WHEN attempts >= max_attempts THEN 'failed'"
                           "   ELSE 'pending' END,"
                           " last_error = CASE WHEN attempts >= max_attempts THEN"
                           "   'vigiad stopped during the last of its ' || attempts || ' attempts;"
                           " not sent again automatically (it may have reached the recipient)'"
                           "   ELSE last_error END,"
                           " failed_permanently = CASE WHEN attempts >= max_attempts THEN 1"
                           "   ELSE 0 END,"
                           " next_attempt_ms = ?, updated_ms = ?, lease_owner = NULL,"
                           " lease_until_ms = NULL WHERE id = ANY(?::text[])"),
                   {ms(now), ms(now), idArray}, error);
}

QString PostgresOutboxStore::claimDueSql(bool someChannels)
{
    // SKIP LOCKED: instances claiming at once each take different rows
    // without waiting for one another (River, Oban and graphile-worker's way).
    // Some channels only (the others held by an outage): their due rows come
    // from notifications_pending_channel, never the held channel's backlog.
    return QStringLiteral("UPDATE notifications SET state = 'sending', attempts = attempts + 1,"
                          " updated_ms = ?, lease_owner = ?, lease_until_ms = ?"
                          " WHERE id IN (SELECT id FROM notifications"
                          " WHERE state = 'pending' AND next_attempt_ms <= ?%1"
                          " ORDER BY next_attempt_ms LIMIT ? FOR UPDATE SKIP LOCKED)"
                          " RETURNING ")
                   .arg(someChannels ? QStringLiteral(" AND channel = ANY(?::text[])") : QString())
            + columnsSql();
}

QList<Notification> PostgresOutboxStore::claimDue(const QDateTime &now, int limit,
                                                  const QList<Channel> &channels)
{
    Transaction tx(m_db, hotBegin());
    QString error;
    if (!tx.ok())
        return {};
    // Rows whose sender's lease lapsed come back first, in the same
    // transaction, so they are claimable by this very statement. Looked for
    // at most every half lease, up to a second.
    QStringList lapsed;
    if (ms(now) >= m_nextLapseCheckMs) {
        lapsed = lockSending(QStringLiteral("lease_until_ms <= ?"), {ms(now)}, &error);
        if (lapsed.size() == 1 && lapsed.constFirst().isEmpty())
            return {};
        m_nextLapseCheckMs = ms(now) + std::min<qint64>(1000, lease().count() / 2);
    }
    if (!lapsed.isEmpty() && !interrupt(lapsed, now, &error))
        return {};

    QVariantList binds{ms(now), instanceId(), ms(now) + lease().count(), ms(now)};
    if (!channels.isEmpty()) {
        QStringList names;
        for (Channel channel : channels)
            names << channelName(channel);
        binds << textArray(names);
    }
    binds << limit;
    QSqlQuery q(m_db);
    if (!run(q, claimDueSql(!channels.isEmpty()), binds, &error))
        return {};
    QList<Notification> claimed = readNotifications(q);
    if ((claimed.isEmpty() && lapsed.isEmpty()) || !commitAsync(tx))
        return {};
    m_lapsedByClaim += lapsed;
    // RETURNING gives no order; the earliest due goes first.
    std::stable_sort(claimed.begin(), claimed.end(),
                     [](const Notification &a, const Notification &b) {
                         return a.nextAttemptAt < b.nextAttemptAt;
                     });
    return claimed;
}

std::optional<QDateTime> PostgresOutboxStore::nextDueTime()
{
    QSqlQuery q(m_db);
    if (run(q,
            QStringLiteral("SELECT MIN(next_attempt_ms) FROM notifications"
                           " WHERE state = 'pending'"),
            {})
        && q.next() && !q.value(0).isNull())
        return fromMs(q.value(0));
    return std::nullopt;
}

std::optional<Notification> PostgresOutboxStore::completeAttempt(const QString &id,
                                                                 const AttemptRecord &record,
                                                                 const QDateTime &now)
{
    Transaction tx(m_db);
    bool sqlFailed = false;
    QString error;
    auto updated = finishAttempt(id, record, now, &sqlFailed, &error);
    if (!updated || !tx.commit())
        return std::nullopt;
    return updated;
}

QList<std::optional<Notification>>
PostgresOutboxStore::completeAttempts(const QList<std::pair<QString, AttemptRecord>> &attempts,
                                      const QDateTime &now, QString *error)
{
    QList<std::optional<Notification>> updated(attempts.size());
    Transaction tx(m_db, hotBegin());
    if (!tx.ok()) {
        *error = tx.lastError();
        return {};
    }
    for (qsizetype i = 0; i < attempts.size(); ++i) {
        bool sqlFailed = false;
        updated[i] =
                finishAttempt(attempts.at(i).first, attempts.at(i).second, now, &sqlFailed, error);
        if (sqlFailed)
            return {};
    }
    if (!commitAsync(tx)) {
        *error = tx.lastError();
        return {};
    }
    return updated;
}

std::optional<Notification> PostgresOutboxStore::finishAttempt(const QString &id,
                                                               const AttemptRecord &record,
                                                               const QDateTime &now,
                                                               bool *sqlFailed, QString *error)
{
    // As SqliteOutboxStore::finishAttempt, and only while this instance
    // still holds the lease: once it lapsed and another instance claimed the
    // row again, that instance's attempt is the one to finish.
    static const QString byRetry =
            QStringLiteral("(?::boolean AND COALESCE(retry_requested_by, '') <> '')");
    static const QString finish =
            QStringLiteral(
                    "UPDATE notifications SET state = CASE WHEN %1 THEN 'resolved' ELSE ? END,"
                    " next_attempt_ms = ?, last_error = ?, updated_ms = ?, delivered_ms = ?,"
                    " resolution_method = CASE WHEN %1 THEN 'retry' END,"
                    " resolution_by = CASE WHEN %1 THEN retry_requested_by END,"
                    " resolution_ms = CASE WHEN %1 THEN ?::bigint END,"
                    " failed_permanently = ?, provider_message_id = ?,"
                    " ack_deadline_ms = ?, ack = NULL, lease_owner = NULL, lease_until_ms = NULL"
                    " WHERE id = ? AND state = 'sending' AND lease_owner = ? RETURNING ")
                    .arg(byRetry)
            + columnsSql();
    const bool delivered = record.newState == NotificationState::Delivered;
    const QVariant nullMs(QMetaType::fromType<qint64>());
    QSqlQuery update(m_db);
    if (!run(update, finish,
             {delivered, stateName(record.newState), msOrNull(record.nextAttemptAt),
              delivered ? QVariant(QMetaType::fromType<QString>()) : textOrNull(record.lastError),
              ms(now), delivered ? QVariant(ms(now)) : nullMs, delivered, delivered, delivered,
              ms(now),
              record.newState == NotificationState::Failed && record.permanentFailure ? 1 : 0,
              textOrNull(record.providerMessageId), msOrNull(record.ackDeadline), id, instanceId()},
             error)) {
        *sqlFailed = true;
        return std::nullopt;
    }
    QList<Notification> rows = readNotifications(update);
    if (rows.size() != 1)
        return std::nullopt; // no longer sending (or no longer ours): nothing was written
    QSqlQuery insertAttempt(m_db);
    if (!run(insertAttempt,
             QStringLiteral(
                     "INSERT INTO attempts (notification_id, number, started_ms, finished_ms,"
                     " outcome, http_status, detail) VALUES (?,?,?,?,?,?,?)"
                     " ON CONFLICT (notification_id, number) DO UPDATE SET"
                     " started_ms = EXCLUDED.started_ms, finished_ms = EXCLUDED.finished_ms,"
                     " outcome = EXCLUDED.outcome, http_status = EXCLUDED.http_status,"
                     " detail = EXCLUDED.detail"),
             {id, record.attempt.number, ms(record.attempt.startedAt),
              ms(record.attempt.finishedAt), record.attempt.outcome, record.attempt.httpStatus,
              textOrNull(record.attempt.detail)},
             error)) {
        *sqlFailed = true;
        return std::nullopt;
    }
    return rows.takeFirst();
}

QList<Notification> PostgresOutboxStore::recoverInterrupted(const QDateTime &now)
{
    Transaction tx(m_db);
    QString error;
    const QStringList ids = lockSending(QStringLiteral("lease_owner = ? OR lease_until_ms <= ?"),
                                        {instanceId(), ms(now)}, &error);
    if (ids.isEmpty() || (ids.size() == 1 && ids.constFirst().isEmpty()))
        return {};
    if (!interrupt(ids, now, &error) || !tx.commit())
        return {};
    return byIds(ids);
}

QList<Notification> PostgresOutboxStore::recoverLapsed(const QDateTime &now)
{
    QStringList ids = std::exchange(m_lapsedByClaim, {});
    Transaction tx(m_db);
    QString error;
    const QStringList lapsed =
            lockSending(QStringLiteral("lease_until_ms <= ?"), {ms(now)}, &error);
    if (lapsed.size() == 1 && lapsed.constFirst().isEmpty()) {
        m_lapsedByClaim = ids; // told at the next call
        return {};
    }
    if (!lapsed.isEmpty() && (!interrupt(lapsed, now, &error) || !tx.commit())) {
        m_lapsedByClaim = ids;
        return {};
    }
    ids += lapsed;
    if (ids.isEmpty())
        return {};
    // Read as they are now: one claimDue() put back may be sending again.
    return byIds(ids);
}

int PostgresOutboxStore::renewLeases(const QDateTime &now)
{
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("UPDATE notifications SET lease_until_ms = ?"
                            " WHERE state = 'sending' AND lease_owner = ?"),
             {ms(now) + lease().count(), instanceId()}))
        return -1;
    return q.numRowsAffected();
}

} // namespace Vigia

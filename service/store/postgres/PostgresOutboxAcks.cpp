// WhatsApp acks and the outage's recovery, as in SqliteOutboxStore. Each
// change is one conditional UPDATE, so instances racing on one row (two
// webhooks, two sweeps) change it once: the loser's condition no longer holds.
#include "PostgresOutboxStore.h"

namespace Vigia {

using namespace Pg;

std::optional<Notification>
PostgresOutboxStore::notificationByProviderId(const QString &providerMessageId)
{
    QSqlQuery q(m_db);
    if (!run(q, QStringLiteral("SELECT id FROM notifications WHERE provider_message_id = ?"),
             {providerMessageId})
        || !q.next())
        return std::nullopt;
    return notification(q.value(0).toString(), false);
}

std::optional<Notification> PostgresOutboxStore::recordAck(const QString &id, int ack,
                                                           const QDateTime &now)
{
    // Acks only move forward (server, device, read, played); an error ack (-1) always counts.
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("UPDATE notifications SET ack = ?, ack_deadline_ms = NULL,"
                            " updated_ms = ?, acked_ms = ?"
                            " WHERE id = ? AND (ack IS NULL OR ?::integer < 0 OR ack < ?)"),
             {ack, ms(now), ms(now), id, ack, ack})
        || q.numRowsAffected() != 1)
        return std::nullopt;
    return notification(id, false);
}

QList<AckTimeout> PostgresOutboxStore::ackTimeouts(const QDateTime &now)
{
    // Reads only the rows still waiting (the partial index notifications_ack_waiting).
    QList<AckTimeout> out;
    QSqlQuery q(m_db);
    if (run(q,
            QStringLiteral("SELECT id, ack_retried FROM notifications"
                           " WHERE ack_deadline_ms IS NOT NULL AND ack IS NULL"
                           " AND ack_deadline_ms <= ? AND state IN ('delivered','resolved')"),
            {ms(now)})) {
        while (q.next())
            out.append({q.value(0).toString(), q.value(1).toInt() != 0});
    }
    return out;
}

std::optional<Notification> PostgresOutboxStore::retryUnacknowledged(const QString &id,
                                                                     const QDateTime &now)
{
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("UPDATE notifications SET state = 'pending', next_attempt_ms = ?,"
                            " ack_retried = 1, ack_deadline_ms = NULL, delivered_ms = NULL,"
                            " max_attempts = GREATEST(max_attempts, attempts + 1),"
                            " last_error = 'no WhatsApp ack in time; sending once more',"
                            " updated_ms = ?"
                            " WHERE id = ? AND ack IS NULL AND ack_deadline_ms IS NOT NULL"),
             {ms(now), ms(now), id})
        || q.numRowsAffected() != 1)
        return std::nullopt;
    return notification(id, false);
}

bool PostgresOutboxStore::acceptUnacknowledged(const QString &id, const QDateTime &now)
{
    QSqlQuery q(m_db);
    return run(q,
               QStringLiteral("UPDATE notifications SET ack_deadline_ms = NULL, updated_ms = ?"
                              " WHERE id = ? AND ack IS NULL AND ack_deadline_ms IS NOT NULL"),
               {ms(now), id})
            && q.numRowsAffected() == 1;
}

QDateTime PostgresOutboxStore::lastAckAt()
{
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("SELECT MAX(acked_ms) FROM notifications WHERE acked_ms IS NOT NULL"),
             {})
        || !q.next())
        return {};
    return fromMs(q.value(0));
}

std::optional<Notification> PostgresOutboxStore::failUnacknowledged(const QString &id,
                                                                    const QString &error,
                                                                    const QDateTime &now)
{
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("UPDATE notifications SET state = 'failed', ack_deadline_ms = NULL,"
                            " delivered_ms = NULL, resolution_method = NULL,"
                            " resolution_by = NULL, resolution_ms = NULL, last_error = ?,"
                            " updated_ms = ? WHERE id = ? AND state IN ('delivered','resolved')"),
             {error, ms(now), id})
        || q.numRowsAffected() != 1)
        return std::nullopt;
    return notification(id, false);
}

int PostgresOutboxStore::spacePending(const QList<Channel> &channels, const QDateTime &start,
                                      int spacingMs)
{
    if (channels.isEmpty())
        return 0;
    QStringList names;
    for (Channel channel : channels)
        names << channelName(channel);
    // A row being claimed meanwhile is waited for; spacing one that went out
    // after all changes nothing (its outcome sets its next attempt).
    QSqlQuery u(m_db);
    if (!run(u,
             QStringLiteral("UPDATE notifications SET next_attempt_ms = "
                            " ? + (slot.n - 1) * ? FROM (SELECT id, row_number() OVER"
                            " (ORDER BY next_attempt_ms, id) AS n FROM notifications"
                            " WHERE state = 'pending' AND channel = ANY(?::text[])) AS slot"
                            " WHERE notifications.id = slot.id"),
             {ms(start), spacingMs, textArray(names)}))
        return -1;
    return u.numRowsAffected();
}

QList<Notification> PostgresOutboxStore::requeueForRecovery(const QStringList &ids,
                                                            const QString &by,
                                                            const QDateTime &start, int spacingMs)
{
    Transaction tx(m_db);
    QStringList requeued;
    for (const QString &id : ids) {
        QSqlQuery u(m_db);
        if (run(u,
                QStringLiteral("UPDATE notifications SET state = 'pending', next_attempt_ms = ?,"
                               " max_attempts = GREATEST(max_attempts, attempts + 1),"
                               " retry_requested_by = ?, updated_ms = ?"
                               " WHERE id = ? AND state = 'failed' AND failed_permanently = 0"),
                {ms(start) + qint64(requeued.size()) * spacingMs, by, ms(start), id})
            && u.numRowsAffected() == 1)
            requeued << id;
    }
    if (!tx.commit())
        return {};
    return byIds(requeued);
}

} // namespace Vigia

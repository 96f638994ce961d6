#include "SqliteOutboxStore.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Vigia {

using namespace Sql;

std::optional<Notification>
SqliteOutboxStore::notificationByProviderId(const QString &providerMessageId)
{
    QSqlQuery q(m_db);
    q.prepare(ackLookupSql());
    q.addBindValue(providerMessageId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return notification(q.value(0).toString(), false);
}

std::optional<Notification> SqliteOutboxStore::recordAck(const QString &id, int ack,
                                                         const QDateTime &now)
{
    QSqlQuery q(m_db);
    // Acks only move forward (server, device, read, played); an error ack (-1) always counts.
    q.prepare(QStringLiteral(
            "UPDATE notifications SET ack = ?, ack_deadline_ms = NULL, updated_ms = ?, acked_ms = ?"
            " WHERE id = ? AND (ack IS NULL OR ? < 0 OR ack < ?)"));
    q.addBindValue(ack);
    q.addBindValue(ms(now));
    q.addBindValue(ms(now));
    q.addBindValue(id);
    q.addBindValue(ack);
    q.addBindValue(ack);
    if (!q.exec() || q.numRowsAffected() != 1)
        return std::nullopt;
    return notification(id, false);
}

QString SqliteOutboxStore::ackTimeoutsSql()
{
    // The sweep runs every second: it must read only the rows still waiting
    // (the partial index notifications_ack_waiting). "+state" keeps SQLite
    // from choosing the state index instead, which would read every
    // delivered row ever kept.
    return QStringLiteral(
            "SELECT id, ack_retried FROM notifications WHERE ack_deadline_ms IS NOT NULL"
            " AND ack IS NULL AND ack_deadline_ms <= ?"
            " AND +state IN ('delivered','resolved')");
}

QList<AckTimeout> SqliteOutboxStore::ackTimeouts(const QDateTime &now)
{
    QList<AckTimeout> out;
    QSqlQuery q(m_db);
    q.prepare(ackTimeoutsSql());
    q.addBindValue(ms(now));
    if (q.exec()) {
        while (q.next())
            out.append({q.value(0).toString(), q.value(1).toBool()});
    }
    return out;
}

std::optional<Notification> SqliteOutboxStore::retryUnacknowledged(const QString &id,
                                                                   const QDateTime &now)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "UPDATE notifications SET state = 'pending', next_attempt_ms = ?, ack_retried = 1,"
            " ack_deadline_ms = NULL, delivered_ms = NULL, max_attempts = MAX(max_attempts, "
            "attempts + 1),"
            " last_error = 'no WhatsApp ack in time; sending once more', updated_ms = ?"
            " WHERE id = ? AND ack IS NULL AND ack_deadline_ms IS NOT NULL"));
    q.addBindValue(ms(now));
    q.addBindValue(ms(now));
    q.addBindValue(id);
    if (!q.exec() || q.numRowsAffected() != 1)
        return std::nullopt;
    return notification(id, false);
}

bool SqliteOutboxStore::acceptUnacknowledged(const QString &id, const QDateTime &now)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE notifications SET ack_deadline_ms = NULL, updated_ms = ?"
                             " WHERE id = ? AND ack IS NULL AND ack_deadline_ms IS NOT NULL"));
    q.addBindValue(ms(now));
    q.addBindValue(id);
    return q.exec() && q.numRowsAffected() == 1;
}

QString SqliteOutboxStore::lastAckSql()
{
    // "IS NOT NULL" lets SQLite read the last entry of the partial index
    // notifications_acked instead of every row.
    return QStringLiteral("SELECT MAX(acked_ms) FROM notifications WHERE acked_ms IS NOT NULL");
}

QString SqliteOutboxStore::ackLookupSql()
{
    return QStringLiteral("SELECT id FROM notifications WHERE provider_message_id = ?");
}

QDateTime SqliteOutboxStore::lastAckAt()
{
    QSqlQuery q(m_db);
    if (!q.exec(lastAckSql()) || !q.next() || q.value(0).isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
}

std::optional<Notification>
SqliteOutboxStore::failUnacknowledged(const QString &id, const QString &error, const QDateTime &now)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "UPDATE notifications SET state = 'failed', ack_deadline_ms = NULL, delivered_ms = "
            "NULL,"
            " resolution_method = NULL, resolution_by = NULL, resolution_ms = NULL,"
            " last_error = ?, updated_ms = ? WHERE id = ? AND state IN ('delivered','resolved')"));
    q.addBindValue(error);
    q.addBindValue(ms(now));
    q.addBindValue(id);
    if (!q.exec() || q.numRowsAffected() != 1)
        return std::nullopt;
    return notification(id, false);
}

QList<Notification> SqliteOutboxStore::requeueForRecovery(const QStringList &ids, const QString &by,
                                                          const QDateTime &start, int spacingMs)
{
    Transaction tx(m_db);
    QStringList requeued;
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral(
            "UPDATE notifications SET state = 'pending', next_attempt_ms = ?,"
            " max_attempts = MAX(max_attempts, attempts + 1), retry_requested_by = ?,"
            " updated_ms = ? WHERE id = ? AND state = 'failed' AND failed_permanently = 0"));
    for (const QString &id : ids) {
        u.addBindValue(ms(start) + qint64(requeued.size()) * spacingMs);
        u.addBindValue(by);
        u.addBindValue(ms(start));
        u.addBindValue(id);
        if (u.exec() && u.numRowsAffected() == 1)
            requeued << id;
    }
    if (!tx.commit())
        return {};
    return byIds(requeued);
}

int SqliteOutboxStore::spacePending(const QList<Channel> &channels, const QDateTime &start,
                                    int spacingMs)
{
    if (channels.isEmpty())
        return 0;
    QStringList marks;
    for (qsizetype i = 0; i < channels.size(); ++i)
        marks << QStringLiteral("?");
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral("UPDATE notifications SET next_attempt_ms = "
                             " ? + (slot.n - 1) * ? FROM (SELECT id, row_number() OVER"
                             " (ORDER BY next_attempt_ms, id) AS n FROM notifications"
                             " WHERE state = 'pending' AND channel IN (%1)) AS slot"
                             " WHERE notifications.id = slot.id")
                      .arg(marks.join(u',')));
    u.addBindValue(ms(start));
    u.addBindValue(spacingMs);
    for (Channel channel : channels)
        u.addBindValue(channelName(channel));
    return u.exec() ? u.numRowsAffected() : -1;
}

QStringList SqliteOutboxStore::outageFailuresSince(const QDateTime &since)
{
    QStringList ids;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "SELECT id FROM notifications WHERE state = 'failed' AND failed_permanently = 0"
            " AND updated_ms >= ? ORDER BY created_ms"));
    q.addBindValue(ms(since));
    if (q.exec()) {
        while (q.next())
            ids << q.value(0).toString();
    }
    return ids;
}

} // namespace Vigia

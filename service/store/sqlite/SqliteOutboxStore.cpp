#include "SqliteOutboxStore.h"

#include "SearchText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Vigia {

using namespace Sql;

namespace {
// What readNotifications() reads, in its order.
const QString kColumns = QStringLiteral(
        "id, idem_key, channel, recipient, customer_name, order_id, type, text, state,"
        " attempts, max_attempts, next_attempt_ms, last_error, created_ms, updated_ms,"
        " delivered_ms, resolution_method, resolution_by, resolution_note, resolution_ms,"
        " claimed_by, claimed_until_ms");
} // namespace

const QString &SqliteOutboxStore::selectColumnsSql()
{
    static const QString sql =
            QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM notifications ");
    return sql;
}

QList<Notification> SqliteOutboxStore::readNotifications(QSqlQuery &q)
{
    QList<Notification> out;
    while (q.next()) {
        Notification n;
        n.id = q.value(0).toString();
        n.idempotencyKey = q.value(1).toString();
        n.channel = channelFromName(q.value(2).toString()).value_or(Channel::WhatsApp);
        n.recipient = q.value(3).toString();
        n.customerName = q.value(4).toString();
        n.orderId = q.value(5).toString();
        n.type = q.value(6).toString();
        n.text = q.value(7).toString();
        n.state = stateFromName(q.value(8).toString()).value_or(NotificationState::Pending);
        n.attempts = q.value(9).toInt();
        n.maxAttempts = q.value(10).toInt();
        n.nextAttemptAt = fromMs(q.value(11));
        n.lastError = q.value(12).toString();
        n.createdAt = fromMs(q.value(13));
        n.updatedAt = fromMs(q.value(14));
        n.deliveredAt = fromMs(q.value(15));
        if (!q.value(16).isNull()) {
            n.resolution =
                    Resolution{resolutionMethodFromName(q.value(16).toString())
                                       .value_or(ResolutionMethod::Other),
                               q.value(17).toString(), q.value(18).toString(), fromMs(q.value(19))};
        }
        n.claimedBy = q.value(20).toString();
        n.claimedUntil = fromMs(q.value(21));
        out.append(n);
    }
    return out;
}

QList<Notification> SqliteOutboxStore::byIds(const QStringList &ids)
{
    QList<Notification> out;
    out.reserve(ids.size());
    for (const QString &id : ids) {
        if (auto n = notification(id, false))
            out.append(*n);
    }
    return out;
}

bool SqliteOutboxStore::insertNotification(const Notification &n, const QByteArray &requestHash,
                                           const QString &tokenId, QString *error)
{
    auto statement = reusable(QStringLiteral(
            "INSERT INTO notifications (id, idem_key, idem_token_id, request_hash, first_response,"
            " channel, recipient, customer_name, order_id, type, text, state, attempts,"
            " max_attempts, next_attempt_ms, created_ms, updated_ms, search_text)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,?,?,?)"));
    QSqlQuery &q = *statement;
    q.addBindValue(n.id);
    q.addBindValue(textOrNull(n.idempotencyKey));
    q.addBindValue(n.idempotencyKey.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                              : textOrNull(tokenId));
    q.addBindValue(requestHash.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>())
                                         : QVariant(requestHash));
    q.addBindValue(n.idempotencyKey.isEmpty()
                           ? QVariant(QMetaType::fromType<QString>())
                           : QVariant(QString::fromUtf8(
                                   QJsonDocument(n.toJson()).toJson(QJsonDocument::Compact))));
    q.addBindValue(channelName(n.channel));
    q.addBindValue(n.recipient);
    q.addBindValue(textOrNull(n.customerName));
    q.addBindValue(textOrNull(n.orderId));
    q.addBindValue(n.type);
    q.addBindValue(n.text);
    q.addBindValue(stateName(n.state));
    q.addBindValue(n.maxAttempts);
    q.addBindValue(ms(n.nextAttemptAt));
    q.addBindValue(ms(n.createdAt));
    q.addBindValue(ms(n.updatedAt));
    q.addBindValue(notificationSearchText(n.orderId, n.customerName, n.recipient, n.text));
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

static Notification newNotification(const NotificationRequest &request, const QString &key,
                                    int maxAttempts, const QDateTime &now)
{
    Notification n;
    n.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    n.idempotencyKey = key;
    n.channel = request.channel;
    n.recipient = request.recipient;
    n.customerName = request.customerName;
    n.orderId = request.orderId;
    n.type = request.type;
    n.text = request.text;
    n.state = NotificationState::Pending;
    n.maxAttempts = maxAttempts;
    n.nextAttemptAt = now;
    n.createdAt = now;
    n.updatedAt = now;
    return n;
}

QString SqliteOutboxStore::idempotencyLookupSql()
{
    // The same key from this token, or from before keys had a token (schema 7).
    return QStringLiteral("SELECT request_hash, first_response FROM notifications"
                          " WHERE idem_key = ? AND (idem_token_id = ? OR idem_token_id IS NULL)"
                          " LIMIT 1");
}

QList<EnqueueResult> SqliteOutboxStore::enqueueMany(const QList<EnqueueItem> &items,
                                                    int maxAttempts, const QDateTime &now,
                                                    QString *error)
{
    Transaction tx(m_db);
    QList<EnqueueResult> results;
    results.reserve(items.size());
    auto lookupStatement = reusable(idempotencyLookupSql());
    QSqlQuery &lookup = *lookupStatement;
    for (const EnqueueItem &item : items) {
        if (!item.idempotencyKey.isEmpty()) {
            // Inside the transaction, so a key used twice in one batch is seen too.
            lookup.addBindValue(item.idempotencyKey);
            lookup.addBindValue(textOrNull(item.tokenId));
            if (lookup.exec() && lookup.next()) {
                EnqueueResult result;
                if (lookup.value(0).toByteArray() != item.requestHash) {
                    result.kind = EnqueueResult::Kind::Conflict;
                } else {
                    result.kind = EnqueueResult::Kind::Replayed;
                    result.notification =
                            Notification::fromJson(
                                    QJsonDocument::fromJson(lookup.value(1).toString().toUtf8())
                                            .object())
                                    .value_or(Notification{});
                }
                lookup.finish();
                results.append(result);
                continue;
            }
            lookup.finish();
        }
        const Notification n = newNotification(item.request, item.idempotencyKey, maxAttempts, now);
        if (!insertNotification(n, item.requestHash, item.tokenId, error))
            return {};
        results.append(EnqueueResult{EnqueueResult::Kind::Created, n, {}});
    }
    if (!tx.commit()) {
        *error = tx.lastError();
        return {};
    }
    return results;
}

QList<Notification> SqliteOutboxStore::enqueueBatch(const QList<NotificationRequest> &requests,
                                                    int maxAttempts, const QDateTime &now,
                                                    QString *error)
{
    Transaction tx(m_db);
    QList<Notification> created;
    created.reserve(requests.size());
    for (const NotificationRequest &request : requests) {
        Notification n = newNotification(request, {}, maxAttempts, now);
        if (!insertNotification(n, {}, {}, error))
            return {};
        created.append(std::move(n));
    }
    if (!tx.commit()) {
        *error = tx.lastError();
        return {};
    }
    return created;
}

std::optional<Notification> SqliteOutboxStore::insertNew(const NotificationRequest &request,
                                                         int maxAttempts, const QDateTime &now,
                                                         QString *error)
{
    Notification n = newNotification(request, {}, maxAttempts, now);
    if (!insertNotification(n, {}, {}, error))
        return std::nullopt;
    return n;
}

std::optional<Notification> SqliteOutboxStore::notification(const QString &id, bool withHistory)
{
    static const QString byId = selectColumnsSql() + QStringLiteral("WHERE id = ?");
    auto statement = reusable(byId);
    QSqlQuery &q = *statement;
    q.addBindValue(id);
    if (!q.exec())
        return std::nullopt;
    QList<Notification> found = readNotifications(q);
    if (found.isEmpty())
        return std::nullopt;
    Notification n = found.takeFirst();
    if (withHistory) {
        auto history = reusable(QStringLiteral(
                "SELECT number, started_ms, finished_ms, outcome, http_status, detail"
                " FROM attempts WHERE notification_id = ? ORDER BY number"));
        QSqlQuery &h = *history;
        h.addBindValue(id);
        if (h.exec()) {
            while (h.next()) {
                n.history.append({h.value(0).toInt(), fromMs(h.value(1)), fromMs(h.value(2)),
                                  h.value(3).toString(), h.value(4).toInt(),
                                  h.value(5).toString()});
            }
        }
    }
    return n;
}

QString SqliteOutboxStore::claimDueSql(qsizetype channelCount)
{
    QString onChannels;
    if (channelCount > 0) {
        QStringList marks(channelCount, QStringLiteral("?"));
        onChannels = QStringLiteral(" AND channel IN (%1)").arg(marks.join(u','));
    }
    // One statement claims and reads them back (RETURNING, SQLite 3.35+).
    return QStringLiteral("UPDATE notifications SET state = 'sending', attempts = attempts + 1,"
                          " updated_ms = ? WHERE id IN (SELECT id FROM notifications"
                          " WHERE state = 'pending' AND next_attempt_ms <= ?%1"
                          " ORDER BY next_attempt_ms LIMIT ?) RETURNING ")
                   .arg(onChannels)
            + kColumns;
}

QList<Notification> SqliteOutboxStore::claimDue(const QDateTime &now, int limit,
                                                const QList<Channel> &channels)
{
    const QString claim = claimDueSql(channels.size());
    Transaction tx(m_db);
    QList<Notification> claimed;
    {
        auto statement = reusable(claim);
        QSqlQuery &q = *statement;
        q.addBindValue(ms(now));
        q.addBindValue(ms(now));
        for (Channel channel : channels)
            q.addBindValue(channelName(channel));
        q.addBindValue(limit);
        if (!q.exec())
            return {};
        claimed = readNotifications(q);
    }
    if (claimed.isEmpty() || !tx.commit())
        return {};
    // RETURNING gives no order; the earliest due goes first.
    std::stable_sort(claimed.begin(), claimed.end(),
                     [](const Notification &a, const Notification &b) {
                         return a.nextAttemptAt < b.nextAttemptAt;
                     });
    return claimed;
}

std::optional<QDateTime> SqliteOutboxStore::nextDueTime()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral(
                "SELECT MIN(next_attempt_ms) FROM notifications WHERE state = 'pending'"))
        && q.next() && !q.value(0).isNull())
        return fromMs(q.value(0));
    return std::nullopt;
}

std::optional<Notification> SqliteOutboxStore::completeAttempt(const QString &id,
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
SqliteOutboxStore::completeAttempts(const QList<std::pair<QString, AttemptRecord>> &attempts,
                                    const QDateTime &now, QString *error)
{
    QList<std::optional<Notification>> updated(attempts.size());
    Transaction tx(m_db);
    if (!tx.ok()) {
        *error = m_db.lastError().text();
        return {};
    }
    for (qsizetype i = 0; i < attempts.size(); ++i) {
        bool sqlFailed = false;
        updated[i] =
                finishAttempt(attempts.at(i).first, attempts.at(i).second, now, &sqlFailed, error);
        if (sqlFailed)
            return {};
    }
    if (!tx.commit()) {
        *error = tx.lastError();
        return {};
    }
    return updated;
}

std::optional<Notification> SqliteOutboxStore::finishAttempt(const QString &id,
                                                             const AttemptRecord &record,
                                                             const QDateTime &now, bool *sqlFailed,
                                                             QString *error)
{
    // One statement updates the row, if it is still sending (an operator may
    // have resolved it meanwhile), and reads it back. A delivery an operator
    // asked for (retry_requested_by set) closes the failure as resolved by retry.
    static const QString byRetry = QStringLiteral("(? AND COALESCE(retry_requested_by, '') <> '')");
    static const QString finish =
            QStringLiteral(
                    "UPDATE notifications SET state = CASE WHEN %1 THEN 'resolved' ELSE ? END,"
                    " next_attempt_ms = ?, last_error = ?, updated_ms = ?, delivered_ms = ?,"
                    " resolution_method = CASE WHEN %1 THEN 'retry' END,"
                    " resolution_by = CASE WHEN %1 THEN retry_requested_by END,"
                    " resolution_ms = CASE WHEN %1 THEN ? END,"
                    " failed_permanently = ?, provider_message_id = ?,"
                    " ack_deadline_ms = ?, ack = NULL WHERE id = ? AND state = 'sending'"
                    " RETURNING ")
                    .arg(byRetry)
            + kColumns;
    const bool delivered = record.newState == NotificationState::Delivered;
    std::optional<Notification> updated;
    {
        auto update = reusable(finish);
        QSqlQuery &u = *update;
        u.addBindValue(delivered ? 1 : 0);
        u.addBindValue(stateName(record.newState));
        u.addBindValue(msOrNull(record.nextAttemptAt));
        u.addBindValue(delivered ? QVariant(QMetaType::fromType<QString>())
                                 : textOrNull(record.lastError));
        u.addBindValue(ms(now));
        u.addBindValue(delivered ? QVariant(ms(now)) : QVariant(QMetaType::fromType<qint64>()));
        u.addBindValue(delivered ? 1 : 0);
        u.addBindValue(delivered ? 1 : 0);
        u.addBindValue(delivered ? 1 : 0);
        u.addBindValue(ms(now));
        u.addBindValue(record.newState == NotificationState::Failed && record.permanentFailure ? 1
                                                                                               : 0);
        u.addBindValue(textOrNull(record.providerMessageId));
        u.addBindValue(msOrNull(record.ackDeadline));
        u.addBindValue(id);
        if (!u.exec()) {
            *sqlFailed = true;
            *error = u.lastError().text();
            return std::nullopt;
        }
        QList<Notification> rows = readNotifications(u);
        if (rows.size() != 1)
            return std::nullopt; // no longer sending: nothing was written
        updated = rows.takeFirst();
    }
    auto insertAttempt = reusable(QStringLiteral(
            "INSERT OR REPLACE INTO attempts (notification_id, number, started_ms, finished_ms,"
            " outcome, http_status, detail) VALUES (?,?,?,?,?,?,?)"));
    QSqlQuery &a = *insertAttempt;
    a.addBindValue(id);
    a.addBindValue(record.attempt.number);
    a.addBindValue(ms(record.attempt.startedAt));
    a.addBindValue(ms(record.attempt.finishedAt));
    a.addBindValue(record.attempt.outcome);
    a.addBindValue(record.attempt.httpStatus);
    a.addBindValue(textOrNull(record.attempt.detail));
    if (!a.exec()) {
        *sqlFailed = true;
        *error = a.lastError().text();
        return std::nullopt;
    }
    return updated;
}

QList<Notification> SqliteOutboxStore::recoverInterrupted(const QDateTime &now)
{
    // The attempt a dead process was making stays counted: giving it back
    // would let a crash loop (vigiad killed during every send) send the same
    // message forever. Its history says what happened; a notification whose
    // last attempt it was ends failed, with the reason, for an operator.
    Transaction tx(m_db);
    QStringList ids;
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id FROM notifications WHERE state = 'sending'")))
        return {};
    while (q.next())
        ids << q.value(0).toString();
    if (ids.isEmpty())
        return {};
    QSqlQuery history(m_db);
    history.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO attempts (notification_id, number, started_ms, finished_ms,"
            " outcome, http_status, detail) SELECT id, attempts, updated_ms, ?, 'interrupted', 0,"
            " ? FROM notifications WHERE state = 'sending'"));
    history.addBindValue(ms(now));
    history.addBindValue(QStringLiteral("vigiad stopped during this attempt"));
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral(
            "UPDATE notifications SET"
            " state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'pending' END,"
            " last_error = CASE WHEN attempts >= max_attempts THEN"
            "   'vigiad stopped during the last of its ' || attempts || ' attempts; not sent"
            " again automatically (it may have reached the recipient)' ELSE last_error END,"
            " failed_permanently = CASE WHEN attempts >= max_attempts THEN 1 ELSE 0 END,"
            " next_attempt_ms = ?, updated_ms = ? WHERE state = 'sending'"));
    u.addBindValue(ms(now));
    u.addBindValue(ms(now));
    if (!history.exec() || !u.exec() || !tx.commit())
        return {};
    return byIds(ids);
}

} // namespace Vigia

#include "SqliteOutboxStore.h"

#include "SearchText.h"
#include "TimeOrderedId.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Vigia {

using namespace Sql;

namespace {
constexpr int kColumnCount = Rows::kNotificationColumnCount;
} // namespace

const QString &SqliteOutboxStore::selectColumnsSql()
{
    static const QString sql = QStringLiteral("SELECT ") + Rows::notificationColumns()
            + QStringLiteral(" FROM notifications ");
    return sql;
}

using Rows::asFirstAnswered;
using Rows::notificationFromRow;
using Rows::QueryRow;

QList<Notification> SqliteOutboxStore::readNotifications(QSqlQuery &q)
{
    QList<Notification> out;
    while (q.next())
        out.append(notificationFromRow(QueryRow{q}));
    return out;
}

QList<Notification> SqliteOutboxStore::readNotifications(RawStatement &statement)
{
    QList<Notification> out;
    while (statement.next())
        out.append(notificationFromRow(statement));
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
    auto insert = prepared(QStringLiteral(
            "INSERT INTO notifications (id, idem_key, idem_token_id, request_hash,"
            " channel, recipient, customer_name, order_id, type, text, state, attempts,"
            " max_attempts, next_attempt_ms, created_ms, updated_ms, search_text)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,0,?,?,?,?,?)"));
    const bool keyed = !n.idempotencyKey.isEmpty();
    insert->bind(1, n.id);
    insert->bind(2, keyed ? n.idempotencyKey : QString());
    insert->bind(3, keyed && !tokenId.isEmpty() ? tokenId : QString());
    insert->bindBlob(4, requestHash.isEmpty() ? QByteArray() : requestHash);
    insert->bind(5, channelName(n.channel));
    insert->bind(6, n.recipient);
    insert->bind(7, n.customerName.isEmpty() ? QString() : n.customerName);
    insert->bind(8, n.orderId.isEmpty() ? QString() : n.orderId);
    insert->bind(9, n.type);
    insert->bind(10, n.text);
    insert->bind(11, stateName(n.state));
    insert->bind(12, n.maxAttempts);
    insert->bind(13, ms(n.nextAttemptAt));
    insert->bind(14, ms(n.createdAt));
    insert->bind(15, ms(n.updatedAt));
    insert->bind(16, notificationSearchText(n.orderId, n.customerName, n.recipient, n.text));
    insert->next();
    if (!insert->ok()) {
        *error = insert->error();
        return false;
    }
    return true;
}

static Notification newNotification(const NotificationRequest &request, const QString &key,
                                    int maxAttempts, const QDateTime &now)
{
    Notification n;
    n.id = timeOrderedId(now.toMSecsSinceEpoch());
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
    // The notification columns first, so the row reads as any other; the first answer is
    // stored only for rows from before it was rebuilt from them.
    return QStringLiteral("SELECT ") + Rows::notificationColumns()
            + QStringLiteral(", request_hash, first_response FROM notifications"
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
    auto lookup = prepared(idempotencyLookupSql());
    for (const EnqueueItem &item : items) {
        if (!item.idempotencyKey.isEmpty()) {
            // Inside the transaction, so a key used twice in one batch is seen too.
            lookup->reset();
            lookup->bind(1, item.idempotencyKey);
            lookup->bind(2, item.tokenId.isEmpty() ? QString() : item.tokenId);
            if (lookup->next()) {
                EnqueueResult result;
                if (lookup->blob(kColumnCount) != item.requestHash) {
                    result.kind = EnqueueResult::Kind::Conflict;
                } else if (!lookup->isNull(kColumnCount + 1)) {
                    result.kind = EnqueueResult::Kind::Replayed;
                    result.notification =
                            Notification::fromJson(
                                    QJsonDocument::fromJson(lookup->text(kColumnCount + 1).toUtf8())
                                            .object())
                                    .value_or(Notification{});
                } else {
                    result.kind = EnqueueResult::Kind::Replayed;
                    result.notification = asFirstAnswered(notificationFromRow(*lookup));
                }
                lookup->reset();
                results.append(result);
                continue;
            }
            if (!lookup->ok()) {
                *error = lookup->error();
                return {};
            }
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
    // One statement claims and reads them back (RETURNING, SQLite 3.35+).
    return QStringLiteral("UPDATE notifications SET state = 'sending', attempts = attempts + 1,"
                          " updated_ms = ? WHERE id IN (%1) RETURNING ")
                   .arg(dueIdsSql(channelCount))
            + Rows::notificationColumns();
}

QString SqliteOutboxStore::anyDueSql(qsizetype channelCount)
{
    return QStringLiteral("SELECT EXISTS (%1)").arg(dueIdsSql(channelCount));
}

QString SqliteOutboxStore::dueIdsSql(qsizetype channelCount)
{
    // Every channel: the due index, read in due order up to the limit.
    QString due = QStringLiteral("SELECT id FROM notifications WHERE state = 'pending'"
                                 " AND next_attempt_ms <= ? ORDER BY next_attempt_ms LIMIT ?");
    if (channelCount > 0) {
        // Some channels only (while an outage holds another): each one's
        // pending rows in due order up to the limit, then the earliest of
        // those. Never the others' rows, a held backlog included. The index
        // is named, not left to the planner: without statistics it prefers
        // the due index, which spares it a sort but reads every pending row.
        QStringList perChannel;
        for (qsizetype i = 0; i < channelCount; ++i) {
            perChannel << QStringLiteral(
                    "SELECT id, next_attempt_ms FROM (SELECT id, next_attempt_ms FROM notifications"
                    " INDEXED BY notifications_pending_channel WHERE state = 'pending'"
                    " AND channel = ? AND next_attempt_ms <= ? ORDER BY next_attempt_ms LIMIT ?)");
        }
        due = QStringLiteral("SELECT id FROM (%1) ORDER BY next_attempt_ms LIMIT ?")
                      .arg(perChannel.join(QStringLiteral(" UNION ALL ")));
    }
    return due;
}

QList<Notification> SqliteOutboxStore::claimDue(const QDateTime &now, int limit,
                                                const QList<Channel> &channels)
{
    // In dueIdsSql()'s order: each channel's (or every channel's) due rows,
    // then the limit of all of them; after `first` binds of the statement's own.
    const auto bindDue = [&](RawStatement &statement, int first) {
        int index = first;
        for (Channel channel : channels) {
            statement.bind(++index, channelName(channel));
            statement.bind(++index, ms(now));
            statement.bind(++index, limit);
        }
        if (channels.isEmpty())
            statement.bind(++index, ms(now));
        statement.bind(++index, limit);
    };
    {
        // Asked after every change and on a timer: a read first (WAL readers
        // never wait), so the write lock, and a wait for whoever holds it,
        // is taken only when something is due.
        auto any = prepared(anyDueSql(channels.size()));
        bindDue(*any, 0);
        if (!any->next() || any->int64(0) == 0)
            return {};
    }
    Transaction tx(m_db);
    QList<Notification> claimed;
    {
        auto statement = prepared(claimDueSql(channels.size()));
        statement->bind(1, ms(now)); // the claim's time
        bindDue(*statement, 1);
        claimed = readNotifications(*statement);
        if (!statement->ok())
            return {};
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
            + Rows::notificationColumns();
    const bool delivered = record.newState == NotificationState::Delivered;
    std::optional<Notification> updated;
    {
        auto update = prepared(finish);
        const auto orNull = [](const QString &s) { return s.isEmpty() ? QString() : s; };
        update->bind(1, delivered ? 1 : 0);
        update->bind(2, stateName(record.newState));
        update->bindTime(3, record.nextAttemptAt);
        update->bind(4, delivered ? QString() : orNull(record.lastError));
        update->bind(5, ms(now));
        if (delivered)
            update->bind(6, ms(now));
        else
            update->bindNull(6);
        update->bind(7, delivered ? 1 : 0);
        update->bind(8, delivered ? 1 : 0);
        update->bind(9, delivered ? 1 : 0);
        update->bind(10, ms(now));
        update->bind(11,
                     record.newState == NotificationState::Failed && record.permanentFailure ? 1
                                                                                             : 0);
        update->bind(12, orNull(record.providerMessageId));
        update->bindTime(13, record.ackDeadline);
        update->bind(14, id);
        QList<Notification> rows = readNotifications(*update);
        if (!update->ok()) {
            *sqlFailed = true;
            *error = update->error();
            return std::nullopt;
        }
        if (rows.size() != 1)
            return std::nullopt; // no longer sending: nothing was written
        updated = rows.takeFirst();
    }
    auto insertAttempt = prepared(QStringLiteral(
            "INSERT OR REPLACE INTO attempts (notification_id, number, started_ms, finished_ms,"
            " outcome, http_status, detail) VALUES (?,?,?,?,?,?,?)"));
    insertAttempt->bind(1, id);
    insertAttempt->bind(2, record.attempt.number);
    insertAttempt->bind(3, ms(record.attempt.startedAt));
    insertAttempt->bind(4, ms(record.attempt.finishedAt));
    insertAttempt->bind(5, record.attempt.outcome);
    insertAttempt->bind(6, record.attempt.httpStatus);
    insertAttempt->bind(7, record.attempt.detail.isEmpty() ? QString() : record.attempt.detail);
    insertAttempt->next();
    if (!insertAttempt->ok()) {
        *sqlFailed = true;
        *error = insertAttempt->error();
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

#include "PostgresOutboxStore.h"

#include "PostgresJournal.h"
#include "SearchText.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QUuid>

#include <algorithm>
#include <utility>

namespace Vigia {

using namespace Pg;

namespace {
// What readNotifications() reads, in its order (the SQLite store's).
const QString kColumns = QStringLiteral(
        "id, idem_key, channel, recipient, customer_name, order_id, type, text, state,"
        " attempts, max_attempts, next_attempt_ms, last_error, created_ms, updated_ms,"
        " delivered_ms, resolution_method, resolution_by, resolution_note, resolution_ms,"
        " claimed_by, claimed_until_ms");
constexpr int kColumnCount = 22;

Notification notificationFromRow(const QSqlQuery &q)
{
    const auto text = [&q](int i) { return q.value(i).toString(); };
    Notification n;
    n.id = text(0);
    n.idempotencyKey = text(1);
    n.channel = channelFromName(text(2)).value_or(Channel::WhatsApp);
    n.recipient = text(3);
    n.customerName = text(4);
    n.orderId = text(5);
    n.type = text(6);
    n.text = text(7);
    n.state = stateFromName(text(8)).value_or(NotificationState::Pending);
    n.attempts = q.value(9).toInt();
    n.maxAttempts = q.value(10).toInt();
    n.nextAttemptAt = fromMs(q.value(11));
    n.lastError = text(12);
    n.createdAt = fromMs(q.value(13));
    n.updatedAt = fromMs(q.value(14));
    n.deliveredAt = fromMs(q.value(15));
    if (!q.value(16).isNull()) {
        n.resolution =
                Resolution{resolutionMethodFromName(text(16)).value_or(ResolutionMethod::Other),
                           text(17), text(18), fromMs(q.value(19))};
    }
    n.claimedBy = text(20);
    n.claimedUntil = fromMs(q.value(21));
    return n;
}

// The notification as its 201 showed it (see the SQLite store's copy).
Notification asFirstAnswered(Notification n)
{
    n.state = NotificationState::Pending;
    n.attempts = 0;
    n.nextAttemptAt = n.createdAt;
    n.updatedAt = n.createdAt;
    n.lastError.clear();
    n.deliveredAt = QDateTime();
    n.resolution.reset();
    n.claimedBy.clear();
    n.claimedUntil = QDateTime();
    return n;
}

Notification newNotification(const NotificationRequest &request, const QString &key,
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
} // namespace

const QString &PostgresOutboxStore::selectColumnsSql()
{
    static const QString sql =
            QStringLiteral("SELECT ") + kColumns + QStringLiteral(" FROM notifications ");
    return sql;
}

QList<Notification> PostgresOutboxStore::readNotifications(QSqlQuery &query)
{
    QList<Notification> out;
    while (query.next())
        out.append(notificationFromRow(query));
    return out;
}

QList<Notification> PostgresOutboxStore::byIds(const QStringList &ids)
{
    QList<Notification> out;
    out.reserve(ids.size());
    for (const QString &id : ids) {
        if (auto n = notification(id, false))
            out.append(*n);
    }
    return out;
}

bool PostgresOutboxStore::insertNotification(const Notification &n, const QByteArray &requestHash,
                                             const QString &tokenId, bool *inserted, QString *error)
{
    // Nothing is inserted when the key is stored already, from this token or
    // without one (storedForKey()'s match), so the common new key costs one
    // statement. ON CONFLICT DO NOTHING on the key's unique index: when
    // another instance stores the same key meanwhile, this waits for its
    // transaction and then inserts nothing, instead of failing; the caller
    // reads that row.
    QSqlQuery q(m_db);
    const bool keyed = !n.idempotencyKey.isEmpty();
    if (!run(q,
             QStringLiteral(
                     "INSERT INTO notifications (id, idem_key, idem_token_id, request_hash,"
                     " channel, recipient, customer_name, order_id, type, text, state, attempts,"
                     " max_attempts, next_attempt_ms, created_ms, updated_ms, search_text)"
                     " SELECT ?,?,COALESCE(?, ''),?,?,?,?,?,?,?,?,0,?,?,?,?,?"
                     " WHERE NOT EXISTS (SELECT 1 FROM notifications WHERE idem_key = ?"
                     "   AND idem_token_id IN (COALESCE(?, ''), ''))"
                     " ON CONFLICT (idem_key, idem_token_id) WHERE idem_key IS NOT NULL"
                     " DO NOTHING"),
             {n.id, keyed ? QVariant(n.idempotencyKey) : QVariant(QMetaType::fromType<QString>()),
              keyed ? tokenId : QString(),
              requestHash.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>())
                                    : QVariant(requestHash),
              channelName(n.channel), n.recipient, textOrNull(n.customerName),
              textOrNull(n.orderId), n.type, n.text, stateName(n.state), n.maxAttempts,
              ms(n.nextAttemptAt), ms(n.createdAt), ms(n.updatedAt),
              notificationSearchText(n.orderId, n.customerName, n.recipient, n.text),
              keyed ? QVariant(n.idempotencyKey) : QVariant(QMetaType::fromType<QString>()),
              keyed ? tokenId : QString()},
             error))
        return false;
    *inserted = q.numRowsAffected() == 1;
    return true;
}

std::optional<EnqueueResult> PostgresOutboxStore::storedForKey(const EnqueueItem &item,
                                                               QString *error)
{
    // The same key from this token, or sent without a token (''), which
    // answers any token as in the SQLite store.
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("SELECT ") + kColumns
                     + QStringLiteral(
                             ", request_hash, first_response FROM notifications"
                             " WHERE idem_key = ? AND idem_token_id IN (COALESCE(?, ''), '')"
                             " ORDER BY idem_token_id DESC LIMIT 1"),
             {item.idempotencyKey, item.tokenId}, error))
        return std::nullopt;
    if (!q.next())
        return EnqueueResult{EnqueueResult::Kind::Created, {}, {}, {}}; // none: caller inserts
    EnqueueResult result;
    if (q.value(kColumnCount).toByteArray() != item.requestHash) {
        result.kind = EnqueueResult::Kind::Conflict;
    } else if (!q.value(kColumnCount + 1).isNull()) {
        // A row carried over from an SQLite store that kept the answer's JSON.
        result.kind = EnqueueResult::Kind::Replayed;
        result.notification =
                Notification::fromJson(
                        QJsonDocument::fromJson(q.value(kColumnCount + 1).toString().toUtf8())
                                .object())
                        .value_or(Notification{});
    } else {
        result.kind = EnqueueResult::Kind::Replayed;
        result.notification = asFirstAnswered(notificationFromRow(q));
    }
    return result;
}

std::optional<EnqueueResult> PostgresOutboxStore::enqueueKeyed(const EnqueueItem &item,
                                                               int maxAttempts,
                                                               const QDateTime &now, QString *error)
{
    // Inserted unless stored (one statement for the common new key), else
    // read: a replay, a conflict, or another instance's row that won the key.
    // Inside the transaction, so a key used twice in one batch is seen too.
    const Notification n = newNotification(item.request, item.idempotencyKey, maxAttempts, now);
    bool inserted = false;
    if (!insertNotification(n, item.requestHash, item.tokenId, &inserted, error))
        return std::nullopt;
    if (inserted)
        return EnqueueResult{EnqueueResult::Kind::Created, n, {}, {}};
    auto stored = storedForKey(item, error);
    if (!stored)
        return std::nullopt;
    if (!stored->notification.id.isEmpty() || stored->kind == EnqueueResult::Kind::Conflict)
        return stored;
    *error = QStringLiteral("idempotency key '%1' neither stored nor found")
                     .arg(item.idempotencyKey);
    return std::nullopt;
}

QList<EnqueueResult> PostgresOutboxStore::enqueueMany(const QList<EnqueueItem> &items,
                                                      int maxAttempts, const QDateTime &now,
                                                      QString *error)
{
    Transaction tx(m_db, hotBegin());
    if (!tx.ok()) {
        *error = tx.lastError();
        return {};
    }
    QList<EnqueueResult> results;
    results.reserve(items.size());
    for (const EnqueueItem &item : items) {
        if (!item.idempotencyKey.isEmpty()) {
            auto result = enqueueKeyed(item, maxAttempts, now, error);
            if (!result)
                return {};
            results.append(*result);
            continue;
        }
        const Notification n = newNotification(item.request, {}, maxAttempts, now);
        bool inserted = false;
        if (!insertNotification(n, item.requestHash, item.tokenId, &inserted, error))
            return {};
        results.append(EnqueueResult{EnqueueResult::Kind::Created, n, {}, {}});
    }
    if (!commitAsync(tx)) {
        *error = tx.lastError();
        return {};
    }
    return results;
}

QList<Notification> PostgresOutboxStore::enqueueBatch(const QList<NotificationRequest> &requests,
                                                      int maxAttempts, const QDateTime &now,
                                                      QString *error)
{
    Transaction tx(m_db);
    QList<Notification> created;
    created.reserve(requests.size());
    for (const NotificationRequest &request : requests) {
        Notification n = newNotification(request, {}, maxAttempts, now);
        bool inserted = false;
        if (!insertNotification(n, {}, {}, &inserted, error))
            return {};
        created.append(std::move(n));
    }
    if (!tx.commit()) {
        *error = tx.lastError();
        return {};
    }
    return created;
}

std::optional<Notification> PostgresOutboxStore::insertNew(const NotificationRequest &request,
                                                           int maxAttempts, const QDateTime &now,
                                                           QString *error)
{
    Notification n = newNotification(request, {}, maxAttempts, now);
    bool inserted = false;
    if (!insertNotification(n, {}, {}, &inserted, error))
        return std::nullopt;
    return n;
}

std::optional<Notification> PostgresOutboxStore::notification(const QString &id, bool withHistory)
{
    QSqlQuery q(m_db);
    if (!run(q, selectColumnsSql() + QStringLiteral("WHERE id = ?"), {id}) || !q.next())
        return std::nullopt;
    Notification n = notificationFromRow(q);
    if (withHistory) {
        QSqlQuery h(m_db);
        if (run(h,
                QStringLiteral("SELECT number, started_ms, finished_ms, outcome, http_status,"
                               " detail FROM attempts WHERE notification_id = ? ORDER BY number"),
                {id})) {
            while (h.next()) {
                n.history.append({h.value(0).toInt(), fromMs(h.value(1)), fromMs(h.value(2)),
                                  h.value(3).toString(), h.value(4).toInt(),
                                  h.value(5).toString()});
            }
        }
    }
    return n;
}

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

    QString onChannels;
    QVariantList binds{ms(now), instanceId(), ms(now) + lease().count(), ms(now)};
    if (!channels.isEmpty()) {
        QStringList names;
        for (Channel channel : channels)
            names << channelName(channel);
        onChannels = QStringLiteral(" AND channel = ANY(?::text[])");
        binds << textArray(names);
    }
    binds << limit;
    // SKIP LOCKED: instances claiming at once each take different rows
    // without waiting for one another (River, Oban and graphile-worker's way).
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("UPDATE notifications SET state = 'sending', attempts = attempts + 1,"
                            " updated_ms = ?, lease_owner = ?, lease_until_ms = ?"
                            " WHERE id IN (SELECT id FROM notifications"
                            " WHERE state = 'pending' AND next_attempt_ms <= ?%1"
                            " ORDER BY next_attempt_ms LIMIT ? FOR UPDATE SKIP LOCKED)"
                            " RETURNING ")
                             .arg(onChannels)
                     + kColumns,
             binds, &error))
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
            + kColumns;
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

int PostgresOutboxStore::shareChangedAgain(const QDateTime &since, int limit, const QDateTime &now)
{
    Transaction tx(m_db);
    QSqlQuery lock(m_db);
    QSqlQuery read(m_db);
    // Once per takeover: a scan of the table is worth no index kept on every write.
    if (!tx.ok()
        || !run(lock, QStringLiteral("SELECT pg_advisory_xact_lock(?)"),
                {PostgresJournal::kAppendLock})
        || !run(read,
                selectColumnsSql()
                        + QStringLiteral("WHERE updated_ms >= ? ORDER BY updated_ms LIMIT ?"),
                {ms(since), limit}))
        return -1;
    const QList<Notification> changed = readNotifications(read);
    qint64 last = 0;
    for (const Notification &n : changed) {
        QSqlQuery insert(m_db);
        if (!run(insert,
                 QStringLiteral("INSERT INTO live_events (type, wire, at_ms) VALUES"
                                " ('notification', ?, ?) RETURNING seq"),
                 {QJsonDocument(n.toJson()).toJson(QJsonDocument::Compact), ms(now)})
            || !insert.next())
            return -1;
        last = insert.value(0).toLongLong();
    }
    QSqlQuery notify(m_db);
    if ((last > 0
         && !run(notify, QStringLiteral("SELECT pg_notify(?, ?)"),
                 {PostgresJournal::channel(), QString::number(last)}))
        || !tx.commit())
        return -1;
    return int(changed.size());
}

QueueStats PostgresOutboxStore::stats(const QDateTime &now)
{
    QueueStats s;
    QSqlQuery q(m_db);
    if (run(q, QStringLiteral("SELECT state, COUNT(*) FROM notifications GROUP BY state"), {})) {
        while (q.next()) {
            if (auto state = stateFromName(q.value(0).toString()))
                s.byState[*state] = q.value(1).toInt();
        }
    }
    QSqlQuery oldest(m_db);
    if (run(oldest,
            QStringLiteral("SELECT MIN(created_ms) FROM notifications"
                           " WHERE state IN ('pending','sending')"),
            {})
        && oldest.next() && !oldest.value(0).isNull())
        s.oldestPendingAgeSeconds = (ms(now) - oldest.value(0).toLongLong()) / 1000;
    const qint64 hourAgo = ms(now) - qint64(3600) * 1000;
    QSqlQuery h(m_db);
    if (run(h,
            QStringLiteral("SELECT COUNT(*), COUNT(*) FILTER (WHERE outcome = 'delivered')"
                           " FROM attempts WHERE finished_ms >= ?"),
            {hourAgo})
        && h.next()) {
        s.attemptsLastHour = h.value(0).toInt();
        s.deliveredLastHour = h.value(1).toInt();
    }
    QSqlQuery f(m_db);
    if (run(f,
            QStringLiteral("SELECT COUNT(*) FROM notifications WHERE state = 'failed'"
                           " AND updated_ms >= ?"),
            {hourAgo})
        && f.next())
        s.failedLastHour = f.value(0).toInt();
    return s;
}

QStringList PostgresOutboxStore::outageFailuresSince(const QDateTime &since)
{
    QStringList ids;
    QSqlQuery q(m_db);
    if (run(q,
            QStringLiteral("SELECT id FROM notifications WHERE state = 'failed'"
                           " AND failed_permanently = 0 AND updated_ms >= ?"
                           " ORDER BY created_ms, id"),
            {ms(since)})) {
        while (q.next())
            ids << q.value(0).toString();
    }
    return ids;
}

} // namespace Vigia

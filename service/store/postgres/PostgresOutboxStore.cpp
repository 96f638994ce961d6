#include "PostgresOutboxStore.h"

#include "PostgresJournal.h"
#include "SearchText.h"
#include "TimeOrderedId.h"

#include <QJsonDocument>

#include <utility>

namespace Vigia {

using namespace Pg;

using Rows::asFirstAnswered;

namespace {
constexpr int kColumnCount = Rows::kNotificationColumnCount;

Notification newNotification(const NotificationRequest &request, const QString &key,
                             int maxAttempts, const QDateTime &now)
{
    Notification n;
    // Time-ordered, as on SQLite: new rows land at the primary key's end
    // instead of anywhere in it, and ids sort as the stores' lists do.
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
} // namespace

const QString &PostgresOutboxStore::columnsSql()
{
    return Rows::notificationColumns();
}

const QString &PostgresOutboxStore::selectColumnsSql()
{
    static const QString sql = QStringLiteral("SELECT ") + Rows::notificationColumns()
            + QStringLiteral(" FROM notifications ");
    return sql;
}

QList<Notification> PostgresOutboxStore::readNotifications(QSqlQuery &query)
{
    QList<Notification> out;
    while (query.next())
        out.append(Rows::notificationFromRow(Rows::QueryRow{query}));
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
             QStringLiteral("SELECT ") + Rows::notificationColumns()
                     + QStringLiteral(
                             ", request_hash, first_response FROM notifications"
                             " WHERE idem_key = ? AND idem_token_id IN (COALESCE(?, ''), '')"
                             " ORDER BY idem_token_id DESC LIMIT 1"),
             {item.idempotencyKey, item.tokenId}, error))
        return std::nullopt;
    if (!q.next())
        return EnqueueResult{EnqueueResult::Kind::Created, {}, {}}; // none: caller inserts
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
        result.notification = asFirstAnswered(Rows::notificationFromRow(Rows::QueryRow{q}));
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
        return EnqueueResult{EnqueueResult::Kind::Created, n, {}};
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
        results.append(EnqueueResult{EnqueueResult::Kind::Created, n, {}});
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
    Notification n = Rows::notificationFromRow(Rows::QueryRow{q});
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

#include "SqliteStore.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcStore, "vigia.store")

namespace Vigia {

namespace {

// Each step moves the schema one version forward and runs in one transaction.
const char *const kMigrations[] = {
        // 1: outbox, attempts, tokens, audit
        R"(
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    idempotency_key TEXT UNIQUE,
    request_hash BLOB,
    first_response TEXT,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    customer_name TEXT,
    order_id TEXT,
    type TEXT NOT NULL,
    text TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    next_attempt_ms INTEGER,
    last_error TEXT,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    delivered_ms INTEGER,
    retry_requested_by TEXT,
    resolution_method TEXT,
    resolution_by TEXT,
    resolution_note TEXT,
    resolution_ms INTEGER
);
CREATE INDEX notifications_due ON notifications(state, next_attempt_ms);
CREATE INDEX notifications_created ON notifications(created_ms, id);
CREATE INDEX notifications_order ON notifications(order_id);
CREATE TABLE attempts (
    notification_id TEXT NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    started_ms INTEGER NOT NULL,
    finished_ms INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    http_status INTEGER NOT NULL,
    detail TEXT,
    PRIMARY KEY (notification_id, number)
);
CREATE INDEX attempts_finished ON attempts(finished_ms);
CREATE TABLE tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    secret_hash BLOB NOT NULL UNIQUE,
    created_ms INTEGER NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    outcome TEXT NOT NULL,
    detail TEXT
);
)",
        // 2: WhatsApp acks, permanent failures, incidents, webhook de-duplication
        R"(
ALTER TABLE notifications ADD COLUMN failed_permanently INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN provider_message_id TEXT;
ALTER TABLE notifications ADD COLUMN ack INTEGER;
ALTER TABLE notifications ADD COLUMN ack_deadline_ms INTEGER;
ALTER TABLE notifications ADD COLUMN ack_retried INTEGER NOT NULL DEFAULT 0;
CREATE INDEX notifications_provider ON notifications(provider_message_id);
CREATE INDEX notifications_ack_deadline ON notifications(ack_deadline_ms);
CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    reached TEXT NOT NULL,
    started_ms INTEGER NOT NULL,
    ended_ms INTEGER,
    resolution TEXT,
    notification_ids TEXT NOT NULL
);
CREATE INDEX incidents_started ON incidents(started_ms);
CREATE TABLE webhook_events (
    event_id TEXT PRIMARY KEY,
    received_ms INTEGER NOT NULL
);
CREATE INDEX webhook_events_received ON webhook_events(received_ms);
)",
        // 3: sessions and conversations kept across bot restarts
        R"(
CREATE TABLE sessions (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    user_id TEXT,
    username TEXT,
    place TEXT,
    confirmed INTEGER NOT NULL DEFAULT 0,
    entry_notified INTEGER NOT NULL DEFAULT 0,
    data TEXT,
    exit_notice TEXT,
    started_ms INTEGER NOT NULL,
    last_seen_ms INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE TABLE conversations (
    user TEXT NOT NULL,
    flow TEXT NOT NULL,
    step TEXT,
    data TEXT,
    ttl_seconds INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    PRIMARY KEY (user, flow)
);
CREATE INDEX conversations_expiry ON conversations(expires_ms);
)",
        // 4: when each ack arrived, so vigiad knows whether WAHA's webhooks are wired
        R"(
ALTER TABLE notifications ADD COLUMN acked_ms INTEGER;
CREATE INDEX notifications_acked ON notifications(acked_ms);
)",
};

qint64 ms(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

QVariant msOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime fromMs(const QVariant &v)
{
    if (v.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

const QString kSelectColumns = QStringLiteral(
        "SELECT id, idempotency_key, channel, recipient, customer_name, order_id, type, text, "
        "state,"
        " attempts, max_attempts, next_attempt_ms, last_error, created_ms, updated_ms, "
        "delivered_ms,"
        " resolution_method, resolution_by, resolution_note, resolution_ms FROM notifications ");

QString escapeLike(QString s)
{
    s.replace(u'\\', QStringLiteral("\\\\"));
    s.replace(u'%', QStringLiteral("\\%"));
    s.replace(u'_', QStringLiteral("\\_"));
    return s;
}

// A scoped transaction: rolled back unless commit() succeeded.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase &db) : m_db(db) { m_active = m_db.transaction(); }
    ~Transaction()
    {
        if (m_active)
            m_db.rollback();
    }
    bool ok() const { return m_active; }
    bool commit()
    {
        const bool done = m_db.commit();
        m_active = !done;
        return done;
    }

private:
    QSqlDatabase &m_db;
    bool m_active = false;
};

} // namespace

QJsonObject AuditEntry::toJson() const
{
    return {{QStringLiteral("id"), id},         {QStringLiteral("at"), toRfc3339(at)},
            {QStringLiteral("actor"), actor},   {QStringLiteral("action"), action},
            {QStringLiteral("target"), target}, {QStringLiteral("outcome"), outcome},
            {QStringLiteral("detail"), detail}};
}

SqliteStore::SqliteStore(const QString &path)
    : m_path(path),
      m_connectionName(QStringLiteral("vigia-sqlite-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

SqliteStore::~SqliteStore()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

int SqliteStore::latestSchemaVersion()
{
    return int(std::size(kMigrations));
}

bool SqliteStore::exec(const QString &sql, QString *error)
{
    QSqlQuery q(m_db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = q.lastError().text();
    qCWarning(lcStore) << "SQL failed:" << q.lastError().text();
    return false;
}

bool SqliteStore::open(QString *error)
{
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        *error = QStringLiteral("cannot create directory %1").arg(info.absolutePath());
        return false;
    }
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open()) {
        *error = QStringLiteral("cannot open %1: %2").arg(m_path, m_db.lastError().text());
        return false;
    }
    // WAL lets readers run beside the writer; synchronous=FULL makes every
    // commit durable before the API answers.
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL"), error)
        || !exec(QStringLiteral("PRAGMA synchronous=FULL"), error)
        || !exec(QStringLiteral("PRAGMA foreign_keys=ON"), error))
        return false;
    return migrate(error);
}

int SqliteStore::schemaVersion() const
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

bool SqliteStore::migrate(QString *error)
{
    const int current = schemaVersion();
    if (current > latestSchemaVersion()) {
        *error = QStringLiteral(
                         "database schema version %1 is newer than this vigiad understands (%2)")
                         .arg(current)
                         .arg(latestSchemaVersion());
        return false;
    }
    for (int version = current; version < latestSchemaVersion(); ++version) {
        Transaction tx(m_db);
        const QStringList statements =
                QString::fromUtf8(kMigrations[version]).split(u';', Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            if (statement.trimmed().isEmpty())
                continue;
            if (!exec(statement, error)) {
                *error = QStringLiteral("migration to schema %1 failed: %2")
                                 .arg(version + 1)
                                 .arg(*error);
                return false;
            }
        }
        if (!exec(QStringLiteral("PRAGMA user_version=%1").arg(version + 1), error)
            || !tx.commit()) {
            *error = QStringLiteral("migration to schema %1 failed to commit").arg(version + 1);
            return false;
        }
        qCInfo(lcStore) << "schema migrated to version" << version + 1;
    }
    return true;
}

QList<Notification> SqliteStore::readNotifications(QSqlQuery &q)
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
        out.append(n);
    }
    return out;
}

QList<Notification> SqliteStore::byIds(const QStringList &ids)
{
    QList<Notification> out;
    out.reserve(ids.size());
    for (const QString &id : ids) {
        if (auto n = notification(id, false))
            out.append(*n);
    }
    return out;
}

bool SqliteStore::insertNotification(const Notification &n, const QByteArray &requestHash,
                                     QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "INSERT INTO notifications (id, idempotency_key, request_hash, first_response, channel,"
            " recipient, customer_name, order_id, type, text, state, attempts, max_attempts,"
            " next_attempt_ms, created_ms, updated_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,0,?,?,?,?)"));
    q.addBindValue(n.id);
    q.addBindValue(textOrNull(n.idempotencyKey));
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

QList<EnqueueResult> SqliteStore::enqueueMany(const QList<EnqueueItem> &items, int maxAttempts,
                                              const QDateTime &now, QString *error)
{
    Transaction tx(m_db);
    QList<EnqueueResult> results;
    results.reserve(items.size());
    QSqlQuery lookup(m_db);
    lookup.prepare(QStringLiteral(
            "SELECT request_hash, first_response FROM notifications WHERE idempotency_key = ?"));
    for (const EnqueueItem &item : items) {
        if (!item.idempotencyKey.isEmpty()) {
            // Inside the transaction, so a key used twice in one batch is seen too.
            lookup.addBindValue(item.idempotencyKey);
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
        if (!insertNotification(n, item.requestHash, error))
            return {};
        results.append(EnqueueResult{EnqueueResult::Kind::Created, n});
    }
    if (!tx.commit()) {
        *error = m_db.lastError().text();
        return {};
    }
    return results;
}

QList<Notification> SqliteStore::enqueueBatch(const QList<NotificationRequest> &requests,
                                              int maxAttempts, const QDateTime &now, QString *error)
{
    Transaction tx(m_db);
    QList<Notification> created;
    created.reserve(requests.size());
    for (const NotificationRequest &request : requests) {
        Notification n = newNotification(request, {}, maxAttempts, now);
        if (!insertNotification(n, {}, error))
            return {};
        created.append(std::move(n));
    }
    if (!tx.commit()) {
        *error = m_db.lastError().text();
        return {};
    }
    return created;
}

std::optional<Notification> SqliteStore::notification(const QString &id, bool withHistory)
{
    QSqlQuery q(m_db);
    q.prepare(kSelectColumns + QStringLiteral("WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return std::nullopt;
    QList<Notification> found = readNotifications(q);
    if (found.isEmpty())
        return std::nullopt;
    Notification n = found.takeFirst();
    if (withHistory) {
        QSqlQuery h(m_db);
        h.prepare(QStringLiteral(
                "SELECT number, started_ms, finished_ms, outcome, http_status, detail"
                " FROM attempts WHERE notification_id = ? ORDER BY number"));
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

NotificationPage SqliteStore::notifications(const NotificationFilter &filter)
{
    QStringList where;
    QVariantList binds;
    if (filter.state) {
        where << QStringLiteral("state = ?");
        binds << stateName(*filter.state);
    }
    if (!filter.orderId.isEmpty()) {
        where << QStringLiteral("order_id = ?");
        binds << filter.orderId;
    }
    if (!filter.text.isEmpty()) {
        where << QStringLiteral("(customer_name LIKE ? ESCAPE '\\' OR recipient LIKE ? ESCAPE '\\'"
                                " OR order_id LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\')");
        const QString pattern = QStringLiteral("%") + escapeLike(filter.text) + QStringLiteral("%");
        binds << pattern << pattern << pattern << pattern;
    }
    if (!filter.cursor.isEmpty()) {
        const QString decoded = QString::fromUtf8(
                QByteArray::fromBase64(filter.cursor.toLatin1(), QByteArray::Base64UrlEncoding));
        const qsizetype sep = decoded.indexOf(u':');
        where << QStringLiteral("(created_ms < ? OR (created_ms = ? AND id < ?))");
        const qint64 createdMs = decoded.left(sep).toLongLong();
        binds << createdMs << createdMs << decoded.mid(sep + 1);
    }
    QString sql = kSelectColumns;
    if (!where.isEmpty())
        sql += QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY created_ms DESC, id DESC LIMIT %1").arg(filter.limit + 1);
    QSqlQuery q(m_db);
    q.prepare(sql);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    NotificationPage page;
    if (!q.exec()) {
        qCWarning(lcStore) << "list failed:" << q.lastError().text();
        return page;
    }
    page.items = readNotifications(q);
    if (page.items.size() > filter.limit) {
        page.items.resize(filter.limit);
        const Notification &last = page.items.constLast();
        page.nextCursor = QString::fromLatin1(QStringLiteral("%1:%2")
                                                      .arg(ms(last.createdAt))
                                                      .arg(last.id)
                                                      .toUtf8()
                                                      .toBase64(QByteArray::Base64UrlEncoding));
    }
    return page;
}

QList<Notification> SqliteStore::claimDue(const QDateTime &now, int limit)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "SELECT id FROM notifications WHERE state = 'pending' AND next_attempt_ms <= ?"
            " ORDER BY next_attempt_ms LIMIT ?"));
    q.addBindValue(ms(now));
    q.addBindValue(limit);
    QStringList ids;
    if (q.exec()) {
        while (q.next())
            ids << q.value(0).toString();
    }
    if (ids.isEmpty())
        return {};
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral("UPDATE notifications SET state = 'sending', attempts = attempts + 1,"
                             " updated_ms = ? WHERE id = ? AND state = 'pending'"));
    for (const QString &id : std::as_const(ids)) {
        u.addBindValue(ms(now));
        u.addBindValue(id);
        if (!u.exec())
            return {};
    }
    if (!tx.commit())
        return {};
    return byIds(ids);
}

std::optional<QDateTime> SqliteStore::nextDueTime()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral(
                "SELECT MIN(next_attempt_ms) FROM notifications WHERE state = 'pending'"))
        && q.next() && !q.value(0).isNull())
        return fromMs(q.value(0));
    return std::nullopt;
}

std::optional<Notification>
SqliteStore::completeAttempt(const QString &id, const AttemptRecord &record, const QDateTime &now)
{
    Transaction tx(m_db);
    QSqlQuery a(m_db);
    a.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO attempts (notification_id, number, started_ms, finished_ms,"
            " outcome, http_status, detail) VALUES (?,?,?,?,?,?,?)"));
    a.addBindValue(id);
    a.addBindValue(record.attempt.number);
    a.addBindValue(ms(record.attempt.startedAt));
    a.addBindValue(ms(record.attempt.finishedAt));
    a.addBindValue(record.attempt.outcome);
    a.addBindValue(record.attempt.httpStatus);
    a.addBindValue(textOrNull(record.attempt.detail));
    if (!a.exec())
        return std::nullopt;

    QSqlQuery r(m_db);
    r.prepare(QStringLiteral(
            "SELECT retry_requested_by FROM notifications WHERE id = ? AND state = 'sending'"));
    r.addBindValue(id);
    if (!r.exec() || !r.next())
        return std::nullopt;
    const QString retryRequestedBy = r.value(0).toString();
    const bool delivered = record.newState == NotificationState::Delivered;
    // A delivery that an operator asked for closes the failure as resolved by retry.
    const bool resolvedByRetry = delivered && !retryRequestedBy.isEmpty();

    QSqlQuery u(m_db);
    u.prepare(QStringLiteral(
            "UPDATE notifications SET state = ?, next_attempt_ms = ?, last_error = ?,"
            " updated_ms = ?, delivered_ms = ?, resolution_method = ?, resolution_by = ?,"
            " resolution_ms = ?, failed_permanently = ?, provider_message_id = ?,"
            " ack_deadline_ms = ?, ack = NULL WHERE id = ?"));
    u.addBindValue(resolvedByRetry ? QStringLiteral("resolved") : stateName(record.newState));
    u.addBindValue(msOrNull(record.nextAttemptAt));
    u.addBindValue(delivered ? QVariant(QMetaType::fromType<QString>())
                             : textOrNull(record.lastError));
    u.addBindValue(ms(now));
    u.addBindValue(delivered ? QVariant(ms(now)) : QVariant(QMetaType::fromType<qint64>()));
    u.addBindValue(resolvedByRetry ? QVariant(QStringLiteral("retry"))
                                   : QVariant(QMetaType::fromType<QString>()));
    u.addBindValue(resolvedByRetry ? QVariant(retryRequestedBy)
                                   : QVariant(QMetaType::fromType<QString>()));
    u.addBindValue(resolvedByRetry ? QVariant(ms(now)) : QVariant(QMetaType::fromType<qint64>()));
    u.addBindValue(record.newState == NotificationState::Failed && record.permanentFailure ? 1 : 0);
    u.addBindValue(textOrNull(record.providerMessageId));
    u.addBindValue(msOrNull(record.ackDeadline));
    u.addBindValue(id);
    if (!u.exec() || u.numRowsAffected() != 1 || !tx.commit())
        return std::nullopt;
    return notification(id, false);
}

QList<Notification> SqliteStore::recoverInterrupted(const QDateTime &now)
{
    Transaction tx(m_db);
    QStringList ids;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT id FROM notifications WHERE state = 'sending'"))) {
        while (q.next())
            ids << q.value(0).toString();
    }
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral(
            "UPDATE notifications SET state = 'pending', next_attempt_ms = ?,"
            " attempts = MAX(attempts - 1, 0), updated_ms = ? WHERE state = 'sending'"));
    u.addBindValue(ms(now));
    u.addBindValue(ms(now));
    if (!u.exec() || !tx.commit())
        return {};
    return byIds(ids);
}

std::optional<Notification> SqliteStore::requeue(const QString &id, const QString &by,
                                                 const QDateTime &now, QString *error)
{
    Transaction tx(m_db);
    const auto current = notification(id, false);
    if (!current) {
        *error = QStringLiteral("not_found");
        return std::nullopt;
    }
    if (current->state != NotificationState::Failed
        && current->state != NotificationState::Pending) {
        *error = QStringLiteral("invalid_state");
        return std::nullopt;
    }
    // "Send again now" buys exactly one more immediate attempt.
    QSqlQuery u(m_db);
    // Only a failed notification that is delivered on retry counts as
    // "resolved by retry"; a pending one simply goes out sooner.
    u.prepare(QStringLiteral(
            "UPDATE notifications SET state = 'pending', next_attempt_ms = ?,"
            " max_attempts = MAX(max_attempts, attempts + 1),"
            " retry_requested_by = CASE WHEN state = 'failed' THEN ? ELSE retry_requested_by END,"
            " updated_ms = ? WHERE id = ?"));
    u.addBindValue(ms(now));
    u.addBindValue(by);
    u.addBindValue(ms(now));
    u.addBindValue(id);
    if (!u.exec() || !tx.commit()) {
        *error = QStringLiteral("storage");
        return std::nullopt;
    }
    return notification(id, false);
}

QList<Notification> SqliteStore::requeueAllFailed(const QString &by, const QDateTime &now)
{
    Transaction tx(m_db);
    QStringList ids;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT id FROM notifications WHERE state = 'failed'"))) {
        while (q.next())
            ids << q.value(0).toString();
    }
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral(
            "UPDATE notifications SET state = 'pending', next_attempt_ms = ?,"
            " max_attempts = MAX(max_attempts, attempts + 1), retry_requested_by = ?,"
            " updated_ms = ? WHERE state = 'failed'"));
    u.addBindValue(ms(now));
    u.addBindValue(by);
    u.addBindValue(ms(now));
    if (!u.exec() || !tx.commit())
        return {};
    return byIds(ids);
}

std::optional<Notification> SqliteStore::resolve(const QString &id, const Resolution &resolution,
                                                 const QDateTime &now, QString *error)
{
    Transaction tx(m_db);
    const auto current = notification(id, false);
    if (!current) {
        *error = QStringLiteral("not_found");
        return std::nullopt;
    }
    if (current->state != NotificationState::Failed
        && current->state != NotificationState::Pending) {
        *error = QStringLiteral("invalid_state");
        return std::nullopt;
    }
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral(
            "UPDATE notifications SET state = 'resolved', resolution_method = ?,"
            " resolution_by = ?, resolution_note = ?, resolution_ms = ?, updated_ms = ?,"
            " next_attempt_ms = NULL WHERE id = ?"));
    u.addBindValue(resolutionMethodName(resolution.method));
    u.addBindValue(resolution.by);
    u.addBindValue(textOrNull(resolution.note));
    u.addBindValue(ms(now));
    u.addBindValue(ms(now));
    u.addBindValue(id);
    if (!u.exec() || !tx.commit()) {
        *error = QStringLiteral("storage");
        return std::nullopt;
    }
    return notification(id, false);
}

int SqliteStore::cleanup(const QDateTime &olderThan)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM notifications WHERE state IN ('delivered','resolved') "
                             "AND updated_ms < ?"));
    q.addBindValue(ms(olderThan));
    if (!q.exec())
        return -1;
    return q.numRowsAffected();
}

QueueStats SqliteStore::stats(const QDateTime &now)
{
    QueueStats s;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT state, COUNT(*) FROM notifications GROUP BY state"))) {
        while (q.next()) {
            if (auto state = stateFromName(q.value(0).toString()))
                s.byState[*state] = q.value(1).toInt();
        }
    }
    if (q.exec(QStringLiteral(
                "SELECT MIN(created_ms) FROM notifications WHERE state IN ('pending','sending')"))
        && q.next() && !q.value(0).isNull())
        s.oldestPendingAgeSeconds = (ms(now) - q.value(0).toLongLong()) / 1000;
    QSqlQuery h(m_db);
    h.prepare(QStringLiteral(
            "SELECT COUNT(*), SUM(outcome = 'delivered'), SUM(outcome <> 'delivered')"
            " FROM attempts WHERE finished_ms >= ?"));
    h.addBindValue(ms(now) - 3600 * 1000);
    if (h.exec() && h.next()) {
        s.attemptsLastHour = h.value(0).toInt();
        s.deliveredLastHour = h.value(1).toInt();
    }
    QSqlQuery f(m_db);
    f.prepare(QStringLiteral(
            "SELECT COUNT(*) FROM notifications WHERE state = 'failed' AND updated_ms >= ?"));
    f.addBindValue(ms(now) - 3600 * 1000);
    if (f.exec() && f.next())
        s.failedLastHour = f.value(0).toInt();
    return s;
}

int SqliteStore::affectedOrders()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT COUNT(DISTINCT COALESCE(order_id, id)) FROM notifications "
                              "WHERE state = 'failed'"))
        && q.next())
        return q.value(0).toInt();
    return 0;
}

std::optional<ApiToken> SqliteStore::addToken(const QString &name, Role role,
                                              const QByteArray &secretHash, const QDateTime &now,
                                              QString *error)
{
    ApiToken t{QUuid::createUuid().toString(QUuid::WithoutBraces), name, role, now, false};
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "INSERT INTO tokens (id, name, role, secret_hash, created_ms) VALUES (?,?,?,?,?)"));
    q.addBindValue(t.id);
    q.addBindValue(name);
    q.addBindValue(roleName(role));
    q.addBindValue(secretHash);
    q.addBindValue(ms(now));
    if (!q.exec()) {
        *error = q.lastError().text().contains(QLatin1String("UNIQUE"))
                ? QStringLiteral("a token named '%1' already exists").arg(name)
                : q.lastError().text();
        return std::nullopt;
    }
    return t;
}

std::optional<ApiToken> SqliteStore::tokenBySecretHash(const QByteArray &secretHash)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "SELECT id, name, role, created_ms, revoked FROM tokens WHERE secret_hash = ?"));
    q.addBindValue(secretHash);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return ApiToken{q.value(0).toString(), q.value(1).toString(),
                    roleFromName(q.value(2).toString()).value_or(Role::Viewer), fromMs(q.value(3)),
                    q.value(4).toBool()};
}

QList<ApiToken> SqliteStore::tokens()
{
    QList<ApiToken> out;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral(
                "SELECT id, name, role, created_ms, revoked FROM tokens ORDER BY created_ms"))) {
        while (q.next()) {
            out.append({q.value(0).toString(), q.value(1).toString(),
                        roleFromName(q.value(2).toString()).value_or(Role::Viewer),
                        fromMs(q.value(3)), q.value(4).toBool()});
        }
    }
    return out;
}

bool SqliteStore::revokeToken(const QString &idOrName)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "UPDATE tokens SET revoked = 1 WHERE (id = ? OR name = ?) AND revoked = 0"));
    q.addBindValue(idOrName);
    q.addBindValue(idOrName);
    return q.exec() && q.numRowsAffected() > 0;
}

void SqliteStore::appendAudit(const AuditEntry &entry)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO audit (at_ms, actor, action, target, outcome, detail) "
                             "VALUES (?,?,?,?,?,?)"));
    q.addBindValue(ms(entry.at));
    q.addBindValue(entry.actor);
    q.addBindValue(entry.action);
    q.addBindValue(textOrNull(entry.target));
    q.addBindValue(entry.outcome);
    q.addBindValue(QString::fromUtf8(QJsonDocument(entry.detail).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        qCWarning(lcStore) << "audit insert failed:" << q.lastError().text();
}

QList<AuditEntry> SqliteStore::audit(int limit)
{
    QList<AuditEntry> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, at_ms, actor, action, target, outcome, detail FROM audit "
                             "ORDER BY id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (q.exec()) {
        while (q.next()) {
            out.append({q.value(0).toLongLong(), fromMs(q.value(1)), q.value(2).toString(),
                        q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                        QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object()});
        }
    }
    return out;
}

bool SqliteStore::saveIncident(const Incident &incident)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO incidents (id, kind, reached, started_ms, ended_ms, resolution,"
            " notification_ids) VALUES (?,?,?,?,?,?,?)"));
    q.addBindValue(incident.id);
    q.addBindValue(Incident::kindName(incident.kind));
    q.addBindValue(Incident::reachedName(incident.reached));
    q.addBindValue(ms(incident.startedAt));
    q.addBindValue(msOrNull(incident.endedAt));
    q.addBindValue(textOrNull(incident.resolution));
    const QString ids = incident.notificationIds.join(u'\n');
    q.addBindValue(ids.isNull() ? QString::fromLatin1("")
                                : ids); // a null QString would bind as NULL
    if (!q.exec()) {
        qCWarning(lcStore) << "incident save failed:" << q.lastError().text();
        return false;
    }
    return true;
}

QList<Incident> SqliteStore::readIncidents(QSqlQuery &q)
{
    QList<Incident> out;
    while (q.next()) {
        Incident i;
        i.id = q.value(0).toString();
        i.kind = Incident::kindFromName(q.value(1).toString())
                         .value_or(Incident::Kind::TotalCommunicationLoss);
        i.reached =
                Incident::reachedFromName(q.value(2).toString()).value_or(Incident::Reached::None);
        i.startedAt = fromMs(q.value(3));
        i.endedAt = fromMs(q.value(4));
        i.resolution = q.value(5).toString();
        i.notificationIds = q.value(6).toString().split(u'\n', Qt::SkipEmptyParts);
        out.append(i);
    }
    return out;
}

QList<Incident> SqliteStore::incidents(int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "SELECT id, kind, reached, started_ms, ended_ms, resolution, notification_ids"
            " FROM incidents ORDER BY started_ms DESC, id DESC LIMIT ?"));
    q.addBindValue(limit);
    if (!q.exec())
        return {};
    return readIncidents(q);
}

std::optional<Incident> SqliteStore::openIncident()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral(
                "SELECT id, kind, reached, started_ms, ended_ms, resolution, notification_ids"
                " FROM incidents WHERE ended_ms IS NULL ORDER BY started_ms DESC LIMIT 1")))
        return std::nullopt;
    QList<Incident> found = readIncidents(q);
    if (found.isEmpty())
        return std::nullopt;
    return found.takeFirst();
}

std::optional<Notification> SqliteStore::notificationByProviderId(const QString &providerMessageId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM notifications WHERE provider_message_id = ?"));
    q.addBindValue(providerMessageId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return notification(q.value(0).toString(), false);
}

std::optional<Notification> SqliteStore::recordAck(const QString &id, int ack, const QDateTime &now)
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

QList<AckTimeout> SqliteStore::ackTimeouts(const QDateTime &now)
{
    QList<AckTimeout> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "SELECT id, ack_retried FROM notifications WHERE ack_deadline_ms IS NOT NULL"
            " AND ack_deadline_ms <= ? AND ack IS NULL AND state IN ('delivered','resolved')"));
    q.addBindValue(ms(now));
    if (q.exec()) {
        while (q.next())
            out.append({q.value(0).toString(), q.value(1).toBool()});
    }
    return out;
}

std::optional<Notification> SqliteStore::retryUnacknowledged(const QString &id,
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

bool SqliteStore::acceptUnacknowledged(const QString &id, const QDateTime &now)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE notifications SET ack_deadline_ms = NULL, updated_ms = ?"
                             " WHERE id = ? AND ack IS NULL AND ack_deadline_ms IS NOT NULL"));
    q.addBindValue(ms(now));
    q.addBindValue(id);
    return q.exec() && q.numRowsAffected() == 1;
}

QDateTime SqliteStore::lastAckAt()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT MAX(acked_ms) FROM notifications")) || !q.next()
        || q.value(0).isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(q.value(0).toLongLong(), Qt::UTC);
}

std::optional<Notification> SqliteStore::failUnacknowledged(const QString &id, const QString &error,
                                                            const QDateTime &now)
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

bool SqliteStore::rememberWebhookEvent(const QString &eventId, const QDateTime &now)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "INSERT OR IGNORE INTO webhook_events (event_id, received_ms) VALUES (?, ?)"));
    q.addBindValue(eventId);
    q.addBindValue(ms(now));
    if (!q.exec())
        return true;
    const bool fresh = q.numRowsAffected() == 1;
    // A week of ids is plenty to catch WAHA's retries.
    QSqlQuery prune(m_db);
    prune.prepare(QStringLiteral("DELETE FROM webhook_events WHERE received_ms < ?"));
    prune.addBindValue(ms(now) - 7LL * 24 * 3600 * 1000);
    prune.exec();
    return fresh;
}

QList<Notification> SqliteStore::requeueForRecovery(const QStringList &ids, const QString &by,
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

QStringList SqliteStore::outageFailuresSince(const QDateTime &since)
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

namespace {
const QString kSessionColumns =
        QStringLiteral("SELECT kind, key, user_id, username, place, confirmed, entry_notified, "
                       "data, exit_notice, started_ms,"
                       " last_seen_ms FROM sessions ");
const QString kConversationColumns = QStringLiteral(
        "SELECT user, flow, step, data, ttl_seconds, updated_ms, expires_ms FROM conversations ");

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject parseObject(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}
} // namespace

QList<Session> SqliteStore::readSessions(QSqlQuery &q)
{
    QList<Session> out;
    while (q.next()) {
        Session s;
        s.kind = q.value(0).toString();
        s.key = q.value(1).toString();
        s.userId = q.value(2).toString();
        s.username = q.value(3).toString();
        s.where = q.value(4).toString();
        s.confirmed = q.value(5).toBool();
        s.entryNotified = q.value(6).toBool();
        s.data = parseObject(q.value(7));
        s.exitNotice = parseObject(q.value(8));
        s.startedAt = fromMs(q.value(9));
        s.lastSeenAt = fromMs(q.value(10));
        out.append(s);
    }
    return out;
}

std::optional<Session> SqliteStore::session(const QString &kind, const QString &key)
{
    QSqlQuery q(m_db);
    q.prepare(kSessionColumns + QStringLiteral("WHERE kind = ? AND key = ?"));
    q.addBindValue(kind);
    q.addBindValue(key);
    if (!q.exec())
        return std::nullopt;
    QList<Session> found = readSessions(q);
    if (found.isEmpty())
        return std::nullopt;
    return found.takeFirst();
}

std::optional<Session> SqliteStore::upsertSession(const Session &s, const QDateTime &now,
                                                  bool *created)
{
    Transaction tx(m_db);
    const auto existing = session(s.kind, s.key);
    *created = !existing;
    QSqlQuery q(m_db);
    // ON CONFLICT keeps started_ms from the first PUT.
    q.prepare(QStringLiteral("INSERT INTO sessions (kind, key, user_id, username, place, "
                             "confirmed, entry_notified, data, exit_notice,"
                             " started_ms, last_seen_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                             " ON CONFLICT(kind, key) DO UPDATE SET user_id = excluded.user_id, "
                             "username = excluded.username,"
                             " place = excluded.place, confirmed = excluded.confirmed, "
                             "entry_notified = excluded.entry_notified,"
                             " data = excluded.data, exit_notice = excluded.exit_notice, "
                             "last_seen_ms = excluded.last_seen_ms"));
    q.addBindValue(s.kind);
    q.addBindValue(s.key);
    q.addBindValue(s.userId);
    q.addBindValue(s.username);
    q.addBindValue(s.where);
    q.addBindValue(s.confirmed ? 1 : 0);
    q.addBindValue(s.entryNotified ? 1 : 0);
    q.addBindValue(compactJson(s.data));
    q.addBindValue(compactJson(s.exitNotice));
    q.addBindValue(ms(now));
    q.addBindValue(ms(now));
    if (!q.exec() || !tx.commit()) {
        qCWarning(lcStore) << "session upsert failed:" << q.lastError().text();
        return std::nullopt;
    }
    return session(s.kind, s.key);
}

std::optional<Session> SqliteStore::endSession(const QString &kind, const QString &key)
{
    Transaction tx(m_db);
    auto existing = session(kind, key);
    if (!existing)
        return std::nullopt;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM sessions WHERE kind = ? AND key = ?"));
    q.addBindValue(kind);
    q.addBindValue(key);
    if (!q.exec() || !tx.commit())
        return std::nullopt;
    return existing;
}

QList<Session> SqliteStore::sessions(const QString &kind)
{
    QSqlQuery q(m_db);
    if (kind.isEmpty()) {
        q.prepare(kSessionColumns + QStringLiteral("ORDER BY kind, started_ms"));
    } else {
        q.prepare(kSessionColumns + QStringLiteral("WHERE kind = ? ORDER BY started_ms"));
        q.addBindValue(kind);
    }
    if (!q.exec())
        return {};
    return readSessions(q);
}

ReconcileResult SqliteStore::reconcile(const QString &kind, const QList<PresentEntry> &present,
                                       const QDateTime &now)
{
    ReconcileResult result;
    Transaction tx(m_db);
    QHash<QString, Session> existing;
    {
        QSqlQuery q(m_db);
        q.prepare(kSessionColumns + QStringLiteral("WHERE kind = ?"));
        q.addBindValue(kind);
        if (!q.exec())
            return {};
        const QList<Session> rows = readSessions(q);
        for (const Session &s : rows)
            existing.insert(s.key, s);
    }
    QSqlQuery seen(m_db);
    seen.prepare(QStringLiteral(
            "UPDATE sessions SET last_seen_ms = ?, place = ?, user_id = ?, username = ?"
            " WHERE kind = ? AND key = ?"));
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral(
            "INSERT INTO sessions (kind, key, user_id, username, place, confirmed, entry_notified,"
            " data, exit_notice, started_ms, last_seen_ms) VALUES (?,?,?,?,?,0,0,'{}','{}',?,?)"));
    QSet<QString> presentKeys;
    for (const PresentEntry &p : present) {
        if (presentKeys.contains(p.key))
            continue; // a key listed twice counts once
        presentKeys.insert(p.key);
        const auto it = existing.constFind(p.key);
        if (it != existing.constEnd()) {
            Session after = *it;
            after.lastSeenAt = now;
            if (!p.where.isEmpty())
                after.where = p.where;
            if (!p.userId.isEmpty())
                after.userId = p.userId;
            if (!p.username.isEmpty())
                after.username = p.username;
            seen.addBindValue(ms(now));
            seen.addBindValue(after.where);
            seen.addBindValue(after.userId);
            seen.addBindValue(after.username);
            seen.addBindValue(kind);
            seen.addBindValue(p.key);
            if (!seen.exec())
                return {};
            if (after.where != it->where)
                result.moved.append({*it, after});
            continue;
        }
        Session created;
        created.kind = kind;
        created.key = p.key;
        created.userId = p.userId;
        created.username = p.username;
        created.where = p.where;
        created.startedAt = now;
        created.lastSeenAt = now;
        insert.addBindValue(kind);
        insert.addBindValue(p.key);
        insert.addBindValue(p.userId);
        insert.addBindValue(p.username);
        insert.addBindValue(p.where);
        insert.addBindValue(ms(now));
        insert.addBindValue(ms(now));
        if (!insert.exec())
            return {};
        result.created.append(created);
    }
    QSqlQuery remove(m_db);
    remove.prepare(QStringLiteral("DELETE FROM sessions WHERE kind = ? AND key = ?"));
    for (auto it = existing.cbegin(); it != existing.cend(); ++it) {
        if (presentKeys.contains(it.key()))
            continue;
        remove.addBindValue(kind);
        remove.addBindValue(it.key());
        if (!remove.exec())
            return {};
        result.ended.append(*it);
    }
    if (!tx.commit())
        return {};
    return result;
}

QList<Conversation> SqliteStore::readConversations(QSqlQuery &q)
{
    QList<Conversation> out;
    while (q.next()) {
        Conversation c;
        c.user = q.value(0).toString();
        c.flow = q.value(1).toString();
        c.step = q.value(2).toString();
        c.data = parseObject(q.value(3));
        c.ttlSeconds = q.value(4).toInt();
        c.updatedAt = fromMs(q.value(5));
        c.expiresAt = fromMs(q.value(6));
        out.append(c);
    }
    return out;
}

std::optional<Conversation> SqliteStore::putConversation(const Conversation &c,
                                                         const QDateTime &now)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO conversations (user, flow, step, data, ttl_seconds, updated_ms,"
            " expires_ms) VALUES (?,?,?,?,?,?,?)"));
    q.addBindValue(c.user);
    q.addBindValue(c.flow);
    q.addBindValue(c.step);
    q.addBindValue(compactJson(c.data));
    q.addBindValue(c.ttlSeconds);
    q.addBindValue(ms(now));
    q.addBindValue(ms(now) + qint64(c.ttlSeconds) * 1000);
    if (!q.exec())
        return std::nullopt;
    return conversation(c.user, c.flow, now);
}

std::optional<Conversation> SqliteStore::conversation(const QString &user, const QString &flow,
                                                      const QDateTime &now)
{
    QSqlQuery q(m_db);
    // Expired means gone, even before the sweeper has deleted the row.
    q.prepare(kConversationColumns
              + QStringLiteral("WHERE user = ? AND flow = ? AND expires_ms > ?"));
    q.addBindValue(user);
    q.addBindValue(flow);
    q.addBindValue(ms(now));
    if (!q.exec())
        return std::nullopt;
    QList<Conversation> found = readConversations(q);
    if (found.isEmpty())
        return std::nullopt;
    return found.takeFirst();
}

bool SqliteStore::deleteConversation(const QString &user, const QString &flow)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM conversations WHERE user = ? AND flow = ?"));
    q.addBindValue(user);
    q.addBindValue(flow);
    return q.exec() && q.numRowsAffected() > 0;
}

QList<Conversation> SqliteStore::clearConversations(const QString &flow)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(kConversationColumns + QStringLiteral("WHERE flow = ?"));
    q.addBindValue(flow);
    if (!q.exec())
        return {};
    const QList<Conversation> cleared = readConversations(q);
    QSqlQuery d(m_db);
    d.prepare(QStringLiteral("DELETE FROM conversations WHERE flow = ?"));
    d.addBindValue(flow);
    if (!d.exec() || !tx.commit())
        return {};
    return cleared;
}

QList<Conversation> SqliteStore::conversations(const QDateTime &now)
{
    QSqlQuery q(m_db);
    q.prepare(kConversationColumns + QStringLiteral("WHERE expires_ms > ? ORDER BY expires_ms"));
    q.addBindValue(ms(now));
    if (!q.exec())
        return {};
    return readConversations(q);
}

QList<Conversation> SqliteStore::expireConversations(const QDateTime &now)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(kConversationColumns + QStringLiteral("WHERE expires_ms <= ?"));
    q.addBindValue(ms(now));
    if (!q.exec())
        return {};
    const QList<Conversation> expired = readConversations(q);
    if (expired.isEmpty())
        return {};
    QSqlQuery d(m_db);
    d.prepare(QStringLiteral("DELETE FROM conversations WHERE expires_ms <= ?"));
    d.addBindValue(ms(now));
    if (!d.exec() || !tx.commit())
        return {};
    return expired;
}

} // namespace Vigia

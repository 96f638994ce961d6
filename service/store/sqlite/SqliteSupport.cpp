#include "SqliteSupport.h"

#include "SearchText.h"
#include "SqliteHistoryStore.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <limits>
#include <sqlite3.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcStore, "vigia.store", QtInfoMsg)

namespace Vigia {

namespace {
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
        // 5: the ack sweep reads only the messages still waiting for an ack, however
        // many delivered rows are kept
        R"(
DROP INDEX IF EXISTS notifications_ack_deadline;
CREATE INDEX notifications_ack_waiting ON notifications(ack_deadline_ms)
    WHERE ack_deadline_ms IS NOT NULL AND ack IS NULL;
)",
        // 6: columns most rows leave empty are indexed only where set, so a new
        // notification writes three fewer index entries
        R"(
DROP INDEX IF EXISTS notifications_provider;
CREATE INDEX notifications_provider ON notifications(provider_message_id)
    WHERE provider_message_id IS NOT NULL;
DROP INDEX IF EXISTS notifications_order;
CREATE INDEX notifications_order ON notifications(order_id) WHERE order_id IS NOT NULL;
DROP INDEX IF EXISTS notifications_acked;
CREATE INDEX notifications_acked ON notifications(acked_ms) WHERE acked_ms IS NOT NULL;
)",
        // 7: an idempotency key is unique per token, so two producers cannot see or
        // block each other's notifications; retention deletes old audit entries by time.
        // idempotency_key keeps its global UNIQUE from migration 1 (SQLite cannot drop it
        // without rebuilding the table) and stays NULL from now on: keys live in
        // idem_key. Keys stored before this have no token (NULL) and keep answering
        // whichever token sends them, as they did.
        R"(
ALTER TABLE notifications ADD COLUMN idem_key TEXT;
ALTER TABLE notifications ADD COLUMN idem_token_id TEXT;
UPDATE notifications SET idem_key = idempotency_key, idempotency_key = NULL
    WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX notifications_idem ON notifications(idem_key, idem_token_id)
    WHERE idem_key IS NOT NULL;
CREATE INDEX audit_at ON audit(at_ms);
)",
        // 8: what vigiad knew of the bot's status, so a restart starts from it
        R"(
CREATE TABLE service_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_ms INTEGER NOT NULL
);
)",
        // 9: the console works a whole backlog from the server. search_text is
        // what a search matches, folded (case, accents) in C++ at insert and
        // filled in for older rows right after this script. The failed list,
        // the one that grows to 100,000 rows, pages by either time from
        // indexes that only failed rows enter: nothing on the delivery path;
        // a search counts its matches from one that holds what it reads.
        // The audit of one notification is found by its target.
        R"(
ALTER TABLE notifications ADD COLUMN search_text TEXT;
CREATE INDEX notifications_failed_created ON notifications(state, created_ms, id)
    WHERE state = 'failed';
CREATE INDEX notifications_failed_updated ON notifications(state, updated_ms, id)
    WHERE state = 'failed';
CREATE INDEX notifications_failed_search ON notifications(state, search_text, last_error)
    WHERE state = 'failed';
CREATE INDEX audit_target ON audit(target, id) WHERE target IS NOT NULL;
)",
        // 10: "I'm handling this": who took a failure and until when
        R"(
ALTER TABLE notifications ADD COLUMN claimed_by TEXT;
ALTER TABLE notifications ADD COLUMN claimed_until_ms INTEGER;
)",
        // 11: history for the console's charts and digest: a row per minute
        // and channel, the queue at each minute's end, the status' periods.
        // Keyed by time first, so a range read and retention are key ranges.
        R"(
CREATE TABLE history_minutes (
    minute_ms INTEGER NOT NULL,
    channel TEXT NOT NULL,
    enqueued INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    delivered INTEGER NOT NULL,
    retried INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    resolved INTEGER NOT NULL,
    latency_p50_ms INTEGER,
    latency_p95_ms INTEGER,
    PRIMARY KEY (minute_ms, channel)
);
CREATE TABLE history_queue (
    minute_ms INTEGER PRIMARY KEY,
    waiting INTEGER,
    failed_total INTEGER,
    state TEXT
);
CREATE TABLE status_periods (
    started_ms INTEGER PRIMARY KEY,
    state TEXT NOT NULL,
    reason_code TEXT
);
)",
        // 12: the history by the hour, kept a year where minutes are kept two
        // weeks: the same columns, rolled up from the minutes as each one is
        // stored (and, right after this script, from the minutes already kept).
        R"(
CREATE TABLE history_hours (
    hour_ms INTEGER NOT NULL,
    channel TEXT NOT NULL,
    enqueued INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    delivered INTEGER NOT NULL,
    retried INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    resolved INTEGER NOT NULL,
    latency_p50_ms INTEGER,
    latency_p95_ms INTEGER,
    PRIMARY KEY (hour_ms, channel)
);
CREATE TABLE history_queue_hours (
    hour_ms INTEGER PRIMARY KEY,
    waiting INTEGER,
    failed_total INTEGER,
    state TEXT
);
)",
        // 13: while an outage holds one channel, the others are still claimed
        // as they fall due; this reads only their pending rows, where the
        // due index walked the whole held backlog on every claim (75 ms at
        // 290,000 rows, inside the write lock the producers wait for).
        R"(
CREATE INDEX notifications_pending_channel ON notifications(channel, next_attempt_ms)
    WHERE state = 'pending';
)",
        // 14: the sweep finds the sessions newly gone stale through this
        // index, where it read every session every 30 s.
        R"(
CREATE INDEX sessions_last_seen ON sessions(last_seen_ms);
)",
};

// Rows stored before migration 9 get their search text in batches, inside
// the migration's transaction: a search never meets a row without one.
bool backfillSearchText(QSqlDatabase &db, QString *error)
{
    QSqlQuery read(db);
    QSqlQuery write(db);
    if (!read.prepare(QStringLiteral("SELECT rowid, order_id, customer_name, recipient, text"
                                     " FROM notifications WHERE search_text IS NULL LIMIT 1000"))
        || !write.prepare(
                QStringLiteral("UPDATE notifications SET search_text = ? WHERE rowid = ?"))) {
        *error = read.lastError().text() + write.lastError().text();
        return false;
    }
    for (;;) {
        if (!read.exec()) {
            *error = read.lastError().text();
            return false;
        }
        QList<std::pair<qint64, QString>> batch;
        while (read.next()) {
            batch.append(
                    {read.value(0).toLongLong(),
                     notificationSearchText(read.value(1).toString(), read.value(2).toString(),
                                            read.value(3).toString(), read.value(4).toString())});
        }
        read.finish();
        if (batch.isEmpty())
            return true;
        for (const auto &[rowid, text] : std::as_const(batch)) {
            write.addBindValue(text);
            write.addBindValue(rowid);
            if (!write.exec()) {
                *error = write.lastError().text();
                return false;
            }
        }
    }
}

} // namespace

namespace Sql {

QString escapeLike(QString s)
{
    s.replace(u'\\', QStringLiteral("\\\\"));
    s.replace(u'%', QStringLiteral("\\%"));
    s.replace(u'_', QStringLiteral("\\_"));
    return s;
}

} // namespace Sql

using namespace Sql;

SqliteConnection::SqliteConnection(const QString &path, SqliteFlush flush)
    : m_path(path),
      m_flush(flush),
      m_connectionName(QStringLiteral("vigia-sqlite-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

SqliteConnection::SqliteConnection(const QString &path, SqliteGroupCommit *sharedCommit)
    : m_path(path),
      m_flush(sharedCommit ? SqliteFlush::Grouped : SqliteFlush::EachCommit),
      m_connectionName(QStringLiteral("vigia-sqlite-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces)),
      m_secondConnection(true),
      m_sharedCommit(sharedCommit)
{ }

SqliteConnection::~SqliteConnection()
{
    m_prepared.clear();
    m_statements.clear();
    m_groupCommit.reset();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

int SqliteConnection::latestSchemaVersion()
{
    return int(std::size(kMigrations));
}

QString SqliteConnection::migrationScript(int version)
{
    if (version < 1 || version > latestSchemaVersion())
        return {};
    return QString::fromUtf8(kMigrations[version - 1]);
}

bool SqliteConnection::exec(const QString &sql, QString *error)
{
    QSqlQuery q(m_db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = q.lastError().text();
    qCWarning(lcStore) << "SQL failed:" << q.lastError().text();
    return false;
}

bool SqliteConnection::openConnection(QString *error)
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
    // commit durable before it returns (migrations included).
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL"), error)
        || !exec(QStringLiteral("PRAGMA synchronous=FULL"), error)
        || !exec(QStringLiteral("PRAGMA foreign_keys=ON"), error)
        // SQLite's default page cache is 2 MiB: under load the indexes a
        // write touches fell out of it and were read back (pread) on every
        // batch. 16 MiB holds them for a store of a few hundred thousand
        // rows; it is a ceiling, not an allocation, so memory stays bounded.
        || !exec(QStringLiteral("PRAGMA cache_size=-16384"), error))
        return false;
    if (m_secondConnection) {
        // The first connection migrated the schema; this one only checks it.
        if (userVersion() != latestSchemaVersion()) {
            *error = QStringLiteral("%1 is at schema %2, not %3: open it first on the main "
                                    "connection")
                             .arg(m_path)
                             .arg(userVersion())
                             .arg(latestSchemaVersion());
            return false;
        }
    } else if (!migrate(error)) {
        return false;
    }
    const QVariant handle = m_db.driver()->handle();
    m_handle = handle.typeName() == QByteArrayView("sqlite3*")
            ? *static_cast<sqlite3 *const *>(handle.constData())
            : nullptr;
    if (!m_handle) {
        *error = QStringLiteral("the Qt SQLite driver gives no sqlite3 handle");
        return false;
    }
    sqlite3_busy_handler(m_handle, &Sql::waitForWriter, &m_busyWaitStart);
    if (m_sharedCommit)
        return m_sharedCommit->attachWriter(m_handle, error);
    if (m_flush == SqliteFlush::Grouped && !m_secondConnection) {
        m_groupCommit = std::make_unique<SqliteGroupCommit>(m_path);
        return m_groupCommit->attach(m_handle, error);
    }
    return true;
}

quint64 SqliteConnection::flushCount() const
{
    return m_groupCommit ? m_groupCommit->flushCount() : 0;
}

quint64 SqliteConnection::walRestarts() const
{
    return m_groupCommit ? m_groupCommit->walRestarts() : 0;
}

void SqliteConnection::whenFlushed(std::function<void()> then)
{
    if (m_groupCommit)
        m_groupCommit->whenDurable(std::move(then));
    else
        then();
}

void SqliteConnection::whenFlushedSoon(std::function<void()> then)
{
    if (m_groupCommit)
        m_groupCommit->whenDurableSoon(std::move(then));
    else
        then();
}

SqliteConnection::Statement::~Statement()
{
    if (m_leased) {
        m_query->finish();
        *m_leased = false;
    }
}

Sql::PreparedLease SqliteConnection::prepared(const QString &sql)
{
    auto found = m_prepared.find(sql);
    if (found == m_prepared.end()) {
        auto cached = std::make_unique<CachedRaw>();
        cached->statement = std::make_unique<Sql::RawStatement>(m_handle, sql);
        if (!cached->statement->isValid())
            return Sql::PreparedLease(std::move(cached->statement));
        found = m_prepared.emplace(sql, std::move(cached)).first;
    }
    CachedRaw &cached = *found->second;
    if (cached.leased)
        return Sql::PreparedLease(std::make_unique<Sql::RawStatement>(m_handle, sql));
    cached.leased = true;
    cached.statement->reset();
    return Sql::PreparedLease(cached.statement.get(), &cached.leased);
}

SqliteConnection::Statement SqliteConnection::reusable(const QString &sql)
{
    auto found = m_statements.find(sql);
    if (found == m_statements.end()) {
        auto cached = std::make_unique<CachedStatement>();
        cached->query = QSqlQuery(m_db);
        if (!cached->query.prepare(sql)) {
            qCWarning(lcStore) << "SQL failed to prepare:" << cached->query.lastError().text();
            return Statement(std::make_unique<QSqlQuery>(std::move(cached->query)));
        }
        found = m_statements.emplace(sql, std::move(cached)).first;
    }
    CachedStatement &cached = *found->second;
    if (cached.leased) {
        auto fresh = std::make_unique<QSqlQuery>(m_db);
        fresh->prepare(sql);
        return Statement(std::move(fresh));
    }
    cached.leased = true;
    return Statement(&cached.query, &cached.leased);
}

int SqliteConnection::userVersion() const
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

bool SqliteConnection::migrate(QString *error)
{
    const int current = userVersion();
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
        if (version + 1 == 9 && !backfillSearchText(m_db, error)) {
            *error = QStringLiteral("migration to schema 9 failed: %1").arg(*error);
            return false;
        }
        if (version + 1 == 12
            && !SqliteHistoryStore::rollUpHours(m_db, 0, std::numeric_limits<qint64>::max(),
                                                error)) {
            *error = QStringLiteral("migration to schema 12 failed: %1").arg(*error);
            return false;
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

} // namespace Vigia

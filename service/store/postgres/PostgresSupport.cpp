#include "PostgresSupport.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Vigia {

namespace {
// The schema, one script per version, applied in order inside one
// transaction under an advisory lock (migrate()). Version 1 is the SQLite
// store's schema at its version 12, as it ends up (no legacy columns but
// first_response, which `store migrate` carries for rows from before
// answers were rebuilt from the row), plus what several instances need:
// - idem_token_id is '' rather than NULL for a key sent without a token, so
//   that the unique index holds for it too (NULLs never collide);
// - lease_owner / lease_until_ms: which instance is sending a row and until
//   when; a lapsed lease returns the row to the others (claimDue()).
// Times are BIGINT milliseconds and flags INTEGER, as in SQLite; the text
// the list sorts by (and its tie-breaker, the id) collates as "C", SQLite's
// BINARY, so both stores give the same order and the same cursors.
const char *const kMigrations[] = {
        R"(
CREATE TABLE notifications (
    id TEXT COLLATE "C" PRIMARY KEY,
    idem_key TEXT,
    idem_token_id TEXT NOT NULL DEFAULT '',
    request_hash BYTEA,
    first_response TEXT,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    customer_name TEXT COLLATE "C",
    order_id TEXT COLLATE "C",
    type TEXT NOT NULL,
    text TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    next_attempt_ms BIGINT,
    last_error TEXT,
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL,
    delivered_ms BIGINT,
    retry_requested_by TEXT,
    resolution_method TEXT,
    resolution_by TEXT,
    resolution_note TEXT,
    resolution_ms BIGINT,
    failed_permanently INTEGER NOT NULL DEFAULT 0,
    provider_message_id TEXT,
    ack INTEGER,
    ack_deadline_ms BIGINT,
    ack_retried INTEGER NOT NULL DEFAULT 0,
    acked_ms BIGINT,
    search_text TEXT,
    claimed_by TEXT,
    claimed_until_ms BIGINT,
    lease_owner TEXT,
    lease_until_ms BIGINT
);
CREATE UNIQUE INDEX notifications_idem ON notifications(idem_key, idem_token_id)
    WHERE idem_key IS NOT NULL;
CREATE INDEX notifications_due ON notifications(state, next_attempt_ms);
CREATE INDEX notifications_lease ON notifications(lease_until_ms) WHERE state = 'sending';
CREATE INDEX notifications_created ON notifications(created_ms, id);
CREATE INDEX notifications_order ON notifications(order_id) WHERE order_id IS NOT NULL;
CREATE INDEX notifications_provider ON notifications(provider_message_id)
    WHERE provider_message_id IS NOT NULL;
CREATE INDEX notifications_ack_waiting ON notifications(ack_deadline_ms)
    WHERE ack_deadline_ms IS NOT NULL AND ack IS NULL;
CREATE INDEX notifications_acked ON notifications(acked_ms) WHERE acked_ms IS NOT NULL;
CREATE INDEX notifications_failed_created ON notifications(state, created_ms, id)
    WHERE state = 'failed';
CREATE INDEX notifications_failed_updated ON notifications(state, updated_ms, id)
    WHERE state = 'failed';
CREATE TABLE attempts (
    notification_id TEXT COLLATE "C" NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    started_ms BIGINT NOT NULL,
    finished_ms BIGINT NOT NULL,
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
    secret_hash BYTEA NOT NULL UNIQUE,
    created_ms BIGINT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE audit (
    id BIGSERIAL PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    outcome TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX audit_at ON audit(at_ms);
CREATE INDEX audit_target ON audit(target, id) WHERE target IS NOT NULL;
CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    reached TEXT NOT NULL,
    started_ms BIGINT NOT NULL,
    ended_ms BIGINT,
    resolution TEXT,
    notification_ids TEXT NOT NULL
);
CREATE INDEX incidents_started ON incidents(started_ms);
CREATE TABLE webhook_events (
    event_id TEXT PRIMARY KEY,
    received_ms BIGINT NOT NULL
);
CREATE INDEX webhook_events_received ON webhook_events(received_ms);
CREATE TABLE sessions (
    kind TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    user_id TEXT,
    username TEXT,
    place TEXT,
    confirmed INTEGER NOT NULL DEFAULT 0,
    entry_notified INTEGER NOT NULL DEFAULT 0,
    data TEXT,
    exit_notice TEXT,
    started_ms BIGINT NOT NULL,
    last_seen_ms BIGINT NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE TABLE conversations (
    "user" TEXT COLLATE "C" NOT NULL,
    flow TEXT COLLATE "C" NOT NULL,
    step TEXT,
    data TEXT,
    ttl_seconds INTEGER NOT NULL,
    updated_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    PRIMARY KEY ("user", flow)
);
CREATE INDEX conversations_expiry ON conversations(expires_ms);
CREATE TABLE service_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_ms BIGINT NOT NULL
);
CREATE TABLE history_minutes (
    minute_ms BIGINT NOT NULL,
    channel TEXT NOT NULL,
    enqueued INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    delivered INTEGER NOT NULL,
    retried INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    resolved INTEGER NOT NULL,
    latency_p50_ms BIGINT,
    latency_p95_ms BIGINT,
    PRIMARY KEY (minute_ms, channel)
);
CREATE TABLE history_queue (
    minute_ms BIGINT PRIMARY KEY,
    waiting INTEGER,
    failed_total INTEGER,
    state TEXT
);
CREATE TABLE status_periods (
    started_ms BIGINT PRIMARY KEY,
    state TEXT NOT NULL,
    reason_code TEXT
);
CREATE TABLE history_hours (
    hour_ms BIGINT NOT NULL,
    channel TEXT NOT NULL,
    enqueued INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    delivered INTEGER NOT NULL,
    retried INTEGER NOT NULL,
    failed INTEGER NOT NULL,
    resolved INTEGER NOT NULL,
    latency_p50_ms BIGINT,
    latency_p95_ms BIGINT,
    PRIMARY KEY (hour_ms, channel)
);
CREATE TABLE history_queue_hours (
    hour_ms BIGINT PRIMARY KEY,
    waiting INTEGER,
    failed_total INTEGER,
    state TEXT
);
)",
        // 2: the live feed's journal, shared by every instance: a global
        // sequence, so a console can resume on any instance after a failover
        // (PostgresJournal).
        R"(
CREATE TABLE live_events (
    seq BIGSERIAL PRIMARY KEY,
    type TEXT NOT NULL,
    wire BYTEA NOT NULL,
    at_ms BIGINT NOT NULL
);
)",
        // 3 (since replaced by 4's vigia_append_events, which PostgresJournal
        // uses; a migration is never edited): an append to the journal in
        // one round trip instead of five
        // (lock, insert, notify, each prepared, and the commit): the
        // function runs in the caller's implicit transaction, so the lock
        // still serialises appends up to their commit and NOTIFY still goes
        // out at commit. The lock key and the channel are the caller's
        // (PostgresJournal::kAppendLock, channel()). A notification's event
        // is skipped (0) when the notification changed after it.
        R"(
CREATE FUNCTION vigia_append_event(p_lock BIGINT, p_channel TEXT, p_type TEXT, p_wire BYTEA,
                                   p_at_ms BIGINT, p_notification_id TEXT, p_updated_ms BIGINT)
RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    appended BIGINT;
BEGIN
    PERFORM pg_advisory_xact_lock(p_lock);
    IF p_notification_id IS NOT NULL AND EXISTS (
            SELECT 1 FROM notifications WHERE id = p_notification_id
                                          AND updated_ms > p_updated_ms) THEN
        RETURN 0;
    END IF;
    INSERT INTO live_events (type, wire, at_ms) VALUES (p_type, p_wire, p_at_ms)
        RETURNING seq INTO appended;
    PERFORM pg_notify(p_channel, appended::text);
    RETURN appended;
END
$$;
)",
        // 4: the events of one turn of an instance's event loop appended in
        // one call (one lock, one NOTIFY: listeners read everything after
        // the last seq they took). The wires come as text (they are JSON),
        // so that the arrays need no bytea literals. Each element as
        // vigia_append_event() would; the result holds the seqs, 0 for a
        // notification event skipped as stale.
        R"(
CREATE FUNCTION vigia_append_events(p_lock BIGINT, p_channel TEXT, p_types TEXT[],
                                    p_wires TEXT[], p_at_ms BIGINT[],
                                    p_notification_ids TEXT[], p_updated_ms BIGINT[])
RETURNS BIGINT[] LANGUAGE plpgsql AS $$
DECLARE
    seqs BIGINT[] := '{}';
    appended BIGINT;
    last BIGINT := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(p_lock);
    FOR i IN 1 .. COALESCE(array_length(p_types, 1), 0) LOOP
        IF p_notification_ids[i] IS NOT NULL AND EXISTS (
                SELECT 1 FROM notifications WHERE id = p_notification_ids[i]
                                              AND updated_ms > p_updated_ms[i]) THEN
            seqs := seqs || 0::BIGINT;
        ELSE
            INSERT INTO live_events (type, wire, at_ms)
                VALUES (p_types[i], convert_to(p_wires[i], 'UTF8'), p_at_ms[i])
                RETURNING seq INTO appended;
            seqs := seqs || appended;
            last := appended;
        END IF;
    END LOOP;
    IF last > 0 THEN
        PERFORM pg_notify(p_channel, last::text);
    END IF;
    RETURN seqs;
END
$$;
)",
        // 5: claims for some channels only (the others held by an outage) read
        // their own due rows, not the held channel's backlog through
        // notifications_due (SQLite's schema 13).
        R"(
CREATE INDEX notifications_pending_channel ON notifications(channel, next_attempt_ms)
    WHERE state = 'pending';
)",
        // 6: the sweep finds the sessions newly gone stale through this index
        // (SQLite's schema 14).
        R"(
CREATE INDEX sessions_last_seen ON sessions(last_seen_ms);
)",
};
} // namespace

std::optional<PostgresUrl> PostgresUrl::parse(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()
        || (url.scheme() != QLatin1String("postgresql")
            && url.scheme() != QLatin1String("postgres"))) {
        *error = QStringLiteral("not a postgresql:// URL: %1").arg(url.errorString());
        return std::nullopt;
    }
    PostgresUrl out;
    out.host = url.host();
    out.port = url.port(-1);
    out.user = url.userName();
    out.password = url.password();
    out.database = url.path().mid(1);
    QStringList options;
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("host")) {
            out.host = value;
        } else if (key == QLatin1String("port")) {
            bool ok = false;
            out.port = value.toInt(&ok);
            if (!ok) {
                *error = QStringLiteral("port is not a number: %1").arg(value);
                return std::nullopt;
            }
        } else if (key == QLatin1String("user")) {
            out.user = value;
        } else if (key == QLatin1String("password")) {
            out.password = value;
        } else if (key == QLatin1String("dbname")) {
            out.database = value;
        } else {
            // sslmode, connect_timeout, application_name...: libpq's own.
            options << key + u'=' + value;
        }
    }
    out.options = options.join(u';');
    return out;
}

namespace Pg {

bool Transaction::commit()
{
    const bool done = m_db.commit();
    if (!done)
        m_error = m_db.lastError().text();
    m_active = !done;
    return done;
}

QString textArray(const QStringList &values)
{
    QStringList quoted;
    quoted.reserve(values.size());
    for (QString v : values) {
        v.replace(u'\\', QStringLiteral("\\\\"));
        v.replace(u'"', QStringLiteral("\\\""));
        quoted << u'"' + v + u'"';
    }
    return u'{' + quoted.join(u',') + u'}';
}

} // namespace Pg

PostgresConnection::PostgresConnection(const QString &url, const QString &instanceId,
                                       std::chrono::milliseconds lease)
    : m_url(url),
      m_instanceId(instanceId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                        : instanceId),
      m_lease(lease),
      m_connectionName(QStringLiteral("vigia-pg-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

PostgresConnection::~PostgresConnection()
{
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

int PostgresConnection::latestSchemaVersion()
{
    return int(std::size(kMigrations));
}

QString PostgresConnection::migrationScript(int version)
{
    if (version < 1 || version > latestSchemaVersion())
        return {};
    return QString::fromUtf8(kMigrations[version - 1]);
}

bool PostgresConnection::exec(const QString &sql, QString *error)
{
    QSqlQuery q(m_db);
    if (q.exec(sql))
        return true;
    if (error)
        *error = q.lastError().text();
    qCWarning(lcStore) << "SQL failed:" << q.lastError().text();
    return false;
}

namespace {
// `sql` with each positional placeholder replaced by its value as a literal,
// written by the driver's own formatValue() (PQescapeStringConn and
// PQescapeByteaConn underneath): exactly what QPSQL itself puts in the
// EXECUTE of a prepared query. Placeholders in quoted text stay as they are.
std::optional<QString> withLiterals(const QString &sql, const QVariantList &binds,
                                    const QSqlDriver *driver, QString *error)
{
    QString out;
    out.reserve(sql.size() + binds.size() * 16);
    qsizetype next = 0;
    QChar quote;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            out += c;
            if (c == quote)
                quote = QChar(); // a doubled quote closes and reopens: same text
        } else if (c == u'\'' || c == u'"') {
            quote = c;
            out += c;
        } else if (c == u'?') {
            if (next++ >= binds.size())
                continue; // too few values: refused below
            const QVariant &value = binds.at(next - 1);
            QSqlField field(QString(), value.metaType());
            if (!value.isNull())
                field.setValue(value);
            out += driver->formatValue(field);
        } else {
            out += c;
        }
    }
    if (next != binds.size()) {
        *error = QStringLiteral("SQL with %1 placeholders given %2 values: %3")
                         .arg(next)
                         .arg(binds.size())
                         .arg(sql);
        return std::nullopt;
    }
    return out;
}
} // namespace

bool PostgresConnection::run(QSqlQuery &query, const QString &sql, const QVariantList &binds,
                             QString *error)
{
    // One round trip: QPSQL's prepare() costs three (PREPARE, EXECUTE, and
    // DEALLOCATE when the query goes), each waited for on the event loop.
    QString why;
    const std::optional<QString> text = withLiterals(sql, binds, m_db.driver(), &why);
    if (text && query.exec(*text))
        return true;
    if (text)
        why = query.lastError().text();
    if (error)
        *error = why;
    qCWarning(lcStore) << "SQL failed:" << why;
    return false;
}

bool openPostgres(QSqlDatabase *db, const QString &url, const QString &connectionName,
                  QString *error)
{
    const auto parts = PostgresUrl::parse(url, error);
    if (!parts)
        return false;
    *db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
    if (!db->isValid()) {
        *error = QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not installed"
                                " (Debian: libqt6sql6-psql)");
        return false;
    }
    db->setHostName(parts->host);
    if (parts->port > 0)
        db->setPort(parts->port);
    db->setUserName(parts->user);
    db->setPassword(parts->password);
    db->setDatabaseName(parts->database);
    db->setConnectOptions(parts->options);
    if (!db->open()) {
        *error = QStringLiteral("cannot connect to PostgreSQL: %1").arg(db->lastError().text());
        return false;
    }
    // UTC and quiet notices: the server's settings must not change what a
    // query means or fill the log.
    for (const QString &sql : {QStringLiteral("SET TIME ZONE 'UTC'"),
                               QStringLiteral("SET client_min_messages TO WARNING")}) {
        QSqlQuery q(*db);
        if (!q.exec(sql)) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

bool PostgresConnection::startGroupCommit(QString *error)
{
    auto commit = std::make_unique<PostgresGroupCommit>(m_url);
    if (!commit->start(error))
        return false;
    m_groupCommit = std::move(commit);
    return true;
}

QString PostgresConnection::hotBegin() const
{
    return m_groupCommit ? QStringLiteral("BEGIN; SET LOCAL synchronous_commit TO off")
                         : QStringLiteral("BEGIN");
}

bool PostgresConnection::commitAsync(Pg::Transaction &tx)
{
    if (!tx.commit())
        return false;
    if (m_groupCommit)
        m_groupCommit->noteCommit();
    return true;
}

void PostgresConnection::whenFlushed(std::function<void()> then)
{
    if (m_groupCommit)
        m_groupCommit->whenDurable(std::move(then));
    else
        then();
}

void PostgresConnection::whenFlushedSoon(std::function<void()> then)
{
    if (m_groupCommit)
        m_groupCommit->whenDurableSoon(std::move(then));
    else
        then();
}

bool PostgresConnection::openConnection(QString *error)
{
    return openPostgres(&m_db, m_url, m_connectionName, error) && migrate(error);
}

int PostgresConnection::schemaVersionInDb() const
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM vigia_schema")) && q.next())
        return q.value(0).toInt();
    return -1;
}

bool PostgresConnection::migrate(QString *error)
{
    // One transaction for every step (PostgreSQL's DDL is transactional: a
    // failed migration leaves the schema as it was), taken under an advisory
    // lock held until it ends: two instances starting together apply each
    // step once, the second waits and then finds nothing to do.
    Pg::Transaction tx(m_db);
    QSqlQuery lock(m_db);
    if (!tx.ok()
        || !run(lock, QStringLiteral("SELECT pg_advisory_xact_lock(?)"), {kMigrationLock}, error)
        || !exec(QStringLiteral("CREATE TABLE IF NOT EXISTS vigia_schema ("
                                " version INTEGER PRIMARY KEY, applied_ms BIGINT NOT NULL)"),
                 error)) {
        *error = QStringLiteral("cannot prepare the schema: %1").arg(*error);
        return false;
    }
    const int current = schemaVersionInDb();
    if (current < 0 || current > latestSchemaVersion()) {
        *error = current < 0
                ? QStringLiteral("cannot read the schema version")
                : QStringLiteral("database schema version %1 is newer than this vigiad "
                                 "understands (%2)")
                          .arg(current)
                          .arg(latestSchemaVersion());
        return false;
    }
    for (int version = current; version < latestSchemaVersion(); ++version) {
        // A script with a function body (dollar-quoted, semicolons inside)
        // goes to the server whole; the others statement by statement.
        const QString script = QString::fromUtf8(kMigrations[version]);
        const QStringList statements = script.contains(QLatin1String("$$"))
                ? QStringList{script}
                : script.split(u';', Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            if (!statement.trimmed().isEmpty() && !exec(statement, error)) {
                *error = QStringLiteral("migration to schema %1 failed: %2")
                                 .arg(version + 1)
                                 .arg(*error);
                return false;
            }
        }
        QSqlQuery mark(m_db);
        if (!run(mark,
                 QStringLiteral("INSERT INTO vigia_schema (version, applied_ms) VALUES (?,?)"),
                 {version + 1, QDateTime::currentMSecsSinceEpoch()}, error))
            return false;
        qCInfo(lcStore) << "PostgreSQL schema migrated to version" << version + 1;
    }
    if (!tx.commit()) {
        *error = QStringLiteral("migration failed to commit: %1").arg(tx.lastError());
        return false;
    }
    return true;
}

} // namespace Vigia

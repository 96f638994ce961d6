#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include "SqliteGroupCommit.h"
#include "SqliteRawStatement.h"
#include "StoreRows.h"

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

// What every SQLite aggregate shares: the connection (opened and migrated
// once), value conversions and a scoped transaction.
namespace Vigia {

namespace Sql {
using Rows::compactJson;
using Rows::fromMs;
using Rows::ms;
using Rows::msOrNull;
using Rows::parseObject;
using Rows::textOrNull;
QString escapeLike(QString s);

// A scoped write transaction: rolled back unless commit() succeeded.
// BEGIN IMMEDIATE takes the write lock at once: a deferred transaction that
// has read and then wants to write cannot wait for a checkpoint holding that
// lock, and SQLite answers "database is locked" at once instead of waiting.
// This process's writers to one file take turns here before BEGIN
// IMMEDIATE: the event loop's and the delivery store thread's connections
// write the same file many times a millisecond, and SQLite's busy handler can
// only sleep and look again; a wait here ends the moment the other commits.
// Recursive and bounded (the busy timeout), so it can never deadlock what
// SQLite's own lock would not.
std::recursive_timed_mutex &writerTurn(const QString &path);

// The busy handler of every connection of ours (sqlite3_busy_handler), with
// the connection's std::chrono::steady_clock::time_point as its argument.
int waitForWriter(void *waitStart, int tries);

class Transaction final
{
public:
    Q_DISABLE_COPY_MOVE(Transaction)
    // BEGIN IMMEDIATE. Should it fail (the write lock held elsewhere past the
    // busy timeout), the connection is made read-only until this object goes:
    // the block's writes then fail too, where they would otherwise each
    // commit on their own (autocommit), and the caller report an error for
    // rows that were stored.
    explicit Transaction(QSqlDatabase &db);
    ~Transaction();
    bool ok() const { return m_active; }
    bool commit();
    // Why BEGIN or COMMIT failed.
    QString lastError() const { return m_error; }

private:
    QSqlDatabase &m_db;
    std::unique_lock<std::recursive_timed_mutex> m_turn;
    bool m_active = false;
    bool m_heldReadOnly = false;
    QString m_error;
};
} // namespace Sql

// How commits reach the disk.
enum class SqliteFlush {
    // synchronous=FULL: every commit waits for its own fdatasync. For
    // short-lived tools (vigiad token) and tests of the store alone.
    EachCommit,
    // Group commit (SqliteGroupCommit): commits return at once and one flush
    // on another thread covers all of them; answers wait in whenDurable().
    Grouped,
};

// One SQLite file in WAL mode; a commit survives kill -9 as soon as it
// returned, and power loss once it is flushed (at once with EachCommit,
// when whenDurable() fires with Grouped). A virtual base of every SQLite
// aggregate, so that they share one connection.
class SqliteConnection
{
    Q_DISABLE_COPY_MOVE(SqliteConnection)

public:
    static int latestSchemaVersion();
    // The SQL that takes the schema from version - 1 to version (tests build
    // an older database with it to check a migration).
    static QString migrationScript(int version);

protected:
    SqliteConnection() = default;
    explicit SqliteConnection(const QString &path, SqliteFlush flush = SqliteFlush::EachCommit);
    // A second connection to a store another connection opened (and
    // migrated), for a thread of its own: its commits are flushed by the
    // first one's group commit (`sharedCommit`; null when that one flushes
    // each commit itself, as this one then does).
    SqliteConnection(const QString &path, SqliteGroupCommit *sharedCommit);
    virtual ~SqliteConnection();

    bool openConnection(QString *error);
    void whenFlushed(std::function<void()> then);
    void whenFlushedSoon(std::function<void()> then);
    // WAL flushes so far with SqliteFlush::Grouped (0 with EachCommit).
    quint64 flushCount() const;
    quint64 walRestarts() const;
    int userVersion() const;
    bool exec(const QString &sql, QString *error = nullptr);
    // The statement for `sql`, prepared once for the connection's life: the
    // hot paths run the same SQL thousands of times a second, and parsing it
    // again each time cost them a sixth of their time. Held until the lease
    // goes; a nested use of the same SQL meanwhile gets a fresh statement.
    class Statement final
    {
    public:
        Q_DISABLE_COPY(Statement)
        Statement(Statement &&) = default;
        Statement &operator=(Statement &&) = delete;
        ~Statement();
        QSqlQuery &operator*() { return *m_query; }

    private:
        friend class SqliteConnection;
        Statement(QSqlQuery *shared, bool *leased) : m_query(shared), m_leased(leased) { }
        explicit Statement(std::unique_ptr<QSqlQuery> own)
            : m_own(std::move(own)), m_query(m_own.get())
        { }
        std::unique_ptr<QSqlQuery> m_own;
        QSqlQuery *m_query = nullptr;
        bool *m_leased = nullptr;
    };
    Statement reusable(const QString &sql);
    // The same through SQLite's C API (Sql::RawStatement), for the hot paths.
    Sql::PreparedLease prepared(const QString &sql);
    sqlite3 *handle() const { return m_handle; }
    const QString &path() const { return m_path; }
    // The group commit second connections share; null with EachCommit.
    SqliteGroupCommit *groupCommit() const { return m_groupCommit.get(); }

    QSqlDatabase m_db;

private:
    bool migrate(QString *error);

    QString m_path;
    SqliteFlush m_flush = SqliteFlush::EachCommit;
    QString m_connectionName;
    std::unique_ptr<SqliteGroupCommit> m_groupCommit;
    bool m_secondConnection = false;
    SqliteGroupCommit *m_sharedCommit = nullptr;
    struct CachedStatement
    {
        QSqlQuery query;
        bool leased = false;
    };
    std::unordered_map<QString, std::unique_ptr<CachedStatement>> m_statements;
    struct CachedRaw
    {
        std::unique_ptr<Sql::RawStatement> statement;
        bool leased = false;
    };
    std::unordered_map<QString, std::unique_ptr<CachedRaw>> m_prepared;
    sqlite3 *m_handle = nullptr;
    // When this connection began waiting for another writer (its busy handler's).
    std::chrono::steady_clock::time_point m_busyWaitStart;
};

} // namespace Vigia

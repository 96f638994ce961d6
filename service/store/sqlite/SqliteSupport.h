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

#include <functional>
#include <memory>
#include <unordered_map>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

struct sqlite3;
struct sqlite3_stmt;

// What every SQLite aggregate shares: the connection (opened and migrated
// once), value conversions and a scoped transaction.
namespace Vigia {

class SqliteConnection;

namespace Sql {
qint64 ms(const QDateTime &t);
QVariant msOrNull(const QDateTime &t);
QDateTime fromMs(const QVariant &v);
QVariant textOrNull(const QString &s);
QString escapeLike(QString s);
QString compactJson(const QJsonObject &o);
QJsonObject parseObject(const QVariant &v);

// A scoped write transaction: rolled back unless commit() succeeded.
// BEGIN IMMEDIATE takes the write lock at once: a deferred transaction that
// has read and then wants to write cannot wait for a checkpoint holding that
// lock, and SQLite answers "database is locked" at once instead of waiting.
class Transaction final
{
public:
    Q_DISABLE_COPY_MOVE(Transaction)
    explicit Transaction(QSqlDatabase &db) : m_db(db)
    {
        m_active = QSqlQuery(m_db).exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    ~Transaction()
    {
        if (m_active)
            QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    }
    bool ok() const { return m_active; }
    bool commit()
    {
        QSqlQuery q(m_db);
        const bool done = q.exec(QStringLiteral("COMMIT"));
        if (!done)
            m_error = q.lastError().text();
        m_active = !done;
        return done;
    }
    QString lastError() const { return m_error; }

private:
    QSqlDatabase &m_db;
    bool m_active = false;
    QString m_error;
};
// One statement run through SQLite's own C API, prepared once for the
// connection's life. The hot paths (enqueue, claim, attempt outcome) run a
// few statements thousands of times a second; through QSqlQuery every bound
// value and every column read became a QVariant, and that cost a fifth of
// their time. Binds and reads keep QtSql's conventions: a null QString is
// NULL, text goes in and out as UTF-16.
class RawStatement final
{
public:
    Q_DISABLE_COPY_MOVE(RawStatement)
    RawStatement(sqlite3 *db, const QString &sql);
    ~RawStatement();

    bool isValid() const { return m_statement != nullptr; }
    // Ready for new binds: the last run reset, its binds cleared.
    void reset();
    void bind(int index, const QString &text); // 1-based, as in SQL
    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, qint64(value)); }
    void bindBlob(int index, const QByteArray &blob); // a null QByteArray is NULL
    void bindTime(int index, const QDateTime &t); // ms since the epoch; NULL when invalid
    void bindNull(int index);
    // True while a row is there to read; false at the end or on an error
    // (then ok() is false and error() says why).
    bool next();
    bool ok() const { return m_ok; }
    QString error() const;

    bool isNull(int column) const; // 0-based, as QSqlQuery::value()
    QString text(int column) const;
    qint64 int64(int column) const;
    QByteArray blob(int column) const;
    QDateTime time(int column) const; // invalid when NULL

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_statement = nullptr;
    bool m_ok = true;
};

// A statement of SqliteConnection::prepared(), reset when the lease goes so
// that it holds no read snapshot open.
class PreparedLease final
{
public:
    Q_DISABLE_COPY(PreparedLease)
    PreparedLease(PreparedLease &&) = default;
    PreparedLease &operator=(PreparedLease &&) = delete;
    ~PreparedLease();
    RawStatement *operator->() { return m_statement; }
    RawStatement &operator*() { return *m_statement; }

private:
    friend class Vigia::SqliteConnection;
    PreparedLease(RawStatement *shared, bool *leased) : m_statement(shared), m_leased(leased) { }
    explicit PreparedLease(std::unique_ptr<RawStatement> own)
        : m_own(std::move(own)), m_statement(m_own.get())
    { }
    std::unique_ptr<RawStatement> m_own;
    RawStatement *m_statement = nullptr;
    bool *m_leased = nullptr;
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

    QSqlDatabase m_db;

private:
    bool migrate(QString *error);

    QString m_path;
    SqliteFlush m_flush = SqliteFlush::EachCommit;
    QString m_connectionName;
    std::unique_ptr<SqliteGroupCommit> m_groupCommit;
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
};

} // namespace Vigia

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace Vigia {

class SqliteConnection;

namespace Sql {

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

} // namespace Vigia

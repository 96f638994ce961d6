#pragma once

#include "PostgresGroupCommit.h"
#include "StoreRows.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

// What every PostgreSQL aggregate shares: the connection (opened and
// migrated once), the URL it comes from and a scoped transaction.
namespace Vigia {

// The parts of a postgresql:// URL (libpq's form) that Qt's QPSQL driver
// takes one by one. A host that starts with "/" is a Unix socket directory.
struct PostgresUrl
{
    QString host;
    int port = -1;
    QString user;
    QString password;
    QString database;
    QString options; // "key=value;..." for QSqlDatabase::setConnectOptions

    // postgresql://[user[:password]@][host][:port][/database][?host=..&port=..&user=..&sslmode=..]
    // nullopt (and *error) for anything else.
    static std::optional<PostgresUrl> parse(const QString &url, QString *error);
};

// Opens *db as connection `connectionName` (QSqlDatabase::addDatabase; the
// caller removes it) to `url`, in UTC. False and *error when it cannot.
bool openPostgres(QSqlDatabase *db, const QString &url, const QString &connectionName,
                  QString *error);

namespace Pg {
// A scoped transaction: rolled back unless commit() succeeded; lastError()
// says why it could not begin (the hot form) or commit.
class Transaction final
{
public:
    Q_DISABLE_COPY_MOVE(Transaction)
    explicit Transaction(QSqlDatabase &db) : m_db(db), m_active(db.transaction()) { }
    // Begun with `begin`: "BEGIN" and SET LOCALs in one round trip.
    Transaction(QSqlDatabase &db, const QString &begin) : m_db(db)
    {
        QSqlQuery q(db);
        m_active = q.exec(begin);
        if (!m_active)
            m_error = q.lastError().text();
    }
    ~Transaction()
    {
        if (m_active)
            m_db.rollback();
    }
    bool ok() const { return m_active; }
    bool commit();
    QString lastError() const { return m_error; }

private:
    QSqlDatabase &m_db;
    bool m_active = false;
    QString m_error;
};

// Times are kept as milliseconds since the epoch in BIGINT columns, as in
// the SQLite store: the same values, so a store migrated from SQLite copies
// them as they are, and the same comparisons in the queries.
using Rows::fromMs;
using Rows::ms;
using Rows::msOrNull;
using Rows::textOrNull;
// A PostgreSQL array literal of ids ('{"a","b"}'), bound as one value and
// read with `= ANY(?::text[])`: one statement for any number of ids.
QString textArray(const QStringList &values);
} // namespace Pg

// One connection to a PostgreSQL database that several vigiad instances
// share. A virtual base of every PostgreSQL aggregate, so that they share
// it. Each commit is durable when it returns (the server's fsync), so
// whenDurable() needs no group commit of its own.
class PostgresConnection
{
    Q_DISABLE_COPY_MOVE(PostgresConnection)

public:
    static int latestSchemaVersion();
    // The SQL that takes the schema from version - 1 to version.
    static QString migrationScript(int version);
    // The advisory lock key that serialises migrations across instances.
    static constexpr qint64 kMigrationLock = 0x7669676961'0001; // "vigia", 1

    // This instance's name in the leases it takes.
    QString instanceId() const { return m_instanceId; }

protected:
    PostgresConnection() = default;
    // instanceId names this process in the leases it holds; empty: a new
    // random one. A restarted instance that keeps its name recovers its own
    // interrupted work at once instead of waiting for the lease to lapse.
    explicit PostgresConnection(const QString &url, const QString &instanceId = {},
                                std::chrono::milliseconds lease = std::chrono::seconds(60));
    virtual ~PostgresConnection();

    bool openConnection(QString *error);
    int schemaVersionInDb() const;
    bool exec(const QString &sql, QString *error = nullptr);
    // `sql` with its `?` placeholders bound to `binds` in order, executed in
    // one round trip; false and *error (when given) on failure.
    bool run(QSqlQuery &query, const QString &sql, const QVariantList &binds,
             QString *error = nullptr);
    std::chrono::milliseconds lease() const { return m_lease; }

    // Group commit for the hot writes (PostgresGroupCommit); without it,
    // every commit waits for the server's flush and whenFlushed() runs at once.
    bool startGroupCommit(QString *error);
    PostgresGroupCommit *groupCommit() const { return m_groupCommit.get(); }
    // What begins a hot write's transaction (Pg::Transaction(m_db, ...)): it
    // commits without waiting for the flush (plain BEGIN without group
    // commit); commitAsync() then commits it and counts it for whenFlushed().
    QString hotBegin() const;
    bool commitAsync(Pg::Transaction &tx);
    void whenFlushed(std::function<void()> then);
    void whenFlushedSoon(std::function<void()> then);

    QSqlDatabase m_db;

private:
    bool migrate(QString *error);

    QString m_url;
    QString m_instanceId;
    std::chrono::milliseconds m_lease{60000};
    QString m_connectionName;
    std::unique_ptr<PostgresGroupCommit> m_groupCommit;
};

} // namespace Vigia

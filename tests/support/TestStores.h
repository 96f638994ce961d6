#pragma once

#include "HistoryStore.h"
#include "IncidentStore.h"
#include "OutboxStore.h"
#include "SessionStore.h"
#include "TokenStore.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariant>

#include <chrono>

#include <memory>

namespace Vigia::TestSupport {

// One open store under test, whichever the backend: the interfaces a
// suite run on every backend calls.
class OpenStore
{
public:
    virtual ~OpenStore() = default;
    virtual OutboxStore &outbox() = 0;
    virtual TokenStore &tokens() = 0;
    virtual IncidentStore &incidents() = 0;
    virtual HistoryStore &history() = 0;
    virtual SessionStore &sessions() = 0;
};

// The stores a suite runs on: SQLite (a file in a temporary directory) or
// PostgreSQL (a database of its own on the server at VIGIA_TEST_POSTGRES_URL,
// which the ctest fixture `postgres` starts: scripts/pg-test-cluster.sh).
// VIGIA_TEST_STORE=sqlite|postgres picks it (tests/CMakeLists.txt registers
// a suite once per backend); unset means sqlite.
class TestStores final
{
    Q_DISABLE_COPY_MOVE(TestStores)

public:
    enum class Backend { Sqlite, Postgres };

    TestStores();
    ~TestStores();

    Backend backend() const { return m_backend; }
    QString backendName() const;
    // Several processes on one store, and leases: only PostgreSQL has them
    // (an SQLite file belongs to one vigiad).
    bool sharedByInstances() const { return m_backend == Backend::Postgres; }

    // Once per test case: for PostgreSQL, a database of this process' own.
    // False with *error saying what is missing (no URL, no server): a suite
    // told to run on PostgreSQL fails then, it does not skip.
    bool setUp(QString *error);
    // Before each test: an empty store (nothing open on it may remain).
    bool reset(QString *error);
    // A store on the current one, opened (migrations run). Each is another
    // connection; on PostgreSQL another instance, named instanceId.
    std::unique_ptr<OpenStore> open(QString *error, const QString &instanceId = {},
                                    std::chrono::milliseconds lease = std::chrono::seconds(60));
    // PostgreSQL: the URL of this process' database (after setUp()).
    QString postgresUrl() const;
    // The first column of the first row of `sql`, on a connection of its own.
    QVariant scalar(const QString &sql);
    // The first column of every row of `sql` (an EXPLAIN's lines), likewise.
    QStringList column(const QString &sql);

private:
    QVariant run(const QString &sql, QStringList *rows);

    Backend m_backend = Backend::Sqlite;
    std::unique_ptr<QTemporaryDir> m_dir; // SQLite
    QString m_serverUrl; // PostgreSQL: as given
    QString m_database; // PostgreSQL: this process' database
};

} // namespace Vigia::TestSupport

#pragma once

#include "SqliteHistoryStore.h"
#include "SqliteIncidentStore.h"
#include "SqliteOutboxStore.h"
#include "SqliteSessionStore.h"
#include "SqliteTokenStore.h"
#include "Store.h"

namespace Vigia {

// The embedded default: every aggregate on one SQLite file in WAL mode,
// composed from one class per aggregate over a shared connection. vigiad
// opens it with SqliteFlush::Grouped (group commit off the event loop).
class SqliteStore final : public Store,
                          public SqliteOutboxStore,
                          public SqliteTokenStore,
                          public SqliteIncidentStore,
                          public SqliteSessionStore,
                          public SqliteHistoryStore
{
    Q_DISABLE_COPY_MOVE(SqliteStore)

public:
    explicit SqliteStore(const QString &path, SqliteFlush flush = SqliteFlush::EachCommit)
        : SqliteConnection(path, flush)
    { }
    ~SqliteStore() override = default;

    using SqliteConnection::flushCount;
    using SqliteConnection::latestSchemaVersion;
    using SqliteConnection::walRestarts;

    bool open(QString *error) override { return openConnection(error); }
    int schemaVersion() const override { return userVersion(); }
    ConnectionFactory secondConnection() const override;

private:
    std::optional<Notification> queueInTransaction(const NotificationRequest &request,
                                                   int maxAttempts, const QDateTime &now,
                                                   QString *error) override
    {
        return insertNew(request, maxAttempts, now, error);
    }
};

// The outbox alone on a second connection to an open SqliteStore's file
// (OutboxStore::secondConnection()).
class SqliteOutboxConnection final : public SqliteOutboxStore
{
    Q_DISABLE_COPY_MOVE(SqliteOutboxConnection)

public:
    SqliteOutboxConnection(const QString &path, SqliteGroupCommit *sharedCommit)
        : SqliteConnection(path, sharedCommit)
    { }
    ~SqliteOutboxConnection() override = default;

    bool open(QString *error) { return openConnection(error); }
};

inline OutboxStore::ConnectionFactory SqliteStore::secondConnection() const
{
    return [path = path(), commit = groupCommit()](QString *error) -> std::unique_ptr<OutboxStore> {
        auto connection = std::make_unique<SqliteOutboxConnection>(path, commit);
        if (!connection->open(error))
            return nullptr;
        return connection;
    };
}

} // namespace Vigia

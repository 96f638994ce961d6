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

private:
    std::optional<Notification> queueInTransaction(const NotificationRequest &request,
                                                   int maxAttempts, const QDateTime &now,
                                                   QString *error) override
    {
        return insertNew(request, maxAttempts, now, error);
    }
};

} // namespace Vigia

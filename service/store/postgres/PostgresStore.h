#pragma once

#include "PostgresHistoryStore.h"
#include "PostgresIncidentStore.h"
#include "PostgresOutboxStore.h"
#include "PostgresSessionStore.h"
#include "PostgresTokenStore.h"
#include "Store.h"

namespace Vigia {

// The store for several vigiad instances on one PostgreSQL database,
// composed like SqliteStore from one class per aggregate over a shared
// connection (`[store] postgres`). What instances share beyond the store
// (the live journal, the leader, lease renewal) is InstanceGroup's.
class PostgresStore final : public Store,
                            public PostgresOutboxStore,
                            public PostgresTokenStore,
                            public PostgresIncidentStore,
                            public PostgresSessionStore,
                            public PostgresHistoryStore
{
    Q_DISABLE_COPY_MOVE(PostgresStore)

public:
    // url: postgresql://… (PostgresUrl). instanceId and lease: see
    // PostgresConnection; the lease must outlast the longest send.
    explicit PostgresStore(const QString &url, const QString &instanceId = {},
                           std::chrono::milliseconds lease = std::chrono::seconds(60))
        : PostgresConnection(url, instanceId, lease)
    { }
    ~PostgresStore() override = default;

    using PostgresConnection::instanceId;
    using PostgresConnection::latestSchemaVersion;
    using PostgresConnection::startGroupCommit;
    // Flushes group commit made so far (0 without it).
    quint64 groupCommitFlushes() const { return groupCommit() ? groupCommit()->flushCount() : 0; }

    bool open(QString *error) override { return openConnection(error); }
    int schemaVersion() const override { return schemaVersionInDb(); }

private:
    std::optional<Notification> queueInTransaction(const NotificationRequest &request,
                                                   int maxAttempts, const QDateTime &now,
                                                   QString *error) override
    {
        return insertNew(request, maxAttempts, now, error);
    }
};

} // namespace Vigia

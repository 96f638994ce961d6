#pragma once

#include "PostgresHistoryStore.h"
#include "PostgresIncidentStore.h"
#include "PostgresOutboxStore.h"
#include "PostgresTokenStore.h"

namespace Vigia {

// The store for several vigiad instances on one PostgreSQL database,
// composed like SqliteStore from one class per aggregate over a shared
// connection. So far every aggregate but sessions: not a Store yet, so
// nothing can serve with it by mistake; SessionStore comes next.
class PostgresStore final : public PostgresOutboxStore,
                            public PostgresTokenStore,
                            public PostgresIncidentStore,
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

    bool open(QString *error) { return openConnection(error); }
    int schemaVersion() const { return schemaVersionInDb(); }
};

} // namespace Vigia

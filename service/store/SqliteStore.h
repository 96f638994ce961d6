#pragma once

#include "SqliteIncidentStore.h"
#include "SqliteOutboxStore.h"
#include "SqliteSessionStore.h"
#include "SqliteTokenStore.h"
#include "Store.h"

namespace Vigia {

// The embedded default: every aggregate on one SQLite file (WAL,
// synchronous=FULL), composed from one class per aggregate over a shared
// connection.
class SqliteStore final : public Store,
                          public SqliteOutboxStore,
                          public SqliteTokenStore,
                          public SqliteIncidentStore,
                          public SqliteSessionStore
{
    Q_DISABLE_COPY_MOVE(SqliteStore)

public:
    explicit SqliteStore(const QString &path) : SqliteConnection(path) { }
    ~SqliteStore() override = default;

    using SqliteConnection::latestSchemaVersion;

    bool open(QString *error) override { return openConnection(error); }
    int schemaVersion() const override { return userVersion(); }
};

} // namespace Vigia

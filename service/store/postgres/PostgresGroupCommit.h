#pragma once

#include "GroupCommit.h"

#include <QString>

#include <thread>

namespace Vigia {

// Group commit for the hot writes on PostgreSQL (enqueues, claims, attempt
// outcomes): they commit with synchronous_commit off, so the event loop no
// longer waits for the server's WAL flush at each one; a connection of our
// own, on a thread of its own, then commits a transaction of its own with
// synchronous_commit on. The server flushes the WAL in order, so that one
// flush makes every commit before it durable. Whatever vigiad says to the
// outside waits in whenDurable() (GroupCommit) for such a flush, as with
// SQLite. Every other write keeps committing synchronously.
class PostgresGroupCommit final : public GroupCommit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostgresGroupCommit)

public:
    explicit PostgresGroupCommit(const QString &url, QObject *parent = nullptr);
    ~PostgresGroupCommit() override;

    // Connects the flushing connection and starts its thread.
    bool start(QString *error);

private:
    bool flushDurably(QString *error) override;

    QString m_url;
    QString m_connectionName;
    std::thread m_thread;
};

} // namespace Vigia

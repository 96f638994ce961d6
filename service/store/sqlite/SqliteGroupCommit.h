#pragma once

#include "GroupCommit.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

struct sqlite3;

namespace Vigia {

// Group commit for one SQLite connection in WAL mode. The connection commits
// with synchronous=NORMAL, so a commit only writes its frames to the WAL; a
// thread of our own then makes them durable with one fdatasync for every
// commit made meanwhile, and a second one checkpoints the WAL into the
// database, so neither the event loop nor a waiting answer ever waits for a
// checkpoint. Everything vigiad says to the outside goes through
// whenDurable() (GroupCommit), so an answer still means "on disk", as it did
// with synchronous=FULL, at one fdatasync per batch instead of one per commit.
class SqliteGroupCommit final : public GroupCommit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SqliteGroupCommit)

public:
    explicit SqliteGroupCommit(const QString &databasePath, QObject *parent = nullptr);
    ~SqliteGroupCommit() override;

    // Takes over WAL flushing and checkpoints of `db` (already in WAL mode,
    // synchronous=NORMAL is set here) and starts the flushing thread.
    bool attach(sqlite3 *db, QString *error);
    // Another connection to the same file, writing from a thread of its own
    // (delivery's claims and outcomes): its commits are flushed with the
    // first one's, and count in whenDurable() as if made on this thread.
    // Call it from that connection's thread, after attach().
    bool attachWriter(sqlite3 *db, QString *error);

    // RESTART checkpoints run so far (the WAL started over after a long burst).
    quint64 walRestarts() const;

private:
    static int onWalCommit(void *self, sqlite3 *db, const char *schema, int walPages);
    bool flushDurably(QString *error) override;
    bool reopenWalIfReplaced();
    void checkpointLoop();

    QString m_databasePath;
    QString m_walPath;
    sqlite3 *m_checkpointDb = nullptr;
    int m_walFd = -1;

    // The WAL's size and the checkpoint thread's work, under m_mutex.
    mutable std::mutex m_mutex;
    int m_walPages = 0;
    bool m_stopping = false;
    bool m_checkpointWanted = false;
    bool m_restartWanted = false;
    quint64 m_restartAttempts = 0;
    std::condition_variable m_restartDone;
    std::atomic<quint64> m_restarts = 0;
    std::condition_variable m_checkpointWake;
    std::thread m_thread;
    std::thread m_checkpointThread;
};

} // namespace Vigia

#include "SqliteGroupCommit.h"

#include <QFile>
#include <QLoggingCategory>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcGroupCommit, "vigia.store.commit", QtInfoMsg)

namespace Vigia {

namespace {
// The WAL is copied into the database once it holds this many pages, as
// SQLite's own wal_autocheckpoint would, but off the event loop.
constexpr int kCheckpointPages = 1000;
// Under sustained writes a PASSIVE checkpoint never quite catches up, and
// SQLite starts the WAL over only once one has: past this size, and once
// almost everything is copied, a RESTART checkpoint holds writers back for
// the last pages so that the next commit starts the WAL from the beginning.
constexpr int kRestartPages = 4096; // 16 MiB of 4 KiB pages
// Should the checkpoint thread still fall behind (a disk that stalls under a
// writer that never pauses), the writer checkpoints by itself at this size:
// answers slow down for a moment rather than the WAL growing without end.
constexpr int kWriterCheckpointPages = 4 * kRestartPages;
} // namespace

SqliteGroupCommit::SqliteGroupCommit(const QString &databasePath, QObject *parent)
    : GroupCommit(parent),
      m_databasePath(databasePath),
      m_walPath(databasePath + QLatin1String("-wal"))
{ }

SqliteGroupCommit::~SqliteGroupCommit()
{
    stopFlushing();
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_checkpointWake.notify_one();
    m_restartDone.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    if (m_checkpointThread.joinable())
        m_checkpointThread.join();
    if (m_walFd >= 0) {
        // Whatever was committed after the last flush is on disk before we go.
        ::fdatasync(m_walFd);
        ::close(m_walFd);
    }
    if (m_checkpointDb)
        sqlite3_close_v2(m_checkpointDb);
}

bool SqliteGroupCommit::attachWriter(sqlite3 *db, QString *error)
{
    char *message = nullptr;
    // The WAL file exists once a connection has read the database in WAL mode.
    // journal_size_limit: a WAL that grew during a burst is cut back to 16 MiB
    // when it starts over.
    if (sqlite3_exec(db,
                     "PRAGMA synchronous=NORMAL; PRAGMA journal_size_limit=16777216;"
                     " SELECT count(*) FROM sqlite_schema;",
                     nullptr, nullptr, &message)
        != SQLITE_OK) {
        *error = QStringLiteral("cannot set up group commit: %1").arg(QString::fromUtf8(message));
        sqlite3_free(message);
        return false;
    }
    // Replaces SQLite's auto-checkpoint on this connection (the two share the hook).
    sqlite3_wal_hook(db, &SqliteGroupCommit::onWalCommit, this);
    return true;
}

bool SqliteGroupCommit::attach(sqlite3 *db, QString *error)
{
    if (!attachWriter(db, error))
        return false;
    m_walFd = ::open(QFile::encodeName(m_walPath).constData(), O_RDWR | O_CLOEXEC);
    if (m_walFd < 0) {
        *error = QStringLiteral("cannot open %1: %2")
                         .arg(m_walPath, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    if (sqlite3_open_v2(QFile::encodeName(m_databasePath).constData(), &m_checkpointDb,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr)
                != SQLITE_OK
        || sqlite3_exec(m_checkpointDb, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr)
                != SQLITE_OK) {
        *error = QStringLiteral("cannot open a checkpoint connection to %1: %2")
                         .arg(m_databasePath, QString::fromUtf8(sqlite3_errmsg(m_checkpointDb)));
        return false;
    }
    sqlite3_busy_timeout(m_checkpointDb, 1000);
    m_thread = std::thread([this] {
        // Named, so that top -H and perf tell the threads of vigiad apart.
        pthread_setname_np(pthread_self(), "vigiad flush");
        runFlushLoop();
    });
    m_checkpointThread = std::thread([this] { checkpointLoop(); });
    return true;
}

int SqliteGroupCommit::onWalCommit(void *self, sqlite3 *, const char *, int walPages)
{
    auto *commit = static_cast<SqliteGroupCommit *>(self);
    commit->noteCommit();
    std::unique_lock lock(commit->m_mutex);
    commit->m_walPages = walPages;
    if (walPages >= kWriterCheckpointPages) {
        // Backpressure, as SQLite's own auto-checkpoint gives by running in
        // the writer: wait until the checkpoint thread has started the WAL over.
        const quint64 target = commit->m_restartAttempts + 1;
        commit->m_restartWanted = true;
        commit->m_checkpointWake.notify_one();
        commit->m_restartDone.wait_for(lock, std::chrono::seconds(10), [commit, target] {
            return commit->m_restartAttempts >= target || commit->m_stopping;
        });
    }
    return SQLITE_OK;
}

quint64 SqliteGroupCommit::walRestarts() const
{
    return m_restarts;
}

bool SqliteGroupCommit::flushDurably(QString *error)
{
    // Every commit to flush returned before the flush was asked for, so its
    // frames are in the WAL file by now.
    int walPages = 0;
    {
        const std::lock_guard lock(m_mutex);
        walPages = m_walPages;
    }
    // A failed fdatasync is fatal (GroupCommit): the kernel may have dropped the pages.
    if (!reopenWalIfReplaced() || ::fdatasync(m_walFd) != 0) {
        *error = QStringLiteral("cannot flush %1 to disk (%2)")
                         .arg(m_walPath, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    if (walPages >= kCheckpointPages) {
        {
            const std::lock_guard lock(m_mutex);
            m_checkpointWanted = true;
        }
        m_checkpointWake.notify_one();
    }
    return true;
}

bool SqliteGroupCommit::reopenWalIfReplaced()
{
    // SQLite recreates the WAL only when the last connection closes, which
    // cannot happen while ours is open; checked anyway, since flushing a
    // stale file would silently break the promise.
    struct stat onDisk = {};
    struct stat open = {};
    if (::stat(QFile::encodeName(m_walPath).constData(), &onDisk) == 0
        && ::fstat(m_walFd, &open) == 0 && onDisk.st_ino != open.st_ino) {
        ::close(m_walFd);
        m_walFd = ::open(QFile::encodeName(m_walPath).constData(), O_RDWR | O_CLOEXEC);
        return m_walFd >= 0;
    }
    return true;
}

void SqliteGroupCommit::checkpointLoop()
{
    pthread_setname_np(pthread_self(), "vigiad checkpt");
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_checkpointWake.wait(
                lock, [this] { return m_stopping || m_checkpointWanted || m_restartWanted; });
        if (m_stopping)
            return;
        const bool mustRestart = std::exchange(m_restartWanted, false);
        m_checkpointWanted = false;
        lock.unlock();
        if (mustRestart) {
            // The writer waits in onWalCommit() for this one.
            if (sqlite3_wal_checkpoint_v2(m_checkpointDb, nullptr, SQLITE_CHECKPOINT_RESTART,
                                          nullptr, nullptr)
                == SQLITE_OK)
                ++m_restarts;
            lock.lock();
            ++m_restartAttempts;
            m_restartDone.notify_all();
            continue;
        }
        // PASSIVE never blocks the writer; what it cannot copy now waits for
        // the next one. SQLite syncs the WAL first (synchronous=NORMAL), then
        // the database.
        int walFrames = 0;
        int copied = 0;
        int rc = sqlite3_wal_checkpoint_v2(m_checkpointDb, nullptr, SQLITE_CHECKPOINT_PASSIVE,
                                           &walFrames, &copied);
        // Past four times the size, writers are held back whatever is left:
        // the WAL must not grow without end while writes never pause.
        if (rc == SQLITE_OK && walFrames >= kRestartPages
            && (walFrames - copied < kCheckpointPages || walFrames >= 4 * kRestartPages)) {
            rc = sqlite3_wal_checkpoint_v2(m_checkpointDb, nullptr, SQLITE_CHECKPOINT_RESTART,
                                           nullptr, nullptr);
            if (rc == SQLITE_OK)
                ++m_restarts;
        }
        if (rc != SQLITE_OK && rc != SQLITE_BUSY)
            qCWarning(lcGroupCommit) << "checkpoint failed:" << sqlite3_errmsg(m_checkpointDb);
        lock.lock();
    }
}

} // namespace Vigia

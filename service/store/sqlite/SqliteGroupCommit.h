#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

struct sqlite3;

namespace Vigia {

// Group commit for one SQLite connection in WAL mode. The connection commits
// with synchronous=NORMAL, so a commit only writes its frames to the WAL; a
// thread of our own then makes them durable with one fdatasync for every
// commit made meanwhile, and a second one checkpoints the WAL into the
// database, so neither the event loop nor a waiting answer ever waits for a
// checkpoint. Everything vigiad says to the
// outside (an HTTP answer, a live-feed event) goes through whenDurable(): it
// waits for that flush, so an answer still means "on disk", as it did with
// synchronous=FULL, at one fdatasync per batch instead of one per commit.
class SqliteGroupCommit final : public QObject
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

    // Runs `then` on this object's thread once every commit made so far is
    // on disk: at once when nothing is waiting, else in the order asked.
    void whenDurable(std::function<void()> then);
    // The same for changes nobody waits on (a delivery's outcome, a live
    // event): it joins the next flush someone asks for, and asks for one
    // itself only after kSoonMs. At one request at a time the outcome of the
    // last delivery then rides on the next answer's flush, instead of a
    // flush of its own that the answer would queue behind.
    void whenDurableSoon(std::function<void()> then);
    static constexpr int kSoonMs = 2;

    quint64 flushCount() const;
    // RESTART checkpoints run so far (the WAL started over after a long burst).
    quint64 walRestarts() const;

private:
    static int onWalCommit(void *self, sqlite3 *db, const char *schema, int walPages);
    void flushLoop();
    bool flushWal();
    void checkpointLoop();
    void runDurable(quint64 flushed);
    void askForFlush();

    QString m_databasePath;
    QString m_walPath;
    sqlite3 *m_checkpointDb = nullptr;
    int m_walFd = -1;

    // Commits on every attached connection, counted by the one that made it.
    std::atomic<quint64> m_committed = 0;
    // Owned by this object's thread.
    quint64 m_asked = 0;
    std::deque<std::pair<quint64, std::function<void()>>> m_waiting;
    QTimer m_soonTimer;

    // Shared with the flushing thread, under m_mutex.
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    quint64 m_flushTarget = 0;
    quint64 m_flushed = 0;
    quint64 m_flushCount = 0;
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

#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace Vigia {

// What group commit is on every backend: writers commit without waiting for
// the disk and count their commits here; a flushing thread of the backend's
// own then makes everything committed so far durable in one step (an
// fdatasync of SQLite's WAL, one synchronous commit on PostgreSQL), and
// whatever vigiad says to the outside (an HTTP answer, a live event) waits in
// whenDurable() for the flush that covers it. One flush per batch instead of
// one per commit, and an answer still means "on disk".
//
// The backend runs runFlushLoop() on its flushing thread and implements
// flushDurably(); its destructor calls stopFlushing() and joins that thread
// before anything flushDurably() uses goes away.
class GroupCommit : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupCommit)

public:
    ~GroupCommit() override;

    // A commit has just returned, on any thread.
    void noteCommit() { ++m_committed; }

    // Runs `then` on this object's thread once every commit noted so far is
    // durable: at once when nothing is waiting, else in the order asked.
    void whenDurable(std::function<void()> then);
    // The same for changes nobody waits on (a delivery's outcome, a live
    // event): it joins the next flush someone asks for, and asks for one
    // itself only after kSoonMs. At one request at a time the outcome of the
    // last delivery then rides on the next answer's flush, instead of a
    // flush of its own that the answer would queue behind.
    void whenDurableSoon(std::function<void()> then);
    static constexpr int kSoonMs = 2;

    quint64 flushCount() const;

protected:
    explicit GroupCommit(QObject *parent);

    // On the flushing thread: waits for a flush to be asked for, runs
    // flushDurably() without any lock held, and hands the flushed commits to
    // their waiters; returns after stopFlushing(). A failed flush stops the
    // process: the disk may have dropped what it took, so nothing can be
    // promised any more, and the next start recovers what is on disk.
    void runFlushLoop();
    void stopFlushing();
    // Makes every commit that returned before the call durable. `error` says
    // what failed, for the fatal message.
    virtual bool flushDurably(QString *error) = 0;

private:
    // True (and nothing queued) when `then` may run at once.
    bool queueUnlessDurable(std::function<void()> &then, quint64 *committed);
    void askForFlush();
    void runDurable(quint64 flushed);

    // Commits on every writer, counted by the one that made it.
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
    bool m_stopping = false;
};

} // namespace Vigia

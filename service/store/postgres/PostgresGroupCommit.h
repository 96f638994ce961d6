#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace Vigia {

// Group commit for the hot writes on PostgreSQL (enqueues, claims, attempt
// outcomes): they commit with synchronous_commit off, so the event loop no
// longer waits for the server's WAL flush at each one; a connection of our
// own, on a thread of its own, then commits a transaction of its own with
// synchronous_commit on. The server flushes the WAL in order, so that one
// flush makes every commit before it durable. Whatever vigiad says to the
// outside waits in whenDurable() for such a flush, as with SQLite: an
// answer still means "on disk", at one flush per batch instead of one per
// commit. Every other write keeps committing synchronously.
class PostgresGroupCommit final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostgresGroupCommit)

public:
    explicit PostgresGroupCommit(const QString &url, QObject *parent = nullptr);
    ~PostgresGroupCommit() override;

    // Connects the flushing connection and starts its thread.
    bool start(QString *error);

    // An asynchronous commit has just returned on this thread.
    void noteCommit() { ++m_committed; }
    // As SqliteGroupCommit's: `then` runs on this object's thread once every
    // commit noted so far is durable, in the order asked.
    void whenDurable(std::function<void()> then);
    void whenDurableSoon(std::function<void()> then);
    static constexpr int kSoonMs = 2;

    quint64 flushCount() const;

private:
    void flushLoop();
    bool flushOnce(QString *error);
    void runDurable(quint64 flushed);
    void askForFlush();

    QString m_url;
    QString m_connectionName;

    // Owned by this object's thread.
    quint64 m_committed = 0;
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
    std::thread m_thread;
};

} // namespace Vigia

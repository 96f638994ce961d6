#pragma once

#include "OutboxStore.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace Vigia {

class StoreConnectionWorker;

// A second connection to the store on a thread of its own, for work the
// service's event loop should not wait on: the producers' enqueues, the
// dispatcher's claims and outcomes, the status' counts of a large backlog.
// Jobs run there one at a time, in the order posted; each job's answer comes
// back once, on this object's thread, through the event loop. The caller
// still publishes what changed (the Outbox is the one door) and waits for
// durability (OutboxStore::whenDurable) before telling anyone.
class StoreConnectionThread final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreConnectionThread)

public:
    // Starts the thread (named for `top` and /proc) and opens the connection
    // there; isOpen() says whether it did.
    StoreConnectionThread(const QString &name, OutboxStore::ConnectionFactory factory,
                          QThread::Priority priority = QThread::InheritPriority,
                          QObject *parent = nullptr);
    // Waits for the job under way. Answers not taken by then are dropped:
    // each user says what that leaves (a claimed row stays "sending" and the
    // next start sends it again, as after a crash).
    ~StoreConnectionThread() override;

    // A thread with an open second connection of `store`, or null with
    // *error saying why (the store has none: PostgreSQL works in its server).
    static std::unique_ptr<StoreConnectionThread>
    open(const OutboxStore &store, const QString &name, QString *error,
         QThread::Priority priority = QThread::InheritPriority);

    bool isOpen(QString *error) const;

    // Runs job(store) on the thread, then done(result) here.
    template<typename Job, typename Done>
    void run(Job job, Done done)
    {
        post([this, job = std::move(job), done = std::move(done)](OutboxStore &store) mutable {
            auto result = job(store);
            answer([done = std::move(done), result = std::move(result)]() mutable {
                done(std::move(result));
            });
        });
    }

    // Waits for every job posted so far, and hands their answers over now:
    // at shutdown, what the thread stored is then published too.
    void drain();

private:
    void post(std::function<void(OutboxStore &)> job);
    // From the thread: `answer` runs on this object's thread.
    void answer(std::function<void()> answer);

    QThread m_thread;
    StoreConnectionWorker *m_worker = nullptr; // lives on m_thread
};

} // namespace Vigia

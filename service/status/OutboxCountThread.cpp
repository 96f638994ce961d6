#include "OutboxCountThread.h"

#include <QElapsedTimer>

namespace Vigia {

// The connection, opened, used and closed on the thread (a QtSql
// connection belongs to the thread that made it).
class OutboxCountWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxCountWorker)

public:
    OutboxCountWorker() = default;
    ~OutboxCountWorker() override = default;

    std::unique_ptr<OutboxStore> store;
    QString openError;
};

OutboxCountThread::OutboxCountThread(OutboxStore::ConnectionFactory factory, QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("vigiad counts"));
    m_worker = new OutboxCountWorker;
    m_worker->moveToThread(&m_thread);
    m_thread.start(QThread::LowPriority);
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, factory = std::move(factory)] {
                if (factory)
                    worker->store = factory(&worker->openError);
            },
            Qt::BlockingQueuedConnection);
}

OutboxCountThread::~OutboxCountThread()
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool OutboxCountThread::open(QString *error)
{
    // Read after the blocking set-up in the constructor: nothing runs there since.
    if (m_worker->store)
        return true;
    *error = m_worker->openError;
    if (error->isEmpty())
        *error = QStringLiteral("the store has no second connection");
    return false;
}

void OutboxCountThread::count(bool heldIsAffected, Done done)
{
    QMetaObject::invokeMethod(
            m_worker,
            [this, worker = m_worker, heldIsAffected, done = std::move(done)]() mutable {
                QElapsedTimer took;
                took.start();
                const OutboxCounts counts = worker->store->outboxCounts(heldIsAffected);
                const qint64 costMs = took.elapsed();
                // `this` outlives the worker (its destructor deletes it and
                // waits); an answer it has not taken by then is dropped.
                QMetaObject::invokeMethod(
                        this, [done = std::move(done), counts, costMs] { done(counts, costMs); },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
}

} // namespace Vigia

#include "OutboxCountThread.moc"

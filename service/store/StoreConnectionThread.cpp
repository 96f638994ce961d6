#include "StoreConnectionThread.h"

#include <QCoreApplication>

namespace Vigia {

// What lives on the thread: the connection, opened, used and closed there
// (a QtSql connection belongs to the thread that made it).
class StoreConnectionWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreConnectionWorker)

public:
    StoreConnectionWorker() = default;
    ~StoreConnectionWorker() override = default;

    std::unique_ptr<OutboxStore> store;
    QString openError;
};

StoreConnectionThread::StoreConnectionThread(const QString &name,
                                             OutboxStore::ConnectionFactory factory,
                                             QThread::Priority priority, QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(name);
    m_worker = new StoreConnectionWorker;
    m_worker->moveToThread(&m_thread);
    m_thread.start(priority);
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, factory = std::move(factory)] {
                if (factory)
                    worker->store = factory(&worker->openError);
            },
            Qt::BlockingQueuedConnection);
}

StoreConnectionThread::~StoreConnectionThread()
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

std::unique_ptr<StoreConnectionThread> StoreConnectionThread::open(const OutboxStore &store,
                                                                   const QString &name,
                                                                   QString *error,
                                                                   QThread::Priority priority)
{
    OutboxStore::ConnectionFactory factory = store.secondConnection();
    if (!factory) {
        *error = QStringLiteral("the store has no second connection");
        return nullptr;
    }
    auto thread = std::make_unique<StoreConnectionThread>(name, std::move(factory), priority);
    if (!thread->isOpen(error))
        return nullptr;
    return thread;
}

bool StoreConnectionThread::isOpen(QString *error) const
{
    // Read after the blocking set-up in the constructor: nothing runs there since.
    if (m_worker->store)
        return true;
    *error = m_worker->openError;
    if (error->isEmpty())
        *error = QStringLiteral("the store has no second connection");
    return false;
}

void StoreConnectionThread::post(std::function<void(OutboxStore &)> job)
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker, job = std::move(job)] { job(*worker->store); },
            Qt::QueuedConnection);
}

void StoreConnectionThread::answer(std::function<void()> answer)
{
    // `this` outlives the worker (its destructor deletes it and waits); an
    // answer it has not taken by then is dropped with the posted event.
    QMetaObject::invokeMethod(this, std::move(answer), Qt::QueuedConnection);
}

void StoreConnectionThread::drain()
{
    // Queued behind every job posted: when it returns, each answer is posted here.
    QMetaObject::invokeMethod(
            m_worker, [] {}, Qt::BlockingQueuedConnection);
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

} // namespace Vigia

#include "StoreConnectionThread.moc"

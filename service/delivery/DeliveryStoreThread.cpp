#include "DeliveryStoreThread.h"

#include <QCoreApplication>

namespace Vigia {

// What lives on the thread: the second connection, opened, used and closed
// there (a QtSql connection belongs to the thread that made it).
class DeliveryStoreWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryStoreWorker)

public:
    DeliveryStoreWorker() = default;
    ~DeliveryStoreWorker() override = default;

    std::unique_ptr<OutboxStore> store;
    QString openError;
};

DeliveryStoreThread::DeliveryStoreThread(OutboxStore::ConnectionFactory factory, QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("vigiad delivery store"));
    m_worker = new DeliveryStoreWorker;
    m_worker->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(
            m_worker,
            [worker = m_worker, factory = std::move(factory)] {
                if (factory)
                    worker->store = factory(&worker->openError);
            },
            Qt::BlockingQueuedConnection);
}

DeliveryStoreThread::~DeliveryStoreThread()
{
    QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool DeliveryStoreThread::open(QString *error)
{
    // Read after the blocking set-up in the constructor: nothing runs there since.
    if (m_worker->store)
        return true;
    *error = m_worker->openError;
    if (error->isEmpty())
        *error = QStringLiteral("the store has no second connection");
    return false;
}

DeliveryStoreThread::Claimed DeliveryStoreThread::claimDue(OutboxStore &store, const QDateTime &now,
                                                           int room,
                                                           const QList<ClaimRequest> &requests)
{
    Claimed claimed;
    claimed.reserve(requests.size());
    for (const ClaimRequest &request : requests) {
        const int limit = qMin(request.limit, room);
        claimed.append(limit > 0 ? store.claimDue(now, limit, request.channels)
                                 : QList<Notification>());
        room -= int(claimed.constLast().size());
    }
    return claimed;
}

void DeliveryStoreThread::drain()
{
    // Queued behind whatever the worker has to do: when it returns, every
    // answer is posted to this object.
    QMetaObject::invokeMethod(
            m_worker, [] {}, Qt::BlockingQueuedConnection);
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

void DeliveryStoreThread::claimDue(const QDateTime &now, int room,
                                   const QList<ClaimRequest> &requests,
                                   std::function<void(const Claimed &)> done)
{
    QMetaObject::invokeMethod(
            m_worker,
            [this, worker = m_worker, now, room, requests, done = std::move(done)]() mutable {
                Claimed claimed = claimDue(*worker->store, now, room, requests);
                // `this` outlives the worker (its destructor deletes it and
                // waits); an answer it has not taken by then is dropped.
                QMetaObject::invokeMethod(
                        this,
                        [done = std::move(done), claimed = std::move(claimed)] { done(claimed); },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
}

void DeliveryStoreThread::completeAttempts(
        const QList<std::pair<QString, AttemptRecord>> &attempts, const QDateTime &now,
        std::function<void(const Completed &, const QString &)> done)
{
    QMetaObject::invokeMethod(
            m_worker,
            [this, worker = m_worker, attempts, now, done = std::move(done)]() mutable {
                QString error;
                Completed completed = worker->store->completeAttempts(attempts, now, &error);
                QMetaObject::invokeMethod(
                        this,
                        [done = std::move(done), completed = std::move(completed),
                         error = std::move(error)] { done(completed, error); },
                        Qt::QueuedConnection);
            },
            Qt::QueuedConnection);
}

} // namespace Vigia

#include "DeliveryStoreThread.moc"

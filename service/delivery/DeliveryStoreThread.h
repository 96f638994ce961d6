#pragma once

#include "OutboxStore.h"

#include <QObject>
#include <QThread>

#include <functional>

namespace Vigia {

class DeliveryStoreWorker;

// Up to `limit` due notifications, on `channels` only when not empty: one
// of the claims of a dispatcher's pass (its free channels, the paced ones,
// a held channel's trial).
struct ClaimRequest
{
    int limit = 0;
    QList<Channel> channels;
};

// Delivery's own writes (claims, and the outcomes of attempts) on a thread
// of their own, over a second connection to the store. On the service's
// thread they took a quarter of what ingest could have had under load; here
// they run beside it, and the store serialises the two writers. Each call
// crosses in one posted event, and its answer comes back the same way, to
// the caller's thread, once: the caller still publishes what changed (the
// Outbox is the one door) and waits for durability before acting on it.
class DeliveryStoreThread final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryStoreThread)

public:
    // Starts the thread; open() then opens the connection there.
    explicit DeliveryStoreThread(OutboxStore::ConnectionFactory factory, QObject *parent = nullptr);
    // Waits for the write under way, if any. Answers not yet taken are
    // dropped: claimed rows stay "sending" and the next start sends them
    // again, as after a crash.
    ~DeliveryStoreThread() override;

    bool open(QString *error);
    // Waits for the write under way, and hands its answer back now, before
    // the service goes: an outcome already stored is then also published and
    // counted (history, status), not dropped with the thread.
    void drain();

    // One list per ClaimRequest, in order; together at most `room`.
    using Claimed = QList<QList<Notification>>;
    void claimDue(const QDateTime &now, int room, const QList<ClaimRequest> &requests,
                  std::function<void(const Claimed &)> done);
    // The same on `store`, here and now (a store with one connection).
    static Claimed claimDue(OutboxStore &store, const QDateTime &now, int room,
                            const QList<ClaimRequest> &requests);
    // As OutboxStore::completeAttempts(); `error` empty when written.
    using Completed = QList<std::optional<Notification>>;
    void completeAttempts(const QList<std::pair<QString, AttemptRecord>> &attempts,
                          const QDateTime &now,
                          std::function<void(const Completed &, const QString &error)> done);

private:
    QThread m_thread;
    DeliveryStoreWorker *m_worker = nullptr; // lives on m_thread
};

} // namespace Vigia

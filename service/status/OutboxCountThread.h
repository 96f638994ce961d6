#pragma once

#include "CommunicationStatus.h"
#include "OutboxStore.h"

#include <QObject>
#include <QThread>

#include <functional>

namespace Vigia {

class OutboxCountWorker;

// Counts what waits in the outbox (OutboxStore::outboxCounts()) on a thread
// and a store connection of its own. A count reads every row not delivered
// yet: during an outage with a backlog of hundreds of thousands it takes
// hundreds of milliseconds, which the service's event loop (every answer,
// every live event) cannot give. Each count's answer comes back once, on the
// caller's thread.
class OutboxCountThread final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxCountThread)

public:
    // Starts the thread; open() then says whether the connection opened there.
    explicit OutboxCountThread(OutboxStore::ConnectionFactory factory, QObject *parent = nullptr);
    // Waits for the count under way, if any; its answer is dropped.
    ~OutboxCountThread() override;

    bool open(QString *error);
    // costMs: how long counting took, on the counting thread.
    using Done = std::function<void(const OutboxCounts &counts, qint64 costMs)>;
    void count(bool heldIsAffected, Done done);

private:
    QThread m_thread;
    OutboxCountWorker *m_worker = nullptr; // lives on m_thread
};

} // namespace Vigia

#pragma once

#include <QObject>

namespace Vigia {

class InstanceGroup;
class PostgresStore;
class StatusTracker;

// What the status takes from every instance on PostgreSQL, beyond the
// outbox they share, for VigiaService:
// - the bot's heartbeats: each instance stores the ones it receives, and
//   the leader, which evaluates the status, reads the latest at every poll.
class SharedStatus final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SharedStatus)

public:
    SharedStatus(PostgresStore *store, InstanceGroup *group, StatusTracker *status,
                 QObject *parent = nullptr);

private:
    void onPolled();

    PostgresStore *m_store;
    InstanceGroup *m_group;
    StatusTracker *m_status;
};

} // namespace Vigia

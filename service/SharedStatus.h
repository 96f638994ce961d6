#pragma once

#include "DeliveryGateway.h"
#include "Notification.h"
#include "WireContract.h"

#include <QHash>
#include <QObject>

namespace Vigia {

class DeliveryDispatcher;
class InstanceGroup;
class LiveJournal;
class PostgresStore;
class StatusTracker;

// What the status takes from every instance on PostgreSQL, beyond the
// outbox they share, for VigiaService:
// - the bot's heartbeats: each instance stores the ones it receives, and
//   the leader, which evaluates the status, reads the latest at every poll;
// - the channels an outage holds: only the leader's supervisor decides, and
//   followers hold the channels of the leader's status (its live events,
//   and the one it saved when this instance joins), so that they do not
//   burn attempts on a gateway known down; only the leader sends trials;
// - the outcomes of every instance's sends: the tracker hears this
//   instance's from its dispatcher, and those of the others from their
//   live events (a notification claimed, then its attempt's result), so the
//   leader judges deliveries from all the sends, and its outage supervisor
//   chooses what to hold from them (foreignAttemptFinished).
class SharedStatus final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SharedStatus)

public:
    SharedStatus(PostgresStore *store, InstanceGroup *group, LiveJournal *journal,
                 StatusTracker *status, DeliveryDispatcher *dispatcher, QObject *parent = nullptr);

Q_SIGNALS:
    // Another instance ended an attempt (its live events): for the leader's
    // outage supervisor, which picks the channels to hold and diagnoses from
    // every instance's sends, as the tracker judges from them.
    void foreignAttemptFinished(const Vigia::Notification &notification,
                                const Vigia::DeliveryResult &result);

private:
    void onPolled();
    // A follower holds what the leader's status (CommunicationStatus JSON) holds.
    void followHeldChannels(const QJsonObject &leaderStatus);
    // Another instance's notification event: the outcome of an attempt it
    // made, when it ends one (the event after its claim).
    void onForeignEvent(LiveEventType type, const QByteArray &dataWire);

    PostgresStore *m_store;
    InstanceGroup *m_group;
    StatusTracker *m_status;
    DeliveryDispatcher *m_dispatcher;
    // Notifications other instances are sending: id -> the attempt's number.
    QHash<QString, int> m_sending;
};

} // namespace Vigia

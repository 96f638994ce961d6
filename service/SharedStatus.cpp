#include "SharedStatus.h"

#include "CommunicationStatus.h"
#include "DeliveryDispatcher.h"
#include "InstanceGroup.h"
#include "LiveJournal.h"
#include "PostgresStore.h"
#include "StatusTracker.h"

#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcShared, "vigia.instances.status", QtInfoMsg)

namespace Vigia {

namespace {
// Sends of an instance that died are never finished here (another instance
// sends them again, with a claim of its own): the map is emptied at this
// size rather than kept growing, at the cost of a few outcomes not heard.
constexpr qsizetype kMaxSending = 100000;
} // namespace

SharedStatus::SharedStatus(PostgresStore *store, InstanceGroup *group, LiveJournal *journal,
                           StatusTracker *status, DeliveryDispatcher *dispatcher, QObject *parent)
    : QObject(parent), m_store(store), m_group(group), m_status(status), m_dispatcher(dispatcher)
{
    // A bot talks to whichever instance the proxy picks; only the leader's
    // tracker makes the status.
    connect(m_status, &StatusTracker::heartbeatRecorded, this, [this](const QDateTime &at) {
        if (!m_store->saveHeartbeat(at))
            qCWarning(lcShared) << "could not share the bot's heartbeat";
    });
    connect(m_group, &InstanceGroup::polled, this, &SharedStatus::onPolled);
    connect(journal, &LiveJournal::published, this, [this](const LiveEvent &event) {
        if (event.type == LiveEventType::Status)
            followHeldChannels(event.data());
    });
    connect(m_group, &InstanceGroup::foreignEvent, this, &SharedStatus::onForeignEvent);
    // Only the leader sends trials on held channels (followers hold what it
    // holds, and release when its trial gets through).
    m_dispatcher->setHeldTrials(m_group->leads());
    connect(m_group, &InstanceGroup::leadershipChanged, m_dispatcher,
            &DeliveryDispatcher::setHeldTrials);
    // An outage under way when this instance joins: its status was saved.
    followHeldChannels(m_store->lastStatus());
}

void SharedStatus::onPolled()
{
    if (!m_group->leads())
        return;
    // Its own heartbeats come back too, and count once: only a later one counts.
    m_status->recordHeartbeatAt(m_store->lastHeartbeat());
}

void SharedStatus::followHeldChannels(const QJsonObject &leaderStatus)
{
    // The leader's own supervisor holds and releases its channels (it also
    // paces the recovery); a follower that becomes leader is set right by
    // its supervisor's first look at the status.
    if (m_group->leads())
        return;
    QSet<Channel> held;
    const QStringList names = CommunicationStatus::fromJson(leaderStatus).counts.heldChannels;
    for (const QString &name : names) {
        if (const std::optional<Channel> channel = channelFromName(name))
            held.insert(*channel);
    }
    if (held == m_dispatcher->heldChannels())
        return;
    qCInfo(lcShared).noquote() << (held.isEmpty()
                                           ? QStringLiteral("the leader resumed deliveries")
                                           : QStringLiteral("the leader holds deliveries on %1:"
                                                            " holding them here too")
                                                     .arg(names.join(QStringLiteral(", "))));
    m_dispatcher->setHeldChannels(held);
}

void SharedStatus::onForeignEvent(LiveEventType type, const QByteArray &dataWire)
{
    if (type != LiveEventType::Notification)
        return;
    const std::optional<Notification> n =
            Notification::fromJson(QJsonDocument::fromJson(dataWire).object());
    if (!n)
        return;
    if (n->state == NotificationState::Sending) {
        if (m_sending.size() >= kMaxSending)
            m_sending.clear();
        m_sending.insert(n->id, n->attempts);
        return;
    }
    // Only the event that ends an attempt seen claimed is an outcome: an
    // operator's retry or resolution, an enqueue or an ack is none.
    const auto claimed = m_sending.constFind(n->id);
    if (claimed == m_sending.cend())
        return;
    const int attempt = claimed.value();
    m_sending.erase(claimed);
    // Put back because its instance stopped mid-send (due at once, where an
    // attempt that ended schedules a retry or none): not the gateway's answer,
    // as a restarted instance's own interrupted sends are not.
    const bool interrupted = n->nextAttemptAt.isValid() && n->nextAttemptAt <= n->updatedAt;
    if (attempt != n->attempts || interrupted)
        return;
    DeliveryResult result;
    result.detail = n->lastError;
    switch (n->state) {
    case NotificationState::Delivered: result.outcome = DeliveryResult::Outcome::Delivered; break;
    case NotificationState::Pending: result.outcome = DeliveryResult::Outcome::Retryable; break;
    case NotificationState::Failed:
        // Failed before its last attempt: a permanent answer (a wrong number),
        // which says nothing about the gateway.
        result.outcome = n->attempts < n->maxAttempts ? DeliveryResult::Outcome::Permanent
                                                      : DeliveryResult::Outcome::Retryable;
        break;
    case NotificationState::Sending:
    case NotificationState::Resolved: return;
    }
    m_status->recordDelivery(result, n->updatedAt);
    Q_EMIT foreignAttemptFinished(*n, result);
}

} // namespace Vigia

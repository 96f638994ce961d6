#include "DeliveryDispatcher.h"

#include "Outbox.h"
#include "StoreConnectionThread.h"

#include <QPointer>
#include <QRandomGenerator>
#include <QScopedValueRollback>

#include <algorithm>
#include <cmath>
#include <utility>

namespace Vigia {

DeliveryDispatcher::DeliveryDispatcher(Outbox *outbox, const DeliveryPolicy &policy,
                                       QObject *parent)
    : QObject(parent), m_outbox(outbox), m_policy(policy)
{
    m_steady.start();
    m_pollTimer.setInterval(policy.pollIntervalMs);
    connect(&m_pollTimer, &QTimer::timeout, this, &DeliveryDispatcher::pump);
    connect(outbox, &Outbox::enqueued, this, &DeliveryDispatcher::wake);
    // New work is claimed at once, not at the next pass: the claim is then
    // committed before the producer's answer asks for its flush, and one
    // flush makes both durable (at one request at a time, a claim of its
    // own was a second fdatasync before every send).
    connect(outbox, &Outbox::created, this, [this] {
        if (m_pumping)
            wake();
        else
            pump();
    });
    m_recordRetry.setSingleShot(true);
    m_recordRetry.setInterval(policy.storeRetryMs);
    connect(&m_recordRetry, &QTimer::timeout, this, &DeliveryDispatcher::recordFinished);
}

void DeliveryDispatcher::addGateway(DeliveryGateway *gateway)
{
    m_gateways.insert(gateway->channel(), gateway);
}

void DeliveryDispatcher::start()
{
    m_running = true;
    m_pollTimer.start();
    wake();
}

namespace {
const QSet<Channel> kAllChannels{Channel::WhatsApp, Channel::Discord, Channel::Telegram};
} // namespace

void DeliveryDispatcher::setHeld(bool held)
{
    setHeldChannels(held ? kAllChannels : QSet<Channel>());
}

void DeliveryDispatcher::setHeldChannels(const QSet<Channel> &channels)
{
    if (m_heldChannels == channels)
        return;
    const bool newlyHeld = !(channels - m_heldChannels).isEmpty();
    m_heldChannels = channels;
    if (newlyHeld)
        m_lastTrial.start(); // the first trial comes one interval after holding starts
    wake();
}

void DeliveryDispatcher::setHeldTrials(bool on)
{
    if (std::exchange(m_heldTrials, on) == on)
        return;
    if (on)
        m_lastTrial.start(); // the first trial one interval from now, as when holding starts
    wake();
}

void DeliveryDispatcher::setRateLimit(int perSecond, const QSet<Channel> &channels)
{
    m_ratePerSecond = qMax(0, perSecond);
    m_pacedChannels = channels.isEmpty() ? kAllChannels : channels;
    m_recentSends.clear();
    wake();
}

void DeliveryDispatcher::stop()
{
    m_running = false;
    m_pollTimer.stop();
}

void DeliveryDispatcher::wake()
{
    if (m_running)
        m_pumpPass.request();
}

qint64 DeliveryDispatcher::backoffMs(int attempt, const DeliveryPolicy &policy, double jitter01)
{
    const double exponential =
            double(policy.backoffInitialMs) * std::pow(2.0, qMax(0, attempt - 1));
    const double capped = qMin(exponential, double(policy.backoffMaxMs));
    return qint64(capped / 2 + (capped / 2) * qBound(0.0, jitter01, 1.0));
}

void DeliveryDispatcher::pump()
{
    // While outcomes cannot be recorded, nothing new goes out. While a claim
    // is on the store thread, its answer pumps again.
    if (m_claiming) {
        m_pumpWanted = true;
        return;
    }
    if (!m_running || m_storeFailing)
        return;
    const QScopedValueRollback pumping(m_pumping, true);
    const int room =
            m_policy.concurrency - m_inFlight - qMax(0, m_unrecorded - m_policy.concurrency);
    if (room <= 0)
        return;
    const QSet<Channel> paced = m_ratePerSecond > 0 ? m_pacedChannels : QSet<Channel>();
    const QSet<Channel> free = kAllChannels - m_heldChannels - paced;
    QList<ClaimRequest> requests;
    QList<ClaimKind> kinds;
    // Channels whose gateway works go at full pace, whatever another one does.
    if (!free.isEmpty()) {
        requests.append({room,
                         free == kAllChannels ? QList<Channel>()
                                              : QList<Channel>(free.cbegin(), free.cend())});
        kinds.append(ClaimKind::Free);
    }
    // A channel back from an outage replays its backlog at the recovery pace.
    const QSet<Channel> pacedNow = paced - m_heldChannels;
    if (!pacedNow.isEmpty()) {
        const qint64 now = m_steady.elapsed();
        while (!m_recentSends.empty() && m_recentSends.front() <= now - 1000)
            m_recentSends.pop_front();
        const int allowed = m_ratePerSecond - int(m_recentSends.size());
        if (allowed > 0) {
            requests.append({allowed, QList<Channel>(pacedNow.cbegin(), pacedNow.cend())});
            kinds.append(ClaimKind::Paced);
        }
    }
    // A held channel: one trial at a time, once per interval.
    if (m_heldTrials && !m_heldChannels.isEmpty() && m_trialsInFlight == 0
        && m_lastTrial.elapsed() >= m_policy.heldTrialIntervalMs) {
        requests.append({1, QList<Channel>(m_heldChannels.cbegin(), m_heldChannels.cend())});
        kinds.append(ClaimKind::Trial);
    }
    if (requests.isEmpty())
        return;
    const QDateTime now = m_outbox->clock()->now();
    if (!m_storeThread) {
        onClaimed(kinds, claimAll(*m_outbox->store(), now, room, requests));
        return;
    }
    m_claiming = true;
    m_storeThread->run([now, room, requests](
                               OutboxStore &store) { return claimAll(store, now, room, requests); },
                       [self = QPointer<DeliveryDispatcher>(this), kinds](const Claimed &claimed) {
                           if (!self)
                               return;
                           self->m_claiming = false;
                           self->onClaimed(kinds, claimed);
                           // More may have fallen due, or been queued, while the claim was away.
                           const bool gotSome =
                                   std::any_of(claimed.cbegin(), claimed.cend(),
                                               [](const auto &some) { return !some.isEmpty(); });
                           if (std::exchange(self->m_pumpWanted, false) || gotSome)
                               self->wake();
                       });
}

DeliveryDispatcher::Claimed DeliveryDispatcher::claimAll(OutboxStore &store, const QDateTime &now,
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

void DeliveryDispatcher::onClaimed(const QList<ClaimKind> &kinds, const Claimed &claimedByKind)
{
    QList<Notification> claimed;
    for (qsizetype i = 0; i < claimedByKind.size(); ++i) {
        const QList<Notification> &some = claimedByKind.at(i);
        if (some.isEmpty())
            continue;
        switch (kinds.at(i)) {
        case ClaimKind::Free: break;
        case ClaimKind::Paced: {
            const qint64 now = m_steady.elapsed();
            for (qsizetype n = 0; n < some.size(); ++n)
                m_recentSends.push_back(now);
            break;
        }
        case ClaimKind::Trial:
            m_lastTrial.start();
            ++m_trialsInFlight;
            m_trials.insert(some.constFirst().id);
            break;
        }
        claimed += some;
    }
    if (claimed.isEmpty())
        return;
    m_outbox->publishClaimed(claimed);
    m_inFlight += int(claimed.size());
    // A message goes out only once its claim (state sending, the attempt
    // counted) is on disk: after a power cut it is then known to have been
    // on its way, as it would be after kill -9.
    // The claim's flush is one that comes soon (the next producer's answer
    // asks for one, or after GroupCommit::kSoonMs), not one of its own: at
    // one request at a time, a flush for each claim made every answer queue
    // behind it. The sends wait for the next pass: the producers' answers
    // made durable by the same flush go out first.
    m_outbox->store()->whenDurableSoon([self = QPointer<DeliveryDispatcher>(this), claimed] {
        if (!self)
            return;
        self->m_durableClaims += claimed;
        self->m_sendPass.request();
    });
}

void DeliveryDispatcher::send(const QList<Notification> &claimed)
{
    for (const Notification &n : claimed) {
        DeliveryGateway *gateway = m_gateways.value(n.channel);
        const QDateTime startedAt = m_outbox->clock()->now();
        if (!gateway) {
            onResult(n, startedAt,
                     {DeliveryResult::Outcome::Permanent,
                      0,
                      QStringLiteral("no gateway is configured for %1").arg(channelName(n.channel)),
                      -1,
                      {}});
            continue;
        }
        QPointer<DeliveryDispatcher> self(this);
        gateway->send(n, m_policy.attemptTimeoutMs,
                      [self, n, startedAt](const DeliveryResult &result) {
                          if (self)
                              self->onResult(n, startedAt, result);
                      });
    }
}

void DeliveryDispatcher::onResult(const Notification &claimed, const QDateTime &startedAt,
                                  const DeliveryResult &result)
{
    const QDateTime now = m_outbox->clock()->now();
    AttemptRecord record;
    record.attempt = {claimed.attempts,     startedAt,         now,
                      result.outcomeName(), result.httpStatus, result.detail};
    switch (result.outcome) {
    case DeliveryResult::Outcome::Delivered:
        record.newState = NotificationState::Delivered;
        record.providerMessageId = result.providerMessageId;
        // WAHA's 201 only means accepted: the message.ack webhook proves it.
        if (claimed.channel == Channel::WhatsApp && m_policy.ackTimeoutMs > 0
            && !result.providerMessageId.isEmpty())
            record.ackDeadline = now.addMSecs(m_policy.ackTimeoutMs);
        break;
    case DeliveryResult::Outcome::Permanent:
        record.newState = NotificationState::Failed;
        record.lastError = result.detail;
        record.permanentFailure = true;
        break;
    case DeliveryResult::Outcome::Retryable:
        record.lastError = result.detail;
        if (claimed.attempts >= claimed.maxAttempts) {
            record.newState = NotificationState::Failed;
        } else {
            qint64 delay = backoffMs(claimed.attempts, m_policy,
                                     QRandomGenerator::global()->generateDouble());
            delay = qMax<qint64>(delay, result.retryAfterMs);
            record.newState = NotificationState::Pending;
            record.nextAttemptAt = now.addMSecs(delay);
        }
        break;
    }
    m_finished.append({claimed, record, result});
    --m_inFlight;
    ++m_unrecorded;
    m_recordPass.request();
    wake(); // its place at the gateway is free
}

void DeliveryDispatcher::recordFinished()
{
    // While the store refuses writes, only the retry timer tries again; while
    // a batch is on the store thread, its answer asks again.
    if (m_recordRetry.isActive() || m_finished.isEmpty() || m_recording)
        return;
    const QList<Finished> finished = std::exchange(m_finished, {});
    QList<std::pair<QString, AttemptRecord>> attempts;
    attempts.reserve(finished.size());
    for (const Finished &f : finished)
        attempts.append({f.claimed.id, f.record});
    const QDateTime now = m_outbox->clock()->now();
    if (!m_storeThread) {
        QString error;
        const QList<std::optional<Notification>> updated =
                m_outbox->store()->completeAttempts(attempts, now, &error);
        onRecorded(finished, updated, error);
        return;
    }
    m_recording = true;
    using Completed = std::pair<QList<std::optional<Notification>>, QString>;
    m_storeThread->run(
            [attempts, now](OutboxStore &store) {
                QString error;
                QList<std::optional<Notification>> updated =
                        store.completeAttempts(attempts, now, &error);
                return Completed{std::move(updated), std::move(error)};
            },
            [self = QPointer<DeliveryDispatcher>(this), finished](const Completed &completed) {
                if (!self)
                    return;
                self->m_recording = false;
                self->onRecorded(finished, completed.first, completed.second);
                if (!self->m_finished.isEmpty())
                    self->m_recordPass.request();
            });
}

void DeliveryDispatcher::onRecorded(const QList<Finished> &finished,
                                    const QList<std::optional<Notification>> &updated,
                                    const QString &error)
{
    QList<std::pair<Notification, AttemptRecord>> attempts;
    attempts.reserve(finished.size());
    for (const Finished &f : finished)
        attempts.append({f.claimed, f.record});
    m_outbox->publishAttempts(attempts, updated, error);
    if (!error.isEmpty()) {
        // Kept, in order, ahead of any that finish meanwhile; they stay
        // counted in flight, so the rows stay "sending" and nothing is lost.
        m_finished = finished + m_finished;
        m_storeFailing = true;
        m_recordRetry.start();
        Q_EMIT storeWrite(false, error);
        return;
    }
    if (std::exchange(m_storeFailing, false)) {
        Q_EMIT storeWrite(true, {});
        if (!m_durableClaims.isEmpty())
            m_sendPass.request();
    }
    m_unrecorded -= int(finished.size());
    for (const Finished &f : finished) {
        if (m_trials.remove(f.claimed.id))
            --m_trialsInFlight;
    }
    for (qsizetype i = 0; i < finished.size(); ++i)
        Q_EMIT attemptFinished(updated.value(i).value_or(finished.at(i).claimed),
                               finished.at(i).result);
    wake();
}

} // namespace Vigia

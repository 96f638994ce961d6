#pragma once

#include "DeliveryGateway.h"
#include "NextPass.h"
#include "OutboxStore.h"
#include "StoreTypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <deque>

namespace Vigia {

class Outbox;
class StoreConnectionThread;

// Up to `limit` due notifications, on `channels` only when not empty: one
// of the claims of a dispatcher's pass (its free channels, the paced ones,
// a held channel's trial).
struct ClaimRequest
{
    int limit = 0;
    QList<Channel> channels;
};

struct DeliveryPolicy
{
    int attemptTimeoutMs = 10000;
    int backoffInitialMs = 2000;
    int backoffMaxMs = 300000;
    int concurrency = 128; // sends in flight: see [delivery] concurrency in vigiad.ini.example
    int connectionsPerGateway = 32; // of those, on the wire to one gateway host at once
    int pollIntervalMs = 250;
    int ackTimeoutMs = 60000; // WhatsApp: delivered only once acked; 0 = trust the 201
    int heldTrialIntervalMs = 15000; // while held, one trial send this often
    int storeRetryMs = 1000; // a failed write of attempt outcomes is tried again this often
};

// Claims due notifications from the outbox, hands each to the gateway of its
// channel, and decides from the answer: delivered, try again later, or failed.
class DeliveryDispatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveryDispatcher)

public:
    DeliveryDispatcher(Outbox *outbox, const DeliveryPolicy &policy, QObject *parent = nullptr);

    void addGateway(DeliveryGateway *gateway);
    // Claims and attempt outcomes written on `thread`'s connection, off this
    // thread; without one (a store with one connection) they are written here.
    // The dispatcher's claims took a quarter of what ingest could have had
    // under load when they ran on the service's thread.
    void setStoreThread(StoreConnectionThread *thread) { m_storeThread = thread; }
    void start();
    void stop();
    // Looks for due work on the next turn of the event loop.
    void wake();
    // Claimed and not finished yet: on their way to the gateway, waiting
    // for its answer, or with their outcome not yet on record.
    int inFlight() const { return m_inFlight + m_unrecorded; }

    // While a gateway is known down, its channel's attempts are held instead
    // of burned; one trial send goes out every heldTrialIntervalMs to notice
    // recovery. Other channels keep their full pace.
    void setHeldChannels(const QSet<Channel> &channels);
    void setHeld(bool held); // every channel, or none
    // Whether held channels get their trial sends (on by default). Off on a
    // PostgreSQL follower: the leader's trials tell every instance when the
    // gateway is back, and one trial per interval is enough for a gateway.
    void setHeldTrials(bool on);
    bool isHeld() const { return !m_heldChannels.isEmpty(); }
    bool isHeld(Channel channel) const { return m_heldChannels.contains(channel); }
    QSet<Channel> heldChannels() const { return m_heldChannels; }
    // Caps new sends per second on `channels` (all when empty; 0 = no cap):
    // recovery replays a backlog without flooding the gateway that just came
    // back, and without slowing the channels that never stopped.
    void setRateLimit(int perSecond, const QSet<Channel> &channels = {});

    // Exponential backoff with "equal jitter": half the delay is fixed, half
    // random, so a burst of failures does not retry in lockstep.
    static qint64 backoffMs(int attempt, const DeliveryPolicy &policy, double jitter01);

Q_SIGNALS:
    void attemptFinished(const Vigia::Notification &notification,
                         const Vigia::DeliveryResult &result);
    // Whether finished attempts could be recorded (error empty) or not. While
    // they cannot, they are kept and written again every storeRetryMs, and
    // nothing new is claimed: an outcome is never dropped, and no message
    // goes out whose outcome could not be kept.
    void storeWrite(bool ok, const QString &error);

private:
    void pump();
    // What one pass asked for, to account for what it got.
    enum class ClaimKind { Free, Paced, Trial };
    // One list per ClaimRequest, in order; together at most `room`.
    using Claimed = QList<QList<Notification>>;
    static Claimed claimAll(OutboxStore &store, const QDateTime &now, int room,
                            const QList<ClaimRequest> &requests);
    void onClaimed(const QList<ClaimKind> &kinds, const Claimed &claimed);
    void send(const QList<Notification> &claimed);
    void onResult(const Notification &claimed, const QDateTime &startedAt,
                  const DeliveryResult &result);
    void recordFinished();

    // An attempt whose answer came back, waiting to be recorded with the
    // others of the same event-loop pass in one transaction.
    struct Finished
    {
        Notification claimed;
        AttemptRecord record;
        DeliveryResult result;
    };
    void onRecorded(const QList<Finished> &finished,
                    const QList<std::optional<Notification>> &updated, const QString &error);

    Outbox *m_outbox;
    DeliveryPolicy m_policy;
    QHash<Channel, DeliveryGateway *> m_gateways;
    QTimer m_pollTimer;
    QElapsedTimer m_lastTrial;
    std::deque<qint64> m_recentSends; // steady-clock ms of sends in the last second
    QElapsedTimer m_steady;
    int m_ratePerSecond = 0;
    QSet<Channel> m_pacedChannels; // what m_ratePerSecond caps
    QSet<Channel> m_heldChannels;
    bool m_heldTrials = true;
    int m_trialsInFlight = 0; // held channels' trial sends
    QSet<QString> m_trials; // their ids
    NextPass m_pumpPass{this, [this] { pump(); }};
    QList<Finished> m_finished; // counted in m_unrecorded
    NextPass m_recordPass{this, [this] { recordFinished(); }};
    QList<Notification> m_durableClaims; // claimed, on disk, sent on the next pass
    // While outcomes cannot be recorded, claims that were already on their
    // way wait here too: nothing new goes out until the store writes again.
    NextPass m_sendPass{this, [this] {
                            if (!m_storeFailing)
                                send(std::exchange(m_durableClaims, {}));
                        }};
    QTimer m_recordRetry; // single shot, armed while the store refuses writes
    bool m_storeFailing = false;
    StoreConnectionThread *m_storeThread = nullptr;
    bool m_claiming = false; // a claim is on the store thread: one at a time
    bool m_pumpWanted = false; // asked for while it was
    bool m_recording = false; // outcomes are on the store thread: one batch at a time
    bool m_running = false;
    bool m_pumping = false;
    // Claimed, not yet answered by the gateway: what [delivery] concurrency
    // bounds. An answered send frees its place at once, while its outcome
    // is still being recorded: the next send does not wait for that write.
    int m_inFlight = 0;
    // Answered, outcome not yet on record. They hold no connection, but more
    // than one window of them (a slow store) stops new claims.
    int m_unrecorded = 0;
};

} // namespace Vigia

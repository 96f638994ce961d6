#pragma once

#include "Clock.h"
#include "CommunicationStatus.h"
#include "DeliveryGateway.h"
#include "HealthProber.h"
#include "Incident.h"
#include "NextPass.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>
#include <optional>

namespace Vigia {

class StoreConnectionThread;
class OutboxStore;

struct StatusPolicy
{
    int failureCount = 3;
    int failureWindowS = 300;
    int heartbeatGraceS = 600;
    int probeFailureThreshold = 2;
    // WAHA's acks count as wired while the last one is at most this old.
    int ackWiredWindowS = 86400;
    // Failing deliveries are "degraded, settling" for this long after the
    // failures began, while retries may still get through; only then
    // incommunicado (and only then does the diagnosis message anyone).
    int settleS = 20;
    // `vigiad --demo`: the status says so, and every console marks it.
    bool demo = false;
};

// Turns the signals vigiad sees — gateway health probes, delivery outcomes,
// bot heartbeats and the diagnosis' incidents — into the bot's status.
class StatusTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusTracker)

public:
    // Once a count took this long here, the next ones run on the count thread
    // (when there is one) and their numbers follow within one count: the
    // loop no longer stops for a large backlog. Below it, counts stay here and
    // immediate, and once the backlog shrank they come back.
    static constexpr int kBackgroundRecountMs = 10;

    StatusTracker(const StatusPolicy &policy, const Clock *clock, OutboxStore *store,
                  QObject *parent = nullptr);

    CommunicationStatus status() const { return m_status; }
    bool healthFailing() const { return m_status.healthcheck.failing; }
    bool deliveriesFailing() const { return m_status.deliveries.failing; }
    int lastProbeLatencyMs() const { return m_lastProbeLatencyMs; }
    // The oldest delivery failure that counts (since the last success, within
    // the window): when a delivery outage began. Invalid when none counts.
    QDateTime failingSince() const;

    // The status saved before a restart (CommunicationStatus::toJson()): it
    // stands, marked restored, until a fresh probe or delivery confirms or
    // replaces it. Call before the first evaluation.
    void restore(const QJsonObject &saved);
    // No health check is configured ([waha] enabled = false): drop whatever
    // restore() brought back for it, so nothing waits for a probe that never
    // comes, and say so in the status (whatsapp_enabled = false).
    void forgetHealthcheck();
    // `storedAt`: when the outbox stored the outcome (now when invalid). A
    // failure counts from then, not from when it reached this tracker: the
    // outage supervisor replays what failed since the first failure that
    // counts (failingSince()), compared with the rows' stored times, and
    // outcomes stored together in one transaction reach it one by one, later.
    void recordDelivery(const DeliveryResult &result, const QDateTime &storedAt = {});
    void recordProbe(const ProbeResult &result);
    void recordHeartbeat();
    // A heartbeat another instance received (PostgreSQL: SharedStatus reads
    // them from the database), at `at`: counts when it is the latest known.
    void recordHeartbeatAt(const QDateTime &at);
    // Whether vigiad could write what a delivery left to record (ok), or why not.
    void recordStoreWrite(bool ok, const QString &error);
    // A message.ack webhook arrived (at: when; invalid: none ever did).
    void recordAck(const QDateTime &at);
    // A WhatsApp message's ack deadline passed while acks were not wired.
    void recordUnconfirmed();
    // Whether a missing ack may be taken as a lost message.
    bool acksWired() const;
    void setOpenIncident(const std::optional<Incident> &incident);
    // The channels an outage holds (the outage supervisor decides).
    void setHeldChannels(const QStringList &channels);
    // Recomputes now; called on every signal and once a second for the
    // transitions that only time causes (heartbeat grace, failure window).
    void evaluate() { evaluate(Recount::Yes); }
    // Coalesces bursts of changes into one evaluation.
    void scheduleEvaluate();
    // Where a large backlog is counted: once a count took backgroundAtMs or
    // more here (see kBackgroundRecountMs). A count reads every row not
    // delivered yet: during an outage with hundreds of thousands waiting it
    // takes hundreds of milliseconds, which this thread (every answer, every
    // live event) cannot give. Without one every count runs on this thread.
    void setCountThread(StoreConnectionThread *countThread,
                        int backgroundAtMs = kBackgroundRecountMs);

Q_SIGNALS:
    void changed(const Vigia::CommunicationStatus &status);
    // The state, a reason or whether a signal fails changed: worth keeping
    // across a restart (not every delivery's timestamp).
    void worthSaving(const Vigia::CommunicationStatus &status);
    // The gateway answered WORKING again after failing.
    void healthRecovered();
    // A delivery succeeded after the delivery signal was failing.
    void deliveriesRecovered();
    // The bot's heartbeat reached this instance (recordHeartbeat()).
    void heartbeatRecorded(const QDateTime &at);

private:
    // What the signals add up to: the state and the rule that decided it.
    struct Verdict
    {
        StatusState state;
        StatusReason code;
        QString reason;
        QJsonObject args;
        double confidence;
    };
    // Whether to count the affected orders again (a store query).
    enum class Recount { No, Yes };
    void evaluate(Recount recount);
    void applyHeartbeat(const QDateTime &at);
    void refreshSignals(CommunicationStatus &next, const QDateTime &now, Recount recount);
    std::optional<Verdict> alarm(const CommunicationStatus &next, const QDateTime &now) const;
    std::optional<Verdict> warning(const CommunicationStatus &next, bool settling) const;
    Verdict quiet(const CommunicationStatus &next) const;
    // A fresh signal arrived: what was restored no longer stands alone.
    void confirmRestored();

    StatusPolicy m_policy;
    const Clock *m_clock;
    OutboxStore *m_store;
    CommunicationStatus m_status;
    std::deque<QDateTime> m_failuresSinceSuccess;
    StatusState m_restoredState = StatusState::Unknown;
    QStringList m_heldChannels;
    QDateTime m_lastHeartbeat;
    QDateTime m_lastAck;
    int m_lastProbeLatencyMs = -1;
    std::optional<Incident> m_incident;
    QTimer m_tick;
    NextPass m_evaluatePass{this, [this] { evaluate(Recount::Yes); }};
    // Recounts (a query over what is not delivered) at most this often under
    // a stream of changes: each one may also be a live status event.
    static constexpr int kMinRecountMs = 250;
    // A recount reads every row not delivered yet: under a backlog of tens of
    // thousands it costs tens of milliseconds of the event loop. It then
    // waits kRecountCostFactor times its own cost (at most kMaxRecountMs), so
    // counting never takes more than about 5 % of the loop, whatever the backlog.
    static constexpr int kRecountCostFactor = 20;
    static constexpr int kMaxRecountMs = 5000;
    int recountIntervalMs() const;
    bool recountTooSoon() const;
    int m_backgroundAtMs = kBackgroundRecountMs;
    bool m_countingInBackground = false;
    bool countsInBackground() const;
    void recountInBackground(bool heldIsAffected);
    QPointer<StoreConnectionThread> m_countThread;
    bool m_countInFlight = false;
    bool m_countAgain = false; // asked for while one was in flight
    std::optional<OutboxCounts> m_countedInBackground; // for the next evaluation
    // The outbox changed (its row events are out) since the last count began.
    bool m_changedSinceCount = false;
    // The counts at hand were taken after such a change: published even when
    // equal to the last ones. A count may include a commit made on another
    // thread whose row event was still on its way; a console that got the
    // count first and the event after counted that row twice. The count
    // after the event settles it: the last status it gets comes after every
    // row event it applied.
    bool m_settleCounts = false;
    qint64 m_lastRecountCostMs = 0;
    QElapsedTimer m_sinceRecount;
    QTimer m_recountLater;
};

} // namespace Vigia

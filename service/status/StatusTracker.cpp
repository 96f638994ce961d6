#include "StatusTracker.h"

#include "OutboxStore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStatus, "vigia.status", QtInfoMsg)

namespace Vigia {

StatusTracker::StatusTracker(const StatusPolicy &policy, const Clock *clock, OutboxStore *store,
                             QObject *parent)
    : QObject(parent), m_policy(policy), m_clock(clock), m_store(store)
{
    m_status.since = clock->now();
    m_status.reason = QStringLiteral("no signal yet");
    m_status.whatsappAcks.windowS = policy.ackWiredWindowS;
    m_status.demo = policy.demo;
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] { evaluate(Recount::Yes); });
    m_tick.start();
    m_recountLater.setSingleShot(true);
    connect(&m_recountLater, &QTimer::timeout, this, [this] { m_evaluatePass.request(); });
}

void StatusTracker::restore(const QJsonObject &saved)
{
    const CommunicationStatus before = CommunicationStatus::fromJson(saved);
    if (before.state == StatusState::Unknown)
        return;
    const QDateTime now = m_clock->now();
    m_status.state = before.state;
    m_status.since = before.since.isValid() ? before.since : now;
    m_status.lastCommunication = before.lastCommunication;
    m_status.healthcheck = before.healthcheck;
    m_status.deliveries = before.deliveries;
    m_status.bot = before.bot;
    if (m_status.bot.known && m_status.bot.lastSuccess.isValid())
        m_lastHeartbeat = m_status.bot.lastSuccess;
    // The failures that made deliveries fail, as far as the window still
    // holds them: they age out as they would have without the restart.
    if (m_status.deliveries.failing && m_status.deliveries.lastFailure.isValid()) {
        for (int i = 0; i < qMin(m_status.deliveries.consecutiveFailures, 10000); ++i)
            m_failuresSinceSuccess.push_back(m_status.deliveries.lastFailure);
    }
    m_status.restored = true;
    m_restoredState = before.state;
    qCInfo(lcStatus).noquote() << QStringLiteral("restored status %1 from %2 (%3); re-checking")
                                          .arg(statusStateName(before.state),
                                               before.since.toString(Qt::ISODate), before.reason);
}

void StatusTracker::forgetHealthcheck()
{
    m_status.healthcheck = SignalDetail();
    m_status.whatsappEnabled = false;
}

void StatusTracker::confirmRestored()
{
    m_status.restored = false;
}

QDateTime StatusTracker::failingSince() const
{
    return m_failuresSinceSuccess.empty() ? QDateTime() : m_failuresSinceSuccess.front();
}

void StatusTracker::recordDelivery(const DeliveryResult &result, const QDateTime &storedAt)
{
    confirmRestored();
    const QDateTime now = m_clock->now();
    const QDateTime failedAt = storedAt.isValid() && storedAt < now ? storedAt : now;
    SignalDetail &d = m_status.deliveries;
    switch (result.outcome) {
    case DeliveryResult::Outcome::Delivered: {
        const bool wasFailing = d.failing;
        d.known = true;
        d.lastSuccess = now;
        m_status.lastCommunication = now;
        // "Successes clear it": failures before a success no longer count.
        m_failuresSinceSuccess.clear();
        if (wasFailing) {
            evaluate();
            Q_EMIT deliveriesRecovered();
            return;
        }
        break;
    }
    case DeliveryResult::Outcome::Retryable:
        // Only failures of the path count; a permanent error belongs to one
        // recipient (a wrong number) and says nothing about the gateway.
        d.known = true;
        d.lastFailure = failedAt;
        d.lastError = result.detail;
        m_failuresSinceSuccess.push_back(failedAt);
        break;
    case DeliveryResult::Outcome::Permanent: break;
    }
    // Every attempt also changes the outbox, whose changed() signal recounts
    // the affected orders once per event-loop pass (scheduleEvaluate); not
    // once per attempt here.
    evaluate(Recount::No);
}

void StatusTracker::recordProbe(const ProbeResult &result)
{
    // An outage restored at start-up whose deliveries were failing: they are
    // held now, so no delivery can clear that signal (a trial send waits a
    // whole interval, and there is none when every notification failed), and
    // the failures kept it "critical" until they aged out of the window,
    // 5 min, even with the gateway WORKING. vigiad did not watch the gateway
    // while it was stopped; WORKING now is the fresh news the restored outage
    // waits for, as a passing probe after a failing health check is. If sends
    // still fail, the replayed backlog's fresh failures raise the alarm again.
    const bool restoredOutageHeld =
            m_status.restored && holdsDeliveries(m_status.state) && m_status.deliveries.failing;
    confirmRestored();
    const QDateTime now = m_clock->now();
    SignalDetail &h = m_status.healthcheck;
    h.known = true;
    if (result.latencyMs >= 0)
        m_lastProbeLatencyMs = result.latencyMs;
    if (result.passed) {
        const bool wasFailing = h.failing;
        // A probe failed and the next one passes, during an outage whose
        // deliveries failed: the gateway went away and came back before the
        // failure threshold was reached. With every notification already
        // failed nothing else can clear that signal (no trial send without a
        // pending notification), so without this the outage stood until its
        // failures aged out of the window. A gateway that never failed a
        // probe (WORKING but not delivering) is not cleared this way.
        const bool blipDuringOutage = h.consecutiveFailures > 0 && holdsDeliveries(m_status.state)
                && m_status.deliveries.failing;
        h.failing = false;
        h.consecutiveFailures = 0;
        h.lastSuccess = now;
        if (wasFailing || restoredOutageHeld || blipDuringOutage) {
            // The gateway is back: the delivery failures of the outage are explained.
            m_failuresSinceSuccess.clear();
            evaluate();
            Q_EMIT healthRecovered();
            return;
        }
    } else {
        ++h.consecutiveFailures;
        h.lastFailure = now;
        h.lastError = result.error;
        h.failing = h.consecutiveFailures >= m_policy.probeFailureThreshold;
    }
    evaluate();
}

void StatusTracker::recordHeartbeat()
{
    applyHeartbeat(m_clock->now());
    Q_EMIT heartbeatRecorded(m_lastHeartbeat);
}

void StatusTracker::recordHeartbeatAt(const QDateTime &at)
{
    if (at.isValid() && (!m_lastHeartbeat.isValid() || at > m_lastHeartbeat))
        applyHeartbeat(at);
}

void StatusTracker::applyHeartbeat(const QDateTime &at)
{
    m_lastHeartbeat = at;
    m_status.bot.known = true;
    m_status.bot.failing = false;
    m_status.bot.consecutiveFailures = 0;
    m_status.bot.lastSuccess = m_lastHeartbeat;
    evaluate();
}

void StatusTracker::recordStoreWrite(bool ok, const QString &error)
{
    SignalDetail &s = m_status.store;
    const QDateTime now = m_clock->now();
    const bool wasFailing = s.failing;
    s.known = true;
    if (ok) {
        if (!wasFailing)
            return; // the common case, thousands a second: nothing changes
        s.failing = false;
        s.consecutiveFailures = 0;
        s.lastSuccess = now;
    } else {
        s.failing = true;
        ++s.consecutiveFailures;
        s.lastFailure = now;
        s.lastError = error;
    }
    if (wasFailing != s.failing || !ok)
        evaluate(Recount::No);
}

void StatusTracker::recordAck(const QDateTime &at)
{
    if (at.isValid() && (!m_lastAck.isValid() || at > m_lastAck))
        m_lastAck = at;
    evaluate();
}

void StatusTracker::recordUnconfirmed()
{
    ++m_status.whatsappAcks.unconfirmed;
    evaluate();
}

bool StatusTracker::acksWired() const
{
    return m_lastAck.isValid() && m_lastAck.secsTo(m_clock->now()) <= m_policy.ackWiredWindowS;
}

void StatusTracker::setOpenIncident(const std::optional<Incident> &incident)
{
    m_incident = incident;
    evaluate();
}

void StatusTracker::setHeldChannels(const QStringList &channels)
{
    if (m_heldChannels == channels)
        return;
    m_heldChannels = channels;
    evaluate(Recount::No);
}

void StatusTracker::refreshSignals(CommunicationStatus &next, const QDateTime &now, Recount recount)
{
    const QDateTime windowStart = now.addSecs(-m_policy.failureWindowS);
    while (!m_failuresSinceSuccess.empty() && m_failuresSinceSuccess.front() < windowStart)
        m_failuresSinceSuccess.pop_front();
    next.whatsappAcks.wired = acksWired();
    next.whatsappAcks.lastAck = m_lastAck;
    next.whatsappAcks.windowS = m_policy.ackWiredWindowS;
    if (recount == Recount::Yes && recountTooSoon()) {
        recount = Recount::No; // the counts stand until the next recount is due
        if (!m_recountLater.isActive())
            m_recountLater.start(
                    int(qMax<qint64>(0, recountIntervalMs() - m_sinceRecount.elapsed())));
    }
    if (recount == Recount::Yes)
        m_sinceRecount.start();
    if (recount == Recount::Yes && m_store) {
        // What waits during an outage is held by it, so it counts as affected.
        m_countingInBackground = countsInBackground();
        if (m_countingInBackground) {
            recountInBackground(holdsDeliveries(m_status.state));
        } else {
            m_settleCounts = std::exchange(m_changedSinceCount, false) || m_settleCounts;
            next.counts = m_store->outboxCounts(holdsDeliveries(m_status.state));
            next.counts.held = holdsDeliveries(m_status.state);
            m_lastRecountCostMs = m_sinceRecount.elapsed();
        }
    }
    if (m_countedInBackground)
        next.counts = *std::exchange(m_countedInBackground, std::nullopt);
    const int failures = int(m_failuresSinceSuccess.size());
    next.deliveries.consecutiveFailures = failures;
    next.deliveries.failing = failures >= m_policy.failureCount;
    if (m_lastHeartbeat.isValid()) {
        const bool silent = m_lastHeartbeat.secsTo(now) > m_policy.heartbeatGraceS;
        if (silent && !next.bot.failing) {
            next.bot.lastFailure = now;
            next.bot.lastError =
                    QStringLiteral("no heartbeat for more than %1 s").arg(m_policy.heartbeatGraceS);
        }
        next.bot.failing = silent;
    }
}

// The alarms, worst first; nullopt when no signal is failing.
std::optional<StatusTracker::Verdict> StatusTracker::alarm(const CommunicationStatus &next,
                                                           const QDateTime &now) const
{
    const bool health = next.healthcheck.failing;
    const bool deliveries = next.deliveries.failing;
    const int failures = next.deliveries.consecutiveFailures;
    if (health && deliveries) {
        return Verdict{StatusState::Critical,
                       StatusReason::HealthAndDeliveriesFailing,
                       QStringLiteral("the gateway fails its health check (%1) and deliveries "
                                      "fail (%2)")
                               .arg(next.healthcheck.lastError, next.deliveries.lastError),
                       {},
                       0.95};
    }
    // The diagnosis reached nobody: critical while the path still fails (or
    // is not re-checked since a restart), never beside signals that all pass.
    if (m_incident && m_incident->kind == Incident::Kind::TotalCommunicationLoss
        && (health || deliveries || next.restored)) {
        return Verdict{StatusState::Critical,
                       StatusReason::NobodyReached,
                       QStringLiteral("deliveries fail and the diagnosis reached neither the "
                                      "customer nor the admin"),
                       {},
                       0.9};
    }
    if (deliveries && m_incident && m_incident->kind == Incident::Kind::WebhookOnly) {
        const QString reached = Incident::reachedName(m_incident->reached);
        return Verdict{StatusState::Degraded,
                       StatusReason::WebhookOnly,
                       QStringLiteral("deliveries fail (%1) but the gateway still reaches the %2")
                               .arg(next.deliveries.lastError, reached),
                       {{QStringLiteral("reached"), reached}},
                       0.8};
    }
    // A burst of failures is an outage only once retries have had the settle
    // time to get through; until then it is a warning (degraded).
    const QDateTime streakStart =
            m_failuresSinceSuccess.empty() ? now : m_failuresSinceSuccess.front();
    const bool settling =
            deliveries && m_policy.settleS > 0 && streakStart.secsTo(now) < m_policy.settleS;
    if (deliveries && !settling) {
        return Verdict{StatusState::Incommunicado,
                       StatusReason::DeliveryFailures,
                       QStringLiteral("%1 failed delivery attempts in the last %2 min: %3")
                               .arg(failures)
                               .arg(m_policy.failureWindowS / 60)
                               .arg(next.deliveries.lastError),
                       {{QStringLiteral("failures"), failures},
                        {QStringLiteral("window_min"), m_policy.failureWindowS / 60}},
                       qMin(0.95, 0.7 + 0.05 * (failures - m_policy.failureCount))};
    }
    if (next.bot.known && next.bot.failing) {
        const int minutes = int(m_lastHeartbeat.secsTo(now) / 60);
        return Verdict{StatusState::Offline,
                       StatusReason::BotSilent,
                       QStringLiteral("no heartbeat from the bot for %1 min").arg(minutes),
                       {{QStringLiteral("minutes"), minutes}},
                       0.9};
    }
    return warning(next, settling);
}

// The degraded states that page nobody: the store, a settling burst, the
// health check alone.
std::optional<StatusTracker::Verdict> StatusTracker::warning(const CommunicationStatus &next,
                                                             bool settling) const
{
    const int failures = next.deliveries.consecutiveFailures;
    if (next.store.failing) {
        return Verdict{StatusState::Degraded,
                       StatusReason::StoreWritesFailing,
                       QStringLiteral("vigiad cannot write its store (%1); deliveries wait until "
                                      "it can")
                               .arg(next.store.lastError),
                       {},
                       0.9};
    }
    if (settling) {
        return Verdict{StatusState::Degraded,
                       StatusReason::DeliveriesSettling,
                       QStringLiteral("%1 delivery attempts failed (%2); retries may still get "
                                      "through, an outage only if none does within %3 s")
                               .arg(failures)
                               .arg(next.deliveries.lastError)
                               .arg(m_policy.settleS),
                       {{QStringLiteral("failures"), failures},
                        {QStringLiteral("settle_s"), m_policy.settleS}},
                       0.6};
    }
    if (next.healthcheck.failing) {
        return Verdict{StatusState::Degraded,
                       StatusReason::HealthFailing,
                       QStringLiteral("the gateway fails its health check (%1); deliveries still "
                                      "work or none was tried")
                               .arg(next.healthcheck.lastError),
                       {},
                       0.6};
    }
    return std::nullopt;
}

// No alarm: online when something succeeded, with a reason that never
// claims more than the signals show.
StatusTracker::Verdict StatusTracker::quiet(const CommunicationStatus &next) const
{
    if (!next.deliveries.lastSuccess.isValid() && !next.healthcheck.lastSuccess.isValid())
        return {StatusState::Unknown,
                StatusReason::NoSignal,
                QStringLiteral("no signal yet"),
                {},
                0.0};
    const bool healthOk =
            next.healthcheck.lastSuccess.isValid() && next.healthcheck.consecutiveFailures == 0;
    const bool deliveriesOk =
            next.deliveries.lastSuccess.isValid() && next.deliveries.consecutiveFailures == 0;
    if (next.healthcheck.consecutiveFailures > 0) {
        // Below the threshold: not an alarm yet, but never claim WORKING.
        return {StatusState::Online,
                StatusReason::HealthFailedOnce,
                QStringLiteral("the last health check failed (%1); one more failure raises the "
                               "alarm")
                        .arg(next.healthcheck.lastError),
                {},
                0.5};
    }
    if (next.counts.failed > 0) {
        // The path works, but not every message got through: say so, never
        // "deliveries succeed" beside failures an operator must handle.
        const int failed = next.counts.failed;
        const int forRecipient = next.counts.failedForRecipient;
        return {StatusState::Online,
                StatusReason::RecipientFailures,
                failed == forRecipient
                        ? QStringLiteral("the gateway works; %1 notifications failed for their "
                                         "recipients")
                                  .arg(failed)
                        : QStringLiteral("the gateway works; %1 notifications failed (%2 of them "
                                         "for their recipients)")
                                  .arg(failed)
                                  .arg(forRecipient),
                {{QStringLiteral("failed"), failed},
                 {QStringLiteral("for_recipient"), forRecipient}},
                0.8};
    }
    if (healthOk && deliveriesOk)
        return {StatusState::Online,
                StatusReason::AllOk,
                QStringLiteral("the gateway is WORKING and deliveries succeed"),
                {},
                0.95};
    if (healthOk && next.deliveries.known)
        return {StatusState::Online,
                StatusReason::HealthOkRecentFailure,
                QStringLiteral("the gateway is WORKING; a recent delivery failed"),
                {},
                0.7};
    if (healthOk)
        return {StatusState::Online,
                StatusReason::HealthOkNoDelivery,
                QStringLiteral("the gateway is WORKING; no delivery tried yet"),
                {},
                0.7};
    return {StatusState::Online,
            StatusReason::DeliveriesOk,
            QStringLiteral("deliveries succeed"),
            {},
            0.7};
}

void StatusTracker::evaluate(Recount recount)
{
    const QDateTime now = m_clock->now();
    CommunicationStatus next = m_status;
    refreshSignals(next, now, recount);
    Verdict verdict = alarm(next, now).value_or(quiet(next));
    if (holdsDeliveries(verdict.state) != next.counts.held) {
        // Into or out of an outage: what waits is (no longer) held by it.
        // Counted again for the new state, so the numbers never lag the banner
        // (by one background count at most, under a large backlog).
        if (m_store && countsInBackground())
            recountInBackground(holdsDeliveries(verdict.state));
        else if (m_store)
            next.counts = m_store->outboxCounts(holdsDeliveries(verdict.state));
        next.counts.held = holdsDeliveries(verdict.state);
    }
    if (next.restored) {
        // Nothing fresh yet since the restart: what was known stands, said as such.
        verdict.args =
                QJsonObject{{QStringLiteral("previous_state"), statusStateName(m_restoredState)},
                            {QStringLiteral("rule"), statusReasonName(verdict.code)}};
        verdict.reason =
                QStringLiteral("as before the restart (%1); re-checking now").arg(verdict.reason);
        verdict.code = StatusReason::RestoredRechecking;
    }

    next.counts.heldChannels = next.counts.held ? m_heldChannels : QStringList();
    const bool stateChanged = verdict.state != m_status.state;
    next.state = verdict.state;
    next.reason = verdict.reason;
    next.reasonCode = verdict.code;
    next.reasonArgs = verdict.args;
    next.confidence = verdict.confidence;
    if (stateChanged)
        next.since = now;
    const auto signalChanged = [](const SignalDetail &a, const SignalDetail &b) {
        return a.failing != b.failing || a.known != b.known
                || a.consecutiveFailures != b.consecutiveFailures || a.lastSuccess != b.lastSuccess
                || a.lastFailure != b.lastFailure;
    };
    const bool visibleChange = std::exchange(m_settleCounts, false) || stateChanged
            || next.reason != m_status.reason || next.counts != m_status.counts
            || next.restored != m_status.restored || signalChanged(next.bot, m_status.bot)
            || signalChanged(next.deliveries, m_status.deliveries)
            || signalChanged(next.healthcheck, m_status.healthcheck)
            || next.whatsappAcks != m_status.whatsappAcks;
    const auto failingChanged = [](const SignalDetail &a, const SignalDetail &b) {
        return a.failing != b.failing || a.known != b.known;
    };
    const bool worthKeeping = stateChanged || next.reasonCode != m_status.reasonCode
            || next.restored != m_status.restored
            || failingChanged(next.healthcheck, m_status.healthcheck)
            || failingChanged(next.deliveries, m_status.deliveries)
            || failingChanged(next.bot, m_status.bot)
            // An instance that joins during an outage holds what it reads here.
            || next.counts.heldChannels != m_status.counts.heldChannels;
    m_status = next;
    if (worthKeeping)
        Q_EMIT worthSaving(m_status);
    if (stateChanged)
        qCInfo(lcStatus).noquote()
                << QStringLiteral("status %1: %2").arg(statusStateName(next.state), next.reason);
    if (visibleChange)
        Q_EMIT changed(m_status);
}

} // namespace Vigia

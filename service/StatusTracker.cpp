#include "StatusTracker.h"

#include "Store.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStatus, "vigia.status")

namespace Vigia {

StatusTracker::StatusTracker(const StatusPolicy &policy, const Clock *clock, Store *store,
                             QObject *parent)
    : QObject(parent)
    , m_policy(policy)
    , m_clock(clock)
    , m_store(store)
{
    m_status.since = clock->now();
    m_status.reason = QStringLiteral("no signal yet");
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &StatusTracker::evaluate);
    m_tick.start();
}

void StatusTracker::recordDelivery(const DeliveryResult &result)
{
    const QDateTime now = m_clock->now();
    SignalDetail &d = m_status.deliveries;
    switch (result.outcome) {
    case DeliveryResult::Outcome::Delivered:
        d.known = true;
        d.failing = false;
        d.consecutiveFailures = 0;
        d.lastSuccess = now;
        m_status.lastCommunication = now;
        break;
    case DeliveryResult::Outcome::Retryable:
        // Only failures of the path count; a permanent error belongs to one
        // recipient (a wrong number) and says nothing about the gateway.
        d.known = true;
        d.failing = true;
        ++d.consecutiveFailures;
        d.lastFailure = now;
        d.lastError = result.detail;
        m_recentFailures.push_back(now);
        break;
    case DeliveryResult::Outcome::Permanent:
        break;
    }
    evaluate();
}

void StatusTracker::recordHeartbeat()
{
    m_lastHeartbeat = m_clock->now();
    m_status.bot.known = true;
    m_status.bot.failing = false;
    m_status.bot.lastSuccess = m_lastHeartbeat;
    evaluate();
}

void StatusTracker::scheduleEvaluate()
{
    if (m_evaluateQueued)
        return;
    m_evaluateQueued = true;
    QMetaObject::invokeMethod(this, [this] {
        m_evaluateQueued = false;
        evaluate();
    }, Qt::QueuedConnection);
}

void StatusTracker::evaluate()
{
    const QDateTime now = m_clock->now();
    const QDateTime windowStart = now.addSecs(-m_policy.failureWindowS);
    while (!m_recentFailures.empty() && m_recentFailures.front() < windowStart)
        m_recentFailures.pop_front();

    CommunicationStatus next = m_status;
    next.affectedOrders = m_store ? m_store->affectedOrders() : 0;
    if (m_lastHeartbeat.isValid()) {
        const bool silent = m_lastHeartbeat.secsTo(now) > m_policy.heartbeatGraceS;
        if (silent && !next.bot.failing)
            next.bot.lastFailure = now;
        next.bot.failing = silent;
    }

    const int failures = int(m_recentFailures.size());
    StatusState state = StatusState::Unknown;
    QString reason;
    double confidence = 0.0;
    if (next.bot.known && next.bot.failing) {
        state = StatusState::Offline;
        reason = QStringLiteral("no heartbeat from the bot for %1 min").arg(m_lastHeartbeat.secsTo(now) / 60);
        confidence = 0.9;
    } else if (failures >= m_policy.failureCount) {
        state = StatusState::Incommunicado;
        reason = QStringLiteral("%1 failed delivery attempts in the last %2 min: %3")
                     .arg(failures)
                     .arg(m_policy.failureWindowS / 60)
                     .arg(next.deliveries.lastError);
        confidence = qMin(1.0, 0.7 + 0.1 * (failures - m_policy.failureCount));
    } else if (next.deliveries.failing) {
        state = StatusState::Degraded;
        reason = QStringLiteral("last delivery failed: %1").arg(next.deliveries.lastError);
        confidence = 0.6;
    } else if (next.deliveries.known) {
        state = StatusState::Online;
        reason = QStringLiteral("deliveries succeed");
        confidence = 0.8;
    } else {
        reason = QStringLiteral("no delivery attempted yet");
    }

    const bool stateChanged = state != m_status.state;
    next.state = state;
    next.reason = reason;
    next.confidence = confidence;
    if (stateChanged)
        next.since = now;
    const bool visibleChange = stateChanged || reason != m_status.reason
        || next.affectedOrders != m_status.affectedOrders || next.bot.failing != m_status.bot.failing
        || next.deliveries.consecutiveFailures != m_status.deliveries.consecutiveFailures
        || next.deliveries.lastSuccess != m_status.deliveries.lastSuccess
        || next.bot.lastSuccess != m_status.bot.lastSuccess;
    m_status = next;
    if (stateChanged)
        qCInfo(lcStatus).noquote() << QStringLiteral("status %1: %2").arg(statusStateName(state), reason);
    if (visibleChange)
        Q_EMIT changed(m_status);
}

} // namespace Vigia

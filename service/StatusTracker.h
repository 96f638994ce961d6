#pragma once

#include "Clock.h"
#include "CommunicationStatus.h"
#include "DeliveryGateway.h"

#include <QObject>
#include <QTimer>

#include <deque>

namespace Vigia {

class Store;

struct StatusPolicy
{
    int failureCount = 3;
    int failureWindowS = 300;
    int heartbeatGraceS = 600;
};

// Turns the signals vigiad sees (delivery outcomes, bot heartbeats) into the
// bot's communication status.
class StatusTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusTracker)

public:
    StatusTracker(const StatusPolicy &policy, const Clock *clock, Store *store,
                  QObject *parent = nullptr);

    CommunicationStatus status() const { return m_status; }
    void recordDelivery(const DeliveryResult &result);
    void recordHeartbeat();
    // Recomputes now; called on every signal and once a second for the
    // transitions that only time causes (heartbeat grace, failure window).
    void evaluate();
    // Coalesces bursts of changes into one evaluation.
    void scheduleEvaluate();

Q_SIGNALS:
    void changed(const Vigia::CommunicationStatus &status);

private:
    StatusPolicy m_policy;
    const Clock *m_clock;
    Store *m_store;
    CommunicationStatus m_status;
    std::deque<QDateTime> m_recentFailures;
    QDateTime m_lastHeartbeat;
    QTimer m_tick;
    bool m_evaluateQueued = false;
};

} // namespace Vigia

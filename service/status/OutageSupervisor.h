#pragma once

#include "CommunicationStatus.h"
#include "DeliveryGateway.h"
#include "Incident.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <optional>

namespace Vigia {

class DeliveryDispatcher;
class IncidentStore;
class LiveJournal;
class Outbox;
class StatusTracker;

struct OutagePolicy
{
    QString adminContact; // WhatsApp number the diagnosis and summaries go to
    int diagnosisTimeoutMs = 5000;
    int recoveryRatePerSecond = 5; // replay pace once communication returns
    // Each diagnosis message gets one more try after this long: one lost
    // message on a flaky path must not be read as "nobody can be reached".
    int diagnosisRetryMs = 2000;
};

// Acts on the status: diagnoses a failure (customer, then admin), records the
// incident, holds deliveries while the gateway is known down, and when it
// comes back replays the backlog at a gentle pace and tells the admin.
// Also sweeps WhatsApp messages whose ack never came.
class OutageSupervisor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutageSupervisor)

public:
    OutageSupervisor(Outbox *outbox, IncidentStore *incidents, StatusTracker *status,
                     DeliveryDispatcher *dispatcher, LiveJournal *journal,
                     const OutagePolicy &policy, QObject *parent = nullptr);

    void addGateway(DeliveryGateway *gateway);
    void start();
    // An attempt another instance made, once this one has started (on
    // PostgreSQL: the leader hears every instance's sends). Its own come
    // from its dispatcher.
    void hearForeignAttempt(const Notification &notification, const DeliveryResult &result);
    std::optional<Incident> openIncident() const { return m_incident; }
    bool isRecovering() const { return m_recovering; }

Q_SIGNALS:
    void incidentChanged(const Vigia::Incident &incident);
    void recoverySummarySent(int sent, qint64 outageSeconds);

private:
    void onAttemptFinished(const Notification &notification, const DeliveryResult &result);
    void onStatusChanged(const CommunicationStatus &status);
    void diagnose(const Notification &trigger);
    void finishDiagnosis(const Notification &trigger, Incident::Reached reached);
    void saveIncident();
    void startRecovery(const QString &why, int alreadySent = 0);
    void finishRecoveryIfDone();
    void sweepAcks();
    void sendQuick(Channel channel, const QString &recipient, const QString &text,
                   const std::function<void(bool)> &done);
    // sendQuick, and once more after diagnosisRetryMs when it fails.
    void sendQuickTwice(Channel channel, const QString &recipient, const QString &text,
                        const std::function<void(bool)> &done);

    Outbox *m_outbox;
    IncidentStore *m_incidents;
    StatusTracker *m_status;
    DeliveryDispatcher *m_dispatcher;
    LiveJournal *m_journal;
    OutagePolicy m_policy;
    QHash<Channel, DeliveryGateway *> m_gateways;
    std::optional<Incident> m_incident;
    std::optional<Notification> m_lastFailure; // the notification behind the latest path failure
    // Channels whose latest attempt failed on the path (no success since):
    // an outage holds these, not the channels that still work.
    QSet<Channel> m_failingChannels;
    QSet<Channel> channelsToHold(const CommunicationStatus &status) const;
    QDateTime outageBegan() const;
    bool m_started = false;
    bool m_diagnosing = false;
    StatusState m_lastState = StatusState::Unknown;
    QDateTime m_outageStart;
    bool m_recovering = false;
    QSet<QString> m_recoveryPending;
    int m_recoverySent = 0;
    QDateTime m_recoveryOutageStart;
    QDateTime m_recoveryRestoredAt;
    QTimer m_ackSweep;
};

} // namespace Vigia

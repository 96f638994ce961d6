#include "OutageSupervisor.h"

#include "DeliveryDispatcher.h"
#include "IncidentStore.h"
#include "LiveJournal.h"
#include "Outbox.h"
#include "OutboxStore.h"
#include "Phone.h"
#include "StatusTracker.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QUuid>

Q_LOGGING_CATEGORY(lcOutage, "vigia.outage", QtInfoMsg)

namespace Vigia {

OutageSupervisor::OutageSupervisor(Outbox *outbox, IncidentStore *incidents, StatusTracker *status,
                                   DeliveryDispatcher *dispatcher, LiveJournal *journal,
                                   const OutagePolicy &policy, QObject *parent)
    : QObject(parent),
      m_outbox(outbox),
      m_incidents(incidents),
      m_status(status),
      m_dispatcher(dispatcher),
      m_journal(journal),
      m_policy(policy)
{
    m_ackSweep.setInterval(1000);
    connect(&m_ackSweep, &QTimer::timeout, this, &OutageSupervisor::sweepAcks);
}

void OutageSupervisor::addGateway(DeliveryGateway *gateway)
{
    m_gateways.insert(gateway->channel(), gateway);
}

void OutageSupervisor::start()
{
    m_started = true;
    m_incident = m_incidents->openIncident();
    if (m_incident)
        m_outageStart = m_incident->startedAt;
    connect(m_dispatcher, &DeliveryDispatcher::attemptFinished, this,
            &OutageSupervisor::onAttemptFinished);
    connect(m_status, &StatusTracker::changed, this, &OutageSupervisor::onStatusChanged);
    // An open incident keeps the status down by itself, so its end must come
    // from the signals: the gateway answers WORKING again, or a send succeeds.
    connect(m_status, &StatusTracker::healthRecovered, this, [this] {
        if (m_incident && !m_recovering)
            startRecovery(QStringLiteral("the gateway reports WORKING again"));
    });
    connect(m_status, &StatusTracker::deliveriesRecovered, this, [this] {
        if (m_incident && !m_recovering)
            startRecovery(QStringLiteral("deliveries succeed again"),
                          1); // that success was one of them
    });
    m_status->setOpenIncident(m_incident);
    // The status may be restored from before a restart (an outage still on):
    // act on it now, not at its next change.
    onStatusChanged(m_status->status());
    m_ackSweep.start();
}

void OutageSupervisor::hearForeignAttempt(const Notification &notification,
                                          const DeliveryResult &result)
{
    if (m_started)
        onAttemptFinished(notification, result);
}

void OutageSupervisor::onAttemptFinished(const Notification &n, const DeliveryResult &result)
{
    if (result.outcome == DeliveryResult::Outcome::Retryable) {
        m_lastFailure = n;
        m_failingChannels.insert(n.channel);
    } else if (result.outcome == DeliveryResult::Outcome::Delivered) {
        m_failingChannels.remove(n.channel);
    }

    if (m_recovering && m_recoveryPending.contains(n.id)
        && (n.state == NotificationState::Delivered || n.state == NotificationState::Resolved
            || n.state == NotificationState::Failed)) {
        m_recoveryPending.remove(n.id);
        if (n.state != NotificationState::Failed)
            ++m_recoverySent;
        finishRecoveryIfDone();
    }

    // A notification that used up its attempts on path failures is affected
    // by the outage: attach it to the open incident, or find out what is going on.
    if (n.state == NotificationState::Failed
        && result.outcome == DeliveryResult::Outcome::Retryable) {
        if (m_incident) {
            if (!m_incident->notificationIds.contains(n.id)) {
                m_incident->notificationIds << n.id;
                saveIncident();
            }
        } else if (!m_diagnosing) {
            diagnose(n);
        }
    }
}

void OutageSupervisor::onStatusChanged(const CommunicationStatus &status)
{
    const StatusState previous = m_lastState;
    m_lastState = status.state;
    const bool hold = holdsDeliveries(status.state);
    const QSet<Channel> held = hold ? channelsToHold(status) : QSet<Channel>();
    if (m_dispatcher->heldChannels() != held) {
        QStringList names;
        for (Channel channel : held)
            names << channelName(channel);
        names.sort();
        qCInfo(lcOutage).noquote()
                << (held.isEmpty()
                            ? QStringLiteral("deliveries resume")
                            : QStringLiteral("holding deliveries on %1: the gateway is known "
                                             "down; other channels keep their pace")
                                      .arg(names.join(QStringLiteral(", "))));
        m_dispatcher->setHeldChannels(held);
        m_status->setHeldChannels(names);
    }
    if ((hold || m_incident) && !m_outageStart.isValid())
        m_outageStart = outageBegan();
    if (hold && !holdsDeliveries(previous) && !m_incident && !m_diagnosing && m_lastFailure)
        diagnose(*m_lastFailure);
    if (status.state == StatusState::Online && m_outageStart.isValid() && !m_recovering)
        startRecovery(QStringLiteral("communication restored"));
}

QSet<Channel> OutageSupervisor::channelsToHold(const CommunicationStatus &status) const
{
    QSet<Channel> held = m_failingChannels;
    // The health check probes WAHA: when it fails, WhatsApp is down.
    if (status.healthcheck.failing)
        held.insert(Channel::WhatsApp);
    // Not known which (a status restored after a restart): hold them all,
    // until a trial or a probe says more.
    if (held.isEmpty())
        held = {Channel::WhatsApp, Channel::Discord, Channel::Telegram};
    return held;
}

// The outage began with the first delivery failure that counts, not when it
// was recognised (settle_s later, or once a notification used up its
// attempts): the recovery replays what failed on the path since then
// (outageFailuresSince), and with the default backoff (14 s for 4 attempts)
// and settle time (20 s) the orders of a short outage have failed before
// the state turns incommunicado. Starting later left them failed for good.
QDateTime OutageSupervisor::outageBegan() const
{
    const QDateTime now = m_outbox->clock()->now();
    const QDateTime failing = m_status->failingSince();
    return failing.isValid() && failing < now ? failing : now;
}

void OutageSupervisor::sendQuick(Channel channel, const QString &recipient, const QString &text,
                                 const std::function<void(bool)> &done)
{
    DeliveryGateway *gateway = m_gateways.value(channel);
    if (!gateway || recipient.isEmpty()) {
        done(false);
        return;
    }
    Notification probe;
    probe.id = QStringLiteral("diagnosis");
    probe.channel = channel;
    probe.recipient = recipient;
    probe.text = text;
    gateway->send(probe, m_policy.diagnosisTimeoutMs, [done](const DeliveryResult &r) {
        done(r.outcome == DeliveryResult::Outcome::Delivered);
    });
}

void OutageSupervisor::sendQuickTwice(Channel channel, const QString &recipient,
                                      const QString &text, const std::function<void(bool)> &done)
{
    if (!m_gateways.value(channel) || recipient.isEmpty()) {
        done(false); // nothing to try, now or later
        return;
    }
    QPointer<OutageSupervisor> self(this);
    sendQuick(channel, recipient, text, [=](bool reached) {
        if (!self)
            return;
        if (reached || self->m_policy.diagnosisRetryMs <= 0) {
            done(reached);
            return;
        }
        QTimer::singleShot(self->m_policy.diagnosisRetryMs, self, [=] {
            if (self)
                self->sendQuick(channel, recipient, text, done);
        });
    });
}

void OutageSupervisor::diagnose(const Notification &trigger)
{
    m_diagnosing = true;
    qCInfo(lcOutage).noquote()
            << QStringLiteral("diagnosing after notification %1 failed: trying the customer")
                       .arg(trigger.id);
    const QString customerText = QStringLiteral("Hola%1, estamos verificando que nuestros mensajes "
                                                "te lleguen. No necesitas responder.")
                                         .arg(trigger.customerName.isEmpty()
                                                      ? QString()
                                                      : QStringLiteral(" ") + trigger.customerName);
    QPointer<OutageSupervisor> self(this);
    sendQuickTwice(
            trigger.channel, trigger.recipient, customerText,
            [self, trigger](bool customerReached) {
                if (!self)
                    return;
                if (customerReached) {
                    self->finishDiagnosis(trigger, Incident::Reached::Customer);
                    return;
                }
                qCInfo(lcOutage) << "customer not reached: trying the admin contact";
                const QString adminText =
                        QStringLiteral("Vigía: no se pudo entregar %1%2 a %3: %4. Si lee esto, la "
                                       "vía al administrador funciona.")
                                .arg(trigger.type,
                                     trigger.orderId.isEmpty()
                                             ? QString()
                                             : QStringLiteral(" (pedido %1)").arg(trigger.orderId),
                                     trigger.channel == Channel::WhatsApp
                                             ? Phone::masked(trigger.recipient)
                                             : channelName(trigger.channel),
                                     trigger.lastError);
                self->sendQuickTwice(Channel::WhatsApp, self->m_policy.adminContact, adminText,
                                     [self, trigger](bool adminReached) {
                                         if (self)
                                             self->finishDiagnosis(
                                                     trigger,
                                                     adminReached ? Incident::Reached::Admin
                                                                  : Incident::Reached::None);
                                     });
            });
}

void OutageSupervisor::finishDiagnosis(const Notification &trigger, Incident::Reached reached)
{
    m_diagnosing = false;
    Incident incident;
    incident.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    incident.kind = reached == Incident::Reached::None ? Incident::Kind::TotalCommunicationLoss
                                                       : Incident::Kind::WebhookOnly;
    incident.reached = reached;
    incident.startedAt = m_outageStart.isValid() ? m_outageStart : outageBegan();
    const auto current = m_outbox->store()->notification(trigger.id, false);
    if (current && current->state == NotificationState::Failed)
        incident.notificationIds << trigger.id;
    if (m_lastState == StatusState::Online) {
        // Communication came back while the diagnosis ran: keep the record, closed.
        incident.endedAt = m_outbox->clock()->now();
        incident.resolution = QStringLiteral("recovered during diagnosis");
        m_incidents->saveIncident(incident);
        if (m_journal)
            m_journal->publish(LiveEventType::Incident, incident.toJson());
        return;
    }
    m_incident = incident;
    if (!m_outageStart.isValid())
        m_outageStart = incident.startedAt;
    qCWarning(lcOutage).noquote() << QStringLiteral("incident %1: %2, reached %3")
                                             .arg(incident.id, Incident::kindName(incident.kind),
                                                  Incident::reachedName(reached));
    saveIncident();
    m_status->setOpenIncident(m_incident);
}

void OutageSupervisor::saveIncident()
{
    if (!m_incident)
        return;
    m_incidents->saveIncident(*m_incident);
    if (m_journal)
        m_journal->publish(LiveEventType::Incident, m_incident->toJson());
    Q_EMIT incidentChanged(*m_incident);
}

void OutageSupervisor::startRecovery(const QString &why, int alreadySent)
{
    m_recovering = true;
    const QDateTime now = m_outbox->clock()->now();
    QStringList replay;
    if (m_incident) {
        m_incident->endedAt = now;
        m_incident->resolution = why;
        replay = m_incident->notificationIds;
        saveIncident();
        m_incident.reset();
    }
    m_recoveryOutageStart = m_outageStart;
    m_recoveryRestoredAt = now;
    m_outageStart = {};
    // Only the channels the outage held replay at the recovery pace.
    const QSet<Channel> wereHeld = m_dispatcher->heldChannels();
    m_dispatcher->setHeldChannels({});
    m_status->setHeldChannels({});
    m_dispatcher->setRateLimit(m_policy.recoveryRatePerSecond, wereHeld);

    const QStringList sinceOutage = m_outbox->store()->outageFailuresSince(m_recoveryOutageStart);
    for (const QString &id : sinceOutage) {
        if (!replay.contains(id))
            replay << id;
    }
    const int spacingMs =
            m_policy.recoveryRatePerSecond > 0 ? 1000 / m_policy.recoveryRatePerSecond : 0;
    const QList<Notification> requeued = m_outbox->requeueForRecovery(replay, spacingMs);
    // What waited on the held channels falls due at the same pace, in the
    // store: on PostgreSQL every instance claims from it, and the leader's
    // rate limit alone would pace only its own sends.
    // (None held any more: the rate limit paces every channel, and so does this.)
    const QSet<Channel> paced = wereHeld.isEmpty()
            ? QSet<Channel>{Channel::WhatsApp, Channel::Discord, Channel::Telegram}
            : wereHeld;
    if (spacingMs > 0 && m_outbox->spacePending(paced, spacingMs) < 0)
        qCWarning(lcOutage) << "could not pace the held notifications in the store";
    m_recoveryPending.clear();
    m_recoverySent = alreadySent;
    for (const Notification &n : requeued)
        m_recoveryPending.insert(n.id);
    NotificationFilter pending;
    pending.states = {NotificationState::Pending};
    pending.limit = 100000;
    const NotificationPage held = m_outbox->store()->notifications(pending);
    for (const Notification &n : held.items)
        m_recoveryPending.insert(n.id);
    qCInfo(lcOutage).noquote() << QStringLiteral(
                                          "%1 after %2 s: replaying %3 notifications at %4/s")
                                          .arg(why)
                                          .arg(m_recoveryOutageStart.secsTo(now))
                                          .arg(m_recoveryPending.size())
                                          .arg(m_policy.recoveryRatePerSecond);
    m_status->setOpenIncident(std::nullopt);
    finishRecoveryIfDone();
}

void OutageSupervisor::finishRecoveryIfDone()
{
    if (!m_recovering || !m_recoveryPending.isEmpty())
        return;
    m_recovering = false;
    m_dispatcher->setRateLimit(0);
    const qint64 outageSeconds = m_recoveryOutageStart.secsTo(m_recoveryRestoredAt);
    const QString downtime = outageSeconds < 120
            ? QStringLiteral("%1 s").arg(outageSeconds)
            : QStringLiteral("%1 min").arg((outageSeconds + 30) / 60);
    const QString text =
            QStringLiteral("Vigía: la comunicación se restableció tras %1 de interrupción. "
                           "Se enviaron %2 notificaciones pendientes.")
                    .arg(downtime)
                    .arg(m_recoverySent);
    qCInfo(lcOutage).noquote() << QStringLiteral(
                                          "recovery finished: %1 sent after an outage of %2 s")
                                          .arg(m_recoverySent)
                                          .arg(outageSeconds);
    if (m_journal) {
        m_journal->publish(LiveEventType::Recovery,
                           {{QStringLiteral("sent"), m_recoverySent},
                            {QStringLiteral("outage_s"), outageSeconds}});
    }
    if (!m_policy.adminContact.isEmpty()) {
        NotificationRequest summary;
        summary.channel = Channel::WhatsApp;
        summary.recipient = m_policy.adminContact;
        summary.type = QStringLiteral("RECOVERY_SUMMARY");
        summary.text = text;
        QString error;
        m_outbox->enqueue(summary, {}, {}, &error);
    }
    Q_EMIT recoverySummarySent(m_recoverySent, outageSeconds);
}

void OutageSupervisor::sweepAcks()
{
    const QList<AckTimeout> late = m_outbox->store()->ackTimeouts(m_outbox->clock()->now());
    // Without acks flowing, a missing ack says nothing about the message:
    // sending again would only give the customer every message twice.
    const bool wired = m_status->acksWired();
    for (const AckTimeout &t : late) {
        if (!wired) {
            if (m_outbox->acceptUnacknowledged(t.id))
                m_status->recordUnconfirmed();
            continue;
        }
        if (!t.alreadyRetried) {
            m_outbox->retryUnacknowledged(t.id);
            continue;
        }
        const QString error = QStringLiteral("WhatsApp never acknowledged the message, sent twice");
        if (const auto failed = m_outbox->failUnacknowledged(t.id, error)) {
            DeliveryResult r;
            r.outcome = DeliveryResult::Outcome::Retryable;
            r.detail = error;
            m_status->recordDelivery(r);
            onAttemptFinished(*failed, r);
        }
    }
}

} // namespace Vigia

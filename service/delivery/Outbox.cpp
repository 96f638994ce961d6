#include "Outbox.h"

#include "LiveJournal.h"
#include "Phone.h"

#include <QJsonDocument>
#include <QLoggingCategory>

#include <algorithm>

// Routine steps (queued, sending, delivered) log at debug, off unless
// QT_LOGGING_RULES="vigia.outbox.debug=true": at thousands a second they
// would flood the journal. Failures, retries and operator actions log at info.
Q_LOGGING_CATEGORY(lcOutbox, "vigia.outbox", QtInfoMsg)

namespace Vigia {

Outbox::Outbox(OutboxStore *store, LiveJournal *journal, const Clock *clock, int maxAttempts,
               QObject *parent)
    : QObject(parent),
      m_store(store),
      m_journal(journal),
      m_clock(clock),
      m_maxAttempts(maxAttempts)
{ }

void Outbox::announce(const Notification &n, const QString &why, const QByteArray &wire)
{
    const bool routine = why.isEmpty() && n.state != NotificationState::Failed
            && n.state != NotificationState::Resolved;
    if (routine ? lcOutbox().isDebugEnabled() : lcOutbox().isInfoEnabled()) {
        // Phone numbers are personal data: only the last digits reach the log.
        const QString recipient = n.channel == Channel::WhatsApp ? Phone::masked(n.recipient)
                                                                 : channelName(n.channel);
        const QString line =
                QStringLiteral("notification %1 %2 (%3, attempt %4/%5, to %6)%7")
                        .arg(n.id, stateName(n.state), n.type)
                        .arg(n.attempts)
                        .arg(n.maxAttempts)
                        .arg(recipient, why.isEmpty() ? QString() : QStringLiteral(": ") + why);
        if (routine)
            qCDebug(lcOutbox).noquote() << line;
        else
            qCInfo(lcOutbox).noquote() << line;
    }
    if (m_journal)
        m_journal->publishNotification(n, wire);
    Q_EMIT changed(n);
}

QList<EnqueueResult> Outbox::enqueueMany(const QList<EnqueueItem> &items, QString *error)
{
    QList<EnqueueResult> results =
            m_store->enqueueMany(items, m_maxAttempts, m_clock->now(), error);
    publishEnqueued(results);
    return results;
}

void Outbox::publishEnqueued(QList<EnqueueResult> &results)
{
    bool created = false;
    for (EnqueueResult &r : results) {
        if (r.kind == EnqueueResult::Kind::Created) {
            // Serialised once, for the live feed and the caller's answer.
            if (r.wire.isEmpty())
                r.wire = r.notification.toWire();
            announce(r.notification, QString(), r.wire);
            Q_EMIT accepted(r.notification);
            created = true;
        }
    }
    if (created)
        Q_EMIT this->created();
}

std::optional<EnqueueResult> Outbox::enqueue(const NotificationRequest &request, const QString &key,
                                             const QByteArray &requestHash, QString *error)
{
    const QList<EnqueueResult> results = enqueueMany({{request, key, requestHash}}, error);
    return results.isEmpty() ? std::nullopt : std::optional<EnqueueResult>(results.constFirst());
}

QList<Notification> Outbox::claimDue(int limit, const QList<Channel> &channels)
{
    QList<Notification> claimed = m_store->claimDue(m_clock->now(), limit, channels);
    publishClaimed(claimed);
    return claimed;
}

void Outbox::publishClaimed(const QList<Notification> &claimed)
{
    for (const Notification &n : claimed)
        announce(n, QString());
}

std::optional<Notification> Outbox::completeAttempt(const Notification &claimed,
                                                    const AttemptRecord &record)
{
    auto updated = m_store->completeAttempt(claimed.id, record, m_clock->now());
    if (updated) {
        announce(*updated, record.lastError);
        Q_EMIT attemptStored(*updated);
    }
    return updated;
}

QList<std::optional<Notification>>
Outbox::completeAttempts(const QList<std::pair<Notification, AttemptRecord>> &attempts,
                         QString *error)
{
    QList<std::pair<QString, AttemptRecord>> byId;
    byId.reserve(attempts.size());
    for (const auto &[claimed, record] : attempts)
        byId.append({claimed.id, record});
    QList<std::optional<Notification>> updated =
            m_store->completeAttempts(byId, m_clock->now(), error);
    publishAttempts(attempts, updated, *error);
    return error->isEmpty() ? updated : QList<std::optional<Notification>>();
}

void Outbox::publishAttempts(const QList<std::pair<Notification, AttemptRecord>> &attempts,
                             const QList<std::optional<Notification>> &updated,
                             const QString &error)
{
    if (!error.isEmpty()) {
        qCWarning(lcOutbox).noquote()
                << QStringLiteral("could not record %1 finished attempt(s), will try again: %2")
                           .arg(attempts.size())
                           .arg(error);
        return;
    }
    // Nobody may be waiting for these outcomes (no request, no live client):
    // ask for the flush anyway, so that a delivered message is on record as
    // delivered within milliseconds, not at the next request; but let it
    // ride on the next answer's flush when one comes first.
    m_store->whenDurableSoon([] {});
    for (qsizetype i = 0; i < updated.size(); ++i) {
        if (updated.at(i)) {
            announce(*updated.at(i), attempts.at(i).second.lastError);
            Q_EMIT attemptStored(*updated.at(i));
        }
    }
}

int Outbox::recoverInterrupted()
{
    const QList<Notification> recovered = m_store->recoverInterrupted(m_clock->now());
    for (const Notification &n : recovered)
        announce(n,
                 n.state == NotificationState::Failed
                         ? n.lastError
                         : QStringLiteral("was being sent when vigiad stopped; sending again"));
    return int(recovered.size());
}

int Outbox::recoverLapsed()
{
    const QList<Notification> recovered = m_store->recoverLapsed(m_clock->now());
    for (const Notification &n : recovered)
        announce(n,
                 n.state == NotificationState::Failed
                         ? n.lastError
                         : QStringLiteral("its instance stopped during the send; sending again"));
    if (!recovered.isEmpty())
        Q_EMIT enqueued();
    return int(recovered.size());
}

std::optional<Notification> Outbox::retry(const QString &id, const QString &by, QString *error)
{
    auto updated = m_store->requeue(id, by, m_clock->now(), error);
    if (updated) {
        announce(*updated, QStringLiteral("retry requested by %1").arg(by));
        Q_EMIT enqueued();
    }
    return updated;
}

BulkRequeue Outbox::retryAllFailed(const QString &by, int sampleIds)
{
    BulkRequeue requeued = m_store->requeueAllFailed(by, m_clock->now(), sampleIds);
    if (requeued.count == 0)
        return requeued;
    qCInfo(lcOutbox).noquote() << QStringLiteral("bulk retry requested by %1: %2 failed "
                                                 "notification(s) queued again")
                                          .arg(by)
                                          .arg(requeued.count);
    if (m_journal)
        m_journal->publish(
                LiveEventType::BulkRetry,
                {{QStringLiteral("requeued"), requeued.count}, {QStringLiteral("by"), by}});
    Q_EMIT changedInBulk();
    Q_EMIT enqueued();
    return requeued;
}

std::optional<Notification> Outbox::resolve(const QString &id, const Resolution &resolution,
                                            QString *error)
{
    auto updated = m_store->resolve(id, resolution, m_clock->now(), error);
    if (updated) {
        announce(*updated,
                 QStringLiteral("resolved by %1 (%2)")
                         .arg(resolution.by, resolutionMethodName(resolution.method)));
        Q_EMIT resolvedByOperator(*updated);
    }
    return updated;
}

std::optional<Notification> Outbox::claim(const QString &id, const QString &by, int minutes,
                                          bool takeOver, QString *error)
{
    const QDateTime now = m_clock->now();
    auto updated =
            m_store->setClaim(id, by, now.addSecs(qint64(minutes) * 60), now, takeOver, error);
    // Every console shows who handles what, so the claim goes out live.
    if (updated && error->isEmpty())
        announce(*updated,
                 minutes > 0 ? QStringLiteral("claimed by %1").arg(by)
                             : QStringLiteral("released by %1").arg(by));
    return updated;
}

int Outbox::cleanup(int olderThanDays)
{
    const int removed = m_store->cleanup(m_clock->now().addDays(-olderThanDays));
    if (removed > 0) {
        qCInfo(lcOutbox) << "cleanup removed" << removed << "delivered/resolved notifications";
        if (m_journal)
            m_journal->publish(LiveEventType::QueueCleanup, {{QStringLiteral("removed"), removed}});
    }
    return removed;
}

std::optional<Notification> Outbox::applyAck(const QString &providerMessageId, int ack)
{
    const auto n = m_store->notificationByProviderId(providerMessageId);
    if (!n)
        return std::nullopt;
    // One time for the stored ack and the signal: a restart reads it back.
    const QDateTime now = m_clock->now();
    Q_EMIT ackReceived(now);
    if (ack < 0) {
        auto failed = m_store->failUnacknowledged(
                n->id, QStringLiteral("WhatsApp reported the message as failed (ack -1)"), now);
        m_store->recordAck(n->id, ack, now);
        if (failed)
            announce(*failed, QStringLiteral("WhatsApp ack -1"));
        return failed;
    }
    auto acked = m_store->recordAck(n->id, ack, now);
    if (acked && m_journal)
        m_journal->publishNotification(*acked);
    return acked;
}

std::optional<Notification> Outbox::retryUnacknowledged(const QString &id)
{
    auto n = m_store->retryUnacknowledged(id, m_clock->now());
    if (n) {
        announce(*n, QStringLiteral("no WhatsApp ack in time; sending once more"));
        Q_EMIT enqueued();
    }
    return n;
}

bool Outbox::acceptUnacknowledged(const QString &id)
{
    if (!m_store->acceptUnacknowledged(id, m_clock->now()))
        return false;
    qCInfo(lcOutbox).noquote()
            << QStringLiteral("%1: no WhatsApp ack, and no ack has reached vigiad recently (are "
                              "WAHA's webhooks pointed at vigiad?): taken as sent, not sent again")
                       .arg(id);
    return true;
}

std::optional<Notification> Outbox::failUnacknowledged(const QString &id, const QString &error)
{
    auto n = m_store->failUnacknowledged(id, error, m_clock->now());
    if (n)
        announce(*n, error);
    return n;
}

void Outbox::adopt(const QList<Notification> &queued)
{
    for (const Notification &n : queued) {
        announce(n, QString());
        Q_EMIT accepted(n);
    }
    if (!queued.isEmpty())
        Q_EMIT enqueued();
}

QList<Notification> Outbox::requeueForRecovery(const QStringList &ids, int spacingMs)
{
    QList<Notification> requeued = m_store->requeueForRecovery(
            ids, QStringLiteral("vigiad (automatic recovery)"), m_clock->now(), spacingMs);
    for (const Notification &n : requeued)
        announce(n, QStringLiteral("communication restored; sending again"));
    if (!requeued.isEmpty())
        Q_EMIT enqueued();
    return requeued;
}

int Outbox::spacePending(const QSet<Channel> &channels, int spacingMs)
{
    QList<Channel> sorted(channels.cbegin(), channels.cend());
    std::sort(sorted.begin(), sorted.end());
    const int spaced = m_store->spacePending(sorted, m_clock->now(), spacingMs);
    if (spaced > 0)
        Q_EMIT changedInBulk();
    return spaced;
}

} // namespace Vigia

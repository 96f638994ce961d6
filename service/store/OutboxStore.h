#pragma once

#include "StoreTypes.h"

#include <functional>
#include <memory>

namespace Vigia {

// The outbox: notifications, their attempts and acks, and the queries the
// status needs. Each operation is atomic.
class OutboxStore
{
public:
    virtual ~OutboxStore() = default;

    // Opens another connection to this store, for delivery's claims and
    // attempt outcomes on a thread of their own: called on that thread, and
    // the connection is used and closed there. Only claimDue() and
    // completeAttempts() may be run on it; its commits count in this
    // store's whenDurable(). Empty when the store has only its one
    // connection: the caller then does that work on this one.
    using ConnectionFactory = std::function<std::unique_ptr<OutboxStore>(QString *error)>;
    virtual ConnectionFactory secondConnection() const { return {}; }

    // Runs `then` once every change made so far (by any aggregate) is on
    // disk, in the order asked; nothing leaves vigiad (an answer, a live
    // event, a send) before that. A store that flushes each commit runs it
    // at once.
    virtual void whenDurable(std::function<void()> then) = 0;
    // For what nobody waits on (a delivery's outcome, a live event): joins
    // the next flush anyone asks for, and asks for one itself within a few
    // milliseconds, so it never costs a flush of its own under load.
    virtual void whenDurableSoon(std::function<void()> then) = 0;

    // Outbox. requestHash identifies the body sent with an idempotency key.
    // Stores every item in one durable transaction (group commit); each item
    // gets its own answer. Empty when nothing could be stored.
    virtual QList<EnqueueResult> enqueueMany(const QList<EnqueueItem> &items, int maxAttempts,
                                             const QDateTime &now, QString *error) = 0;
    std::optional<EnqueueResult> enqueue(const NotificationRequest &request,
                                         const QString &idempotencyKey,
                                         const QByteArray &requestHash, int maxAttempts,
                                         const QDateTime &now, QString *error,
                                         const QString &tokenId = {})
    {
        const QList<EnqueueResult> results = enqueueMany(
                {{request, idempotencyKey, requestHash, tokenId}}, maxAttempts, now, error);
        return results.isEmpty() ? std::nullopt
                                 : std::optional<EnqueueResult>(results.constFirst());
    }
    // Many at once in one transaction (bulk producers, benchmarks).
    virtual QList<Notification> enqueueBatch(const QList<NotificationRequest> &requests,
                                             int maxAttempts, const QDateTime &now,
                                             QString *error) = 0;
    virtual std::optional<Notification> notification(const QString &id, bool withHistory) = 0;
    virtual NotificationPage notifications(const NotificationFilter &filter) = 0;
    // "I'm handling this": `by` takes the failed notification until `until`;
    // an `until` not after `now` releases it. Errors in *error: not_found,
    // invalid_state (not failed), claimed (someone else holds it and
    // takeOver is false; the notification, with the holder, is returned),
    // not_claimed (nothing to release), storage.
    virtual std::optional<Notification> setClaim(const QString &id, const QString &by,
                                                 const QDateTime &until, const QDateTime &now,
                                                 bool takeOver, QString *error) = 0;
    // Claims up to `limit` due notifications (state sending, attempt counted),
    // earliest due first; only on `channels` when not empty (a channel held
    // by its gateway's outage, or paced after it, is claimed on its own).
    virtual QList<Notification> claimDue(const QDateTime &now, int limit,
                                         const QList<Channel> &channels) = 0;
    QList<Notification> claimDue(const QDateTime &now, int limit)
    {
        return claimDue(now, limit, {});
    }
    virtual std::optional<QDateTime> nextDueTime() = 0;
    virtual std::optional<Notification>
    completeAttempt(const QString &id, const AttemptRecord &record, const QDateTime &now) = 0;
    // Many finished attempts in one transaction (the dispatcher's results of
    // one event-loop pass); nullopt for those no longer sending. When the
    // write fails, nothing is written and *error says why.
    virtual QList<std::optional<Notification>>
    completeAttempts(const QList<std::pair<QString, AttemptRecord>> &attempts, const QDateTime &now,
                     QString *error) = 0;
    // A process killed mid-send leaves rows in sending: deliver them again.
    // The interrupted attempt stays counted (and in the history, as
    // "interrupted"); one that was the last allowed ends failed.
    virtual QList<Notification> recoverInterrupted(const QDateTime &now) = 0;
    // Several instances on one store: sends whose instance stopped renewing
    // their lease (it died), recovered as recoverInterrupted() recovers a
    // restart's. A store that one process owns has none.
    virtual QList<Notification> recoverLapsed(const QDateTime &now)
    {
        Q_UNUSED(now);
        return {};
    }

    // Operator actions. Return nullopt with *error set to a code when refused.
    virtual std::optional<Notification> requeue(const QString &id, const QString &by,
                                                const QDateTime &now, QString *error) = 0;
    // Every failed notification queued again in one statement. Returns how
    // many, and the ids of at most `sampleIds` of them: an operator with
    // 100,000 failures asks once, and the answer stays small.
    virtual BulkRequeue requeueAllFailed(const QString &by, const QDateTime &now,
                                         int sampleIds) = 0;
    virtual std::optional<Notification> resolve(const QString &id, const Resolution &resolution,
                                                const QDateTime &now, QString *error) = 0;
    virtual int cleanup(const QDateTime &olderThan) = 0;
    // Retention: deletes up to `limit` delivered or resolved notifications
    // (their attempts with them) created and last changed before olderThan;
    // never one still pending, sending or failed. How many went, -1 when the
    // store failed.
    virtual int purgeFinished(const QDateTime &olderThan, int limit) = 0;
    virtual QueueStats stats(const QDateTime &now) = 0;
    // Everything not delivered yet, counted for the status (OutboxCounts).
    // heldIsAffected: the state is incommunicado or critical, so what waits
    // past its first attempt is held by the outage and counts as affected.
    virtual OutboxCounts outboxCounts(bool heldIsAffected) = 0;
    int affectedOrders() { return outboxCounts(false).affectedOrders; }

    // WhatsApp acks (WAHA message.ack webhooks).
    virtual std::optional<Notification>
    notificationByProviderId(const QString &providerMessageId) = 0;
    virtual std::optional<Notification> recordAck(const QString &id, int ack,
                                                  const QDateTime &now) = 0;
    virtual QList<AckTimeout> ackTimeouts(const QDateTime &now) = 0;
    // When acks are known to flow — first timeout: one more attempt now;
    // second: the delivery counts as failed.
    virtual std::optional<Notification> retryUnacknowledged(const QString &id,
                                                            const QDateTime &now) = 0;
    virtual std::optional<Notification> failUnacknowledged(const QString &id, const QString &error,
                                                           const QDateTime &now) = 0;
    // When acks are not known to flow (WAHA's webhooks not pointed at vigiad):
    // WAHA's 201 is the best proof there is; the deadline is dropped.
    virtual bool acceptUnacknowledged(const QString &id, const QDateTime &now) = 0;
    // When the last WhatsApp ack arrived; invalid when none ever did.
    virtual QDateTime lastAckAt() = 0;
    // After an outage: failed notifications whose failure was the path's,
    // sent again one by one, spaced by spacingMs.
    virtual QList<Notification> requeueForRecovery(const QStringList &ids, const QString &by,
                                                   const QDateTime &start, int spacingMs) = 0;
    virtual QStringList outageFailuresSince(const QDateTime &since) = 0;
    // After an outage: the pending notifications on `channels` fall due one
    // by one from `start`, spacingMs apart, in the order they were due (a
    // retry's backoff waited for the gateway, which is back). The pace then
    // holds in the store, for every instance that claims from it, not only
    // in one dispatcher. How many were spaced, -1 on failure.
    virtual int spacePending(const QList<Channel> &channels, const QDateTime &start,
                             int spacingMs) = 0;
};

} // namespace Vigia

#pragma once

#include "OutboxStore.h"
#include "PostgresSupport.h"

namespace Vigia {

// The outbox on PostgreSQL, shared by several vigiad instances:
// - an idempotency key is unique per token by a unique index, so two
//   instances taking the same key at once store one row and both answer it;
// - claimDue() takes rows with FOR UPDATE SKIP LOCKED, so instances never
//   claim the same row nor wait on each other, and leases each row to this
//   instance until now + lease(); a lapsed lease (the instance died
//   mid-send) returns the row to whoever claims next, its attempt counted
//   as interrupted, as recoverInterrupted() does after a restart.
// Operator actions read the row FOR UPDATE before checking what it allows.
class PostgresOutboxStore : public virtual OutboxStore, protected virtual PostgresConnection
{
public:
    QList<EnqueueResult> enqueueMany(const QList<EnqueueItem> &items, int maxAttempts,
                                     const QDateTime &now, QString *error) override;
    QList<Notification> enqueueBatch(const QList<NotificationRequest> &requests, int maxAttempts,
                                     const QDateTime &now, QString *error) override;
    std::optional<Notification> notification(const QString &id, bool withHistory) override;
    NotificationPage notifications(const NotificationFilter &filter) override;
    std::optional<Notification> setClaim(const QString &id, const QString &by,
                                         const QDateTime &until, const QDateTime &now,
                                         bool takeOver, QString *error) override;
    // Every commit is durable when it returns: nothing to wait for.
    void whenDurable(std::function<void()> then) override { whenFlushed(std::move(then)); }
    void whenDurableSoon(std::function<void()> then) override { whenFlushedSoon(std::move(then)); }
    using OutboxStore::claimDue;
    QList<Notification> claimDue(const QDateTime &now, int limit,
                                 const QList<Channel> &channels) override;
    std::optional<QDateTime> nextDueTime() override;
    std::optional<Notification> completeAttempt(const QString &id, const AttemptRecord &record,
                                                const QDateTime &now) override;
    QList<std::optional<Notification>>
    completeAttempts(const QList<std::pair<QString, AttemptRecord>> &attempts, const QDateTime &now,
                     QString *error) override;
    // This instance's own sending rows (it restarted under the same name)
    // and every row whose lease lapsed; another live instance's are left alone.
    QList<Notification> recoverInterrupted(const QDateTime &now) override;
    // Rows whose lease lapsed, and those claimDue() found lapsed and put back
    // since the last call: each is returned once, so that it is announced
    // (one that used its last attempt ends failed, and says so).
    QList<Notification> recoverLapsed(const QDateTime &now) override;
    // Extends the lease of every row this instance is sending to now +
    // lease(): a live send slower than the lease is not taken by another
    // instance, while a dead instance's work returns within one lease. How
    // many rows, -1 when the store failed.
    int renewLeases(const QDateTime &now);
    // Appends to the shared live journal (PostgresJournal's table) a
    // notification event for each of up to `limit` notifications changed at
    // or after `since`: a new leader tells them again, since the dead one may
    // have committed a change and died before its event was shared. Read and
    // appended under the journal's append lock, so no older event of theirs
    // can follow. How many, -1 when the store failed.
    int shareChangedAgain(const QDateTime &since, int limit, const QDateTime &now);
    std::optional<Notification> requeue(const QString &id, const QString &by, const QDateTime &now,
                                        QString *error) override;
    BulkRequeue requeueAllFailed(const QString &by, const QDateTime &now, int sampleIds) override;
    std::optional<Notification> resolve(const QString &id, const Resolution &resolution,
                                        const QDateTime &now, QString *error) override;
    int cleanup(const QDateTime &olderThan) override;
    int purgeFinished(const QDateTime &olderThan, int limit) override;
    QueueStats stats(const QDateTime &now) override;
    OutboxCounts outboxCounts(bool heldIsAffected) override;
    std::optional<Notification> notificationByProviderId(const QString &providerMessageId) override;
    std::optional<Notification> recordAck(const QString &id, int ack,
                                          const QDateTime &now) override;
    QList<AckTimeout> ackTimeouts(const QDateTime &now) override;
    std::optional<Notification> retryUnacknowledged(const QString &id,
                                                    const QDateTime &now) override;
    bool acceptUnacknowledged(const QString &id, const QDateTime &now) override;
    QDateTime lastAckAt() override;
    std::optional<Notification> failUnacknowledged(const QString &id, const QString &error,
                                                   const QDateTime &now) override;
    QList<Notification> requeueForRecovery(const QStringList &ids, const QString &by,
                                           const QDateTime &start, int spacingMs) override;
    QStringList outageFailuresSince(const QDateTime &since) override;
    int spacePending(const QList<Channel> &channels, const QDateTime &start,
                     int spacingMs) override;

    // "SELECT <every column readNotifications() reads> FROM notifications ".
    static const QString &selectColumnsSql();
    // Those columns alone, for RETURNING.
    static const QString &columnsSql();
    // claimDue()'s statement; binds: now, instance, lease end, now,
    // [channel names as a text array when someChannels], limit.
    static QString claimDueSql(bool someChannels);

protected:
    PostgresOutboxStore() = default;
    // A new notification inside the caller's transaction (a session's notice).
    std::optional<Notification> insertNew(const NotificationRequest &request, int maxAttempts,
                                          const QDateTime &now, QString *error);

private:
    // One keyed item: the row stored for its key (the first answer, or a
    // conflict), or a new one. Inside the caller's transaction.
    std::optional<EnqueueResult> enqueueKeyed(const EnqueueItem &item, int maxAttempts,
                                              const QDateTime &now, QString *error);
    std::optional<EnqueueResult> storedForKey(const EnqueueItem &item, QString *error);
    // The row, locked until the caller's transaction ends; nullopt with
    // *error not_found or storage.
    std::optional<Notification> locked(const QString &id, QString *error);
    bool insertNotification(const Notification &n, const QByteArray &requestHash,
                            const QString &tokenId, bool *inserted, QString *error);
    std::optional<Notification> finishAttempt(const QString &id, const AttemptRecord &record,
                                              const QDateTime &now, bool *sqlFailed,
                                              QString *error);
    // Rows in `ids` (locked by the caller) were being sent when their sender
    // stopped: the attempt is recorded as interrupted, and the row is due
    // again, or failed when that was its last attempt.
    bool interrupt(const QStringList &ids, const QDateTime &now, QString *error);
    QStringList lockSending(const QString &condition, const QVariantList &binds, QString *error);
    QList<Notification> readNotifications(QSqlQuery &query);
    QList<Notification> byIds(const QStringList &ids);

    QStringList m_lapsedByClaim; // put back by claimDue(), for recoverLapsed()
    // When claimDue() next looks for lapsed leases: a lease lasts lease(),
    // so looking at every claim (a round trip each) finds nothing sooner.
    qint64 m_nextLapseCheckMs = 0;
};

} // namespace Vigia

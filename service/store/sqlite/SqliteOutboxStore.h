#pragma once

#include "OutboxStore.h"
#include "SqliteSupport.h"

class QSqlQuery;

namespace Vigia {

// The outbox on SQLite: notifications, attempts, acks.
class SqliteOutboxStore : public virtual OutboxStore, protected virtual SqliteConnection
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
    // The list's filter as SQL (binds appended), and a page's whole query;
    // public so a test can check their plans.
    static QString notificationsWhereSql(const NotificationFilter &filter, QVariantList *binds);
    static QString notificationsPageSql(const NotificationFilter &filter, bool afterCursor,
                                        QVariantList *binds);
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
    QList<Notification> recoverInterrupted(const QDateTime &now) override;
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

    // The ack sweep's query, public so a test can check its plan.
    static QString ackTimeoutsSql();
    // The dispatcher's claim, run whenever something falls due (for plan tests).
    static QString claimDueSql(qsizetype channelCount = 0);
    // Whether claimDueSql() would claim anything, read without the write lock.
    static QString anyDueSql(qsizetype channelCount = 0);
    // Every WAHA ack webhook, and the last ack at start-up (for plan tests).
    static QString ackLookupSql();
    static QString lastAckSql();
    // An idempotency key's earlier answer, and retention's selection (for plan tests).
    static QString idempotencyLookupSql();
    // "SELECT <every column readNotifications() reads> FROM notifications ".
    static const QString &selectColumnsSql();
    static QString purgeFinishedSql();

protected:
    SqliteOutboxStore() = default;
    // A new notification inside the caller's transaction (a session's notice).
    std::optional<Notification> insertNew(const NotificationRequest &request, int maxAttempts,
                                          const QDateTime &now, QString *error);

private:
    // The ids of the rows due, of every channel or of channelCount channels.
    static QString dueIdsSql(qsizetype channelCount);
    // One finished attempt inside the caller's transaction. nullopt with
    // *sqlFailed still false: the notification is no longer sending (an
    // operator resolved it meanwhile) and nothing was written for it.
    std::optional<Notification> finishAttempt(const QString &id, const AttemptRecord &record,
                                              const QDateTime &now, bool *sqlFailed,
                                              QString *error);
    QList<Notification> readNotifications(QSqlQuery &query);
    QList<Notification> readNotifications(Sql::RawStatement &statement);
    QList<Notification> byIds(const QStringList &ids);
    bool insertNotification(const Notification &n, const QByteArray &requestHash,
                            const QString &tokenId, QString *error);
};

} // namespace Vigia

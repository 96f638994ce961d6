#pragma once

#include "Store.h"

#include <QSqlDatabase>

class QSqlQuery;

namespace Vigia {

// The embedded default: one SQLite file in WAL mode with synchronous=FULL, so
// a commit that returned survives kill -9 and power loss alike.
class SqliteStore final : public Store
{
    Q_DISABLE_COPY_MOVE(SqliteStore)

public:
    explicit SqliteStore(const QString &path);
    ~SqliteStore() override;

    bool open(QString *error) override;
    int schemaVersion() const override;
    static int latestSchemaVersion();

    QList<EnqueueResult> enqueueMany(const QList<EnqueueItem> &items, int maxAttempts,
                                     const QDateTime &now, QString *error) override;
    QList<Notification> enqueueBatch(const QList<NotificationRequest> &requests, int maxAttempts,
                                     const QDateTime &now, QString *error) override;
    std::optional<Notification> notification(const QString &id, bool withHistory) override;
    NotificationPage notifications(const NotificationFilter &filter) override;
    QList<Notification> claimDue(const QDateTime &now, int limit) override;
    std::optional<QDateTime> nextDueTime() override;
    std::optional<Notification> completeAttempt(const QString &id, const AttemptRecord &record,
                                                const QDateTime &now) override;
    QList<Notification> recoverInterrupted(const QDateTime &now) override;
    std::optional<Notification> requeue(const QString &id, const QString &by, const QDateTime &now,
                                        QString *error) override;
    QList<Notification> requeueAllFailed(const QString &by, const QDateTime &now) override;
    std::optional<Notification> resolve(const QString &id, const Resolution &resolution,
                                        const QDateTime &now, QString *error) override;
    int cleanup(const QDateTime &olderThan) override;
    QueueStats stats(const QDateTime &now) override;
    int affectedOrders() override;

    std::optional<ApiToken> addToken(const QString &name, Role role, const QByteArray &secretHash,
                                     const QDateTime &now, QString *error) override;
    std::optional<ApiToken> tokenBySecretHash(const QByteArray &secretHash) override;
    QList<ApiToken> tokens() override;
    bool revokeToken(const QString &idOrName) override;

    void appendAudit(const AuditEntry &entry) override;
    QList<AuditEntry> audit(int limit) override;

    bool saveIncident(const Incident &incident) override;
    QList<Incident> incidents(int limit) override;
    std::optional<Incident> openIncident() override;

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
    bool rememberWebhookEvent(const QString &eventId, const QDateTime &now) override;
    QList<Notification> requeueForRecovery(const QStringList &ids, const QString &by,
                                           const QDateTime &start, int spacingMs) override;
    QStringList outageFailuresSince(const QDateTime &since) override;

    std::optional<Session> upsertSession(const Session &session, const QDateTime &now,
                                         bool *created) override;
    std::optional<Session> endSession(const QString &kind, const QString &key) override;
    QList<Session> sessions(const QString &kind) override;
    ReconcileResult reconcile(const QString &kind, const QList<PresentEntry> &present,
                              const QDateTime &now) override;
    std::optional<Conversation> putConversation(const Conversation &conversation,
                                                const QDateTime &now) override;
    std::optional<Conversation> conversation(const QString &user, const QString &flow,
                                             const QDateTime &now) override;
    bool deleteConversation(const QString &user, const QString &flow) override;
    QList<Conversation> clearConversations(const QString &flow) override;
    QList<Conversation> conversations(const QDateTime &now) override;
    QList<Conversation> expireConversations(const QDateTime &now) override;

private:
    bool migrate(QString *error);
    bool exec(const QString &sql, QString *error = nullptr);
    QList<Notification> readNotifications(QSqlQuery &query);
    QList<Incident> readIncidents(QSqlQuery &query);
    QList<Session> readSessions(QSqlQuery &query);
    QList<Conversation> readConversations(QSqlQuery &query);
    std::optional<Session> session(const QString &kind, const QString &key);
    QList<Notification> byIds(const QStringList &ids);
    bool insertNotification(const Notification &n, const QByteArray &requestHash, QString *error);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace Vigia

#pragma once

#include "Incident.h"
#include "Notification.h"
#include "Role.h"
#include "Session.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Vigia {

struct EnqueueResult
{
    enum class Kind { Created, Replayed, Conflict };
    Kind kind = Kind::Created;
    Notification notification; // Created: the new one; Replayed: the first answer
};

// One notification to store; requestHash identifies the body sent with an
// idempotency key.
struct EnqueueItem
{
    NotificationRequest request;
    QString idempotencyKey;
    QByteArray requestHash;
};

struct NotificationFilter
{
    std::optional<NotificationState> state;
    QString orderId;
    QString text; // matched against customer, recipient, order and text
    int limit = 50;
    QString cursor; // opaque, from a previous page
};

struct NotificationPage
{
    QList<Notification> items;
    QString nextCursor; // empty on the last page
};

struct AttemptRecord
{
    DeliveryAttempt attempt;
    NotificationState newState = NotificationState::Pending;
    QDateTime nextAttemptAt;
    QString lastError;
    bool permanentFailure = false; // the recipient, not the path, is the problem
    QString providerMessageId; // WAHA's message id, matched by later acks
    QDateTime ackDeadline; // delivered but unproven until an ack arrives
};

// A delivered WhatsApp message whose ack did not come in time.
struct AckTimeout
{
    QString id;
    bool alreadyRetried = false;
};

struct QueueStats
{
    QHash<NotificationState, int> byState;
    qint64 oldestPendingAgeSeconds = -1; // -1 when nothing is pending
    int deliveredLastHour = 0;
    int failedLastHour = 0;
    int attemptsLastHour = 0;
};

struct ApiToken
{
    QString id;
    QString name;
    Role role = Role::Viewer;
    QDateTime createdAt;
    bool revoked = false;
};

struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    QString actor;
    QString action;
    QString target;
    QString outcome;
    QJsonObject detail;
    QJsonObject toJson() const;
};

struct PresentEntry
{
    QString key;
    QString userId;
    QString username;
    QString where;
};

struct ReconcileResult
{
    QList<Session> ended; // as they were before ending
    QList<Session> created; // silent sessions for people present without one
    QList<QPair<Session, Session>> moved; // before, after
};

// Everything vigiad keeps. Narrow on purpose: a PostgreSQL implementation
// only has to provide these operations, each of them atomic.
class Store
{
public:
    virtual ~Store() = default;

    virtual bool open(QString *error) = 0;
    virtual int schemaVersion() const = 0;

    // Outbox. requestHash identifies the body sent with an idempotency key.
    // Stores every item in one durable transaction (group commit); each item
    // gets its own answer. Empty when nothing could be stored.
    virtual QList<EnqueueResult> enqueueMany(const QList<EnqueueItem> &items, int maxAttempts,
                                             const QDateTime &now, QString *error) = 0;
    std::optional<EnqueueResult> enqueue(const NotificationRequest &request,
                                         const QString &idempotencyKey,
                                         const QByteArray &requestHash, int maxAttempts,
                                         const QDateTime &now, QString *error)
    {
        const QList<EnqueueResult> results =
                enqueueMany({{request, idempotencyKey, requestHash}}, maxAttempts, now, error);
        return results.isEmpty() ? std::nullopt
                                 : std::optional<EnqueueResult>(results.constFirst());
    }
    // Many at once in one transaction (bulk producers, benchmarks).
    virtual QList<Notification> enqueueBatch(const QList<NotificationRequest> &requests,
                                             int maxAttempts, const QDateTime &now,
                                             QString *error) = 0;
    virtual std::optional<Notification> notification(const QString &id, bool withHistory) = 0;
    virtual NotificationPage notifications(const NotificationFilter &filter) = 0;

    // Moves due pending notifications to sending and counts the attempt.
    virtual QList<Notification> claimDue(const QDateTime &now, int limit) = 0;
    virtual std::optional<QDateTime> nextDueTime() = 0;
    virtual std::optional<Notification>
    completeAttempt(const QString &id, const AttemptRecord &record, const QDateTime &now) = 0;
    // A process killed mid-send leaves rows in sending: deliver them again.
    virtual QList<Notification> recoverInterrupted(const QDateTime &now) = 0;

    // Operator actions. Return nullopt with *error set to a code when refused.
    virtual std::optional<Notification> requeue(const QString &id, const QString &by,
                                                const QDateTime &now, QString *error) = 0;
    virtual QList<Notification> requeueAllFailed(const QString &by, const QDateTime &now) = 0;
    virtual std::optional<Notification> resolve(const QString &id, const Resolution &resolution,
                                                const QDateTime &now, QString *error) = 0;
    virtual int cleanup(const QDateTime &olderThan) = 0;
    virtual QueueStats stats(const QDateTime &now) = 0;
    virtual int affectedOrders() = 0;

    // API tokens: only a hash of the secret is kept.
    virtual std::optional<ApiToken> addToken(const QString &name, Role role,
                                             const QByteArray &secretHash, const QDateTime &now,
                                             QString *error) = 0;
    virtual std::optional<ApiToken> tokenBySecretHash(const QByteArray &secretHash) = 0;
    virtual QList<ApiToken> tokens() = 0;
    virtual bool revokeToken(const QString &idOrName) = 0;

    virtual void appendAudit(const AuditEntry &entry) = 0;
    virtual QList<AuditEntry> audit(int limit) = 0;

    // Incidents found by the diagnosis.
    virtual bool saveIncident(const Incident &incident) = 0; // insert or update by id
    virtual QList<Incident> incidents(int limit) = 0; // newest first
    virtual std::optional<Incident> openIncident() = 0;

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
    // Webhook event ids already handled; false when eventId was seen before.
    virtual bool rememberWebhookEvent(const QString &eventId, const QDateTime &now) = 0;

    // After an outage: failed notifications whose failure was the path's,
    // sent again one by one, spaced by spacingMs.
    virtual QList<Notification> requeueForRecovery(const QStringList &ids, const QString &by,
                                                   const QDateTime &start, int spacingMs) = 0;
    virtual QStringList outageFailuresSince(const QDateTime &since) = 0;

    // Sessions the bot tracks; started_at is set by the first upsert and kept.
    virtual std::optional<Session> upsertSession(const Session &session, const QDateTime &now,
                                                 bool *created) = 0;
    virtual std::optional<Session> endSession(const QString &kind, const QString &key) = 0;
    virtual QList<Session> sessions(const QString &kind) = 0; // empty kind: all
    virtual ReconcileResult reconcile(const QString &kind, const QList<PresentEntry> &present,
                                      const QDateTime &now) = 0;

    // Multi-step conversations; an expired one is never returned.
    virtual std::optional<Conversation> putConversation(const Conversation &conversation,
                                                        const QDateTime &now) = 0;
    virtual std::optional<Conversation> conversation(const QString &user, const QString &flow,
                                                     const QDateTime &now) = 0;
    virtual bool deleteConversation(const QString &user, const QString &flow) = 0;
    virtual QList<Conversation> clearConversations(const QString &flow) = 0;
    virtual QList<Conversation> conversations(const QDateTime &now) = 0;
    virtual QList<Conversation> expireConversations(const QDateTime &now) = 0;
};

} // namespace Vigia

#pragma once

#include "Notification.h"
#include "Role.h"

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
    Notification notification;   // Created: the new one; Replayed: the first answer
};

struct NotificationFilter
{
    std::optional<NotificationState> state;
    QString orderId;
    QString text;                // matched against customer, recipient, order and text
    int limit = 50;
    QString cursor;              // opaque, from a previous page
};

struct NotificationPage
{
    QList<Notification> items;
    QString nextCursor;          // empty on the last page
};

struct AttemptRecord
{
    DeliveryAttempt attempt;
    NotificationState newState = NotificationState::Pending;
    QDateTime nextAttemptAt;
    QString lastError;
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

// Everything vigiad keeps. Narrow on purpose: a PostgreSQL implementation
// only has to provide these operations, each of them atomic.
class Store
{
public:
    virtual ~Store() = default;

    virtual bool open(QString *error) = 0;
    virtual int schemaVersion() const = 0;

    // Outbox. requestHash identifies the body sent with an idempotency key.
    virtual std::optional<EnqueueResult> enqueue(const NotificationRequest &request,
                                                 const QString &idempotencyKey,
                                                 const QByteArray &requestHash, int maxAttempts,
                                                 const QDateTime &now, QString *error) = 0;
    // Many at once in one transaction (bulk producers, benchmarks).
    virtual QList<Notification> enqueueBatch(const QList<NotificationRequest> &requests,
                                             int maxAttempts, const QDateTime &now,
                                             QString *error) = 0;
    virtual std::optional<Notification> notification(const QString &id, bool withHistory) = 0;
    virtual NotificationPage notifications(const NotificationFilter &filter) = 0;

    // Moves due pending notifications to sending and counts the attempt.
    virtual QList<Notification> claimDue(const QDateTime &now, int limit) = 0;
    virtual std::optional<QDateTime> nextDueTime() = 0;
    virtual std::optional<Notification> completeAttempt(const QString &id,
                                                        const AttemptRecord &record,
                                                        const QDateTime &now) = 0;
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
};

} // namespace Vigia

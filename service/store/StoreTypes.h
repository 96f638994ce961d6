#pragma once

#include "AuditEntry.h"
#include "CommunicationStatus.h"
#include "Incident.h"
#include "Notification.h"
#include "Role.h"
#include "Session.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <optional>

// The values the store interfaces take and give.
namespace Vigia {

// The notices a session's end owes its channel, decided from the session as
// stored when it ends. The store keeps each one in the same transaction as
// the change that owes it: a session never ends without its notice, and a
// notice is never queued for a session that did not end.
struct SessionNotices
{
    std::function<std::optional<NotificationRequest>(const Session &ended)> forEnded;
    std::function<std::optional<NotificationRequest>(const Session &before, const Session &after)>
            forMoved;
    int maxAttempts = 1;
};

struct EndedSession
{
    Session session; // as it was before ending
    std::optional<Notification> notice;
};

// What "retry every failed notification" did: how many, and a few of them.
struct BulkRequeue
{
    int count = 0;
    QStringList ids; // at most the sample asked for, oldest first
};

struct EnqueueResult
{
    enum class Kind { Created, Replayed, Conflict };
    Kind kind = Kind::Created;
    Notification notification; // Created: the new one; Replayed: the first answer
    QByteArray wire; // notification.toWire() once the outbox made it (Created): for the
                     // answer and the live event
};

// One notification to store; requestHash identifies the body sent with an
// idempotency key.
struct EnqueueItem
{
    NotificationRequest request;
    QString idempotencyKey;
    QByteArray requestHash;
    // The token that sent the key: a key is unique per token, so another
    // producer's same key neither replays nor blocks this one's. Initialised
    // so that callers listing only the first three fields stay warning-free.
    QString tokenId = {};
};

// The order of a notification list; ties are broken by id, so every row
// has one place and a cursor continues exactly after it.
struct NotificationSort
{
    enum class Key { CreatedAt, UpdatedAt, CustomerName, OrderId };
    Key key = Key::CreatedAt;
    bool descending = true;

    // "created_at", "-updated_at", ...: nullopt for anything else.
    static std::optional<NotificationSort> fromName(const QString &name);
    QString name() const;
    static QStringList names(); // the keys, ascending
    bool operator==(const NotificationSort &other) const = default;
};

struct NotificationFilter
{
    QList<NotificationState> states; // any of these; empty: every state
    QString orderId;
    // Case- and accent-insensitive, over order id, customer, recipient (and
    // its digits), text and last error.
    QString text;
    int limit = 50;
    QString cursor; // opaque, from a previous page of the same sort
    NotificationSort sort;
};

struct NotificationPage
{
    QList<Notification> items;
    QString nextCursor; // empty on the last page
    qint64 total = 0; // rows matching the filter, on every page
    bool cursorRejected = false; // the cursor is not one a page of this sort gave
};

// A page of sessions or conversations in key order; nextCursor (opaque)
// continues after the last item, empty on the last page.
struct SessionPage
{
    QList<Session> items;
    QString nextCursor;
};

struct ConversationPage
{
    QList<Conversation> items;
    QString nextCursor;
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

} // namespace Vigia

#pragma once

#include "Notification.h"
#include "Session.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <optional>
#include <utility>

// What every store writes into and reads from a row the same way. The
// SQLite and PostgreSQL schemas keep the same columns, in the same order,
// with the same encodings (times as BIGINT milliseconds, flags as INTEGER,
// JSON as text), so a store migrated from one to the other copies rows as
// they are and one mapping serves both.
namespace Vigia::Rows {

qint64 ms(const QDateTime &t); // 0 for an invalid time
QVariant msOrNull(const QDateTime &t);
QDateTime fromMs(const QVariant &v); // invalid for NULL
QVariant textOrNull(const QString &s);
QString compactJson(const QJsonObject &o);
QJsonObject parseObject(const QVariant &v);

// The notification columns readNotifications() reads, in its order, and how many.
const QString &notificationColumns();
constexpr int kNotificationColumnCount = 22;

// A QSqlQuery read the way the SQLite store's raw statements are, so that
// notificationFromRow() serves both.
struct QueryRow
{
    const QSqlQuery &q;
    bool isNull(int i) const { return q.value(i).isNull(); }
    QString text(int i) const { return q.value(i).toString(); }
    qint64 int64(int i) const { return q.value(i).toLongLong(); }
    QDateTime time(int i) const { return fromMs(q.value(i)); }
};

// One row of notificationColumns().
template<typename Row>
Notification notificationFromRow(const Row &row)
{
    Notification n;
    n.id = row.text(0);
    n.idempotencyKey = row.text(1);
    n.channel = channelFromName(row.text(2)).value_or(Channel::WhatsApp);
    n.recipient = row.text(3);
    n.customerName = row.text(4);
    n.orderId = row.text(5);
    n.type = row.text(6);
    n.text = row.text(7);
    n.state = stateFromName(row.text(8)).value_or(NotificationState::Pending);
    n.attempts = int(row.int64(9));
    n.maxAttempts = int(row.int64(10));
    n.nextAttemptAt = row.time(11);
    n.lastError = row.text(12);
    n.createdAt = row.time(13);
    n.updatedAt = row.time(14);
    n.deliveredAt = row.time(15);
    if (!row.isNull(16)) {
        n.resolution =
                Resolution{resolutionMethodFromName(row.text(16)).value_or(ResolutionMethod::Other),
                           row.text(17), row.text(18), row.time(19)};
    }
    n.claimedBy = row.text(20);
    n.claimedUntil = row.time(21);
    return n;
}

// The notification as its 201 showed it: what a producer retrying with the
// same key gets again. Every field of that answer is one the row never
// changes, or its value at creation; keeping the answer's JSON beside them
// doubled each row, and every write of a delivery's outcome rewrote it.
Notification asFirstAnswered(Notification n);

// Rows of "kind, key, user_id, username, place, confirmed, entry_notified,
// data, exit_notice, started_ms, last_seen_ms", and of "user, flow, step,
// data, ttl_seconds, updated_ms, expires_ms".
QList<Session> readSessions(QSqlQuery &q);
QList<Conversation> readConversations(QSqlQuery &q);

// The session and conversation lists' page boundary: the last item's two key
// columns, opaque to clients (base64url of a JSON pair), the same on both
// stores. nullopt for anything a page did not give.
QString encodeKeyCursor(const QString &first, const QString &second);
std::optional<std::pair<QString, QString>> decodeKeyCursor(const QString &cursor);

} // namespace Vigia::Rows

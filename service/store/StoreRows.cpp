#include "StoreRows.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Vigia::Rows {

qint64 ms(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

QVariant msOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime fromMs(const QVariant &v)
{
    if (v.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject parseObject(const QVariant &v)
{
    return QJsonDocument::fromJson(v.toString().toUtf8()).object();
}

const QString &notificationColumns()
{
    static const QString columns = QStringLiteral(
            "id, idem_key, channel, recipient, customer_name, order_id, type, text, state,"
            " attempts, max_attempts, next_attempt_ms, last_error, created_ms, updated_ms,"
            " delivered_ms, resolution_method, resolution_by, resolution_note, resolution_ms,"
            " claimed_by, claimed_until_ms");
    return columns;
}

Notification asFirstAnswered(Notification n)
{
    n.state = NotificationState::Pending;
    n.attempts = 0;
    n.nextAttemptAt = n.createdAt;
    n.updatedAt = n.createdAt;
    n.lastError.clear();
    n.deliveredAt = QDateTime();
    n.resolution.reset();
    n.claimedBy.clear();
    n.claimedUntil = QDateTime();
    return n;
}

QList<Session> readSessions(QSqlQuery &q)
{
    QList<Session> out;
    while (q.next()) {
        Session s;
        s.kind = q.value(0).toString();
        s.key = q.value(1).toString();
        s.userId = q.value(2).toString();
        s.username = q.value(3).toString();
        s.where = q.value(4).toString();
        s.confirmed = q.value(5).toInt() != 0;
        s.entryNotified = q.value(6).toInt() != 0;
        s.data = parseObject(q.value(7));
        s.exitNotice = parseObject(q.value(8));
        s.startedAt = fromMs(q.value(9));
        s.lastSeenAt = fromMs(q.value(10));
        out.append(s);
    }
    return out;
}

QList<Conversation> readConversations(QSqlQuery &q)
{
    QList<Conversation> out;
    while (q.next()) {
        Conversation c;
        c.user = q.value(0).toString();
        c.flow = q.value(1).toString();
        c.step = q.value(2).toString();
        c.data = parseObject(q.value(3));
        c.ttlSeconds = q.value(4).toInt();
        c.updatedAt = fromMs(q.value(5));
        c.expiresAt = fromMs(q.value(6));
        out.append(c);
    }
    return out;
}

QString encodeKeyCursor(const QString &first, const QString &second)
{
    const QByteArray json = QJsonDocument(QJsonArray{first, second}).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(
            json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<std::pair<QString, QString>> decodeKeyCursor(const QString &cursor)
{
    const auto bytes = QByteArray::fromBase64Encoding(
            cursor.toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!bytes)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes);
    const QJsonArray keys = doc.array();
    if (!doc.isArray() || keys.size() != 2 || !keys.at(0).isString() || !keys.at(1).isString())
        return std::nullopt;
    return std::make_pair(keys.at(0).toString(), keys.at(1).toString());
}

} // namespace Vigia::Rows

#include "Session.h"

#include "Notification.h"

namespace Vigia {

namespace {
QJsonValue timeOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(toRfc3339(t)) : QJsonValue(QJsonValue::Null);
}
} // namespace

QJsonObject Session::toJson() const
{
    return {{QStringLiteral("kind"), kind},
            {QStringLiteral("key"), key},
            {QStringLiteral("user_id"), userId},
            {QStringLiteral("username"), username},
            {QStringLiteral("where"), where},
            {QStringLiteral("confirmed"), confirmed},
            {QStringLiteral("entry_notified"), entryNotified},
            {QStringLiteral("data"), data},
            {QStringLiteral("exit_notice"),
             exitNotice.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(exitNotice)},
            {QStringLiteral("started_at"), timeOrNull(startedAt)},
            {QStringLiteral("last_seen_at"), timeOrNull(lastSeenAt)},
            {QStringLiteral("suspect"), suspect}};
}

std::optional<Session> Session::fromJson(const QJsonObject &json)
{
    Session s;
    s.kind = json.value(QStringLiteral("kind")).toString();
    s.key = json.value(QStringLiteral("key")).toString();
    if (s.kind.isEmpty() || s.key.isEmpty())
        return std::nullopt;
    s.userId = json.value(QStringLiteral("user_id")).toString();
    s.username = json.value(QStringLiteral("username")).toString();
    s.where = json.value(QStringLiteral("where")).toString();
    s.confirmed = json.value(QStringLiteral("confirmed")).toBool();
    s.entryNotified = json.value(QStringLiteral("entry_notified")).toBool();
    s.data = json.value(QStringLiteral("data")).toObject();
    s.exitNotice = json.value(QStringLiteral("exit_notice")).toObject();
    s.startedAt = fromRfc3339(json.value(QStringLiteral("started_at")).toString());
    s.lastSeenAt = fromRfc3339(json.value(QStringLiteral("last_seen_at")).toString());
    s.suspect = json.value(QStringLiteral("suspect")).toBool();
    return s;
}

QJsonObject Conversation::toJson() const
{
    return {{QStringLiteral("user"), user},
            {QStringLiteral("flow"), flow},
            {QStringLiteral("step"), step},
            {QStringLiteral("data"), data},
            {QStringLiteral("ttl_seconds"), ttlSeconds},
            {QStringLiteral("updated_at"), timeOrNull(updatedAt)},
            {QStringLiteral("expires_at"), timeOrNull(expiresAt)}};
}

std::optional<Conversation> Conversation::fromJson(const QJsonObject &json)
{
    Conversation c;
    c.user = json.value(QStringLiteral("user")).toString();
    c.flow = json.value(QStringLiteral("flow")).toString();
    if (c.user.isEmpty() || c.flow.isEmpty())
        return std::nullopt;
    c.step = json.value(QStringLiteral("step")).toString();
    c.data = json.value(QStringLiteral("data")).toObject();
    c.ttlSeconds = json.value(QStringLiteral("ttl_seconds")).toInt();
    c.updatedAt = fromRfc3339(json.value(QStringLiteral("updated_at")).toString());
    c.expiresAt = fromRfc3339(json.value(QStringLiteral("expires_at")).toString());
    return c;
}

} // namespace Vigia

#include "Session.h"

#include "Notification.h"
#include "TimeCodec.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

namespace Vigia {

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

QString Session::shapeError(QString *field) const
{
    // A party is a game with its players: at least two of them.
    if (kind == QLatin1String("party")) {
        const QJsonValue players = data.value(QStringLiteral("players"));
        if (!players.isArray() || players.toArray().size() < 2) {
            *field = QStringLiteral("data.players");
            return QStringLiteral("a party needs data.players with at least 2 players");
        }
    }
    return {};
}

ReconcilePlan planReconcile(const QString &kind, const QList<Session> &existing,
                            const QList<PresentEntry> &present, const QDateTime &now)
{
    QHash<QString, Session> byKey;
    for (const Session &s : existing)
        byKey.insert(s.key, s);
    ReconcilePlan plan;
    QSet<QString> presentKeys;
    for (const PresentEntry &p : present) {
        if (presentKeys.contains(p.key))
            continue; // a key listed twice counts once
        presentKeys.insert(p.key);
        const auto it = byKey.constFind(p.key);
        if (it == byKey.constEnd()) {
            // Present without a session: a silent one, no entry notice owed.
            Session created;
            created.kind = kind;
            created.key = p.key;
            created.userId = p.userId;
            created.username = p.username;
            created.where = p.where;
            created.startedAt = now;
            created.lastSeenAt = now;
            plan.result.created.append(created);
            continue;
        }
        // Known: seen now; what the snapshot says overrides, blanks keep the old value.
        Session after = *it;
        after.lastSeenAt = now;
        if (!p.where.isEmpty())
            after.where = p.where;
        if (!p.userId.isEmpty())
            after.userId = p.userId;
        if (!p.username.isEmpty())
            after.username = p.username;
        plan.seen.append(after);
        // Filling in a place the session lacked is not a move.
        if (after.where != it->where && !it->where.isEmpty())
            plan.result.moved.append({*it, after});
    }
    for (const Session &s : existing) {
        if (!presentKeys.contains(s.key))
            plan.result.ended.append(s);
    }
    return plan;
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

#include "Incident.h"

#include "Notification.h"
#include "TimeCodec.h"

#include <QJsonArray>

namespace Vigia {

QString Incident::kindName(Kind kind)
{
    return kind == Kind::WebhookOnly ? QStringLiteral("WEBHOOK_ONLY")
                                     : QStringLiteral("TOTAL_COMMUNICATION_LOSS");
}

std::optional<Incident::Kind> Incident::kindFromName(const QString &name)
{
    if (name == QLatin1String("WEBHOOK_ONLY"))
        return Kind::WebhookOnly;
    if (name == QLatin1String("TOTAL_COMMUNICATION_LOSS"))
        return Kind::TotalCommunicationLoss;
    return std::nullopt;
}

QString Incident::reachedName(Reached reached)
{
    switch (reached) {
    case Reached::Customer: return QStringLiteral("customer");
    case Reached::Admin: return QStringLiteral("admin");
    case Reached::None: return QStringLiteral("none");
    }
    return {};
}

std::optional<Incident::Reached> Incident::reachedFromName(const QString &name)
{
    for (Reached r : {Reached::Customer, Reached::Admin, Reached::None}) {
        if (reachedName(r) == name)
            return r;
    }
    return std::nullopt;
}

QJsonObject Incident::toJson() const
{
    QJsonArray ids;
    for (const QString &id : notificationIds)
        ids.append(id);
    return {{QStringLiteral("id"), id},
            {QStringLiteral("kind"), kindName(kind)},
            {QStringLiteral("reached"), reachedName(reached)},
            {QStringLiteral("started_at"), toRfc3339(startedAt)},
            {QStringLiteral("ended_at"),
             endedAt.isValid() ? QJsonValue(toRfc3339(endedAt)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("duration_s"),
             endedAt.isValid() ? QJsonValue(startedAt.secsTo(endedAt))
                               : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("affected"), int(notificationIds.size())},
            {QStringLiteral("notification_ids"), ids},
            {QStringLiteral("resolution"),
             resolution.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(resolution)}};
}

std::optional<Incident> Incident::fromJson(const QJsonObject &json)
{
    Incident i;
    i.id = json.value(QStringLiteral("id")).toString();
    const auto kind = kindFromName(json.value(QStringLiteral("kind")).toString());
    const auto reached = reachedFromName(json.value(QStringLiteral("reached")).toString());
    if (i.id.isEmpty() || !kind || !reached)
        return std::nullopt;
    i.kind = *kind;
    i.reached = *reached;
    i.startedAt = fromRfc3339(json.value(QStringLiteral("started_at")).toString());
    i.endedAt = fromRfc3339(json.value(QStringLiteral("ended_at")).toString());
    const QJsonArray ids = json.value(QStringLiteral("notification_ids")).toArray();
    for (const QJsonValue v : ids)
        i.notificationIds << v.toString();
    i.resolution = json.value(QStringLiteral("resolution")).toString();
    return i;
}

} // namespace Vigia

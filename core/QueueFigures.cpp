#include "QueueFigures.h"

namespace Vigia {

qint64 QueueFigures::finished() const
{
    return count(NotificationState::Delivered) + count(NotificationState::Resolved);
}

std::optional<QueueFigures> QueueFigures::fromJson(const QJsonObject &json)
{
    const QJsonValue counts = json.value(QStringLiteral("counts"));
    if (!counts.isObject())
        return std::nullopt;
    QueueFigures f;
    const QJsonObject byName = counts.toObject();
    for (auto it = byName.constBegin(); it != byName.constEnd(); ++it) {
        // A state this console does not know (a newer vigiad) is left out.
        if (const auto state = stateFromName(it.key()))
            f.byState.insert(*state, it.value().toInteger());
    }
    const QJsonValue oldest = json.value(QStringLiteral("oldest_pending_age_s"));
    f.oldestPendingAgeS = oldest.isDouble() ? oldest.toInteger() : -1;
    const QJsonObject hour = json.value(QStringLiteral("last_hour")).toObject();
    f.attemptsLastHour = hour.value(QStringLiteral("attempts")).toInteger();
    f.deliveredLastHour = hour.value(QStringLiteral("delivered")).toInteger();
    f.failedLastHour = hour.value(QStringLiteral("failed")).toInteger();
    return f;
}

} // namespace Vigia

#pragma once

#include "Notification.h"

#include <QHash>
#include <QJsonObject>

#include <optional>

namespace Vigia {

// GET /v1/queue/stats as the console shows it: how many notifications are
// in each state, how long the oldest waiting one has waited, and the last
// hour's attempts.
struct QueueFigures
{
    QHash<NotificationState, qint64> byState;
    qint64 oldestPendingAgeS = -1; // -1: nothing waits
    qint64 attemptsLastHour = 0;
    qint64 deliveredLastHour = 0;
    qint64 failedLastHour = 0;

    qint64 count(NotificationState state) const { return byState.value(state); }
    // Delivered and resolved: what a cleanup may remove once old enough.
    qint64 finished() const;

    // nullopt when the answer is not a queue's figures (no "counts" object).
    static std::optional<QueueFigures> fromJson(const QJsonObject &json);
};

} // namespace Vigia

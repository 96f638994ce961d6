#pragma once

#include "CommunicationStatus.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <optional>

namespace Vigia {

// What one channel did in one bucket of time (a minute, an hour, a day).
struct ChannelActivity
{
    int enqueued = 0; // notifications accepted from producers
    int attempts = 0; // delivery attempts finished
    int delivered = 0; // attempts that delivered
    int retried = 0; // attempts that failed with another one to come
    int failed = 0; // notifications that used up their attempts
    int resolved = 0; // failures an operator closed
    // Enqueue to delivery, over what was delivered; -1 when nothing was.
    int latencyP50Ms = -1;
    int latencyP95Ms = -1;

    bool isEmpty() const { return enqueued + attempts + resolved + failed == 0; }
    // Sums the counts; the percentiles become the delivery-weighted mean of
    // the medians and the highest p95 (exact ones need every sample).
    void merge(const ChannelActivity &other);
    QJsonObject toJson() const;
    static ChannelActivity fromJson(const QJsonObject &json);
    friend bool operator==(const ChannelActivity &, const ChannelActivity &) = default;
};

// One bucket of vigiad's history: per-channel activity and, at its end, the
// queue (what waits and what failed) and the status.
struct HistoryBucket
{
    QDateTime at; // the bucket's start, UTC
    int stepS = 60;
    QMap<QString, ChannelActivity> channels; // by channel name
    int waiting = -1; // pending + sending at the bucket's end (the highest in a longer bucket)
    int failedTotal = -1; // failed and unresolved at the bucket's end
    StatusState state = StatusState::Unknown;

    ChannelActivity total() const;
    QJsonObject toJson() const;
    static std::optional<HistoryBucket> fromJson(const QJsonObject &json);
};

// A stretch of time in one status state; `to` is invalid while it lasts.
struct StatusPeriod
{
    QDateTime from;
    QDateTime to;
    StatusState state = StatusState::Unknown;
    QString reasonCode;

    QJsonObject toJson() const;
    static std::optional<StatusPeriod> fromJson(const QJsonObject &json);
};

} // namespace Vigia

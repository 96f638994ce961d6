#pragma once

#include "History.h"

#include <QList>

namespace Vigia {

// vigiad's history: a row per minute and channel of what happened, the
// queue at each minute's end, and the status' periods. Charts and the
// "while you were away" digest read it.
class HistoryStore
{
public:
    virtual ~HistoryStore() = default;

    // One minute (bucket.stepS == 60), in one transaction. Writing a minute
    // stored already adds its counts to it (a restart within the minute: each
    // run saves its part) and replaces its queue figures. The minute's hour
    // in the hourly rollup is brought up to date in the same transaction.
    virtual bool saveHistoryMinute(const HistoryBucket &minute) = 0;
    // The minutes in [from, to) (the minute holding `from` included) summed into buckets of stepS
    // seconds (a multiple of 60), oldest first; buckets with nothing recorded are left out.
    virtual QList<HistoryBucket> history(const QDateTime &from, const QDateTime &to, int stepS) = 0;
    // The same from the hourly rollup, which outlives the minutes: stepS a
    // multiple of 3600, the hour holding `from` included. An hour's p50
    // latency is its minutes' weighted by deliveries, its p95 the worst minute's.
    virtual QList<HistoryBucket> hourlyHistory(const QDateTime &from, const QDateTime &to,
                                               int stepS) = 0;
    // The status entered `state` at `at`; the previous period ends there.
    virtual bool saveStatusChange(const QDateTime &at, StatusState state,
                                  const QString &reasonCode) = 0;
    // The periods overlapping [from, to), oldest first.
    virtual QList<StatusPeriod> statusPeriods(const QDateTime &from, const QDateTime &to) = 0;
    // Retention: deletes up to `limit` minutes before minutesBefore, up to
    // `limit` hours before hoursBefore, and the status periods ended before
    // hoursBefore. How many rows went, -1 when the store failed.
    virtual int purgeHistory(const QDateTime &minutesBefore, const QDateTime &hoursBefore,
                             int limit) = 0;
};

} // namespace Vigia

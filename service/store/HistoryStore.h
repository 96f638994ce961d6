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

    // One minute (bucket.stepS == 60), in one transaction; writing the same
    // minute again replaces it.
    virtual bool saveHistoryMinute(const HistoryBucket &minute) = 0;
    // The minutes in [from, to) (the minute holding `from` included) summed into buckets of stepS
    // seconds (a multiple of 60), oldest first; buckets with nothing recorded are left out.
    virtual QList<HistoryBucket> history(const QDateTime &from, const QDateTime &to, int stepS) = 0;
    // The status entered `state` at `at`; the previous period ends there.
    virtual bool saveStatusChange(const QDateTime &at, StatusState state,
                                  const QString &reasonCode) = 0;
    // The periods overlapping [from, to), oldest first.
    virtual QList<StatusPeriod> statusPeriods(const QDateTime &from, const QDateTime &to) = 0;
    // Retention: deletes up to `limit` minutes (and status periods ended)
    // before olderThan. How many went, -1 when the store failed.
    virtual int purgeHistory(const QDateTime &olderThan, int limit) = 0;
};

} // namespace Vigia

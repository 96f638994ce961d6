#pragma once

#include "HistoryStore.h"
#include "PostgresSupport.h"

namespace Vigia {

// History on PostgreSQL: the SQLite store's tables and rules (a row per
// minute and channel, the hourly rollup rebuilt from the minutes, status
// periods). Each instance saves its own part of a minute and the parts add
// up, as two runs of one vigiad within a minute do; an advisory lock per
// hour serialises the savers, so no part is lost and the hour's rollup is
// rebuilt by one at a time.
class PostgresHistoryStore : public virtual HistoryStore, protected virtual PostgresConnection
{
public:
    bool saveHistoryMinute(const HistoryBucket &minute) override;
    QList<HistoryBucket> history(const QDateTime &from, const QDateTime &to, int stepS) override;
    QList<HistoryBucket> hourlyHistory(const QDateTime &from, const QDateTime &to,
                                       int stepS) override;
    bool saveStatusChange(const QDateTime &at, StatusState state,
                          const QString &reasonCode) override;
    QList<StatusPeriod> statusPeriods(const QDateTime &from, const QDateTime &to) override;
    int purgeHistory(const QDateTime &minutesBefore, const QDateTime &hoursBefore,
                     int limit) override;

    // The advisory lock's first key; the second is the hour (hours since the epoch).
    static constexpr int kHistoryLock = 0x76696703; // "vig", 3

protected:
    PostgresHistoryStore() = default;

private:
    struct Grain
    {
        const char *activity;
        const char *queue;
        const char *column;
        qint64 ms;
    };
    static const Grain kMinutes;
    static const Grain kHours;
    bool rollUpHour(qint64 hourMs);
    QList<HistoryBucket> read(const Grain &grain, const QDateTime &from, const QDateTime &to,
                              int stepS);
};

} // namespace Vigia

#pragma once

#include "HistoryStore.h"
#include "SqliteSupport.h"

namespace Vigia {

// History on SQLite: tables history_minutes, history_queue, status_periods.
class SqliteHistoryStore : public virtual HistoryStore, protected virtual SqliteConnection
{
public:
    bool saveHistoryMinute(const HistoryBucket &minute) override;
    QList<HistoryBucket> history(const QDateTime &from, const QDateTime &to, int stepS) override;
    bool saveStatusChange(const QDateTime &at, StatusState state,
                          const QString &reasonCode) override;
    QList<StatusPeriod> statusPeriods(const QDateTime &from, const QDateTime &to) override;
    int purgeHistory(const QDateTime &olderThan, int limit) override;

    // The history query, public so a test can check its plan.
    static QString historySql();

protected:
    SqliteHistoryStore() = default;
};

} // namespace Vigia

#pragma once

#include "HistoryStore.h"
#include "SqliteSupport.h"

namespace Vigia {

// History on SQLite: tables history_minutes and history_queue (a row per
// minute), history_hours and history_queue_hours (their hourly rollup),
// status_periods.
class SqliteHistoryStore : public virtual HistoryStore, protected virtual SqliteConnection
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

    // The history queries, public so a test can check their plans.
    static QString historySql();
    static QString hourlyHistorySql();
    // Rebuilds the hourly rollup of the hours in [fromMs, toMs) from the
    // minutes kept (inside the caller's transaction): each stored minute,
    // and once the migration that added the rollup.
    static bool rollUpHours(QSqlDatabase &db, qint64 fromMs, qint64 toMs, QString *error);

protected:
    SqliteHistoryStore() = default;

private:
    // Either grain: the activity and queue tables and their time column.
    struct Grain
    {
        const char *activity;
        const char *queue;
        const char *column;
        qint64 ms;
    };
    static const Grain kMinutes;
    static const Grain kHours;
    static QString activitySql(const Grain &grain);
    QList<HistoryBucket> read(const Grain &grain, const QDateTime &from, const QDateTime &to,
                              int stepS);
};

} // namespace Vigia

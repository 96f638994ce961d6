#pragma once

#include "History.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

#include <optional>

namespace Vigia {

// vigiad's history over the range the Charts tab shows: one row per bucket
// where something was recorded, oldest first (a missing bucket is a time
// vigiad was not running), and the status periods beside them. Loaded
// whole for a range (replaceAll), then fed minute by minute from the live
// feed (addMinute): a new bucket is appended, a minute of a longer bucket
// is merged into it, and the range slides forward, dropping what leaves it.
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryModel)

public:
    // The spans the console offers, each with its bucket size.
    // The week and longer read vigiad's hourly rollup (kept a year), the
    // shorter ranges its minutes (kept two weeks).
    enum class Range { LastHour, LastDay, LastWeek, LastMonth, LastYear };
    Q_ENUM(Range)
    static int stepSeconds(Range range);
    static qint64 spanSeconds(Range range);

    enum Column {
        TimeColumn,
        AttemptsColumn,
        DeliveredColumn,
        SuccessRateColumn,
        WaitingColumn,
        FailedColumn,
        StateColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        AtRole = Qt::UserRole, // QDateTime: the bucket's start, UTC
        StepRole, // int: the bucket's length in seconds
        AttemptsRole, // int: delivery attempts finished, every channel
        DeliveredRole, // int
        SuccessRateRole, // double: delivered / attempts in %; invalid without attempts
        WaitingRole, // int: the queue (pending + sending); invalid when unknown
        FailedTotalRole, // int: failed and unresolved; invalid when unknown
        StateRole, // int: the StatusState at the bucket's end
    };
    Q_ENUM(Role)

    explicit HistoryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Everything anew, for a range loaded from vigiad: from..to in buckets of
    // stepS seconds. Buckets outside the range or listed twice are left out.
    void replaceAll(const QDateTime &from, const QDateTime &to, int stepS,
                    const QList<HistoryBucket> &buckets, const QList<StatusPeriod> &periods);
    void clear();
    // A minute that ended (history.minute): its own row when the buckets are
    // minutes, else merged into the bucket it falls in. The range's end moves
    // to the minute's end and its start as far, dropping the rows that leave
    // it. A minute the range already counts is ignored (false).
    bool addMinute(const HistoryBucket &minute);

    QDateTime from() const { return m_from; }
    QDateTime to() const { return m_to; }
    int stepSeconds() const { return m_stepS; }
    // The row of the bucket that holds `at`; -1 when none was recorded.
    int rowOf(const QDateTime &at) const;
    const HistoryBucket &bucket(int row) const { return m_rows.at(row); }
    const QList<StatusPeriod> &periods() const { return m_periods; }
    // The share of the range the status was online, in % of the time the
    // periods cover; nothing when they cover none of it.
    std::optional<double> uptimePercent() const;
    // delivered / attempts in %, every channel; nothing without attempts.
    static std::optional<double> successRate(const HistoryBucket &bucket);
    // A state's short name, as the table and the chart's legend say it.
    static QString stateText(StatusState state);

Q_SIGNALS:
    // The periods or the range's bounds changed (the rows say so themselves).
    void periodsChanged();

private:
    qint64 keyOf(const QDateTime &at) const;
    int insertionRow(qint64 key) const;
    void insertRow(int row, const HistoryBucket &bucket);
    void dropRowsBefore(const QDateTime &from);
    void followState(const HistoryBucket &minute);
    QVariant displayData(const HistoryBucket &b, int column) const;

    QDateTime m_from;
    QDateTime m_to;
    int m_stepS = 60;
    // Minutes before this are in the rows already (loaded or added).
    QDateTime m_countedUntil;
    QList<HistoryBucket> m_rows; // oldest first
    // Bucket start (s since the epoch) -> m_top + row: rows leave from the
    // top as the range slides, without renumbering the others.
    QHash<qint64, qint64> m_slots;
    qint64 m_top = 0;
    QList<StatusPeriod> m_periods;
};

} // namespace Vigia

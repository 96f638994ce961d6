#pragma once

#include "Clock.h"
#include "Incident.h"

#include "KeyedRows.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace Vigia {

// Communication incidents, newest first, fed incrementally from the snapshot
// and the live feed. An incident is reported again whenever it grows or
// closes, so upsert() updates its row in place.
class IncidentModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentModel)

public:
    enum Column {
        KindColumn,
        StartedColumn,
        EndedColumn,
        DurationColumn,
        ReachedColumn,
        AffectedColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole,
        KindRole, // the API name: WEBHOOK_ONLY or TOTAL_COMMUNICATION_LOSS
        OpenRole, // bool: not ended yet
        StartedAtRole,
        NotificationIdsRole, // QStringList
        SortRole,
    };
    Q_ENUM(Role)

    static constexpr int DefaultCapacity = 500;

    // clock decides the duration of open incidents; capacity bounds the rows kept.
    explicit IncidentModel(const Clock *clock, int capacity = DefaultCapacity,
                           QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Inserts a new incident at its place by start time (normally the top) or
    // updates the existing row. A report older than the row (an open incident
    // the row already shows as closed, or fewer affected notifications) is ignored.
    void upsert(const Incident &incident);
    // Replaces everything: for the first load and after a resync only.
    void replaceAll(const QList<Incident> &incidents);
    void clear();
    // Open incidents' durations move with time; the view calls this on a timer.
    void refreshDurations();

    std::optional<Incident> incident(const QString &id) const;
    // Every row, newest first: a shared copy (O(1)) for the console's local snapshot.
    const QList<Incident> &rows() const { return m_rows.rows(); }
    int rowOf(const QString &id) const;
    int openCount() const { return m_openCount; }
    int capacity() const { return m_capacity; }

Q_SIGNALS:
    void openCountChanged(int open);

private:
    static bool isOlderReport(const Incident &incoming, const Incident &shown);
    static bool startsBefore(const Incident &a, const Incident &b);
    int insertionRow(const Incident &incident) const;
    void trimToCapacity();
    void updateOpenCount();
    QString durationText(const Incident &incident) const;

    const Clock *m_clock;
    int m_capacity;
    struct IdOf
    {
        QString operator()(const Incident &row) const { return row.id; }
    };
    KeyedRows<Incident, IdOf> m_rows; // newest first
    int m_openCount = 0;
};

} // namespace Vigia

#pragma once

#include "AuditEntry.h"

#include "KeyedRows.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace Vigia {

// The audit log, newest first, bounded: the console keeps the last
// capacity() entries and drops the oldest one row at a time as new ones
// arrive from the live feed.
class AuditModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditModel)

public:
    enum Column { TimeColumn, ActorColumn, ActionColumn, TargetColumn, OutcomeColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole,
        AtRole,
        ActionRole, // the API name, untranslated
        SucceededRole, // bool: outcome is "ok"
        DetailRole, // QVariantMap
        SortRole,
    };
    Q_ENUM(Role)

    static constexpr int DefaultCapacity = 1000;

    explicit AuditModel(int capacity = DefaultCapacity, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Inserts by time (normally at the top) or updates the row with this id;
    // then drops the oldest rows beyond capacity(). record.id must not be empty.
    void upsert(const AuditEntry &record);
    // Replaces everything: for the first load and after a resync only.
    void replaceAll(const QList<AuditEntry> &records);
    void clear();

    std::optional<AuditEntry> record(const QString &id) const;
    int rowOf(const QString &id) const;
    int capacity() const { return m_capacity; }

    // The operator-facing name of an API action ("bot_restart" → "Restart bot").
    static QString actionText(const QString &action);
    // "OK", or "Failed" with the most useful reason the entry carries.
    static QString outcomeText(const AuditEntry &record);

private:
    int insertionRow(const AuditEntry &record) const;
    void trimToCapacity();

    int m_capacity;
    struct IdOf
    {
        QString operator()(const AuditEntry &row) const { return row.id; }
    };
    KeyedRows<AuditEntry, IdOf> m_rows; // newest first
};

} // namespace Vigia

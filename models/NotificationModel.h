#pragma once

#include "Clock.h"
#include "KeyedRows.h"
#include "Notification.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

namespace Vigia {

// Notifications in a table, fed incrementally: each change from the live
// feed becomes one insert, update or removal. Rows are found by id in O(1).
class NotificationModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationModel)

public:
    enum Column {
        OrderColumn,
        CustomerColumn,
        ChannelColumn,
        RecipientColumn,
        TypeColumn,
        StateColumn, // hidden where every row has the same state (the Failed tab)
        AttemptsColumn,
        AgeColumn,
        LastErrorColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole,
        StateRole,
        CreatedAtRole,
        OrderIdRole,
        StaleRole, // shown data may be out of date: the console is not live
        SortRole,
    };
    Q_ENUM(Role)

    // clock decides the Age column; states chooses which notifications belong here.
    explicit NotificationModel(const Clock *clock, QSet<NotificationState> states,
                               QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Adds, updates or removes the row, depending on whether the
    // notification's state belongs in this model.
    void upsert(const Notification &notification);
    void remove(const QString &id);
    // Replaces everything: for the first load and after a resync only.
    void replaceAll(const QList<Notification> &notifications);
    void setStale(bool stale);
    bool isStale() const { return m_stale; }
    // The Age column moves with time; the view calls this on a timer.
    void refreshAges();

    std::optional<Notification> notification(const QString &id) const;
    int rowOf(const QString &id) const { return m_rows.rowOf(id); }
    QStringList ids() const;

private:
    bool accepts(const Notification &n) const { return m_states.contains(n.state); }
    QString ageText(const QDateTime &since) const;
    static QString channelText(Channel channel);
    static QString stateText(NotificationState state);

    const Clock *m_clock;
    QSet<NotificationState> m_states;
    struct IdOf
    {
        QString operator()(const Notification &n) const { return n.id; }
    };
    KeyedRows<Notification, IdOf> m_rows;
    bool m_stale = true;
};

} // namespace Vigia

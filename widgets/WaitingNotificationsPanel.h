#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace Vigia {

class NotificationModel;

// What waits to be sent (pending or sending), oldest first. Read-only: a
// waiting notification needs no operator yet; when it fails it moves to the
// Failed tab, where the actions are. The list is the server's, a page at a
// time, and so is its search (searchRequested), as in the Failed tab.
class WaitingNotificationsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WaitingNotificationsPanel)

public:
    explicit WaitingNotificationsPanel(NotificationModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QLineEdit *searchBox() const { return m_search; }
    // The current search's matches; -1 when there is no search.
    void setMatchCount(qint64 count, bool atLeast);
    // Whether deliveries are held by an outage: said above the table.
    void setHeld(bool held);

Q_SIGNALS:
    // Debounced: the text the server should match; empty for every row.
    void searchRequested(const QString &text);
    // The operator sorted by a column the server can sort by: its field, as
    // NotificationModel::serverSort() names it.
    void sortRequested(const QString &field, bool descending);

private:
    void onSortIndicatorChanged(int column, Qt::SortOrder order);

    NotificationModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_search;
    QTimer *m_searchDebounce;
    QLabel *m_matches;
    QLabel *m_hint;
    QTimer *m_ageTimer;
    // What the header shows; oldest first until the operator chooses.
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
};

} // namespace Vigia

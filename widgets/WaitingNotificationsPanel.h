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
// Failed tab, where the actions are.
class WaitingNotificationsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WaitingNotificationsPanel)

public:
    explicit WaitingNotificationsPanel(NotificationModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    // Whether deliveries are held by an outage: said above the table.
    void setHeld(bool held);

private:
    NotificationModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_search;
    QLabel *m_hint;
    QTimer *m_ageTimer;
};

} // namespace Vigia

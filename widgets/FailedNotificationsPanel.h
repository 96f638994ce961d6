#pragma once

#include <QWidget>

class QAbstractItemModel;
class QCheckBox;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace Vigia {

class NotificationModel;
class OrderFilterModel;

// The failed-notifications table with its actions. Emits what the operator
// asked for; carrying it out is someone else's job.
class FailedNotificationsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailedNotificationsPanel)

public:
    explicit FailedNotificationsPanel(NotificationModel *model, QWidget *parent = nullptr);

    // Buttons the caller's role may not use stay disabled, with the reason as tooltip.
    void setActionsAllowed(bool canRetry, bool canResolve, const QString &why);
    QStringList selectedIds() const;
    void selectId(const QString &id);
    QTableView *view() const { return m_view; }
    // Shows only notifications that belong to an order: the ones the banner
    // counts as affected.
    void setOnlyOrders(bool onlyOrders);
    bool onlyOrders() const;

Q_SIGNALS:
    void retryRequested(const QStringList &ids);
    void resolveRequested(const QStringList &ids, const QString &method, const QString &note);

private:
    void updateButtons();
    void askToResolve();

    NotificationModel *m_model;
    OrderFilterModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_search;
    QCheckBox *m_onlyOrders;
    QPushButton *m_retry;
    QPushButton *m_resolve;
    QTimer *m_ageTimer;
    bool m_canRetry = false;
    bool m_canResolve = false;
    QString m_whyNot;
};

} // namespace Vigia

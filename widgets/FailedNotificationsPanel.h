#pragma once

#include "AuditEntry.h"
#include "Notification.h"
#include "NotificationDetailsPane.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QMenu;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTimer;

namespace Vigia {

class NotificationDetailsPane;
class NotificationModel;
class OrderFilterModel;

// The failed-notifications table with its actions and, beside it, the
// details of the current row. The list is the server's, a page at a time:
// searching and sorting are asked of the server (searchRequested,
// sortRequested). Emits what the operator asked for; carrying it out is
// someone else's job.
class FailedNotificationsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailedNotificationsPanel)

public:
    explicit FailedNotificationsPanel(NotificationModel *model, QWidget *parent = nullptr);

    // Buttons the caller's role may not use stay disabled, with the reason as tooltip.
    void setActionsAllowed(bool canRetry, bool canResolve, const QString &why);
    // Mark contacted while not live: the console keeps the action and sends
    // it when the link is back (it has a local file for this server).
    void setResolveOffline(bool allowed);
    QStringList selectedIds() const;
    void selectId(const QString &id);
    QTableView *view() const { return m_view; }
    QLineEdit *searchBox() const { return m_search; }
    NotificationDetailsPane *detailsPane() const { return m_details; }
    // "Loading more…" under the table while the next page is on its way.
    QLabel *loadingMoreLabel() const { return m_loadingMore; }
    // Shows only notifications that belong to an order: the ones the banner
    // counts as affected.
    void setOnlyOrders(bool onlyOrders);
    bool onlyOrders() const;
    // Every failure on the server (what "Retry all" would queue again).
    void setTotal(qint64 total, bool atLeast);
    // The current search's matches; -1 when there is no search.
    void setMatchCount(qint64 count, bool atLeast);
    // The details of the current row, as loaded for detailsRequested().
    void showDetails(const Notification &notification, const QList<AuditEntry> &audit);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    void retryRequested(const QStringList &ids);
    void retryAllRequested();
    void resolveRequested(const QStringList &ids, const QString &method, const QString &note);
    // Debounced: the text the server should match; empty for every failure.
    void searchRequested(const QString &text);
    // A header clicked: the server's field (NotificationModel::sortField).
    void sortRequested(const QString &field, bool descending);
    // The current row changed (empty: none): load its details.
    void detailsRequested(const QString &id);
    void openChatRequested(const QUrl &url);
    // "I'm handling this" for the current row, and its end.
    void claimRequested(const QString &id);
    void releaseRequested(const QString &id);

private:
    void updateButtons();
    // The details pane's claim line and buttons for the current row.
    void updateClaim();
    void askToResolve();
    void askToRetryAll();
    void onSortIndicatorChanged(int column, Qt::SortOrder order);
    void onCurrentChanged();
    void showContextMenu(const QPoint &at);
    void keepSelectionInView();
    QString currentId() const;
    void copyFromCurrent(bool phone);
    QWidget *buildBar();
    void setUpView();
    void setUpSearch();
    void setUpActions();
    void keepRowsInPlace(const QModelIndex &parent, int first, int last);
    QWidget *buildTable();
    // "Loading more…" at the foot of the table's rows, over them.
    void placeLoadingMore();

    NotificationModel *m_model;
    OrderFilterModel *m_proxy;
    QTableView *m_view;
    NotificationDetailsPane *m_details;
    QSplitter *m_splitter;
    QLineEdit *m_search;
    QTimer *m_searchDebounce;
    QLabel *m_matches;
    QLabel *m_loadingMore;
    QCheckBox *m_onlyOrders;
    QPushButton *m_retry;
    QPushButton *m_resolve;
    QPushButton *m_retryAll;
    QTimer *m_ageTimer;
    bool m_canRetry = false;
    bool m_canResolve = false;
    bool m_resolveOffline = false;
    QString m_whyNot;
    qint64 m_total = 0;
    bool m_totalAtLeast = false;
    QString m_currentId;
    ClaimView m_claim; // what the pane shows for the current row; the menu offers the same
    QMenu *m_menu;
    int m_sortColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

} // namespace Vigia

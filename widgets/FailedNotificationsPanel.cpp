#include "FailedNotificationsPanel.h"

#include "FilterModels.h"

#include "NotificationModel.h"
#include "ResolveDialog.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Vigia {

FailedNotificationsPanel::FailedNotificationsPanel(NotificationModel *model, QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_proxy(new OrderFilterModel(this)),
      m_view(new QTableView(this)),
      m_search(new QLineEdit(this)),
      m_onlyOrders(new QCheckBox(tr("Only &orders"), this)),
      m_retry(new QPushButton(QIcon(QStringLiteral(":/icons/retry.svg")), tr("&Retry"), this)),
      m_resolve(new QPushButton(QIcon(QStringLiteral(":/icons/resolve.svg")),
                                tr("Mark &contacted…"), this)),
      m_ageTimer(new QTimer(this))
{
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(NotificationModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_view->setObjectName(QStringLiteral("failedTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(NotificationModel::AgeColumn, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setWordWrap(false);
    m_view->setAccessibleName(tr("Failed notifications"));
    // Every row here is failed: the column would only repeat it.
    m_view->setColumnHidden(NotificationModel::StateColumn, true);

    m_search->setPlaceholderText(tr("Filter by order, customer, phone, type or error"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_onlyOrders->setObjectName(QStringLiteral("onlyOrdersToggle"));
    m_onlyOrders->setToolTip(tr("Show only notifications that belong to an order"));
    connect(m_onlyOrders, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setOnlyOrders(on);
        updateButtons();
    });

    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_resolve->setObjectName(QStringLiteral("resolveButton"));
    connect(m_retry, &QPushButton::clicked, this, [this] {
        const QStringList ids = selectedIds();
        if (!ids.isEmpty())
            Q_EMIT retryRequested(ids);
    });
    connect(m_resolve, &QPushButton::clicked, this, &FailedNotificationsPanel::askToResolve);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FailedNotificationsPanel::updateButtons);
    connect(m_proxy, &QAbstractItemModel::modelReset, this,
            &FailedNotificationsPanel::updateButtons);
    // Fit the columns to what is shown once a snapshot arrives; after that
    // the operator's own widths win.
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_view->resizeColumnsToContents();
        m_view->horizontalHeader()->setStretchLastSection(true);
    });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this,
            &FailedNotificationsPanel::updateButtons);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this,
            &FailedNotificationsPanel::updateButtons);

    // Ages are relative to now, so they move on their own.
    m_ageTimer->setInterval(15000);
    connect(m_ageTimer, &QTimer::timeout, m_model, &NotificationModel::refreshAges);
    m_ageTimer->start();

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_onlyOrders);
    bar->addWidget(m_retry);
    bar->addWidget(m_resolve);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    updateButtons();
}

void FailedNotificationsPanel::setActionsAllowed(bool canRetry, bool canResolve, const QString &why)
{
    m_canRetry = canRetry;
    m_canResolve = canResolve;
    m_whyNot = why;
    updateButtons();
}

QStringList FailedNotificationsPanel::selectedIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows)
        ids << row.data(NotificationModel::IdRole).toString();
    return ids;
}

void FailedNotificationsPanel::selectId(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->select(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void FailedNotificationsPanel::setOnlyOrders(bool onlyOrders)
{
    m_onlyOrders->setChecked(onlyOrders); // toggled() applies it
}

bool FailedNotificationsPanel::onlyOrders() const
{
    return m_proxy->onlyOrders();
}

void FailedNotificationsPanel::updateButtons()
{
    const bool hasSelection = m_view->selectionModel() && m_view->selectionModel()->hasSelection();
    const bool live = !m_model->isStale();
    m_retry->setEnabled(m_canRetry && hasSelection && live);
    m_resolve->setEnabled(m_canResolve && hasSelection && live);
    auto tip = [&](bool allowed, const QString &what) {
        if (!allowed)
            return m_whyNot;
        if (!live)
            return tr("Not connected: reconnect to act on live data");
        if (!hasSelection)
            return tr("Select one or more rows to %1").arg(what);
        return QString();
    };
    m_retry->setToolTip(tip(m_canRetry, tr("send them again now")));
    m_resolve->setToolTip(tip(m_canResolve, tr("record that the customer was reached")));
}

void FailedNotificationsPanel::askToResolve()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    auto *dialog = new ResolveDialog(int(ids.size()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, ids] {
        Q_EMIT resolveRequested(ids, dialog->method(), dialog->note());
    });
    dialog->open();
}

} // namespace Vigia

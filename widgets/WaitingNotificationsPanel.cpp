#include "WaitingNotificationsPanel.h"

#include "NotificationModel.h"
#include "TableLayout.h"
#include "VigiaPalette.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Vigia {

WaitingNotificationsPanel::WaitingNotificationsPanel(NotificationModel *model, QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_proxy(new QSortFilterProxyModel(this)),
      m_view(new QTableView(this)),
      m_search(new QLineEdit(this)),
      m_hint(new QLabel(this)),
      m_ageTimer(new QTimer(this))
{
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(NotificationModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterRole(NotificationModel::FilterRole); // a type by its name or its code
    m_view->setObjectName(QStringLiteral("waitingTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSortingEnabled(true);
    // Oldest first: the one that has waited longest is the one to watch.
    m_view->sortByColumn(NotificationModel::AgeColumn, Qt::DescendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setWordWrap(false);
    m_view->setAccessibleName(tr("Waiting notifications"));
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        TableLayout::fitColumns(m_view);
        m_view->horizontalHeader()->setStretchLastSection(true);
    });
    TableLayout::fitOnFirstRows(m_view);

    m_search->setPlaceholderText(tr("Filter by order, customer, phone, type or error"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_hint->setObjectName(QStringLiteral("waitingHint"));
    m_hint->setWordWrap(true);
    QPalette hintPalette = m_hint->palette();
    hintPalette.setColor(QPalette::WindowText, VigiaPalette::color(VigiaPalette::Role::HintText));
    m_hint->setPalette(hintPalette);
    setHeld(false);

    m_ageTimer->setInterval(15000);
    connect(m_ageTimer, &QTimer::timeout, m_model, &NotificationModel::refreshAges);
    m_ageTimer->start();

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_hint);
    layout->addWidget(m_view, 1);
}

void WaitingNotificationsPanel::setHeld(bool held)
{
    m_hint->setText(held ? tr("Deliveries are held by the outage: these are sent one trial at a "
                              "time until the gateway works again. A notification that fails "
                              "moves to the Failed tab.")
                         : tr("Waiting for their first attempt, a retry, or being sent now. A "
                              "notification that fails moves to the Failed tab."));
}

} // namespace Vigia

#include "WaitingNotificationsPanel.h"

#include "NotificationModel.h"
#include "TableLayout.h"
#include "VigiaPalette.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QSignalBlocker>
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
      m_searchDebounce(new QTimer(this)),
      m_matches(new QLabel(this)),
      m_hint(new QLabel(this)),
      m_ageTimer(new QTimer(this)),
      m_sortColumn(NotificationModel::AgeColumn)
{
    // The rows come in the server's order, which sorts every waiting row,
    // not only the pages loaded: the proxy only keeps the view off the model.
    m_proxy->setSourceModel(model);
    m_view->setObjectName(QStringLiteral("waitingTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    // A selected row bolds every header label (highlighted sections), wider
    // than the fitted widths allow for: in Spanish the labels were cut.
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSortingEnabled(false);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    // Oldest first: the one that has waited longest is the one to watch.
    header->setSortIndicator(m_sortColumn, m_sortOrder);
    connect(header, &QHeaderView::sortIndicatorChanged, this,
            &WaitingNotificationsPanel::onSortIndicatorChanged);
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

    // Asked of the server, which matches every waiting row (ignoring case
    // and accents), not only the pages loaded.
    m_search->setObjectName(QStringLiteral("waitingSearch"));
    m_search->setPlaceholderText(tr("Search order, customer, phone, text or error (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search waiting notifications"));
    m_search->setClearButtonEnabled(true);
    m_searchDebounce->setSingleShot(true);
    m_searchDebounce->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchDebounce, qOverload<>(&QTimer::start));
    connect(m_searchDebounce, &QTimer::timeout, this,
            [this] { Q_EMIT searchRequested(m_search->text().trimmed()); });
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    m_matches->setObjectName(QStringLiteral("waitingMatches"));
    m_matches->setVisible(false);

    m_hint->setObjectName(QStringLiteral("waitingHint"));
    m_hint->setWordWrap(true);
    QPalette hintPalette = m_hint->palette();
    hintPalette.setColor(QPalette::WindowText, VigiaPalette::color(VigiaPalette::Role::HintText));
    m_hint->setPalette(hintPalette);
    setHeld(false);

    m_ageTimer->setInterval(15000);
    connect(m_ageTimer, &QTimer::timeout, this, [this] {
        // The rows on screen; the others read their age when they are shown.
        const auto [first, last] = TableLayout::shownSourceRows(m_view);
        if (first <= last)
            m_model->refreshAges(first, last);
    });
    m_ageTimer->start();

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(m_matches);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_hint);
    layout->addWidget(m_view, 1);
}

void WaitingNotificationsPanel::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    bool descending = false;
    const QString field = NotificationModel::serverSort(column, order, &descending);
    if (field.isEmpty()) {
        // Only the server can sort every waiting row; by this column it cannot.
        const QSignalBlocker blocker(m_view->horizontalHeader());
        m_view->horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    Q_EMIT sortRequested(field, descending);
}

void WaitingNotificationsPanel::setMatchCount(qint64 count, bool atLeast)
{
    if (count < 0) {
        m_matches->clear();
        m_matches->setVisible(false);
        return;
    }
    m_matches->setText(atLeast ? tr("%Ln+ match(es)", nullptr, int(count))
                               : tr("%Ln match(es)", nullptr, int(count)));
    m_matches->setVisible(true);
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

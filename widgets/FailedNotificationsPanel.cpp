#include "FailedNotificationsPanel.h"

#include "FilterModels.h"
#include "NotificationDetailsPane.h"
#include "NotificationModel.h"
#include "ResolveDialog.h"
#include "TableLayout.h"
#include "VigiaPalette.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <limits>

namespace Vigia {

namespace {
// The order filter, with the "handled by" text in its palette role.
class FailedProxy final : public OrderFilterModel
{
public:
    explicit FailedProxy(QObject *parent) : OrderFilterModel(parent) { }
    Q_DISABLE_COPY_MOVE(FailedProxy)

    QVariant data(const QModelIndex &index, int role) const override
    {
        // The model says who handles a row; the colour for it is the palette's business.
        if (role == Qt::ForegroundRole && index.column() == NotificationModel::ClaimColumn) {
            switch (NotificationModel::PendingMark(
                    index.data(NotificationModel::PendingMarkRole).toInt())) {
            case NotificationModel::PendingMark::Queued:
            case NotificationModel::PendingMark::Sending:
                return VigiaPalette::color(VigiaPalette::Role::PendingText);
            case NotificationModel::PendingMark::Refused:
                return VigiaPalette::color(VigiaPalette::Role::RefusedText);
            case NotificationModel::PendingMark::None: break;
            }
            if (!index.data(NotificationModel::ClaimedByRole).toString().isEmpty())
                return VigiaPalette::color(VigiaPalette::Role::ClaimText);
        }
        // A pending action is news the operator made: upright, even on stale rows.
        if (role == Qt::FontRole && index.column() == NotificationModel::ClaimColumn
            && index.data(NotificationModel::PendingMarkRole).toInt() != 0) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return OrderFilterModel::data(index, role);
    }
};
} // namespace

FailedNotificationsPanel::FailedNotificationsPanel(NotificationModel *model, QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_proxy(new FailedProxy(this)),
      m_view(new QTableView(this)),
      m_details(new NotificationDetailsPane(this)),
      m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_search(new QLineEdit(this)),
      m_searchDebounce(new QTimer(this)),
      m_matches(new QLabel(this)),
      m_loadingMore(new QLabel(tr("Loading more…"), this)),
      m_onlyOrders(new QCheckBox(tr("Only &orders"), this)),
      m_retry(new QPushButton(QIcon(QStringLiteral(":/icons/retry.svg")), tr("&Retry"), this)),
      m_resolve(new QPushButton(QIcon(QStringLiteral(":/icons/resolve.svg")),
                                tr("Mark &contacted…"), this)),
      m_retryAll(new QPushButton(tr("Retry &all…"), this)),
      m_ageTimer(new QTimer(this)),
      m_menu(new QMenu(this)),
      m_sortColumn(NotificationModel::AgeColumn)
{
    setUpView();
    setUpSearch();
    setUpActions();
    connect(m_details, &NotificationDetailsPane::openChatRequested, this,
            &FailedNotificationsPanel::openChatRequested);
    connect(m_details, &NotificationDetailsPane::claimRequested, this, [this] {
        if (const QString id = currentId(); !id.isEmpty())
            Q_EMIT claimRequested(id);
    });
    connect(m_details, &NotificationDetailsPane::releaseRequested, this, [this] {
        if (const QString id = currentId(); !id.isEmpty())
            Q_EMIT releaseRequested(id);
    });

    // Ages are relative to now, so they move on their own.
    m_ageTimer->setInterval(15000);
    connect(m_ageTimer, &QTimer::timeout, this, [this] {
        // The rows on screen; the others read their age when they are shown.
        const auto [first, last] = TableLayout::shownSourceRows(m_view);
        if (first <= last)
            m_model->refreshAges(first, last);
    });
    m_ageTimer->start();

    m_splitter->setObjectName(QStringLiteral("failedSplitter"));
    m_splitter->addWidget(buildTable());
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildBar());
    layout->addWidget(m_splitter, 1);
    updateButtons();
}

QWidget *FailedNotificationsPanel::buildTable()
{
    // While the model waits for its next page, a line over the foot of the
    // table says so: scrolling to the end is not the end of the list. Over
    // the table, not under it in a layout: showing and hiding it for each of
    // 500 pages would lay out the whole window again each time (30-50 ms
    // with 100,000 rows loaded).
    m_loadingMore->setParent(m_view);
    m_loadingMore->setObjectName(QStringLiteral("failedLoadingMore"));
    m_loadingMore->setAlignment(Qt::AlignCenter);
    m_loadingMore->setAutoFillBackground(true);
    m_loadingMore->setFrameShape(QFrame::StyledPanel);
    m_loadingMore->setMargin(4);
    m_loadingMore->setAccessibleName(tr("Loading the next page of failed notifications"));
    m_view->viewport()->installEventFilter(this);
    placeLoadingMore();
    m_loadingMore->setVisible(m_model->isFetching());
    connect(m_model, &NotificationModel::fetchingChanged, this, [this](bool fetching) {
        if (fetching) {
            placeLoadingMore();
            m_loadingMore->raise();
        }
        m_loadingMore->setVisible(fetching);
    });
    return m_view;
}

void FailedNotificationsPanel::placeLoadingMore()
{
    const QRect area = m_view->viewport()->geometry();
    const QSize size = m_loadingMore->sizeHint();
    m_loadingMore->setGeometry(area.center().x() - size.width() / 2,
                               area.bottom() - size.height() - 4, size.width(), size.height());
}

bool FailedNotificationsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        placeLoadingMore();
    return QWidget::eventFilter(watched, event);
}

void FailedNotificationsPanel::setUpView()
{
    // The rows come in the server's order; the proxy only hides rows without an order.
    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("failedTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    // A selected row bolds every header label (highlighted sections), wider
    // than the fitted widths allow for: in Spanish the labels were cut.
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    // Tab leaves the table for the next control; arrows move within it.
    m_view->setTabKeyNavigation(false);
    m_view->setSortingEnabled(false);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(m_sortColumn, m_sortOrder);
    connect(header, &QHeaderView::sortIndicatorChanged, this,
            &FailedNotificationsPanel::onSortIndicatorChanged);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setWordWrap(false);
    m_view->setAccessibleName(tr("Failed notifications"));
    // Every row here is failed: the column would only repeat it.
    m_view->setColumnHidden(NotificationModel::StateColumn, true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this,
            &FailedNotificationsPanel::showContextMenu);
    // Enter or a double click: read the whole story beside the table.
    const auto focusDetails = [this] { m_details->setFocus(Qt::OtherFocusReason); };
    connect(m_view, &QAbstractItemView::activated, this, focusDetails);
    connect(m_view, &QAbstractItemView::doubleClicked, this, focusDetails);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FailedNotificationsPanel::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &FailedNotificationsPanel::onCurrentChanged);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        updateButtons();
        onCurrentChanged();
        // Fit the columns to what is shown once a list arrives; after that
        // the operator's own widths win.
        TableLayout::fitColumns(m_view);
        m_view->horizontalHeader()->setStretchLastSection(true);
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            &FailedNotificationsPanel::keepRowsInPlace);
    TableLayout::fitOnFirstRows(m_view);
    // Beside the details pane on a laptop's 1024 px, every column up to the
    // type stays in sight: a longer name, claim or type is elided (its
    // tooltip, and the pane, have it whole). A phone number is read whole.
    TableLayout::limitFittedWidth(m_view, m_view->fontMetrics().averageCharWidth() * 19,
                                  {NotificationModel::RecipientColumn});
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, [this] {
        updateButtons();
        onCurrentChanged();
    });
    connect(m_proxy, &QAbstractItemModel::dataChanged, this,
            &FailedNotificationsPanel::updateButtons);
}

void FailedNotificationsPanel::setUpSearch()
{
    m_search->setObjectName(QStringLiteral("failedSearch"));
    m_search->setPlaceholderText(tr("Search order, customer, phone, text or error (Ctrl+F)"));
    m_search->setAccessibleName(tr("Search failed notifications"));
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
    m_matches->setObjectName(QStringLiteral("failedMatches"));
    m_matches->setVisible(false);
    m_onlyOrders->setObjectName(QStringLiteral("onlyOrdersToggle"));
    m_onlyOrders->setToolTip(tr("Show only notifications that belong to an order"));
    connect(m_onlyOrders, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setOnlyOrders(on);
        updateButtons();
    });
}

void FailedNotificationsPanel::setUpActions()
{
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_resolve->setObjectName(QStringLiteral("resolveButton"));
    m_retryAll->setObjectName(QStringLiteral("retryAllButton"));
    m_retry->setAccessibleName(tr("Retry the selected notifications"));
    m_resolve->setAccessibleName(tr("Mark the selected notifications as contacted"));
    m_retryAll->setAccessibleName(tr("Retry every failed notification"));
    connect(m_retry, &QPushButton::clicked, this, [this] {
        const QStringList ids = selectedIds();
        if (!ids.isEmpty())
            Q_EMIT retryRequested(ids);
    });
    connect(m_resolve, &QPushButton::clicked, this, &FailedNotificationsPanel::askToResolve);
    connect(m_retryAll, &QPushButton::clicked, this, &FailedNotificationsPanel::askToRetryAll);
}

void FailedNotificationsPanel::keepRowsInPlace(const QModelIndex &, int first, int last)
{
    // Rows that arrive above what the operator looks at push nothing out of
    // sight: the view keeps its rows in place.
    QScrollBar *bar = m_view->verticalScrollBar();
    if (bar->value() > 0 && first <= bar->value())
        bar->setValue(bar->value() + (last - first + 1));
    keepSelectionInView();
}

QWidget *FailedNotificationsPanel::buildBar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_search, 1);
    row->addWidget(m_matches);
    row->addWidget(m_onlyOrders);
    row->addWidget(m_retry);
    row->addWidget(m_resolve);
    row->addWidget(m_retryAll);
    return bar;
}

void FailedNotificationsPanel::setActionsAllowed(bool canRetry, bool canResolve, const QString &why)
{
    m_canRetry = canRetry;
    m_canResolve = canResolve;
    m_whyNot = why;
    updateButtons();
}

void FailedNotificationsPanel::setResolveOffline(bool allowed)
{
    m_resolveOffline = allowed;
    updateButtons();
}

void FailedNotificationsPanel::setTotal(qint64 total, bool atLeast)
{
    m_total = total;
    m_totalAtLeast = atLeast;
    updateButtons();
}

void FailedNotificationsPanel::setMatchCount(qint64 count, bool atLeast)
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
    m_view->selectionModel()->setCurrentIndex(
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

QString FailedNotificationsPanel::currentId() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? current.data(NotificationModel::IdRole).toString() : QString();
}

void FailedNotificationsPanel::onCurrentChanged()
{
    const QString id = currentId();
    if (id == m_currentId)
        return;
    m_currentId = id;
    if (id.isEmpty())
        m_details->clear();
    updateClaim();
    Q_EMIT detailsRequested(id);
}

void FailedNotificationsPanel::showDetails(const Notification &notification,
                                           const QList<AuditEntry> &audit)
{
    // An answer for a row the operator has already left is of no use.
    if (notification.id == m_currentId)
        m_details->setNotification(notification, audit);
}

void FailedNotificationsPanel::keepSelectionInView()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        m_view->scrollTo(rows.constFirst(), QAbstractItemView::EnsureVisible);
}

void FailedNotificationsPanel::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    bool descending = false;
    const QString field = NotificationModel::serverSort(column, order, &descending);
    if (field.isEmpty()) {
        // Only the server can sort every page; this column it cannot.
        const QSignalBlocker blocker(m_view->horizontalHeader());
        m_view->horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    Q_EMIT sortRequested(field, descending);
}

void FailedNotificationsPanel::updateButtons()
{
    const bool hasSelection = m_view->selectionModel() && m_view->selectionModel()->hasSelection();
    const bool live = !m_model->isStale();
    m_retry->setEnabled(m_canRetry && hasSelection && live);
    m_resolve->setEnabled(m_canResolve && hasSelection && (live || m_resolveOffline));
    m_retryAll->setEnabled(m_canRetry && live && m_total > 0);
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
    m_resolve->setToolTip(
            m_canResolve && !live && m_resolveOffline && hasSelection
                    ? tr("Not connected: kept on this computer and sent when the link is back")
                    : tip(m_canResolve, tr("record that the customer was reached")));
    m_retryAll->setToolTip(!m_canRetry ? m_whyNot
                                       : (!live ? tr("Not connected: reconnect to act on live data")
                                                : tr("Send every failed notification again")));
    updateClaim();
}

void FailedNotificationsPanel::updateClaim()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    ClaimView claim;
    if (current.isValid()) {
        claim.holder = current.data(NotificationModel::ClaimedByRole).toString();
        claim.until = current.data(NotificationModel::ClaimedUntilRole).toDateTime();
        claim.mine = current.data(NotificationModel::ClaimedByMeRole).toBool();
    }
    const bool live = !m_model->isStale();
    const bool someoneElse = !claim.holder.isEmpty() && !claim.mine;
    // Claiming is for whoever may mark a failure contacted: the same people call customers.
    claim.canClaim = m_canResolve && live && current.isValid() && claim.holder.isEmpty();
    claim.canRelease = m_canResolve && live && claim.mine;
    if (!m_canResolve)
        claim.whyNot = m_whyNot;
    else if (!live)
        claim.whyNot = tr("Not connected: reconnect to act on live data");
    else if (!current.isValid())
        claim.whyNot = tr("Select a row first");
    else if (someoneElse)
        claim.whyNot = tr("%1 is handling it").arg(claim.holder);
    else if (claim.mine)
        claim.whyNot = tr("You are handling it already");
    else
        claim.whyNot = tr("Nobody is handling it");
    m_claim = claim;
    m_details->setClaim(claim);
}

void FailedNotificationsPanel::askToResolve()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty())
        return;
    auto *dialog = new ResolveDialog(int(ids.size()), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (ids.size() == 1) {
        if (const auto n = m_model->notification(ids.constFirst()))
            dialog->setCustomer(n->customerName, n->recipient);
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog, ids] {
        Q_EMIT resolveRequested(ids, dialog->method(), dialog->note());
    });
    dialog->open();
}

void FailedNotificationsPanel::askToRetryAll()
{
    if (m_total <= 0)
        return;
    const int count = int(qMin<qint64>(m_total, std::numeric_limits<int>::max()));
    // open(), not exec(): the list keeps updating (and tests can answer).
    auto *box = new QMessageBox(
            QMessageBox::Warning, tr("Retry all failed"),
            m_totalAtLeast ? tr("Retry all %Ln+ failed notification(s)?", nullptr, count)
                           : tr("Retry all %Ln failed notification(s)?", nullptr, count),
            QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmRetryAll"));
    box->setInformativeText(tr("Each is sent again now; the ones that fail come back here."));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *go = box->addButton(tr("Retry all"), QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("confirmButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QDialog::finished, this, [this, box, go] {
        if (box->clickedButton() == go)
            Q_EMIT retryAllRequested();
    });
    box->open();
}

void FailedNotificationsPanel::copyFromCurrent(bool phone)
{
    const auto n = m_model->notification(currentId());
    if (n)
        QGuiApplication::clipboard()->setText(phone ? n->recipient : n->text);
}

void FailedNotificationsPanel::showContextMenu(const QPoint &at)
{
    const QModelIndex index = m_view->indexAt(at);
    if (!index.isValid())
        return;
    if (!m_view->selectionModel()->isRowSelected(index.row(), index.parent()))
        m_view->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_menu->clear();
    m_menu->setObjectName(QStringLiteral("failedContextMenu"));
    QAction *retry = m_menu->addAction(tr("&Retry"), m_retry, &QPushButton::click);
    retry->setEnabled(m_retry->isEnabled());
    QAction *resolve = m_menu->addAction(tr("Mark &contacted…"), this,
                                         &FailedNotificationsPanel::askToResolve);
    resolve->setEnabled(m_resolve->isEnabled());
    // The same as the details pane's buttons, for the current row.
    const QString id = currentId();
    QAction *claim = m_menu->addAction(tr("I'm handling &this"), this,
                                       [this, id] { Q_EMIT claimRequested(id); });
    claim->setEnabled(m_claim.canClaim);
    QAction *release =
            m_menu->addAction(tr("R&elease"), this, [this, id] { Q_EMIT releaseRequested(id); });
    release->setEnabled(m_claim.canRelease);
    m_menu->addSeparator();
    m_menu->addAction(tr("Copy &phone"), this, [this] { copyFromCurrent(true); });
    m_menu->addAction(tr("Copy &message"), this, [this] { copyFromCurrent(false); });
    // popup(), not exec(): nothing waits on the menu.
    m_menu->popup(m_view->viewport()->mapToGlobal(at));
}

} // namespace Vigia

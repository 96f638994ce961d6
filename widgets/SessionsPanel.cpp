#include "SessionsPanel.h"

#include "FilterModels.h"
#include "TableLayout.h"

#include "ConversationModel.h"
#include "SessionModel.h"
#include "VigiaPalette.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Vigia {

// The kind filter (a model), with suspect rows painted in their palette role.
class SessionFilterProxy final : public SessionKindFilterModel
{
public:
    explicit SessionFilterProxy(QObject *parent) : SessionKindFilterModel(parent) { }
    Q_DISABLE_COPY_MOVE(SessionFilterProxy)

    QVariant data(const QModelIndex &index, int role) const override;
};

QVariant SessionFilterProxy::data(const QModelIndex &index, int role) const
{
    // Models know what a row means; the colour for it is the palette's business.
    if (role == Qt::ForegroundRole && index.data(SessionModel::SuspectRole).toBool())
        return VigiaPalette::color(VigiaPalette::Role::SuspectText);
    return SessionKindFilterModel::data(index, role);
}

// Conversations, with the ones past their expiry greyed out.
class ConversationProxy final : public QSortFilterProxyModel
{
public:
    explicit ConversationProxy(QObject *parent) : QSortFilterProxyModel(parent) { }
    Q_DISABLE_COPY_MOVE(ConversationProxy)

    QVariant data(const QModelIndex &index, int role) const override;
};

QVariant ConversationProxy::data(const QModelIndex &index, int role) const
{
    if (role == Qt::ForegroundRole && index.data(ConversationModel::ExpiredRole).toBool())
        return VigiaPalette::color(VigiaPalette::Role::StaleText);
    return QSortFilterProxyModel::data(index, role);
}

namespace {
void setUpTable(QTableView *view, QAbstractItemModel *model, const QString &name,
                const QString &accessibleName)
{
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    // A selected row bolds every header label (highlighted sections), wider
    // than the fitted widths allow for: in Spanish the labels were cut.
    view->horizontalHeader()->setHighlightSections(false);
    view->setSortingEnabled(true);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    view->setAccessibleName(accessibleName);
}

QLabel *hintLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, VigiaPalette::color(VigiaPalette::Role::HintText));
    label->setPalette(p);
    return label;
}
} // namespace

SessionsPanel::SessionsPanel(SessionModel *sessions, ConversationModel *conversations,
                             QWidget *parent)
    : QWidget(parent),
      m_sessions(sessions),
      m_conversations(conversations),
      m_sessionProxy(new SessionFilterProxy(this)),
      m_conversationProxy(new ConversationProxy(this)),
      m_kind(new QComboBox(this)),
      m_sessionView(new QTableView(this)),
      m_conversationView(new QTableView(this)),
      m_clear(new QPushButton(tr("C&lear…"), this)),
      m_durationTimer(new QTimer(this)),
      m_countdownTimer(new QTimer(this))
{
    setUpTables(sessions, conversations);
    setUpControls();
    buildLayout();
    updateClearButton();
    fitColumnsOnce(); // the models may already hold rows
}

void SessionsPanel::setUpTables(SessionModel *sessions, ConversationModel *conversations)
{
    m_sessionProxy->setSourceModel(sessions);
    m_sessionProxy->setSortRole(SessionModel::SortRole);
    setUpTable(m_sessionView, m_sessionProxy, QStringLiteral("sessionTable"),
               tr("Active sessions"));
    m_sessionView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_sessionView->sortByColumn(SessionModel::StartedColumn, Qt::DescendingOrder);
    // The players list is the one column that grows; the yes/no columns stay narrow.
    m_sessionView->horizontalHeader()->setStretchLastSection(false);
    m_sessionView->horizontalHeader()->setSectionResizeMode(SessionModel::PlayersColumn,
                                                            QHeaderView::Stretch);

    m_conversationProxy->setSourceModel(conversations);
    m_conversationProxy->setSortRole(ConversationModel::SortRole);
    setUpTable(m_conversationView, m_conversationProxy, QStringLiteral("conversationTable"),
               tr("Conversations in progress"));
    m_conversationView->setSelectionMode(QAbstractItemView::SingleSelection);
    // The one closest to expiring first: that is the one to look at.
    m_conversationView->sortByColumn(ConversationModel::ExpiresInColumn, Qt::AscendingOrder);

    // Fit the columns to the first rows shown (a snapshot, or the first live
    // one on an empty table); after that the operator's own widths win.
    connect(m_sessionProxy, &QAbstractItemModel::modelReset, this, [this] {
        m_sessionsFitted = false;
        fitColumnsOnce();
    });
    connect(m_conversationProxy, &QAbstractItemModel::modelReset, this, [this] {
        m_conversationsFitted = false;
        fitColumnsOnce();
    });
    connect(m_sessionProxy, &QAbstractItemModel::rowsInserted, this,
            &SessionsPanel::fitColumnsOnce);
    connect(m_conversationProxy, &QAbstractItemModel::rowsInserted, this,
            &SessionsPanel::fitColumnsOnce);
}

void SessionsPanel::setUpControls()
{
    m_kind->setObjectName(QStringLiteral("sessionKindFilter"));
    m_kind->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_kind->setToolTip(tr("Show one kind of session"));
    connect(m_kind, &QComboBox::currentIndexChanged, this, &SessionsPanel::applyKindFilter);
    connect(m_sessions, &SessionModel::kindsChanged, this, &SessionsPanel::updateKinds);
    updateKinds(m_sessions->kinds());

    m_clear->setObjectName(QStringLiteral("clearConversationButton"));
    connect(m_clear, &QPushButton::clicked, this, &SessionsPanel::askToClear);
    connect(m_conversationView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SessionsPanel::updateClearButton);
    connect(m_conversationProxy, &QAbstractItemModel::modelReset, this,
            &SessionsPanel::updateClearButton);
    connect(m_conversationProxy, &QAbstractItemModel::rowsRemoved, this,
            &SessionsPanel::updateClearButton);

    // Durations and countdowns are relative to now, so they move on their own;
    // a countdown shows seconds, a duration minutes.
    m_durationTimer->setInterval(15000);
    connect(m_durationTimer, &QTimer::timeout, m_sessions, &SessionModel::refreshDurations);
    m_durationTimer->start();
    m_countdownTimer->setInterval(1000);
    connect(m_countdownTimer, &QTimer::timeout, m_conversations,
            &ConversationModel::refreshCountdowns);
    m_countdownTimer->start();
}

void SessionsPanel::buildLayout()
{
    auto *kindLabel = new QLabel(tr("&Kind:"), this);
    kindLabel->setBuddy(m_kind);
    // The explanation and the filter share a line: the height goes to the tables.
    auto *topBar = new QHBoxLayout;
    topBar->addWidget(hintLabel(tr("Kept by vigiad across bot restarts. Suspect: no update from "
                                   "the bot for a while."),
                                this),
                      1);
    topBar->addWidget(kindLabel);
    topBar->addWidget(m_kind);

    auto *conversationsTitle = new QLabel(tr("Conversations in progress"), this);
    QFont bold = conversationsTitle->font();
    bold.setBold(true);
    conversationsTitle->setFont(bold);
    auto *conversationBar = new QHBoxLayout;
    conversationBar->addWidget(conversationsTitle);
    conversationBar->addWidget(
            hintLabel(tr("Multi-step flows; each expires when its time to live runs out."), this),
            1);
    conversationBar->addWidget(m_clear);

    auto *conversationsBox = new QWidget(this);
    auto *conversationsLayout = new QVBoxLayout(conversationsBox);
    conversationsLayout->setContentsMargins(0, 0, 0, 0);
    conversationsLayout->addLayout(conversationBar);
    conversationsLayout->addWidget(m_conversationView, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("sessionsSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_sessionView);
    splitter->addWidget(conversationsBox);
    // Sessions are the many rows; conversations are few at a time.
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(topBar);
    layout->addWidget(splitter, 1);
}

void SessionsPanel::setClearAllowed(bool allowed, const QString &whyNot)
{
    m_clearAllowed = allowed;
    m_whyNot = whyNot;
    updateClearButton();
}

void SessionsPanel::setLive(bool live)
{
    m_live = live;
    updateClearButton();
}

QString SessionsPanel::kindFilter() const
{
    return m_sessionProxy->kind();
}

void SessionsPanel::setKindFilter(const QString &kind)
{
    const int index = m_kind->findData(kind);
    if (index >= 0)
        m_kind->setCurrentIndex(index); // currentIndexChanged applies it
}

void SessionsPanel::updateKinds(const QStringList &kinds)
{
    // The kind being shown stays in the list even once its last session
    // ends: the filter must not jump to "All" under the operator's eyes.
    const QString current = m_sessionProxy->kind();
    QStringList items = kinds;
    if (!current.isEmpty() && !items.contains(current))
        items.append(current);
    const QSignalBlocker blocker(m_kind);
    m_kind->clear();
    m_kind->addItem(tr("All kinds"), QString());
    for (const QString &kind : std::as_const(items))
        m_kind->addItem(SessionModel::kindText(kind), kind);
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(current)));
}

void SessionsPanel::applyKindFilter()
{
    const QString kind = m_kind->currentData().toString();
    m_sessionProxy->setKind(kind);
    // Parties read best grouped by game, each with its players beside it.
    if (kind == QLatin1String("party"))
        m_sessionView->sortByColumn(SessionModel::WhereColumn, Qt::AscendingOrder);
}

void SessionsPanel::selectConversation(const QString &user, const QString &flow)
{
    const int row = m_conversations->rowOf(user, flow);
    if (row < 0)
        return;
    const QModelIndex index = m_conversationProxy->mapFromSource(m_conversations->index(row, 0));
    m_conversationView->selectionModel()->select(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_conversationView->scrollTo(index);
}

void SessionsPanel::updateClearButton()
{
    const bool hasSelection = m_conversationView->selectionModel()
            && m_conversationView->selectionModel()->hasSelection();
    m_clear->setEnabled(m_clearAllowed && m_live && hasSelection);
    if (!m_clearAllowed)
        m_clear->setToolTip(m_whyNot);
    else if (!m_live)
        m_clear->setToolTip(tr("Not connected: reconnect to act on live data"));
    else if (!hasSelection)
        m_clear->setToolTip(tr("Select a conversation to clear it"));
    else
        m_clear->setToolTip(tr("Make the bot forget this conversation; the user starts over"));
}

void SessionsPanel::askToClear()
{
    const QModelIndexList rows = m_conversationView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    // Taken now: the row may expire or end while the question is on screen.
    const QString user = rows.constFirst().data(ConversationModel::UserIdRole).toString();
    const QString flow = rows.constFirst().data(ConversationModel::FlowRole).toString();
    auto *box = new QMessageBox(
            QMessageBox::Warning, tr("Clear the conversation?"),
            tr("%1 is at step “%2” of “%3”. The bot forgets what they entered so far and "
               "they have to start the flow again.")
                    .arg(user, rows.constFirst().data(ConversationModel::StepRole).toString(),
                         flow),
            QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmClearConversation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *go = box->addButton(tr("Clear conversation"), QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("confirmButton"));
    // A stray Enter must not clear anything.
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QDialog::finished, this, [this, box, go, user, flow] {
        if (box->clickedButton() == go)
            Q_EMIT clearConversationRequested(user, flow);
    });
    // open(), not exec(): the tables keep updating while the question is on screen.
    box->open();
}

void SessionsPanel::fitColumnsOnce()
{
    if (!m_sessionsFitted && m_sessionProxy->rowCount() > 0) {
        TableLayout::fitColumns(m_sessionView);
        m_sessionsFitted = true;
    }
    if (!m_conversationsFitted && m_conversationProxy->rowCount() > 0) {
        TableLayout::fitColumns(m_conversationView);
        m_conversationsFitted = true;
    }
}

} // namespace Vigia

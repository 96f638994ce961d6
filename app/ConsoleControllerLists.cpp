#include "ConsoleController.h"

#include "ConversationModel.h"
#include "NotificationModel.h"
#include "NotificationPager.h"
#include "SessionModel.h"

#include <QThreadPool>
#include <QTimer>

// ConsoleController's Failed and Waiting lists: each a NotificationPager
// (pages from vigiad, search, sort, totals) over its model.
namespace Vigia {

void ConsoleController::setUpLists()
{
    // Failed: newest first. Waiting: oldest first, the next to go; during an
    // outage thousands wait, and both come a page at a time.
    m_failedPager->setSort(QStringLiteral("created_at"), true);
    m_waitingPager->setSort(QStringLiteral("created_at"), false);
    connect(m_failedPager, &NotificationPager::countChanged, this,
            &ConsoleController::failedCountChanged);
    connect(m_failedPager, &NotificationPager::matchCountChanged, this,
            &ConsoleController::failedMatchCountChanged);
    connect(m_waitingPager, &NotificationPager::countChanged, this,
            &ConsoleController::waitingCountChanged);
    connect(m_waitingPager, &NotificationPager::matchCountChanged, this,
            &ConsoleController::waitingMatchCountChanged);
    connect(m_failedPager, &NotificationPager::loaded, this, [this] {
        m_failedModel->setStale(!m_isLive);
        // vigiad's rows are in: the local copy's time no longer applies.
        if (m_shownAsOf.isValid() && m_isLive) {
            m_shownAsOf = QDateTime();
            setConnectionText(connectedText());
        }
        markDirty();
        Q_EMIT snapshotLoaded();
    });
    connect(m_waitingPager, &NotificationPager::loaded, this,
            [this] { m_waitingModel->setStale(!m_isLive); });
    connect(m_failedPager, &NotificationPager::failed, this,
            [this](bool more, const QString &reason) {
                Q_EMIT message(more ? tr("Could not load more failed notifications: %1").arg(reason)
                                    : tr("Could not load failed notifications: %1").arg(reason));
            });
    connect(m_waitingPager, &NotificationPager::failed, this,
            [this](bool more, const QString &reason) {
                Q_EMIT message(
                        more ? tr("Could not load more waiting notifications: %1").arg(reason)
                             : tr("Could not load waiting notifications: %1").arg(reason));
            });
}

void ConsoleController::setUpLocalSnapshot()
{
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(kSaveIntervalMs);
    connect(m_saveTimer, &QTimer::timeout, this, &ConsoleController::saveLocalSnapshot);
    m_savePool->setMaxThreadCount(1);
    // Ages and lapsed claims repaint a column: not a change worth a write.
    const auto changed = [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
        if (topLeft.column() == bottomRight.column()
            && (topLeft.column() == NotificationModel::AgeColumn
                || topLeft.column() == NotificationModel::ClaimColumn))
            return;
        markDirty();
    };
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_failedModel),
                                      static_cast<QAbstractItemModel *>(m_waitingModel)}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &ConsoleController::markDirty);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &ConsoleController::markDirty);
        connect(model, &QAbstractItemModel::modelReset, this, &ConsoleController::markDirty);
        connect(model, &QAbstractItemModel::dataChanged, this, changed);
    }
    // Sessions and conversations: a column alone is a countdown or a
    // duration moving with time, not news.
    const auto rowChanged = [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
        if (topLeft.column() != bottomRight.column())
            markDirty();
    };
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_sessionModel),
                                      static_cast<QAbstractItemModel *>(m_conversationModel)}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &ConsoleController::markDirty);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &ConsoleController::markDirty);
        connect(model, &QAbstractItemModel::modelReset, this, &ConsoleController::markDirty);
        connect(model, &QAbstractItemModel::dataChanged, this, rowChanged);
    }
    connect(this, &ConsoleController::statusChanged, this, &ConsoleController::markDirty);
}

void ConsoleController::searchFailed(const QString &text)
{
    if (m_failedPager->setSearch(text))
        m_failedPager->load();
}

void ConsoleController::sortFailed(const QString &field, bool descending)
{
    // Before the first snapshot, the order is remembered and that snapshot asks for it.
    if (m_failedPager->setSort(field, descending) && m_server.isValid())
        m_failedPager->load();
}

void ConsoleController::sortWaiting(const QString &field, bool descending)
{
    if (m_waitingPager->setSort(field, descending) && m_server.isValid())
        m_waitingPager->load();
}

void ConsoleController::searchWaiting(const QString &text)
{
    if (m_waitingPager->setSearch(text))
        m_waitingPager->load();
}

} // namespace Vigia

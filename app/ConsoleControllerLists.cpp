#include "ConsoleController.h"

#include "AuditModel.h"
#include "ConnectionCheck.h"
#include "ConversationModel.h"
#include "IncidentModel.h"
#include "NotificationModel.h"
#include "SessionModel.h"
#include "SnapshotLoad.h"
#include "WireContract.h"

#include <QJsonArray>
#include <QLocale>
#include <QTimer>

#include <utility>

// ConsoleController's Failed and Waiting lists: pages from vigiad, search, sort
// and the Failed total.
namespace Vigia {

void ConsoleController::loadFailed(int generation)
{
    // The first page only: the rest comes as the operator scrolls (fetchMore).
    const int query = ++m_failedQuery;
    NotificationQuery request;
    request.states = stateName(NotificationState::Failed);
    request.text = m_failedText;
    request.sort = m_failedSort;
    m_api->listNotifications(
            request, [this, generation, query](const ApiReply<NotificationSlice> &r) {
                if (generation != m_snapshotGeneration || query != m_failedQuery)
                    return;
                if (!r.ok()) {
                    Q_EMIT message(
                            tr("Could not load failed notifications: %1").arg(r.result.message));
                    return;
                }
                m_failedCursor = r.value.nextCursor;
                if (m_failedText.isEmpty()) {
                    if (r.value.total >= 0)
                        m_failedTotal = r.value.total;
                    m_failedMatches = -1;
                } else {
                    m_failedMatches = r.value.total;
                }
                // A search shows what the server matched; only it can tell
                // whether a new failure matches too.
                m_failedModel->setTakesNewRows(m_failedText.isEmpty());
                m_failedModel->replaceAll(r.value.items, !m_failedCursor.isEmpty());
                m_failedModel->setStale(!m_isLive);
                emitFailedCount();
                Q_EMIT snapshotLoaded();
            });
}

void ConsoleController::loadFailedMore()
{
    if (m_failedCursor.isEmpty()) {
        m_failedModel->appendPage({}, false);
        return;
    }
    const int query = m_failedQuery;
    const int generation = m_snapshotGeneration;
    NotificationQuery request;
    request.states = stateName(NotificationState::Failed);
    request.text = m_failedText;
    request.sort = m_failedSort;
    request.cursor = m_failedCursor;
    m_api->listNotifications(
            request, [this, generation, query](const ApiReply<NotificationSlice> &r) {
                if (generation != m_snapshotGeneration || query != m_failedQuery)
                    return;
                if (r.result.httpStatus == 400) {
                    // The cursor no longer belongs to the list (another sort or
                    // query, a restarted vigiad): start again from its first page.
                    loadFailed(m_snapshotGeneration);
                    return;
                }
                if (!r.ok()) {
                    m_failedModel->pageFailed();
                    Q_EMIT message(tr("Could not load more failed notifications: %1")
                                           .arg(r.result.message));
                    return;
                }
                m_failedCursor = r.value.nextCursor;
                m_failedModel->appendPage(r.value.items, !m_failedCursor.isEmpty());
                emitFailedCount();
            });
}

void ConsoleController::searchFailed(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_failedText)
        return;
    m_failedText = trimmed;
    loadFailed(m_snapshotGeneration);
}

void ConsoleController::sortFailed(const QString &field, bool descending)
{
    const QString sort = (descending ? QStringLiteral("-") : QString()) + field;
    if (field.isEmpty() || sort == m_failedSort)
        return;
    m_failedSort = sort;
    m_failedModel->setSortOrder(field, descending);
    if (m_server.isValid()) // else the first snapshot asks in this order
        loadFailed(m_snapshotGeneration);
}

void ConsoleController::emitFailedCount()
{
    const qint64 loaded = m_failedModel->rowCount();
    const bool more = m_failedModel->moreAvailable();
    if (m_failedText.isEmpty()) {
        // A total below what is shown is out of date (the status lags a moment).
        if (m_failedTotal >= loaded)
            Q_EMIT failedCountChanged(m_failedTotal, false);
        else
            Q_EMIT failedCountChanged(loaded, more);
        Q_EMIT failedMatchCountChanged(-1, false);
        return;
    }
    if (m_failedTotal >= 0)
        Q_EMIT failedCountChanged(m_failedTotal, false);
    if (m_failedMatches >= loaded)
        Q_EMIT failedMatchCountChanged(m_failedMatches, false);
    else
        Q_EMIT failedMatchCountChanged(loaded, more);
}

void ConsoleController::trackFailedTotal(const Notification &notification, bool wasLoaded)
{
    const bool failed = notification.state == NotificationState::Failed;
    // A failure not shown is a new one; a row that was shown and is no
    // longer failed has left. What cannot be told from here (an unloaded
    // failure retried) the next status event's count corrects.
    int delta = 0;
    if (failed && !wasLoaded)
        delta = 1;
    else if (!failed && wasLoaded)
        delta = -1;
    if (delta == 0)
        return;
    if (m_failedTotal >= 0)
        m_failedTotal = qMax<qint64>(0, m_failedTotal + delta);
    if (!m_failedText.isEmpty() && m_failedMatches >= 0 && delta < 0)
        m_failedMatches = qMax<qint64>(0, m_failedMatches - 1);
    emitFailedCount();
}

void ConsoleController::loadWaiting(int generation)
{
    // The first page, oldest first: during an outage thousands wait, and the
    // rest comes as the operator scrolls. Changes heard meanwhile are applied
    // on top of it.
    m_waitingLoad.begin();
    const int query = ++m_waitingQuery;
    NotificationQuery request;
    request.states =
            stateName(NotificationState::Pending) + u',' + stateName(NotificationState::Sending);
    request.sort = QStringLiteral("created_at");
    m_api->listNotifications(
            request, [this, generation, query](const ApiReply<NotificationSlice> &r) {
                if (generation != m_snapshotGeneration || query != m_waitingQuery)
                    return;
                const QList<Notification> during = m_waitingLoad.finish();
                if (!r.ok()) {
                    Q_EMIT message(
                            tr("Could not load waiting notifications: %1").arg(r.result.message));
                    return;
                }
                m_waitingCursor = r.value.nextCursor;
                m_waitingModel->replaceAll(r.value.items, !m_waitingCursor.isEmpty());
                for (const Notification &n : during)
                    m_waitingModel->upsert(n);
                m_waitingModel->setStale(!m_isLive);
            });
}

void ConsoleController::loadWaitingMore()
{
    if (m_waitingCursor.isEmpty()) {
        m_waitingModel->appendPage({}, false);
        return;
    }
    const int query = m_waitingQuery;
    const int generation = m_snapshotGeneration;
    NotificationQuery request;
    request.states =
            stateName(NotificationState::Pending) + u',' + stateName(NotificationState::Sending);
    request.sort = QStringLiteral("created_at");
    request.cursor = m_waitingCursor;
    m_api->listNotifications(
            request, [this, generation, query](const ApiReply<NotificationSlice> &r) {
                if (generation != m_snapshotGeneration || query != m_waitingQuery)
                    return;
                if (r.result.httpStatus == 400) {
                    loadWaiting(m_snapshotGeneration); // the cursor no longer fits
                    return;
                }
                if (!r.ok()) {
                    m_waitingModel->pageFailed();
                    Q_EMIT message(tr("Could not load more waiting notifications: %1")
                                           .arg(r.result.message));
                    return;
                }
                m_waitingCursor = r.value.nextCursor;
                m_waitingModel->appendPage(r.value.items, !m_waitingCursor.isEmpty());
            });
}

} // namespace Vigia

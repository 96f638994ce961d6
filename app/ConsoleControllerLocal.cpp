#include "ConsoleController.h"

#include "ConversationModel.h"
#include "IncidentModel.h"
#include "NotificationModel.h"
#include "NotificationPager.h"
#include "SessionModel.h"
#include "SnapshotRestore.h"

#include <QLocale>
#include <QThreadPool>
#include <QTimer>

// ConsoleController's local file (LocalSnapshot): the snapshot painted at
// start before vigiad answers, written while live, and the operator's
// "mark contacted" kept there first and sent when vigiad can take it.
namespace Vigia {

namespace {

QString methodText(const QString &method)
{
    switch (resolutionMethodFromName(method).value_or(ResolutionMethod::Other)) {
    case ResolutionMethod::PhoneCall: return ConsoleController::tr("phone call");
    case ResolutionMethod::Sms: return ConsoleController::tr("SMS");
    case ResolutionMethod::Email: return ConsoleController::tr("email");
    case ResolutionMethod::Retry:
    case ResolutionMethod::Other: break;
    }
    return ConsoleController::tr("other");
}

} // namespace

void ConsoleController::useLocalSnapshot(const QString &filePath)
{
    if (m_local && m_local->filePath() == filePath)
        return;
    m_savePool->waitForDone(); // a write of the previous file may be under way
    if (m_local && m_dirty)
        saveLocalSnapshotNow();
    for (const PendingAction &action : std::as_const(m_pendingActions)) {
        m_failedModel->clearPendingMark(action.notificationId);
        m_waitingModel->clearPendingMark(action.notificationId);
    }
    m_pendingActions.clear();
    m_sending.clear();
    m_knownRole.reset();
    m_localTakenAt = QDateTime();
    ++m_localGeneration; // answers about the previous file's actions are not this one's
    stopRestoring();
    m_local = std::make_unique<LocalSnapshot>(filePath);
    QString error;
    if (!m_local->open(&error)) {
        m_local.reset();
        Q_EMIT message(tr("The console's local copy (%1) cannot be used: %2").arg(filePath, error));
    } else {
        restoreLocalSnapshot();
        loadPendingActions();
    }
    emitPermissions();
    Q_EMIT resolveOfflineChanged(canResolveOffline());
    Q_EMIT pendingActionsChanged(pendingActionCount());
}

QString ConsoleController::localSnapshotPath() const
{
    return m_local ? m_local->filePath() : QString();
}

bool ConsoleController::canResolveOffline() const
{
    return m_local != nullptr;
}

void ConsoleController::restoreLocalSnapshot()
{
    if (m_isLive)
        return; // vigiad's own answer is on its way or here: it wins
    const std::optional<SnapshotContents> contents = m_local->read(kRestoreFirstRows);
    if (!contents)
        return;
    m_knownRole = roleFromName(contents->role);
    m_localTakenAt = contents->takenAt;
    if (!contents->operatorName.isEmpty())
        m_failedModel->setOperatorName(contents->operatorName);
    m_shownAsOf = contents->takenAt;
    if (contents->status) {
        m_status = *contents->status;
        Q_EMIT statusChanged(m_status);
    }
    // Reset once each, as a first page would be; no further pages: the
    // pager asks vigiad for them once it is live.
    m_failedModel->replaceAll(contents->failed);
    m_waitingModel->replaceAll(contents->waiting);
    m_incidentModel->replaceAll(contents->incidents);
    m_sessionModel->replaceAll(contents->sessions);
    m_conversationModel->replaceAll(contents->conversations);
    m_failedModel->setStale(true);
    m_waitingModel->setStale(true);
    if (contents->status) {
        m_failedPager->setTotal(m_status.counts.failed);
        m_waitingPager->setTotal(m_status.counts.waiting);
    }
    setConnectionText(asOf(tr("connecting…")));
    Q_EMIT localSnapshotRestored(m_shownAsOf);
    // A list cut at kRestoreFirstRows has more in the file.
    QList<SnapshotRestore::Range> rest;
    for (const bool waiting : {false, true}) {
        if ((waiting ? contents->waiting : contents->failed).size() < kRestoreFirstRows)
            continue;
        rest.append({waiting, kRestoreFirstRows});
        // Room for every row before the first chunk: growing the rows and
        // their index on the way (at 2^16 rows, say) stalled the GUI for
        // ~100 ms at a time.
        (waiting ? m_waitingModel : m_failedModel)->expectRows(m_local->rowCount(waiting));
    }
    if (rest.isEmpty())
        return;
    m_restore = std::make_unique<SnapshotRestore>(m_local->filePath(), rest, kRestoreChunkRows);
    connect(m_restore.get(), &SnapshotRestore::rowsRead, this, &ConsoleController::restoreMoreRows);
    connect(m_restore.get(), &SnapshotRestore::finished, this, [this] {
        m_restore.reset();
        Q_EMIT localSnapshotRestoreFinished();
    });
    m_restore->start();
}

void ConsoleController::restoreMoreRows(bool waiting, const QList<Notification> &rows)
{
    // vigiad's rows replace these anyway once live: no point reading on.
    if (m_isLive) {
        stopRestoring();
        return;
    }
    (waiting ? m_waitingModel : m_failedModel)->appendPage(rows, false);
}

void ConsoleController::stopRestoring()
{
    // Waits for the chunk the worker is reading, at most.
    m_restore.reset();
}

QString ConsoleController::asOf(const QString &text) const
{
    if (!m_shownAsOf.isValid())
        return text;
    const QDateTime local = m_shownAsOf.toLocalTime();
    const QLocale locale;
    // Today: the time says it; an older copy needs its day too.
    const QString when = local.date() == m_clock->now().toLocalTime().date()
            ? locale.toString(local.time(), QLocale::ShortFormat)
            : locale.toString(local, QLocale::ShortFormat);
    return tr("As of %1 — %2").arg(when, text);
}

void ConsoleController::loadPendingActions()
{
    for (const PendingAction &action : m_local->pending()) {
        m_pendingActions.insert(action.seq, action);
        m_failedModel->setPendingMark(action.notificationId, NotificationModel::PendingMark::Queued,
                                      pendingText(action));
    }
    // Sent when the link to this file's server is up (connectTo follows):
    // the server connected now may be another profile's.
}

QString ConsoleController::pendingText(const PendingAction &action) const
{
    return tr("Contacted (%1): kept on this computer, sent when the link is back")
            .arg(methodText(action.method));
}

SnapshotContents ConsoleController::localContents() const
{
    SnapshotContents contents;
    contents.takenAt = m_clock->now();
    contents.status = m_status;
    // Shared copies: the worker reads them while the models move on.
    contents.failed = m_failedModel->rows();
    contents.failedMore = m_failedModel->moreAvailable();
    contents.waiting = m_waitingModel->rows();
    contents.waitingMore = m_waitingModel->moreAvailable();
    contents.incidents = m_incidentModel->rows();
    contents.sessions = m_sessionModel->rows();
    contents.conversations = m_conversationModel->rows();
    if (m_role)
        contents.role = roleName(*m_role);
    contents.operatorName = m_tokenName;
    return contents;
}

void ConsoleController::markDirty()
{
    // Only what vigiad said is worth keeping; a search shows part of a list.
    if (!m_local || !m_isLive || m_shownAsOf.isValid() || !m_failedPager->search().isEmpty()
        || !m_waitingPager->search().isEmpty())
        return;
    m_dirty = true;
    if (!m_saveTimer->isActive() && !m_saving)
        m_saveTimer->start();
}

void ConsoleController::saveLocalSnapshot()
{
    if (!m_local || !m_dirty || m_saving)
        return;
    m_dirty = false;
    m_saving = true;
    const SnapshotContents contents = localContents();
    m_localTakenAt = contents.takenAt;
    const LocalSnapshot *file = m_local.get(); // outlives the task: waitForDone() first
    m_savePool->start([this, file, contents] {
        const bool ok = file->write(contents);
        QMetaObject::invokeMethod(this, [this, ok] {
            m_saving = false;
            Q_EMIT localSnapshotSaved(ok);
            if (m_dirty) // changes came while it was written
                m_saveTimer->start();
        });
    });
}

bool ConsoleController::saveLocalSnapshotNow()
{
    if (!m_local)
        return false;
    m_savePool->waitForDone();
    m_saving = false;
    m_dirty = false;
    m_saveTimer->stop();
    const SnapshotContents contents = localContents();
    m_localTakenAt = contents.takenAt;
    const bool ok = m_local->write(contents);
    Q_EMIT localSnapshotSaved(ok);
    return ok;
}

void ConsoleController::resolve(const QStringList &ids, const QString &method, const QString &note)
{
    if (!m_local) {
        resolveNow(ids, method, note);
        return;
    }
    // Kept first, sent after: a console that dies before vigiad answers
    // sends it again on the next start.
    QStringList unkept;
    for (const QString &id : ids) {
        PendingAction action;
        action.notificationId = id;
        action.orderId = m_failedModel->notification(id) ? orderOrId(id) : QString();
        action.method = method;
        action.note = note;
        action.queuedAt = m_clock->now();
        QString error;
        action.seq = m_local->addPending(action, &error);
        if (action.seq <= 0) {
            Q_EMIT message(tr("Could not keep the action on %1 on this computer: %2")
                                   .arg(orderOrId(id), error));
            unkept.append(id);
            continue;
        }
        m_pendingActions.insert(action.seq, action);
        m_failedModel->setPendingMark(id, NotificationModel::PendingMark::Queued,
                                      pendingText(action));
    }
    Q_EMIT pendingActionsChanged(pendingActionCount());
    if (!unkept.isEmpty() && m_isLive)
        resolveNow(unkept, method, note);
    const int kept = int(ids.size() - unkept.size());
    if (m_isLive) {
        sendPendingActions();
        Q_EMIT message(tr("Marked %n notification(s) as contacted", nullptr, kept));
    } else if (kept > 0) {
        Q_EMIT message(tr("Not connected: %n action(s) kept on this computer, to send when the "
                          "link is back",
                          nullptr, kept));
    }
}

void ConsoleController::sendPendingActions()
{
    QList<qint64> order = m_pendingActions.keys();
    std::sort(order.begin(), order.end()); // as the operator took them
    for (const qint64 seq : order) {
        if (!m_sending.contains(seq))
            sendPendingAction(m_pendingActions.value(seq));
    }
}

void ConsoleController::sendPendingAction(const PendingAction &action)
{
    m_sending.insert(action.seq);
    m_failedModel->setPendingMark(action.notificationId, NotificationModel::PendingMark::Sending,
                                  tr("Contacted (%1): sending…").arg(methodText(action.method)));
    const int generation = m_localGeneration;
    m_api->resolveNotification(action.notificationId, action.method, action.note,
                               [this, action, generation](const ApiResult &r) {
                                   if (generation == m_localGeneration)
                                       settleAction(action, r);
                               });
}

void ConsoleController::settleAction(const PendingAction &action, const ApiResult &result)
{
    m_sending.remove(action.seq);
    if (!m_pendingActions.contains(action.seq))
        return; // another file is in use now
    const QString what = action.orderId.isEmpty() ? action.notificationId : action.orderId;
    if (result.ok()) {
        finishAction(action, ActionOutcome::Done,
                     tr("%1 marked as contacted (%2)").arg(what, methodText(action.method)));
        if (const auto n = Notification::fromJson(result.body))
            applyNotification(*n);
        return;
    }
    // Not reached, or vigiad could not store it: kept, and sent again
    // when the link comes back.
    if (result.httpStatus == 0 || result.httpStatus >= 500) {
        m_failedModel->setPendingMark(action.notificationId, NotificationModel::PendingMark::Queued,
                                      pendingText(action));
        return;
    }
    // 409 invalid_state: it is no longer failed (or pending). Resolved by
    // someone else is the common case, and the operator is told so.
    if (result.errorCode == QLatin1String("invalid_state")) {
        settleConflict(action, result);
        return;
    }
    finishAction(action, ActionOutcome::Refused,
                 tr("Could not mark %1 as contacted: %2").arg(what, result.message),
                 result.message);
}

void ConsoleController::settleConflict(const PendingAction &action, const ApiResult &result)
{
    const int generation = m_localGeneration;
    m_api->fetchNotification(
            action.notificationId,
            [this, action, result, generation](const ApiReply<Notification> &r) {
                if (generation != m_localGeneration || !m_pendingActions.contains(action.seq))
                    return;
                const QString what =
                        action.orderId.isEmpty() ? action.notificationId : action.orderId;
                if (!r.ok() || r.value.state != NotificationState::Resolved
                    || !r.value.resolution) {
                    finishAction(action, ActionOutcome::Refused,
                                 tr("Could not mark %1 as contacted: %2").arg(what, result.message),
                                 result.message);
                    return;
                }
                const Resolution &resolution = *r.value.resolution;
                // This console's own earlier send, answered after it went away.
                if (resolution.by == m_tokenName && !m_tokenName.isEmpty()) {
                    finishAction(
                            action, ActionOutcome::Done,
                            tr("%1 marked as contacted (%2)").arg(what, methodText(action.method)));
                } else {
                    const QString method = resolutionMethodName(resolution.method);
                    finishAction(
                            action, ActionOutcome::AlreadyResolved,
                            tr("%1 was already resolved by %2 (%3) before your action was sent; "
                               "yours was not applied")
                                    .arg(what, resolution.by, methodText(method)));
                }
                applyNotification(r.value);
            });
}

void ConsoleController::finishAction(const PendingAction &action, ActionOutcome outcome,
                                     const QString &text, const QString &reason)
{
    m_local->removePending(action.seq);
    m_pendingActions.remove(action.seq);
    if (outcome == ActionOutcome::Refused)
        m_failedModel->setPendingMark(action.notificationId,
                                      NotificationModel::PendingMark::Refused,
                                      tr("Not marked: %1").arg(reason));
    else
        m_failedModel->clearPendingMark(action.notificationId);
    Q_EMIT pendingActionsChanged(pendingActionCount());
    Q_EMIT pendingActionSettled(action.notificationId, outcome, text);
    Q_EMIT message(text);
}

} // namespace Vigia

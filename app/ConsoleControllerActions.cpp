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

// ConsoleController's operator actions (retry, resolve, claim, checks and
// restarts) and the details of one notification.
namespace Vigia {

void ConsoleController::retry(const QStringList &ids)
{
    for (const QString &id : ids) {
        m_api->retryNotification(id, [this, id](const ApiResult &r) {
            if (!r.ok())
                Q_EMIT message(tr("Retry of %1 was refused: %2").arg(id, r.message));
        });
    }
    Q_EMIT message(tr("Retry requested for %n notification(s)", nullptr, int(ids.size())));
}

// Without a local file: sent at once, and lost if the link is down.
void ConsoleController::resolveNow(const QStringList &ids, const QString &method,
                                   const QString &note)
{
    for (const QString &id : ids) {
        m_api->resolveNotification(id, method, note, [this, id](const ApiResult &r) {
            if (!r.ok())
                Q_EMIT message(tr("Could not mark %1 as contacted: %2").arg(id, r.message));
        });
    }
    Q_EMIT message(tr("Marked %n notification(s) as contacted", nullptr, int(ids.size())));
}

void ConsoleController::retryAllFailed()
{
    if (!canRetry()) {
        Q_EMIT message(permissionHint());
        return;
    }
    m_api->retryAllFailed([this](const ApiResult &r) {
        if (!r.ok()) {
            Q_EMIT message(tr("Retry of every failed notification was refused: %1").arg(r.message));
            return;
        }
        Q_EMIT message(tr("Queued %n failed notification(s) again", nullptr,
                          r.body.value(QStringLiteral("requeued")).toInt()));
    });
}

void ConsoleController::claim(const QString &id)
{
    if (!canResolve()) {
        Q_EMIT message(permissionHint());
        return;
    }
    m_api->claimNotification(id, [this, id](const ApiResult &r) {
        applyClaimAnswer(id, r);
        if (r.ok())
            Q_EMIT message(tr("You are handling %1").arg(orderOrId(id)));
        else
            Q_EMIT message(tr("Could not take %1: %2").arg(orderOrId(id), r.message));
    });
}

void ConsoleController::release(const QString &id)
{
    m_api->releaseNotification(id, [this, id](const ApiResult &r) {
        applyClaimAnswer(id, r);
        if (r.ok())
            Q_EMIT message(tr("Released %1: anyone may handle it").arg(orderOrId(id)));
        else
            Q_EMIT message(tr("Could not release %1: %2").arg(orderOrId(id), r.message));
    });
}

QString ConsoleController::orderOrId(const QString &id) const
{
    const auto n = m_failedModel->notification(id);
    return n && !n->orderId.isEmpty() ? n->orderId : id;
}

void ConsoleController::applyClaimAnswer(const QString &id, const ApiResult &result)
{
    // The feed brings the same change, but may be down or behind: the answer
    // is the server's word already.
    if (result.ok()) {
        if (const auto n = Notification::fromJson(result.body))
            applyNotification(*n);
        return;
    }
    if (result.errorCode != QLatin1String("claimed"))
        return;
    // Another console got there first: show who, without waiting for the feed.
    auto n = m_failedModel->notification(id);
    if (!n)
        return;
    n->claimedBy = result.body.value(QStringLiteral("claimed_by")).toString();
    n->claimedUntil = fromRfc3339(result.body.value(QStringLiteral("claimed_until")).toString());
    applyNotification(*n);
}

void ConsoleController::scheduleClaimExpiry(int first, int last)
{
    const bool everyRow = first <= 0 && last < 0;
    const QDateTime now = m_clock->now();
    const QDateTime next = m_failedModel->claimExpiryAfter(now, first, last);
    if (!next.isValid()) {
        if (everyRow)
            m_claimExpiry->stop();
        return;
    }
    // Some rows only: the timer stays when it fires first anyway.
    if (!everyRow && m_claimExpiry->isActive() && m_claimExpiryAt <= next)
        return;
    m_claimExpiryAt = next;
    // A moment past the end, so the row is judged after it, not on it.
    m_claimExpiry->start(int(qMin<qint64>(now.msecsTo(next) + 50, 24LL * 3600 * 1000)));
}

void ConsoleController::loadDetails(const QString &id)
{
    m_detailsId = id;
    const int generation = ++m_detailsGeneration;
    if (id.isEmpty())
        return;
    m_api->fetchNotification(id, [this, id, generation](const ApiReply<Notification> &r) {
        if (generation != m_detailsGeneration)
            return;
        if (!r.ok()) {
            Q_EMIT message(tr("Could not load notification %1: %2").arg(id, r.result.message));
            return;
        }
        const Notification notification = r.value;
        if (!canReadAudit()) {
            Q_EMIT detailsLoaded(notification, {});
            return;
        }
        m_api->fetchAuditFor(
                id, 100, [this, notification, generation](const ApiReply<QList<AuditEntry>> &a) {
                    if (generation != m_detailsGeneration)
                        return;
                    Q_EMIT detailsLoaded(notification, a.value);
                });
    });
}

bool ConsoleController::beginOperation()
{
    if (!canOperate()) {
        Q_EMIT message(permissionHint());
        return false;
    }
    // Two restarts racing each other help no one.
    if (m_operationRunning) {
        Q_EMIT message(tr("Wait for the previous action to finish"));
        return false;
    }
    m_operationRunning = true;
    Q_EMIT operationRunningChanged(true);
    return true;
}

void ConsoleController::endOperation()
{
    m_operationRunning = false;
    Q_EMIT operationRunningChanged(false);
}

void ConsoleController::checkHealthNow()
{
    if (!beginOperation())
        return;
    Q_EMIT message(tr("Checking the gateway…"));
    m_api->checkHealthNow([this](const ApiResult &r) {
        endOperation();
        if (!r.ok()) {
            Q_EMIT message(tr("The health check could not run: %1").arg(r.message));
            return;
        }
        const QString gatewayState = r.body.value(QStringLiteral("status")).toString();
        if (r.body.value(QStringLiteral("ok")).toBool()) {
            Q_EMIT message(tr("Health check passed: the gateway is %1 (%2 ms)")
                                   .arg(gatewayState)
                                   .arg(r.body.value(QStringLiteral("latency_ms")).toInt()));
            return;
        }
        QString why = r.body.value(QStringLiteral("error")).toString();
        if (why.isEmpty())
            why = tr("the gateway is %1").arg(gatewayState);
        Q_EMIT message(tr("Health check failed: %1").arg(why));
    });
}

void ConsoleController::restartBot()
{
    if (!beginOperation())
        return;
    Q_EMIT message(tr("Restarting the bot…"));
    m_api->restartBot([this](const ApiResult &r) {
        endOperation();
        if (!r.ok()) {
            Q_EMIT message(tr("The bot restart failed: %1").arg(r.message));
            return;
        }
        const int exitCode = r.body.value(QStringLiteral("exit_code")).toInt();
        if (!r.body.value(QStringLiteral("ok")).toBool(true)) {
            Q_EMIT message(tr("The bot restart failed (exit code %1)").arg(exitCode));
            return;
        }
        Q_EMIT message(tr("Bot restarted (exit code %1)").arg(exitCode));
    });
}

void ConsoleController::clearConversation(const QString &user, const QString &flow)
{
    if (!canClearConversations()) {
        Q_EMIT message(permissionHint());
        return;
    }
    m_api->clearConversation(user, flow, [this, user, flow](const ApiResult &r) {
        // Gone on the server either way: by us now, or ended/expired before we asked.
        // The feed says so too; removing it here covers a feed that is down.
        if (r.ok() || r.httpStatus == 404)
            m_conversationModel->remove(user, flow);
        if (r.ok())
            Q_EMIT message(tr("Cleared the “%1” conversation of %2").arg(flow, user));
        else if (r.httpStatus == 404)
            Q_EMIT message(tr("The “%1” conversation of %2 had already ended").arg(flow, user));
        else
            Q_EMIT message(tr("Could not clear the “%1” conversation of %2: %3")
                                   .arg(flow, user, r.message));
    });
}

void ConsoleController::restartGateway()
{
    if (!beginOperation())
        return;
    Q_EMIT message(tr("Restarting the gateway…"));
    m_api->restartGateway([this](const ApiResult &r) {
        endOperation();
        if (!r.ok() || !r.body.value(QStringLiteral("ok")).toBool(true)) {
            const QString why =
                    r.ok() ? r.body.value(QStringLiteral("error")).toString() : r.message;
            Q_EMIT message(tr("The gateway restart failed: %1").arg(why));
            return;
        }
        Q_EMIT message(tr("The gateway is restarting; its signal turns OK when it works again"));
    });
}

} // namespace Vigia

#include "ConsoleController.h"

#include "AuditModel.h"
#include "ConversationModel.h"
#include "IncidentModel.h"
#include "NotificationModel.h"
#include "SessionModel.h"
#include "SnapshotLoad.h"
#include "WireContract.h"

#include <QJsonArray>
#include <QLocale>

#include <utility>

namespace Vigia {

ConsoleController::ConsoleController(const Clock *clock, QObject *parent)
    : QObject(parent),
      m_clock(clock),
      m_api(new ApiClient(this)),
      m_live(new LiveFeedClient(this)),
      m_failedModel(new NotificationModel(clock, {NotificationState::Failed}, this)),
      m_waitingModel(new NotificationModel(
              clock, {NotificationState::Pending, NotificationState::Sending}, this)),
      m_incidentModel(new IncidentModel(clock, IncidentModel::DefaultCapacity, this)),
      m_auditModel(new AuditModel(AuditModel::DefaultCapacity, this)),
      m_sessionModel(new SessionModel(clock, this)),
      m_conversationModel(new ConversationModel(clock, this))
{
    connect(m_live, &LiveFeedClient::connected, this, [this] {
        if (!m_role) // vigiad was down when we first asked who we are
            m_api->whoAmI([this](const ApiReply<Caller> &r) { onWhoAmI(r); });
        setLive(true);
        setConnectionText(tr("Connected to %1 as %2 (%3)")
                                  .arg(m_server.toDisplayString(),
                                       m_role ? roleName(*m_role) : QStringLiteral("?"),
                                       m_tokenName));
    });
    connect(m_live, &LiveFeedClient::disconnected, this,
            [this](const QDateTime &since, const QDateTime &retryAt) {
                setLive(false);
                const QLocale locale;
                setConnectionText(tr("Disconnected from %1 since %2, retrying at %3")
                                          .arg(m_server.toDisplayString(),
                                               locale.toString(since.toLocalTime().time(),
                                                               QLocale::LongFormat),
                                               locale.toString(retryAt.toLocalTime().time(),
                                                               QLocale::LongFormat)));
            });
    connect(m_live, &LiveFeedClient::resyncRequired, this, &ConsoleController::loadSnapshot);
    connect(m_live, &LiveFeedClient::eventReceived, this, &ConsoleController::onEvent);
    connect(m_live, &LiveFeedClient::authenticationFailed, this, [this] {
        Q_EMIT authenticationFailed(tr("vigiad refused the token for the live feed"));
    });
    connect(m_failedModel, &QAbstractItemModel::rowsInserted, this,
            [this] { Q_EMIT failedCountChanged(m_failedModel->rowCount()); });
    connect(m_failedModel, &QAbstractItemModel::rowsRemoved, this,
            [this] { Q_EMIT failedCountChanged(m_failedModel->rowCount()); });
    connect(m_failedModel, &QAbstractItemModel::modelReset, this,
            [this] { Q_EMIT failedCountChanged(m_failedModel->rowCount()); });
    const auto sessionCount = [this] { Q_EMIT sessionCountChanged(m_sessionModel->rowCount()); };
    connect(m_sessionModel, &QAbstractItemModel::rowsInserted, this, sessionCount);
    connect(m_sessionModel, &QAbstractItemModel::rowsRemoved, this, sessionCount);
    connect(m_sessionModel, &QAbstractItemModel::modelReset, this, sessionCount);
}

ConsoleController::~ConsoleController() = default;

void ConsoleController::connectTo(const QUrl &server, const QString &token)
{
    disconnectFromServer();
    m_server = server;
    m_api->setServer(server);
    m_api->setToken(token);
    m_live->setServer(server);
    m_live->setToken(token);
    m_live->setLastSeq(0);
    setConnectionText(tr("Connecting to %1…").arg(server.toDisplayString()));
    m_api->whoAmI([this](const ApiReply<Caller> &r) { onWhoAmI(r); });
}

void ConsoleController::disconnectFromServer()
{
    m_live->stop();
    setLive(false);
    m_role.reset();
    // The next token may not be an admin's: the log must not outlive the role that read it.
    m_auditModel->clear();
    emitPermissions();
}

void ConsoleController::emitPermissions()
{
    Q_EMIT permissionsChanged(canRetry(), canResolve(), permissionHint());
    Q_EMIT operationsAllowedChanged(canOperate(), canReadAudit(), permissionHint());
}

void ConsoleController::onWhoAmI(const ApiReply<Caller> &reply)
{
    const ApiResult &result = reply.result;
    if (result.httpStatus == 401 || result.httpStatus == 403) {
        setConnectionText(tr("Not connected: %1").arg(result.message));
        Q_EMIT authenticationFailed(result.message);
        return;
    }
    if (!result.ok()) {
        // vigiad is not up yet: the live feed keeps trying and reports when it gets through.
        setConnectionText(
                tr("Cannot reach %1: %2").arg(m_server.toDisplayString(), result.message));
        m_live->start();
        return;
    }
    m_role = reply.value.role;
    m_tokenName = reply.value.name;
    emitPermissions();
    if (!canReadAudit())
        m_auditModel->clear();
    else if (m_isLive) // the snapshot ran before we knew we may read the log
        loadAudit(m_snapshotGeneration);
    m_live->start();
}

bool ConsoleController::canRetry() const
{
    return m_role && roleAllows(*m_role, Permission::Operate);
}

bool ConsoleController::canResolve() const
{
    return m_role && roleAllows(*m_role, Permission::Resolve);
}

bool ConsoleController::canOperate() const
{
    return m_role && roleAllows(*m_role, Permission::Operate);
}

bool ConsoleController::canReadAudit() const
{
    return m_role && roleAllows(*m_role, Permission::Audit);
}

bool ConsoleController::canClearConversations() const
{
    return m_role && roleAllows(*m_role, Permission::Operate);
}

QString ConsoleController::permissionHint() const
{
    if (!m_role)
        return tr("Not connected");
    return tr("Your role (%1) may not do this; ask an admin").arg(roleName(*m_role));
}

void ConsoleController::loadSnapshot()
{
    const int generation = ++m_snapshotGeneration;
    m_api->fetchStatus([this, generation](const ApiReply<CommunicationStatus> &r) {
        if (generation != m_snapshotGeneration || !r.ok())
            return;
        m_status = r.value;
        Q_EMIT statusChanged(m_status);
    });
    loadFailed(generation);
    loadWaiting(generation);
    loadIncidents(generation);
    loadSessions(generation);
    loadConversations(generation);
    if (canReadAudit())
        loadAudit(generation);
}

void ConsoleController::loadSessions(int generation)
{
    m_sessionsLoad.begin();
    m_api->fetchSessions(QString(), [this, generation](const ApiReply<QList<Session>> &r) {
        if (generation != m_snapshotGeneration)
            return;
        const QList<QJsonObject> during = m_sessionsLoad.finish();
        if (!r.ok()) {
            Q_EMIT message(tr("Could not load the active sessions: %1").arg(r.result.message));
            return;
        }
        m_sessionModel->replaceAll(r.value);
        for (const QJsonObject &event : during)
            m_sessionModel->apply(event);
    });
}

void ConsoleController::loadConversations(int generation)
{
    m_conversationsLoad.begin();
    m_api->fetchConversations([this, generation](const ApiReply<QList<Conversation>> &r) {
        if (generation != m_snapshotGeneration)
            return;
        const QList<QJsonObject> during = m_conversationsLoad.finish();
        if (!r.ok()) {
            Q_EMIT message(tr("Could not load the conversations: %1").arg(r.result.message));
            return;
        }
        m_conversationModel->replaceAll(r.value);
        for (const QJsonObject &event : during)
            m_conversationModel->apply(event);
    });
}

void ConsoleController::loadIncidents(int generation)
{
    m_incidentsLoad.begin();
    m_api->fetchIncidents(
            IncidentModel::DefaultCapacity, [this, generation](const ApiReply<QList<Incident>> &r) {
                if (generation != m_snapshotGeneration)
                    return;
                const QList<Incident> during = m_incidentsLoad.finish();
                if (!r.ok()) {
                    Q_EMIT message(tr("Could not load incidents: %1").arg(r.result.message));
                    return;
                }
                m_incidentModel->replaceAll(r.value);
                for (const Incident &i : during)
                    m_incidentModel->upsert(i);
            });
}

void ConsoleController::loadAudit(int generation)
{
    m_auditLoad.begin();
    m_api->fetchAudit(
            AuditModel::DefaultCapacity, [this, generation](const ApiReply<QList<AuditEntry>> &r) {
                if (generation != m_snapshotGeneration)
                    return;
                const QList<AuditEntry> during = m_auditLoad.finish();
                if (!canReadAudit())
                    return; // the role changed while the request was out
                if (!r.ok()) {
                    Q_EMIT message(tr("Could not load the audit log: %1").arg(r.result.message));
                    return;
                }
                m_auditModel->replaceAll(r.value);
                for (const AuditEntry &record : during)
                    m_auditModel->upsert(record);
            });
}

namespace {
// Bounded: an operator does not page through more than this in one tab.
constexpr int kMaxNotificationRows = 5000;
} // namespace

void ConsoleController::loadNotificationPages(const QString &states, const QString &cursor,
                                              QList<Notification> collected, int generation,
                                              PagesDone done)
{
    m_api->listNotifications(states, cursor,
                             [this, states, collected, generation, done = std::move(done)](
                                     const ApiReply<NotificationSlice> &r) mutable {
                                 if (generation != m_snapshotGeneration)
                                     return;
                                 if (!r.ok()) {
                                     done(r.result.message, {});
                                     return;
                                 }
                                 collected.append(r.value.items);
                                 const QString next = r.value.nextCursor;
                                 if (!next.isEmpty() && collected.size() < kMaxNotificationRows) {
                                     loadNotificationPages(states, next, std::move(collected),
                                                           generation, std::move(done));
                                     return;
                                 }
                                 done(QString(), collected);
                             });
}

void ConsoleController::loadFailed(int generation)
{
    loadNotificationPages(stateName(NotificationState::Failed), QString(), {}, generation,
                          [this](const QString &error, const QList<Notification> &rows) {
                              if (!error.isEmpty()) {
                                  Q_EMIT message(
                                          tr("Could not load failed notifications: %1").arg(error));
                                  return;
                              }
                              m_failedModel->replaceAll(rows);
                              m_failedModel->setStale(!m_isLive);
                              Q_EMIT snapshotLoaded();
                          });
}

void ConsoleController::loadWaiting(int generation)
{
    m_waitingLoad.begin();
    const QString states =
            stateName(NotificationState::Pending) + u',' + stateName(NotificationState::Sending);
    loadNotificationPages(
            states, QString(), {}, generation,
            [this](const QString &error, const QList<Notification> &rows) {
                const QList<Notification> during = m_waitingLoad.finish();
                if (!error.isEmpty()) {
                    Q_EMIT message(tr("Could not load waiting notifications: %1").arg(error));
                    return;
                }
                m_waitingModel->replaceAll(rows);
                for (const Notification &n : during)
                    m_waitingModel->upsert(n);
                m_waitingModel->setStale(!m_isLive);
            });
}

void ConsoleController::applyNotification(const Notification &notification)
{
    // Each table takes the rows of its states and lets go of the others:
    // a failure leaves Waiting and enters Failed in the same event.
    m_failedModel->upsert(notification);
    m_waitingModel->upsert(notification);
    m_waitingLoad.hold(notification);
}

void ConsoleController::onEvent(qint64 seq, const QString &type, const QJsonObject &data)
{
    const auto known = liveEventTypeFromName(type);
    if (!known)
        return; // from a newer vigiad: nothing here shows it yet
    switch (*known) {
    case LiveEventType::Notification:
        if (auto n = Notification::fromJson(data))
            applyNotification(*n);
        break;
    case LiveEventType::Status:
        m_status = CommunicationStatus::fromJson(data);
        Q_EMIT statusChanged(m_status);
        break;
    case LiveEventType::Incident:
        if (auto i = Incident::fromJson(data))
            applyIncident(*i);
        break;
    case LiveEventType::Audit:
        if (auto record = AuditEntry::fromJson(data))
            applyAudit(*record, seq);
        break;
    case LiveEventType::Session: applySession(data); break;
    case LiveEventType::Conversation: applyConversation(data); break;
    case LiveEventType::QueueCleanup:
    case LiveEventType::Recovery:
    case LiveEventType::Resync: break; // the tables hear of these through their rows
    }
}

void ConsoleController::applySession(const QJsonObject &event)
{
    m_sessionModel->apply(event);
    m_sessionsLoad.hold(event);
}

void ConsoleController::applyConversation(const QJsonObject &event)
{
    m_conversationModel->apply(event);
    m_conversationsLoad.hold(event);
}

void ConsoleController::applyIncident(const Incident &incident)
{
    m_incidentModel->upsert(incident);
    m_incidentsLoad.hold(incident);
}

void ConsoleController::applyAudit(AuditEntry record, qint64 seq)
{
    // The feed goes to every role; the log is for admins only.
    if (!canReadAudit())
        return;
    const bool fromServer = !record.id.isEmpty();
    // An entry without id or time (an older vigiad) is still worth showing;
    // the feed's sequence number is unique, and it happened about now.
    if (!fromServer)
        record.id = QStringLiteral("live-%1").arg(seq);
    if (!record.at.isValid())
        record.at = m_clock->now();
    m_auditModel->upsert(record);
    // Only entries with the server's id can be matched against the snapshot;
    // the others would appear twice if replayed over it.
    if (fromServer)
        m_auditLoad.hold(record);
}

void ConsoleController::setLive(bool live)
{
    if (m_isLive == live)
        return;
    m_isLive = live;
    m_failedModel->setStale(!live);
    m_waitingModel->setStale(!live);
    Q_EMIT liveChanged(live);
}

void ConsoleController::setConnectionText(const QString &text)
{
    m_connectionText = text;
    Q_EMIT connectionTextChanged(text);
}

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

void ConsoleController::resolve(const QStringList &ids, const QString &method, const QString &note)
{
    for (const QString &id : ids) {
        m_api->resolveNotification(id, method, note, [this, id](const ApiResult &r) {
            if (!r.ok())
                Q_EMIT message(tr("Could not mark %1 as contacted: %2").arg(id, r.message));
        });
    }
    Q_EMIT message(tr("Marked %n notification(s) as contacted", nullptr, int(ids.size())));
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

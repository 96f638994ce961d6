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
      m_conversationModel(new ConversationModel(clock, this)),
      m_claimExpiry(new QTimer(this)),
      m_historyModel(new HistoryModel(this))
{
    m_claimExpiry->setSingleShot(true);
    connect(m_claimExpiry, &QTimer::timeout, m_failedModel, &NotificationModel::refreshClaims);
    // Any change to the rows may bring, end or move the earliest claim.
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_failedModel, signal, this, &ConsoleController::scheduleClaimExpiry);
    connect(m_failedModel, &QAbstractItemModel::modelReset, this,
            &ConsoleController::scheduleClaimExpiry);
    connect(m_failedModel, &QAbstractItemModel::dataChanged, this,
            &ConsoleController::scheduleClaimExpiry);
    connect(m_live, &LiveFeedClient::connected, this, [this] {
        if (!m_role) // vigiad was down when we first asked who we are
            m_api->whoAmI([this](const ApiReply<Caller> &r) { onWhoAmI(r); });
        setLive(true);
        setLink(Link::Live);
        // Minutes may have ended while the link was down, or vigiad may
        // have been down itself (a gap): the range is read again.
        loadHistory();
        setConnectionText(tr("Connected to %1 as %2 (%3)")
                                  .arg(m_server.toDisplayString(),
                                       m_role ? roleName(*m_role) : QStringLiteral("?"),
                                       m_tokenName));
    });
    connect(m_live, &LiveFeedClient::disconnected, this,
            [this](const QDateTime &since, const QDateTime &retryAt) {
                setLive(false);
                setLink(Link::Lost);
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
    m_failedModel->setSortOrder(QStringLiteral("created_at"), true);
    m_waitingModel->setSortOrder(QStringLiteral("created_at"), false);
    connect(m_waitingModel, &NotificationModel::moreRequested, this,
            &ConsoleController::loadWaitingMore);
    connect(m_failedModel, &NotificationModel::moreRequested, this,
            &ConsoleController::loadFailedMore);
    connect(m_failedModel, &QAbstractItemModel::rowsInserted, this,
            &ConsoleController::emitFailedCount);
    connect(m_failedModel, &QAbstractItemModel::rowsRemoved, this,
            &ConsoleController::emitFailedCount);
    connect(m_failedModel, &QAbstractItemModel::modelReset, this,
            &ConsoleController::emitFailedCount);
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
    setLink(Link::Connecting);
    m_api->whoAmI([this](const ApiReply<Caller> &r) { onWhoAmI(r); });
}

void ConsoleController::disconnectFromServer()
{
    m_live->stop();
    setLive(false);
    m_role.reset();
    // The next token may be another operator's: their claims are not "yours".
    m_failedModel->setOperatorName(QString());
    // The next token may not be an admin's: the log must not outlive the role that read it.
    m_auditModel->clear();
    // Another server's history is not this one's.
    ++m_historyGeneration;
    m_historyLoad.finish();
    m_historyModel->clear();
    emitPermissions();
    setLink(Link::NotConnected);
}

void ConsoleController::reconnectNow()
{
    if (m_link != Link::Lost)
        return;
    setConnectionText(tr("Connecting to %1…").arg(m_server.toDisplayString()));
    m_live->reconnectNow();
}

void ConsoleController::setLink(Link link)
{
    if (link == m_link)
        return;
    m_link = link;
    Q_EMIT linkChanged(link);
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
        const QString reason =
                ConnectionCheck::describe(ConnectionCheck::classify(reply, m_server), m_server);
        m_live->stop();
        setLink(Link::NotConnected);
        setConnectionText(tr("Not connected: %1").arg(reason));
        Q_EMIT authenticationFailed(reason);
        return;
    }
    if (!result.ok()) {
        // vigiad is not up yet: the live feed keeps trying and reports when it gets through.
        setConnectionText(
                ConnectionCheck::describe(ConnectionCheck::classify(reply, m_server), m_server));
        setLink(Link::Lost);
        m_live->start();
        return;
    }
    m_role = reply.value.role;
    m_tokenName = reply.value.name;
    m_failedModel->setOperatorName(m_tokenName);
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
        m_failedTotal = m_status.counts.failed;
        emitFailedCount();
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

void ConsoleController::applyNotification(const Notification &notification)
{
    // Each table takes the rows of its states and lets go of the others:
    // a failure leaves Waiting and enters Failed in the same event.
    const bool wasLoaded = m_failedModel->rowOf(notification.id) >= 0;
    m_failedModel->upsert(notification);
    trackFailedTotal(notification, wasLoaded);
    if (notification.id == m_detailsId)
        loadDetails(m_detailsId);
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
        // The server's own count of failures: it settles what the events could not tell.
        m_failedTotal = m_status.counts.failed;
        emitFailedCount();
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
    case LiveEventType::BulkRetry:
        // Announced once for all of them, not row by row: read the lists again.
        loadFailed(m_snapshotGeneration);
        loadWaiting(m_snapshotGeneration);
        break;
    case LiveEventType::HistoryMinute: applyHistoryMinute(data); break;
    case LiveEventType::QueueCleanup:
    case LiveEventType::Recovery:
    case LiveEventType::Resync: break; // the tables hear of these through their rows
    }
}

void ConsoleController::setHistoryRange(HistoryModel::Range range)
{
    if (range == m_historyRange)
        return;
    m_historyRange = range;
    if (m_isLive)
        loadHistory();
}

void ConsoleController::loadHistory()
{
    const int generation = ++m_historyGeneration;
    const int step = HistoryModel::stepSeconds(m_historyRange);
    // Up to the last minute that ended: the one under way comes as its
    // history.minute event, and is counted once.
    const qint64 now = m_clock->now().toSecsSinceEpoch();
    const qint64 to = now - now % 60;
    qint64 from = to - HistoryModel::spanSeconds(m_historyRange);
    from -= from % step; // whole buckets, as vigiad cuts them
    m_historyLoad.begin();
    m_api->history(QDateTime::fromSecsSinceEpoch(from, Qt::UTC),
                   QDateTime::fromSecsSinceEpoch(to, Qt::UTC), step,
                   [this, generation](const ApiReply<HistorySlice> &r) {
                       if (generation != m_historyGeneration)
                           return;
                       const QList<HistoryBucket> during = m_historyLoad.finish();
                       if (!r.ok()) {
                           Q_EMIT message(
                                   tr("Could not load the history: %1").arg(r.result.message));
                           return;
                       }
                       m_historyModel->replaceAll(r.value.from, r.value.to, r.value.stepS,
                                                  r.value.buckets, r.value.periods);
                       for (const HistoryBucket &minute : during)
                           m_historyModel->addMinute(minute);
                       Q_EMIT historyLoaded();
                   });
}

void ConsoleController::applyHistoryMinute(const QJsonObject &data)
{
    const auto minute = HistoryBucket::fromJson(data);
    if (!minute)
        return;
    m_historyModel->addMinute(*minute);
    m_historyLoad.hold(*minute);
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

void ConsoleController::scheduleClaimExpiry()
{
    const QDateTime now = m_clock->now();
    const QDateTime next = m_failedModel->claimExpiryAfter(now);
    if (!next.isValid()) {
        m_claimExpiry->stop();
        return;
    }
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

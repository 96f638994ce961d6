#include "ConsoleController.h"

#include "AuditModel.h"
#include "ConnectionCheck.h"
#include "ConversationModel.h"
#include "IncidentModel.h"
#include "NotificationModel.h"
#include "NotificationPager.h"
#include "SessionModel.h"
#include "SnapshotLoad.h"
#include "SnapshotRestore.h"
#include "WireContract.h"

#include <QJsonArray>
#include <QLocale>
#include <QThreadPool>
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
      m_failedPager(new NotificationPager(m_api, m_failedModel,
                                          stateName(NotificationState::Failed), this)),
      m_waitingPager(new NotificationPager(m_api, m_waitingModel,
                                           stateName(NotificationState::Pending) + u','
                                                   + stateName(NotificationState::Sending),
                                           this)),
      m_claimExpiry(new QTimer(this)),
      m_historyModel(new HistoryModel(this)),
      m_saveTimer(new QTimer(this)),
      m_savePool(new QThreadPool(this))
{
    setUpLocalSnapshot();
    m_claimExpiry->setSingleShot(true);
    connect(m_claimExpiry, &QTimer::timeout, this, [this] {
        m_failedModel->refreshClaims();
        scheduleClaimExpiry(0, -1);
    });
    // A row that arrives or changes may bring an earlier claim: only it is
    // looked at, not all 100,000 rows at each live change. A row that goes
    // may take the earliest one with it; the timer then finds none lapsed
    // and looks at every row once.
    connect(m_failedModel, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { scheduleClaimExpiry(first, last); });
    connect(m_failedModel, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                scheduleClaimExpiry(topLeft.row(), bottomRight.row());
            });
    connect(m_failedModel, &QAbstractItemModel::modelReset, this,
            [this] { scheduleClaimExpiry(0, -1); });
    connect(m_live, &LiveFeedClient::connected, this, [this] {
        if (!m_role) // vigiad was down when we first asked who we are
            m_api->whoAmI([this](const ApiReply<Caller> &r) { onWhoAmI(r); });
        setLive(true);
        setLink(Link::Live);
        // What the operator did while the link was down goes first.
        sendPendingActions();
        // Minutes may have ended while the link was down, or vigiad may
        // have been down itself (a gap): the range is read again.
        loadHistory();
        // Until vigiad's rows replace them, the local copy's time still shows.
        setConnectionText(asOf(connectedText()));
    });
    connect(m_live, &LiveFeedClient::disconnected, this,
            [this](const QDateTime &since, const QDateTime &retryAt) {
                setLive(false);
                setLink(Link::Lost);
                const QLocale locale;
                setConnectionText(asOf(tr("Disconnected from %1 since %2, retrying at %3")
                                               .arg(m_server.toDisplayString(),
                                                    locale.toString(since.toLocalTime().time(),
                                                                    QLocale::LongFormat),
                                                    locale.toString(retryAt.toLocalTime().time(),
                                                                    QLocale::LongFormat))));
            });
    connect(m_live, &LiveFeedClient::resyncRequired, this, &ConsoleController::loadSnapshot);
    connect(m_live, &LiveFeedClient::eventReceived, this, &ConsoleController::onEvent);
    connect(m_live, &LiveFeedClient::authenticationFailed, this, [this] {
        Q_EMIT authenticationFailed(tr("vigiad refused the token for the live feed"));
    });
    setUpLists();
    const auto sessionCount = [this] { Q_EMIT sessionCountChanged(m_sessionModel->rowCount()); };
    connect(m_sessionModel, &QAbstractItemModel::rowsInserted, this, sessionCount);
    connect(m_sessionModel, &QAbstractItemModel::rowsRemoved, this, sessionCount);
    connect(m_sessionModel, &QAbstractItemModel::modelReset, this, sessionCount);
}

ConsoleController::~ConsoleController()
{
    // What changed since the last write is kept on the way out.
    m_savePool->waitForDone();
    if (m_local && m_dirty)
        saveLocalSnapshotNow();
}

void ConsoleController::connectTo(const QUrl &server, const QString &token)
{
    disconnectFromServer();
    m_server = server;
    m_api->setServer(server);
    m_api->setToken(token);
    m_live->setServer(server);
    m_live->setToken(token);
    m_live->setLastSeq(0);
    setConnectionText(m_shownAsOf.isValid()
                              ? asOf(tr("connecting…"))
                              : tr("Connecting to %1…").arg(server.toDisplayString()));
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

QString ConsoleController::connectedText() const
{
    return tr("Connected to %1 as %2 (%3)")
            .arg(m_server.toDisplayString(), m_role ? roleName(*m_role) : QStringLiteral("?"),
                 m_tokenName);
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
    // vigiad answers: its rows are on their way; the local file's rest
    // would only delay them.
    stopRestoring();
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
    // Before vigiad says who this is, the local file's word: Mark contacted
    // may then be kept for later (vigiad still decides when it gets it).
    const std::optional<Role> role = m_role ? m_role : m_knownRole;
    return role && roleAllows(*role, Permission::Resolve);
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
    if (!m_role && !m_knownRole)
        return tr("Not connected");
    return tr("Your role (%1) may not do this; ask an admin")
            .arg(roleName(m_role ? *m_role : *m_knownRole));
}

void ConsoleController::loadSnapshot()
{
    const int generation = ++m_snapshotGeneration;
    m_api->fetchStatus([this, generation](const ApiReply<CommunicationStatus> &r) {
        if (generation != m_snapshotGeneration || !r.ok())
            return;
        m_status = r.value;
        Q_EMIT statusChanged(m_status);
        m_failedPager->setTotal(m_status.counts.failed);
        m_waitingPager->setTotal(m_status.counts.waiting);
    });
    m_failedPager->load();
    m_waitingPager->load();
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

void ConsoleController::applyNotification(const Notification &notification)
{
    // Each table takes the rows of its states and lets go of the others:
    // a failure leaves Waiting and enters Failed in the same event.
    m_failedPager->apply(notification);
    if (notification.id == m_detailsId)
        loadDetails(m_detailsId);
    m_waitingPager->apply(notification);
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
        // The server's own counts: they settle what the events could not tell.
        m_failedPager->setTotal(m_status.counts.failed);
        m_waitingPager->setTotal(m_status.counts.waiting);
        break;
    case LiveEventType::Incident:
        if (auto i = Incident::fromJson(data))
            applyIncident(*i);
        break;
    case LiveEventType::Audit:
        if (auto record = AuditEntry::fromJson(data)) {
            if (!record->at.isValid())
                record->at = m_clock->now(); // older vigiad: the event is the moment
            applyAudit(*record, seq);
            m_historyModel->addAction(*record);
        }
        break;
    case LiveEventType::Session: applySession(data); break;
    case LiveEventType::Conversation: applyConversation(data); break;
    case LiveEventType::BulkRetry:
        // Announced once for all of them, not row by row: read the lists again.
        m_failedPager->load();
        m_waitingPager->load();
        break;
    case LiveEventType::HistoryMinute: applyHistoryMinute(data); break;
    case LiveEventType::Recovery:
        // The rows tell each notification's end; only this says the outage
        // is over and how much it had held (the admin gets it by WhatsApp).
        Q_EMIT message(tr("Communication restored after an outage of %1 s: %n notification(s) it "
                          "held sent again",
                          "", data.value(QStringLiteral("sent")).toInt())
                               .arg(data.value(QStringLiteral("outage_s")).toInt()));
        break;
    case LiveEventType::QueueCleanup:
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
                       m_historyModel->setActions(r.value.actions);
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

} // namespace Vigia

#include "VigiaService.h"

#include "ApiServer.h"
#include "DeliveryDispatcher.h"
#include "DeliveryGateway.h"
#include "GatewayThread.h"
#include "HealthProber.h"
#include "HistoryRecorder.h"
#include "Housekeeping.h"
#include "InstanceGroup.h"
#include "LiveJournal.h"
#include "OperatorActions.h"
#include "OutageSupervisor.h"
#include "Outbox.h"
#include "PostgresStore.h"
#include "SessionRegistry.h"
#include "SharedStatus.h"
#include "SqliteStore.h"
#include "StatusTracker.h"
#include "StoreConnectionThread.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QNetworkAccessManager>

Q_LOGGING_CATEGORY(lcService, "vigia.service", QtInfoMsg)

namespace Vigia {

VigiaService::VigiaService(const ServiceConfig &config, const Clock *clock, QObject *parent)
    : QObject(parent), m_config(config), m_clock(clock ? clock : &m_systemClock)
{ }

VigiaService::~VigiaService()
{
    // Everything below uses the store: take it all down before the store goes.
    delete m_sharedStatus;
    delete m_housekeeping;
    // Enqueues the intake thread stored are published (and answered, as far
    // as the closing sockets go) before the API and the history go.
    if (m_intakeStore)
        m_intakeStore->drain();
    delete m_api;
    m_intakeStore.reset(); // after the API that writes through it
    delete m_sessions;
    delete m_supervisor;
    if (m_deliveryStore) {
        // Outcomes the store thread wrote are published before the history
        // saves its minute; nothing new is claimed meanwhile.
        m_dispatcher->stop();
        m_deliveryStore->drain();
    }
    delete m_dispatcher;
    m_deliveryStore.reset(); // after the dispatcher that writes through it
    delete m_gatewayThread; // after the two that send through it
    delete m_instances;
    m_countThread.reset(); // waits for a count under way; its answer is dropped
    // Last, so it counts the outcomes the dispatcher stored as it went.
    if (m_history)
        m_history->saveMinuteUnderWay();
}

Store *VigiaService::store() const
{
    return m_store.get();
}

bool VigiaService::leads() const
{
    return m_leading;
}

bool VigiaService::openStore(QString *error)
{
    if (m_config.postgresUrl.isEmpty()) {
        m_store = std::make_unique<SqliteStore>(m_config.sqlitePath, SqliteFlush::Grouped);
        return m_store->open(error);
    }
    // The host and port by default: a restart under the same name takes its
    // own interrupted sends back at once instead of after their lease.
    QString instance = m_config.instanceId;
    if (instance.isEmpty())
        instance = QStringLiteral("%1:%2").arg(
                QHostInfo::localHostName(),
                m_config.listenPort ? QString::number(m_config.listenPort)
                                    : QString::number(QCoreApplication::applicationPid()));
    auto store = std::make_unique<PostgresStore>(m_config.postgresUrl, instance,
                                                 std::chrono::milliseconds(m_config.leaseMs));
    m_postgres = store.get();
    m_store = std::move(store);
    // Enqueues, claims and outcomes commit without waiting for the server's
    // flush; one flush on a connection of its own covers a batch of them.
    return m_store->open(error) && m_postgres->startGroupCommit(error);
}

bool VigiaService::joinInstances(QString *error)
{
    m_instances = new InstanceGroup(m_config.postgresUrl, m_postgres, m_journal, m_outbox, m_clock);
    if (!m_instances->open(m_config.liveJournalSize, error))
        return false;
    connect(m_instances, &InstanceGroup::leadershipChanged, this,
            &VigiaService::onLeadershipChanged);
    return true;
}

bool VigiaService::start(QString *error)
{
    if (const QString refusal = m_config.refusalToServe(); !refusal.isEmpty()) {
        *error = refusal;
        return false;
    }
    if (!openStore(error))
        return false;
    // On PostgreSQL the leader's part starts when this instance leads.
    m_leading = !m_postgres;
    // Sequence numbers start from the wall clock so they keep growing across
    // restarts and a client's stale seq is always recognised. On PostgreSQL
    // they are the shared journal's, one sequence for every instance.
    m_journal = new LiveJournal(m_config.liveJournalSize, m_config.liveJournalBytes,
                                m_postgres ? 1 : QDateTime::currentMSecsSinceEpoch() * 1000, this);
    m_outbox = new Outbox(m_store.get(), m_journal, m_clock, m_config.maxAttempts, this);
    if (m_postgres && !joinInstances(error))
        return false;
    createGateways();
    createStatus();
    createSupervision();
    if (m_instances) {
        m_sharedStatus =
                new SharedStatus(m_postgres, m_instances, m_journal, m_status, m_dispatcher, this);
        connect(m_sharedStatus, &SharedStatus::foreignAttemptFinished, m_supervisor,
                &OutageSupervisor::hearForeignAttempt);
    }
    m_sessions =
            new SessionRegistry(m_store.get(), m_outbox, m_journal, m_clock, m_config.sessions);

    const int recovered = m_outbox->recoverInterrupted();
    if (recovered > 0)
        qCInfo(lcService) << recovered
                          << "notifications were in flight when vigiad stopped; sending them again";
    if (!createApi(error))
        return false;
    // On SQLite this instance is the only one, and leads from the start.
    if (!m_instances)
        m_supervisor->start();
    m_sessions->start();
    m_dispatcher->start();
    if (!m_instances && m_prober)
        m_prober->start();
    m_housekeeping = new Housekeeping(m_store.get(), m_journal, m_clock, m_config.retention, this);
    m_housekeeping->start();
    if (m_instances)
        m_instances->start(m_config.leaderPollMs, m_config.leaseMs); // leads when it may
    else
        m_status->evaluate();
    if (!m_config.wahaEnabled)
        qCInfo(lcService) << "waha/enabled = false: WhatsApp is off; notifications go by Discord "
                             "or Telegram only";
    else if (m_config.wahaWebhookHmacKey.isEmpty())
        qCWarning(lcService) << "waha/allow_unsigned_webhooks: WAHA webhooks are accepted "
                                "unsigned from anyone who reaches this loopback socket";
    qCInfo(lcService).noquote() << QStringLiteral("vigiad %1 listening on %2, store %3")
                                           .arg(QStringLiteral(VIGIA_VERSION), baseUrl().toString(),
                                                m_postgres ? QStringLiteral("PostgreSQL, instance ")
                                                                + m_postgres->instanceId()
                                                           : m_config.sqlitePath);
    return true;
}

void VigiaService::startLeading()
{
    // As start() does on SQLite, once this instance leads.
    m_leading = true;
    m_supervisor->start();
    if (m_prober)
        m_prober->start();
    m_status->evaluate();
}

void VigiaService::evaluateOnChanges()
{
    connect(m_outbox, &Outbox::changed, m_status, &StatusTracker::scheduleEvaluate);
    connect(m_outbox, &Outbox::changedInBulk, m_status, &StatusTracker::scheduleEvaluate);
}

void VigiaService::onLeadershipChanged(bool leads)
{
    if (leads && !m_leading) {
        // Where the previous leader left the status, re-checked from here.
        m_status->restore(m_store->lastStatus());
        // It may have died between a commit and its live event; it was
        // leader until at most a few polls ago.
        m_instances->announceRecentAgain(qint64(m_config.leaderPollMs) * 3 + 5000);
        evaluateOnChanges();
        startLeading();
    } else if (!leads && m_leading) {
        qCWarning(lcService) << "this instance lost the leadership with its connection to"
                                " PostgreSQL; stopping";
        Q_EMIT leadershipLost();
    }
}

void VigiaService::createGateways()
{
    // The prober's and the operator actions' few requests stay on this thread.
    m_network = new QNetworkAccessManager(this);
    // Qt 6 follows redirects by default; vigiad talks only to the hosts it was
    // given (each request also says so), and a 3xx is a failure with its reason.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_gatewayThread = new GatewayThread(m_config.delivery.connectionsPerGateway, this);
    HttpClient *sending = m_gatewayThread->http();
    if (m_config.wahaEnabled)
        m_waha = new WahaGateway(sending, m_config.wahaUrl, m_config.wahaSession,
                                 m_config.wahaApiKey);
    m_discord = new DiscordWebhookGateway(sending, m_config.discordAllowedHosts);
    m_telegram = new TelegramGateway(sending, m_config.telegramApiUrl, m_config.telegramBotToken);
    if (m_waha)
        m_senders << m_gatewayThread->adopt(m_waha);
    m_senders << m_gatewayThread->adopt(m_discord) << m_gatewayThread->adopt(m_telegram);
    m_dispatcher = new DeliveryDispatcher(m_outbox, m_config.delivery);
    for (DeliveryGateway *sender : std::as_const(m_senders))
        m_dispatcher->addGateway(sender);
    // Claims and outcomes on a connection of their own, off this thread.
    m_deliveryStore = storeThread(QStringLiteral("vigiad delivery store"),
                                  QStringLiteral("delivery writes"), QThread::InheritPriority);
    m_dispatcher->setStoreThread(m_deliveryStore.get());
}

std::unique_ptr<StoreConnectionThread>
VigiaService::storeThread(const QString &name, const QString &work, QThread::Priority priority)
{
    if (!m_store->secondConnection())
        return nullptr; // one connection by design: nothing to warn about
    QString error;
    auto thread = StoreConnectionThread::open(*m_store, name, &error, priority);
    if (!thread)
        qCWarning(lcService).noquote()
                << QStringLiteral("%1 stay on the service's thread: %2").arg(work, error);
    return thread;
}

void VigiaService::createStatus()
{
    m_status = new StatusTracker(m_config.status, m_clock, m_store.get(), this);
    // A large backlog is counted on a connection and thread of its own, so an
    // outage's backlog never stops this loop (SQLite; PostgreSQL counts in its server).
    m_countThread = storeThread(QStringLiteral("vigiad counts"),
                                QStringLiteral("the status' counts"), QThread::LowPriority);
    m_status->setCountThread(m_countThread.get());
    // A restart starts from what was known, marked as such, not from "unknown";
    // the prober's first probe (at start) confirms or replaces it.
    m_status->restore(m_store->lastStatus());
    // With WhatsApp off nothing probes WAHA: the health check stays unknown
    // (the status then rests on deliveries), and one restored from a run that
    // had WAHA would never be re-checked.
    if (!m_config.wahaEnabled)
        m_status->forgetHealthcheck();
    // Only the leader's status is the status: a follower's tracker is not
    // evaluated, and what it holds is neither saved nor published.
    connect(m_status, &StatusTracker::worthSaving, this, [this](const CommunicationStatus &s) {
        if (!m_leading)
            return;
        if (!m_store->saveLastStatus(s.toJson(), m_clock->now()))
            qCWarning(lcService) << "could not save the status for the next start";
    });
    connect(m_status, &StatusTracker::changed, m_journal, [this](const CommunicationStatus &s) {
        if (m_leading)
            m_journal->publish(LiveEventType::Status, s.toJson());
    });
    if (!m_postgres)
        evaluateOnChanges();
    // Whether WAHA's acks reach vigiad outlives a restart: the last one is on disk.
    m_status->recordAck(m_store->lastAckAt());
    connect(m_outbox, &Outbox::ackReceived, m_status, &StatusTracker::recordAck);
    connect(m_dispatcher, &DeliveryDispatcher::attemptFinished, m_status,
            [this](const Notification &after, const DeliveryResult &r) {
                m_status->recordDelivery(r, after.updatedAt);
            });
    connect(m_dispatcher, &DeliveryDispatcher::storeWrite, m_status,
            &StatusTracker::recordStoreWrite);
    m_history = new HistoryRecorder(m_outbox, m_store.get(), m_status, m_journal, m_clock, this);
    m_history->start();
    if (!m_config.wahaEnabled)
        return;
    m_prober =
            new HealthProber(m_network, m_config.wahaUrl, m_config.wahaSession, m_config.wahaApiKey,
                             m_config.probeIntervalMs, m_config.probeTimeoutMs, this);
    connect(m_prober, &HealthProber::probed, m_status, &StatusTracker::recordProbe);
}

void VigiaService::createSupervision()
{
    OperatorActions::Config actions;
    actions.botRestartCommand = m_config.botRestartCommand;
    actions.botRestartUrl = m_config.botRestartUrl;
    actions.timeoutMs = m_config.actionTimeoutMs;
    actions.wahaUrl = m_config.wahaUrl;
    actions.wahaSession = m_config.wahaSession;
    actions.wahaApiKey = m_config.wahaApiKey;
    m_actions = new OperatorActions(m_network, actions, this);

    OutagePolicy outage;
    // The admin is reached by WhatsApp only (ServiceConfig warns about it).
    if (m_config.wahaEnabled)
        outage.adminContact = m_config.adminContact;
    outage.diagnosisTimeoutMs = m_config.probeTimeoutMs;
    outage.recoveryRatePerSecond = m_config.recoveryRatePerSecond;
    outage.diagnosisRetryMs = m_config.diagnosisRetryMs;
    m_supervisor = new OutageSupervisor(m_outbox, m_store.get(), m_status, m_dispatcher, m_journal,
                                        outage);
    for (DeliveryGateway *sender : std::as_const(m_senders))
        m_supervisor->addGateway(sender);
}

bool VigiaService::createApi(QString *error)
{
    ApiContext context;
    context.store = m_store.get();
    context.outbox = m_outbox;
    // The producers' enqueues on a connection and thread of their own: the
    // insert and its commit were a third of this loop's work under load.
    m_intakeStore = storeThread(QStringLiteral("vigiad intake"), QStringLiteral("enqueues"),
                                QThread::InheritPriority);
    context.intake = m_intakeStore.get();
    context.journal = m_journal;
    context.status = m_status;
    context.history = m_history;
    // Only its allowed hosts are read here, fixed since it was built.
    context.discord = m_discord;
    context.prober = m_prober;
    context.actions = m_actions;
    context.sessions = m_sessions;
    context.channels.clear();
    context.whatsappEnabled = m_config.wahaEnabled;
    if (m_config.wahaEnabled)
        context.channels << Channel::WhatsApp;
    if (!m_config.discordAllowedHosts.isEmpty())
        context.channels << Channel::Discord;
    if (!m_config.telegramBotToken.isEmpty())
        context.channels << Channel::Telegram;
    context.maxReconcileBytes = m_config.maxReconcileBytes;
    context.httpLimits = m_config.http;
    context.liveLimits = m_config.live;
    context.wahaHmacKey = m_config.wahaWebhookHmacKey.toUtf8();
    context.wahaSession = m_config.wahaSession;
    context.webhookMaxSkewMs = qint64(m_config.wahaWebhookMaxSkewS) * 1000;
    context.maxBodyBytes = m_config.maxBodyBytes;
    if (m_postgres) {
        context.instanceId = m_postgres->instanceId();
        context.leads = [this] { return m_leading; };
    }
    m_api = new ApiServer(context);
    return m_api->listen(m_config.listenAddress, m_config.listenPort, error);
}

quint16 VigiaService::port() const
{
    return m_api ? m_api->port() : 0;
}

QUrl VigiaService::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(m_config.listenAddress.toString());
    url.setPort(port());
    return url;
}

} // namespace Vigia

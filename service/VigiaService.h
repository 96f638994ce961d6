#pragma once

#include "Clock.h"
#include "ServiceConfig.h"

#include <QObject>
#include <QThread>

#include <memory>

class QNetworkAccessManager;

namespace Vigia {

class ApiServer;
class DeliveryDispatcher;
class DiscordWebhookGateway;
class GatewayThread;
class HealthProber;
class HistoryRecorder;
class Housekeeping;
class InstanceGroup;
class LiveJournal;
class OperatorActions;
class OutageSupervisor;
class PostgresStore;
class SessionRegistry;
class SharedStatus;
class Outbox;
class StatusTracker;
class Store;
class StoreConnectionThread;
class TelegramGateway;
class WahaGateway;

// Everything vigiad runs, wired from one configuration. The executable and
// the integration tests build the same object.
class VigiaService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VigiaService)

public:
    // clock: nullptr for the system clock; tests pass their own.
    explicit VigiaService(const ServiceConfig &config, const Clock *clock = nullptr,
                          QObject *parent = nullptr);
    ~VigiaService() override;

    bool start(QString *error);
    quint16 port() const;
    QUrl baseUrl() const;

    Store *store() const;
    Outbox *outbox() const { return m_outbox; }
    DeliveryDispatcher *dispatcher() const { return m_dispatcher; }
    StatusTracker *statusTracker() const { return m_status; }
    LiveJournal *journal() const { return m_journal; }
    ApiServer *apiServer() const { return m_api; }
    HealthProber *prober() const { return m_prober; }
    OutageSupervisor *supervisor() const { return m_supervisor; }
    SessionRegistry *sessions() const { return m_sessions; }
    Housekeeping *housekeeping() const { return m_housekeeping; }
    HistoryRecorder *history() const { return m_history; }
    const ServiceConfig &config() const { return m_config; }
    // Several instances on PostgreSQL: nullptr with SQLite.
    InstanceGroup *instances() const { return m_instances; }
    // Whether this instance runs the prober, the status evaluation and the
    // outage supervisor: always on SQLite; the leader's part on PostgreSQL.
    bool leads() const;

Q_SIGNALS:
    // This instance led and no longer does (its connection to PostgreSQL
    // broke): another may lead already, and what this one's supervisor was
    // doing is unknown to it. vigiad exits then, to start again as a follower.
    void leadershipLost();

private:
    // start() in steps; each creates one part and wires it to the ones before.
    void createGateways();
    void createStatus();
    void createSupervision();
    bool createApi(QString *error);
    bool openStore(QString *error);
    // A second connection to the store on a thread of its own, for `work`;
    // null, with a warning, when the store has none to give (PostgreSQL
    // works in its server) and `work` stays on this thread.
    std::unique_ptr<StoreConnectionThread> storeThread(const QString &name, const QString &work,
                                                       QThread::Priority priority);
    bool joinInstances(QString *error);
    // The leader's part: prober, status evaluation, outage supervisor.
    void startLeading();
    void evaluateOnChanges();
    void onLeadershipChanged(bool leads);

    ServiceConfig m_config;
    SystemClock m_systemClock;
    const Clock *m_clock;
    std::unique_ptr<Store> m_store;
    PostgresStore *m_postgres = nullptr; // m_store, on PostgreSQL
    InstanceGroup *m_instances = nullptr;
    SharedStatus *m_sharedStatus = nullptr; // with m_instances
    bool m_leading = false;
    QNetworkAccessManager *m_network = nullptr;
    LiveJournal *m_journal = nullptr;
    Outbox *m_outbox = nullptr;
    GatewayThread *m_gatewayThread = nullptr;
    // The gateways live on m_gatewayThread; the dispatcher and the supervisor
    // send through their stand-ins here.
    QList<DeliveryGateway *> m_senders;
    WahaGateway *m_waha = nullptr;
    DiscordWebhookGateway *m_discord = nullptr;
    TelegramGateway *m_telegram = nullptr;
    DeliveryDispatcher *m_dispatcher = nullptr;
    std::unique_ptr<StoreConnectionThread> m_deliveryStore; // the dispatcher's writes
    std::unique_ptr<StoreConnectionThread> m_intakeStore; // the producers' enqueues
    StatusTracker *m_status = nullptr;
    std::unique_ptr<StoreConnectionThread> m_countThread; // the counts of a large backlog
    HistoryRecorder *m_history = nullptr;
    HealthProber *m_prober = nullptr;
    OperatorActions *m_actions = nullptr;
    OutageSupervisor *m_supervisor = nullptr;
    SessionRegistry *m_sessions = nullptr;
    ApiServer *m_api = nullptr;
    Housekeeping *m_housekeeping = nullptr;
};

} // namespace Vigia

#pragma once

#include "DemoBot.h"

#include <QHostAddress>
#include <QObject>
#include <QTemporaryDir>
#include <QTimer>

#include <memory>

namespace Vigia {

class DemoWaha;
class VigiaService;

// `vigiad --demo`: the real service on a temporary store (removed with this
// object), beside a simulated WhatsApp gateway on loopback that goes down
// and comes back on a cycle, and a simulated bot feeding vigiad through its
// REST API. Its status says demo, so every console marks it as one.
class DemoRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoRun)

public:
    struct Options
    {
        QHostAddress listenAddress = QHostAddress::LocalHost;
        quint16 listenPort = 8765; // 0: any free port
        // The gateway works firstUpMs, then fails for downMs, works upMs,
        // fails again, and so on. Within a minute of start the console has
        // seen failures, an incident and the recovery with its summary.
        int firstUpMs = 30000;
        int downMs = 20000;
        int upMs = 40000;
        DemoBot::Pace pace;
        // How quickly vigiad notices: a probe every probeIntervalMs and
        // incommunicado settleS after deliveries begin to fail.
        int probeIntervalMs = 3000;
        int probeTimeoutMs = 1500;
        int settleS = 6;
        int backoffInitialMs = 2000;
        // An invented hour before start in the history, for the charts.
        bool seedHistory = true;
    };

    explicit DemoRun(const Options &options, QObject *parent = nullptr);
    ~DemoRun() override;

    bool start(QString *error);

    // Bearer tokens made for this run: the console's (admin) and the bot's.
    QString adminToken() const { return m_adminToken; }
    QString botToken() const { return m_botToken; }
    QString storeDirectory() const { return m_dir.path(); }

    VigiaService *service() const { return m_service.get(); }
    DemoWaha *waha() const { return m_waha; }
    DemoBot *bot() const { return m_bot; }

private:
    bool makeTokens(QString *error);
    void flip();

    Options m_options;
    QTemporaryDir m_dir; // declared first: it outlives the store inside it
    DemoWaha *m_waha;
    std::unique_ptr<VigiaService> m_service;
    DemoBot *m_bot = nullptr;
    QTimer m_cycle;
    QString m_adminToken;
    QString m_botToken;
};

// `vigiad --demo [--listen 127.0.0.1:PORT] [--token-file FILE]`: runs the
// demo until the event loop ends. args are those after --demo.
int runDemoCommand(const QStringList &args);

} // namespace Vigia

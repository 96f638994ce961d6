#include "DemoRun.h"

#include "ApiTokens.h"
#include "DemoHistory.h"
#include "DemoWaha.h"
#include "Phone.h"
#include "SqliteStore.h"
#include "Store.h"
#include "VigiaService.h"

#include <QCoreApplication>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTextStream>

Q_LOGGING_CATEGORY(lcDemo, "vigia.demo", QtInfoMsg)

namespace Vigia {

DemoRun::DemoRun(const Options &options, QObject *parent)
    : QObject(parent),
      m_options(options),
      m_dir(QDir::tempPath() + QStringLiteral("/vigiad-demo-XXXXXX")),
      m_waha(new DemoWaha(this))
{
    m_cycle.setSingleShot(true);
    connect(&m_cycle, &QTimer::timeout, this, &DemoRun::flip);
}

DemoRun::~DemoRun()
{
    // The bot's and the gateway's requests go to the service: stop them first.
    m_cycle.stop();
    delete m_bot;
    m_bot = nullptr;
    m_service.reset();
}

bool DemoRun::start(QString *error)
{
    if (!m_options.listenAddress.isLoopback()) {
        *error = QStringLiteral("the demo listens on loopback only (127.0.0.1 or [::1])");
        return false;
    }
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary directory for the demo store: %1")
                         .arg(m_dir.errorString());
        return false;
    }
    if (!m_waha->listen(error))
        return false;
    // A key WAHA signs with, as in production: the demo has nothing unsigned.
    const QByteArray hmacKey = QByteArray::number(QRandomGenerator::system()->generate64(), 16)
            + QByteArray::number(QRandomGenerator::system()->generate64(), 16);
    const QString listen = m_options.listenAddress.protocol() == QAbstractSocket::IPv6Protocol
            ? QStringLiteral("[%1]:%2")
            : QStringLiteral("%1:%2");
    const QHash<QString, QString> values = {
            {QStringLiteral("server/listen"),
             listen.arg(m_options.listenAddress.toString()).arg(m_options.listenPort)},
            {QStringLiteral("store/sqlite"), m_dir.filePath(QStringLiteral("vigia.db"))},
            {QStringLiteral("waha/url"), m_waha->url().toString()},
            {QStringLiteral("waha/webhook_hmac_key"), QString::fromLatin1(hmacKey)},
            // Only the simulated WhatsApp: no Discord or Telegram, so nothing
            // this demo does leaves the machine.
            {QStringLiteral("discord/allowed_hosts"), QString()},
            {QStringLiteral("admin/contact"), QStringLiteral("+58 414 5550000")},
            {QStringLiteral("health/probe_interval_ms"),
             QString::number(m_options.probeIntervalMs)},
            {QStringLiteral("health/probe_timeout_ms"), QString::number(m_options.probeTimeoutMs)},
            {QStringLiteral("status/settle_s"), QString::number(m_options.settleS)},
            {QStringLiteral("delivery/backoff_initial_ms"),
             QString::number(m_options.backoffInitialMs)},
    };
    auto config = ServiceConfig::fromValues(values, error);
    if (!config)
        return false;
    config->status.demo = true;
    if (m_options.seedHistory) {
        SqliteStore seed(config->sqlitePath);
        if (!seed.open(error))
            return false;
        if (!seedDemoHistory(&seed, QDateTime::currentDateTimeUtc())) {
            *error = QStringLiteral("cannot write the demo's history to its store");
            return false;
        }
    }
    m_service = std::make_unique<VigiaService>(*config);
    if (!m_service->start(error))
        return false;
    QUrl webhook = m_service->baseUrl();
    webhook.setPath(QStringLiteral("/v1/gateway/waha/webhook"));
    m_waha->setWebhook(webhook, hmacKey);
    m_waha->addUnregistered(Phone::toWahaChatId(DemoBot::unregisteredPhone()));
    if (!makeTokens(error))
        return false;
    m_bot = new DemoBot(m_service->baseUrl(), m_botToken.toLatin1(), m_options.pace, this);
    m_bot->start();
    m_cycle.start(m_options.firstUpMs);
    return true;
}

bool DemoRun::makeTokens(QString *error)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_adminToken = ApiTokens::generateSecret();
    m_botToken = ApiTokens::generateSecret();
    return m_service->store()->addToken(QStringLiteral("demo-console"), Role::Admin,
                                        ApiTokens::hashSecret(m_adminToken), now, error)
            && m_service->store()->addToken(QStringLiteral("demo-bot"), Role::Bot,
                                            ApiTokens::hashSecret(m_botToken), now, error);
}

void DemoRun::flip()
{
    const bool up = !m_waha->isUp();
    qCInfo(lcDemo) << (up ? "demo: the simulated WhatsApp gateway is back"
                          : "demo: the simulated WhatsApp gateway goes down");
    m_waha->setUp(up);
    m_cycle.start(up ? m_options.upMs : m_options.downMs);
}

int runDemoCommand(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    DemoRun::Options options;
    QString tokenFile;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        const QString value = args.value(i + 1);
        if (arg == QLatin1String("--listen") && !value.isEmpty()) {
            const qsizetype colon = value.lastIndexOf(u':');
            bool ok = false;
            const int port = colon > 0 ? value.mid(colon + 1).toInt(&ok) : -1;
            QString host = value.left(colon);
            if (host.startsWith(u'[') && host.endsWith(u']'))
                host = host.mid(1, host.size() - 2);
            const QHostAddress address(host);
            if (!ok || port < 0 || port > 65535 || address.isNull()) {
                err << "vigiad --demo: --listen takes 127.0.0.1:PORT" << Qt::endl;
                return 2;
            }
            options.listenAddress = address;
            options.listenPort = quint16(port);
            ++i;
        } else if (arg == QLatin1String("--token-file") && !value.isEmpty()) {
            tokenFile = value;
            ++i;
        } else {
            err << "vigiad --demo: unknown argument " << arg
                << " (vigiad --demo [--listen 127.0.0.1:PORT] [--token-file FILE])" << Qt::endl;
            return 2;
        }
    }
    DemoRun demo(options);
    QString error;
    if (!demo.start(&error)) {
        err << "vigiad --demo: " << error << Qt::endl;
        return 1;
    }
    const QString url = demo.service()->baseUrl().toString();
    if (!tokenFile.isEmpty()) {
        QFile file(tokenFile);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || file.write(demo.adminToken().toLatin1() + '\n') < 0) {
            err << "vigiad --demo: cannot write " << tokenFile << ": " << file.errorString()
                << Qt::endl;
            return 1;
        }
    }
    out << "DEMO: vigiad at " << url << " with a simulated bot and WhatsApp gateway, on a "
        << "temporary store (" << demo.storeDirectory() << ") deleted when it stops." << Qt::endl
        << "The simulated gateway fails " << options.firstUpMs / 1000 << " s from now, for "
        << options.downMs / 1000 << " s, and again every " << (options.upMs + options.downMs) / 1000
        << " s. Nothing leaves this machine." << Qt::endl;
    if (tokenFile.isEmpty()) {
        out << "Console token (admin):" << Qt::endl << demo.adminToken() << Qt::endl;
        out << "Open the console with: VIGIA_TOKEN=<token> vigia --server " << url << Qt::endl;
    }
    return QCoreApplication::exec();
}

} // namespace Vigia

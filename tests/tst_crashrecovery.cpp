// Nothing is lost across kill -9: a real vigiad process is killed while
// notifications are in flight, restarted, and every notification is counted.
// And an outage that vigiad is restarted in the middle of still ends: the
// status, the incident and the admin's summary come back as without a restart.
#include "TestSupport.h"
#include "WahaDouble.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <algorithm>

using namespace Vigia;
using namespace Vigia::TestSupport;

namespace {
const QString kAdminPhone = QStringLiteral("+58 424-0000000");
const QString kAdminChat = QStringLiteral("584240000000@c.us");
const QString kCustomerChat = QStringLiteral("584241234567@c.us"); // whatsappBody()'s phone
// Without the restart the outage ends within a probe interval; with it, the
// start-up probe is due at once. Well below the slow rows' probe interval
// (30 s), with room for a loaded machine and a sanitizer build.
constexpr qint64 kRecoveryBoundMs = 20000;
constexpr int kSlowProbeMs = 30000;
} // namespace

class TstCrashRecovery final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_configPath;
    quint16 m_port = 0;

    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    void writeConfig(const QUrl &waha)
    {
        m_configPath = m_dir.filePath(QStringLiteral("vigiad.ini"));
        QFile f(m_configPath);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QStringLiteral("[server]\nlisten = 127.0.0.1:%1\n"
                               "[store]\nsqlite = %2\n"
                               "[waha]\nurl = %3\nwebhook_hmac_key = crash-test-key\n"
                               "[delivery]\nattempt_timeout_ms = 60000\nbackoff_initial_ms = 20\n"
                               "backoff_max_ms = 100\nconcurrency = 4\npoll_interval_ms = 20\n"
                               "[health]\nprobe_interval_ms = 0\n")
                        .arg(m_port)
                        .arg(m_dir.filePath(QStringLiteral("vigia.db")), waha.toString())
                        .toUtf8());
    }

    std::unique_ptr<QProcess> startVigiad()
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p->start(QStringLiteral(VIGIAD_PATH), {QStringLiteral("--config"), m_configPath});
        if (!p->waitForStarted(10000))
            return nullptr;
        return p;
    }

    QString addTokenWithCli(const QString &role)
    {
        QProcess p;
        p.start(QStringLiteral(VIGIAD_PATH),
                {QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--config"),
                 m_configPath, QStringLiteral("--role"), role, QStringLiteral("--name"), role});
        if (!p.waitForFinished(10000) || p.exitCode() != 0)
            return {};
        const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
        return QString::fromUtf8(lines.last().trimmed());
    }

    int countInState(Http &http, const QString &token, const QString &state)
    {
        const HttpReply r =
                http.get(QStringLiteral("/v1/notifications?limit=500&state=") + state, token);
        return int(r.json.value(QStringLiteral("items")).toArray().size());
    }

    QUrl apiBase() const
    {
        QUrl base;
        base.setScheme(QStringLiteral("http"));
        base.setHost(QStringLiteral("127.0.0.1"));
        base.setPort(m_port);
        return base;
    }

    // The field's outage set-up, with the intervals short so a test takes
    // seconds: two failed probes raise the alarm, no settle time, the admin
    // number the diagnosis and the recovery summary go to, and no ack wait
    // (the double sends no acks).
    void writeOutageConfig(const QTemporaryDir &dir, const QUrl &waha, int probeIntervalMs,
                           int maxAttempts)
    {
        m_configPath = dir.filePath(QStringLiteral("vigiad.ini"));
        QFile f(m_configPath);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QStringLiteral("[server]\nlisten = 127.0.0.1:%1\n"
                               "[store]\nsqlite = %2\n"
                               "[waha]\nurl = %3\nwebhook_hmac_key = crash-test-key\n"
                               "[admin]\ncontact = %4\n"
                               "[delivery]\nmax_attempts = %6\nattempt_timeout_ms = 2000\n"
                               "backoff_initial_ms = 20\n"
                               "backoff_max_ms = 100\npoll_interval_ms = 20\nack_timeout_s = 0\n"
                               "recovery_rate_per_s = 50\n"
                               "[health]\nprobe_interval_ms = %5\nprobe_timeout_ms = 500\n"
                               "failure_threshold = 2\n"
                               "[status]\nsettle_s = 0\ndiagnosis_retry_ms = 100\n")
                        .arg(m_port)
                        .arg(dir.filePath(QStringLiteral("vigia.db")), waha.toString(), kAdminPhone)
                        .arg(probeIntervalMs)
                        .arg(maxAttempts)
                        .toUtf8());
    }

    static QJsonObject status(Http &http, const QString &token)
    {
        return http.get(QStringLiteral("/v1/status"), token).json;
    }

    static QList<QJsonObject> incidents(Http &http, const QString &token)
    {
        QList<QJsonObject> out;
        const HttpReply r = http.get(QStringLiteral("/v1/incidents?limit=10"), token);
        for (const QJsonValue v : r.json.value(QStringLiteral("items")).toArray())
            out << v.toObject();
        return out;
    }

    static bool isOpen(const QJsonObject &incident)
    {
        return incident.value(QStringLiteral("ended_at")).isNull();
    }

    static bool anIncidentIsOpen(Http &http, const QString &token)
    {
        const QList<QJsonObject> all = incidents(http, token);
        return std::any_of(all.cbegin(), all.cend(), isOpen);
    }

    static bool isOutage(const QJsonObject &status)
    {
        const QString state = status.value(QStringLiteral("state")).toString();
        return state == QLatin1String("critical") || state == QLatin1String("incommunicado");
    }

    static bool healthCheckFailing(const QJsonObject &status)
    {
        return status.value(QStringLiteral("signals"))
                       .toObject()
                       .value(QStringLiteral("healthcheck"))
                       .toObject()
                       .value(QStringLiteral("state"))
                       .toString()
                == QLatin1String("failing");
    }

    // Online from a fresh signal, not the status restored at start-up.
    static bool isFreshlyOnline(const QJsonObject &status)
    {
        return status.value(QStringLiteral("state")).toString() == QLatin1String("online")
                && !status.value(QStringLiteral("restored")).toBool();
    }

    // How many times WAHA accepted `text` for `chatId`.
    static int timesSent(const WahaDouble &waha, const QString &chatId, const QString &text)
    {
        const QList<QJsonObject> accepted = waha.accepted();
        return int(std::count_if(accepted.cbegin(), accepted.cend(), [&](const QJsonObject &b) {
            return b.value(QStringLiteral("chatId")).toString() == chatId
                    && b.value(QStringLiteral("text")).toString() == text;
        }));
    }

    // The admin's recovery summaries, told apart from the diagnosis' messages
    // by what they say (as tst_outagesupervisor does).
    static int recoverySummariesToAdmin(const WahaDouble &waha)
    {
        const QList<QJsonObject> accepted = waha.accepted();
        return int(std::count_if(accepted.cbegin(), accepted.cend(), [](const QJsonObject &b) {
            return b.value(QStringLiteral("chatId")).toString() == kAdminChat
                    && b.value(QStringLiteral("text"))
                               .toString()
                               .contains(QLatin1String("Se enviaron"));
        }));
    }

    // Stops vigiad the way the row says and waits until it is gone.
    static void stop(QProcess &vigiad, bool sigkill)
    {
        if (sigkill)
            vigiad.kill(); // no clean shutdown, no flush
        else
            vigiad.terminate();
        QVERIFY(vigiad.waitForFinished(10000));
        QCOMPARE(vigiad.exitStatus(), sigkill ? QProcess::CrashExit : QProcess::NormalExit);
    }

private Q_SLOTS:
    void initTestCase()
    {
        enterTestMode();
        QVERIFY(m_dir.isValid());
    }

    void killMinusNineLosesNothing()
    {
        WahaDouble waha;
        QVERIFY(waha.start());
        waha.setMode(GatewayDouble::Mode::Hang); // sends stay in flight until the kill
        m_port = freePort();
        writeConfig(waha.baseUrl());
        const QString bot = addTokenWithCli(QStringLiteral("bot"));
        const QString admin = addTokenWithCli(QStringLiteral("admin"));
        QVERIFY(bot.startsWith(QLatin1String("vga_")));

        auto vigiad = startVigiad();
        QVERIFY(vigiad);
        QUrl base;
        base.setScheme(QStringLiteral("http"));
        base.setHost(QStringLiteral("127.0.0.1"));
        base.setPort(m_port);
        Http http(base);
        QTRY_COMPARE_WITH_TIMEOUT(http.get(QStringLiteral("/healthz"), QString()).status, 200,
                                  10000);

        const int total = 40;
        QSet<QString> accepted201;
        for (int i = 0; i < total; ++i) {
            const HttpReply r = http.post(QStringLiteral("/v1/notifications"), bot,
                                          whatsappBody(QStringLiteral("K%1").arg(i)));
            QCOMPARE(r.status, 201); // 201 means durably committed
            accepted201.insert(r.json.value(QStringLiteral("id")).toString());
        }
        QTRY_COMPARE_WITH_TIMEOUT(waha.hungRequestCount(), 4, 10000);
        QCOMPARE(countInState(http, admin, QStringLiteral("sending")), 4);

        vigiad->kill(); // SIGKILL: no clean shutdown, no flush
        QVERIFY(vigiad->waitForFinished(10000));
        QCOMPARE(vigiad->exitStatus(), QProcess::CrashExit);

        waha.releaseHungRequests();
        waha.setMode(GatewayDouble::Mode::Accept);
        vigiad = startVigiad();
        QVERIFY(vigiad);
        QTRY_COMPARE_WITH_TIMEOUT(http.get(QStringLiteral("/healthz"), QString()).status, 200,
                                  10000);
        QTRY_COMPARE_WITH_TIMEOUT(countInState(http, admin, QStringLiteral("delivered")), total,
                                  20000);

        // Every notification the API acknowledged was delivered; none was invented.
        const HttpReply all = http.get(QStringLiteral("/v1/notifications?limit=500"), admin);
        QSet<QString> stored;
        for (const QJsonValue v : all.json.value(QStringLiteral("items")).toArray())
            stored.insert(v.toObject().value(QStringLiteral("id")).toString());
        QCOMPARE(stored, accepted201);
        QSet<QString> texts;
        for (const QJsonObject &body : waha.accepted())
            texts.insert(body.value(QStringLiteral("text")).toString());
        QCOMPARE(texts.size(), total);

        vigiad->terminate();
        QVERIFY(vigiad->waitForFinished(10000));
        QCOMPARE(vigiad->exitStatus(), QProcess::NormalExit);
        QCOMPARE(vigiad->exitCode(), 0);
    }

    // The field report: WAHA's session stops, four orders queue up, vigiad is
    // stopped (kill -9, or cleanly), WAHA comes back and then vigiad does.
    // The restored outage must end on the first fresh signal like any other:
    // not "critical, the diagnosis reached neither..." beside signals that all pass.
    //
    // Fast probes see the session fail before vigiad stops. Slow ones (the
    // field's 15 s, scaled to this test's pace) do not yet: only the
    // deliveries' failures and the incident are saved, and the start-up probe
    // must end the outage on its own, since the next probe and the held
    // channels' next trial send are further away than the time allowed. With
    // one attempt per notification most orders have failed before the stop,
    // as with the default backoff (14 s) and settle time (20 s): those are
    // left to no trial send at all.
    void restartDuringAnOutageRecovers_data()
    {
        QTest::addColumn<bool>("sigkill");
        QTest::addColumn<int>("probeIntervalMs");
        QTest::addColumn<int>("maxAttempts");
        QTest::newRow("SIGKILL, health check failing") << true << 200 << 4;
        QTest::newRow("SIGTERM, health check failing") << false << 200 << 4;
        QTest::newRow("SIGKILL, health check not failing yet") << true << kSlowProbeMs << 4;
        QTest::newRow("SIGKILL, not failing yet, one attempt each") << true << kSlowProbeMs << 1;
        QTest::newRow("SIGTERM, not failing yet, one attempt each") << false << kSlowProbeMs << 1;
    }

    void restartDuringAnOutageRecovers()
    {
        QFETCH(bool, sigkill);
        QFETCH(int, probeIntervalMs);
        QFETCH(int, maxAttempts);
        // Fast probes see the session fail before the stop; slow ones do not yet.
        const bool healthFailingAtStop = probeIntervalMs < kRecoveryBoundMs;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        WahaDouble waha;
        QVERIFY(waha.start());
        m_port = freePort();
        writeOutageConfig(dir, waha.baseUrl(), probeIntervalMs, maxAttempts);
        const QString bot = addTokenWithCli(QStringLiteral("bot"));
        const QString admin = addTokenWithCli(QStringLiteral("admin"));
        QVERIFY(bot.startsWith(QLatin1String("vga_")));

        // 1. Up, with WAHA working.
        auto vigiad = startVigiad();
        QVERIFY(vigiad);
        Http http(apiBase());
        QTRY_COMPARE_WITH_TIMEOUT(http.get(QStringLiteral("/healthz"), QString()).status, 200,
                                  10000);
        QTRY_VERIFY_WITH_TIMEOUT(isFreshlyOnline(status(http, admin)), 5000);

        // 2. WAHA's session stops (its sends answer 422, its status STOPPED);
        // four orders come in and the outage is diagnosed.
        waha.setSessionStatus(QStringLiteral("STOPPED"));
        QStringList texts;
        for (int i = 1; i <= 4; ++i) {
            const QJsonObject body = whatsappBody(QStringLiteral("STUCK-%1").arg(i));
            QCOMPARE(http.post(QStringLiteral("/v1/notifications"), bot, body).status, 201);
            texts << body.value(QStringLiteral("text")).toString();
        }
        QTRY_VERIFY_WITH_TIMEOUT(isOutage(status(http, admin)), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(anIncidentIsOpen(http, admin), 15000);
        QCOMPARE(waha.accepted().size(), 0);
        if (healthFailingAtStop)
            QTRY_VERIFY_WITH_TIMEOUT(healthCheckFailing(status(http, admin)), 15000);
        else
            QVERIFY(!healthCheckFailing(status(http, admin)));

        // 3. vigiad goes away in the middle of the outage.
        stop(*vigiad, sigkill);
        if (QTest::currentTestFailed())
            return;

        // 4. WAHA first, then vigiad on the same config and store.
        waha.setSessionStatus(QStringLiteral("WORKING"));
        QElapsedTimer sinceRestart;
        sinceRestart.start();
        vigiad = startVigiad();
        QVERIFY(vigiad);
        QTRY_COMPARE_WITH_TIMEOUT(http.get(QStringLiteral("/healthz"), QString()).status, 200,
                                  10000);

        // 5. Within seconds: every order out once, online from a fresh
        // signal, the incident closed and one summary for the admin.
        for (const QString &text : std::as_const(texts))
            QTRY_COMPARE_WITH_TIMEOUT(timesSent(waha, kCustomerChat, text), 1, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(isFreshlyOnline(status(http, admin)), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!anIncidentIsOpen(http, admin), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(recoverySummariesToAdmin(waha), 1, 15000);
        QVERIFY2(sinceRestart.elapsed() < kRecoveryBoundMs,
                 qPrintable(QStringLiteral("recovered %1 ms after the restart")
                                    .arg(sinceRestart.elapsed())));
        const QList<QJsonObject> all = incidents(http, admin);
        QCOMPARE(all.size(), 1);
        // The summary comes once the backlog is through: nothing was sent twice.
        for (const QString &text : std::as_const(texts))
            QCOMPARE(timesSent(waha, kCustomerChat, text), 1);
        QTRY_COMPARE_WITH_TIMEOUT(
                countInState(http, admin, QStringLiteral("pending,sending,failed")), 0, 5000);

        vigiad->terminate();
        QVERIFY(vigiad->waitForFinished(10000));
        QCOMPARE(vigiad->exitCode(), 0);
    }

    void badConfigStopsStartupNamingTheKey()
    {
        const QString path = m_dir.filePath(QStringLiteral("bad.ini"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[delivery]\nmax_attempts = many\n");
        f.close();
        QProcess p;
        p.start(QStringLiteral(VIGIAD_PATH), {QStringLiteral("--config"), path});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("delivery/max_attempts"));
    }

    // WAHA's webhooks must be signed unless vigiad is a loopback-only demo.
    void unsignedWebhooksStopStartup_data()
    {
        QTest::addColumn<QByteArray>("waha");
        QTest::addColumn<QByteArray>("listen");
        QTest::addColumn<QByteArray>("named");
        QTest::newRow("empty key") << QByteArray("webhook_hmac_key =\n")
                                   << QByteArray("127.0.0.1:0") << QByteArray("allow_unsigned");
        QTest::newRow("allowed but not on loopback")
                << QByteArray("allow_unsigned_webhooks = true\n") << QByteArray("0.0.0.0:0")
                << QByteArray("server/listen");
        QTest::newRow("allowed but on every IPv6 address")
                << QByteArray("allow_unsigned_webhooks = true\n") << QByteArray("[::]:0")
                << QByteArray("server/listen");
    }

    void unsignedWebhooksStopStartup()
    {
        QFETCH(QByteArray, waha);
        QFETCH(QByteArray, listen);
        QFETCH(QByteArray, named);
        const QString path = m_dir.filePath(QStringLiteral("unsigned.ini"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("[server]\nlisten = " + listen + "\n[store]\nsqlite = "
                + m_dir.filePath(QStringLiteral("unsigned.db")).toUtf8() + "\n[waha]\n" + waha);
        f.close();
        QProcess p;
        p.start(QStringLiteral(VIGIAD_PATH), {QStringLiteral("--config"), path});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("waha/webhook_hmac_key"), err.constData());
        QVERIFY2(err.contains(named), err.constData());
        // Refused before anything was opened or created.
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("unsigned.db"))));
    }

    void versionIsPrinted()
    {
        QProcess p;
        p.start(QStringLiteral(VIGIAD_PATH), {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.readAllStandardOutput().trimmed(), QByteArray("vigiad " VIGIA_VERSION));
    }
};

QTEST_GUILESS_MAIN(TstCrashRecovery)
#include "tst_crashrecovery.moc"

// Nothing is lost across kill -9: a real vigiad process is killed while
// notifications are in flight, restarted, and every notification is counted.
#include "TestSupport.h"
#include "WahaDouble.h"

#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Vigia;
using namespace Vigia::TestSupport;

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
        for (const QJsonValue &v : all.json.value(QStringLiteral("items")).toArray())
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

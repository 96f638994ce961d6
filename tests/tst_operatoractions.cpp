// The restart buttons: the bot restart runs an argv list without a shell, the
// gateway restart is WAHA's session restart (a real HTTP double on loopback).
#include "OperatorActions.h"
#include "TestSupport.h"
#include "WahaDouble.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Vigia;

class TstOperatorActions final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QNetworkAccessManager> m_network;
    QString m_previousCwd;

    // Writes an executable /bin/sh script into the temp dir and returns its path.
    QString script(const QString &name, const QString &body)
    {
        const QString path = m_dir->filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write("#!/bin/sh\n");
        file.write(body.toUtf8());
        file.write("\n");
        file.close();
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                            | QFileDevice::ExeOwner);
        return path;
    }

    static QString shellQuote(const QString &s)
    {
        QString quoted = s;
        quoted.replace(QLatin1String("'"), QLatin1String("'\\''"));
        return QLatin1Char('\'') + quoted + QLatin1Char('\'');
    }

    std::optional<ActionResult> restartBot(const OperatorActions::Config &config,
                                           int waitMs = 10000)
    {
        OperatorActions actions(m_network.get(), config);
        std::optional<ActionResult> result;
        int calls = 0;
        actions.restartBot([&](const ActionResult &r) {
            ++calls;
            result = r;
        });
        // qWaitFor spins the event loop until the callback came (what QTRY does).
        if (!QTest::qWaitFor([&] { return result.has_value(); }, waitMs))
            qWarning("no result within %d ms", waitMs);
        if (calls != 1)
            qWarning("done was called %d times", calls);
        return calls == 1 ? result : std::nullopt;
    }

    std::optional<ActionResult> restartGateway(const OperatorActions::Config &config)
    {
        OperatorActions actions(m_network.get(), config);
        std::optional<ActionResult> result;
        actions.restartGateway([&](const ActionResult &r) { result = r; });
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
            qWarning("no result within 10 s");
        return result;
    }

private Q_SLOTS:
    void initTestCase() { TestSupport::enterTestMode(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_network = std::make_unique<QNetworkAccessManager>();
        // Relative paths a shell would resolve end up in the temp dir too.
        m_previousCwd = QDir::currentPath();
        QVERIFY(QDir::setCurrent(m_dir->path()));
    }

    void cleanup()
    {
        QDir::setCurrent(m_previousCwd);
        m_network.reset();
        m_dir.reset();
    }

    void argvIsPassedLiterallyWithoutAShell()
    {
        const QString argsFile = m_dir->filePath(QStringLiteral("args.txt"));
        const QString program = script(QStringLiteral("restart-bot"),
                                       QStringLiteral("printf '%s\\n' \"$@\" > %1\necho restarted")
                                               .arg(shellQuote(argsFile)));
        QVERIFY(!program.isEmpty());
        const QString abs = m_dir->path();
        const QStringList args{
                QStringLiteral("mybot"),
                QStringLiteral("; touch PWNED"),
                QStringLiteral("$(touch PWNED2)"),
                QStringLiteral("|| true"),
                QStringLiteral("`touch PWNED3`"),
                QStringLiteral("&& touch %1/PWNED4").arg(abs),
                QStringLiteral("> %1/PWNED5").arg(abs),
                QStringLiteral("two words"),
                QStringLiteral("$HOME"),
                QStringLiteral("*"),
        };
        OperatorActions::Config config;
        config.botRestartCommand = QStringList{program} + args;
        config.timeoutMs = 10000;
        const auto r = restartBot(config);
        QVERIFY(r);
        QVERIFY2(r->ok, qPrintable(r->error));
        QVERIFY(r->configured);
        QCOMPARE(r->exitCode, 0);
        QCOMPARE(r->output, QStringLiteral("restarted"));

        QFile file(argsFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QString written = QString::fromUtf8(file.readAll());
        QVERIFY(written.endsWith(u'\n'));
        written.chop(1);
        QCOMPARE(written.split(u'\n'), args);

        for (const QString &name :
             {QStringLiteral("PWNED"), QStringLiteral("PWNED2"), QStringLiteral("PWNED3"),
              QStringLiteral("PWNED4"), QStringLiteral("PWNED5")})
            QVERIFY2(!QFileInfo::exists(m_dir->filePath(name)), qPrintable(name));
        const QStringList entries =
                QDir(m_dir->path()).entryList(QDir::Files | QDir::NoDotAndDotDot);
        QCOMPARE(entries, (QStringList{QStringLiteral("args.txt"), QStringLiteral("restart-bot")}));
    }

    void nonZeroExitIsAFailureWithItsCode()
    {
        const QString program = script(
                QStringLiteral("restart-bot"),
                QStringLiteral("echo 'stopping mybot'\necho 'unit mybot not found' >&2\nexit 3"));
        OperatorActions::Config config;
        config.botRestartCommand = {program};
        const auto r = restartBot(config);
        QVERIFY(r);
        QVERIFY(!r->ok);
        QVERIFY(r->configured);
        QCOMPARE(r->exitCode, 3);
        QVERIFY2(r->error.contains(u'3'), qPrintable(r->error));
        // Both channels are kept, so the operator sees why.
        QVERIFY2(r->output.contains(QLatin1String("stopping mybot")), qPrintable(r->output));
        QVERIFY2(r->output.contains(QLatin1String("unit mybot not found")), qPrintable(r->output));
        const QJsonObject json = r->toJson();
        QCOMPARE(json.value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(json.value(QStringLiteral("exit_code")).toInt(), 3);
    }

    void outputTailIsCaptured()
    {
        const QString program = script(QStringLiteral("restart-bot"),
                                       QStringLiteral("i=0\nwhile [ $i -lt 100 ]; do echo \"line "
                                                      "$i of a chatty restart script\"; "
                                                      "i=$((i+1)); done\necho TAIL-MARKER"));
        OperatorActions::Config config;
        config.botRestartCommand = {program};
        const auto r = restartBot(config);
        QVERIFY(r);
        QVERIFY2(r->ok, qPrintable(r->error));
        QVERIFY2(r->output.endsWith(QLatin1String("TAIL-MARKER")),
                 qPrintable(r->output.right(200)));
        QVERIFY(r->output.contains(QLatin1String("line 99 of")));
        // Only the tail: the first lines are gone.
        QVERIFY(!r->output.contains(QLatin1String("line 0 of")));
        QVERIFY(r->output.size() <= 2000);
    }

    void timeoutStopsTheCommand()
    {
        OperatorActions::Config config;
        config.botRestartCommand = {QStringLiteral("/bin/sleep"), QStringLiteral("30")};
        config.timeoutMs = 300;
        QElapsedTimer elapsed;
        elapsed.start();
        const auto r = restartBot(config, 15000);
        QVERIFY(r);
        QVERIFY(elapsed.elapsed() < 15000);
        QVERIFY(!r->ok);
        QVERIFY(r->configured);
        QVERIFY2(r->error.contains(QLatin1String("did not finish")), qPrintable(r->error));
        QVERIFY2(r->error.contains(QLatin1String("300")), qPrintable(r->error));
    }

    void timeoutKillsTheProcess()
    {
        const QString pidFile = m_dir->filePath(QStringLiteral("pid.txt"));
        const QString program =
                script(QStringLiteral("restart-bot"),
                       QStringLiteral("echo $$ > %1\nexec /bin/sleep 30").arg(shellQuote(pidFile)));
        OperatorActions::Config config;
        config.botRestartCommand = {program};
        config.timeoutMs = 1500;
        const auto r = restartBot(config, 15000);
        QVERIFY(r);
        QVERIFY2(r->error.contains(QLatin1String("did not finish")), qPrintable(r->error));
        QFile file(pidFile);
        QVERIFY2(file.open(QIODevice::ReadOnly), "the script did not start within the timeout");
        const QByteArray pid = file.readAll().trimmed();
        QVERIFY(!pid.isEmpty());
        // Killed and reaped: no such process any more.
        QTRY_VERIFY_WITH_TIMEOUT(
                !QFileInfo::exists(QStringLiteral("/proc/") + QString::fromLatin1(pid)), 5000);
    }

    void missingProgramCannotRun_data()
    {
        QTest::addColumn<bool>("existsButNotExecutable");
        QTest::newRow("missing") << false;
        QTest::newRow("not executable") << true;
    }

    void missingProgramCannotRun()
    {
        QFETCH(bool, existsButNotExecutable);
        QString program = QStringLiteral("/nonexistent/vigia-restart-bot");
        if (existsButNotExecutable) {
            program = script(QStringLiteral("restart-bot"), QStringLiteral("exit 0"));
            QVERIFY(QFile::setPermissions(program,
                                          QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        }
        OperatorActions::Config config;
        config.botRestartCommand = {program, QStringLiteral("now")};
        const auto r = restartBot(config);
        QVERIFY(r);
        QVERIFY(!r->ok);
        QVERIFY(r->configured);
        QVERIFY2(r->error.startsWith(QLatin1String("cannot run")), qPrintable(r->error));
        QVERIFY2(r->error.contains(program), qPrintable(r->error));
    }

    void nothingConfigured()
    {
        const auto r = restartBot(OperatorActions::Config{});
        QVERIFY(r);
        QVERIFY(!r->ok);
        QVERIFY(!r->configured);
        QVERIFY(!r->error.isEmpty());
    }

    void restartGatewayCallsWaha()
    {
        WahaDouble waha;
        QVERIFY(waha.start());
        waha.setApiKey(QByteArrayLiteral("waha-secret"));
        waha.setSessionStatus(QStringLiteral("FAILED"));
        QSignalSpy restarted(&waha, &WahaDouble::restartRequested);
        OperatorActions::Config config;
        config.wahaUrl = waha.baseUrl();
        config.wahaSession = QStringLiteral("default");
        config.wahaApiKey = QStringLiteral("waha-secret");
        const auto r = restartGateway(config);
        QVERIFY(r);
        QVERIFY2(r->ok, qPrintable(r->error));
        QCOMPARE(r->httpStatus, 201);
        QCOMPARE(waha.restartCount(), 1);
        QCOMPARE(restarted.count(), 1);
        QCOMPARE(waha.sessionStatus(), QStringLiteral("WORKING"));
        QCOMPARE(waha.requestCount(), 0); // no message was sent
    }

    void restartGatewayWithWrongKeyFails()
    {
        WahaDouble waha;
        QVERIFY(waha.start());
        waha.setApiKey(QByteArrayLiteral("waha-secret"));
        QSignalSpy restarted(&waha, &WahaDouble::restartRequested);
        OperatorActions::Config config;
        config.wahaUrl = waha.baseUrl();
        config.wahaSession = QStringLiteral("default");
        config.wahaApiKey = QStringLiteral("stale-key");
        const auto r = restartGateway(config);
        QVERIFY(r);
        QVERIFY(!r->ok);
        QCOMPARE(r->httpStatus, 401);
        QVERIFY2(r->error.contains(QLatin1String("401")), qPrintable(r->error));
        QCOMPARE(waha.restartCount(), 1);
        QCOMPARE(restarted.count(), 0);
    }

    void restartGatewayOfAnotherSessionIs404()
    {
        WahaDouble waha;
        QVERIFY(waha.start());
        OperatorActions::Config config;
        config.wahaUrl = waha.baseUrl();
        config.wahaSession = QStringLiteral("sales");
        const auto r = restartGateway(config);
        QVERIFY(r);
        QVERIFY(!r->ok);
        QCOMPARE(r->httpStatus, 404);
        QCOMPARE(waha.restartCount(), 1);
    }

    void restartGatewayUnreachable()
    {
        WahaDouble waha;
        QVERIFY(waha.start());
        waha.setMode(GatewayDouble::Mode::Refuse);
        OperatorActions::Config config;
        config.wahaUrl = waha.baseUrl();
        config.wahaSession = QStringLiteral("default");
        const auto r = restartGateway(config);
        QVERIFY(r);
        QVERIFY(!r->ok);
        QCOMPARE(r->httpStatus, 0);
        QVERIFY2(r->error.startsWith(QLatin1String("unreachable")), qPrintable(r->error));
        QCOMPARE(waha.restartCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TstOperatorActions)
#include "tst_operatoractions.moc"

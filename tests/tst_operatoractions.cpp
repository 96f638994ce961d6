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
#include <QProcessEnvironment>
#include <QScopeGuard>
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

    // No such process, or only its exit status left for a parent that does
    // not reap (a container's init may not).
    static bool processGone(const QByteArray &pid)
    {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)));
        if (!stat.open(QIODevice::ReadOnly))
            return true;
        const QByteArray line = stat.readAll();
        const qsizetype afterName = line.lastIndexOf(')');
        return afterName >= 0 && line.mid(afterName + 2, 1) == "Z";
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

    void smallOutputIsKeptWhole()
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
        QVERIFY(r->output.startsWith(QLatin1String("line 0 of")));
        QVERIFY(r->output.contains(QLatin1String("line 99 of")));
        QVERIFY2(r->output.endsWith(QLatin1String("TAIL-MARKER")),
                 qPrintable(r->output.right(200)));
        QVERIFY(!r->output.contains(QLatin1String("[truncated]")));
    }

    void hugeOutputIsCappedToItsTail()
    {
        // 4 MiB of output, then the line that says what happened.
        const QString program = script(
                QStringLiteral("restart-bot"),
                QStringLiteral("head -c 4194304 /dev/zero | tr '\\0' x\necho\necho TAIL-MARKER"));
        OperatorActions::Config config;
        config.botRestartCommand = {program};
        const auto r = restartBot(config);
        QVERIFY(r);
        QVERIFY2(r->ok, qPrintable(r->error));
        QVERIFY2(r->output.startsWith(QLatin1String("[truncated]\nxxx")),
                 qPrintable(r->output.left(40)));
        QVERIFY2(r->output.endsWith(QLatin1String("xxx\nTAIL-MARKER")),
                 qPrintable(r->output.right(40)));
        QVERIFY2(r->output.toUtf8().size() <= OperatorActions::kOutputCapBytes + 12,
                 qPrintable(QString::number(r->output.size())));
        QVERIFY(r->output.toUtf8().size() > OperatorActions::kOutputCapBytes - 100);
    }

    void commandGetsAMinimalEnvironment()
    {
        // Stand-ins for vigiad's secrets: its own configuration overrides and
        // anything else the service's environment happens to carry.
        qputenv("VIGIA_WAHA_API_KEY", "waha-secret-in-env");
        qputenv("VIGIA_TELEGRAM_BOT_TOKEN", "telegram-secret-in-env");
        qputenv("SOME_SERVICE_TOKEN", "unrelated-secret-in-env");
        const auto restore = qScopeGuard([] {
            qunsetenv("VIGIA_WAHA_API_KEY");
            qunsetenv("VIGIA_TELEGRAM_BOT_TOKEN");
            qunsetenv("SOME_SERVICE_TOKEN");
        });
        const QString program = script(QStringLiteral("restart-bot"), QStringLiteral("env"));
        OperatorActions::Config config;
        config.botRestartCommand = {program};
        const auto r = restartBot(config);
        QVERIFY(r);
        QVERIFY2(r->ok, qPrintable(r->error));
        QVERIFY2(!r->output.contains(QLatin1String("secret-in-env")), qPrintable(r->output));
        QVERIFY2(!r->output.contains(QLatin1String("VIGIA_")), qPrintable(r->output));
        QVERIFY2(!r->output.contains(QLatin1String("SOME_SERVICE_TOKEN")), qPrintable(r->output));
        // What a restart command needs is still there.
        QVERIFY2(r->output.contains(QLatin1String("PATH=")), qPrintable(r->output));
        const QStringList lines = r->output.split(u'\n');
        for (const QString &line : lines) {
            const QString name = line.section(u'=', 0, 0);
            QVERIFY2(OperatorActions::commandEnvironment(QProcessEnvironment::systemEnvironment())
                                     .contains(name)
                             || name == QLatin1String("PWD") || name == QLatin1String("SHLVL")
                             || name == QLatin1String("_"),
                     qPrintable(line));
        }
    }

    void oneActionAtATime()
    {
        // The command runs until the test lets it finish.
        const QString runs = m_dir->filePath(QStringLiteral("runs.txt"));
        const QString release = m_dir->filePath(QStringLiteral("release"));
        const QString program = script(
                QStringLiteral("restart-bot"),
                QStringLiteral("echo run >> %1\nwhile [ ! -e %2 ]; do sleep 0.02; done\necho done")
                        .arg(shellQuote(runs), shellQuote(release)));
        WahaDouble waha;
        QVERIFY(waha.start());
        OperatorActions::Config config;
        config.botRestartCommand = {program};
        config.wahaUrl = waha.baseUrl();
        config.wahaSession = QStringLiteral("default");
        OperatorActions actions(m_network.get(), config);

        std::optional<ActionResult> first;
        actions.restartBot([&](const ActionResult &r) { first = r; });
        QTRY_VERIFY(QFileInfo::exists(runs));
        QCOMPARE(actions.running(), QStringLiteral("the bot restart"));

        // Refused at once, and nothing else ran: no second command, no WAHA call.
        std::optional<ActionResult> second, gateway;
        actions.restartBot([&](const ActionResult &r) { second = r; });
        actions.restartGateway([&](const ActionResult &r) { gateway = r; });
        QVERIFY(second && gateway);
        for (const ActionResult &refused : {*second, *gateway}) {
            QVERIFY(refused.busy);
            QVERIFY(!refused.ok);
            QVERIFY(refused.configured);
            QCOMPARE(refused.error,
                     QStringLiteral("the bot restart is still running; try again when it has "
                                    "finished"));
        }
        QVERIFY(!first);
        QCOMPARE(waha.restartCount(), 0);

        QFile releaseFile(release);
        QVERIFY(releaseFile.open(QIODevice::WriteOnly));
        releaseFile.close();
        QTRY_VERIFY(first.has_value());
        QVERIFY2(first->ok, qPrintable(first->error));
        QVERIFY(!first->busy);
        QVERIFY(actions.running().isEmpty());
        QFile runsFile(runs);
        QVERIFY(runsFile.open(QIODevice::ReadOnly));
        QCOMPARE(runsFile.readAll(), QByteArrayLiteral("run\n"));

        // Free again.
        gateway.reset();
        actions.restartGateway([&](const ActionResult &r) { gateway = r; });
        QTRY_VERIFY(gateway.has_value());
        QVERIFY2(gateway->ok, qPrintable(gateway->error));
        QCOMPARE(waha.restartCount(), 1);
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

    void timeoutKillsEverythingTheCommandStarted()
    {
        // A grandchild that would outlive its parent (a restart script that
        // hangs on something it started in the background).
        const QString pidFile = m_dir->filePath(QStringLiteral("grandchild.txt"));
        const QString program =
                script(QStringLiteral("restart-bot"),
                       QStringLiteral("/bin/sleep 30 &\necho $! > %1\n/bin/sleep 30")
                               .arg(shellQuote(pidFile)));
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
        QTRY_VERIFY2_WITH_TIMEOUT(processGone(pid), pid.constData(), 5000);
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

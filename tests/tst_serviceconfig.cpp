// vigiad's configuration: the INI parser, the key names operators rely on,
// environment overrides and the validation that stops start-up.

#include "ServiceConfig.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Vigia;

namespace {

// The [section] example from DESIGN.md, verbatim.
const char kDesignExample[] = R"([server]
listen = 127.0.0.1:8765        ; host:port
[store]
sqlite = /var/lib/vigia/vigia.db ; or: postgres = postgresql://user@host/db
[waha]
url = http://127.0.0.1:3000
session = default
api_key =
webhook_hmac_key =
[telegram]
api_url = https://api.telegram.org ; tests point this at a loopback double
bot_token =
[admin]
contact = +584240000000         ; phone the diagnosis and recovery notices go to
[delivery]
max_attempts = 4
attempt_timeout_ms = 10000
backoff_initial_ms = 2000
backoff_max_ms = 300000
[health]
probe_interval_ms = 15000
probe_timeout_ms = 5000
failure_threshold = 2
[status]
failure_count = 3
failure_window_s = 300
heartbeat_grace_s = 600
[actions]
bot_restart = systemctl restart mybot   ; split into argv, run without a shell
)";

using Values = QHash<QString, QString>;

} // namespace

class TstServiceConfig final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exampleConfigLoadsWithTheDefaultLimits();

    // parseIni
    void parseSectionsAndKeys();
    void parseComments_data();
    void parseComments();
    void parseQuotedValues_data();
    void parseQuotedValues();
    void parseWindowsLineEndings();
    void parseSectionHeaderWithComment();
    void parseLastDuplicateWins();
    void parseErrors_data();
    void parseErrors();

    // load
    void loadDesignExample();
    void designKeysAreKnown();
    void loadEmptyFileGivesDefaults();
    void loadMissingFileFails();
    void loadSyntaxErrorNamesFileAndLine();
    void loadFileWithByteOrderMark();
    void envOverridesFile_data();
    void envOverridesFile();
    void envInvalidValueNamesKey();
    void envIgnoresUnrelatedVariables();
    void errorsNeverEchoTheValue_data();
    void errorsNeverEchoTheValue();

    // validation
    void validValues_data();
    void validValues();
    void invalidValues_data();
    void invalidValues();
    void unknownKeysStopStartUp();
    void whatsappOff();
    void whatsappOffStillChecksKeys();
    void unknownEnvironmentVariablesAreReported();
    void exampleConfigNamesEveryKey();
    void defaultStoreIsBesideRunShsAndKeepsALegacyOne();
    void postgresStoreForSeveralInstances();

    // actions/bot_restart
    void botRestartArgv_data();
    void botRestartArgv();
    void storePathIsTheConfigFilesOrTheShells();
    void botRestartFromFileAndEnvStaysLiteral();
};

void TstServiceConfig::initTestCase()
{
    TestSupport::enterTestMode();
}

// ---------------------------------------------------------------------------
// parseIni

void TstServiceConfig::parseSectionsAndKeys()
{
    QString error;
    const auto values = parseIni(QStringLiteral("[Server]\n"
                                                "Listen = 0.0.0.0:9000\n"
                                                "\n"
                                                "  [ waha ]  \n"
                                                "url=http://gw:3000\n"
                                                "  session   =   shop one  \n"
                                                "[delivery]\n"
                                                "max_attempts = 6\n"),
                                 &error);
    QVERIFY2(values.has_value(), qPrintable(error));
    QCOMPARE(values->size(), 4);
    QCOMPARE(values->value(QStringLiteral("server/listen")), QStringLiteral("0.0.0.0:9000"));
    QCOMPARE(values->value(QStringLiteral("waha/url")), QStringLiteral("http://gw:3000"));
    QCOMPARE(values->value(QStringLiteral("waha/session")), QStringLiteral("shop one"));
    QCOMPARE(values->value(QStringLiteral("delivery/max_attempts")), QStringLiteral("6"));
}

void TstServiceConfig::parseComments_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("value");

    QTest::newRow("semicolon inline")
            << QStringLiteral("key = value ; comment") << QStringLiteral("value");
    QTest::newRow("hash inline") << QStringLiteral("key = value # comment")
                                 << QStringLiteral("value");
    QTest::newRow("tab before comment")
            << QStringLiteral("key = value\t; comment") << QStringLiteral("value");
    QTest::newRow("url fragment survives") << QStringLiteral("key = http://host/path#frag")
                                           << QStringLiteral("http://host/path#frag");
    QTest::newRow("semicolon without space survives")
            << QStringLiteral("key = a;b;c") << QStringLiteral("a;b;c");
    QTest::newRow("hash without space survives")
            << QStringLiteral("key = pa#ss") << QStringLiteral("pa#ss");
    QTest::newRow("empty value with comment")
            << QStringLiteral("key =   ; nothing here") << QString();
    QTest::newRow("value that is only a comment marker") << QStringLiteral("key = ;") << QString();
}

void TstServiceConfig::parseComments()
{
    QFETCH(QString, line);
    QFETCH(QString, value);
    const QString text = QStringLiteral("; a full-line comment\n"
                                        "# another one\n"
                                        "   ; indented comment\n"
                                        "[s]\n"
                                        "; key = not this\n"
                                        "# key = nor this\n")
            + line + u'\n';
    QString error;
    const auto values = parseIni(text, &error);
    QVERIFY2(values.has_value(), qPrintable(error));
    QCOMPARE(values->size(), 1);
    QCOMPARE(values->value(QStringLiteral("s/key")), value);
}

void TstServiceConfig::parseQuotedValues_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("value");
    QTest::newRow("spaces kept") << QStringLiteral("key = \"  padded value  \"")
                                 << QStringLiteral("  padded value  ");
    QTest::newRow("empty quotes") << QStringLiteral("key = \"\"") << QString();
    QTest::newRow("quotes then comment")
            << QStringLiteral("key = \"abc\" ; comment") << QStringLiteral("abc");
    QTest::newRow("single quote char alone") << QStringLiteral("key = \"") << QStringLiteral("\"");
    QTest::newRow("inner quotes kept")
            << QStringLiteral("key = say \"hi\" now") << QStringLiteral("say \"hi\" now");
    // A quoted value is literal: a secret may well contain " ;" or " #".
    QTest::newRow("semicolon inside quotes")
            << QStringLiteral("key = \"s3cret ;x\"") << QStringLiteral("s3cret ;x");
    QTest::newRow("hash inside quotes")
            << QStringLiteral("key = \"a #b\"") << QStringLiteral("a #b");
}

void TstServiceConfig::parseQuotedValues()
{
    QFETCH(QString, line);
    QFETCH(QString, value);
    QString error;
    const auto values = parseIni(QStringLiteral("[s]\n") + line + u'\n', &error);
    QVERIFY2(values.has_value(), qPrintable(error));
    QCOMPARE(values->value(QStringLiteral("s/key")), value);
}

void TstServiceConfig::parseWindowsLineEndings()
{
    QString error;
    const auto values = parseIni(
            QStringLiteral("[server]\r\nlisten = 127.0.0.1:1234\r\n[waha]\r\nsession = s1\r\n"),
            &error);
    QVERIFY2(values.has_value(), qPrintable(error));
    QCOMPARE(values->value(QStringLiteral("server/listen")), QStringLiteral("127.0.0.1:1234"));
    QCOMPARE(values->value(QStringLiteral("waha/session")), QStringLiteral("s1"));
}

void TstServiceConfig::parseSectionHeaderWithComment()
{
    // Inline comments work after values, so operators write them after headers too.
    QString error;
    const auto values = parseIni(QStringLiteral("[server]   ; the REST API\n"
                                                "listen = 127.0.0.1:1\n"
                                                "[waha] # gateway\n"
                                                "session = s\n"),
                                 &error);
    QVERIFY2(values.has_value(), qPrintable(error));
    QCOMPARE(values->value(QStringLiteral("server/listen")), QStringLiteral("127.0.0.1:1"));
    QCOMPARE(values->value(QStringLiteral("waha/session")), QStringLiteral("s"));
}

void TstServiceConfig::parseLastDuplicateWins()
{
    QString error;
    const auto values =
            parseIni(QStringLiteral("[waha]\nsession = one\n[WAHA]\nSESSION = two\n"), &error);
    QVERIFY2(values.has_value(), qPrintable(error));
    QCOMPARE(values->size(), 1);
    QCOMPARE(values->value(QStringLiteral("waha/session")), QStringLiteral("two"));
}

void TstServiceConfig::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::newRow("unclosed section") << QStringLiteral("[server\nlisten = x\n") << 1;
    QTest::newRow("key before any section") << QStringLiteral("; header\n\nlisten = x\n") << 3;
    QTest::newRow("no equals sign") << QStringLiteral("[server]\nlisten = a:1\njunk line\n") << 3;
    QTest::newRow("empty key") << QStringLiteral("[a]\nk = v\n[b]\n\n = value\n") << 5;
    QTest::newRow("error after comments")
            << QStringLiteral("# c1\n; c2\n[server]\n# c3\nlisten 127.0.0.1:8765\n") << 5;
}

void TstServiceConfig::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QString error;
    const auto values = parseIni(text, &error);
    QVERIFY(!values.has_value());
    QVERIFY2(error.startsWith(QStringLiteral("line %1:").arg(line)), qPrintable(error));
}

// ---------------------------------------------------------------------------
// load

namespace {

QString writeFile(const QTemporaryDir &dir, const QByteArray &content,
                  const QString &name = QStringLiteral("vigiad.ini"))
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(content);
    return path;
}

} // namespace

void TstServiceConfig::loadDesignExample()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QByteArray(kDesignExample));
    QVERIFY(!path.isEmpty());

    QString error;
    const auto config = ServiceConfig::load(path, QProcessEnvironment(), &error);
    QVERIFY2(config.has_value(), qPrintable(error));
    QVERIFY2(config->warnings.isEmpty(), qPrintable(config->warnings.join(u'\n')));

    QCOMPARE(config->listenAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(config->listenPort, quint16(8765));
    QCOMPARE(config->sqlitePath, QStringLiteral("/var/lib/vigia/vigia.db"));
    QVERIFY(config->postgresUrl.isEmpty());
    QCOMPARE(config->wahaUrl, QUrl(QStringLiteral("http://127.0.0.1:3000")));
    QCOMPARE(config->wahaSession, QStringLiteral("default"));
    QVERIFY(config->wahaApiKey.isEmpty());
    QVERIFY(config->wahaWebhookHmacKey.isEmpty());
    QCOMPARE(config->telegramApiUrl, QUrl(QStringLiteral("https://api.telegram.org")));
    QVERIFY(config->telegramBotToken.isEmpty());
    QCOMPARE(config->adminContact, QStringLiteral("+584240000000"));
    QCOMPARE(config->maxAttempts, 4);
    QCOMPARE(config->delivery.attemptTimeoutMs, 10000);
    QCOMPARE(config->delivery.backoffInitialMs, 2000);
    QCOMPARE(config->delivery.backoffMaxMs, 300000);
    QCOMPARE(config->probeIntervalMs, 15000);
    QCOMPARE(config->probeTimeoutMs, 5000);
    QCOMPARE(config->probeFailureThreshold, 2);
    QCOMPARE(config->status.failureCount, 3);
    QCOMPARE(config->status.failureWindowS, 300);
    QCOMPARE(config->status.heartbeatGraceS, 600);
    QCOMPARE(config->botRestartCommand,
             QStringList({QStringLiteral("systemctl"), QStringLiteral("restart"),
                          QStringLiteral("mybot")}));
}

void TstServiceConfig::designKeysAreKnown()
{
    // The key names are a contract with operators' configs and scripts.
    QString error;
    const auto values = parseIni(QString::fromUtf8(kDesignExample), &error);
    QVERIFY2(values.has_value(), qPrintable(error));
    QCOMPARE(values->size(), 20);
    const QStringList known = ServiceConfig::knownKeys();
    for (auto it = values->cbegin(); it != values->cend(); ++it)
        QVERIFY2(known.contains(it.key()), qPrintable(it.key()));
    QVERIFY(known.contains(QStringLiteral("store/postgres")));
}

void TstServiceConfig::loadEmptyFileGivesDefaults()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QByteArrayLiteral("; nothing configured\n"));
    QString error;
    const auto config = ServiceConfig::load(path, QProcessEnvironment(), &error);
    QVERIFY2(config.has_value(), qPrintable(error));
    QCOMPARE(config->listenAddress, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(config->listenPort, quint16(8765));
    QCOMPARE(config->maxAttempts, 4);
    QCOMPARE(config->wahaSession, QStringLiteral("default"));
    QCOMPARE(config->status.failureCount, 3);
    QCOMPARE(config->status.failureWindowS, 300);
    QCOMPARE(config->status.heartbeatGraceS, 600);
    QCOMPARE(config->probeFailureThreshold, 2);
    QVERIFY(config->botRestartCommand.isEmpty());
    QCOMPARE(config->sqlitePath, ServiceConfig::defaultSqlitePath());
    QVERIFY(config->sqlitePath.endsWith(QStringLiteral("/vigia.db")));
}

// [store] postgres: several instances on one database, each named in its
// leases, renewing them and polling who leads.
void TstServiceConfig::postgresStoreForSeveralInstances()
{
    QString error;
    const auto defaults = ServiceConfig::fromValues(
            {{QStringLiteral("store/postgres"), QStringLiteral("postgresql://vigia@db/vigia")}},
            &error);
    QVERIFY2(defaults, qPrintable(error));
    QCOMPARE(defaults->postgresUrl, QStringLiteral("postgresql://vigia@db/vigia"));
    QVERIFY(defaults->sqlitePath.isEmpty()); // no file is made or opened
    QVERIFY(defaults->instanceId.isEmpty()); // host:port at start
    QCOMPARE(defaults->leaseMs, 30000);
    QCOMPARE(defaults->leaderPollMs, 1000);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(
            dir,
            QByteArrayLiteral("[store]\npostgres = postgresql:///vigia?host=/run/postgresql\n"
                              "instance = node-a\nlease_ms = 9000\n"));
    QProcessEnvironment env;
    env.insert(QStringLiteral("VIGIA_STORE_LEADER_POLL_MS"), QStringLiteral("250"));
    const auto config = ServiceConfig::load(path, env, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->postgresUrl, QStringLiteral("postgresql:///vigia?host=/run/postgresql"));
    QCOMPARE(config->instanceId, QStringLiteral("node-a"));
    QCOMPARE(config->leaseMs, 9000);
    QCOMPARE(config->leaderPollMs, 250);
    QVERIFY(config->sqlitePath.isEmpty());
}

void TstServiceConfig::defaultStoreIsBesideRunShsAndKeepsALegacyOne()
{
    // scripts/run.sh keeps its store in <data>/vigia/vigia.db; vigiad without
    // --config uses the same file. A store where older versions put it is
    // kept, not replaced by an empty one.
    const QString data = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    const QString current = data + QStringLiteral("/vigia/vigia.db");
    const QString legacy = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/vigia.db");
    QVERIFY(current != legacy);
    QFile::remove(current);
    QFile::remove(legacy);
    QCOMPARE(ServiceConfig::defaultSqlitePath(), current);

    QVERIFY(QDir().mkpath(QFileInfo(legacy).path()));
    QFile old(legacy);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.close();
    QCOMPARE(ServiceConfig::defaultSqlitePath(), legacy);
    QVERIFY(QFile::remove(legacy));
}

void TstServiceConfig::loadMissingFileFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("does-not-exist.ini"));
    QString error;
    QVERIFY(!ServiceConfig::load(path, QProcessEnvironment(), &error).has_value());
    QVERIFY2(error.contains(path), qPrintable(error));
}

void TstServiceConfig::loadSyntaxErrorNamesFileAndLine()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path =
            writeFile(dir, QByteArrayLiteral("[server]\nlisten = 127.0.0.1:1\n[waha\n"));
    QString error;
    QVERIFY(!ServiceConfig::load(path, QProcessEnvironment(), &error).has_value());
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("line 3")), qPrintable(error));
}

void TstServiceConfig::loadFileWithByteOrderMark()
{
    // Notepad on Windows saves UTF-8 with a byte order mark.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path =
            writeFile(dir, QByteArrayLiteral("\xEF\xBB\xBF[waha]\r\nsession = tienda\r\n"));
    QString error;
    const auto config = ServiceConfig::load(path, QProcessEnvironment(), &error);
    QVERIFY2(config.has_value(), qPrintable(error));
    QCOMPARE(config->wahaSession, QStringLiteral("tienda"));
}

void TstServiceConfig::envOverridesFile_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("key");

    QTest::newRow("waha url") << QStringLiteral("VIGIA_WAHA_URL")
                              << QStringLiteral("http://10.0.0.5:3001")
                              << QStringLiteral("waha/url");
    QTest::newRow("max attempts") << QStringLiteral("VIGIA_DELIVERY_MAX_ATTEMPTS")
                                  << QStringLiteral("7") << QStringLiteral("delivery/max_attempts");
    QTest::newRow("listen") << QStringLiteral("VIGIA_SERVER_LISTEN")
                            << QStringLiteral("0.0.0.0:9999") << QStringLiteral("server/listen");
    QTest::newRow("admin contact")
            << QStringLiteral("VIGIA_ADMIN_CONTACT") << QStringLiteral("+34600000000")
            << QStringLiteral("admin/contact");
    QTest::newRow("api key not in file") << QStringLiteral("VIGIA_WAHA_API_KEY")
                                         << QStringLiteral("k3y") << QStringLiteral("waha/api_key");
    QTest::newRow("empty value clears") << QStringLiteral("VIGIA_ACTIONS_BOT_RESTART") << QString()
                                        << QStringLiteral("actions/bot_restart");
    QTest::newRow("status window")
            << QStringLiteral("VIGIA_STATUS_FAILURE_WINDOW_S") << QStringLiteral("60")
            << QStringLiteral("status/failure_window_s");
}

void TstServiceConfig::envOverridesFile()
{
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, key);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QByteArray(kDesignExample));
    QProcessEnvironment env;
    env.insert(variable, value);
    QString error;
    const auto config = ServiceConfig::load(path, env, &error);
    QVERIFY2(config.has_value(), qPrintable(error));

    if (key == QLatin1String("waha/url")) {
        QCOMPARE(config->wahaUrl, QUrl(value));
    } else if (key == QLatin1String("delivery/max_attempts")) {
        QCOMPARE(config->maxAttempts, value.toInt());
    } else if (key == QLatin1String("server/listen")) {
        QCOMPARE(config->listenAddress, QHostAddress(QHostAddress::AnyIPv4));
        QCOMPARE(config->listenPort, quint16(9999));
    } else if (key == QLatin1String("admin/contact")) {
        QCOMPARE(config->adminContact, value);
    } else if (key == QLatin1String("waha/api_key")) {
        QCOMPARE(config->wahaApiKey, value);
    } else if (key == QLatin1String("actions/bot_restart")) {
        QVERIFY(config->botRestartCommand.isEmpty());
    } else if (key == QLatin1String("status/failure_window_s")) {
        QCOMPARE(config->status.failureWindowS, 60);
    } else {
        QFAIL("unhandled key");
    }
    // Everything else still comes from the file.
    QCOMPARE(config->wahaSession, QStringLiteral("default"));
    QCOMPARE(config->sqlitePath, QStringLiteral("/var/lib/vigia/vigia.db"));
}

void TstServiceConfig::envInvalidValueNamesKey()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QByteArray(kDesignExample));
    QProcessEnvironment env;
    env.insert(QStringLiteral("VIGIA_HEALTH_FAILURE_THRESHOLD"), QStringLiteral("zero"));
    QString error;
    QVERIFY(!ServiceConfig::load(path, env, &error).has_value());
    QVERIFY2(error.startsWith(QStringLiteral("health/failure_threshold: ")), qPrintable(error));
    QVERIFY2(!error.contains(QStringLiteral("zero")), qPrintable(error));
}

void TstServiceConfig::errorsNeverEchoTheValue_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    const QString secret = QStringLiteral("vga_S3cr3tT0k3nDoNotLog");
    QTest::newRow("token pasted as a number") << QStringLiteral("delivery/max_attempts") << secret;
    QTest::newRow("password in a waha url")
            << QStringLiteral("waha/url") << QStringLiteral("ftp://ops:%1@waha:3000").arg(secret);
    QTest::newRow("token in a telegram url")
            << QStringLiteral("telegram/api_url")
            << QStringLiteral("api.telegram.org/bot%1").arg(secret);
    QTest::newRow("token in a restart url")
            << QStringLiteral("actions/bot_restart_url")
            << QStringLiteral("gopher://host/restart?token=%1").arg(secret);
    QTest::newRow("secret as a boolean")
            << QStringLiteral("waha/allow_unsigned_webhooks") << secret;
    QTest::newRow("secret as listen") << QStringLiteral("server/listen") << secret;
    QTest::newRow("secret as admin contact") << QStringLiteral("admin/contact") << secret;
}

void TstServiceConfig::errorsNeverEchoTheValue()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QByteArrayLiteral("[server]\nlisten = 127.0.0.1:8765\n"));
    QProcessEnvironment env;
    QString var = QStringLiteral("VIGIA_") + key.toUpper();
    var.replace(u'/', u'_');
    env.insert(var, value);
    QString error;
    QVERIFY(!ServiceConfig::load(path, env, &error).has_value());
    QVERIFY2(error.startsWith(key + QStringLiteral(": ")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("S3cr3t")), qPrintable(error));
}

void TstServiceConfig::envIgnoresUnrelatedVariables()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QByteArray(kDesignExample));
    QProcessEnvironment env;
    env.insert(QStringLiteral("VIGIA_NOT_A_KEY"), QStringLiteral("x"));
    env.insert(QStringLiteral("WAHA_URL"), QStringLiteral("not a url"));
    env.insert(QStringLiteral("vigia_waha_url"), QStringLiteral("not a url"));
    env.insert(QStringLiteral("HOME"), QStringLiteral("/nowhere"));
    QString error;
    const auto config = ServiceConfig::load(path, env, &error);
    QVERIFY2(config.has_value(), qPrintable(error));
    QCOMPARE(config->wahaUrl, QUrl(QStringLiteral("http://127.0.0.1:3000")));
    QVERIFY(config->warnings.isEmpty());
}

// ---------------------------------------------------------------------------
// validation

void TstServiceConfig::validValues_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");

    QTest::newRow("listen any") << QStringLiteral("server/listen") << QStringLiteral("0.0.0.0:80");
    QTest::newRow("listen localhost")
            << QStringLiteral("server/listen") << QStringLiteral("localhost:8765");
    QTest::newRow("listen ipv6") << QStringLiteral("server/listen") << QStringLiteral("[::1]:8765");
    QTest::newRow("listen port 0")
            << QStringLiteral("server/listen") << QStringLiteral("127.0.0.1:0");
    QTest::newRow("max attempts 1")
            << QStringLiteral("delivery/max_attempts") << QStringLiteral("1");
    QTest::newRow("max attempts 100")
            << QStringLiteral("delivery/max_attempts") << QStringLiteral("100");
    QTest::newRow("https waha") << QStringLiteral("waha/url")
                                << QStringLiteral("https://waha.example.com:8443/base");
    QTest::newRow("telegram loopback")
            << QStringLiteral("telegram/api_url") << QStringLiteral("http://127.0.0.1:40001");
    QTest::newRow("status window max")
            << QStringLiteral("status/failure_window_s") << QStringLiteral("86400");
    QTest::newRow("notifications kept forever")
            << QStringLiteral("retention/notifications_days") << QStringLiteral("0");
    QTest::newRow("audit kept a week")
            << QStringLiteral("retention/audit_days") << QStringLiteral("7");
    QTest::newRow("incidents kept a century")
            << QStringLiteral("retention/incidents_days") << QStringLiteral("36500");
    QTest::newRow("session texts in English")
            << QStringLiteral("sessions/notice_language") << QStringLiteral("en");
    QTest::newRow("session texts in Spanish")
            << QStringLiteral("sessions/notice_language") << QStringLiteral("es");
    QTest::newRow("own moved text") << QStringLiteral("sessions/moved_text")
                                    << QStringLiteral("{user}: {from} -> {to} {braces kept}");
}

void TstServiceConfig::validValues()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QString error;
    const auto config = ServiceConfig::fromValues({{key, value}}, &error);
    QVERIFY2(config.has_value(), qPrintable(error));
    if (key == QLatin1String("server/listen")) {
        if (value.startsWith(QLatin1String("localhost")))
            QCOMPARE(config->listenAddress, QHostAddress(QHostAddress::LocalHost));
        if (value.startsWith(u'['))
            QCOMPARE(config->listenAddress, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(int(config->listenPort), value.mid(value.lastIndexOf(u':') + 1).toInt());
    } else if (key == QLatin1String("delivery/max_attempts")) {
        QCOMPARE(config->maxAttempts, value.toInt());
    } else if (key == QLatin1String("waha/url")) {
        QCOMPARE(config->wahaUrl, QUrl(value));
    } else if (key == QLatin1String("telegram/api_url")) {
        QCOMPARE(config->telegramApiUrl, QUrl(value));
    } else if (key == QLatin1String("status/failure_window_s")) {
        QCOMPARE(config->status.failureWindowS, value.toInt());
    } else if (key == QLatin1String("sessions/notice_language")) {
        QCOMPARE(config->sessions.texts.moved, SessionNoticeTexts::forLanguage(value)->moved);
    } else if (key == QLatin1String("sessions/moved_text")) {
        QCOMPARE(config->sessions.texts.moved, value);
        QCOMPARE(config->sessions.texts.whileAway, SessionNoticeTexts::spanish().whileAway);
    } else if (key == QLatin1String("retention/notifications_days")) {
        QCOMPARE(config->retention.notificationsDays, value.toInt());
    } else if (key == QLatin1String("retention/audit_days")) {
        QCOMPARE(config->retention.auditDays, value.toInt());
    } else if (key == QLatin1String("retention/incidents_days")) {
        QCOMPARE(config->retention.incidentsDays, value.toInt());
    }
}

void TstServiceConfig::invalidValues_data()
{
    QTest::addColumn<Values>("values");
    QTest::addColumn<QString>("key");

    auto row = [](const char *name, const QString &key, const QString &value) {
        QTest::newRow(name) << Values{{key, value}} << key;
    };

    const QString listen = QStringLiteral("server/listen");
    row("listen without port", listen, QStringLiteral("127.0.0.1"));
    row("listen port only", listen, QStringLiteral("8765"));
    row("listen empty host", listen, QStringLiteral(":8765"));
    row("listen empty port", listen, QStringLiteral("127.0.0.1:"));
    row("listen port too big", listen, QStringLiteral("127.0.0.1:65536"));
    row("listen negative port", listen, QStringLiteral("127.0.0.1:-1"));
    row("listen port not a number", listen, QStringLiteral("127.0.0.1:http"));
    row("listen hostname", listen, QStringLiteral("example.com:8765"));
    row("listen bad ip", listen, QStringLiteral("300.1.1.1:8765"));
    row("listen empty", listen, QString());
    row("waha enabled not a boolean", QStringLiteral("waha/enabled"), QStringLiteral("no"));
    row("waha url empty with WhatsApp on", QStringLiteral("waha/url"), QString());

    struct IntKey
    {
        const char *key;
        const char *below;
        const char *above;
    };
    const IntKey ints[] = {
            {"server/max_body_bytes", "1023", "16777217"},
            {"server/max_header_bytes", "1023", "1048577"},
            {"server/max_connections", "0", "100001"},
            {"server/max_connections_per_peer", "0", "100001"},
            {"server/header_timeout_ms", "99", "3600001"},
            {"server/body_timeout_ms", "99", "3600001"},
            {"server/idle_timeout_ms", "999", "86400001"},
            {"delivery/max_attempts", "0", "101"},
            {"delivery/attempt_timeout_ms", "99", "600001"},
            {"delivery/backoff_initial_ms", "0", "3600001"},
            {"delivery/backoff_max_ms", "0", "86400001"},
            {"delivery/concurrency", "0", "257"},
            {"delivery/connections_per_gateway", "0", "257"},
            {"delivery/poll_interval_ms", "9", "60001"},
            {"health/probe_interval_ms", "99", "3600001"},
            {"health/probe_timeout_ms", "99", "600001"},
            {"health/failure_threshold", "0", "101"},
            {"status/failure_count", "0", "10001"},
            {"status/failure_window_s", "0", "86401"},
            {"status/heartbeat_grace_s", "0", "86401"},
            {"live/journal_size", "0", "1000001"},
            {"retention/notifications_days", "-1", "36501"},
            {"retention/audit_days", "-1", "36501"},
            {"retention/incidents_days", "-1", "36501"},
            {"live/journal_bytes", "65535", "1073741825"},
            {"live/max_clients", "0", "10001"},
            {"live/max_backlog_bytes", "65535", "268435457"},
            {"waha/webhook_max_skew_s", "9", "86401"},
    };
    for (const IntKey &k : ints) {
        const QString key = QLatin1String(k.key);
        QTest::addRow("%s below range", k.key) << Values{{key, QLatin1String(k.below)}} << key;
        QTest::addRow("%s above range", k.key) << Values{{key, QLatin1String(k.above)}} << key;
        QTest::addRow("%s not a number", k.key) << Values{{key, QStringLiteral("four")}} << key;
        QTest::addRow("%s fraction", k.key) << Values{{key, QStringLiteral("2.5")}} << key;
        QTest::addRow("%s empty", k.key) << Values{{key, QString()}} << key;
        QTest::addRow("%s negative", k.key) << Values{{key, QStringLiteral("-3")}} << key;
        QTest::addRow("%s overflow", k.key) << Values{{key, QStringLiteral("99999999999")}} << key;
        QTest::addRow("%s with unit", k.key) << Values{{key, QStringLiteral("10s")}} << key;
    }

    for (const char *urlKey : {"waha/url", "telegram/api_url"}) {
        const QString key = QLatin1String(urlKey);
        for (const char *url : {"ftp://127.0.0.1:3000", "127.0.0.1:3000", "not a url", "http://",
                                "file:///etc/passwd", "", "http//missing-colon"}) {
            QTest::addRow("%s '%s'", urlKey, url) << Values{{key, QLatin1String(url)}} << key;
        }
    }

    QTest::newRow("backoff max below initial")
            << Values{{QStringLiteral("delivery/backoff_initial_ms"), QStringLiteral("5000")},
                      {QStringLiteral("delivery/backoff_max_ms"), QStringLiteral("4999")}}
            << QStringLiteral("delivery/backoff_max_ms");
    QTest::newRow("backoff max below default initial")
            << Values{{QStringLiteral("delivery/backoff_max_ms"), QStringLiteral("1000")}}
            << QStringLiteral("delivery/backoff_max_ms");
    const QString language = QStringLiteral("sessions/notice_language");
    row("notice language not shipped", language, QStringLiteral("fr"));
    row("notice language empty", language, QString());
    row("while-away text with a typo", QStringLiteral("sessions/while_away_text"),
        QStringLiteral(" (last seen {lastseen})"));
    row("moved text names the while-away time", QStringLiteral("sessions/moved_text"),
        QStringLiteral("{user} moved at {last_seen}"));
    row("while-away text too long", QStringLiteral("sessions/while_away_text"), QString(201, u'x'));

    QTest::newRow("postgres not a postgresql URL")
            << Values{{QStringLiteral("store/postgres"), QStringLiteral("mysql://user@host/db")}}
            << QStringLiteral("store/postgres");
    QTest::newRow("postgres empty") << Values{{QStringLiteral("store/postgres"), QString()}}
                                    << QStringLiteral("store/postgres");
    QTest::newRow("postgres not a URL")
            << Values{{QStringLiteral("store/postgres"), QStringLiteral("host=db user=vigia")}}
            << QStringLiteral("store/postgres");
    row("instance with a space", QStringLiteral("store/instance"), QStringLiteral("node a"));
    row("instance empty", QStringLiteral("store/instance"), QString());
    row("lease shorter than 3 s", QStringLiteral("store/lease_ms"), QStringLiteral("2999"));
    row("leader poll of 0", QStringLiteral("store/leader_poll_ms"), QStringLiteral("0"));
    QTest::newRow("postgres beside sqlite")
            << Values{{QStringLiteral("store/sqlite"), QStringLiteral("/tmp/x.db")},
                      {QStringLiteral("store/postgres"), QStringLiteral("postgresql://h/db")}}
            << QStringLiteral("store/postgres");
    QTest::newRow("allow unsigned not a boolean")
            << Values{{QStringLiteral("waha/allow_unsigned_webhooks"), QStringLiteral("yes")}}
            << QStringLiteral("waha/allow_unsigned_webhooks");
    QTest::newRow("empty waha session") << Values{{QStringLiteral("waha/session"), QString()}}
                                        << QStringLiteral("waha/session");
    // The diagnosis and recovery notices go to this phone: a typo must stop start-up,
    // not surface during the first outage.
    QTest::newRow("admin contact not a phone")
            << Values{{QStringLiteral("admin/contact"), QStringLiteral("call maria")}}
            << QStringLiteral("admin/contact");
    QTest::newRow("admin contact too short")
            << Values{{QStringLiteral("admin/contact"), QStringLiteral("+58 424")}}
            << QStringLiteral("admin/contact");
}

void TstServiceConfig::invalidValues()
{
    QFETCH(Values, values);
    QFETCH(QString, key);
    QString error;
    const auto config = ServiceConfig::fromValues(values, &error);
    QVERIFY2(!config.has_value(), "an invalid value was accepted");
    QVERIFY2(error.startsWith(key + QStringLiteral(": ")), qPrintable(error));
    QVERIFY2(error.size() > key.size() + 2, "the message explains nothing");
}

// A Discord- or Telegram-only bot: [waha] enabled = false, url and webhook
// key left empty, and vigiad may serve (no WAHA will ever call).
void TstServiceConfig::whatsappOff()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray text(kDesignExample);
    text.replace("url = http://127.0.0.1:3000", "enabled = false\nurl =");
    const QString path = writeFile(dir, text);
    QString error;
    const auto config = ServiceConfig::load(path, QProcessEnvironment(), &error);
    QVERIFY2(config.has_value(), qPrintable(error));
    QVERIFY(!config->wahaEnabled);
    QVERIFY(config->wahaUrl.isEmpty());
    QVERIFY(config->wahaWebhookHmacKey.isEmpty());
    QVERIFY2(config->refusalToServe().isEmpty(), qPrintable(config->refusalToServe()));
    // The design example names an admin phone, reached only by WhatsApp.
    QVERIFY2(config->warnings.join(u'\n').contains(QLatin1String("admin/contact")),
             qPrintable(config->warnings.join(u'\n')));

    // The same file with WhatsApp on refuses to serve without a key, and its
    // empty url names the way out.
    error.clear();
    const QString on = writeFile(
            dir, QByteArray(kDesignExample).replace("url = http://127.0.0.1:3000", "url ="));
    QVERIFY(!ServiceConfig::load(on, QProcessEnvironment(), &error).has_value());
    QVERIFY2(error.startsWith(QLatin1String("waha/url: ")), qPrintable(error));
    error.clear();
    const auto withWaha =
            ServiceConfig::load(writeFile(dir, QByteArray(kDesignExample)), {}, &error);
    QVERIFY2(withWaha.has_value(), qPrintable(error));
    QVERIFY(withWaha->wahaEnabled);
    QVERIFY(!withWaha->refusalToServe().isEmpty());

    // The environment turns it off too, as every key.
    QProcessEnvironment env;
    env.insert(QStringLiteral("VIGIA_WAHA_ENABLED"), QStringLiteral("false"));
    error.clear();
    const auto fromEnv =
            ServiceConfig::load(writeFile(dir, QByteArray(kDesignExample)), env, &error);
    QVERIFY2(fromEnv.has_value(), qPrintable(error));
    QVERIFY(!fromEnv->wahaEnabled);
}

void TstServiceConfig::whatsappOffStillChecksKeys()
{
    QString error;
    const auto typo = ServiceConfig::fromValues(
            {{QStringLiteral("waha/enabled"), QStringLiteral("false")},
             {QStringLiteral("waha/webhook_hmac_kye"), QStringLiteral("x")}},
            &error);
    QVERIFY(!typo.has_value());
    QVERIFY2(error.contains(QLatin1String("did you mean waha/webhook_hmac_key?")),
             qPrintable(error));
    // A url left in place is still checked: a typo there is a typo.
    error.clear();
    QVERIFY(!ServiceConfig::fromValues({{QStringLiteral("waha/enabled"), QStringLiteral("false")},
                                        {QStringLiteral("waha/url"), QStringLiteral("ftp://x")}},
                                       &error)
                     .has_value());
    QVERIFY2(error.startsWith(QLatin1String("waha/url: ")), qPrintable(error));
}

void TstServiceConfig::unknownKeysStopStartUp()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A typo would otherwise start vigiad on the default port without a word.
    const QString typo = writeFile(dir, QByteArray(kDesignExample).replace("listen", "lisen"));
    QString error;
    QVERIFY(!ServiceConfig::load(typo, QProcessEnvironment(), &error).has_value());
    QVERIFY2(error.startsWith(QStringLiteral("server/lisen: unknown key")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("did you mean server/listen?")), qPrintable(error));

    // Several: the first named with its suggestion, the others listed.
    const QString path = writeFile(dir,
                                   QByteArray(kDesignExample)
                                           + QByteArrayLiteral("[server]\ncolour = blue\n"
                                                               "[mystery]\nanswer = 42\n"
                                                               "[delivery]\nmax_atempts = 9\n"));
    error.clear();
    QVERIFY(!ServiceConfig::load(path, QProcessEnvironment(), &error).has_value());
    QVERIFY2(error.startsWith(QStringLiteral("delivery/max_atempts: unknown key (did you mean "
                                             "delivery/max_attempts?)")),
             qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("mystery/answer")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("server/colour")), qPrintable(error));
}

void TstServiceConfig::unknownEnvironmentVariablesAreReported()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, QByteArray(kDesignExample));
    QProcessEnvironment env;
    env.insert(QStringLiteral("VIGIA_SERVR_LISTEN"), QStringLiteral("127.0.0.1:9999"));
    env.insert(QStringLiteral("VIGIA_WAHA_SESION"), QStringLiteral("other"));
    env.insert(QStringLiteral("VIGIA_DELIVERY_SPEED"), QStringLiteral("9"));
    env.insert(QStringLiteral("VIGIA_SKIP_FUZZ"), QStringLiteral("1")); // the test script's
    env.insert(QStringLiteral("VIGIA_SERVER_LISTEN"), QStringLiteral("127.0.0.1:9998"));
    QString error;
    const auto config = ServiceConfig::load(path, env, &error);
    QVERIFY2(config.has_value(), qPrintable(error));
    QCOMPARE(config->listenPort, quint16(9998)); // the real one still applies
    const QString all = config->warnings.join(u'\n');
    QCOMPARE(config->warnings.size(), 3);
    QVERIFY2(all.contains(QStringLiteral("VIGIA_SERVR_LISTEN is not a vigiad setting (did you "
                                         "mean VIGIA_SERVER_LISTEN?)")),
             qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("did you mean VIGIA_WAHA_SESSION?")), qPrintable(all));
    QVERIFY2(all.contains(QStringLiteral("VIGIA_DELIVERY_SPEED is not a vigiad setting")),
             qPrintable(all));
    QVERIFY2(!all.contains(QStringLiteral("VIGIA_SKIP_FUZZ")), qPrintable(all));
}

void TstServiceConfig::exampleConfigNamesEveryKey()
{
    // The example is the reference operators read: every key vigiad reads is
    // in it, set or commented out ("; key = value"), under its section.
    QFile file(QStringLiteral(VIGIA_SOURCE_DIR "/packaging/vigiad.ini.example"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QSet<QString> named;
    QString section;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    const QRegularExpression header(QStringLiteral("^\\[([a-z_]+)\\]$"));
    const QRegularExpression entry(QStringLiteral("^;?\\s*([a-z_]+)\\s*="));
    for (const QString &line : lines) {
        const auto h = header.match(line.trimmed());
        if (h.hasMatch()) {
            section = h.captured(1);
            continue;
        }
        const auto e = entry.match(line.trimmed());
        if (e.hasMatch())
            named.insert(section + u'/' + e.captured(1));
    }
    QStringList missing;
    for (const QString &key : ServiceConfig::knownKeys()) {
        if (!named.contains(key))
            missing << key;
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    QStringList stale;
    for (const QString &key : std::as_const(named)) {
        if (!ServiceConfig::knownKeys().contains(key))
            stale << key;
    }
    QVERIFY2(stale.isEmpty(), qPrintable(stale.join(QStringLiteral(", "))));
}

// ---------------------------------------------------------------------------
// actions/bot_restart

void TstServiceConfig::botRestartArgv_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("argv");

    QTest::newRow("simple") << QStringLiteral("systemctl restart mybot")
                            << QStringList{QStringLiteral("systemctl"), QStringLiteral("restart"),
                                           QStringLiteral("mybot")};
    QTest::newRow("quoted argument")
            << QStringLiteral("/usr/local/bin/restart-bot --name \"my bot\" --now")
            << QStringList{QStringLiteral("/usr/local/bin/restart-bot"), QStringLiteral("--name"),
                           QStringLiteral("my bot"), QStringLiteral("--now")};
    QTest::newRow("shell separators stay literal")
            << QStringLiteral("systemctl restart \"my bot\" ; rm -rf /")
            << QStringList{QStringLiteral("systemctl"), QStringLiteral("restart"),
                           QStringLiteral("my bot"),    QStringLiteral(";"),
                           QStringLiteral("rm"),        QStringLiteral("-rf"),
                           QStringLiteral("/")};
    QTest::newRow("substitutions stay literal")
            << QStringLiteral("echo $(reboot) `id` $HOME && halt | tee x > /etc/y")
            << QStringList{
                       QStringLiteral("echo"),  QStringLiteral("$(reboot)"), QStringLiteral("`id`"),
                       QStringLiteral("$HOME"), QStringLiteral("&&"),        QStringLiteral("halt"),
                       QStringLiteral("|"),     QStringLiteral("tee"),       QStringLiteral("x"),
                       QStringLiteral(">"),     QStringLiteral("/etc/y")};
    QTest::newRow("quoted semicolon")
            << QStringLiteral("notify \"a; rm -rf /\"")
            << QStringList{QStringLiteral("notify"), QStringLiteral("a; rm -rf /")};
    QTest::newRow("empty") << QString() << QStringList();
}

void TstServiceConfig::botRestartArgv()
{
    QFETCH(QString, value);
    QFETCH(QStringList, argv);
    QString error;
    const auto config =
            ServiceConfig::fromValues({{QStringLiteral("actions/bot_restart"), value}}, &error);
    QVERIFY2(config.has_value(), qPrintable(error));
    QCOMPARE(config->botRestartCommand, argv);
    if (!argv.isEmpty()) {
        QVERIFY(config->botRestartCommand.first() != QLatin1String("sh"));
        QVERIFY(!config->botRestartCommand.contains(QStringLiteral("-c")));
    }
}

void TstServiceConfig::botRestartFromFileAndEnvStaysLiteral()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // In the file " ;" starts a comment, so the dangerous tail is dropped...
    const QString path = writeFile(
            dir,
            QByteArrayLiteral("[actions]\nbot_restart = systemctl restart mybot ; rm -rf /\n"));
    QString error;
    auto config = ServiceConfig::load(path, QProcessEnvironment(), &error);
    QVERIFY2(config.has_value(), qPrintable(error));
    QCOMPARE(config->botRestartCommand,
             QStringList({QStringLiteral("systemctl"), QStringLiteral("restart"),
                          QStringLiteral("mybot")}));

    // ...and a ';' glued to a word stays part of that argument.
    const QString glued = writeFile(
            dir,
            QByteArrayLiteral("[actions]\nbot_restart = systemctl restart \"my bot\"; rm -rf /\n"),
            QStringLiteral("glued.ini"));
    config = ServiceConfig::load(glued, QProcessEnvironment(), &error);
    QVERIFY2(config.has_value(), qPrintable(error));
    QCOMPARE(config->botRestartCommand,
             QStringList({QStringLiteral("systemctl"), QStringLiteral("restart"),
                          QStringLiteral("my bot;"), QStringLiteral("rm"), QStringLiteral("-rf"),
                          QStringLiteral("/")}));

    // From the environment nothing is a comment: every word is one argv entry.
    QProcessEnvironment env;
    env.insert(QStringLiteral("VIGIA_ACTIONS_BOT_RESTART"),
               QStringLiteral("/usr/bin/restart-bot --name \"my bot\" ; rm -rf /"));
    config = ServiceConfig::load(path, env, &error);
    QVERIFY2(config.has_value(), qPrintable(error));
    QCOMPARE(config->botRestartCommand,
             QStringList({QStringLiteral("/usr/bin/restart-bot"), QStringLiteral("--name"),
                          QStringLiteral("my bot"), QStringLiteral(";"), QStringLiteral("rm"),
                          QStringLiteral("-rf"), QStringLiteral("/")}));
}

void TstServiceConfig::exampleConfigLoadsWithTheDefaultLimits()
{
    // What operators copy: it must load as shipped, and say what the code does.
    QString error;
    const auto config = ServiceConfig::load(
            QStringLiteral(VIGIA_SOURCE_DIR "/packaging/vigiad.ini.example"), {}, &error);
    QVERIFY2(config, qPrintable(error));
    QVERIFY2(config->warnings.isEmpty(), qPrintable(config->warnings.join(u'\n')));
    const HttpLimits defaults;
    QCOMPARE(config->maxBodyBytes, ServiceConfig().maxBodyBytes);
    QCOMPARE(config->maxReconcileBytes, ServiceConfig().maxReconcileBytes);
    QCOMPARE(config->http.maxHeaderBytes, defaults.maxHeaderBytes);
    QCOMPARE(config->http.maxConnections, defaults.maxConnections);
    QCOMPARE(config->http.maxConnectionsPerPeer, defaults.maxConnectionsPerPeer);
    QCOMPARE(config->http.headerTimeoutMs, defaults.headerTimeoutMs);
    QCOMPARE(config->http.bodyTimeoutMs, defaults.bodyTimeoutMs);
    QCOMPARE(config->http.idleTimeoutMs, defaults.idleTimeoutMs);
    const RetentionPolicy retention;
    QCOMPARE(config->retention.notificationsDays, retention.notificationsDays);
    QCOMPARE(config->retention.auditDays, retention.auditDays);
    QCOMPARE(config->retention.incidentsDays, retention.incidentsDays);
    const LiveFeedLimits live;
    QCOMPARE(config->liveJournalSize, ServiceConfig().liveJournalSize);
    QCOMPARE(config->liveJournalBytes, ServiceConfig().liveJournalBytes);
    QCOMPARE(config->live.maxClients, live.maxClients);
    QCOMPARE(config->live.maxBacklogBytes, live.maxBacklogBytes);
}

// `sqlite = ~/x.db` is not a directory named "~" where vigiad happens to run,
// and `sqlite = data/x.db` sits beside the config, wherever vigiad starts.
void TstServiceConfig::storePathIsTheConfigFilesOrTheShells()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString error;
    const QString relative =
            writeFile(dir, QByteArrayLiteral("[store]\nsqlite = data/../vigia.db\n"));
    auto config = ServiceConfig::load(relative, QProcessEnvironment(), &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->sqlitePath, QDir(dir.path()).absoluteFilePath(QStringLiteral("vigia.db")));

    const QString home = writeFile(dir, QByteArrayLiteral("[store]\nsqlite = ~/vigia-dev/v.db\n"));
    config = ServiceConfig::load(home, QProcessEnvironment(), &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->sqlitePath, QDir::homePath() + QStringLiteral("/vigia-dev/v.db"));

    QProcessEnvironment env;
    env.insert(QStringLiteral("VIGIA_STORE_SQLITE"), QStringLiteral("here.db"));
    config = ServiceConfig::load(relative, env, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->sqlitePath, QDir::current().absoluteFilePath(QStringLiteral("here.db")));

    config = ServiceConfig::load(writeFile(dir, QByteArrayLiteral("[store]\nsqlite = /srv/v.db\n")),
                                 QProcessEnvironment(), &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->sqlitePath, QStringLiteral("/srv/v.db"));
}

QTEST_GUILESS_MAIN(TstServiceConfig)
#include "tst_serviceconfig.moc"

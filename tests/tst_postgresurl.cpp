// PostgresUrl: the postgresql:// URLs an operator writes in [store] postgres,
// taken apart for Qt's QPSQL driver. No server needed.

#include "PostgresSupport.h"
#include "TestMode.h"

#include <QTest>

using namespace Vigia;

class TstPostgresUrl final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { TestSupport::enterTestMode(); }
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
};

void TstPostgresUrl::parses_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("options");

    QTest::newRow("tcp, all parts")
            << QStringLiteral("postgresql://vigia:s%40cret@db.example:6432/vigia")
            << QStringLiteral("db.example") << 6432 << QStringLiteral("vigia")
            << QStringLiteral("s@cret") << QStringLiteral("vigia") << QString();
    QTest::newRow("short scheme, default port")
            << QStringLiteral("postgres://vigia@10.0.0.5/queue") << QStringLiteral("10.0.0.5") << -1
            << QStringLiteral("vigia") << QString() << QStringLiteral("queue") << QString();
    QTest::newRow("socket directory and options")
            << QStringLiteral("postgresql:///vigia?host=/run/postgresql&port=5433&user=vigiad"
                              "&sslmode=disable&application_name=vigiad")
            << QStringLiteral("/run/postgresql") << 5433 << QStringLiteral("vigiad") << QString()
            << QStringLiteral("vigia") << QStringLiteral("sslmode=disable;application_name=vigiad");
    QTest::newRow("dbname parameter wins")
            << QStringLiteral("postgresql://h/one?dbname=two") << QStringLiteral("h") << -1
            << QString() << QString() << QStringLiteral("two") << QString();
}

void TstPostgresUrl::parses()
{
    QFETCH(QString, url);
    QString error;
    const auto parsed = PostgresUrl::parse(url, &error);
    QVERIFY2(parsed, qPrintable(error));
    QTEST(parsed->host, "host");
    QTEST(parsed->port, "port");
    QTEST(parsed->user, "user");
    QTEST(parsed->password, "password");
    QTEST(parsed->database, "database");
    QTEST(parsed->options, "options");
}

void TstPostgresUrl::refuses_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("another scheme") << QStringLiteral("mysql://h/db");
    QTest::newRow("a file path") << QStringLiteral("/var/lib/vigia/vigia.db");
    QTest::newRow("port not a number") << QStringLiteral("postgresql://h/db?port=five");
}

void TstPostgresUrl::refuses()
{
    QFETCH(QString, url);
    QString error;
    QVERIFY(!PostgresUrl::parse(url, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TstPostgresUrl)
#include "tst_postgresurl.moc"

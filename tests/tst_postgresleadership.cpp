// PostgresLeadership on a real server (the ctest fixture `postgres`): one
// instance leads at a time, and the lead passes on when the leader resigns,
// dies or loses its connection. Polls are called directly: no timers, no sleeps.

#include "PostgresLeadership.h"
#include "TestStores.h"
#include "TestSupport.h"

#include <QRegularExpression>
#include <QTest>

using namespace Vigia;
using Vigia::TestSupport::TestStores;

class TstPostgresLeadership final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void oneInstanceLeadsAtATime();
    void aDeadLeadersLeadPasses();
    void aLeaderThatLostItsConnectionStopsLeading();

private:
    TestStores m_stores;
};

void TstPostgresLeadership::initTestCase()
{
    TestSupport::enterTestMode();
    QVERIFY2(m_stores.backend() == TestStores::Backend::Postgres,
             "run with VIGIA_TEST_STORE=postgres (ctest does)");
    QString error;
    QVERIFY2(m_stores.setUp(&error), qPrintable(error));
}

void TstPostgresLeadership::oneInstanceLeadsAtATime()
{
    PostgresLeadership a(m_stores.postgresUrl());
    PostgresLeadership b(m_stores.postgresUrl());
    QString error;
    QVERIFY2(a.poll(&error), qPrintable(error));
    QVERIFY(!b.poll(&error));
    QVERIFY2(error.isEmpty(), qPrintable(error)); // not leading is no failure
    QVERIFY(a.poll(&error)); // a leader stays one
    QVERIFY(a.isLeader() && !b.isLeader());

    a.resign();
    QVERIFY(!a.isLeader());
    QVERIFY(b.poll(&error));
    QVERIFY(!a.poll(&error));
}

void TstPostgresLeadership::aDeadLeadersLeadPasses()
{
    PostgresLeadership b(m_stores.postgresUrl());
    QString error;
    {
        PostgresLeadership a(m_stores.postgresUrl());
        QVERIFY(a.poll(&error));
        QVERIFY(!b.poll(&error));
    } // a's process ends: its connection, and the lock with it
    QVERIFY2(b.poll(&error), qPrintable(error));
}

void TstPostgresLeadership::aLeaderThatLostItsConnectionStopsLeading()
{
    PostgresLeadership a(m_stores.postgresUrl());
    PostgresLeadership b(m_stores.postgresUrl());
    QString error;
    QVERIFY(a.poll(&error));
    const int pid = a.backendPid();
    QVERIFY(pid > 0);
    // The server ends a's connection (a network cut, a restarted pooler).
    QVERIFY(m_stores.scalar(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid)).toBool());
    // The lock goes with the connection, once the backend has exited:
    // pg_terminate_backend() only signals it.
    QTRY_VERIFY_WITH_TIMEOUT(b.poll(&error), 10000);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("leadership lost")));
    QVERIFY(!a.poll(&error)); // a notices, and does not claim to lead
    QVERIFY(!error.isEmpty());
    QVERIFY(!a.isLeader());
    error.clear();
    QVERIFY(!a.poll(&error)); // reconnected, and b still leads
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QTEST_GUILESS_MAIN(TstPostgresLeadership)
#include "tst_postgresleadership.moc"

// LiveFeedClient against a real vigiad live feed (WebSocket on loopback).
#include "DeliveryDispatcher.h"
#include "LiveFeedClient.h"
#include "LiveJournal.h"
#include "ServiceFixture.h"
#include "Store.h"
#include "TestSupport.h"
#include "VigiaService.h"
#include "WahaDouble.h"

#include <QSignalSpy>
#include <QTest>

using namespace Vigia;
using namespace Vigia::TestSupport;

class TstLiveFeedClient final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServiceFixture> m_fixture;
    VigiaService *m_service = nullptr;
    QString m_token;

    void startService(int journalSize = 10000, quint16 port = 0)
    {
        QVERIFY(m_fixture->start([journalSize, port](ServiceConfig &config) {
            config.liveJournalSize = journalSize;
            config.probeIntervalMs = 0; // only the API's own events in the sequence
            config.listenPort = port;
        }));
        m_service = m_fixture->service();
        // Only the API's own events: keep deliveries out of the sequence.
        m_service->dispatcher()->stop();
        m_token = m_fixture->token(Role::Viewer);
    }
    void stopService()
    {
        m_fixture->stop();
        m_service = nullptr;
    }

    void enqueue(const QString &order)
    {
        Http http(m_service->baseUrl());
        const QString bot = addToken(m_service->store(), Role::Bot, QStringLiteral("bot-") + order);
        QCOMPARE(http.post(QStringLiteral("/v1/notifications"), bot, whatsappBody(order)).status,
                 201);
    }

    std::unique_ptr<LiveFeedClient> client(const QString &token)
    {
        auto c = std::make_unique<LiveFeedClient>();
        c->setServer(m_service->baseUrl());
        c->setToken(token);
        c->setReconnectDelays(50, 200);
        return c;
    }

private Q_SLOTS:
    void initTestCase() { enterTestMode(); }

    void init()
    {
        m_fixture = std::make_unique<ServiceFixture>();
        startService();
    }

    void cleanup()
    {
        m_service = nullptr;
        m_fixture.reset();
    }

    void firstConnectAsksForResync()
    {
        auto c = client(m_token);
        QSignalSpy resync(c.get(), &LiveFeedClient::resyncRequired);
        QSignalSpy connected(c.get(), &LiveFeedClient::connected);
        c->start();
        QVERIFY(resync.wait(5000));
        QCOMPARE(connected.count(), 1);
        QCOMPARE(resync.first().first().toLongLong(), m_service->journal()->currentSeq());
        QCOMPARE(c->lastSeq(), m_service->journal()->currentSeq());
    }

    void changesArriveLive()
    {
        auto c = client(m_token);
        QSignalSpy resync(c.get(), &LiveFeedClient::resyncRequired);
        QSignalSpy events(c.get(), &LiveFeedClient::eventReceived);
        c->start();
        QVERIFY(resync.wait(5000));
        enqueue(QStringLiteral("L1"));
        QTRY_VERIFY(!events.isEmpty());
        QCOMPARE(events.first().at(1).toString(), QStringLiteral("notification"));
        QCOMPARE(events.first().at(2).toJsonObject().value(QStringLiteral("order_id")).toString(),
                 QStringLiteral("L1"));
        QCOMPARE(events.first().at(0).toLongLong(), c->lastSeq());
    }

    void reconnectResumesFromLastSeq()
    {
        auto c = client(m_token);
        QSignalSpy resync(c.get(), &LiveFeedClient::resyncRequired);
        c->start();
        QVERIFY(resync.wait(5000));
        c->stop();
        const qint64 before = c->lastSeq();
        enqueue(QStringLiteral("M1"));
        enqueue(QStringLiteral("M2"));
        enqueue(QStringLiteral("M3"));

        QSignalSpy events(c.get(), &LiveFeedClient::eventReceived);
        c->start();
        QTRY_COMPARE(events.size(), 3);
        QCOMPARE(resync.size(), 1); // no second resync: the journal still had them
        QStringList orders;
        qint64 previous = before;
        for (const QList<QVariant> &e : std::as_const(events)) {
            QVERIFY(e.at(0).toLongLong() > previous);
            previous = e.at(0).toLongLong();
            orders << e.at(2).toJsonObject().value(QStringLiteral("order_id")).toString();
        }
        QCOMPARE(orders,
                 (QStringList{QStringLiteral("M1"), QStringLiteral("M2"), QStringLiteral("M3")}));
    }

    void tooOldSeqGetsResync()
    {
        stopService();
        startService(2);
        auto c = client(m_token);
        QSignalSpy resync(c.get(), &LiveFeedClient::resyncRequired);
        c->start();
        QVERIFY(resync.wait(5000));
        c->stop();
        for (int i = 0; i < 5; ++i)
            enqueue(QStringLiteral("N%1").arg(i));
        QSignalSpy events(c.get(), &LiveFeedClient::eventReceived);
        c->start();
        QTRY_COMPARE(resync.size(), 2);
        QCOMPARE(events.size(), 0);
        QCOMPARE(c->lastSeq(), m_service->journal()->currentSeq());
    }

    void auditEventsReachOnlyAdmins()
    {
        const QString admin = addToken(m_service->store(), Role::Admin, QStringLiteral("admin"));
        auto viewerFeed = client(m_token);
        auto adminFeed = client(admin);
        QSignalSpy viewerResync(viewerFeed.get(), &LiveFeedClient::resyncRequired);
        QSignalSpy adminResync(adminFeed.get(), &LiveFeedClient::resyncRequired);
        QSignalSpy viewerEvents(viewerFeed.get(), &LiveFeedClient::eventReceived);
        QSignalSpy adminEvents(adminFeed.get(), &LiveFeedClient::eventReceived);
        viewerFeed->start();
        adminFeed->start();
        QVERIFY(viewerResync.wait(5000));
        QTRY_COMPARE(adminResync.size(), 1);
        Http http(m_service->baseUrl());
        QCOMPARE(http.post(QStringLiteral("/v1/queue/cleanup"), admin,
                           {{QStringLiteral("older_than_days"), 30}})
                         .status,
                 200);
        QTRY_VERIFY(!adminEvents.isEmpty());
        QCOMPARE(adminEvents.constLast().at(1).toString(), QStringLiteral("audit"));
        // A later public event proves the viewer's feed was flowing all along.
        enqueue(QStringLiteral("AUD1"));
        QTRY_VERIFY(!viewerEvents.isEmpty());
        for (const QList<QVariant> &e : std::as_const(viewerEvents))
            QVERIFY(e.at(1).toString() != QLatin1String("audit"));
    }

    void badTokenIsRefused()
    {
        auto c = client(QStringLiteral("vga_wrong"));
        QSignalSpy refused(c.get(), &LiveFeedClient::authenticationFailed);
        QSignalSpy events(c.get(), &LiveFeedClient::eventReceived);
        QSignalSpy resync(c.get(), &LiveFeedClient::resyncRequired);
        c->start();
        QVERIFY(refused.wait(5000));
        QCOMPARE(resync.size(), 0);
        QCOMPARE(events.size(), 0);
        c->stop();
    }

    void dropIsReportedAndReconnects()
    {
        auto c = client(m_token);
        QSignalSpy connected(c.get(), &LiveFeedClient::connected);
        QSignalSpy dropped(c.get(), &LiveFeedClient::disconnected);
        c->start();
        QVERIFY(connected.wait(5000));
        const quint16 port = m_service->port();
        stopService();
        QVERIFY(dropped.wait(5000));
        const QDateTime since = dropped.first().at(0).toDateTime();
        const QDateTime retryAt = dropped.first().at(1).toDateTime();
        QVERIFY(since.isValid());
        QVERIFY(retryAt > since);
        QVERIFY(!c->isConnected());

        startService(10000, port);
        QTRY_COMPARE_WITH_TIMEOUT(connected.size(), 2, 10000);
        QVERIFY(c->isConnected());
    }
};

QTEST_GUILESS_MAIN(TstLiveFeedClient)
#include "tst_livefeedclient.moc"

// LiveFeedClient against a real vigiad live feed (WebSocket on loopback).
#include "ApiServer.h"
#include "ApiTokens.h"
#include "DeliveryDispatcher.h"
#include "LiveFeedClient.h"
#include "LiveJournal.h"
#include "LiveTickets.h"
#include "ServiceFixture.h"
#include "Store.h"
#include "TestSupport.h"
#include "VigiaService.h"
#include "WahaDouble.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

using namespace Vigia;
using namespace Vigia::TestSupport;

class TstLiveFeedClient final : public QObject
{
    Q_OBJECT

private:
    // For tests that move time themselves; outlives the fixture using it.
    ManualClock m_clock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<ServiceFixture> m_fixture;
    VigiaService *m_service = nullptr;
    QString m_token;

    void startService(int journalSize = 10000, quint16 port = 0,
                      const ServiceFixture::Tweak &tweak = {})
    {
        QVERIFY(m_fixture->start([journalSize, port, tweak](ServiceConfig &config) {
            config.liveJournalSize = journalSize;
            config.probeIntervalMs = 0; // only the API's own events in the sequence
            config.listenPort = port;
            if (tweak)
                tweak(config);
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

    void restartWith(const ServiceFixture::Tweak &tweak)
    {
        stopService();
        startService(10000, 0, tweak);
    }

    QUrl liveUrl(const QString &query) const
    {
        QUrl url = m_service->baseUrl();
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/v1/live"));
        url.setQuery(query);
        return url;
    }

    // A bare WebSocket, for what LiveFeedClient never does.
    std::unique_ptr<QWebSocket> rawSocket(const QString &query, const QString &token = {})
    {
        auto socket = std::make_unique<QWebSocket>();
        QNetworkRequest request(liveUrl(query));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        socket->open(request);
        return socket;
    }

    // The HTTP answer to a WebSocket upgrade that vigiad refuses.
    void refusedUpgrade(const QString &query, const QString &token, QByteArray *answer)
    {
        QTcpSocket socket;
        QSignalSpy closed(&socket, &QTcpSocket::disconnected);
        QSignalSpy connectedSpy(&socket, &QTcpSocket::connected);
        socket.connectToHost(QHostAddress::LocalHost, m_service->port());
        QVERIFY(connectedSpy.wait(5000));
        QByteArray request = "GET /v1/live?" + query.toUtf8()
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                  "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        if (!token.isEmpty())
            request += "Authorization: Bearer " + token.toUtf8() + "\r\n";
        socket.write(request + "\r\n");
        QVERIFY(closed.wait(5000));
        *answer = socket.readAll();
    }

    QString ticketFor(const QString &token)
    {
        Http http(m_service->baseUrl());
        const HttpReply r = http.post(QStringLiteral("/v1/live/ticket"), token, {});
        if (r.status != 200 || r.json.value(QStringLiteral("expires_in")).toInt() != 30)
            qWarning() << r.status << r.body;
        return r.json.value(QStringLiteral("ticket")).toString();
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
        // The status follows with the new waiting count; the notification comes first.
        QTRY_VERIFY(!events.isEmpty());
        QCOMPARE(events.first().at(1).toString(), QStringLiteral("notification"));
        QCOMPARE(events.first().at(2).toJsonObject().value(QStringLiteral("order_id")).toString(),
                 QStringLiteral("L1"));
        QTRY_COMPARE(events.constLast().at(0).toLongLong(), m_service->journal()->currentSeq());
        QCOMPARE(c->lastSeq(), m_service->journal()->currentSeq());
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
        // Every event missed, in order (the status' waiting count among them).
        QTRY_COMPARE(c->lastSeq(), m_service->journal()->currentSeq());
        QCOMPARE(resync.size(), 1); // no second resync: the journal still had them
        QStringList orders;
        qint64 previous = before;
        for (const QList<QVariant> &e : std::as_const(events)) {
            QCOMPARE(e.at(0).toLongLong(), previous + 1);
            previous = e.at(0).toLongLong();
            if (e.at(1).toString() == QLatin1String("notification"))
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

    void catchUpBeyondTheBacklogCapIsAResync()
    {
        restartWith([](ServiceConfig &config) { config.live.maxBacklogBytes = 64 * 1024; });
        auto c = client(m_token);
        QSignalSpy resync(c.get(), &LiveFeedClient::resyncRequired);
        c->start();
        QVERIFY(resync.wait(5000));
        c->stop();
        // 100 KiB missed: all still in the journal, but more than a slow
        // client may have queued.
        for (int i = 0; i < 100; ++i)
            m_service->journal()->publish(LiveEventType::Status,
                                          {{QStringLiteral("pad"), QString(1024, u'x')}});
        QVERIFY(m_service->journal()->since(c->lastSeq()));
        QSignalSpy events(c.get(), &LiveFeedClient::eventReceived);
        c->start();
        QTRY_COMPARE(resync.size(), 2);
        QCOMPARE(events.size(), 0);
        QCOMPARE(c->lastSeq(), m_service->journal()->currentSeq());
        // A gap that fits is replayed as before.
        c->stop();
        for (int i = 0; i < 3; ++i)
            m_service->journal()->publish(LiveEventType::Status, {});
        c->start();
        QTRY_COMPARE(events.size(), 3);
        QCOMPARE(resync.size(), 2);
    }

    void clientsBeyondTheLimitAreRefused()
    {
        restartWith([](ServiceConfig &config) { config.live.maxClients = 2; });
        auto first = client(m_token);
        auto second = client(m_token);
        QSignalSpy firstUp(first.get(), &LiveFeedClient::connected);
        QSignalSpy secondUp(second.get(), &LiveFeedClient::connected);
        first->start();
        second->start();
        QVERIFY(firstUp.wait(5000));
        QTRY_COMPARE(secondUp.size(), 1);
        QTRY_COMPARE(m_service->apiServer()->liveClientCount(), 2);

        QByteArray answer;
        refusedUpgrade(QStringLiteral("since=0"), m_token, &answer);
        QVERIFY2(answer.startsWith("HTTP/1.1 503"), answer.constData());
        QVERIFY(answer.contains("too_many_live_clients"));
        QCOMPARE(m_service->apiServer()->liveClientCount(), 2);

        // A place freed is a place taken.
        first->stop();
        QTRY_COMPARE(m_service->apiServer()->liveClientCount(), 1);
        auto third = client(m_token);
        QSignalSpy thirdUp(third.get(), &LiveFeedClient::connected);
        third->start();
        QVERIFY(thirdUp.wait(5000));
        QVERIFY(second->isConnected());
    }

    void bigIncomingMessageClosesTheSocket()
    {
        auto socket = rawSocket(QStringLiteral("since=0"), m_token);
        QSignalSpy received(socket.get(), &QWebSocket::textMessageReceived);
        QSignalSpy closed(socket.get(), &QWebSocket::disconnected);
        QVERIFY(received.wait(5000)); // the resync: it is in
        socket->sendTextMessage(QString(qsizetype(128) * 1024, u'x'));
        QVERIFY(closed.wait(5000));
        QCOMPARE(socket->closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    }

    void revokedTokenLosesItsLiveFeed()
    {
        m_clock.setNow(QDateTime::currentDateTimeUtc());
        stopService();
        m_fixture->setClock(&m_clock);
        startService();
        const QString admin = m_fixture->token(Role::Admin);
        auto viewerFeed = client(m_token);
        auto adminFeed = client(admin);
        QSignalSpy viewerUp(viewerFeed.get(), &LiveFeedClient::connected);
        QSignalSpy adminUp(adminFeed.get(), &LiveFeedClient::connected);
        QSignalSpy refused(viewerFeed.get(), &LiveFeedClient::authenticationFailed);
        viewerFeed->start();
        adminFeed->start();
        QVERIFY(viewerUp.wait(5000));
        QTRY_COMPARE(adminUp.size(), 1);
        // A ticket-opened socket of the same token goes too.
        auto byTicket = rawSocket(QStringLiteral("ticket=") + ticketFor(m_token));
        QSignalSpy ticketClosed(byTicket.get(), &QWebSocket::disconnected);
        QTRY_COMPARE(m_service->apiServer()->liveClientCount(), 3);

        // `vigiad token revoke` writes the store from another process.
        QVERIFY(m_service->store()->revokeToken(QStringLiteral("victor-viewer")));
        m_clock.advance(TokenCache::kTokenCacheMs);
        QVERIFY(refused.wait(5000));
        QTRY_VERIFY(!ticketClosed.isEmpty());
        QCOMPARE(byTicket->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QTRY_COMPARE(m_service->apiServer()->liveClientCount(), 1);
        QVERIFY(adminFeed->isConnected());
    }

    void ticketOpensTheFeedOnce()
    {
        const QString ticket = ticketFor(m_token);
        QVERIFY(ticket.startsWith(QStringLiteral("vgt_")));
        auto first = rawSocket(QStringLiteral("since=0&ticket=") + ticket);
        QSignalSpy firstMessages(first.get(), &QWebSocket::textMessageReceived);
        QVERIFY(firstMessages.wait(5000));
        QCOMPARE(QJsonDocument::fromJson(firstMessages.first().first().toString().toUtf8())
                         .object()
                         .value(QStringLiteral("type"))
                         .toString(),
                 QStringLiteral("resync"));

        // Used: worthless, like one nobody issued.
        for (const QString &bad : {ticket, QStringLiteral("vgt_made-up")}) {
            auto again = rawSocket(QStringLiteral("since=0&ticket=") + bad);
            QSignalSpy closed(again.get(), &QWebSocket::disconnected);
            QVERIFY(closed.wait(5000));
            QCOMPARE(again->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        }
        QVERIFY(first->state() == QAbstractSocket::ConnectedState);
    }

    void ticketExpires()
    {
        m_clock.setNow(QDateTime::currentDateTimeUtc());
        stopService();
        m_fixture->setClock(&m_clock);
        startService();
        const QString ticket = ticketFor(m_token);
        m_clock.advance(qint64(LiveTickets::kLifetimeS) * 1000);
        auto late = rawSocket(QStringLiteral("ticket=") + ticket);
        QSignalSpy closed(late.get(), &QWebSocket::disconnected);
        QVERIFY(closed.wait(5000));
        QCOMPARE(late->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    }

    void tokenInTheUrlIsRefused()
    {
        QByteArray answer;
        refusedUpgrade(QStringLiteral("since=0&access_token=") + m_token, {}, &answer);
        QVERIFY2(answer.startsWith("HTTP/1.1 400"), answer.constData());
        QVERIFY(answer.contains("token_in_url"));
        QVERIFY(answer.contains("/v1/live/ticket"));
        QVERIFY(!answer.contains(m_token.toUtf8()));
        QCOMPARE(m_service->apiServer()->liveClientCount(), 0);
    }

    void webhookUrlsReachOnlyAdminsWhole()
    {
        const QString admin = m_fixture->token(Role::Admin);
        auto viewerFeed = client(m_token);
        auto adminFeed = client(admin);
        QSignalSpy viewerEvents(viewerFeed.get(), &LiveFeedClient::eventReceived);
        QSignalSpy adminEvents(adminFeed.get(), &LiveFeedClient::eventReceived);
        QSignalSpy viewerUp(viewerFeed.get(), &LiveFeedClient::resyncRequired);
        QSignalSpy adminUp(adminFeed.get(), &LiveFeedClient::resyncRequired);
        viewerFeed->start();
        adminFeed->start();
        QVERIFY(viewerUp.wait(5000));
        QTRY_COMPARE(adminUp.size(), 1);
        const QString url = QStringLiteral("https://127.0.0.1:1/api/webhooks/123456/s3cret-tok");
        Http http(m_service->baseUrl());
        QCOMPARE(http.post(QStringLiteral("/v1/notifications"), m_fixture->token(Role::Bot),
                           {{QStringLiteral("channel"), QStringLiteral("discord")},
                            {QStringLiteral("recipient"), url},
                            {QStringLiteral("text"), QStringLiteral("hola")},
                            {QStringLiteral("type"), QStringLiteral("VOICE_LEAVE")}})
                         .status,
                 201);
        QTRY_VERIFY(!viewerEvents.isEmpty());
        QTRY_VERIFY(!adminEvents.isEmpty());
        const auto recipient = [](const QSignalSpy &spy) {
            return spy.first().at(2).toJsonObject().value(QStringLiteral("recipient")).toString();
        };
        QCOMPARE(recipient(adminEvents), url);
        QCOMPARE(recipient(viewerEvents),
                 QStringLiteral("https://127.0.0.1:1/api/webhooks/123456/") + QChar(u'\u2026'));

        // The catch-up replay hands out the same variants.
        viewerFeed->stop();
        viewerFeed->setLastSeq(viewerEvents.first().at(0).toLongLong() - 1);
        viewerEvents.clear();
        viewerFeed->start();
        QTRY_VERIFY(!viewerEvents.isEmpty());
        QVERIFY(!recipient(viewerEvents).contains(QStringLiteral("s3cret")));
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

// HttpClient, the gateways' libcurl client on a Qt event loop, over real
// HTTP on 127.0.0.1: what the gateways' own tests do not pin down.

#include "HttpClient.h"
#include "TestSupport.h"
#include "WahaDouble.h"

#include <QScopeGuard>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace Vigia;

namespace {

constexpr int kWaitMs = 10000;

QUrl sendTextUrl(const WahaDouble &waha)
{
    QUrl url = waha.baseUrl();
    url.setPath(QStringLiteral("/api/sendText"));
    return url;
}

const QByteArray kBody = R"({"session":"default","chatId":"584241234567@c.us","text":"hola"})";
const HttpClient::Headers kJson{{"Content-Type", "application/json"}};

// A peer that answers every request with one canned response, and counts
// the connections it was offered.
class CannedPeer final : public QObject
{
    Q_OBJECT

public:
    explicit CannedPeer(QByteArray response) : m_response(std::move(response))
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_seen += socket->readAll();
                    // One answer per request whose headers (and small body) arrived.
                    if (m_seen.contains("\r\n\r\n") && m_seen.contains("}")) {
                        m_seen.clear();
                        socket->write(m_response);
                    }
                });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }
    int connections = 0;

private:
    QTcpServer m_server;
    QByteArray m_response;
    QByteArray m_seen;
};

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { TestSupport::enterTestMode(); }
    void postsAndReadsTheAnswer();
    void answersLaterNeverFromInsidePost();
    void keepsTheConnectionAlive();
    void longBodiesAreCutAndTheConnectionStaysUsable();
    void ignoresProxiesFromTheEnvironment();
    void goneWithRequestsOutCallsNothing();
    void connectionsToOneHostAreCapped();
};

void TestHttpClient::postsAndReadsTheAnswer()
{
    WahaDouble waha;
    QVERIFY(waha.start());
    HttpClient client;
    std::optional<HttpAnswer> answer;
    client.post(sendTextUrl(waha), kBody, kJson, kWaitMs,
                [&answer](const HttpAnswer &a) { answer = a; });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), kWaitMs);
    QCOMPARE(answer->failure, HttpAnswer::Failure::None);
    QCOMPARE(answer->status, 201);
    QVERIFY2(answer->body.contains("\"id\""), answer->body.constData());
    QCOMPARE(waha.accepted().size(), 1);
    QCOMPARE(waha.accepted().constFirst().value(QStringLiteral("text")).toString(),
             QStringLiteral("hola"));
    QCOMPARE(client.pending(), 0);
}

// Even a request that fails at once (nothing listens on the port) answers
// on a later turn: a caller may hold state that `done` would change.
void TestHttpClient::answersLaterNeverFromInsidePost()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    HttpClient client;
    std::optional<HttpAnswer> answer;
    client.post(QUrl(QStringLiteral("http://127.0.0.1:%1/api/sendText").arg(port)), kBody, kJson,
                kWaitMs, [&answer](const HttpAnswer &a) { answer = a; });
    QVERIFY(!answer.has_value());
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), kWaitMs);
    QCOMPARE(answer->failure, HttpAnswer::Failure::Refused);
    QCOMPARE(answer->status, 0);
}

void TestHttpClient::keepsTheConnectionAlive()
{
    CannedPeer peer("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
                    "Content-Length: 11\r\n\r\n{\"id\":\"x\"}\n");
    QVERIFY(peer.listen());
    HttpClient client;
    int answered = 0;
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/api/sendText").arg(peer.port()));
    // One after the other: each waits for the last answer.
    std::function<void(const HttpAnswer &)> next = [&](const HttpAnswer &a) {
        QCOMPARE(a.status, 201);
        if (++answered < 20)
            client.post(url, kBody, kJson, kWaitMs, next);
    };
    client.post(url, kBody, kJson, kWaitMs, next);
    QTRY_COMPARE_WITH_TIMEOUT(answered, 20, kWaitMs);
    QCOMPARE(peer.connections, 1);
}

void TestHttpClient::longBodiesAreCutAndTheConnectionStaysUsable()
{
    const QByteArray big(HttpClient::kMaxBodyBytes * 4, 'x');
    CannedPeer peer("HTTP/1.1 500 Internal Server Error\r\nRetry-After: 7\r\nContent-Length: "
                    + QByteArray::number(big.size()) + "\r\n\r\n" + big);
    QVERIFY(peer.listen());
    HttpClient client;
    QList<HttpAnswer> answers;
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/api/sendText").arg(peer.port()));
    client.post(url, kBody, kJson, kWaitMs, [&](const HttpAnswer &a) {
        answers.append(a);
        client.post(url, kBody, kJson, kWaitMs,
                    [&answers](const HttpAnswer &b) { answers.append(b); });
    });
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 2, kWaitMs);
    for (const HttpAnswer &a : std::as_const(answers)) {
        QCOMPARE(a.failure, HttpAnswer::Failure::None);
        QCOMPARE(a.status, 500);
        QCOMPARE(a.body.size(), HttpClient::kMaxBodyBytes);
        QCOMPARE(a.retryAfter, QByteArray("7"));
    }
    QCOMPARE(peer.connections, 1);
}

// vigiad talks to the hosts it was given, never through a proxy named in
// its environment (which could read every message).
void TestHttpClient::ignoresProxiesFromTheEnvironment()
{
    CannedPeer proxy("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
    QVERIFY(proxy.listen());
    const QByteArray proxyUrl = "http://127.0.0.1:" + QByteArray::number(proxy.port());
    qputenv("http_proxy", proxyUrl);
    qputenv("HTTP_PROXY", proxyUrl);
    qputenv("ALL_PROXY", proxyUrl);
    const auto restore = qScopeGuard([] {
        qunsetenv("http_proxy");
        qunsetenv("HTTP_PROXY");
        qunsetenv("ALL_PROXY");
    });
    WahaDouble waha;
    QVERIFY(waha.start());
    HttpClient client;
    std::optional<HttpAnswer> answer;
    client.post(sendTextUrl(waha), kBody, kJson, kWaitMs,
                [&answer](const HttpAnswer &a) { answer = a; });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), kWaitMs);
    QCOMPARE(answer->status, 201);
    QCOMPARE(waha.accepted().size(), 1);
    QCOMPARE(proxy.connections, 0);
}

void TestHttpClient::goneWithRequestsOutCallsNothing()
{
    WahaDouble waha;
    waha.setMode(GatewayDouble::Mode::Hang);
    QVERIFY(waha.start());
    int called = 0;
    {
        auto client = std::make_unique<HttpClient>();
        for (int i = 0; i < 5; ++i)
            client->post(sendTextUrl(waha), kBody, kJson, kWaitMs,
                         [&called](const HttpAnswer &) { ++called; });
        QTRY_COMPARE_WITH_TIMEOUT(waha.requestCount(), 5, kWaitMs);
        QCOMPARE(client->pending(), 5);
    }
    // The peer answers now; the client that asked is gone with its callbacks.
    waha.releaseHungRequests();
    QCoreApplication::processEvents();
    QCOMPARE(called, 0);
}

// More requests than connections allowed: the rest wait in the client and
// go out as answers free a connection; every one is answered.
void TestHttpClient::connectionsToOneHostAreCapped()
{
    WahaDouble waha;
    waha.setMode(GatewayDouble::Mode::Hang);
    QVERIFY(waha.start());
    HttpClient client;
    client.setMaxConnectionsPerHost(2);
    QList<int> statuses;
    for (int i = 0; i < 5; ++i)
        client.post(sendTextUrl(waha), kBody, kJson, kWaitMs,
                    [&statuses](const HttpAnswer &a) { statuses.append(a.status); });
    QTRY_COMPARE_WITH_TIMEOUT(waha.requestCount(), 2, kWaitMs);
    QCOMPARE(client.pending(), 5);
    // Without the cap all five are at the peer at once (goneWithRequestsOutCallsNothing).
    QVERIFY(!QTest::qWaitFor([&waha] { return waha.requestCount() > 2; }, 300));
    waha.setMode(GatewayDouble::Mode::Accept);
    waha.releaseHungRequests();
    QTRY_COMPARE_WITH_TIMEOUT(statuses.size(), 5, kWaitMs);
    // The two that hung get the double's 500, the three that waited its 201.
    QCOMPARE(statuses, QList<int>({500, 500, 201, 201, 201}));
    QCOMPARE(waha.requestCount(), 5);
    QCOMPARE(client.pending(), 0);
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"

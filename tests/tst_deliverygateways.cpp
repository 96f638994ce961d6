// Each delivery gateway against its loopback double, over real HTTP on
// 127.0.0.1: what goes on the wire, and how every answer is classified.

#include "CannedHttpPeer.h"
#include "DeliveryGateway.h"
#include "DiscordDouble.h"
#include "TelegramDouble.h"
#include "TestSupport.h"
#include "WahaDouble.h"

#include "HttpClient.h"
#include <QElapsedTimer>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <memory>

using namespace Vigia;

namespace {

const QString kWahaSession = QStringLiteral("default");
const QByteArray kWahaApiKey = QByteArrayLiteral("waha-secret-key");
// Shaped like a real token: digits, a colon and a URL-safe secret.
const QString kTelegramToken = QStringLiteral("7012345678:AAH-vigia_Secret-Token_0123456789xy");
const QString kTelegramSecretPart = QStringLiteral("AAH-vigia_Secret-Token_0123456789xy");
constexpr int kShortTimeoutMs = 300;
constexpr int kWaitMs = 10000;

// Collects what a gateway hands to its done callback.
struct Capture
{
    int calls = 0;
    DeliveryResult result;

    DeliveryGateway::Done callback()
    {
        return [this](const DeliveryResult &r) {
            ++calls;
            result = r;
        };
    }
};

Notification whatsapp(const QString &recipient, const QString &text)
{
    Notification n;
    n.id = QStringLiteral("n-waha");
    n.channel = Channel::WhatsApp;
    n.recipient = recipient;
    n.type = QStringLiteral("ORDER_RECEIVED");
    n.text = text;
    n.attempts = 1;
    return n;
}

Notification discord(const QString &webhook, const QString &text)
{
    Notification n;
    n.id = QStringLiteral("n-discord");
    n.channel = Channel::Discord;
    n.recipient = webhook;
    n.type = QStringLiteral("BACKUP_ERROR");
    n.text = text;
    n.attempts = 1;
    return n;
}

Notification telegram(const QString &chatId, const QString &text)
{
    Notification n;
    n.id = QStringLiteral("n-telegram");
    n.channel = Channel::Telegram;
    n.recipient = chatId;
    n.type = QStringLiteral("PAYMENT_CONFIRMED");
    n.text = text;
    n.attempts = 1;
    return n;
}

QString outcome(const DeliveryResult &r)
{
    return r.outcomeName();
}

} // namespace

// Sends and waits on the event loop (never sleeps) until done was called.
#define SEND_AND_WAIT(gateway, notification, timeoutMs, capture)                                   \
    do {                                                                                           \
        (gateway).send((notification), (timeoutMs), (capture).callback());                         \
        QTRY_VERIFY_WITH_TIMEOUT((capture).calls > 0, kWaitMs);                                    \
    } while (false)

class TestDeliveryGateways : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // WAHA
    void wahaSendsTextWithApiKeyAndChatId();
    void wahaBaseUrlWithTrailingSlash();
    void wahaSessionNotWorkingIsRetryable_data();
    void wahaSessionNotWorkingIsRetryable();
    void wahaServerErrorIsRetryable();
    void wahaRateLimitIsRetryable();
    void wahaWrongApiKeyIsPermanent();
    void wahaHangTimesOutAsRetryable();
    void wahaRefusedConnectionIsRetryable();
    void wahaTrickledAnswerStillTimesOut();
    void wahaInvalidPhoneIsPermanentWithoutRequest_data();
    void wahaInvalidPhoneIsPermanentWithoutRequest();

    // Discord
    void discordAddsWaitTrueAndSendsContent();
    void discordReplacesCallerWaitParameter();
    void discordRateLimitHonoursRetryAfter_data();
    void discordRateLimitHonoursRetryAfter();
    void discordUnknownWebhookIsPermanent_data();
    void discordUnknownWebhookIsPermanent();
    void discordServerErrorIsRetryable();
    void discordHostNotAllowedIsPermanentWithoutRequest_data();
    void discordHostNotAllowedIsPermanentWithoutRequest();
    void discordPlainHttpIsPermanentWithoutRequest();
    void retryAfterIsClamped_data();
    void retryAfterIsClamped();

    // Telegram
    void telegramSendsMessage();
    void telegramBlockedIsPermanent();
    void telegramRateLimitUsesRetryAfterParameter();
    void telegramServerErrorIsRetryable();
    void telegramMissingTokenIsPermanentWithoutRequest();
    void telegramTokenNeverInDetail_data();
    void telegramTokenNeverInDetail();
    void telegramTokenNeverInDetailForGarbledAnswer();
    void telegramTokenNeverInDetailWhenPathIsEchoed_data();
    void telegramTokenNeverInDetailWhenPathIsEchoed();

private:
    std::unique_ptr<HttpClient> m_network;
};

void TestDeliveryGateways::initTestCase()
{
    TestSupport::enterTestMode();
}

void TestDeliveryGateways::init()
{
    // A fresh manager per test: no keep-alive connection outlives its double.
    m_network = std::make_unique<HttpClient>();
}

void TestDeliveryGateways::cleanup()
{
    m_network.reset();
}

// ---- WAHA

void TestDeliveryGateways::wahaSendsTextWithApiKeyAndChatId()
{
    WahaDouble waha;
    waha.setApiKey(kWahaApiKey);
    QVERIFY(waha.start());
    WahaGateway gateway(m_network.get(), waha.baseUrl(), kWahaSession,
                        QString::fromLatin1(kWahaApiKey));
    QCOMPARE(gateway.channel(), Channel::WhatsApp);

    Capture capture;
    const QString text = QStringLiteral("Hola Ana, tu pedido A-17 fue recibido ✅");
    SEND_AND_WAIT(gateway, whatsapp(QStringLiteral("+58 424-1234567"), text), kWaitMs, capture);

    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("delivered"));
    QCOMPARE(capture.result.httpStatus, 201);
    QVERIFY(capture.result.providerMessageId.startsWith(QStringLiteral("true_584241234567@c.us_")));

    QCOMPARE(waha.requestCount(), 1);
    QCOMPARE(waha.lastRequestUrl().path(), QStringLiteral("/api/sendText"));
    QCOMPARE(waha.lastRequestHeader("X-Api-Key"), kWahaApiKey);
    QVERIFY(waha.lastRequestHeader("Content-Type").startsWith("application/json"));
    QCOMPARE(waha.accepted().size(), 1);
    const QJsonObject body = waha.accepted().constFirst();
    QCOMPARE(body.value(QStringLiteral("session")).toString(), kWahaSession);
    QCOMPARE(body.value(QStringLiteral("chatId")).toString(), QStringLiteral("584241234567@c.us"));
    QCOMPARE(body.value(QStringLiteral("text")).toString(), text);
}

void TestDeliveryGateways::wahaBaseUrlWithTrailingSlash()
{
    WahaDouble waha;
    QVERIFY(waha.start());
    QUrl base = waha.baseUrl();
    base.setPath(QStringLiteral("/"));
    WahaGateway gateway(m_network.get(), base, kWahaSession, QString());

    Capture capture;
    SEND_AND_WAIT(gateway, whatsapp(QStringLiteral("+584241234567"), QStringLiteral("hola")),
                  kWaitMs, capture);
    QCOMPARE(outcome(capture.result), QStringLiteral("delivered"));
    QCOMPARE(waha.lastRequestUrl().path(), QStringLiteral("/api/sendText"));
    // Without a configured key the header is left out, not sent empty.
    QVERIFY(waha.lastRequestHeader("X-Api-Key").isEmpty());
}

void TestDeliveryGateways::wahaSessionNotWorkingIsRetryable_data()
{
    QTest::addColumn<GatewayDouble::Mode>("mode");
    QTest::addColumn<QString>("sessionStatus");
    QTest::addColumn<QString>("expectedInDetail");

    QTest::newRow("reject") << GatewayDouble::Mode::Reject << QStringLiteral("WORKING")
                            << QStringLiteral("STOPPED");
    QTest::newRow("scan-qr") << GatewayDouble::Mode::Accept << QStringLiteral("SCAN_QR_CODE")
                             << QStringLiteral("SCAN_QR_CODE");
    QTest::newRow("failed") << GatewayDouble::Mode::Accept << QStringLiteral("FAILED")
                            << QStringLiteral("FAILED");
}

void TestDeliveryGateways::wahaSessionNotWorkingIsRetryable()
{
    QFETCH(GatewayDouble::Mode, mode);
    QFETCH(QString, sessionStatus);
    QFETCH(QString, expectedInDetail);

    WahaDouble waha;
    waha.setApiKey(kWahaApiKey);
    waha.setSessionStatus(sessionStatus);
    waha.setMode(mode);
    QVERIFY(waha.start());
    WahaGateway gateway(m_network.get(), waha.baseUrl(), kWahaSession,
                        QString::fromLatin1(kWahaApiKey));

    Capture capture;
    SEND_AND_WAIT(gateway, whatsapp(QStringLiteral("+58 424-1234567"), QStringLiteral("hola")),
                  kWaitMs, capture);
    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("retryable"));
    QCOMPARE(capture.result.httpStatus, 422);
    QVERIFY2(capture.result.detail.contains(expectedInDetail), qPrintable(capture.result.detail));
    QVERIFY2(capture.result.detail.contains(kWahaSession), qPrintable(capture.result.detail));
    QVERIFY(capture.result.providerMessageId.isEmpty());
    QCOMPARE(waha.requestCount(), 1);
    QVERIFY(waha.accepted().isEmpty());
}

void TestDeliveryGateways::wahaServerErrorIsRetryable()
{
    WahaDouble waha;
    waha.setMode(GatewayDouble::Mode::ServerError);
    QVERIFY(waha.start());
    WahaGateway gateway(m_network.get(), waha.baseUrl(), kWahaSession, QString());

    Capture capture;
    SEND_AND_WAIT(gateway, whatsapp(QStringLiteral("+58 424-1234567"), QStringLiteral("hola")),
                  kWaitMs, capture);
    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("retryable"));
    QCOMPARE(capture.result.httpStatus, 500);
    QVERIFY2(capture.result.detail.contains(QStringLiteral("500")),
             qPrintable(capture.result.detail));
    QVERIFY(waha.accepted().isEmpty());
}

void TestDeliveryGateways::wahaRateLimitIsRetryable()
{
    WahaDouble waha;
    waha.setMode(GatewayDouble::Mode::RateLimit);
    QVERIFY(waha.start());
    WahaGateway gateway(m_network.get(), waha.baseUrl(), kWahaSession, QString());

    Capture capture;
    SEND_AND_WAIT(gateway, whatsapp(QStringLiteral("+58 424-1234567"), QStringLiteral("hola")),
                  kWaitMs, capture);
    QCOMPARE(outcome(capture.result), QStringLiteral("retryable"));
    QCOMPARE(capture.result.httpStatus, 429);
}

void TestDeliveryGateways::wahaWrongApiKeyIsPermanent()
{
    WahaDouble waha;
    waha.setApiKey(kWahaApiKey);
    QVERIFY(waha.start());
    WahaGateway gateway(m_network.get(), waha.baseUrl(), kWahaSession,
                        QStringLiteral("not-the-key"));

    Capture capture;
    SEND_AND_WAIT(gateway, whatsapp(QStringLiteral("+58 424-1234567"), QStringLiteral("hola")),
                  kWaitMs, capture);
    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("permanent"));
    QCOMPARE(capture.result.httpStatus, 401);
    QVERIFY2(capture.result.detail.contains(QStringLiteral("401")),
             qPrintable(capture.result.detail));
    QCOMPARE(waha.lastRequestHeader("X-Api-Key"), QByteArrayLiteral("not-the-key"));
    QVERIFY(waha.accepted().isEmpty());
}

void TestDeliveryGateways::wahaHangTimesOutAsRetryable()
{
    WahaDouble waha;
    waha.setMode(GatewayDouble::Mode::Hang);
    QVERIFY(waha.start());
    WahaGateway gateway(m_network.get(), waha.baseUrl(), kWahaSession, QString());

    Capture capture;
    QElapsedTimer elapsed;
    elapsed.start();
    SEND_AND_WAIT(gateway, whatsapp(QStringLiteral("+58 424-1234567"), QStringLiteral("hola")),
                  kShortTimeoutMs, capture);
    const qint64 tookMs = elapsed.elapsed();

    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("retryable"));
    QCOMPARE(capture.result.httpStatus, 0);
    QCOMPARE(capture.result.detail, QStringLiteral("no answer within %1 ms").arg(kShortTimeoutMs));
    QCOMPARE(waha.requestCount(), 1);
    // Gave up on time: not before the timeout (timer slack aside), and
    // not at the 10 s the caller's own wait would allow.
    QVERIFY2(tookMs >= kShortTimeoutMs - 50, qPrintable(QString::number(tookMs)));
    QVERIFY2(tookMs < 5000, qPrintable(QString::number(tookMs)));

    // The gateway closed its side; a late answer does not call done again.
    QTRY_COMPARE_WITH_TIMEOUT(waha.openConnectionCount(), 0, kWaitMs);
    waha.releaseHungRequests();
    QCoreApplication::processEvents();
    QCOMPARE(capture.calls, 1);
}

// A gateway that answers a byte at a time must not hold the attempt (and a
// dispatcher slot) past the attempt timeout.
void TestDeliveryGateways::wahaTrickledAnswerStillTimesOut()
{
    QTcpServer slow;
    QVERIFY(slow.listen(QHostAddress(QHostAddress::LocalHost)));
    QTimer drip;
    drip.setInterval(50);
    QList<QPointer<QTcpSocket>> clients;
    connect(&slow, &QTcpServer::newConnection, &slow, [&slow, &clients] {
        while (QTcpSocket *socket = slow.nextPendingConnection()) {
            clients.append(socket);
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                if (!socket->readAll().contains("\r\n\r\n"))
                    return;
                socket->write("HTTP/1.1 500 Internal Server Error\r\n"
                              "Content-Type: text/plain\r\nContent-Length: 100000\r\n\r\n");
            });
        }
    });
    connect(&drip, &QTimer::timeout, &slow, [&clients] {
        for (const QPointer<QTcpSocket> &socket : std::as_const(clients)) {
            if (socket && socket->state() == QAbstractSocket::ConnectedState)
                socket->write("x");
        }
    });
    drip.start();

    QUrl base;
    base.setScheme(QStringLiteral("http"));
    base.setHost(QStringLiteral("127.0.0.1"));
    base.setPort(slow.serverPort());
    WahaGateway gateway(m_network.get(), base, kWahaSession, QString());

    Capture capture;
    QElapsedTimer elapsed;
    elapsed.start();
    gateway.send(whatsapp(QStringLiteral("+58 424-1234567"), QStringLiteral("hola")),
                 kShortTimeoutMs, capture.callback());
    // Generous: ten times the timeout. Without a deadline the drip would
    // keep the attempt open for 100000 x 50 ms.
    QTRY_VERIFY_WITH_TIMEOUT(capture.calls > 0, 10 * kShortTimeoutMs);
    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("retryable"));
    QVERIFY2(elapsed.elapsed() < 10 * kShortTimeoutMs,
             qPrintable(QString::number(elapsed.elapsed())));
    drip.stop();
}

void TestDeliveryGateways::wahaRefusedConnectionIsRetryable()
{
    WahaDouble waha;
    QVERIFY(waha.start());
    waha.setMode(GatewayDouble::Mode::Refuse);
    QVERIFY(!waha.isListening());
    WahaGateway gateway(m_network.get(), waha.baseUrl(), kWahaSession, QString());

    Capture capture;
    SEND_AND_WAIT(gateway, whatsapp(QStringLiteral("+58 424-1234567"), QStringLiteral("hola")),
                  kWaitMs, capture);
    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("retryable"));
    QCOMPARE(capture.result.httpStatus, 0);
    QVERIFY2(capture.result.detail.contains(QStringLiteral("connection refused")),
             qPrintable(capture.result.detail));
    QCOMPARE(waha.requestCount(), 0);
}

void TestDeliveryGateways::wahaInvalidPhoneIsPermanentWithoutRequest_data()
{
    QTest::addColumn<QString>("recipient");
    QTest::newRow("too-short") << QStringLiteral("12345");
    QTest::newRow("letters") << QStringLiteral("call me maybe");
    QTest::newRow("empty") << QString();
    QTest::newRow("too-long") << QStringLiteral("+58 424 1234567 1234567");
    QTest::newRow("extension") << QStringLiteral("+58 424-1234567 ext 9");
    // Already in WAHA's form, but not a number.
    QTest::newRow("fake-chat-id") << QStringLiteral("call-me@c.us");
    QTest::newRow("bare-suffix") << QStringLiteral("@c.us");
}

void TestDeliveryGateways::wahaInvalidPhoneIsPermanentWithoutRequest()
{
    QFETCH(QString, recipient);

    WahaDouble waha;
    QVERIFY(waha.start());
    WahaGateway gateway(m_network.get(), waha.baseUrl(), kWahaSession, QString());

    Capture capture;
    gateway.send(whatsapp(recipient, QStringLiteral("hola")), kWaitMs, capture.callback());
    // Decided on the spot: nothing to wait for.
    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("permanent"));
    QCOMPARE(capture.result.httpStatus, 0);
    QVERIFY(!capture.result.detail.isEmpty());
    // Let anything that might have been sent arrive before counting.
    QCoreApplication::processEvents();
    QCOMPARE(waha.requestCount(), 0);
}

// ---- Discord

void TestDeliveryGateways::discordAddsWaitTrueAndSendsContent()
{
    DiscordDouble hook;
    QVERIFY(hook.start());
    DiscordWebhookGateway gateway(m_network.get(), {QStringLiteral("127.0.0.1")});
    QCOMPARE(gateway.channel(), Channel::Discord);
    QVERIFY(gateway.isAllowedWebhook(hook.webhookUrl()));

    Capture capture;
    const QString text = QStringLiteral("Backup nocturno falló: disco lleno");
    SEND_AND_WAIT(gateway, discord(hook.webhookUrl().toString(), text), kWaitMs, capture);

    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("delivered"));
    QCOMPARE(capture.result.httpStatus, 200);
    // With wait=true Discord answers the message, whose id we keep.
    QVERIFY(!capture.result.providerMessageId.isEmpty());
    QCOMPARE(hook.waitFlags(), QList<bool>{true});
    QCOMPARE(hook.lastRequestUrl().path(), hook.webhookPath());
    QCOMPARE(QUrlQuery(hook.lastRequestUrl()).queryItemValue(QStringLiteral("wait")),
             QStringLiteral("true"));
    QCOMPARE(hook.accepted().size(), 1);
    const QJsonObject body = hook.accepted().constFirst();
    QCOMPARE(body.value(QStringLiteral("content")).toString(), text);
}

void TestDeliveryGateways::discordReplacesCallerWaitParameter()
{
    DiscordDouble hook;
    QVERIFY(hook.start());
    DiscordWebhookGateway gateway(m_network.get(), {QStringLiteral("127.0.0.1")});

    QUrl webhook = hook.webhookUrl();
    webhook.setQuery(QStringLiteral("wait=false&thread_id=42"));
    Capture capture;
    SEND_AND_WAIT(gateway, discord(webhook.toString(), QStringLiteral("hola")), kWaitMs, capture);

    QCOMPARE(outcome(capture.result), QStringLiteral("delivered"));
    const QUrlQuery query(hook.lastRequestUrl());
    QCOMPARE(query.allQueryItemValues(QStringLiteral("wait")), QStringList{QStringLiteral("true")});
    QCOMPARE(query.queryItemValue(QStringLiteral("thread_id")), QStringLiteral("42"));
    QCOMPARE(hook.waitFlags(), QList<bool>{true});
}

void TestDeliveryGateways::discordRateLimitHonoursRetryAfter_data()
{
    QTest::addColumn<double>("retryAfterSeconds");
    QTest::addColumn<int>("headerMs");
    QTest::newRow("1s") << 1.0 << 1000;
    // Discord rounds the header up; the gateway must wait at least that.
    QTest::newRow("2.5s") << 2.5 << 3000;
    QTest::newRow("30s") << 30.0 << 30000;
}

void TestDeliveryGateways::discordRateLimitHonoursRetryAfter()
{
    QFETCH(double, retryAfterSeconds);
    QFETCH(int, headerMs);

    DiscordDouble hook;
    hook.setRetryAfterSeconds(retryAfterSeconds);
    hook.setMode(GatewayDouble::Mode::RateLimit);
    QVERIFY(hook.start());
    DiscordWebhookGateway gateway(m_network.get(), {QStringLiteral("127.0.0.1")});

    Capture capture;
    SEND_AND_WAIT(gateway, discord(hook.webhookUrl().toString(), QStringLiteral("hola")), kWaitMs,
                  capture);
    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("retryable"));
    QCOMPARE(capture.result.httpStatus, 429);
    QVERIFY2(capture.result.retryAfterMs >= headerMs,
             qPrintable(QString::number(capture.result.retryAfterMs)));
    QVERIFY(hook.accepted().isEmpty());
}

void TestDeliveryGateways::discordUnknownWebhookIsPermanent_data()
{
    QTest::addColumn<bool>("wrongId");
    // Reject plays a webhook that was deleted after it was configured.
    QTest::newRow("deleted") << false;
    QTest::newRow("wrong-id") << true;
}

void TestDeliveryGateways::discordUnknownWebhookIsPermanent()
{
    QFETCH(bool, wrongId);

    DiscordDouble hook;
    if (!wrongId)
        hook.setMode(GatewayDouble::Mode::Reject);
    QVERIFY(hook.start());
    DiscordWebhookGateway gateway(m_network.get(), {QStringLiteral("127.0.0.1")});

    QUrl webhook = hook.webhookUrl();
    if (wrongId)
        webhook.setPath(QStringLiteral("/api/webhooks/999/%1").arg(hook.webhookToken()));
    Capture capture;
    SEND_AND_WAIT(gateway, discord(webhook.toString(), QStringLiteral("hola")), kWaitMs, capture);

    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("permanent"));
    QCOMPARE(capture.result.httpStatus, 404);
    QVERIFY2(capture.result.detail.contains(QStringLiteral("Unknown Webhook")),
             qPrintable(capture.result.detail));
    QCOMPARE(hook.requestCount(), 1);
    QVERIFY(hook.accepted().isEmpty());
}

void TestDeliveryGateways::discordServerErrorIsRetryable()
{
    DiscordDouble hook;
    hook.setMode(GatewayDouble::Mode::ServerError);
    QVERIFY(hook.start());
    DiscordWebhookGateway gateway(m_network.get(), {QStringLiteral("127.0.0.1")});

    Capture capture;
    SEND_AND_WAIT(gateway, discord(hook.webhookUrl().toString(), QStringLiteral("hola")), kWaitMs,
                  capture);
    QCOMPARE(outcome(capture.result), QStringLiteral("retryable"));
    QCOMPARE(capture.result.httpStatus, 502);
}

void TestDeliveryGateways::discordHostNotAllowedIsPermanentWithoutRequest_data()
{
    QTest::addColumn<QString>("webhookTemplate"); // %1: the double's port
    QTest::newRow("localhost-alias") << QStringLiteral("http://localhost:%1/api/webhooks/123/abc");
    QTest::newRow("userinfo-trick")
            << QStringLiteral("http://127.0.0.1:%1@evil.invalid/api/webhooks/123/abc");
    QTest::newRow("lookalike-host")
            << QStringLiteral("http://127.0.0.1.evil.invalid:%1/api/webhooks/123/abc");
    QTest::newRow("not-a-url") << QStringLiteral("webhook %1 please");
    QTest::newRow("empty") << QString();
}

void TestDeliveryGateways::discordHostNotAllowedIsPermanentWithoutRequest()
{
    QFETCH(QString, webhookTemplate);

    DiscordDouble hook;
    QVERIFY(hook.start());
    DiscordWebhookGateway gateway(m_network.get(), {QStringLiteral("127.0.0.1")});

    const QString webhook =
            webhookTemplate.isEmpty() ? QString() : webhookTemplate.arg(hook.port());
    Capture capture;
    gateway.send(discord(webhook, QStringLiteral("hola")), kWaitMs, capture.callback());
    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("permanent"));
    QCOMPARE(capture.result.httpStatus, 0);
    QVERIFY2(capture.result.detail.contains(QStringLiteral("allowed_hosts")),
             qPrintable(capture.result.detail));
    QCoreApplication::processEvents();
    QCOMPARE(hook.requestCount(), 0);
}

void TestDeliveryGateways::discordPlainHttpIsPermanentWithoutRequest()
{
    // An allowed host, but the URL (a password) would cross the network in clear.
    DiscordWebhookGateway gateway(m_network.get(),
                                  {QStringLiteral("discord.com"), QStringLiteral("127.0.0.1")});
    const QUrl plain(QStringLiteral("http://discord.com/api/webhooks/123/abc"));
    QVERIFY(!gateway.isAllowedWebhook(plain));
    QVERIFY(gateway.isAllowedWebhook(QUrl(QStringLiteral("https://discord.com/api/webhooks/1/a"))));
    QVERIFY(gateway.isAllowedWebhook(QUrl(QStringLiteral("http://127.0.0.1:9/api/webhooks/1/a"))));
    Capture capture;
    gateway.send(discord(plain.toString(), QStringLiteral("hola")), kWaitMs, capture.callback());
    QCOMPARE(capture.calls, 1); // decided on the spot, nothing sent
    QCOMPARE(outcome(capture.result), QStringLiteral("permanent"));
    QCOMPARE(capture.result.httpStatus, 0);
    QVERIFY2(capture.result.detail.contains(QStringLiteral("https")),
             qPrintable(capture.result.detail));
}

void TestDeliveryGateways::retryAfterIsClamped_data()
{
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QByteArray>("header"); // empty: none
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expectedMs");
    const int cap = DeliveryGateway::kMaxRetryAfterMs;
    const QByteArray none;
    auto waha = [&](const char *name, const QByteArray &header, int expected) {
        QTest::newRow(name) << QStringLiteral("whatsapp") << header << QByteArray("{}") << expected;
    };
    waha("waha 2 s", "2", 2000);
    waha("waha 1.5 s", " 1.5 ", 1500);
    waha("waha a billion s", "1000000000", cap);
    waha("waha beyond any integer", "99999999999999999999999999", cap);
    waha("waha 1e300", "1e300", cap);
    waha("waha negative", "-5", -1);
    waha("waha garbage", "soon", -1);
    waha("waha http date", "Wed, 21 Oct 2015 07:28:00 GMT", -1);
    waha("waha nan", "nan", -1);
    waha("waha inf", "inf", -1);
    QTest::newRow("discord body huge")
            << QStringLiteral("discord") << none << QByteArray(R"({"retry_after": 1e300})") << cap;
    QTest::newRow("discord body negative")
            << QStringLiteral("discord") << none << QByteArray(R"({"retry_after": -3})") << -1;
    QTest::newRow("discord header beats body") << QStringLiteral("discord") << QByteArray("4")
                                               << QByteArray(R"({"retry_after": 9})") << 4000;
    QTest::newRow("telegram huge")
            << QStringLiteral("telegram") << none
            << QByteArray(R"({"ok":false,"parameters":{"retry_after":3000000}})") << cap;
    QTest::newRow("telegram negative")
            << QStringLiteral("telegram") << none
            << QByteArray(R"({"ok":false,"parameters":{"retry_after":-7}})") << -1;
}

void TestDeliveryGateways::retryAfterIsClamped()
{
    QFETCH(QString, channel);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, body);
    QFETCH(int, expectedMs);

    TestSupport::CannedHttpPeer peer;
    QVERIFY(peer.start());
    QList<QPair<QByteArray, QByteArray>> headers{
            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    if (!header.isEmpty())
        headers.append({QByteArrayLiteral("Retry-After"), header});
    peer.setAnswer(429, headers, body);

    std::unique_ptr<DeliveryGateway> gateway;
    Notification n;
    if (channel == QLatin1String("whatsapp")) {
        gateway = std::make_unique<WahaGateway>(m_network.get(), peer.baseUrl(),
                                                QStringLiteral("default"), QString());
        n = whatsapp(QStringLiteral("+58 424-1234567"), QStringLiteral("hola"));
    } else if (channel == QLatin1String("discord")) {
        gateway = std::make_unique<DiscordWebhookGateway>(m_network.get(),
                                                          QStringList{QStringLiteral("127.0.0.1")});
        n = discord(peer.baseUrl().toString() + QStringLiteral("/api/webhooks/1/a"),
                    QStringLiteral("hola"));
    } else {
        gateway =
                std::make_unique<TelegramGateway>(m_network.get(), peer.baseUrl(), kTelegramToken);
        n = telegram(QStringLiteral("123456789"), QStringLiteral("hola"));
    }
    Capture capture;
    SEND_AND_WAIT(*gateway, n, kWaitMs, capture);
    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("retryable"));
    QCOMPARE(capture.result.httpStatus, 429);
    QCOMPARE(capture.result.retryAfterMs, expectedMs);
}

// ---- Telegram

void TestDeliveryGateways::telegramSendsMessage()
{
    TelegramDouble bot;
    bot.setBotToken(kTelegramToken);
    QVERIFY(bot.start());
    TelegramGateway gateway(m_network.get(), bot.baseUrl(), kTelegramToken);
    QCOMPARE(gateway.channel(), Channel::Telegram);

    Capture capture;
    const QString text = QStringLiteral("Pago confirmado: pedido A-17");
    SEND_AND_WAIT(gateway, telegram(QStringLiteral("123456789"), text), kWaitMs, capture);

    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("delivered"));
    QCOMPARE(capture.result.httpStatus, 200);
    QCOMPARE(capture.result.providerMessageId, QStringLiteral("1"));
    QCOMPARE(bot.lastRequestUrl().path(), QStringLiteral("/bot%1/sendMessage").arg(kTelegramToken));
    QCOMPARE(bot.accepted().size(), 1);
    const QJsonObject body = bot.accepted().constFirst();
    QCOMPARE(body.value(QStringLiteral("chat_id")).toString(), QStringLiteral("123456789"));
    QCOMPARE(body.value(QStringLiteral("text")).toString(), text);
}

void TestDeliveryGateways::telegramBlockedIsPermanent()
{
    TelegramDouble bot;
    bot.setBotToken(kTelegramToken);
    bot.setMode(GatewayDouble::Mode::Reject);
    QVERIFY(bot.start());
    TelegramGateway gateway(m_network.get(), bot.baseUrl(), kTelegramToken);

    Capture capture;
    SEND_AND_WAIT(gateway, telegram(QStringLiteral("123456789"), QStringLiteral("hola")), kWaitMs,
                  capture);
    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("permanent"));
    QCOMPARE(capture.result.httpStatus, 403);
    QVERIFY2(capture.result.detail.contains(QStringLiteral("bot was blocked by the user")),
             qPrintable(capture.result.detail));
    QVERIFY(bot.accepted().isEmpty());
}

void TestDeliveryGateways::telegramRateLimitUsesRetryAfterParameter()
{
    TelegramDouble bot;
    bot.setBotToken(kTelegramToken);
    bot.setRetryAfterSeconds(7);
    bot.setMode(GatewayDouble::Mode::RateLimit);
    QVERIFY(bot.start());
    TelegramGateway gateway(m_network.get(), bot.baseUrl(), kTelegramToken);

    Capture capture;
    SEND_AND_WAIT(gateway, telegram(QStringLiteral("123456789"), QStringLiteral("hola")), kWaitMs,
                  capture);
    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("retryable"));
    QCOMPARE(capture.result.httpStatus, 429);
    QCOMPARE(capture.result.retryAfterMs, 7000);
}

void TestDeliveryGateways::telegramServerErrorIsRetryable()
{
    TelegramDouble bot;
    bot.setBotToken(kTelegramToken);
    bot.setMode(GatewayDouble::Mode::ServerError);
    QVERIFY(bot.start());
    TelegramGateway gateway(m_network.get(), bot.baseUrl(), kTelegramToken);

    Capture capture;
    SEND_AND_WAIT(gateway, telegram(QStringLiteral("123456789"), QStringLiteral("hola")), kWaitMs,
                  capture);
    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("retryable"));
    QCOMPARE(capture.result.httpStatus, 500);
}

void TestDeliveryGateways::telegramMissingTokenIsPermanentWithoutRequest()
{
    TelegramDouble bot;
    QVERIFY(bot.start());
    TelegramGateway gateway(m_network.get(), bot.baseUrl(), QString());

    Capture capture;
    gateway.send(telegram(QStringLiteral("123456789"), QStringLiteral("hola")), kWaitMs,
                 capture.callback());
    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("permanent"));
    QCoreApplication::processEvents();
    QCOMPARE(bot.requestCount(), 0);
}

void TestDeliveryGateways::telegramTokenNeverInDetail_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("expectedOutcome");

    QTest::newRow("blocked") << QStringLiteral("reject") << QStringLiteral("permanent");
    QTest::newRow("server-error") << QStringLiteral("server-error") << QStringLiteral("retryable");
    QTest::newRow("rate-limit") << QStringLiteral("rate-limit") << QStringLiteral("retryable");
    QTest::newRow("hang") << QStringLiteral("hang") << QStringLiteral("retryable");
    QTest::newRow("refused") << QStringLiteral("refuse") << QStringLiteral("retryable");
    QTest::newRow("dropped") << QStringLiteral("drop") << QStringLiteral("retryable");
    QTest::newRow("wrong-token") << QStringLiteral("wrong-token") << QStringLiteral("permanent");
    QTest::newRow("not-found") << QStringLiteral("not-found") << QStringLiteral("permanent");
}

void TestDeliveryGateways::telegramTokenNeverInDetail()
{
    QFETCH(QString, setup);
    QFETCH(QString, expectedOutcome);

    TelegramDouble bot;
    bot.setBotToken(kTelegramToken);
    QVERIFY(bot.start());
    QUrl apiUrl = bot.baseUrl();
    if (setup == QStringLiteral("reject"))
        bot.setMode(GatewayDouble::Mode::Reject);
    else if (setup == QStringLiteral("server-error"))
        bot.setMode(GatewayDouble::Mode::ServerError);
    else if (setup == QStringLiteral("rate-limit"))
        bot.setMode(GatewayDouble::Mode::RateLimit);
    else if (setup == QStringLiteral("hang"))
        bot.setMode(GatewayDouble::Mode::Hang);
    else if (setup == QStringLiteral("refuse"))
        bot.setMode(GatewayDouble::Mode::Refuse);
    else if (setup == QStringLiteral("drop")) // Qt itself resends a dropped request a few times
        bot.setScript(QList<GatewayDouble::Mode>(8, GatewayDouble::Mode::Refuse));
    else if (setup == QStringLiteral("wrong-token"))
        bot.setBotToken(QStringLiteral("1:another"));
    else if (setup == QStringLiteral("not-found"))
        apiUrl.setPath(QStringLiteral("/no-such-api"));

    TelegramGateway gateway(m_network.get(), apiUrl, kTelegramToken);
    Capture capture;
    SEND_AND_WAIT(gateway, telegram(QStringLiteral("123456789"), QStringLiteral("hola")),
                  kShortTimeoutMs, capture);

    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), expectedOutcome);
    const QString detail = capture.result.detail;
    QVERIFY2(!detail.isEmpty(), "a failure must say what went wrong");
    QVERIFY2(!detail.contains(kTelegramToken), qPrintable(detail));
    QVERIFY2(!detail.contains(kTelegramSecretPart), qPrintable(detail));
    QVERIFY2(!detail.contains(QString::fromLatin1(QUrl::toPercentEncoding(kTelegramToken))),
             qPrintable(detail));
}

// A peer that does not speak HTTP makes Qt describe the failure in its own
// words, which may quote the request URL and with it the token.
void TestDeliveryGateways::telegramTokenNeverInDetailForGarbledAnswer()
{
    QTcpServer garbler;
    QVERIFY(garbler.listen(QHostAddress(QHostAddress::LocalHost)));
    connect(&garbler, &QTcpServer::newConnection, &garbler, [&garbler] {
        while (QTcpSocket *socket = garbler.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("this is not HTTP at all\r\n\r\n");
                socket->flush();
                socket->disconnectFromHost();
            });
        }
    });

    QUrl apiUrl;
    apiUrl.setScheme(QStringLiteral("http"));
    apiUrl.setHost(QStringLiteral("127.0.0.1"));
    apiUrl.setPort(garbler.serverPort());
    TelegramGateway gateway(m_network.get(), apiUrl, kTelegramToken);
    Capture capture;
    SEND_AND_WAIT(gateway, telegram(QStringLiteral("123456789"), QStringLiteral("hola")), kWaitMs,
                  capture);

    QCOMPARE(capture.calls, 1);
    QCOMPARE(outcome(capture.result), QStringLiteral("retryable"));
    const QString detail = capture.result.detail;
    QVERIFY2(!detail.contains(kTelegramToken), qPrintable(detail));
    QVERIFY2(!detail.contains(kTelegramSecretPart), qPrintable(detail));
}

void TestDeliveryGateways::telegramTokenNeverInDetailWhenPathIsEchoed_data()
{
    QTest::addColumn<int>("padding");
    // Error pages of proxies and web frameworks often quote the request
    // path ("Cannot POST /bot<token>/sendMessage"), sometimes after a long
    // preamble, so the token can land anywhere in the part kept as detail.
    const int tokenStart = int(QStringLiteral("Cannot POST /bot").size());
    const int secretStart = tokenStart + int(kTelegramToken.indexOf(u':')) + 1;
    QTest::newRow("path-at-start") << 0;
    QTest::newRow("path-after-preamble") << 100;
    // 300 characters of the body are kept: cut it a dozen characters into
    // the secret, so only a part of the token is left to find.
    QTest::newRow("secret-cut-by-snippet") << 300 - secretStart - 12;
    QTest::newRow("id-cut-by-snippet") << 300 - tokenStart - 5;
}

void TestDeliveryGateways::telegramTokenNeverInDetailWhenPathIsEchoed()
{
    QFETCH(int, padding);

    // Answers every request with a 404 whose body quotes the path.
    QTcpServer echo;
    QVERIFY(echo.listen(QHostAddress(QHostAddress::LocalHost)));
    int requests = 0;
    connect(&echo, &QTcpServer::newConnection, &echo, [&echo, &requests, padding] {
        while (QTcpSocket *socket = echo.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &requests, padding] {
                const QByteArray head = socket->readAll();
                if (!head.contains("\r\n"))
                    return;
                ++requests;
                const QByteArray path = head.left(head.indexOf("\r\n")).split(' ').value(1);
                const QByteArray body = QByteArray(padding, 'x') + "Cannot POST " + path;
                socket->write("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n"
                              "Connection: close\r\nContent-Length: "
                              + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                socket->disconnectFromHost();
            });
        }
    });

    QUrl apiUrl;
    apiUrl.setScheme(QStringLiteral("http"));
    apiUrl.setHost(QStringLiteral("127.0.0.1"));
    apiUrl.setPort(echo.serverPort());
    TelegramGateway gateway(m_network.get(), apiUrl, kTelegramToken);
    Capture capture;
    SEND_AND_WAIT(gateway, telegram(QStringLiteral("123456789"), QStringLiteral("hola")), kWaitMs,
                  capture);

    QCOMPARE(capture.calls, 1);
    QCOMPARE(requests, 1);
    QCOMPARE(capture.result.httpStatus, 404);
    QCOMPARE(outcome(capture.result), QStringLiteral("permanent"));
    const QString detail = capture.result.detail;
    QVERIFY2(detail.contains(QStringLiteral("Cannot POST")) || padding >= 290, qPrintable(detail));
    QVERIFY2(!detail.contains(kTelegramToken), qPrintable(detail));
    // Not even a part of the secret: eight characters of it are too many.
    for (qsizetype i = 0; i + 8 <= kTelegramSecretPart.size(); ++i) {
        const QString piece = kTelegramSecretPart.mid(i, 8);
        QVERIFY2(!detail.contains(piece),
                 qPrintable(
                         QStringLiteral("\"%1\" of the bot token leaked: %2").arg(piece, detail)));
    }
}

QTEST_GUILESS_MAIN(TestDeliveryGateways)
#include "tst_deliverygateways.moc"

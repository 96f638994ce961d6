// GatewayThread: the gateways' HTTP on a thread of their own, over real HTTP
// on 127.0.0.1 to the loopback WAHA double, with answers handed back to the
// caller's thread exactly once each.

#include "DeliveryGateway.h"
#include "GatewayThread.h"
#include "TestSupport.h"
#include "WahaDouble.h"

#include <QHash>
#include <QPointer>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Vigia;

namespace {

constexpr int kWaitMs = 10000;

Notification whatsapp(int index)
{
    Notification n;
    n.id = QStringLiteral("n-%1").arg(index);
    n.channel = Channel::WhatsApp;
    n.recipient = QStringLiteral("+58 424-%1").arg(1000000 + index);
    n.type = QStringLiteral("ORDER_RECEIVED");
    n.text = QStringLiteral("Pedido A-%1 recibido").arg(index);
    n.attempts = 1;
    return n;
}

// Where and how often each send's done ran.
struct Answers
{
    QHash<QString, int> calls;
    QHash<QString, DeliveryResult> results;
    QList<QThread *> threads;

    DeliveryGateway::Done callbackFor(const QString &id)
    {
        return [this, id](const DeliveryResult &r) {
            ++calls[id];
            results.insert(id, r);
            threads.append(QThread::currentThread());
        };
    }
};

} // namespace

class TestGatewayThread : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { TestSupport::enterTestMode(); }
    void sendsFromItsThreadAndAnswersOnTheCallers();
    void everySendOfABurstIsAnsweredOnce();
    void aTimeoutIsStillAnswered();
    void goingAwayWithSendsOutCallsNothingBack();
};

void TestGatewayThread::sendsFromItsThreadAndAnswersOnTheCallers()
{
    WahaDouble waha;
    QVERIFY(waha.start());
    GatewayThread thread;
    auto *gateway =
            new WahaGateway(thread.http(), waha.baseUrl(), QStringLiteral("default"), QString());
    DeliveryGateway *sender = thread.adopt(gateway);
    QCOMPARE(sender->channel(), Channel::WhatsApp);
    QVERIFY(gateway->thread() != QThread::currentThread());
    QCOMPARE(thread.http()->thread(), gateway->thread());

    Answers answers;
    sender->send(whatsapp(1), kWaitMs, answers.callbackFor(QStringLiteral("n-1")));
    QCOMPARE(thread.pending(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(answers.calls.value(QStringLiteral("n-1")), 1, kWaitMs);
    QCOMPARE(answers.threads, QList<QThread *>{QThread::currentThread()});
    const DeliveryResult r = answers.results.value(QStringLiteral("n-1"));
    QCOMPARE(r.outcomeName(), QStringLiteral("delivered"));
    QCOMPARE(r.httpStatus, 201);
    QVERIFY(!r.providerMessageId.isEmpty());
    QCOMPARE(waha.accepted().size(), 1);
    QCOMPARE(waha.accepted().constFirst().value(QStringLiteral("chatId")).toString(),
             QStringLiteral("584241000001@c.us"));
    QCOMPARE(thread.pending(), 0);
}

void TestGatewayThread::everySendOfABurstIsAnsweredOnce()
{
    WahaDouble waha;
    QVERIFY(waha.start());
    // Every third send refused by WhatsApp: each answer must reach its own send.
    QList<GatewayDouble::Mode> script;
    constexpr int kSends = 300;
    for (int i = 0; i < kSends; ++i)
        script << (i % 3 == 2 ? GatewayDouble::Mode::Reject : GatewayDouble::Mode::Accept);
    waha.setScript(script);
    GatewayThread thread;
    DeliveryGateway *sender = thread.adopt(
            new WahaGateway(thread.http(), waha.baseUrl(), QStringLiteral("default"), QString()));

    Answers answers;
    for (int i = 0; i < kSends; ++i)
        sender->send(whatsapp(i), kWaitMs, answers.callbackFor(QStringLiteral("n-%1").arg(i)));
    QCOMPARE(thread.pending(), kSends);
    QTRY_COMPARE_WITH_TIMEOUT(answers.calls.size(), kSends, kWaitMs);
    QCOMPARE(thread.pending(), 0);
    int delivered = 0;
    for (int i = 0; i < kSends; ++i) {
        const QString id = QStringLiteral("n-%1").arg(i);
        QCOMPARE(answers.calls.value(id), 1);
        if (answers.results.value(id).outcome == DeliveryResult::Outcome::Delivered)
            ++delivered;
    }
    // The double answers in arrival order, which need not be the order sent,
    // so only the totals are fixed.
    QCOMPARE(delivered, kSends - kSends / 3);
    QCOMPARE(waha.accepted().size(), delivered);
    QCOMPARE(waha.requestCount(), kSends);
    for (QThread *t : std::as_const(answers.threads))
        QCOMPARE(t, QThread::currentThread());
}

void TestGatewayThread::aTimeoutIsStillAnswered()
{
    WahaDouble waha;
    waha.setMode(GatewayDouble::Mode::Hang);
    QVERIFY(waha.start());
    GatewayThread thread;
    DeliveryGateway *sender = thread.adopt(
            new WahaGateway(thread.http(), waha.baseUrl(), QStringLiteral("default"), QString()));

    Answers answers;
    sender->send(whatsapp(7), 300, answers.callbackFor(QStringLiteral("n-7")));
    QTRY_COMPARE_WITH_TIMEOUT(answers.calls.value(QStringLiteral("n-7")), 1, kWaitMs);
    const DeliveryResult r = answers.results.value(QStringLiteral("n-7"));
    QCOMPARE(r.outcomeName(), QStringLiteral("retryable"));
    QCOMPARE(r.detail, QStringLiteral("no answer within 300 ms"));
    waha.releaseHungRequests();
}

void TestGatewayThread::goingAwayWithSendsOutCallsNothingBack()
{
    WahaDouble waha;
    waha.setMode(GatewayDouble::Mode::Hang);
    QVERIFY(waha.start());
    auto thread = std::make_unique<GatewayThread>();
    QPointer<DeliveryGateway> sender = thread->adopt(
            new WahaGateway(thread->http(), waha.baseUrl(), QStringLiteral("default"), QString()));

    Answers answers;
    for (int i = 0; i < 5; ++i)
        sender->send(whatsapp(i), kWaitMs, answers.callbackFor(QStringLiteral("n-%1").arg(i)));
    QTRY_COMPARE_WITH_TIMEOUT(waha.hungRequestCount(), 5, kWaitMs);
    // Stopping while the sends are out: the rows they belong to stay
    // "sending" and are sent again at the next start; nothing answers now.
    thread.reset();
    QVERIFY(sender.isNull());
    waha.releaseHungRequests();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QVERIFY(answers.calls.isEmpty());
}

QTEST_GUILESS_MAIN(TestGatewayThread)
#include "tst_gatewaythread.moc"

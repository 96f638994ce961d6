// What every store does alike, run on each backend (TestStores): ctest runs
// this suite as tst_outboxstore_sqlite and tst_outboxstore_postgres, the
// second on a real PostgreSQL server the fixture `postgres` starts. Enqueue
// and idempotency, the delivery state machine, recovery, tokens; and what
// several connections do at once: claims never shared, a key stored once,
// leases that return a dead instance's work. Time comes from a ManualClock.

#include "ApiTokens.h"
#include "Clock.h"
#include "PostgresStore.h"
#include "TestStores.h"
#include "TestSupport.h"

#include <QSet>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace Vigia;
using Vigia::TestSupport::OpenStore;
using Vigia::TestSupport::TestStores;

namespace {

const QDateTime kStart(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

NotificationRequest makeRequest(const QString &orderId,
                                const QString &text = QStringLiteral("Your order was received"),
                                const QString &customer = QStringLiteral("Ana Pérez"),
                                const QString &recipient = QStringLiteral("+58 424-1234567"))
{
    NotificationRequest r;
    r.channel = Channel::WhatsApp;
    r.recipient = recipient;
    r.customerName = customer;
    r.orderId = orderId;
    r.type = QStringLiteral("ORDER_RECEIVED");
    r.text = text;
    return r;
}

QStringList idsOf(const QList<Notification> &list)
{
    QStringList ids;
    for (const Notification &n : list)
        ids << n.id;
    return ids;
}

QSet<QString> idSet(const QList<Notification> &list)
{
    const QStringList ids = idsOf(list);
    return QSet<QString>(ids.cbegin(), ids.cend());
}

} // namespace

class TstOutboxStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // Enqueue and idempotency
    void enqueueCreatesPending();
    void enqueueBatchCreatesAll();
    void idempotentReplayReturnsFirstAnswer();
    void idempotentConflictStoresNothing();
    void noKeyMeansNoDeduplication();
    void idempotencyKeysArePerToken();

    // Delivery state machine
    void claimDueTakesOnlyDuePending();
    void claimDueRespectsLimitAndOrder();
    void claimDueWaitsForBackoff();
    void completeAttempt_data();
    void completeAttempt();
    void completeAttemptKeepsFullHistory();
    void completeAttemptRefusedWhenNotSending();
    void recoverInterruptedReturnsSendingToPending();
    void crashLoopEndsFailedWithTheReason();

    // Several connections at once
    void concurrentClaimsNeverShareARow();
    void concurrentIdempotentEnqueueStoresOneRow();
    void instancesStartingTogetherMigrateOnce();
    void aLapsedLeaseReturnsTheWorkToAnotherInstance();
    void recoveryLeavesAnotherInstancesWorkAlone();

    // Tokens
    void tokens();

private:
    std::optional<Notification> add(const NotificationRequest &request, int maxAttempts = 4);
    // Claims exactly the notification id (it must be the only one due now)
    // and finishes the attempt with newState.
    std::optional<Notification> attempt(const QString &id, NotificationState newState,
                                        int httpStatus, const QString &error = {},
                                        const QDateTime &nextAttemptAt = {});
    std::optional<Notification> addInState(const NotificationRequest &request,
                                           NotificationState state);
    // Every notification stored, in any state.
    int count();

    TestStores m_stores;
    std::unique_ptr<OpenStore> m_open;
    OutboxStore *m_store = nullptr;
    TokenStore *m_tokens = nullptr;
    ManualClock m_clock{kStart};
};

void TstOutboxStore::initTestCase()
{
    TestSupport::enterTestMode();
    qInfo("store backend: %s", qPrintable(m_stores.backendName()));
    QString error;
    QVERIFY2(m_stores.setUp(&error), qPrintable(error));
}

void TstOutboxStore::init()
{
    m_clock.setNow(kStart);
    QString error;
    QVERIFY2(m_stores.reset(&error), qPrintable(error));
    // A lease longer than any test's clock runs: the shared tests check what
    // both stores do; leases lapsing have tests of their own.
    m_open = m_stores.open(&error, QStringLiteral("test-instance"), std::chrono::hours(24 * 7));
    QVERIFY2(m_open, qPrintable(error));
    m_store = &m_open->outbox();
    m_tokens = &m_open->tokens();
}

void TstOutboxStore::cleanup()
{
    m_store = nullptr;
    m_tokens = nullptr;
    m_open.reset();
}

int TstOutboxStore::count()
{
    int total = 0;
    const QueueStats stats = m_store->stats(m_clock.now());
    for (int n : stats.byState)
        total += n;
    return total;
}

std::optional<Notification> TstOutboxStore::add(const NotificationRequest &request, int maxAttempts)
{
    QString error;
    const auto result = m_store->enqueue(request, {}, {}, maxAttempts, m_clock.now(), &error);
    if (!result || result->kind != EnqueueResult::Kind::Created) {
        qWarning("enqueue failed: %s", qPrintable(error));
        return std::nullopt;
    }
    return result->notification;
}

std::optional<Notification> TstOutboxStore::attempt(const QString &id, NotificationState newState,
                                                    int httpStatus, const QString &error,
                                                    const QDateTime &nextAttemptAt)
{
    const QList<Notification> claimed = m_store->claimDue(m_clock.now(), 100);
    if (claimed.size() != 1 || claimed.first().id != id) {
        qWarning("expected to claim only %s, claimed %s", qPrintable(id),
                 qPrintable(idsOf(claimed).join(u',')));
        return std::nullopt;
    }
    const QDateTime started = m_clock.now();
    m_clock.advance(250);
    AttemptRecord record;
    record.attempt.number = claimed.first().attempts;
    record.attempt.startedAt = started;
    record.attempt.finishedAt = m_clock.now();
    record.attempt.outcome = newState == NotificationState::Delivered ? QStringLiteral("delivered")
            : newState == NotificationState::Pending                  ? QStringLiteral("retryable")
                                                                      : QStringLiteral("permanent");
    record.attempt.httpStatus = httpStatus;
    record.attempt.detail = error;
    record.newState = newState;
    record.nextAttemptAt = nextAttemptAt;
    record.lastError = error;
    return m_store->completeAttempt(id, record, m_clock.now());
}

std::optional<Notification> TstOutboxStore::addInState(const NotificationRequest &request,
                                                       NotificationState state)
{
    auto n = add(request);
    if (!n)
        return std::nullopt;
    switch (state) {
    case NotificationState::Pending: return n;
    case NotificationState::Sending: {
        const QList<Notification> claimed = m_store->claimDue(m_clock.now(), 100);
        if (claimed.size() != 1)
            return std::nullopt;
        return claimed.first();
    }
    case NotificationState::Delivered: return attempt(n->id, NotificationState::Delivered, 201);
    case NotificationState::Failed:
        return attempt(n->id, NotificationState::Failed, 403, QStringLiteral("HTTP 403: blocked"));
    case NotificationState::Resolved: break; // resolve() is not on every store yet
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// Enqueue and idempotency

void TstOutboxStore::enqueueCreatesPending()
{
    QVERIFY(!m_store->nextDueTime());
    NotificationRequest request = makeRequest(QStringLiteral("A-7"), QStringLiteral("Hola Ana"));
    request.channel = Channel::Telegram;
    request.recipient = QStringLiteral("-1001234567890");
    request.type = QStringLiteral("PAYMENT_CONFIRMED");
    QString error;
    const auto result = m_store->enqueue(request, QStringLiteral("k"), QByteArrayLiteral("h"), 6,
                                         m_clock.now(), &error);
    QVERIFY2(result, qPrintable(error));
    QCOMPARE(result->kind, EnqueueResult::Kind::Created);
    const Notification &n = result->notification;
    QVERIFY(!n.id.isEmpty());
    QCOMPARE(n.state, NotificationState::Pending);
    QCOMPARE(n.attempts, 0);
    QCOMPARE(n.maxAttempts, 6);
    QCOMPARE(n.nextAttemptAt, kStart);
    QCOMPARE(n.createdAt, kStart);

    const auto stored = m_store->notification(n.id, true);
    QVERIFY(stored);
    QCOMPARE(stored->idempotencyKey, QStringLiteral("k"));
    QCOMPARE(stored->channel, Channel::Telegram);
    QCOMPARE(stored->recipient, QStringLiteral("-1001234567890"));
    QCOMPARE(stored->customerName, QStringLiteral("Ana Pérez"));
    QCOMPARE(stored->orderId, QStringLiteral("A-7"));
    QCOMPARE(stored->type, QStringLiteral("PAYMENT_CONFIRMED"));
    QCOMPARE(stored->text, QStringLiteral("Hola Ana"));
    QCOMPARE(stored->state, NotificationState::Pending);
    QCOMPARE(stored->attempts, 0);
    QCOMPARE(stored->maxAttempts, 6);
    QCOMPARE(stored->nextAttemptAt, kStart);
    QCOMPARE(stored->createdAt, kStart);
    QCOMPARE(stored->updatedAt, kStart);
    QVERIFY(!stored->deliveredAt.isValid());
    QVERIFY(stored->lastError.isEmpty());
    QVERIFY(!stored->resolution);
    QVERIFY(stored->history.isEmpty());
    QCOMPARE(m_store->nextDueTime(), std::optional<QDateTime>(kStart));

    QVERIFY(!m_store->notification(QStringLiteral("no-such-id"), true));
}

void TstOutboxStore::enqueueBatchCreatesAll()
{
    QList<NotificationRequest> requests;
    for (int i = 0; i < 3; ++i)
        requests << makeRequest(QStringLiteral("B-%1").arg(i));
    QString error;
    const QList<Notification> created = m_store->enqueueBatch(requests, 5, m_clock.now(), &error);
    QVERIFY2(created.size() == 3, qPrintable(error));
    QCOMPARE(idSet(created).size(), 3);
    for (const Notification &n : created) {
        const auto stored = m_store->notification(n.id, false);
        QVERIFY(stored);
        QCOMPARE(stored->state, NotificationState::Pending);
        QCOMPARE(stored->maxAttempts, 5);
    }
    QCOMPARE(m_store->stats(m_clock.now()).byState.value(NotificationState::Pending), 3);
}

void TstOutboxStore::idempotentReplayReturnsFirstAnswer()
{
    QString error;
    const auto first =
            m_store->enqueue(makeRequest(QStringLiteral("A-1")), QStringLiteral("order-A-1"),
                             QByteArrayLiteral("hash-A"), 4, m_clock.now(), &error);
    QVERIFY2(first, qPrintable(error));
    QCOMPARE(first->kind, EnqueueResult::Kind::Created);

    // The notification moves on; the replay still answers what the first call answered.
    m_clock.advance(1000);
    QVERIFY(attempt(first->notification.id, NotificationState::Delivered, 201));
    m_clock.advance(60000);

    const auto again =
            m_store->enqueue(makeRequest(QStringLiteral("A-1")), QStringLiteral("order-A-1"),
                             QByteArrayLiteral("hash-A"), 4, m_clock.now(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->kind, EnqueueResult::Kind::Replayed);
    QCOMPARE(again->notification.id, first->notification.id);
    QCOMPARE(again->notification.state, NotificationState::Pending);
    QCOMPARE(again->notification.attempts, 0);
    QCOMPARE(again->notification.createdAt, first->notification.createdAt);
    QCOMPARE(again->notification.orderId, QStringLiteral("A-1"));
    QCOMPARE(again->notification.idempotencyKey, QStringLiteral("order-A-1"));
    // Field for field what the first call answered, though the row now says delivered.
    QCOMPARE(again->notification.toJson(), first->notification.toJson());

    // Nothing new was stored, and the original is still delivered.
    QCOMPARE(count(), 1);
    QCOMPARE(m_store->notification(first->notification.id, false)->state,
             NotificationState::Delivered);
    QVERIFY(!m_store->nextDueTime());
}

void TstOutboxStore::idempotentConflictStoresNothing()
{
    QString error;
    const auto first = m_store->enqueue(
            makeRequest(QStringLiteral("A-1"), QStringLiteral("first body")), QStringLiteral("k-1"),
            QByteArrayLiteral("hash-1"), 4, m_clock.now(), &error);
    QVERIFY2(first, qPrintable(error));

    const auto other = m_store->enqueue(
            makeRequest(QStringLiteral("A-1"), QStringLiteral("other body")), QStringLiteral("k-1"),
            QByteArrayLiteral("hash-2"), 4, m_clock.now(), &error);
    QVERIFY(other);
    QCOMPARE(other->kind, EnqueueResult::Kind::Conflict);

    QCOMPARE(count(), 1);
    const auto stored = m_store->notification(first->notification.id, false);
    QVERIFY(stored);
    QCOMPARE(stored->text, QStringLiteral("first body"));

    // The conflict did not poison the key: the right body still replays.
    const auto replay = m_store->enqueue(
            makeRequest(QStringLiteral("A-1"), QStringLiteral("first body")), QStringLiteral("k-1"),
            QByteArrayLiteral("hash-1"), 4, m_clock.now(), &error);
    QVERIFY(replay);
    QCOMPARE(replay->kind, EnqueueResult::Kind::Replayed);

    // A different key with the same body is a new notification.
    const auto fresh = m_store->enqueue(
            makeRequest(QStringLiteral("A-1"), QStringLiteral("first body")), QStringLiteral("k-2"),
            QByteArrayLiteral("hash-1"), 4, m_clock.now(), &error);
    QVERIFY(fresh);
    QCOMPARE(fresh->kind, EnqueueResult::Kind::Created);
    QVERIFY(fresh->notification.id != first->notification.id);
    QCOMPARE(count(), 2);
}

void TstOutboxStore::idempotencyKeysArePerToken()
{
    QString error;
    const QString key = QStringLiteral("order-A-1");
    const auto fromA =
            m_store->enqueue(makeRequest(QStringLiteral("A-1")), key, QByteArrayLiteral("hash-A"),
                             4, m_clock.now(), &error, QStringLiteral("token-a"));
    QVERIFY2(fromA, qPrintable(error));
    QCOMPARE(fromA->kind, EnqueueResult::Kind::Created);

    // Another producer's same key (even with another body) is its own notification.
    const auto fromB = m_store->enqueue(makeRequest(QStringLiteral("B-1"), QStringLiteral("other")),
                                        key, QByteArrayLiteral("hash-B"), 4, m_clock.now(), &error,
                                        QStringLiteral("token-b"));
    QVERIFY2(fromB, qPrintable(error));
    QCOMPARE(fromB->kind, EnqueueResult::Kind::Created);
    QVERIFY(fromB->notification.id != fromA->notification.id);
    QCOMPARE(fromB->notification.idempotencyKey, key);

    // Each token's retry replays its own first answer.
    const auto againA =
            m_store->enqueue(makeRequest(QStringLiteral("A-1")), key, QByteArrayLiteral("hash-A"),
                             4, m_clock.now(), &error, QStringLiteral("token-a"));
    QVERIFY(againA);
    QCOMPARE(againA->kind, EnqueueResult::Kind::Replayed);
    QCOMPARE(againA->notification.id, fromA->notification.id);
    const auto againB = m_store->enqueue(
            makeRequest(QStringLiteral("B-1"), QStringLiteral("other")), key,
            QByteArrayLiteral("hash-B"), 4, m_clock.now(), &error, QStringLiteral("token-b"));
    QVERIFY(againB);
    QCOMPARE(againB->kind, EnqueueResult::Kind::Replayed);
    QCOMPARE(againB->notification.id, fromB->notification.id);
    // And a token's own conflict stays a conflict.
    const auto conflict =
            m_store->enqueue(makeRequest(QStringLiteral("A-1")), key, QByteArrayLiteral("hash-B"),
                             4, m_clock.now(), &error, QStringLiteral("token-a"));
    QVERIFY(conflict);
    QCOMPARE(conflict->kind, EnqueueResult::Kind::Conflict);
    QCOMPARE(count(), 2);
}

void TstOutboxStore::noKeyMeansNoDeduplication()
{
    QString error;
    const auto a = m_store->enqueue(makeRequest(QStringLiteral("A-1")), {},
                                    QByteArrayLiteral("same"), 4, m_clock.now(), &error);
    const auto b = m_store->enqueue(makeRequest(QStringLiteral("A-1")), {},
                                    QByteArrayLiteral("same"), 4, m_clock.now(), &error);
    QVERIFY(a && b);
    QCOMPARE(a->kind, EnqueueResult::Kind::Created);
    QCOMPARE(b->kind, EnqueueResult::Kind::Created);
    QVERIFY(a->notification.id != b->notification.id);
    QCOMPARE(count(), 2);
}

// ---------------------------------------------------------------------------
// Delivery state machine

void TstOutboxStore::claimDueTakesOnlyDuePending()
{
    const auto a = add(makeRequest(QStringLiteral("A")));
    const auto b = add(makeRequest(QStringLiteral("B")));
    m_clock.advance(10000);
    const auto later = add(makeRequest(QStringLiteral("L"))); // due at kStart + 10 s
    QVERIFY(a && b && later);

    const QList<Notification> claimed = m_store->claimDue(kStart.addSecs(1), 10);
    QCOMPARE(idSet(claimed), QSet<QString>({a->id, b->id}));
    for (const Notification &n : claimed) {
        QCOMPARE(n.state, NotificationState::Sending);
        QCOMPARE(n.attempts, 1);
    }
    QCOMPARE(m_store->notification(later->id, false)->state, NotificationState::Pending);
    QCOMPARE(m_store->notification(later->id, false)->attempts, 0);

    // Sending ones are not claimed twice.
    const QList<Notification> second = m_store->claimDue(kStart.addSecs(10), 10);
    QCOMPARE(idsOf(second), QStringList{later->id});
    QVERIFY(m_store->claimDue(kStart.addSecs(3600), 10).isEmpty());
}

void TstOutboxStore::claimDueRespectsLimitAndOrder()
{
    QStringList ids;
    for (int i = 0; i < 5; ++i) {
        const auto n = add(makeRequest(QStringLiteral("O-%1").arg(i)));
        QVERIFY(n);
        ids << n->id;
        m_clock.advance(1000);
    }
    // Oldest due first, never more than the limit.
    QCOMPARE(idsOf(m_store->claimDue(m_clock.now(), 2)), ids.mid(0, 2));
    QCOMPARE(idsOf(m_store->claimDue(m_clock.now(), 2)), ids.mid(2, 2));
    QCOMPARE(idsOf(m_store->claimDue(m_clock.now(), 2)), ids.mid(4, 1));
    QVERIFY(m_store->claimDue(m_clock.now(), 2).isEmpty());
    QCOMPARE(m_store->stats(m_clock.now()).byState.value(NotificationState::Sending), 5);
}

void TstOutboxStore::claimDueWaitsForBackoff()
{
    const auto n = add(makeRequest(QStringLiteral("A")));
    QVERIFY(n);
    const QDateTime retryAt = kStart.addMSecs(250 + 2000);
    const auto afterFirst =
            attempt(n->id, NotificationState::Pending, 503, QStringLiteral("HTTP 503"), retryAt);
    QVERIFY(afterFirst);
    QCOMPARE(afterFirst->state, NotificationState::Pending);
    QCOMPARE(afterFirst->nextAttemptAt, retryAt);
    QCOMPARE(m_store->nextDueTime(), std::optional<QDateTime>(retryAt));

    QVERIFY(m_store->claimDue(retryAt.addMSecs(-1), 10).isEmpty());
    const QList<Notification> claimed = m_store->claimDue(retryAt, 10);
    QCOMPARE(idsOf(claimed), QStringList{n->id});
    QCOMPARE(claimed.first().attempts, 2);
    QVERIFY(!m_store->nextDueTime());
}

void TstOutboxStore::completeAttempt_data()
{
    QTest::addColumn<NotificationState>("newState");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<QString>("error");
    QTest::addColumn<qint64>("retryInMs");

    QTest::newRow("delivered") << NotificationState::Delivered << 201 << QString() << qint64(-1);
    QTest::newRow("retry later") << NotificationState::Pending << 503
                                 << QStringLiteral("HTTP 503: Service Unavailable") << qint64(2000);
    QTest::newRow("failed") << NotificationState::Failed << 403
                            << QStringLiteral("HTTP 403: Forbidden: bot was blocked by the user")
                            << qint64(-1);
}

void TstOutboxStore::completeAttempt()
{
    QFETCH(NotificationState, newState);
    QFETCH(int, httpStatus);
    QFETCH(QString, error);
    QFETCH(qint64, retryInMs);

    const auto n = add(makeRequest(QStringLiteral("A")));
    QVERIFY(n);
    const QList<Notification> claimed = m_store->claimDue(m_clock.now(), 10);
    QCOMPARE(claimed.size(), 1);
    const QDateTime started = m_clock.now();
    m_clock.advance(1500);
    const QDateTime finished = m_clock.now();

    AttemptRecord record;
    record.attempt = {1,
                      started,
                      finished,
                      newState == NotificationState::Delivered ? QStringLiteral("delivered")
                                                               : QStringLiteral("retryable"),
                      httpStatus,
                      error};
    record.newState = newState;
    if (retryInMs >= 0)
        record.nextAttemptAt = finished.addMSecs(retryInMs);
    record.lastError = error;
    const auto done = m_store->completeAttempt(n->id, record, finished);
    QVERIFY(done);

    const auto stored = m_store->notification(n->id, true);
    QVERIFY(stored);
    QCOMPARE(stored->state, newState);
    QCOMPARE(done->state, newState);
    QCOMPARE(stored->attempts, 1);
    QCOMPARE(stored->lastError, error);
    QCOMPARE(stored->updatedAt, finished);
    QCOMPARE(stored->deliveredAt.isValid(), newState == NotificationState::Delivered);
    if (newState == NotificationState::Delivered)
        QCOMPARE(stored->deliveredAt, finished);
    QCOMPARE(stored->nextAttemptAt.isValid(), retryInMs >= 0);
    if (retryInMs >= 0)
        QCOMPARE(stored->nextAttemptAt, finished.addMSecs(retryInMs));
    QVERIFY(!stored->resolution);

    QCOMPARE(stored->history.size(), 1);
    const DeliveryAttempt &a = stored->history.first();
    QCOMPARE(a.number, 1);
    QCOMPARE(a.startedAt, started);
    QCOMPARE(a.finishedAt, finished);
    QCOMPARE(a.outcome, record.attempt.outcome);
    QCOMPARE(a.httpStatus, httpStatus);
    QCOMPARE(a.detail, error);

    // The history is read only on request.
    QVERIFY(m_store->notification(n->id, false)->history.isEmpty());
}

void TstOutboxStore::completeAttemptKeepsFullHistory()
{
    const auto n = add(makeRequest(QStringLiteral("A")), 3);
    QVERIFY(n);
    QVERIFY(attempt(n->id, NotificationState::Pending, 500, QStringLiteral("first"),
                    m_clock.now().addMSecs(250)));
    QVERIFY(attempt(n->id, NotificationState::Pending, 502, QStringLiteral("second"),
                    m_clock.now().addMSecs(250)));
    const auto last = attempt(n->id, NotificationState::Failed, 504, QStringLiteral("third"));
    QVERIFY(last);
    QCOMPARE(last->state, NotificationState::Failed);
    QCOMPARE(last->attempts, 3);
    QCOMPARE(last->lastError, QStringLiteral("third"));
    QVERIFY(!last->nextAttemptAt.isValid());

    const auto full = m_store->notification(n->id, true);
    QCOMPARE(full->history.size(), 3);
    QCOMPARE(full->history[0].number, 1);
    QCOMPARE(full->history[0].httpStatus, 500);
    QCOMPARE(full->history[1].number, 2);
    QCOMPARE(full->history[1].detail, QStringLiteral("second"));
    QCOMPARE(full->history[2].number, 3);
    QCOMPARE(full->history[2].httpStatus, 504);
    QVERIFY(full->history[0].finishedAt < full->history[2].startedAt);
}

void TstOutboxStore::completeAttemptRefusedWhenNotSending()
{
    const auto n = add(makeRequest(QStringLiteral("A")));
    QVERIFY(n);
    AttemptRecord record;
    record.attempt = {1, m_clock.now(), m_clock.now(), QStringLiteral("delivered"), 201, {}};
    record.newState = NotificationState::Delivered;
    QVERIFY(!m_store->completeAttempt(n->id, record, m_clock.now()));
    QVERIFY(!m_store->completeAttempt(QStringLiteral("no-such-id"), record, m_clock.now()));

    // A refused completion changes nothing, not even the history.
    const auto stored = m_store->notification(n->id, true);
    QCOMPARE(stored->state, NotificationState::Pending);
    QVERIFY(stored->history.isEmpty());
    QCOMPARE(m_stores.scalar(QStringLiteral("SELECT COUNT(*) FROM attempts")).toInt(), 0);
}

void TstOutboxStore::recoverInterruptedReturnsSendingToPending()
{
    const auto a = add(makeRequest(QStringLiteral("A")));
    const auto b = add(makeRequest(QStringLiteral("B")));
    QVERIFY(a && b);
    QCOMPARE(m_store->claimDue(m_clock.now(), 10).size(), 2);
    m_clock.advance(30000);
    const auto failed = addInState(makeRequest(QStringLiteral("F")), NotificationState::Failed);
    QVERIFY(failed);

    // "The process was killed": a new one starts and recovers.
    m_clock.advance(5000);
    const QList<Notification> recovered = m_store->recoverInterrupted(m_clock.now());
    QCOMPARE(idSet(recovered), QSet<QString>({a->id, b->id}));
    for (const Notification &n : recovered) {
        QCOMPARE(n.state, NotificationState::Pending);
        QCOMPARE(n.attempts, 1); // the interrupted attempt stays counted
        QCOMPARE(n.nextAttemptAt, m_clock.now());
        const auto withHistory = m_store->notification(n.id, true);
        QVERIFY(withHistory);
        QCOMPARE(withHistory->history.size(), 1);
        QCOMPARE(withHistory->history.constFirst().outcome, QStringLiteral("interrupted"));
        QCOMPARE(withHistory->history.constFirst().number, 1);
    }
    QCOMPARE(m_store->notification(failed->id, false)->state, NotificationState::Failed);
    QCOMPARE(m_store->notification(failed->id, false)->attempts, 1);
    QVERIFY(m_store->recoverInterrupted(m_clock.now()).isEmpty());

    // They are due again straight away.
    QCOMPARE(idSet(m_store->claimDue(m_clock.now(), 10)), QSet<QString>({a->id, b->id}));
}

void TstOutboxStore::crashLoopEndsFailedWithTheReason()
{
    // vigiad killed during every send: each restart gives the message one
    // more attempt, never the same one again, so the loop ends.
    const auto a = add(makeRequest(QStringLiteral("LOOP")), 3);
    QVERIFY(a);
    for (int crash = 1; crash <= 3; ++crash) {
        const QList<Notification> claimed = m_store->claimDue(m_clock.now(), 10);
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(claimed.constFirst().attempts, crash);
        m_clock.advance(1000);
        const QList<Notification> recovered = m_store->recoverInterrupted(m_clock.now());
        QCOMPARE(recovered.size(), 1);
        QCOMPARE(recovered.constFirst().state,
                 crash < 3 ? NotificationState::Pending : NotificationState::Failed);
    }
    const auto n = m_store->notification(a->id, true);
    QVERIFY(n);
    QCOMPARE(n->state, NotificationState::Failed);
    QCOMPARE(n->attempts, 3);
    QVERIFY2(n->lastError.contains(QStringLiteral("vigiad stopped during the last of its 3")),
             qPrintable(n->lastError));
    QCOMPARE(n->history.size(), 3);
    // Nothing left to claim or recover: the loop is over.
    QVERIFY(m_store->claimDue(m_clock.now(), 10).isEmpty());
    QVERIFY(m_store->recoverInterrupted(m_clock.now()).isEmpty());
    // An interrupted send is not the gateway's failure: the outage recovery
    // does not pick it up again on its own.
    QVERIFY(!m_store->outageFailuresSince(m_clock.now().addSecs(-3600)).contains(a->id));
}

// ---------------------------------------------------------------------------
// Several connections at once

void TstOutboxStore::concurrentClaimsNeverShareARow()
{
    // Two connections (on PostgreSQL, two instances) empty one queue at
    // once: every row is claimed, and by one of them only.
    constexpr int kRows = 200;
    constexpr int kClaimers = 2;
    QList<NotificationRequest> requests;
    for (int i = 0; i < kRows; ++i)
        requests << makeRequest(QStringLiteral("C-%1").arg(i));
    QString error;
    QCOMPARE(m_store->enqueueBatch(requests, 4, m_clock.now(), &error).size(), kRows);

    std::vector<QStringList> claimed(kClaimers);
    std::vector<QString> errors(kClaimers);
    std::atomic<int> ready{0};
    const QDateTime now = m_clock.now();
    {
        std::vector<std::thread> threads;
        threads.reserve(kClaimers);
        for (int c = 0; c < kClaimers; ++c) {
            threads.emplace_back([&, c] {
                // A connection lives in the thread that opened it.
                auto store = m_stores.open(&errors[c], QStringLiteral("claimer-%1").arg(c));
                ++ready;
                while (ready < kClaimers) // start together
                    std::this_thread::yield();
                if (!store)
                    return;
                for (;;) {
                    const QList<Notification> batch = store->outbox().claimDue(now, 5);
                    if (batch.isEmpty())
                        break;
                    claimed[c] << idsOf(batch);
                }
            });
        }
        for (std::thread &t : threads)
            t.join();
    }
    QSet<QString> all;
    int total = 0;
    for (int c = 0; c < kClaimers; ++c) {
        QVERIFY2(errors[c].isEmpty(), qPrintable(errors[c]));
        total += int(claimed[c].size());
        all.unite(QSet<QString>(claimed[c].cbegin(), claimed[c].cend()));
    }
    QCOMPARE(total, kRows); // no row twice...
    QCOMPARE(int(all.size()), kRows); // ...and none left behind
    QCOMPARE(m_store->stats(now).byState.value(NotificationState::Sending), kRows);
}

void TstOutboxStore::concurrentIdempotentEnqueueStoresOneRow()
{
    // Producers retrying the same request through several connections at
    // once: one row, one "created", every other answer a replay of it.
    constexpr int kProducers = 4;
    std::vector<std::optional<EnqueueResult>> results(kProducers);
    std::vector<QString> errors(kProducers);
    std::atomic<int> ready{0};
    const QDateTime now = m_clock.now();
    {
        std::vector<std::thread> threads;
        threads.reserve(kProducers);
        for (int p = 0; p < kProducers; ++p) {
            threads.emplace_back([&, p] {
                auto store = m_stores.open(&errors[p], QStringLiteral("producer-%1").arg(p));
                ++ready;
                while (ready < kProducers)
                    std::this_thread::yield();
                if (!store)
                    return;
                results[p] = store->outbox().enqueue(makeRequest(QStringLiteral("SAME")),
                                                     QStringLiteral("order-SAME"),
                                                     QByteArrayLiteral("hash-same"), 4, now,
                                                     &errors[p], QStringLiteral("token-a"));
            });
        }
        for (std::thread &t : threads)
            t.join();
    }
    int created = 0;
    QSet<QString> ids;
    for (int p = 0; p < kProducers; ++p) {
        QVERIFY2(results[p], qPrintable(errors[p]));
        QVERIFY(results[p]->kind != EnqueueResult::Kind::Conflict);
        created += results[p]->kind == EnqueueResult::Kind::Created ? 1 : 0;
        ids << results[p]->notification.id;
    }
    QCOMPARE(created, 1);
    QCOMPARE(ids.size(), 1);
    QCOMPARE(count(), 1);
}

void TstOutboxStore::instancesStartingTogetherMigrateOnce()
{
    if (!m_stores.sharedByInstances())
        QSKIP("an SQLite file belongs to one vigiad; its migrations need no lock");
    // An empty database, and three instances starting at once: the advisory
    // lock lets one migrate; the others wait and find the schema current.
    m_store = nullptr;
    m_tokens = nullptr;
    m_open.reset();
    QString error;
    QVERIFY2(m_stores.reset(&error), qPrintable(error));
    constexpr int kInstances = 3;
    std::vector<QString> errors(kInstances);
    std::vector<bool> opened(kInstances, false);
    std::atomic<int> ready{0};
    {
        std::vector<std::thread> threads;
        threads.reserve(kInstances);
        for (int i = 0; i < kInstances; ++i) {
            threads.emplace_back([&, i] {
                ++ready;
                while (ready < kInstances)
                    std::this_thread::yield();
                opened[i] =
                        m_stores.open(&errors[i], QStringLiteral("starter-%1").arg(i)) != nullptr;
            });
        }
        for (std::thread &t : threads)
            t.join();
    }
    for (int i = 0; i < kInstances; ++i)
        QVERIFY2(opened[i], qPrintable(errors[i]));
    QCOMPARE(m_stores.scalar(QStringLiteral("SELECT COUNT(*) FROM vigia_schema")).toInt(),
             PostgresStore::latestSchemaVersion());
}

void TstOutboxStore::aLapsedLeaseReturnsTheWorkToAnotherInstance()
{
    if (!m_stores.sharedByInstances())
        QSKIP("an SQLite file belongs to one vigiad: recoverInterrupted() at its start-up"
              " returns its work");
    using namespace std::chrono_literals;
    QString error;
    const auto a = m_stores.open(&error, QStringLiteral("instance-a"), 30s);
    QVERIFY2(a, qPrintable(error));
    const auto b = m_stores.open(&error, QStringLiteral("instance-b"), 30s);
    QVERIFY2(b, qPrintable(error));
    const auto n =
            a->outbox().enqueue(makeRequest(QStringLiteral("L")), {}, {}, 4, m_clock.now(), &error);
    QVERIFY2(n, qPrintable(error));
    const QDateTime claimedAt = m_clock.now();
    QCOMPARE(a->outbox().claimDue(claimedAt, 10).size(), 1);

    // Instance a dies mid-send. Until its lease lapses, its row is its own.
    QVERIFY(b->outbox().claimDue(claimedAt.addMSecs(30000 - 1), 10).isEmpty());
    const QList<Notification> taken = b->outbox().claimDue(claimedAt.addSecs(30), 10);
    QCOMPARE(idsOf(taken), QStringList{n->notification.id});
    QCOMPARE(taken.constFirst().state, NotificationState::Sending);
    QCOMPARE(taken.constFirst().attempts, 2); // the interrupted attempt stays counted
    const auto history = b->outbox().notification(n->notification.id, true);
    QVERIFY(history);
    QCOMPARE(history->history.size(), 1);
    QCOMPARE(history->history.constFirst().number, 1);
    QCOMPARE(history->history.constFirst().outcome, QStringLiteral("interrupted"));

    // a's answer, arriving late, no longer counts; b's does.
    AttemptRecord record;
    record.attempt = {1, claimedAt, claimedAt.addSecs(31), QStringLiteral("delivered"), 201, {}};
    record.newState = NotificationState::Delivered;
    QVERIFY(!a->outbox().completeAttempt(n->notification.id, record, claimedAt.addSecs(31)));
    record.attempt.number = 2;
    const auto done =
            b->outbox().completeAttempt(n->notification.id, record, claimedAt.addSecs(31));
    QVERIFY(done);
    QCOMPARE(done->state, NotificationState::Delivered);
    QCOMPARE(done->attempts, 2);
}

void TstOutboxStore::recoveryLeavesAnotherInstancesWorkAlone()
{
    if (!m_stores.sharedByInstances())
        QSKIP("an SQLite file belongs to one vigiad");
    QString error;
    auto a = m_stores.open(&error, QStringLiteral("instance-a"));
    QVERIFY2(a, qPrintable(error));
    const auto b = m_stores.open(&error, QStringLiteral("instance-b"));
    QVERIFY2(b, qPrintable(error));
    const auto n =
            a->outbox().enqueue(makeRequest(QStringLiteral("R")), {}, {}, 4, m_clock.now(), &error);
    QVERIFY2(n, qPrintable(error));
    QCOMPARE(a->outbox().claimDue(m_clock.now(), 10).size(), 1);

    // b starting up does not take what a live a is sending...
    QVERIFY(b->outbox().recoverInterrupted(m_clock.now()).isEmpty());
    // ...a restarting under its own name takes it back at once.
    a.reset();
    const auto restarted = m_stores.open(&error, QStringLiteral("instance-a"));
    QVERIFY2(restarted, qPrintable(error));
    const QList<Notification> recovered = restarted->outbox().recoverInterrupted(m_clock.now());
    QCOMPARE(idsOf(recovered), QStringList{n->notification.id});
    QCOMPARE(recovered.constFirst().state, NotificationState::Pending);
    QCOMPARE(recovered.constFirst().attempts, 1);
}

// ---------------------------------------------------------------------------
// Tokens

void TstOutboxStore::tokens()
{
    const QString secret = ApiTokens::generateSecret();
    const QByteArray hash = ApiTokens::hashSecret(secret);
    QVERIFY(!hash.isEmpty());
    QVERIFY(!hash.contains(secret.toUtf8()));

    QString error;
    const auto added = m_tokens->addToken(QStringLiteral("console-maria"), Role::Support, hash,
                                          m_clock.now(), &error);
    QVERIFY2(added, qPrintable(error));
    QVERIFY(!added->id.isEmpty());
    QCOMPARE(added->name, QStringLiteral("console-maria"));
    QCOMPARE(added->role, Role::Support);
    QVERIFY(!added->revoked);

    const auto found = m_tokens->tokenBySecretHash(ApiTokens::hashSecret(secret));
    QVERIFY(found);
    QCOMPARE(found->id, added->id);
    QCOMPARE(found->name, QStringLiteral("console-maria"));
    QCOMPARE(found->role, Role::Support);
    QCOMPARE(found->createdAt, kStart);
    QVERIFY(!found->revoked);
    QVERIFY(!m_tokens->tokenBySecretHash(ApiTokens::hashSecret(ApiTokens::generateSecret())));
    QVERIFY(!m_tokens->tokenBySecretHash(secret.toUtf8())); // the secret itself is not stored

    // Names are unique.
    error.clear();
    QVERIFY(!m_tokens->addToken(QStringLiteral("console-maria"), Role::Admin,
                                ApiTokens::hashSecret(ApiTokens::generateSecret()), m_clock.now(),
                                &error));
    QVERIFY2(error.contains(QStringLiteral("console-maria")), qPrintable(error));

    m_clock.advance(1000);
    const auto bot = m_tokens->addToken(QStringLiteral("shop-bot"), Role::Bot,
                                        ApiTokens::hashSecret(QStringLiteral("vga_other")),
                                        m_clock.now(), &error);
    QVERIFY2(bot, qPrintable(error));
    const QList<ApiToken> all = m_tokens->tokens();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all[0].name, QStringLiteral("console-maria"));
    QCOMPARE(all[1].name, QStringLiteral("shop-bot"));
    QCOMPARE(all[1].role, Role::Bot);

    // Revoke by name, then by id.
    QVERIFY(m_tokens->revokeToken(QStringLiteral("console-maria")));
    QVERIFY(m_tokens->tokenBySecretHash(hash)->revoked);
    QVERIFY(!m_tokens->revokeToken(QStringLiteral("console-maria"))); // already revoked
    QVERIFY(!m_tokens->tokenBySecretHash(ApiTokens::hashSecret(QStringLiteral("vga_other")))
                     ->revoked);
    QVERIFY(m_tokens->revokeToken(bot->id));
    QVERIFY(m_tokens->tokenBySecretHash(ApiTokens::hashSecret(QStringLiteral("vga_other")))
                    ->revoked);
    QVERIFY(!m_tokens->revokeToken(QStringLiteral("nobody")));
}

QTEST_GUILESS_MAIN(TstOutboxStore)
#include "tst_outboxstore.moc"

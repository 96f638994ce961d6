// What every store does alike, run on each backend (TestStores): ctest runs
// this suite as tst_outboxstore_sqlite and tst_outboxstore_postgres, the
// second on a real PostgreSQL server the fixture `postgres` starts. Enqueue
// and idempotency, the delivery state machine, recovery, operator actions,
// the list and its pages, housekeeping, tokens, audit, incidents, history,
// sessions and conversations; and what several connections do at once:
// claims never shared, a key stored once, leases that return a dead
// instance's work. Time comes from a ManualClock.

#include "ApiTokens.h"
#include "Clock.h"
#include "PostgresOutboxStore.h"
#include "PostgresStore.h"
#include "TestRequests.h"
#include "TestStores.h"
#include "TestSupport.h"

#include <QSet>
#include <QTest>

#include <limits>

#include <atomic>
#include <memory>
#include <thread>

using namespace Vigia;
using Vigia::TestSupport::OpenStore;
using Vigia::TestSupport::TestStores;
using Vigia::TestSupport::whatsappOrder;

namespace {

const QDateTime kStart(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
constexpr qint64 kDayMs = qint64(24) * 3600 * 1000;

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
    void textThatLooksLikeSqlIsStoredAsSent();
    void idempotentReplayReturnsFirstAnswer();
    void idempotentConflictStoresNothing();
    void noKeyMeansNoDeduplication();
    void idempotencyKeysArePerToken();

    // Delivery state machine
    void claimDueTakesOnlyDuePending();
    void claimDueRespectsLimitAndOrder();
    void claimDueWaitsForBackoff();
    void spacePendingPacesTheHeldBacklog();
    void claimsOnSomeChannelsTakeTheEarliestOfThose();
    void claimOfSomeChannelsOnPostgresReadsOnlyTheirPendingRows();
    void completeAttempt_data();
    void completeAttempt();
    void completeAttemptKeepsFullHistory();
    void completeAttemptRefusedWhenNotSending();
    void recoverInterruptedReturnsSendingToPending();
    void crashLoopEndsFailedWithTheReason();

    // Operator actions
    void requeueRefusals_data();
    void requeueRefusals();
    void requeueFailedThenDeliveryResolvesByRetry();
    void requeueFailedThenFailureStaysFailed();
    void requeueAllFailed();
    void resolveRecordsResolution_data();
    void resolveRecordsResolution();
    void resolveRefusals_data();
    void resolveRefusals();
    void aClaimLapsesByItself();

    // Listing
    void cursorPaging_data();
    void cursorPaging();
    void pagingExactMultipleEndsWithoutCursor();
    void pagingKeepsFilters();
    void filters_data();
    void filters();
    void searchMatchesTheLastError();
    void sortedPagesGiveEachRowOnce_data();
    void sortedPagesGiveEachRowOnce();
    void cursorOfAnotherSortIsRejected();

    // Housekeeping and numbers
    void cleanupRemovesOnlyOldFinished();
    void cleanupCutoffIsStrict();
    void purgeFinishedKeepsWhatIsNotFinished();
    void purgeFinishedDeletesInBatches();
    void statsCounts();
    void statsEmptyStore();
    void affectedOrdersCountsDistinctFailedOrders();

    // Several connections at once
    void concurrentClaimsNeverShareARow();
    void concurrentIdempotentEnqueueStoresOneRow();
    void instancesStartingTogetherMigrateOnce();
    void aLapsedLeaseReturnsTheWorkToAnotherInstance();
    void recoveryLeavesAnotherInstancesWorkAlone();
    void aRenewedLeaseKeepsASlowLiveSend();
    void aDeadInstancesSendsAreRecoveredAndToldOnce();

    // Tokens, audit and incidents
    void tokens();
    void purgeAuditAndClosedIncidents();
    void audit();

    // History
    void historyMinutesAddUpAndRollUpIntoHours();
    void historyWeighsTheMedianByDeliveries();
    void statusPeriodsAndHistoryRetention();

    // Sessions and conversations
    void upsertKeepsTheStartAndSaysWhetherItCreated();
    void endingASessionQueuesItsNoticeWithIt();
    void sessionPagesFollowTheKey();
    void sessionsLastSeenBetweenReadOnlyTheirWindow();
    void reconcileAppliesTheSnapshotWithItsNotices();
    void conversationsExpire();

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
    IncidentStore *m_incidents = nullptr;
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
    m_open = m_stores.open(&error, QStringLiteral("test-instance"), std::chrono::hours(24 * 366));
    QVERIFY2(m_open, qPrintable(error));
    m_store = &m_open->outbox();
    m_tokens = &m_open->tokens();
    m_incidents = &m_open->incidents();
}

void TstOutboxStore::cleanup()
{
    m_store = nullptr;
    m_tokens = nullptr;
    m_incidents = nullptr;
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
    case NotificationState::Resolved: {
        if (!attempt(n->id, NotificationState::Failed, 500, QStringLiteral("HTTP 500")))
            return std::nullopt;
        QString error;
        return m_store->resolve(n->id,
                                {ResolutionMethod::Sms, QStringLiteral("maria"), {}, m_clock.now()},
                                m_clock.now(), &error);
    }
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// Enqueue and idempotency

void TstOutboxStore::enqueueCreatesPending()
{
    QVERIFY(!m_store->nextDueTime());
    NotificationRequest request = whatsappOrder(QStringLiteral("A-7"), QStringLiteral("Hola Ana"));
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

void TstOutboxStore::textThatLooksLikeSqlIsStoredAsSent()
{
    // The PostgreSQL store writes values into its statements as literals
    // (one round trip instead of PREPARE, EXECUTE, DEALLOCATE): quotes,
    // backslashes, placeholders and a statement's end must stay text.
    const QString text =
            QStringLiteral("O'Brien's order ? is \\ready\\'; DROP TABLE notifications; --"
                           " \"quoted\" $$ ?? ñ \u00e9 \U0001F600");
    const QString customer = QStringLiteral("?'?\"?\\");
    const QString key = QStringLiteral("key ' ? \\ \"");
    QString error;
    const auto result =
            m_store->enqueue(whatsappOrder(QStringLiteral("?"), text, customer), key,
                             QByteArrayLiteral("h\x00\x27\x5c"), 4, m_clock.now(), &error);
    QVERIFY2(result, qPrintable(error));
    const auto stored = m_store->notification(result->notification.id, false);
    QVERIFY(stored);
    QCOMPARE(stored->text, text);
    QCOMPARE(stored->customerName, customer);
    QCOMPARE(stored->orderId, QStringLiteral("?"));
    QCOMPARE(stored->idempotencyKey, key);
    // The same key and body replays: the hash with its NUL and quote matched.
    const auto replay =
            m_store->enqueue(whatsappOrder(QStringLiteral("?"), text, customer), key,
                             QByteArrayLiteral("h\x00\x27\x5c"), 4, m_clock.now(), &error);
    QVERIFY2(replay, qPrintable(error));
    QCOMPARE(replay->kind, EnqueueResult::Kind::Replayed);
    QCOMPARE(replay->notification.id, result->notification.id);
    QCOMPARE(count(), 1); // and the table is still there
}

void TstOutboxStore::claimsOnSomeChannelsTakeTheEarliestOfThose()
{
    // WhatsApp held by an outage: Telegram and Discord are claimed together,
    // earliest due first across both, up to the limit; WhatsApp's rows wait.
    const auto on = [this](Channel channel, const QString &order) {
        auto request = whatsappOrder(order);
        request.channel = channel;
        if (channel == Channel::Telegram)
            request.recipient = QStringLiteral("123456");
        if (channel == Channel::Discord)
            request.recipient = QStringLiteral("https://discord.com/api/webhooks/1/abc");
        const auto added = add(request);
        m_clock.advance(10);
        return added ? added->id : QString();
    };
    const QString w1 = on(Channel::WhatsApp, QStringLiteral("W1"));
    const QString t1 = on(Channel::Telegram, QStringLiteral("T1"));
    const QString d1 = on(Channel::Discord, QStringLiteral("D1"));
    const QString t2 = on(Channel::Telegram, QStringLiteral("T2"));
    const QString w2 = on(Channel::WhatsApp, QStringLiteral("W2"));
    QVERIFY(!w1.isEmpty() && !t1.isEmpty() && !d1.isEmpty() && !t2.isEmpty() && !w2.isEmpty());

    const QList<Channel> free{Channel::Telegram, Channel::Discord};
    QCOMPARE(idsOf(m_store->claimDue(m_clock.now(), 2, free)), (QStringList{t1, d1}));
    QCOMPARE(idsOf(m_store->claimDue(m_clock.now(), 10, free)), QStringList{t2});
    QCOMPARE(idsOf(m_store->claimDue(m_clock.now(), 10, free)), QStringList{});
    QCOMPARE(idsOf(m_store->claimDue(m_clock.now(), 10, {Channel::WhatsApp})),
             (QStringList{w1, w2}));
}

void TstOutboxStore::claimOfSomeChannelsOnPostgresReadsOnlyTheirPendingRows()
{
    if (m_stores.backend() != TestStores::Backend::Postgres)
        QSKIP("SQLite's plan is tst_sqlitestore's claimOfSomeChannelsReadsOnlyTheirPendingRows");
    // WhatsApp held by an outage with its backlog, a few Discord rows due:
    // the planner, with statistics, reads Discord's rows from their own
    // index, not the held backlog through notifications_due or the table.
    QList<NotificationRequest> held;
    for (int i = 0; i < 3000; ++i)
        held << whatsappOrder(QStringLiteral("H%1").arg(i));
    QString error;
    QCOMPARE(m_store->enqueueBatch(held, 5, m_clock.now(), &error).size(), held.size());
    QList<NotificationRequest> free;
    for (int i = 0; i < 3; ++i) {
        NotificationRequest request = whatsappOrder(QStringLiteral("D%1").arg(i));
        request.channel = Channel::Discord;
        request.recipient = QStringLiteral("https://discord.com/api/webhooks/1/abc");
        free << request;
    }
    QCOMPARE(m_store->enqueueBatch(free, 5, m_clock.now(), &error).size(), free.size());
    QVERIFY(m_stores.scalar(QStringLiteral("ANALYZE notifications")).isValid());

    // The statement claimDue() runs, its binds written in.
    QString sql = PostgresOutboxStore::claimDueSql(true);
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    for (const QString &value :
         {QString::number(now), QStringLiteral("'plan'"), QString::number(now + 60000),
          QString::number(now), QStringLiteral("'{discord}'"), QStringLiteral("100")})
        sql.replace(sql.indexOf(u'?'), 1, value);
    const QString plan = m_stores.column(QStringLiteral("EXPLAIN ") + sql).join(u'\n');
    QVERIFY2(plan.contains(QLatin1String("notifications_pending_channel")), qPrintable(plan));
    QVERIFY2(!plan.contains(QLatin1String("Seq Scan on notifications")), qPrintable(plan));
    QVERIFY2(!plan.contains(QLatin1String("notifications_due")), qPrintable(plan));

    // And it takes Discord's three, none of the backlog.
    QCOMPARE(m_store->claimDue(m_clock.now(), 100, {Channel::Discord}).size(), 3);
}

void TstOutboxStore::spacePendingPacesTheHeldBacklog()
{
    // WhatsApp orders waited through an outage, one of them with a retry
    // due in a minute; a Telegram order did not wait; one WhatsApp order is
    // on its way.
    const auto a = add(whatsappOrder(QStringLiteral("S1")));
    QVERIFY(a);
    const QDateTime retryAt = m_clock.now().addSecs(60);
    QVERIFY(attempt(a->id, NotificationState::Pending, 503, QStringLiteral("busy"), retryAt));
    const auto b = add(whatsappOrder(QStringLiteral("S2")));
    m_clock.advance(10);
    const auto c = add(whatsappOrder(QStringLiteral("S3")));
    m_clock.advance(10);
    const auto d = add(whatsappOrder(QStringLiteral("S4")));
    auto telegram = whatsappOrder(QStringLiteral("T1"));
    telegram.channel = Channel::Telegram;
    telegram.recipient = QStringLiteral("123456");
    const auto other = add(telegram);
    QVERIFY(b && c && d && other);
    QCOMPARE(idsOf(m_store->claimDue(m_clock.now(), 1, {Channel::WhatsApp})), QStringList{b->id});

    const QDateTime start = m_clock.now().addSecs(1);
    QCOMPARE(m_store->spacePending({Channel::WhatsApp}, start, 200), 3);
    const auto dueOf = [this](const QString &id) {
        const auto n = m_store->notification(id, false);
        return n ? n->nextAttemptAt : QDateTime();
    };
    // In the order they were due, 200 ms apart from `start` (the retry's
    // backoff too: the gateway is back); the send on its way and the other
    // channel are left alone.
    QCOMPARE(dueOf(c->id), start);
    QCOMPARE(dueOf(d->id), start.addMSecs(200));
    QCOMPARE(dueOf(a->id), start.addMSecs(400));
    QVERIFY(start.addMSecs(400) < retryAt);
    QCOMPARE(dueOf(other->id), other->nextAttemptAt);
    // Only what is due goes out: one now, the next 200 ms later.
    QCOMPARE(idsOf(m_store->claimDue(start, 10, {Channel::WhatsApp})), QStringList{c->id});
    QCOMPARE(idsOf(m_store->claimDue(start.addMSecs(199), 10, {Channel::WhatsApp})), QStringList{});
    QCOMPARE(idsOf(m_store->claimDue(start.addMSecs(200), 10, {Channel::WhatsApp})),
             QStringList{d->id});
    // Nothing to pace: nothing changes.
    QCOMPARE(m_store->spacePending({Channel::Discord}, start, 200), 0);
    QCOMPARE(m_store->spacePending({}, start, 200), 0);
}

void TstOutboxStore::enqueueBatchCreatesAll()
{
    QList<NotificationRequest> requests;
    for (int i = 0; i < 3; ++i)
        requests << whatsappOrder(QStringLiteral("B-%1").arg(i));
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
            m_store->enqueue(whatsappOrder(QStringLiteral("A-1")), QStringLiteral("order-A-1"),
                             QByteArrayLiteral("hash-A"), 4, m_clock.now(), &error);
    QVERIFY2(first, qPrintable(error));
    QCOMPARE(first->kind, EnqueueResult::Kind::Created);

    // The notification moves on; the replay still answers what the first call answered.
    m_clock.advance(1000);
    QVERIFY(attempt(first->notification.id, NotificationState::Delivered, 201));
    m_clock.advance(60000);

    const auto again =
            m_store->enqueue(whatsappOrder(QStringLiteral("A-1")), QStringLiteral("order-A-1"),
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
            whatsappOrder(QStringLiteral("A-1"), QStringLiteral("first body")),
            QStringLiteral("k-1"), QByteArrayLiteral("hash-1"), 4, m_clock.now(), &error);
    QVERIFY2(first, qPrintable(error));

    const auto other = m_store->enqueue(
            whatsappOrder(QStringLiteral("A-1"), QStringLiteral("other body")),
            QStringLiteral("k-1"), QByteArrayLiteral("hash-2"), 4, m_clock.now(), &error);
    QVERIFY(other);
    QCOMPARE(other->kind, EnqueueResult::Kind::Conflict);

    QCOMPARE(count(), 1);
    const auto stored = m_store->notification(first->notification.id, false);
    QVERIFY(stored);
    QCOMPARE(stored->text, QStringLiteral("first body"));

    // The conflict did not poison the key: the right body still replays.
    const auto replay = m_store->enqueue(
            whatsappOrder(QStringLiteral("A-1"), QStringLiteral("first body")),
            QStringLiteral("k-1"), QByteArrayLiteral("hash-1"), 4, m_clock.now(), &error);
    QVERIFY(replay);
    QCOMPARE(replay->kind, EnqueueResult::Kind::Replayed);

    // A different key with the same body is a new notification.
    const auto fresh = m_store->enqueue(
            whatsappOrder(QStringLiteral("A-1"), QStringLiteral("first body")),
            QStringLiteral("k-2"), QByteArrayLiteral("hash-1"), 4, m_clock.now(), &error);
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
            m_store->enqueue(whatsappOrder(QStringLiteral("A-1")), key, QByteArrayLiteral("hash-A"),
                             4, m_clock.now(), &error, QStringLiteral("token-a"));
    QVERIFY2(fromA, qPrintable(error));
    QCOMPARE(fromA->kind, EnqueueResult::Kind::Created);

    // Another producer's same key (even with another body) is its own notification.
    const auto fromB = m_store->enqueue(
            whatsappOrder(QStringLiteral("B-1"), QStringLiteral("other")), key,
            QByteArrayLiteral("hash-B"), 4, m_clock.now(), &error, QStringLiteral("token-b"));
    QVERIFY2(fromB, qPrintable(error));
    QCOMPARE(fromB->kind, EnqueueResult::Kind::Created);
    QVERIFY(fromB->notification.id != fromA->notification.id);
    QCOMPARE(fromB->notification.idempotencyKey, key);

    // Each token's retry replays its own first answer.
    const auto againA =
            m_store->enqueue(whatsappOrder(QStringLiteral("A-1")), key, QByteArrayLiteral("hash-A"),
                             4, m_clock.now(), &error, QStringLiteral("token-a"));
    QVERIFY(againA);
    QCOMPARE(againA->kind, EnqueueResult::Kind::Replayed);
    QCOMPARE(againA->notification.id, fromA->notification.id);
    const auto againB = m_store->enqueue(
            whatsappOrder(QStringLiteral("B-1"), QStringLiteral("other")), key,
            QByteArrayLiteral("hash-B"), 4, m_clock.now(), &error, QStringLiteral("token-b"));
    QVERIFY(againB);
    QCOMPARE(againB->kind, EnqueueResult::Kind::Replayed);
    QCOMPARE(againB->notification.id, fromB->notification.id);
    // And a token's own conflict stays a conflict.
    const auto conflict =
            m_store->enqueue(whatsappOrder(QStringLiteral("A-1")), key, QByteArrayLiteral("hash-B"),
                             4, m_clock.now(), &error, QStringLiteral("token-a"));
    QVERIFY(conflict);
    QCOMPARE(conflict->kind, EnqueueResult::Kind::Conflict);
    QCOMPARE(count(), 2);
}

void TstOutboxStore::noKeyMeansNoDeduplication()
{
    QString error;
    const auto a = m_store->enqueue(whatsappOrder(QStringLiteral("A-1")), {},
                                    QByteArrayLiteral("same"), 4, m_clock.now(), &error);
    const auto b = m_store->enqueue(whatsappOrder(QStringLiteral("A-1")), {},
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
    const auto a = add(whatsappOrder(QStringLiteral("A")));
    const auto b = add(whatsappOrder(QStringLiteral("B")));
    m_clock.advance(10000);
    const auto later = add(whatsappOrder(QStringLiteral("L"))); // due at kStart + 10 s
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
        const auto n = add(whatsappOrder(QStringLiteral("O-%1").arg(i)));
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
    const auto n = add(whatsappOrder(QStringLiteral("A")));
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

    const auto n = add(whatsappOrder(QStringLiteral("A")));
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
    const auto n = add(whatsappOrder(QStringLiteral("A")), 3);
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
    const auto n = add(whatsappOrder(QStringLiteral("A")));
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
    const auto a = add(whatsappOrder(QStringLiteral("A")));
    const auto b = add(whatsappOrder(QStringLiteral("B")));
    QVERIFY(a && b);
    QCOMPARE(m_store->claimDue(m_clock.now(), 10).size(), 2);
    m_clock.advance(30000);
    const auto failed = addInState(whatsappOrder(QStringLiteral("F")), NotificationState::Failed);
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
    const auto a = add(whatsappOrder(QStringLiteral("LOOP")), 3);
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
// Operator actions

void TstOutboxStore::requeueRefusals_data()
{
    QTest::addColumn<int>("state"); // -1: unknown id
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown id") << -1 << QStringLiteral("not_found");
    QTest::newRow("delivered") << int(NotificationState::Delivered)
                               << QStringLiteral("invalid_state");
    QTest::newRow("sending") << int(NotificationState::Sending) << QStringLiteral("invalid_state");
    QTest::newRow("resolved") << int(NotificationState::Resolved)
                              << QStringLiteral("invalid_state");
    QTest::newRow("failed is allowed") << int(NotificationState::Failed) << QString();
    QTest::newRow("pending is allowed") << int(NotificationState::Pending) << QString();
}

void TstOutboxStore::requeueRefusals()
{
    QFETCH(int, state);
    QFETCH(QString, code);

    QString id = QStringLiteral("no-such-id");
    std::optional<Notification> before;
    if (state >= 0) {
        before = addInState(whatsappOrder(QStringLiteral("A")), NotificationState(state));
        QVERIFY(before);
        id = before->id;
    }
    m_clock.advance(1000);
    QString error;
    const auto result = m_store->requeue(id, QStringLiteral("carlos"), m_clock.now(), &error);
    if (code.isEmpty()) {
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(result->state, NotificationState::Pending);
        QCOMPARE(result->nextAttemptAt, m_clock.now());
        QVERIFY(result->maxAttempts >= result->attempts + 1);
        return;
    }
    QVERIFY(!result);
    QCOMPARE(error, code);
    if (before) {
        const auto after = m_store->notification(id, false);
        QCOMPARE(after->state, before->state);
        QCOMPARE(after->updatedAt, before->updatedAt);
    }
}

void TstOutboxStore::requeueFailedThenDeliveryResolvesByRetry()
{
    const auto n = addInState(whatsappOrder(QStringLiteral("A")), NotificationState::Failed);
    QVERIFY(n);
    QCOMPARE(n->attempts, 1);
    m_clock.advance(60000);

    QString error;
    const auto requeued = m_store->requeue(n->id, QStringLiteral("carlos"), m_clock.now(), &error);
    QVERIFY2(requeued, qPrintable(error));
    QCOMPARE(requeued->state, NotificationState::Pending);
    QCOMPARE(requeued->nextAttemptAt, m_clock.now());
    QCOMPARE(requeued->attempts, 1);
    QVERIFY(requeued->maxAttempts >= 2);

    const auto done = attempt(n->id, NotificationState::Delivered, 201);
    QVERIFY(done);
    QCOMPARE(done->state, NotificationState::Resolved);
    QVERIFY(done->resolution);
    QCOMPARE(done->resolution->method, ResolutionMethod::Retry);
    QCOMPARE(done->resolution->by, QStringLiteral("carlos"));
    QCOMPARE(done->resolution->at, m_clock.now());
    QCOMPARE(done->deliveredAt, m_clock.now());
    QVERIFY(done->lastError.isEmpty());
    QCOMPARE(done->attempts, 2);
    QCOMPARE(m_store->notification(n->id, true)->history.size(), 2);
}

void TstOutboxStore::requeueFailedThenFailureStaysFailed()
{
    const auto n = addInState(whatsappOrder(QStringLiteral("A")), NotificationState::Failed);
    QVERIFY(n);
    QString error;
    QVERIFY(m_store->requeue(n->id, QStringLiteral("carlos"), m_clock.now(), &error));
    const auto done = attempt(n->id, NotificationState::Failed, 500, QStringLiteral("still down"));
    QVERIFY(done);
    QCOMPARE(done->state, NotificationState::Failed);
    QVERIFY(!done->resolution);
    QCOMPARE(done->lastError, QStringLiteral("still down"));
}

void TstOutboxStore::requeueAllFailed()
{
    const auto f1 = addInState(whatsappOrder(QStringLiteral("F1")), NotificationState::Failed);
    const auto f2 = addInState(whatsappOrder(QStringLiteral("F2")), NotificationState::Failed);
    const auto d = addInState(whatsappOrder(QStringLiteral("D")), NotificationState::Delivered);
    const auto r = addInState(whatsappOrder(QStringLiteral("R")), NotificationState::Resolved);
    const auto p = addInState(whatsappOrder(QStringLiteral("P")), NotificationState::Pending);
    QVERIFY(f1 && f2 && d && r && p);
    m_clock.advance(1000);

    // Asked for one id: both are queued, the answer names the oldest.
    const BulkRequeue requeued =
            m_store->requeueAllFailed(QStringLiteral("recovery"), m_clock.now(), 1);
    QCOMPARE(requeued.count, 2);
    QCOMPARE(requeued.ids, QStringList{f1->id});
    for (const QString &id : {f1->id, f2->id}) {
        const auto n = m_store->notification(id, false);
        QCOMPARE(n->state, NotificationState::Pending);
        QCOMPARE(n->nextAttemptAt, m_clock.now());
    }
    QCOMPARE(m_store->notification(d->id, false)->state, NotificationState::Delivered);
    QCOMPARE(m_store->notification(r->id, false)->state, NotificationState::Resolved);
    QCOMPARE(m_store->notification(p->id, false)->state, NotificationState::Pending);
    const BulkRequeue none =
            m_store->requeueAllFailed(QStringLiteral("recovery"), m_clock.now(), 10);
    QCOMPARE(none.count, 0);
    QVERIFY(none.ids.isEmpty());
}

void TstOutboxStore::resolveRecordsResolution_data()
{
    QTest::addColumn<ResolutionMethod>("method");
    QTest::addColumn<QString>("note");
    QTest::newRow("phone call") << ResolutionMethod::PhoneCall
                                << QStringLiteral("Customer contacted by phone");
    QTest::newRow("sms") << ResolutionMethod::Sms << QStringLiteral("Sent by SMS");
    QTest::newRow("email without note") << ResolutionMethod::Email << QString();
    QTest::newRow("other") << ResolutionMethod::Other << QStringLiteral("Came to the shop");
}

void TstOutboxStore::resolveRecordsResolution()
{
    QFETCH(ResolutionMethod, method);
    QFETCH(QString, note);

    const auto n = addInState(whatsappOrder(QStringLiteral("A")), NotificationState::Failed);
    QVERIFY(n);
    m_clock.advance(qint64(3600) * 1000);
    QString error;
    const auto resolved = m_store->resolve(
            n->id, {method, QStringLiteral("maria"), note, QDateTime()}, m_clock.now(), &error);
    QVERIFY2(resolved, qPrintable(error));

    const auto stored = m_store->notification(n->id, false);
    QCOMPARE(stored->state, NotificationState::Resolved);
    QVERIFY(stored->resolution);
    QCOMPARE(stored->resolution->method, method);
    QCOMPARE(stored->resolution->by, QStringLiteral("maria"));
    QCOMPARE(stored->resolution->note, note);
    QCOMPARE(stored->resolution->at, m_clock.now());
    QCOMPARE(stored->updatedAt, m_clock.now());
    QVERIFY(!stored->nextAttemptAt.isValid());
    QVERIFY(!stored->deliveredAt.isValid());
    // Resolved ones are no longer due and no longer affect orders.
    QVERIFY(m_store->claimDue(m_clock.now(), 10).isEmpty());
    QCOMPARE(m_store->affectedOrders(), 0);
}

void TstOutboxStore::resolveRefusals_data()
{
    QTest::addColumn<int>("state"); // -1: unknown id
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown id") << -1 << QStringLiteral("not_found");
    QTest::newRow("delivered") << int(NotificationState::Delivered)
                               << QStringLiteral("invalid_state");
    QTest::newRow("already resolved")
            << int(NotificationState::Resolved) << QStringLiteral("invalid_state");
    QTest::newRow("sending") << int(NotificationState::Sending) << QStringLiteral("invalid_state");
}

void TstOutboxStore::resolveRefusals()
{
    QFETCH(int, state);
    QFETCH(QString, code);

    QString id = QStringLiteral("no-such-id");
    std::optional<Notification> before;
    if (state >= 0) {
        before = addInState(whatsappOrder(QStringLiteral("A")), NotificationState(state));
        QVERIFY(before);
        id = before->id;
    }
    m_clock.advance(1000);
    QString error;
    QVERIFY(!m_store->resolve(id,
                              {ResolutionMethod::PhoneCall, QStringLiteral("maria"),
                               QStringLiteral("note"), m_clock.now()},
                              m_clock.now(), &error));
    QCOMPARE(error, code);
    if (before) {
        const auto after = m_store->notification(id, false);
        QCOMPARE(after->state, before->state);
        QCOMPARE(after->updatedAt, before->updatedAt);
        QCOMPARE(after->resolution.has_value(), before->resolution.has_value());
        if (after->resolution)
            QCOMPARE(after->resolution->method, ResolutionMethod::Sms); // from addInState
    }
}

void TstOutboxStore::aClaimLapsesByItself()
{
    // Someone who took a failure and went home does not hold it forever.
    const auto n = addInState(whatsappOrder(QStringLiteral("P-1")), NotificationState::Failed);
    QVERIFY(n);
    QString error;
    const QDateTime now = m_clock.now();
    QVERIFY(m_store->setClaim(n->id, QStringLiteral("ana"), now.addSecs(600), now, false, &error));
    QVERIFY(error.isEmpty());
    const auto refused =
            m_store->setClaim(n->id, QStringLiteral("luis"), now.addSecs(600), now, false, &error);
    QCOMPARE(error, QStringLiteral("claimed"));
    QCOMPARE(refused->claimedBy, QStringLiteral("ana"));

    m_clock.advance(qint64(601) * 1000);
    const QDateTime later = m_clock.now();
    error.clear();
    QVERIFY(!m_store->setClaim(n->id, QStringLiteral("ana"), later, later, false, &error));
    QCOMPARE(error, QStringLiteral("not_claimed"));
    error.clear();
    const auto taken = m_store->setClaim(n->id, QStringLiteral("luis"), later.addSecs(60), later,
                                         false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(taken->claimedBy, QStringLiteral("luis"));
    QVERIFY(taken->isClaimedAt(later));
    QCOMPARE(taken->updatedAt, n->updatedAt); // "failed at" stays what it was
}

// ---------------------------------------------------------------------------
// Listing

void TstOutboxStore::cursorPaging_data()
{
    QTest::addColumn<bool>("sameTime");
    QTest::newRow("distinct creation times") << false;
    QTest::newRow("one creation time (batch)") << true;
}

void TstOutboxStore::cursorPaging()
{
    QFETCH(bool, sameTime);

    QList<Notification> created;
    if (sameTime) {
        QList<NotificationRequest> requests;
        for (int i = 0; i < 25; ++i)
            requests << whatsappOrder(QStringLiteral("P-%1").arg(i));
        QString error;
        created = m_store->enqueueBatch(requests, 4, m_clock.now(), &error);
        QVERIFY2(created.size() == 25, qPrintable(error));
    } else {
        for (int i = 0; i < 25; ++i) {
            const auto n = add(whatsappOrder(QStringLiteral("P-%1").arg(i)));
            QVERIFY(n);
            created << *n;
            m_clock.advance(1000);
        }
    }

    NotificationFilter filter;
    filter.limit = 10;
    QList<int> sizes;
    QList<Notification> seen;
    for (int page = 0; page < 10; ++page) {
        const NotificationPage p = m_store->notifications(filter);
        sizes << int(p.items.size());
        seen << p.items;
        if (p.nextCursor.isEmpty())
            break;
        filter.cursor = p.nextCursor;
    }
    QCOMPARE(sizes, QList<int>({10, 10, 5}));
    QCOMPARE(seen.size(), 25);
    QCOMPARE(idSet(seen).size(), 25); // no duplicates
    QCOMPARE(idSet(seen), idSet(created)); // no gaps

    // Newest first; ties broken the same way on every page.
    for (qsizetype i = 1; i < seen.size(); ++i) {
        const Notification &prev = seen[i - 1];
        const Notification &cur = seen[i];
        QVERIFY(prev.createdAt > cur.createdAt
                || (prev.createdAt == cur.createdAt && prev.id > cur.id));
    }
    if (!sameTime) {
        QCOMPARE(seen.first().id, created.last().id);
        QCOMPARE(seen.last().id, created.first().id);
    }
}

void TstOutboxStore::pagingExactMultipleEndsWithoutCursor()
{
    for (int i = 0; i < 20; ++i) {
        QVERIFY(add(whatsappOrder(QStringLiteral("P-%1").arg(i))));
        m_clock.advance(10);
    }
    NotificationFilter filter;
    filter.limit = 10;
    const NotificationPage first = m_store->notifications(filter);
    QCOMPARE(first.items.size(), 10);
    QVERIFY(!first.nextCursor.isEmpty());
    filter.cursor = first.nextCursor;
    const NotificationPage second = m_store->notifications(filter);
    QCOMPARE(second.items.size(), 10);
    QVERIFY(second.nextCursor.isEmpty());

    // One page big enough for everything has no cursor either.
    NotificationFilter all;
    all.limit = 50;
    const NotificationPage whole = m_store->notifications(all);
    QCOMPARE(whole.items.size(), 20);
    QVERIFY(whole.nextCursor.isEmpty());
}

void TstOutboxStore::pagingKeepsFilters()
{
    QSet<QString> wanted;
    for (int i = 0; i < 12; ++i) {
        const auto n = add(whatsappOrder(i % 2 ? QStringLiteral("ODD") : QStringLiteral("EVEN")));
        QVERIFY(n);
        if (i % 2)
            wanted << n->id;
        m_clock.advance(1000);
    }
    NotificationFilter filter;
    filter.orderId = QStringLiteral("ODD");
    filter.limit = 4;
    QList<Notification> seen;
    QList<int> sizes;
    for (int page = 0; page < 10; ++page) {
        const NotificationPage p = m_store->notifications(filter);
        sizes << int(p.items.size());
        seen << p.items;
        if (p.nextCursor.isEmpty())
            break;
        filter.cursor = p.nextCursor;
    }
    QCOMPARE(sizes, QList<int>({4, 2}));
    QCOMPARE(idSet(seen), wanted);
}

void TstOutboxStore::filters_data()
{
    QTest::addColumn<int>("state"); // -1: any
    QTest::addColumn<QString>("orderId");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("expected"); // row numbers below, newest first

    QTest::newRow("no filter") << -1 << QString() << QString() << QList<int>{6, 5, 4, 3, 2, 1};
    QTest::newRow("state failed") << int(NotificationState::Failed) << QString() << QString()
                                  << QList<int>{1};
    QTest::newRow("state delivered")
            << int(NotificationState::Delivered) << QString() << QString() << QList<int>{2};
    QTest::newRow("state pending")
            << int(NotificationState::Pending) << QString() << QString() << QList<int>{6, 5, 4, 3};
    QTest::newRow("order id") << -1 << QStringLiteral("P-1") << QString() << QList<int>{5, 1};
    QTest::newRow("order id is exact, not a pattern")
            << -1 << QStringLiteral("P_3") << QString() << QList<int>{3};
    QTest::newRow("order id prefix is no match")
            << -1 << QStringLiteral("P-") << QString() << QList<int>{};
    QTest::newRow("percent is literal")
            << -1 << QString() << QStringLiteral("100%") << QList<int>{1};
    QTest::newRow("lone percent") << -1 << QString() << QStringLiteral("%") << QList<int>{1};
    QTest::newRow("underscore is literal")
            << -1 << QString() << QStringLiteral("a_b") << QList<int>{3};
    QTest::newRow("lone underscore") << -1 << QString() << QStringLiteral("_") << QList<int>{3};
    QTest::newRow("backslash is literal")
            << -1 << QString() << QStringLiteral("C:\\temp") << QList<int>{6};
    QTest::newRow("customer name, any case")
            << -1 << QString() << QStringLiteral("ana") << QList<int>{4, 1};
    QTest::newRow("recipient") << -1 << QString() << QStringLiteral("600 111") << QList<int>{2};
    QTest::newRow("order id by text") << -1 << QString() << QStringLiteral("PX3") << QList<int>{4};
    QTest::newRow("state and text") << int(NotificationState::Pending) << QString()
                                    << QStringLiteral("ana") << QList<int>{4};
    QTest::newRow("order and text")
            << -1 << QStringLiteral("P-1") << QStringLiteral("second") << QList<int>{5};
    QTest::newRow("no match") << -1 << QString() << QStringLiteral("nothing like this")
                              << QList<int>{};
    QTest::newRow("accents ignored") << -1 << QString() << QStringLiteral("PEREZ") << QList<int>{1};
    QTest::newRow("accents in the query too")
            << -1 << QString() << QStringLiteral("maría") << QList<int>{4};
    QTest::newRow("accent-free query finds accented")
            << -1 << QString() << QStringLiteral("ana maria") << QList<int>{4};
    QTest::newRow("phone with other punctuation")
            << -1 << QString() << QStringLiteral("(600) 111-222") << QList<int>{2};
    QTest::newRow("surrounding blanks ignored")
            << -1 << QString() << QStringLiteral("  axb ") << QList<int>{4};
}

void TstOutboxStore::filters()
{
    QFETCH(int, state);
    QFETCH(QString, orderId);
    QFETCH(QString, text);
    QFETCH(QList<int>, expected);

    const NotificationRequest rows[] = {
            whatsappOrder(QStringLiteral("P-1"), QStringLiteral("Pedido 100% listo"),
                          QStringLiteral("Ana Pérez")),
            whatsappOrder(QStringLiteral("P-2"), QStringLiteral("Pedido 1000 listo"),
                          QStringLiteral("Luis"), QStringLiteral("+34 600 111 222")),
            whatsappOrder(QStringLiteral("P_3"), QStringLiteral("code a_b"),
                          QStringLiteral("Marta")),
            whatsappOrder(QStringLiteral("PX3"), QStringLiteral("code axb"),
                          QStringLiteral("ANA María")),
            whatsappOrder(QStringLiteral("P-1"), QStringLiteral("second for the order"),
                          QStringLiteral("Otro")),
            whatsappOrder(QStringLiteral("P-6"), QStringLiteral("saved to C:\\temp\\x"),
                          QStringLiteral("Pedro")),
    };
    const NotificationState states[] = {NotificationState::Failed,  NotificationState::Delivered,
                                        NotificationState::Pending, NotificationState::Pending,
                                        NotificationState::Pending, NotificationState::Pending};
    QStringList ids; // ids[i] is row i + 1
    for (int i = 0; i < 6; ++i) {
        const auto n = addInState(rows[i], states[i]);
        QVERIFY(n);
        ids << n->id;
        m_clock.advance(1000);
    }

    NotificationFilter filter;
    if (state >= 0)
        filter.states = {NotificationState(state)};
    filter.orderId = orderId;
    filter.text = text;
    filter.limit = 50;
    const NotificationPage page = m_store->notifications(filter);
    QStringList expectedIds;
    for (int row : expected)
        expectedIds << ids[row - 1];
    QCOMPARE(idsOf(page.items), expectedIds);
    QVERIFY(page.nextCursor.isEmpty());
    QCOMPARE(page.total, qint64(expected.size()));
}

void TstOutboxStore::searchMatchesTheLastError()
{
    const auto n = addInState(whatsappOrder(QStringLiteral("P-9")), NotificationState::Failed);
    QVERIFY(n);
    QVERIFY(add(whatsappOrder(QStringLiteral("P-10"))));
    QVERIFY(m_stores.scalar(QStringLiteral("UPDATE notifications SET last_error = 'HTTP 422: "
                                           "number not on "
                                           "WhatsApp' WHERE id = '%1'")
                                    .arg(n->id))
                    .isValid());
    NotificationFilter filter;
    filter.text = QStringLiteral("not on whatsapp");
    QCOMPARE(idsOf(m_store->notifications(filter).items), QStringList{n->id});
}

void TstOutboxStore::sortedPagesGiveEachRowOnce_data()
{
    QTest::addColumn<QString>("sort");
    for (const QString &key : NotificationSort::names()) {
        QTest::newRow(qPrintable(key)) << key;
        QTest::newRow(qPrintable(u'-' + key)) << u'-' + key;
    }
}

void TstOutboxStore::sortedPagesGiveEachRowOnce()
{
    QFETCH(QString, sort);
    // Ties and empty values on purpose: 3 customers, some without an order id.
    const QStringList customers = {QStringLiteral("Ana"), QStringLiteral("Luis"), QString()};
    QSet<QString> created;
    for (int i = 0; i < 23; ++i) {
        NotificationRequest r = whatsappOrder(i % 4 ? QStringLiteral("P-%1").arg(i % 5) : QString(),
                                              QStringLiteral("text %1").arg(i), customers[i % 3]);
        const auto n = addInState(r, NotificationState::Failed);
        QVERIFY(n);
        created << n->id;
        if (i % 2)
            m_clock.advance(1000);
    }
    NotificationFilter filter;
    filter.states = {NotificationState::Failed};
    filter.sort = *NotificationSort::fromName(sort);
    filter.limit = 5;
    QList<Notification> seen;
    for (int page = 0; page < 20; ++page) {
        const NotificationPage p = m_store->notifications(filter);
        QVERIFY(!p.cursorRejected);
        QCOMPARE(p.total, qint64(23));
        seen << p.items;
        if (p.nextCursor.isEmpty())
            break;
        filter.cursor = p.nextCursor;
    }
    QCOMPARE(seen.size(), 23);
    QCOMPARE(idSet(seen), created);
    const bool descending = sort.startsWith(u'-');
    for (qsizetype i = 1; i < seen.size(); ++i) {
        const Notification &a = seen[i - 1];
        const Notification &b = seen[i];
        QVariant va;
        QVariant vb;
        switch (filter.sort.key) {
        case NotificationSort::Key::CreatedAt:
            va = a.createdAt.toMSecsSinceEpoch();
            vb = b.createdAt.toMSecsSinceEpoch();
            break;
        case NotificationSort::Key::UpdatedAt:
            va = a.updatedAt.toMSecsSinceEpoch();
            vb = b.updatedAt.toMSecsSinceEpoch();
            break;
        case NotificationSort::Key::CustomerName:
            va = a.customerName;
            vb = b.customerName;
            break;
        case NotificationSort::Key::OrderId:
            va = a.orderId;
            vb = b.orderId;
            break;
        }
        const auto order = QVariant::compare(va, vb);
        const bool inOrder = descending
                ? (order == QPartialOrdering::Greater
                   || (order == QPartialOrdering::Equivalent && a.id > b.id))
                : (order == QPartialOrdering::Less
                   || (order == QPartialOrdering::Equivalent && a.id < b.id));
        QVERIFY2(inOrder, qPrintable(QStringLiteral("row %1 out of order").arg(i)));
    }
}

void TstOutboxStore::cursorOfAnotherSortIsRejected()
{
    for (int i = 0; i < 3; ++i) {
        QVERIFY(add(whatsappOrder(QStringLiteral("P-%1").arg(i))));
        m_clock.advance(1000);
    }
    NotificationFilter filter;
    filter.limit = 1;
    const NotificationPage first = m_store->notifications(filter);
    QVERIFY(!first.nextCursor.isEmpty());
    filter.cursor = first.nextCursor;
    filter.sort = *NotificationSort::fromName(QStringLiteral("customer_name"));
    QVERIFY(m_store->notifications(filter).cursorRejected);
    filter.sort = {};
    QVERIFY(!m_store->notifications(filter).cursorRejected);
    for (const QString &garbage :
         {QStringLiteral("not base64!"), QStringLiteral("W10"), QStringLiteral("MTIzOmFiYw")}) {
        filter.cursor = garbage;
        QVERIFY2(m_store->notifications(filter).cursorRejected, qPrintable(garbage));
    }
}

// ---------------------------------------------------------------------------
// Housekeeping and numbers

void TstOutboxStore::cleanupRemovesOnlyOldFinished()
{
    const auto oldDelivered =
            addInState(whatsappOrder(QStringLiteral("D")), NotificationState::Delivered);
    const auto oldResolved =
            addInState(whatsappOrder(QStringLiteral("R")), NotificationState::Resolved);
    const auto oldFailed =
            addInState(whatsappOrder(QStringLiteral("F")), NotificationState::Failed);
    // Pending in a long backoff, so that it is not due when the new one is sent.
    const auto oldPending = add(whatsappOrder(QStringLiteral("P")));
    QVERIFY(oldDelivered && oldResolved && oldFailed && oldPending);
    QVERIFY(attempt(oldPending->id, NotificationState::Pending, 503, QStringLiteral("HTTP 503"),
                    m_clock.now().addMSecs(100 * kDayMs)));

    m_clock.advance(40 * kDayMs);
    const auto newDelivered =
            addInState(whatsappOrder(QStringLiteral("N")), NotificationState::Delivered);
    QVERIFY(newDelivered);

    const int removed = m_store->cleanup(m_clock.now().addMSecs(-30 * kDayMs));
    QCOMPARE(removed, 2);
    QVERIFY(!m_store->notification(oldDelivered->id, false));
    QVERIFY(!m_store->notification(oldResolved->id, false));
    QVERIFY(m_store->notification(oldFailed->id, false));
    QVERIFY(m_store->notification(oldPending->id, false));
    QVERIFY(m_store->notification(newDelivered->id, false));

    // Their attempt history went with them.
    QCOMPARE(m_stores.scalar(QStringLiteral("SELECT COUNT(*) FROM attempts WHERE notification_id "
                                            "IN ('%1','%2')")
                                     .arg(oldDelivered->id, oldResolved->id))
                     .toInt(),
             0);
    QCOMPARE(m_store->notification(oldFailed->id, true)->history.size(), 1);

    QCOMPARE(m_store->cleanup(m_clock.now().addMSecs(-30 * kDayMs)), 0);
}

void TstOutboxStore::cleanupCutoffIsStrict()
{
    const auto d = addInState(whatsappOrder(QStringLiteral("D")), NotificationState::Delivered);
    QVERIFY(d);
    const QDateTime finishedAt = d->updatedAt;
    QCOMPARE(m_store->cleanup(finishedAt), 0);
    QVERIFY(m_store->notification(d->id, false));
    QCOMPARE(m_store->cleanup(finishedAt.addMSecs(1)), 1);
    QVERIFY(!m_store->notification(d->id, false));
}

void TstOutboxStore::purgeFinishedKeepsWhatIsNotFinished()
{
    const auto oldDelivered =
            addInState(whatsappOrder(QStringLiteral("D")), NotificationState::Delivered);
    const auto oldResolved =
            addInState(whatsappOrder(QStringLiteral("R")), NotificationState::Resolved);
    const auto oldFailed =
            addInState(whatsappOrder(QStringLiteral("F")), NotificationState::Failed);
    const auto oldSending =
            addInState(whatsappOrder(QStringLiteral("S")), NotificationState::Sending);
    // Pending in a long backoff (a claim now would take it).
    const auto oldPending = add(whatsappOrder(QStringLiteral("P")));
    QVERIFY(oldDelivered && oldResolved && oldFailed && oldSending && oldPending);
    QVERIFY(m_store->claimDue(m_clock.now(), 10).size() == 1);
    AttemptRecord later;
    later.attempt = {1, m_clock.now(), m_clock.now(), QStringLiteral("retryable"), 503, {}};
    later.newState = NotificationState::Pending;
    later.nextAttemptAt = m_clock.now().addMSecs(100 * kDayMs);
    QVERIFY(m_store->completeAttempt(oldPending->id, later, m_clock.now()));
    // Created long ago, resolved only now: kept as long as a fresh one.
    const auto lateResolved =
            addInState(whatsappOrder(QStringLiteral("L")), NotificationState::Failed);
    QVERIFY(lateResolved);

    m_clock.advance(40 * kDayMs);
    QString error;
    QVERIFY(m_store->resolve(
            lateResolved->id,
            {ResolutionMethod::PhoneCall, QStringLiteral("maria"), {}, m_clock.now()},
            m_clock.now(), &error));
    const auto newDelivered =
            addInState(whatsappOrder(QStringLiteral("N")), NotificationState::Delivered);
    QVERIFY(newDelivered);

    QCOMPARE(m_store->purgeFinished(m_clock.now().addMSecs(-30 * kDayMs), 100), 2);
    QVERIFY(!m_store->notification(oldDelivered->id, false));
    QVERIFY(!m_store->notification(oldResolved->id, false));
    for (const auto &kept : {oldFailed, oldSending, oldPending, lateResolved, newDelivered})
        QVERIFY2(m_store->notification(kept->id, false), qPrintable(kept->orderId));
    QCOMPARE(m_stores.scalar(QStringLiteral("SELECT COUNT(*) FROM attempts WHERE notification_id "
                                            "IN ('%1','%2')")
                                     .arg(oldDelivered->id, oldResolved->id))
                     .toInt(),
             0);
    QCOMPARE(m_store->notification(oldFailed->id, true)->history.size(), 1);
    QCOMPARE(m_store->purgeFinished(m_clock.now().addMSecs(-30 * kDayMs), 100), 0);
}

void TstOutboxStore::purgeFinishedDeletesInBatches()
{
    for (int i = 0; i < 5; ++i) {
        QVERIFY(addInState(whatsappOrder(QStringLiteral("D-%1").arg(i)),
                           NotificationState::Delivered));
        m_clock.advance(1000);
    }
    const QDateTime cutoff = m_clock.now();
    QCOMPARE(m_store->purgeFinished(cutoff, 2), 2);
    QCOMPARE(m_store->notifications({}).items.size(), 3);
    QCOMPARE(m_store->purgeFinished(cutoff, 2), 2);
    QCOMPARE(m_store->purgeFinished(cutoff, 2), 1);
    QCOMPARE(m_store->purgeFinished(cutoff, 2), 0);
    QVERIFY(m_store->notifications({}).items.isEmpty());
}

void TstOutboxStore::statsCounts()
{
    const auto delivered =
            addInState(whatsappOrder(QStringLiteral("D")), NotificationState::Delivered);
    const auto failed = addInState(whatsappOrder(QStringLiteral("F")), NotificationState::Failed);
    const auto resolved =
            addInState(whatsappOrder(QStringLiteral("R")), NotificationState::Resolved);
    QVERIFY(delivered && failed && resolved);
    const QDateTime firstPending = m_clock.now();
    QVERIFY(add(whatsappOrder(QStringLiteral("P1"))));
    m_clock.advance(10000);
    QVERIFY(add(whatsappOrder(QStringLiteral("P2"))));
    m_clock.setNow(firstPending.addSecs(70));

    const QueueStats s = m_store->stats(m_clock.now());
    QCOMPARE(s.byState.value(NotificationState::Delivered), 1);
    QCOMPARE(s.byState.value(NotificationState::Failed), 1);
    QCOMPARE(s.byState.value(NotificationState::Pending), 2);
    QCOMPARE(s.byState.value(NotificationState::Resolved), 1);
    QCOMPARE(s.byState.value(NotificationState::Sending), 0);
    QCOMPARE(s.oldestPendingAgeSeconds, qint64(70));
    QCOMPARE(s.attemptsLastHour, 3); // delivered, failed, and the resolved one's failure
    QCOMPARE(s.deliveredLastHour, 1);
    QCOMPARE(s.failedLastHour, 1);

    // Two hours later nothing happened in the last hour.
    m_clock.setNow(firstPending.addSecs(7200));
    const QueueStats later = m_store->stats(m_clock.now());
    QCOMPARE(later.attemptsLastHour, 0);
    QCOMPARE(later.deliveredLastHour, 0);
    QCOMPARE(later.failedLastHour, 0);
    QCOMPARE(later.oldestPendingAgeSeconds, qint64(7200));
    QCOMPARE(later.byState.value(NotificationState::Pending), 2);
}

void TstOutboxStore::statsEmptyStore()
{
    const QueueStats s = m_store->stats(m_clock.now());
    QVERIFY(s.byState.isEmpty() || s.byState.value(NotificationState::Pending) == 0);
    QCOMPARE(s.oldestPendingAgeSeconds, qint64(-1));
    QCOMPARE(s.attemptsLastHour, 0);
    QCOMPARE(s.deliveredLastHour, 0);
    QCOMPARE(s.failedLastHour, 0);
    QCOMPARE(m_store->affectedOrders(), 0);
}

void TstOutboxStore::affectedOrdersCountsDistinctFailedOrders()
{
    const auto a1 = addInState(whatsappOrder(QStringLiteral("A")), NotificationState::Failed);
    const auto a2 = addInState(whatsappOrder(QStringLiteral("A"), QStringLiteral("second notice")),
                               NotificationState::Failed);
    const auto b = addInState(whatsappOrder(QStringLiteral("B")), NotificationState::Failed);
    QVERIFY(a1 && a2 && b);
    QVERIFY(addInState(whatsappOrder(QStringLiteral("C")), NotificationState::Delivered));
    QVERIFY(addInState(whatsappOrder(QStringLiteral("E")), NotificationState::Resolved));
    QVERIFY(addInState(whatsappOrder(QStringLiteral("D")), NotificationState::Pending));
    QCOMPARE(m_store->affectedOrders(), 2);

    QString error;
    QVERIFY(m_store->resolve(b->id, {ResolutionMethod::PhoneCall, QStringLiteral("maria"), {}, {}},
                             m_clock.now(), &error));
    QCOMPARE(m_store->affectedOrders(), 1);
    QVERIFY(m_store->resolve(a1->id, {ResolutionMethod::PhoneCall, QStringLiteral("maria"), {}, {}},
                             m_clock.now(), &error));
    QCOMPARE(m_store->affectedOrders(), 1); // order A still has a failed notification
    QVERIFY(m_store->requeue(a2->id, QStringLiteral("carlos"), m_clock.now(), &error));
    QCOMPARE(m_store->affectedOrders(), 0);
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
        requests << whatsappOrder(QStringLiteral("C-%1").arg(i));
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
                results[p] = store->outbox().enqueue(whatsappOrder(QStringLiteral("SAME")),
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
    m_incidents = nullptr;
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
    const auto n = a->outbox().enqueue(whatsappOrder(QStringLiteral("L")), {}, {}, 4, m_clock.now(),
                                       &error);
    QVERIFY2(n, qPrintable(error));
    const QDateTime claimedAt = m_clock.now();
    QCOMPARE(a->outbox().claimDue(claimedAt, 10).size(), 1);

    // Instance a dies mid-send. Until its lease lapses, its row is its own.
    QVERIFY(b->outbox().claimDue(claimedAt.addMSecs(30000 - 1), 10).isEmpty());
    // Lapsed leases are looked for at most once a second (a round trip
    // saved on every other claim): b takes the row within a second.
    const QList<Notification> taken = b->outbox().claimDue(claimedAt.addMSecs(31000 - 1), 10);
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
    const auto n = a->outbox().enqueue(whatsappOrder(QStringLiteral("R")), {}, {}, 4, m_clock.now(),
                                       &error);
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

void TstOutboxStore::aRenewedLeaseKeepsASlowLiveSend()
{
    if (!m_stores.sharedByInstances())
        QSKIP("an SQLite file belongs to one vigiad: no lease to renew");
    using namespace std::chrono_literals;
    QString error;
    const auto a = m_stores.open(&error, QStringLiteral("instance-a"), 30s);
    QVERIFY2(a, qPrintable(error));
    const auto b = m_stores.open(&error, QStringLiteral("instance-b"), 30s);
    QVERIFY2(b, qPrintable(error));
    auto *renewing = dynamic_cast<PostgresOutboxStore *>(&a->outbox());
    QVERIFY(renewing);
    const auto n = a->outbox().enqueue(whatsappOrder(QStringLiteral("S")), {}, {}, 4, m_clock.now(),
                                       &error);
    QVERIFY2(n, qPrintable(error));
    const QDateTime claimedAt = m_clock.now();
    QCOMPARE(a->outbox().claimDue(claimedAt, 10).size(), 1);

    // a lives and renews every lease / 3 while its send takes longer than a lease.
    QCOMPARE(renewing->renewLeases(claimedAt.addSecs(10)), 1);
    QCOMPARE(renewing->renewLeases(claimedAt.addSecs(20)), 1);
    QVERIFY(b->outbox().claimDue(claimedAt.addSecs(45), 10).isEmpty());
    QVERIFY(b->outbox().recoverLapsed(claimedAt.addSecs(45)).isEmpty());
    AttemptRecord record;
    record.attempt = {1, claimedAt, claimedAt.addSecs(46), QStringLiteral("delivered"), 201, {}};
    record.newState = NotificationState::Delivered;
    const auto done =
            a->outbox().completeAttempt(n->notification.id, record, claimedAt.addSecs(46));
    QVERIFY(done); // its answer counts: nobody took the send
    QCOMPARE(done->state, NotificationState::Delivered);
    QCOMPARE(done->attempts, 1);
}

void TstOutboxStore::aDeadInstancesSendsAreRecoveredAndToldOnce()
{
    if (!m_stores.sharedByInstances())
        QSKIP("an SQLite file belongs to one vigiad: recoverInterrupted() at its start-up");
    using namespace std::chrono_literals;
    QString error;
    const auto a = m_stores.open(&error, QStringLiteral("instance-a"), 30s);
    QVERIFY2(a, qPrintable(error));
    const auto b = m_stores.open(&error, QStringLiteral("instance-b"), 30s);
    QVERIFY2(b, qPrintable(error));
    const auto again = a->outbox().enqueue(whatsappOrder(QStringLiteral("AGAIN")), {}, {}, 4,
                                           m_clock.now(), &error);
    const auto last = a->outbox().enqueue(whatsappOrder(QStringLiteral("LAST")), {}, {}, 1,
                                          m_clock.now(), &error);
    QVERIFY2(again && last, qPrintable(error));
    const QDateTime claimedAt = m_clock.now();
    QCOMPARE(a->outbox().claimDue(claimedAt, 10).size(), 2);

    // a dies: nothing renews its leases. Before they lapse, b leaves them alone.
    QVERIFY(b->outbox().recoverLapsed(claimedAt.addSecs(29)).isEmpty());
    const QList<Notification> recovered = b->outbox().recoverLapsed(claimedAt.addSecs(30));
    QCOMPARE(recovered.size(), 2);
    for (const Notification &n : recovered) {
        if (n.id == again->notification.id) {
            QCOMPARE(n.state, NotificationState::Pending);
        } else {
            QCOMPARE(n.id, last->notification.id);
            QCOMPARE(n.state, NotificationState::Failed); // that was its last attempt
            QVERIFY2(n.lastError.contains(QStringLiteral("vigiad stopped")),
                     qPrintable(n.lastError));
        }
    }
    QVERIFY(b->outbox().recoverLapsed(claimedAt.addSecs(31)).isEmpty()); // told once

    // One that a claim finds lapsed first is told by the next recoverLapsed().
    const QDateTime reclaimedAt = claimedAt.addSecs(31);
    QCOMPARE(a->outbox().claimDue(reclaimedAt, 10).size(), 1);
    const QList<Notification> taken = b->outbox().claimDue(reclaimedAt.addSecs(30), 10);
    QCOMPARE(idsOf(taken), QStringList{again->notification.id});
    const QList<Notification> told = b->outbox().recoverLapsed(reclaimedAt.addSecs(30));
    QCOMPARE(idsOf(told), QStringList{again->notification.id});
    QCOMPARE(told.constFirst().state, NotificationState::Sending); // b's own attempt now
    QVERIFY(b->outbox().recoverLapsed(reclaimedAt.addSecs(30)).isEmpty());
}

// ---------------------------------------------------------------------------
// Tokens, audit and incidents

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

void TstOutboxStore::purgeAuditAndClosedIncidents()
{
    for (int i = 0; i < 3; ++i) {
        m_incidents->appendAudit({QString(),
                                  m_clock.now(),
                                  QStringLiteral("maria"),
                                  QStringLiteral("retry"),
                                  QString(),
                                  QStringLiteral("ok"),
                                  {}});
        m_clock.advance(kDayMs);
    }
    Incident closedOld{QStringLiteral("i-old"),
                       Incident::Kind::WebhookOnly,
                       Incident::Reached::Admin,
                       kStart,
                       kStart.addSecs(600),
                       {},
                       {}};
    Incident openOld{QStringLiteral("i-open"),
                     Incident::Kind::TotalCommunicationLoss,
                     Incident::Reached::None,
                     kStart.addSecs(60),
                     {},
                     {},
                     {}};
    Incident closedLate{QStringLiteral("i-late"),
                        Incident::Kind::WebhookOnly,
                        Incident::Reached::None,
                        kStart.addSecs(120),
                        kStart.addMSecs(3 * kDayMs),
                        {},
                        {}};
    QVERIFY(m_incidents->saveIncident(closedOld) && m_incidents->saveIncident(openOld)
            && m_incidents->saveIncident(closedLate));

    const QDateTime cutoff = kStart.addMSecs(kDayMs + 1);
    QCOMPARE(m_incidents->purgeAudit(cutoff, 1), 1);
    QCOMPARE(m_incidents->purgeAudit(cutoff, 10), 1);
    QCOMPARE(m_incidents->purgeAudit(cutoff, 10), 0);
    QCOMPARE(m_incidents->audit(10).size(), 1);
    QCOMPARE(m_incidents->purgeIncidents(cutoff, 10), 1);
    QStringList left;
    const QList<Incident> incidents = m_incidents->incidents(10);
    for (const Incident &i : incidents)
        left << i.id;
    left.sort();
    QCOMPARE(left, (QStringList{QStringLiteral("i-late"), QStringLiteral("i-open")}));
}

void TstOutboxStore::audit()
{
    QVERIFY(m_incidents->audit(10).isEmpty());
    const char *const actions[] = {"retry", "resolve", "cleanup"};
    for (const char *action : actions) {
        m_incidents->appendAudit({QString(), m_clock.now(), QStringLiteral("maria"),
                                  QLatin1String(action),
                                  QStringLiteral("n-%1").arg(QLatin1String(action)),
                                  QStringLiteral("ok"), QJsonObject{{QStringLiteral("count"), 3}}});
        m_clock.advance(1000);
    }
    m_incidents->appendAudit({QString(),
                              m_clock.now(),
                              QStringLiteral("admin"),
                              QStringLiteral("bot_restart"),
                              QString(),
                              QStringLiteral("failed"),
                              {}});

    const QList<AuditEntry> entries = m_incidents->audit(10);
    QCOMPARE(entries.size(), 4);
    QCOMPARE(entries[0].action, QStringLiteral("bot_restart"));
    QCOMPARE(entries[0].outcome, QStringLiteral("failed"));
    QVERIFY(entries[0].target.isEmpty());
    QCOMPARE(entries[1].action, QStringLiteral("cleanup"));
    QCOMPARE(entries[2].action, QStringLiteral("resolve"));
    QCOMPARE(entries[3].action, QStringLiteral("retry"));
    QCOMPARE(entries[3].actor, QStringLiteral("maria"));
    QCOMPARE(entries[3].target, QStringLiteral("n-retry"));
    QCOMPARE(entries[3].at, kStart);
    QCOMPARE(entries[3].detail.value(QStringLiteral("count")).toInt(), 3);
    for (qsizetype i = 1; i < entries.size(); ++i) {
        QVERIFY(entries[i - 1].id.toLongLong() > entries[i].id.toLongLong());
        QVERIFY(entries[i - 1].at > entries[i].at);
    }

    const QList<AuditEntry> two = m_incidents->audit(2);
    QCOMPARE(two.size(), 2);
    QCOMPARE(two[0].action, QStringLiteral("bot_restart"));
    QCOMPARE(two[1].action, QStringLiteral("cleanup"));
}

// ---------------------------------------------------------------------------
// History

namespace {
ChannelActivity activity(int enqueued, int delivered, int p50, int p95)
{
    ChannelActivity a;
    a.enqueued = enqueued;
    a.attempts = delivered + 1;
    a.delivered = delivered;
    a.retried = 1;
    a.latencyP50Ms = p50;
    a.latencyP95Ms = p95;
    return a;
}

HistoryBucket minuteAt(const QDateTime &at, const QString &channel, const ChannelActivity &a,
                       int waiting, StatusState state)
{
    HistoryBucket b;
    b.at = at;
    b.stepS = 60;
    b.channels.insert(channel, a);
    b.waiting = waiting;
    b.failedTotal = 1;
    b.state = state;
    return b;
}

void compareActivity(const ChannelActivity &actual, const ChannelActivity &expected)
{
    QCOMPARE(actual.enqueued, expected.enqueued);
    QCOMPARE(actual.attempts, expected.attempts);
    QCOMPARE(actual.delivered, expected.delivered);
    QCOMPARE(actual.retried, expected.retried);
    QCOMPARE(actual.latencyP50Ms, expected.latencyP50Ms);
    QCOMPARE(actual.latencyP95Ms, expected.latencyP95Ms);
}
} // namespace

void TstOutboxStore::historyMinutesAddUpAndRollUpIntoHours()
{
    HistoryStore &history = m_open->history();
    const QString whatsapp = QStringLiteral("whatsapp");
    // Two parts of 12:00 (two instances, or one restarted within it) add up;
    // the queue is the last part's.
    const ChannelActivity first = activity(2, 2, 100, 300);
    const ChannelActivity second = activity(1, 1, 400, 500);
    QVERIFY(history.saveHistoryMinute(minuteAt(kStart, whatsapp, first, 5, StatusState::Online)));
    QVERIFY(history.saveHistoryMinute(
            minuteAt(kStart, whatsapp, second, 2, StatusState::Degraded)));
    ChannelActivity both = first;
    both.merge(second);
    QVERIFY(history.saveHistoryMinute(minuteAt(kStart.addSecs(60), QStringLiteral("telegram"),
                                               activity(4, 4, 50, 60), 7, StatusState::Online)));

    const QList<HistoryBucket> minutes = history.history(kStart, kStart.addSecs(120), 60);
    QCOMPARE(minutes.size(), 2);
    QCOMPARE(minutes[0].at, kStart);
    QCOMPARE(minutes[0].stepS, 60);
    compareActivity(minutes[0].channels.value(whatsapp), both);
    QCOMPARE(minutes[0].waiting, 2);
    QCOMPARE(minutes[0].state, StatusState::Degraded);
    QCOMPARE(minutes[1].channels.value(QStringLiteral("telegram")).enqueued, 4);

    // One bucket of two minutes: the peak of waiting, the rest as its last minute left it.
    const QList<HistoryBucket> pair = history.history(kStart.addSecs(5), kStart.addSecs(120), 120);
    QCOMPARE(pair.size(), 1);
    QCOMPARE(pair[0].channels.size(), 2);
    QCOMPARE(pair[0].waiting, 7);
    QCOMPARE(pair[0].state, StatusState::Online);

    const QList<HistoryBucket> hours = history.hourlyHistory(kStart, kStart.addSecs(3600), 3600);
    QCOMPARE(hours.size(), 1);
    QCOMPARE(hours[0].stepS, 3600);
    compareActivity(hours[0].channels.value(whatsapp), both);
    QCOMPARE(hours[0].waiting, 7);
    QVERIFY(history.history(kStart.addSecs(3600), kStart.addSecs(7200), 60).isEmpty());
}

void TstOutboxStore::historyWeighsTheMedianByDeliveries()
{
    // Across minutes the p50 is the medians weighted by what each delivered,
    // in whole milliseconds, cut as an integer division: (100 + 2 * 201) / 3.
    HistoryStore &history = m_open->history();
    const QString channel = QStringLiteral("whatsapp");
    QVERIFY(history.saveHistoryMinute(
            minuteAt(kStart, channel, activity(1, 1, 100, 100), 0, StatusState::Online)));
    QVERIFY(history.saveHistoryMinute(minuteAt(kStart.addSecs(60), channel,
                                               activity(2, 2, 201, 900), 0, StatusState::Online)));
    const QList<HistoryBucket> both = history.history(kStart, kStart.addSecs(120), 120);
    QCOMPARE(both.size(), 1);
    QCOMPARE(both[0].channels.value(channel).latencyP50Ms, 167);
    QCOMPARE(both[0].channels.value(channel).latencyP95Ms, 900);
    const QList<HistoryBucket> hour = history.hourlyHistory(kStart, kStart.addSecs(3600), 3600);
    QCOMPARE(hour.size(), 1);
    QCOMPARE(hour[0].channels.value(channel).latencyP50Ms, 167);
}

void TstOutboxStore::statusPeriodsAndHistoryRetention()
{
    HistoryStore &history = m_open->history();
    const QDateTime day1 = kStart.addDays(1);
    const QDateTime day20 = kStart.addDays(20);
    QVERIFY(history.saveStatusChange(kStart, StatusState::Online, {}));
    QVERIFY(history.saveStatusChange(day1, StatusState::Offline, QStringLiteral("gateway_down")));
    QVERIFY(history.saveStatusChange(day20, StatusState::Online, {}));
    // The period under way at `from` comes first; each ends where the next starts.
    QList<StatusPeriod> periods = history.statusPeriods(kStart.addSecs(10), day20.addSecs(1));
    QCOMPARE(periods.size(), 3);
    QCOMPARE(periods[0].from, kStart);
    QCOMPARE(periods[0].to, day1);
    QCOMPARE(periods[1].reasonCode, QStringLiteral("gateway_down"));
    QCOMPARE(periods[1].to, day20);
    QVERIFY(!periods[2].to.isValid());

    const QString channel = QStringLiteral("whatsapp");
    QVERIFY(history.saveHistoryMinute(
            minuteAt(kStart, channel, activity(1, 1, 10, 10), 0, StatusState::Online)));
    QVERIFY(history.saveHistoryMinute(
            minuteAt(day20, channel, activity(1, 1, 10, 10), 0, StatusState::Online)));
    // Minutes and hours before day 14: one minute, its queue, its hour and
    // the hour's queue; the period under way at the cut stays.
    const QDateTime cut = kStart.addDays(14);
    QCOMPARE(history.purgeHistory(cut, cut, 100), 4);
    QCOMPARE(history.purgeHistory(cut, cut, 100), 0);
    QVERIFY(history.history(kStart, cut, 60).isEmpty());
    QCOMPARE(history.history(kStart, day20.addSecs(60), 60).size(), 1);
    periods = history.statusPeriods(kStart, day20.addSecs(1));
    QCOMPARE(periods.size(), 2);
    QCOMPARE(periods[0].from, day1);
}

// ---------------------------------------------------------------------------
// Sessions and conversations

namespace {
Session sessionOf(const QString &kind, const QString &key, const QString &where)
{
    Session s;
    s.kind = kind;
    s.key = key;
    s.userId = QStringLiteral("u-") + key;
    s.username = key;
    s.where = where;
    s.confirmed = true;
    s.entryNotified = true;
    s.data = QJsonObject{{QStringLiteral("plan"), QStringLiteral("gold")}};
    return s;
}

// A notice for every ended session and every move.
SessionNotices noticesForEach()
{
    SessionNotices notices;
    notices.forEnded = [](const Session &ended) -> std::optional<NotificationRequest> {
        return whatsappOrder(QStringLiteral("END-") + ended.key, QStringLiteral("bye"));
    };
    notices.forMoved = [](const Session &,
                          const Session &after) -> std::optional<NotificationRequest> {
        return whatsappOrder(QStringLiteral("MOVE-") + after.key, QStringLiteral("moved"));
    };
    notices.maxAttempts = 2;
    return notices;
}
} // namespace

void TstOutboxStore::upsertKeepsTheStartAndSaysWhetherItCreated()
{
    SessionStore &sessions = m_open->sessions();
    bool created = false;
    const auto first = sessions.upsertSession(
            sessionOf(QStringLiteral("gym"), QStringLiteral("ana"), QStringLiteral("room 1")),
            m_clock.now(), &created);
    QVERIFY(first);
    QVERIFY(created);
    QCOMPARE(first->startedAt, kStart);
    QCOMPARE(first->data.value(QStringLiteral("plan")).toString(), QStringLiteral("gold"));
    QVERIFY(first->confirmed && first->entryNotified);

    m_clock.advance(60000);
    const auto again = sessions.upsertSession(
            sessionOf(QStringLiteral("gym"), QStringLiteral("ana"), QStringLiteral("room 2")),
            m_clock.now(), &created);
    QVERIFY(again);
    QVERIFY(!created);
    QCOMPARE(again->startedAt, kStart); // the first PUT's
    QCOMPARE(again->lastSeenAt, m_clock.now());
    QCOMPARE(again->where, QStringLiteral("room 2"));
    QCOMPARE(sessions.sessions(QStringLiteral("gym")).size(), 1);
    QVERIFY(!sessions.session(QStringLiteral("gym"), QStringLiteral("luis")));
}

void TstOutboxStore::sessionsLastSeenBetweenReadOnlyTheirWindow()
{
    // Three sessions seen a minute apart, of two kinds; each window gives
    // the ones last seen inside it, from its start up to (not at) its end.
    SessionStore &sessions = m_open->sessions();
    bool created = false;
    const QStringList keys{QStringLiteral("ana"), QStringLiteral("bea"), QStringLiteral("cai")};
    for (const QString &key : keys) {
        QVERIFY(sessions.upsertSession(sessionOf(key == QLatin1String("bea")
                                                         ? QStringLiteral("voice")
                                                         : QStringLiteral("gym"),
                                                 key, QStringLiteral("room 1")),
                                       m_clock.now(), &created));
        m_clock.advance(60000);
    }
    const qint64 start = kStart.toMSecsSinceEpoch();
    const auto keysIn = [&](qint64 from, qint64 to) {
        QStringList found;
        for (const Session &s : sessions.sessionsLastSeenBetween(from, to))
            found << s.key;
        return found;
    };
    QCOMPARE(keysIn(std::numeric_limits<qint64>::min(), start + 120001), keys);
    QCOMPARE(keysIn(start, start + 60000), QStringList{QStringLiteral("ana")});
    QCOMPARE(keysIn(start + 1, start + 120000), QStringList{QStringLiteral("bea")});
    QCOMPARE(keysIn(start + 120001, start + 180000), QStringList());
    // Seen again, a session leaves its old window for a new one.
    QVERIFY(sessions.upsertSession(
            sessionOf(QStringLiteral("gym"), QStringLiteral("ana"), QStringLiteral("room 2")),
            m_clock.now(), &created));
    QCOMPARE(keysIn(start, start + 60000), QStringList());
    QCOMPARE(keysIn(start + 180000, start + 180001), QStringList{QStringLiteral("ana")});
}

void TstOutboxStore::endingASessionQueuesItsNoticeWithIt()
{
    SessionStore &sessions = m_open->sessions();
    bool created = false;
    QVERIFY(sessions.upsertSession(
            sessionOf(QStringLiteral("gym"), QStringLiteral("ana"), QStringLiteral("room 1")),
            m_clock.now(), &created));
    QString error;
    const auto ended = sessions.endSession(QStringLiteral("gym"), QStringLiteral("ana"),
                                           noticesForEach(), m_clock.now(), &error);
    QVERIFY2(ended, qPrintable(error));
    QCOMPARE(ended->session.key, QStringLiteral("ana"));
    QVERIFY(ended->notice);
    const auto queued = m_store->notification(ended->notice->id, false);
    QVERIFY(queued);
    QCOMPARE(queued->orderId, QStringLiteral("END-ana"));
    QCOMPARE(queued->maxAttempts, 2);
    QVERIFY(!sessions.session(QStringLiteral("gym"), QStringLiteral("ana")));
    // Ending it again: no session, no notice, no error.
    error.clear();
    QVERIFY(!sessions.endSession(QStringLiteral("gym"), QStringLiteral("ana"), noticesForEach(),
                                 m_clock.now(), &error));
    QVERIFY(error.isEmpty());
    QCOMPARE(count(), 1);
}

void TstOutboxStore::sessionPagesFollowTheKey()
{
    SessionStore &sessions = m_open->sessions();
    bool created = false;
    // Byte order, as SQLite compares: upper case before lower case.
    for (const QString &key : {QStringLiteral("bea"), QStringLiteral("Zoe"), QStringLiteral("ana"),
                               QStringLiteral("carl")})
        QVERIFY(sessions.upsertSession(sessionOf(QStringLiteral("gym"), key, {}), m_clock.now(),
                                       &created));
    QVERIFY(sessions.upsertSession(sessionOf(QStringLiteral("bar"), QStringLiteral("x"), {}),
                                   m_clock.now(), &created));
    QStringList keys;
    QString cursor;
    do {
        const auto page = sessions.sessionsPage(QStringLiteral("gym"), 3, cursor);
        QVERIFY(page);
        for (const Session &s : page->items)
            keys << s.key;
        cursor = page->nextCursor;
    } while (!cursor.isEmpty());
    QCOMPARE(keys,
             QStringList({QStringLiteral("Zoe"), QStringLiteral("ana"), QStringLiteral("bea"),
                          QStringLiteral("carl")}));
    const auto all = sessions.sessionsPage({}, 1, {});
    QVERIFY(all);
    QCOMPARE(all->items.constFirst().kind, QStringLiteral("bar"));
    const auto next = sessions.sessionsPage({}, 10, all->nextCursor);
    QVERIFY(next);
    QCOMPARE(next->items.size(), 4);
    QVERIFY(!sessions.sessionsPage(QStringLiteral("gym"), 3, QStringLiteral("not-a-cursor")));
    // A cursor of another kind is not this list's.
    QVERIFY(!sessions.sessionsPage(QStringLiteral("gym"), 3, all->nextCursor));
}

void TstOutboxStore::reconcileAppliesTheSnapshotWithItsNotices()
{
    SessionStore &sessions = m_open->sessions();
    bool created = false;
    for (const QString &key : {QStringLiteral("ana"), QStringLiteral("bea")})
        QVERIFY(sessions.upsertSession(
                sessionOf(QStringLiteral("gym"), key, QStringLiteral("room 1")), m_clock.now(),
                &created));
    m_clock.advance(1000);
    // bea moved, carl is new, ana is gone.
    const QList<PresentEntry> present{{QStringLiteral("bea"), QStringLiteral("u-bea"),
                                       QStringLiteral("bea"), QStringLiteral("room 2")},
                                      {QStringLiteral("carl"), QStringLiteral("u-carl"),
                                       QStringLiteral("carl"), QStringLiteral("room 1")}};
    QString error;
    const ReconcileResult result = sessions.reconcile(QStringLiteral("gym"), present,
                                                      noticesForEach(), m_clock.now(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(result.ended.size(), 1);
    QCOMPARE(result.ended.constFirst().key, QStringLiteral("ana"));
    QCOMPARE(result.created.size(), 1);
    QCOMPARE(result.created.constFirst().key, QStringLiteral("carl"));
    QCOMPARE(result.moved.size(), 1);
    QCOMPARE(result.notices.size(), 2); // ana's end, bea's move
    QCOMPARE(count(), 2);
    QVERIFY(!sessions.session(QStringLiteral("gym"), QStringLiteral("ana")));
    const auto bea = sessions.session(QStringLiteral("gym"), QStringLiteral("bea"));
    QVERIFY(bea);
    QCOMPARE(bea->where, QStringLiteral("room 2"));
    QCOMPARE(bea->lastSeenAt, m_clock.now());
    const auto carl = sessions.session(QStringLiteral("gym"), QStringLiteral("carl"));
    QVERIFY(carl);
    QVERIFY(!carl->confirmed);
}

void TstOutboxStore::conversationsExpire()
{
    SessionStore &sessions = m_open->sessions();
    Conversation c;
    c.user = QStringLiteral("ana");
    c.flow = QStringLiteral("tariff");
    c.step = QStringLiteral("price");
    c.data = QJsonObject{{QStringLiteral("price"), 10}};
    c.ttlSeconds = 60;
    const auto put = sessions.putConversation(c, m_clock.now());
    QVERIFY(put);
    QCOMPARE(put->expiresAt, kStart.addSecs(60));
    c.user = QStringLiteral("bea");
    c.ttlSeconds = 600;
    QVERIFY(sessions.putConversation(c, m_clock.now()));
    c.step = QStringLiteral("duration"); // the same key again replaces it
    QCOMPARE(sessions.putConversation(c, m_clock.now())->step, QStringLiteral("duration"));

    const auto page = sessions.conversationsPage(m_clock.now(), 1, {});
    QVERIFY(page);
    QCOMPARE(page->items.constFirst().user, QStringLiteral("ana"));
    const auto rest = sessions.conversationsPage(m_clock.now(), 1, page->nextCursor);
    QVERIFY(rest);
    QCOMPARE(rest->items.constFirst().user, QStringLiteral("bea"));
    QVERIFY(rest->nextCursor.isEmpty());

    m_clock.advance(61000);
    // Expired means gone, before the sweep too.
    QVERIFY(!sessions.conversation(QStringLiteral("ana"), QStringLiteral("tariff"), m_clock.now()));
    QCOMPARE(sessions.conversations(m_clock.now()).size(), 1);
    const QList<Conversation> expired = sessions.expireConversations(m_clock.now());
    QCOMPARE(expired.size(), 1);
    QCOMPARE(expired.constFirst().user, QStringLiteral("ana"));
    QVERIFY(sessions.expireConversations(m_clock.now()).isEmpty());
    QVERIFY(sessions.deleteConversation(QStringLiteral("bea"), QStringLiteral("tariff")));
    QVERIFY(!sessions.deleteConversation(QStringLiteral("bea"), QStringLiteral("tariff")));
    QVERIFY(sessions.putConversation(c, m_clock.now()));
    QCOMPARE(sessions.clearConversations(QStringLiteral("tariff")).size(), 1);
    QVERIFY(sessions.conversations(m_clock.now()).isEmpty());
}

QTEST_GUILESS_MAIN(TstOutboxStore)
#include "tst_outboxstore.moc"

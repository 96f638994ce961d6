// What several vigiad instances on one PostgreSQL database (the ctest
// fixture `postgres`) share beyond the store: the live journal's connection
// comes back after the server dropped it, and no event is missed meanwhile;
// the leader's status hears the bot's heartbeats whichever instance got them
// and the outcomes of every instance's sends; followers hold what it holds.

#include "DeliveryDispatcher.h"
#include "InstanceGroup.h"
#include "LiveJournal.h"
#include "OutageSupervisor.h"
#include "Outbox.h"
#include "PostgresJournal.h"
#include "PostgresStore.h"
#include "ServiceFixture.h"
#include "StatusTracker.h"
#include "TestStores.h"
#include "TestSupport.h"
#include "VigiaService.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Vigia;
using namespace Qt::StringLiterals;
using Vigia::TestSupport::ServiceFixture;
using Vigia::TestSupport::TestStores;

namespace {
const QDateTime kStart(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
constexpr int kPollMs = 50;
} // namespace

class TstInstanceGroup final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void liveJournalReconnectsAndCatchesUp();
    void heartbeatOnAFollowerCountsOnTheLeader();
    void followerHoldsWhatTheLeaderHolds();
    void leaderJudgesEveryInstancesSends();
    void leadersSupervisorActsOnAFollowersFailure();
    void aSendInterruptedByAStopIsNoOutcome();

private:
    // Two vigiad instances on this test's database: the first leads.
    void startPair(ServiceFixture &leader, ServiceFixture &follower);

    // Terminates the backends of this database that `where` picks, from a
    // connection of its own, as a restart of the server would; how many.
    int terminateBackends(const QString &where);

    TestStores m_stores;
};

void TstInstanceGroup::initTestCase()
{
    TestSupport::enterTestMode();
    QVERIFY2(m_stores.backend() == TestStores::Backend::Postgres,
             "run with VIGIA_TEST_STORE=postgres (ctest does)");
    QString error;
    QVERIFY2(m_stores.setUp(&error), qPrintable(error));
}

void TstInstanceGroup::init()
{
    QString error;
    QVERIFY2(m_stores.reset(&error), qPrintable(error));
}

int TstInstanceGroup::terminateBackends(const QString &where)
{
    return m_stores
            .scalar(QStringLiteral("SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid))"
                                   " FROM pg_stat_activity WHERE datname = current_database()"
                                   " AND pid <> pg_backend_pid() AND ")
                    + where)
            .toInt();
}

void TstInstanceGroup::liveJournalReconnectsAndCatchesUp()
{
    SystemClock clock;
    PostgresStore store(m_stores.postgresUrl(), QStringLiteral("listener"));
    QString error;
    QVERIFY2(store.open(&error), qPrintable(error));
    LiveJournal journal(1000, 1 << 20, 1);
    Outbox outbox(&store, &journal, &clock, 4);
    InstanceGroup group(m_stores.postgresUrl(), &store, &journal, &outbox, &clock);
    QVERIFY2(group.open(100, &error), qPrintable(error));
    group.start(kPollMs, 3000);
    QSignalSpy ingested(&journal, &LiveJournal::published);
    QSignalSpy reconnected(&group, &InstanceGroup::journalReconnected);

    // Another instance's events reach this one.
    PostgresJournal other(m_stores.postgresUrl());
    QVERIFY2(other.open(&error), qPrintable(error));
    const auto before = other.append(QStringLiteral("audit"), "{\"n\":1}", kStart, &error);
    QVERIFY2(before, qPrintable(error));
    QTRY_COMPARE(journal.currentSeq(), *before);

    // The server drops the connection that listens (a restart does so to every
    // connection; the other instance's reconnects on its own, as a new one here).
    const QString listening =
            QStringLiteral("application_name = '%1'").arg(PostgresJournal::applicationName());
    QCOMPARE(terminateBackends(listening), 2); // this instance's and the other's
    PostgresJournal writer(m_stores.postgresUrl());
    QVERIFY2(writer.open(&error), qPrintable(error));
    // Written while nobody here listens: read from the last seq taken.
    const auto during = writer.append(QStringLiteral("audit"), "{\"n\":2}", kStart, &error);
    QVERIFY2(during, qPrintable(error));
    QVERIFY(reconnected.wait(10000));
    QTRY_COMPARE(journal.currentSeq(), *during);

    // Listening again: a new event is announced and taken at once.
    const auto after = writer.append(QStringLiteral("audit"), "{\"n\":3}", kStart, &error);
    QVERIFY2(after, qPrintable(error));
    QTRY_COMPARE(journal.currentSeq(), *after);
    QList<qint64> seqs;
    for (const QList<QVariant> &signal : std::as_const(ingested))
        seqs << signal.at(0).value<LiveEvent>().seq;
    QCOMPARE(seqs, (QList<qint64>{*before, *during, *after})); // none missed, none twice
    // This instance's own events are shared again too (at the end of the
    // event loop's turn), and come back with the next seq.
    journal.publish(LiveEventType::Audit, QJsonObject{{QStringLiteral("n"), 4}});
    QTRY_COMPARE(journal.currentSeq(), *after + 1);
    const auto shared = writer.since(*after, 10);
    QCOMPARE(shared.size(), 1);
    QCOMPARE(shared.constFirst().wire, QByteArrayLiteral("{\"n\":4}"));
}

void TstInstanceGroup::startPair(ServiceFixture &leader, ServiceFixture &follower)
{
    const auto onPostgres = [this](const QString &instance) {
        return [this, instance](ServiceConfig &config) {
            config.postgresUrl = m_stores.postgresUrl();
            config.instanceId = instance;
            config.leaderPollMs = kPollMs;
            config.leaseMs = 3000;
            config.maxAttempts = 1;
            config.delivery.ackTimeoutMs = 0; // the double sends no acks
        };
    };
    QVERIFY(leader.start(onPostgres(QStringLiteral("leader"))));
    QVERIFY(leader.service()->leads()); // it polled at start, alone
    follower.shareTokensWith(leader);
    QVERIFY(follower.start(onPostgres(QStringLiteral("follower"))));
    QVERIFY(!follower.service()->leads());
}

void TstInstanceGroup::heartbeatOnAFollowerCountsOnTheLeader()
{
    ServiceFixture leader;
    ServiceFixture follower;
    startPair(leader, follower);
    if (QTest::currentTestFailed())
        return;
    StatusTracker *status = leader.service()->statusTracker();
    QVERIFY(!status->status().bot.known);

    // The proxy sent the bot to the follower.
    QCOMPARE(follower.http()
                     .post(QStringLiteral("/v1/heartbeat"), follower.token(Role::Bot), {})
                     .status,
             200);
    const QDateTime received = follower.service()->statusTracker()->status().bot.lastSuccess;
    QVERIFY(received.isValid());
    QTRY_VERIFY(status->status().bot.known);
    QCOMPARE(status->status().bot.lastSuccess, received);
    QVERIFY(!status->status().bot.failing);

    // An older one, stored late by another instance, does not move it back.
    PostgresStore other(m_stores.postgresUrl(), QStringLiteral("late"));
    QString error;
    QVERIFY2(other.open(&error), qPrintable(error));
    QVERIFY(other.saveHeartbeat(received.addSecs(-60)));
    QCOMPARE(other.lastHeartbeat(), received);
}

void TstInstanceGroup::followerHoldsWhatTheLeaderHolds()
{
    ServiceFixture leader;
    ServiceFixture follower;
    startPair(leader, follower);
    if (QTest::currentTestFailed())
        return;
    DeliveryDispatcher *held = follower.service()->dispatcher();
    QVERIFY(!held->isHeld());

    // WhatsApp's session stops, as both instances' WAHA sees it; only the
    // leader probes it, and its supervisor holds the channel.
    for (ServiceFixture *instance : {&leader, &follower})
        instance->waha()->setSessionStatus(QStringLiteral("STOPPED"));
    QCOMPARE(leader.http()
                     .post(QStringLiteral("/v1/notifications"), leader.token(Role::Bot),
                           TestSupport::whatsappBody(QStringLiteral("H1")))
                     .status,
             201);
    QTRY_VERIFY_WITH_TIMEOUT(leader.service()->dispatcher()->isHeld(Channel::WhatsApp), 15000);
    QTRY_VERIFY(held->isHeld(Channel::WhatsApp));
    QVERIFY(!held->isHeld(Channel::Discord)); // the leader's choice, not everything

    // Only the leader tries the held gateway: while it sends two trials
    // (one each heldTrialIntervalMs) of the orders waiting, the follower
    // sends none.
    QSignalSpy leaderTrials(leader.waha(), &GatewayDouble::requestReceived);
    QSignalSpy followerTrials(follower.waha(), &GatewayDouble::requestReceived);
    for (const QString &order : {u"H2"_s, u"H3"_s, u"H4"_s}) {
        QCOMPARE(follower.http()
                         .post(QStringLiteral("/v1/notifications"), follower.token(Role::Bot),
                               TestSupport::whatsappBody(order))
                         .status,
                 201);
    }
    QTRY_VERIFY_WITH_TIMEOUT(leaderTrials.size() >= 2, 10000);
    QCOMPARE(followerTrials.size(), 0);

    // A follower that joins during the outage holds it from the saved status.
    ServiceFixture late;
    late.shareTokensWith(leader);
    QVERIFY(late.start([this](ServiceConfig &config) {
        config.postgresUrl = m_stores.postgresUrl();
        config.instanceId = QStringLiteral("late");
        config.leaderPollMs = kPollMs;
    }));
    QVERIFY(late.service()->dispatcher()->isHeld(Channel::WhatsApp));

    // The gateway is back: the leader releases it, and so do the followers.
    for (ServiceFixture *instance : {&leader, &follower, &late})
        instance->waha()->setSessionStatus(QStringLiteral("WORKING"));
    QTRY_VERIFY_WITH_TIMEOUT(!leader.service()->dispatcher()->isHeld(), 15000);
    QTRY_VERIFY(!held->isHeld());
    QTRY_VERIFY(!late.service()->dispatcher()->isHeld());
}

void TstInstanceGroup::leaderJudgesEveryInstancesSends()
{
    ServiceFixture leader;
    ServiceFixture follower;
    startPair(leader, follower);
    if (QTest::currentTestFailed())
        return;
    // Only the follower sends, through a gateway that fails.
    leader.service()->dispatcher()->stop();
    follower.waha()->setMode(GatewayDouble::Mode::ServerError);
    const auto deliveries = [](const ServiceFixture &instance) {
        return instance.service()->statusTracker()->status().deliveries;
    };
    QVERIFY(!deliveries(leader).known);

    const TestSupport::HttpReply failing =
            follower.http().post(QStringLiteral("/v1/notifications"), follower.token(Role::Bot),
                                 TestSupport::whatsappBody(QStringLiteral("D1")));
    QCOMPARE(failing.status, 201);
    QTRY_COMPARE(deliveries(leader).consecutiveFailures, 1);
    QVERIFY(deliveries(leader).known);
    QVERIFY(!deliveries(leader).lastError.isEmpty());
    // The follower counts its own send once: from its dispatcher, not again
    // when its event comes back through the shared journal (a later event
    // read back there means that one was too).
    // (Shared at the end of the event loop's turn: its seq is the one the
    // leader's journal reaches when the event comes back.)
    const qint64 before = leader.service()->journal()->currentSeq();
    leader.service()->journal()->publish(LiveEventType::Audit,
                                         QJsonObject{{QStringLiteral("marker"), true}});
    QTRY_VERIFY(leader.service()->journal()->currentSeq() > before);
    const qint64 marker = leader.service()->journal()->currentSeq();
    QTRY_VERIFY(follower.service()->journal()->currentSeq() >= marker);
    QCOMPARE(deliveries(follower).consecutiveFailures, 1);
    QCOMPARE(deliveries(leader).consecutiveFailures, 1);

    // A send of the follower that gets through clears the leader's failures.
    follower.waha()->setMode(GatewayDouble::Mode::Accept);
    QCOMPARE(follower.http()
                     .post(QStringLiteral("/v1/notifications"), follower.token(Role::Bot),
                           TestSupport::whatsappBody(QStringLiteral("D2")))
                     .status,
             201);
    QTRY_VERIFY(deliveries(leader).lastSuccess.isValid());
    QCOMPARE(deliveries(leader).consecutiveFailures, 0);
    QVERIFY(!deliveries(leader).failing);
}

void TstInstanceGroup::leadersSupervisorActsOnAFollowersFailure()
{
    ServiceFixture leader;
    ServiceFixture follower;
    startPair(leader, follower);
    if (QTest::currentTestFailed())
        return;
    // Only the follower sends, and its gateway fails; the leader's works.
    leader.service()->dispatcher()->stop();
    follower.waha()->setMode(GatewayDouble::Mode::ServerError);
    QSignalSpy leaderSends(leader.waha(), &GatewayDouble::requestReceived);

    const TestSupport::HttpReply failing =
            follower.http().post(QStringLiteral("/v1/notifications"), follower.token(Role::Bot),
                                 TestSupport::whatsappBody(QStringLiteral("F1")));
    QCOMPARE(failing.status, 201);
    const QString id = failing.json.value(u"id").toString();
    QVERIFY(!id.isEmpty());
    // Its one attempt used up on the path: the leader's supervisor, which
    // sent nothing itself, diagnoses it (the customer, through the leader's
    // own gateway) and records the incident with it (closed at once here:
    // one failure leaves the status online).
    const auto recorded = [&leader, &id] {
        const QList<Incident> incidents = leader.service()->store()->incidents(10);
        return std::any_of(incidents.cbegin(), incidents.cend(),
                           [&id](const Incident &i) { return i.notificationIds.contains(id); });
    };
    QTRY_VERIFY_WITH_TIMEOUT(recorded(), 10000);
    QVERIFY(!leaderSends.isEmpty());
}

void TstInstanceGroup::aSendInterruptedByAStopIsNoOutcome()
{
    ServiceFixture leader;
    ServiceFixture follower;
    startPair(leader, follower);
    if (QTest::currentTestFailed())
        return;
    InstanceGroup *group = leader.service()->instances();
    StatusTracker *status = leader.service()->statusTracker();
    // Another instance's events, as the shared journal brings them.
    Notification n;
    n.id = QStringLiteral("n-1");
    n.recipient = QStringLiteral("+584241234567");
    n.type = QStringLiteral("order_ready");
    n.text = QStringLiteral("ready");
    n.maxAttempts = 4;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto share = [group](const Notification &event) {
        Q_EMIT group->foreignEvent(LiveEventType::Notification,
                                   QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact));
    };
    n.state = NotificationState::Sending;
    n.attempts = 1;
    n.createdAt = n.updatedAt = now;
    share(n);
    // Its instance was killed: another one put it back, due at once.
    n.state = NotificationState::Pending;
    n.nextAttemptAt = n.updatedAt = now.addSecs(30);
    share(n);
    QVERIFY(!status->status().deliveries.known);

    // The next attempt failed: a retry is scheduled, and that counts.
    n.state = NotificationState::Sending;
    n.attempts = 2;
    n.nextAttemptAt = QDateTime();
    share(n);
    n.state = NotificationState::Pending;
    n.lastError = QStringLiteral("HTTP 502");
    n.updatedAt = now.addSecs(31);
    n.nextAttemptAt = n.updatedAt.addSecs(2);
    share(n);
    QCOMPARE(status->status().deliveries.consecutiveFailures, 1);
    QCOMPARE(status->status().deliveries.lastError, QStringLiteral("HTTP 502"));
}

QTEST_GUILESS_MAIN(TstInstanceGroup)
#include "tst_instancegroup.moc"

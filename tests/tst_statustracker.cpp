// StatusTracker on its own: signals in, status out, time moved by a ManualClock.
#include "Clock.h"
#include "SqliteStore.h"
#include "StatusTracker.h"
#include "StoreConnectionThread.h"
#include "TestSupport.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Vigia;

namespace {

const QDateTime Start = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00Z"), Qt::ISODate);

DeliveryResult delivered()
{
    DeliveryResult r;
    r.outcome = DeliveryResult::Outcome::Delivered;
    r.httpStatus = 201;
    r.providerMessageId = QStringLiteral("true_584241234567@c.us_ABC");
    return r;
}

DeliveryResult retryable(const QString &detail = QStringLiteral("WAHA answered 503"))
{
    DeliveryResult r;
    r.outcome = DeliveryResult::Outcome::Retryable;
    r.httpStatus = 503;
    r.detail = detail;
    return r;
}

DeliveryResult permanent()
{
    DeliveryResult r;
    r.outcome = DeliveryResult::Outcome::Permanent;
    r.httpStatus = 400;
    r.detail = QStringLiteral("chatId must look like <number>@c.us");
    return r;
}

ProbeResult probePass()
{
    ProbeResult r;
    r.passed = true;
    r.status = QStringLiteral("WORKING");
    r.latencyMs = 3;
    r.source = QStringLiteral("probe");
    return r;
}

ProbeResult probeFail(const QString &status = QStringLiteral("SCAN_QR_CODE"))
{
    ProbeResult r;
    r.passed = false;
    r.status = status;
    r.error = QStringLiteral("WhatsApp session is %1, not WORKING").arg(status);
    r.latencyMs = 3;
    r.source = QStringLiteral("probe");
    return r;
}

Incident incident(Incident::Kind kind, Incident::Reached reached)
{
    Incident i;
    i.id = QStringLiteral("inc-1");
    i.kind = kind;
    i.reached = reached;
    i.startedAt = Start;
    return i;
}

StatusState lastEmittedState(const QSignalSpy &spy)
{
    return spy.constLast().constFirst().value<CommunicationStatus>().state;
}

} // namespace

class TstStatusTracker final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<QTemporaryDir> m_storeDir;
    std::unique_ptr<SqliteStore> m_store; // openStore()
    std::unique_ptr<StoreConnectionThread> m_counter; // openCountThread()

    // The rules alone, without the settle time (tested on its own below).
    static StatusPolicy immediate()
    {
        StatusPolicy policy;
        policy.settleS = 0;
        return policy;
    }
    std::unique_ptr<StatusTracker> tracker(const StatusPolicy &policy = immediate(),
                                           Store *store = nullptr)
    {
        return std::make_unique<StatusTracker>(policy, m_clock.get(), store);
    }
    // A tracker whose health check and deliveries both passed once.
    std::unique_ptr<StatusTracker> onlineTracker(const StatusPolicy &policy, Store *store = nullptr)
    {
        auto t = tracker(policy, store);
        t->recordProbe(probePass());
        goOnline(*t);
        return t;
    }
    // Brings a tracker to online through one successful delivery.
    static void goOnline(StatusTracker &t) { t.recordDelivery(delivered()); }

    // A store of the test's own in a temporary directory, for the tests that
    // count what waits; null (with a warning) when it does not open.
    SqliteStore *openStore()
    {
        m_storeDir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<SqliteStore>(m_storeDir->filePath(QStringLiteral("vigia.db")));
        QString error;
        if (!m_storeDir->isValid() || !m_store->open(&error)) {
            qWarning("cannot open the store: %ls", qUtf16Printable(error));
            return nullptr;
        }
        return m_store.get();
    }
    // A count thread on openStore()'s store, as vigiad has on SQLite.
    StoreConnectionThread *openCountThread()
    {
        QString error;
        m_counter = StoreConnectionThread::open(*m_store, QStringLiteral("counts"), &error);
        if (!m_counter)
            qWarning("cannot open the count thread: %ls", qUtf16Printable(error));
        return m_counter.get();
    }
    // An online tracker over openStore()'s store that counts every time on a
    // count thread when asked (as vigiad does when a count takes long);
    // null, with a warning, when either does not open.
    std::unique_ptr<StatusTracker> trackerCountingOnAThread(bool onCountThread = true)
    {
        if (!openStore() || !openCountThread())
            return nullptr;
        auto t = onlineTracker(immediate(), m_store.get());
        if (onCountThread)
            t->setCountThread(m_counter.get(), 0);
        return t;
    }

private Q_SLOTS:
    void initTestCase()
    {
        TestSupport::enterTestMode();
        qRegisterMetaType<Vigia::CommunicationStatus>();
    }

    void init() { m_clock = std::make_unique<ManualClock>(Start); }
    void cleanup()
    {
        m_counter.reset();
        m_store.reset();
        m_storeDir.reset();
    }

    void unknownWithoutAnySignal()
    {
        auto t = tracker();
        QSignalSpy changed(t.get(), &StatusTracker::changed);
        QCOMPARE(t->status().state, StatusState::Unknown);
        QCOMPARE(t->status().since, Start);
        QVERIFY(!t->status().reason.isEmpty());
        QVERIFY(!t->status().healthcheck.known);
        QVERIFY(!t->status().deliveries.known);
        QVERIFY(!t->status().bot.known);

        // Time alone is no signal.
        m_clock->advance(qint64(3600) * 1000);
        t->evaluate();
        QCOMPARE(t->status().state, StatusState::Unknown);
        QCOMPARE(changed.count(), 0);
    }

    // Outcomes stored together reach the tracker one by one, later: a
    // failure counts from when it was stored, so the outage supervisor's
    // replay (failures stored since failingSince()) includes every one.
    void aFailureCountsFromWhenItWasStored()
    {
        auto t = onlineTracker({});
        const QDateTime stored = m_clock->now();
        m_clock->advance(40);
        t->recordDelivery(retryable(), stored);
        t->recordDelivery(retryable(), stored);
        QCOMPARE(t->failingSince(), stored);
        QCOMPARE(t->status().deliveries.lastFailure, stored);
        // A time after the tracker's own now is not believed.
        auto later = onlineTracker({});
        later->recordDelivery(retryable(), m_clock->now().addSecs(60));
        QCOMPARE(later->failingSince(), m_clock->now());
    }

    void onlineAfterADelivery()
    {
        auto t = tracker();
        QSignalSpy changed(t.get(), &StatusTracker::changed);
        m_clock->advance(1000);
        t->recordDelivery(delivered());
        QCOMPARE(t->status().state, StatusState::Online);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(lastEmittedState(changed), StatusState::Online);
        QVERIFY(t->status().deliveries.known);
        QVERIFY(!t->status().deliveries.failing);
        QCOMPARE(t->status().deliveries.lastSuccess, Start.addSecs(1));
        QCOMPARE(t->status().lastCommunication, Start.addSecs(1));
        QVERIFY(t->status().confidence > 0.0);
    }

    // [waha] enabled = false: the status says WhatsApp is off, so the
    // console can say so instead of an eternal "unknown" health check.
    void withoutWhatsAppTheStatusSaysSo()
    {
        auto t = tracker();
        QVERIFY(t->status().whatsappEnabled);
        QCOMPARE(t->status().toJson().value(QStringLiteral("whatsapp_enabled")).toBool(false),
                 true);
        t->forgetHealthcheck();
        m_clock->advance(1000);
        t->recordDelivery(delivered());
        QCOMPARE(t->status().state, StatusState::Online);
        QVERIFY(!t->status().whatsappEnabled);
        QCOMPARE(t->status().toJson().value(QStringLiteral("whatsapp_enabled")).toBool(true),
                 false);
    }

    void permanentFailureChangesNothing()
    {
        auto t = tracker();
        // Before any success a wrong number says nothing about the gateway either.
        for (int i = 0; i < 5; ++i)
            t->recordDelivery(permanent());
        QCOMPARE(t->status().state, StatusState::Unknown);

        goOnline(*t);
        QSignalSpy changed(t.get(), &StatusTracker::changed);
        const CommunicationStatus before = t->status();
        for (int i = 0; i < 5; ++i) {
            m_clock->advance(1000);
            t->recordDelivery(permanent());
        }
        QCOMPARE(t->status().state, StatusState::Online);
        QCOMPARE(t->status().deliveries.consecutiveFailures, 0);
        QVERIFY(!t->status().deliveries.failing);
        QVERIFY(!t->status().deliveries.lastFailure.isValid());
        QCOMPARE(t->status().since, before.since);
        QCOMPARE(changed.count(), 0);
    }

    void retryableFailuresWithinTheWindow_data()
    {
        QTest::addColumn<int>("failureCount");
        QTest::addColumn<int>("failures");
        QTest::addColumn<StatusState>("expected");
        QTest::newRow("default N, one fewer") << 3 << 2 << StatusState::Online;
        QTest::newRow("default N reached") << 3 << 3 << StatusState::Incommunicado;
        QTest::newRow("default N exceeded") << 3 << 6 << StatusState::Incommunicado;
        QTest::newRow("N=5, four") << 5 << 4 << StatusState::Online;
        QTest::newRow("N=5, five") << 5 << 5 << StatusState::Incommunicado;
        QTest::newRow("N=1, one") << 1 << 1 << StatusState::Incommunicado;
    }

    void retryableFailuresWithinTheWindow()
    {
        QFETCH(int, failureCount);
        QFETCH(int, failures);
        QFETCH(StatusState, expected);
        StatusPolicy policy = immediate();
        policy.failureCount = failureCount;
        auto t = tracker(policy);
        goOnline(*t);
        for (int i = 0; i < failures; ++i) {
            m_clock->advance(qint64(10) * 1000);
            t->recordDelivery(retryable(QStringLiteral("WAHA answered 503 (#%1)").arg(i + 1)));
        }
        QCOMPARE(t->status().state, expected);
        QCOMPARE(t->status().deliveries.consecutiveFailures, failures);
        QCOMPARE(t->deliveriesFailing(), expected == StatusState::Incommunicado);
        QCOMPARE(t->status().deliveries.lastFailure, m_clock->now());
        QCOMPARE(t->status().deliveries.lastError,
                 QStringLiteral("WAHA answered 503 (#%1)").arg(failures));
        if (expected == StatusState::Incommunicado) {
            QVERIFY2(t->status().reason.contains(QString::number(failures)),
                     qPrintable(t->status().reason));
            QCOMPARE(t->status().since, m_clock->now().addSecs(-10LL * (failures - failureCount)));
        }
    }

    void aSuccessClearsTheFailureCount()
    {
        auto t = tracker();
        goOnline(*t);
        t->recordDelivery(retryable());
        t->recordDelivery(retryable());
        QCOMPARE(t->status().deliveries.consecutiveFailures, 2);
        m_clock->advance(1000);
        t->recordDelivery(delivered());
        QCOMPARE(t->status().deliveries.consecutiveFailures, 0);
        // Four failures inside the window, but only two since the success.
        t->recordDelivery(retryable());
        t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Online);
        QCOMPARE(t->status().deliveries.consecutiveFailures, 2);
        t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Incommunicado);
    }

    void failuresOlderThanTheWindowDropOut()
    {
        StatusPolicy policy = immediate();
        policy.failureWindowS = 300;
        auto t = tracker(policy);
        goOnline(*t);
        const QDateTime first = m_clock->now();
        for (int i = 0; i < 3; ++i) {
            t->recordDelivery(retryable());
            m_clock->advance(1000);
        }
        QCOMPARE(t->status().state, StatusState::Incommunicado);

        // Exactly window-old still counts ...
        m_clock->setNow(first.addSecs(300));
        t->evaluate();
        QCOMPARE(t->status().state, StatusState::Incommunicado);
        QCOMPARE(t->status().deliveries.consecutiveFailures, 3);

        // ... one second more and the first failure is out of the window.
        QSignalSpy changed(t.get(), &StatusTracker::changed);
        m_clock->setNow(first.addSecs(301));
        t->evaluate();
        QCOMPARE(t->status().state, StatusState::Online);
        QCOMPARE(t->status().deliveries.consecutiveFailures, 2);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(t->status().since, first.addSecs(301));

        // A fresh failure now joins only the two still inside the window.
        t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Incommunicado);

        // Long after, everything has dropped out.
        m_clock->advance(qint64(3600) * 1000);
        t->evaluate();
        QCOMPARE(t->status().state, StatusState::Online);
        QCOMPARE(t->status().deliveries.consecutiveFailures, 0);
    }

    void healthProbeThreshold_data()
    {
        QTest::addColumn<int>("threshold");
        QTest::newRow("default 2") << 2;
        QTest::newRow("3") << 3;
    }

    void healthProbeThreshold()
    {
        QFETCH(int, threshold);
        StatusPolicy policy = immediate();
        policy.probeFailureThreshold = threshold;
        auto t = tracker(policy);
        t->recordProbe(probePass());
        goOnline(*t);
        QCOMPARE(t->status().state, StatusState::Online);

        for (int i = 1; i < threshold; ++i) {
            m_clock->advance(1000);
            t->recordProbe(probeFail());
            QCOMPARE(t->status().state, StatusState::Online);
            QCOMPARE(t->status().healthcheck.consecutiveFailures, i);
            QVERIFY(!t->healthFailing());
        }
        m_clock->advance(1000);
        t->recordProbe(probeFail(QStringLiteral("STOPPED")));
        QCOMPARE(t->status().state, StatusState::Degraded);
        QVERIFY(t->healthFailing());
        QVERIFY(!t->deliveriesFailing());
        QCOMPARE(t->status().healthcheck.consecutiveFailures, threshold);
        QCOMPARE(t->status().healthcheck.lastFailure, m_clock->now());
        QVERIFY2(t->status().reason.contains(QLatin1String("STOPPED")),
                 qPrintable(t->status().reason));

        // One success clears it.
        t->recordProbe(probePass());
        QCOMPARE(t->status().state, StatusState::Online);
        QCOMPARE(t->status().healthcheck.consecutiveFailures, 0);
    }

    void healthFailingOnlyWithoutDeliveriesIsDegraded()
    {
        auto t = tracker();
        t->recordProbe(probeFail());
        QVERIFY(!t->healthFailing()); // below the threshold
        QVERIFY(t->status().state != StatusState::Degraded);
        t->recordProbe(probeFail());
        QCOMPARE(t->status().state, StatusState::Degraded);
        QVERIFY(t->healthFailing());
    }

    void reasonDoesNotClaimWorkingAfterAFailedProbe()
    {
        // The only probe so far said SCAN_QR_CODE (below the threshold): the
        // status may wait before calling it failing, but must not tell the
        // operator that the gateway is WORKING.
        auto t = tracker();
        t->recordProbe(probeFail(QStringLiteral("SCAN_QR_CODE")));
        QVERIFY(!t->healthFailing());
        QVERIFY2(!t->status().reason.contains(QLatin1String("is WORKING")),
                 qPrintable(t->status().reason));
    }

    void healthAndDeliveriesFailingIsCritical()
    {
        auto t = tracker();
        goOnline(*t);
        for (int i = 0; i < 3; ++i)
            t->recordDelivery(retryable(QStringLiteral("WAHA answered 422")));
        QCOMPARE(t->status().state, StatusState::Incommunicado);
        t->recordProbe(probeFail(QStringLiteral("FAILED")));
        QCOMPARE(t->status().state, StatusState::Incommunicado);
        t->recordProbe(probeFail(QStringLiteral("FAILED")));
        QCOMPARE(t->status().state, StatusState::Critical);
        QVERIFY(t->status().reason.contains(QLatin1String("FAILED")));
        QVERIFY(t->status().reason.contains(QLatin1String("422")));

        // Same the other way round: health first, then deliveries.
        m_clock = std::make_unique<ManualClock>(Start);
        auto u = tracker();
        u->recordProbe(probeFail());
        u->recordProbe(probeFail());
        QCOMPARE(u->status().state, StatusState::Degraded);
        for (int i = 0; i < 3; ++i)
            u->recordDelivery(retryable());
        QCOMPARE(u->status().state, StatusState::Critical);
    }

    void webhookOnlyIncidentWithDeliveriesFailingIsDegraded()
    {
        auto t = tracker();
        goOnline(*t);
        for (int i = 0; i < 3; ++i)
            t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Incommunicado);

        t->setOpenIncident(incident(Incident::Kind::WebhookOnly, Incident::Reached::Admin));
        QCOMPARE(t->status().state, StatusState::Degraded);
        QVERIFY2(t->status().reason.contains(Incident::reachedName(Incident::Reached::Admin)),
                 qPrintable(t->status().reason));

        t->setOpenIncident(std::nullopt);
        QCOMPARE(t->status().state, StatusState::Incommunicado);
    }

    void webhookOnlyIncidentWithDeliveriesWorkingIsOnline()
    {
        auto t = tracker();
        goOnline(*t);
        t->setOpenIncident(incident(Incident::Kind::WebhookOnly, Incident::Reached::Customer));
        QCOMPARE(t->status().state, StatusState::Online);
    }

    void totalCommunicationLossIsCritical()
    {
        auto t = tracker();
        t->recordProbe(probePass());
        goOnline(*t);
        for (int i = 0; i < 3; ++i)
            t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Incommunicado);
        QSignalSpy changed(t.get(), &StatusTracker::changed);
        t->setOpenIncident(
                incident(Incident::Kind::TotalCommunicationLoss, Incident::Reached::None));
        QCOMPARE(t->status().state, StatusState::Critical);
        QCOMPARE(t->status().reasonCode, StatusReason::NobodyReached);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(lastEmittedState(changed), StatusState::Critical);

        t->setOpenIncident(std::nullopt);
        QCOMPARE(t->status().state, StatusState::Incommunicado);
    }

    // The incident tells what the diagnosis found, but "critical" beside
    // signals that all pass would be a contradiction (a restart used to leave
    // it so for good): with the path working again the incident alone is not
    // enough.
    void nobodyReachedNeedsAFailingSignal()
    {
        auto t = tracker();
        t->recordProbe(probePass());
        goOnline(*t);
        t->setOpenIncident(
                incident(Incident::Kind::TotalCommunicationLoss, Incident::Reached::None));
        QCOMPARE(t->status().state, StatusState::Online);
        t->recordProbe(probeFail());
        t->recordProbe(probeFail());
        QCOMPARE(t->status().state, StatusState::Critical);
        t->recordProbe(probePass());
        QCOMPARE(t->status().state, StatusState::Online);
    }

    void heartbeatSilenceIsOffline()
    {
        StatusPolicy policy = immediate();
        policy.heartbeatGraceS = 600;
        auto t = tracker(policy);
        t->recordProbe(probePass());
        goOnline(*t);
        t->recordHeartbeat();
        const QDateTime beat = m_clock->now();
        QVERIFY(t->status().bot.known);
        QVERIFY(!t->status().bot.failing);
        QCOMPARE(t->status().bot.lastSuccess, beat);

        m_clock->setNow(beat.addSecs(600));
        t->evaluate();
        QCOMPARE(t->status().state, StatusState::Online);

        QSignalSpy changed(t.get(), &StatusTracker::changed);
        m_clock->setNow(beat.addSecs(601));
        t->evaluate();
        QCOMPARE(t->status().state, StatusState::Offline);
        QVERIFY(t->status().bot.failing);
        QCOMPARE(t->status().bot.lastFailure, beat.addSecs(601));
        QCOMPARE(t->status().since, beat.addSecs(601));
        QCOMPARE(changed.count(), 1);

        // Staying silent keeps it offline without new emissions or a moving 'since'.
        m_clock->advance(1000);
        t->evaluate();
        QCOMPARE(t->status().state, StatusState::Offline);
        QCOMPARE(t->status().since, beat.addSecs(601));
        QCOMPARE(changed.count(), 1);

        m_clock->advance(1000);
        t->recordHeartbeat();
        QCOMPARE(t->status().state, StatusState::Online);
        QVERIFY(!t->status().bot.failing);
        QCOMPARE(t->status().bot.lastSuccess, m_clock->now());
        QCOMPARE(changed.count(), 2);
    }

    void noHeartbeatEverIsNotOffline()
    {
        // A bot that never sent a heartbeat has not gone silent: the signal is unknown.
        auto t = tracker();
        goOnline(*t);
        m_clock->advance(24LL * 3600 * 1000);
        t->evaluate();
        QVERIFY(!t->status().bot.known);
        QCOMPARE(t->status().state, StatusState::Online);
    }

    void healthRecoveredClearsDeliveryFailures()
    {
        auto t = tracker();
        QSignalSpy recovered(t.get(), &StatusTracker::healthRecovered);
        goOnline(*t);

        // A pass after a single failure (below the threshold) is no recovery.
        t->recordProbe(probeFail());
        t->recordProbe(probePass());
        QCOMPARE(recovered.count(), 0);

        t->recordProbe(probeFail());
        t->recordProbe(probeFail());
        t->recordDelivery(retryable());
        t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Degraded);
        QCOMPARE(t->status().deliveries.consecutiveFailures, 2);

        t->recordProbe(probePass());
        QCOMPARE(recovered.count(), 1);
        QCOMPARE(t->status().state, StatusState::Online);
        QCOMPARE(t->status().deliveries.consecutiveFailures, 0);
        // The outage's failures no longer count: two more are not three.
        t->recordDelivery(retryable());
        t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Online);

        t->recordProbe(probePass());
        QCOMPARE(recovered.count(), 1);
    }

    void healthRecoveredLeavesCriticalForOnline()
    {
        auto t = tracker();
        QSignalSpy recovered(t.get(), &StatusTracker::healthRecovered);
        goOnline(*t);
        t->recordProbe(probeFail());
        t->recordProbe(probeFail());
        for (int i = 0; i < 3; ++i)
            t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Critical);
        // When healthRecovered arrives, the status it announces is already online.
        StatusState stateAtSignal = StatusState::Unknown;
        connect(t.get(), &StatusTracker::healthRecovered, this,
                [&] { stateAtSignal = t->status().state; });
        t->recordProbe(probePass());
        QCOMPARE(recovered.count(), 1);
        QCOMPARE(stateAtSignal, StatusState::Online);
        QVERIFY(!t->deliveriesFailing());
    }

    void deliveriesRecoveredOnSuccessAfterFailing()
    {
        auto t = tracker();
        QSignalSpy recovered(t.get(), &StatusTracker::deliveriesRecovered);
        goOnline(*t);
        t->recordDelivery(retryable());
        t->recordDelivery(delivered());
        QCOMPARE(recovered.count(), 0); // one failure is not "failing"

        for (int i = 0; i < 3; ++i)
            t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Incommunicado);
        QCOMPARE(recovered.count(), 0);

        m_clock->advance(5000);
        t->recordDelivery(delivered());
        QCOMPARE(recovered.count(), 1);
        QCOMPARE(t->status().state, StatusState::Online);
        QVERIFY(!t->deliveriesFailing());
        QCOMPARE(t->status().lastCommunication, m_clock->now());

        t->recordDelivery(delivered());
        QCOMPARE(recovered.count(), 1);
    }

    void storeWriteFailureIsDegradedUntilAWriteSucceeds()
    {
        auto t = tracker();
        goOnline(*t);
        QCOMPARE(t->status().state, StatusState::Online);
        t->recordStoreWrite(false, QStringLiteral("database or disk is full"));
        QCOMPARE(t->status().state, StatusState::Degraded);
        QCOMPARE(t->status().reasonCode, std::optional(StatusReason::StoreWritesFailing));
        QVERIFY(t->status().store.failing);
        QCOMPARE(t->status().store.lastError, QStringLiteral("database or disk is full"));
        QVERIFY(t->status().reason.contains(QStringLiteral("database or disk is full")));
        // On the wire, for the console and API users.
        const CommunicationStatus back = CommunicationStatus::fromJson(t->status().toJson());
        QVERIFY(back.store.failing);
        QCOMPARE(back.reasonCode, std::optional(StatusReason::StoreWritesFailing));

        t->recordStoreWrite(true, {});
        QCOMPARE(t->status().state, StatusState::Online);
        QVERIFY(!t->status().store.failing);
    }

    void sinceChangesOnlyOnTransitions()
    {
        auto t = tracker();
        QCOMPARE(t->status().since, Start);
        m_clock->advance(5000);
        t->recordDelivery(delivered());
        const QDateTime onlineSince = Start.addSecs(5);
        QCOMPARE(t->status().since, onlineSince);

        m_clock->advance(5000);
        t->recordDelivery(delivered());
        QCOMPARE(t->status().since, onlineSince);
        m_clock->advance(5000);
        t->recordProbe(probePass());
        QCOMPARE(t->status().since, onlineSince);
        m_clock->advance(5000);
        t->recordDelivery(retryable());
        t->recordProbe(probeFail());
        t->recordHeartbeat();
        QCOMPARE(t->status().state, StatusState::Online);
        QCOMPARE(t->status().since, onlineSince);

        m_clock->advance(5000);
        t->recordDelivery(retryable());
        QCOMPARE(t->status().since, onlineSince);
        m_clock->advance(5000);
        t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Incommunicado);
        QCOMPARE(t->status().since, m_clock->now());
    }

    void everyStateChangeEmitsChangedOnce()
    {
        auto t = tracker();
        QSignalSpy changed(t.get(), &StatusTracker::changed);
        QList<StatusState> seen;
        connect(t.get(), &StatusTracker::changed, this,
                [&seen](const CommunicationStatus &s) { seen << s.state; });

        const auto expectTransition = [&](const std::function<void()> &step, StatusState to) {
            changed.clear();
            step();
            QCOMPARE(changed.count(), 1);
            QCOMPARE(lastEmittedState(changed), to);
            QCOMPARE(t->status().state, to);
        };

        expectTransition([&] { t->recordDelivery(delivered()); }, StatusState::Online);
        if (QTest::currentTestFailed())
            return;
        t->recordDelivery(retryable());
        t->recordDelivery(retryable());
        expectTransition([&] { t->recordDelivery(retryable()); }, StatusState::Incommunicado);
        if (QTest::currentTestFailed())
            return;
        t->recordProbe(probeFail());
        expectTransition([&] { t->recordProbe(probeFail()); }, StatusState::Critical);
        if (QTest::currentTestFailed())
            return;
        // Recovery clears both signals and emits healthRecovered, but one changed().
        expectTransition([&] { t->recordProbe(probePass()); }, StatusState::Online);
        if (QTest::currentTestFailed())
            return;
        t->recordDelivery(retryable());
        t->recordDelivery(retryable());
        expectTransition([&] { t->recordDelivery(retryable()); }, StatusState::Incommunicado);
        if (QTest::currentTestFailed())
            return;
        expectTransition(
                [&] {
                    t->setOpenIncident(incident(Incident::Kind::TotalCommunicationLoss,
                                                Incident::Reached::None));
                },
                StatusState::Critical);
        if (QTest::currentTestFailed())
            return;
        // A success: the incident alone no longer keeps it critical.
        expectTransition([&] { t->recordDelivery(delivered()); }, StatusState::Online);
        if (QTest::currentTestFailed())
            return;
        t->setOpenIncident(std::nullopt);
        t->recordHeartbeat();
        expectTransition(
                [&] {
                    m_clock->advance(qint64(601) * 1000);
                    t->evaluate();
                },
                StatusState::Offline);
        if (QTest::currentTestFailed())
            return;
        expectTransition([&] { t->recordHeartbeat(); }, StatusState::Online);
        if (QTest::currentTestFailed())
            return;
        for (int i = 0; i < 3; ++i)
            t->recordDelivery(retryable());
        expectTransition([&] { t->recordDelivery(delivered()); }, StatusState::Online);
        if (QTest::currentTestFailed())
            return;

        // No two consecutive emissions announce the same transition twice.
        QList<StatusState> transitions;
        for (StatusState s : std::as_const(seen)) {
            if (transitions.isEmpty() || transitions.constLast() != s)
                transitions << s;
        }
        const QList<StatusState> expected{
                StatusState::Online,        StatusState::Incommunicado, StatusState::Critical,
                StatusState::Online,        StatusState::Incommunicado, StatusState::Critical,
                StatusState::Online,        StatusState::Offline,       StatusState::Online,
                StatusState::Incommunicado, StatusState::Online};
        QCOMPARE(transitions, expected);
    }

    void acksAreWiredOnlyWhileARecentAckWasSeen()
    {
        StatusPolicy policy = immediate();
        policy.ackWiredWindowS = 600;
        auto t = tracker(policy);
        QSignalSpy changed(t.get(), &StatusTracker::changed);
        QVERIFY(!t->acksWired()); // none ever seen: a missing ack proves nothing
        QVERIFY(!t->status().whatsappAcks.wired);

        t->recordAck(QDateTime()); // "no ack on disk" at start-up
        QVERIFY(!t->acksWired());

        t->recordAck(m_clock->now());
        QVERIFY(t->acksWired());
        QVERIFY(t->status().whatsappAcks.wired);
        QCOMPARE(t->status().whatsappAcks.lastAck, Start);
        QCOMPARE(t->status().whatsappAcks.windowS, 600);
        QVERIFY(changed.count() >= 1);

        // An older ack (replayed from disk) never moves the last one back.
        t->recordAck(Start.addSecs(-3600));
        QCOMPARE(t->status().whatsappAcks.lastAck, Start);

        m_clock->advance(qint64(600) * 1000);
        t->evaluate();
        QVERIFY(t->acksWired());
        m_clock->advance(1000);
        const int before = int(changed.count());
        t->evaluate();
        QVERIFY(!t->acksWired());
        QVERIFY(!t->status().whatsappAcks.wired);
        QCOMPARE(changed.count(), before + 1); // the console hears it

        t->recordUnconfirmed();
        QCOMPARE(t->status().whatsappAcks.unconfirmed, 1);
        const QJsonObject json =
                t->status().toJson().value(QStringLiteral("whatsapp_acks")).toObject();
        QCOMPARE(json.value(QStringLiteral("wired")).toBool(true), false);
        QCOMPARE(json.value(QStringLiteral("unconfirmed")).toInt(), 1);
        QCOMPARE(CommunicationStatus::fromJson(t->status().toJson()).whatsappAcks,
                 t->status().whatsappAcks);
    }

    void nothingNewEmitsNothing()
    {
        auto t = tracker();
        goOnline(*t);
        QSignalSpy changed(t.get(), &StatusTracker::changed);
        t->evaluate();
        t->evaluate();
        t->setOpenIncident(std::nullopt);
        QCOMPARE(changed.count(), 0);
    }

    void affectedOrdersComeFromTheStore()
    {
        SqliteStore *opened = openStore();
        QVERIFY(opened);
        SqliteStore &store = *opened;

        auto t = tracker({}, &store);
        goOnline(*t);
        QCOMPARE(t->status().counts.affectedOrders, 0);

        // Two failed notifications of order A1, one of A2, one of A3 delivered.
        QString error;
        QStringList ids;
        for (const QString &order : {QStringLiteral("A1"), QStringLiteral("A1"),
                                     QStringLiteral("A2"), QStringLiteral("A3")}) {
            NotificationRequest request;
            request.channel = Channel::WhatsApp;
            request.recipient = QStringLiteral("+584241234567");
            request.orderId = order;
            request.type = QStringLiteral("ORDER_RECEIVED");
            request.text = QStringLiteral("Order %1 received").arg(order);
            const auto r =
                    store.enqueue(request, QString(), QByteArray(), 4, m_clock->now(), &error);
            QVERIFY2(r, qPrintable(error));
            ids << r->notification.id;
        }
        const QList<Notification> claimed = store.claimDue(m_clock->now(), 10);
        QCOMPARE(claimed.size(), 4);
        for (int i = 0; i < ids.size(); ++i) {
            AttemptRecord record;
            record.attempt.number = 1;
            record.attempt.startedAt = m_clock->now();
            record.attempt.finishedAt = m_clock->now();
            const bool fails = i < 3;
            record.attempt.outcome =
                    fails ? QStringLiteral("retryable") : QStringLiteral("delivered");
            record.newState = fails ? NotificationState::Failed : NotificationState::Delivered;
            record.lastError = fails ? QStringLiteral("WAHA answered 503") : QString();
            QVERIFY(store.completeAttempt(ids.at(i), record, m_clock->now()));
        }
        QCOMPARE(store.affectedOrders(), 2);

        QSignalSpy changed(t.get(), &StatusTracker::changed);
        t->evaluate();
        QCOMPARE(t->status().counts.affectedOrders, 2);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(
                changed.constLast().constFirst().value<CommunicationStatus>().counts.affectedOrders,
                2);
        QCOMPARE(t->status().state, StatusState::Online);
    }

    // --- Counted honestly, reasons that never contradict the numbers -----

    // Puts one notification in the store and finishes its first attempt with
    // `outcome` ("permanent", "retryable" or "" to leave it waiting after a
    // failed first attempt).
    QString addNotification(SqliteStore &store, const QString &order, const QString &outcome)
    {
        QString error;
        NotificationRequest request;
        request.channel = Channel::WhatsApp;
        request.recipient = QStringLiteral("+584241234567");
        request.orderId = order;
        request.type = QStringLiteral("ORDER_RECEIVED");
        request.text = QStringLiteral("Order received");
        const auto r = store.enqueue(request, QString(), QByteArray(), 4, m_clock->now(), &error);
        if (!r)
            return {};
        const QList<Notification> claimed = store.claimDue(m_clock->now(), 1);
        if (claimed.size() != 1)
            return {};
        AttemptRecord record;
        record.attempt.number = 1;
        record.attempt.startedAt = m_clock->now();
        record.attempt.finishedAt = m_clock->now();
        record.attempt.outcome = outcome.isEmpty() ? QStringLiteral("retryable") : outcome;
        record.newState =
                outcome.isEmpty() ? NotificationState::Pending : NotificationState::Failed;
        record.nextAttemptAt = m_clock->now().addSecs(3600);
        record.permanentFailure = outcome == QLatin1String("permanent");
        record.lastError = QStringLiteral("WAHA answered 400");
        if (!store.completeAttempt(claimed.constFirst().id, record, m_clock->now()))
            return {};
        return r->notification.id;
    }

    void permanentFailuresKeepTheGatewayHealthyButAreSaid()
    {
        SqliteStore *opened = openStore();
        QVERIFY(opened);
        SqliteStore &store = *opened;
        auto t = onlineTracker(immediate(), &store);
        QCOMPARE(t->status().reasonCode, StatusReason::AllOk);

        // 1,000 notifications the gateway refused for their recipients.
        for (int i = 0; i < 1000; ++i)
            QVERIFY(!addNotification(store, QStringLiteral("P%1").arg(i),
                                     QStringLiteral("permanent"))
                             .isEmpty());
        t->evaluate();
        const CommunicationStatus s = t->status();
        QCOMPARE(s.state, StatusState::Online); // the gateway is not to blame
        QCOMPARE(s.reasonCode, StatusReason::RecipientFailures);
        QVERIFY2(!s.reason.contains(QStringLiteral("succeed")), qPrintable(s.reason));
        QCOMPARE(s.counts.failed, 1000);
        QCOMPARE(s.counts.failedForRecipient, 1000);
        QCOMPARE(s.counts.affectedOrders, 1000);
        QCOMPARE(s.reasonArgs.value(QStringLiteral("failed")).toInt(), 1000);
        QVERIFY(!s.deliveries.failing);
        QVERIFY(!s.healthcheck.failing);
    }

    void heldNotificationsCountDuringAnOutageOnly()
    {
        SqliteStore *opened = openStore();
        QVERIFY(opened);
        SqliteStore &store = *opened;
        auto t = onlineTracker(immediate(), &store);
        // Two orders waiting after a failed first attempt, one without an order id.
        QVERIFY(!addNotification(store, QStringLiteral("H1"), {}).isEmpty());
        QVERIFY(!addNotification(store, QStringLiteral("H2"), {}).isEmpty());
        QVERIFY(!addNotification(store, QString(), {}).isEmpty());
        t->evaluate();
        // Retries of a working path: waiting, not affected.
        QCOMPARE(t->status().counts.waiting, 3);
        QCOMPARE(t->status().counts.affectedOrders, 0);
        QCOMPARE(t->status().counts.oldestWaitingSince, m_clock->now());

        for (int i = 0; i < 3; ++i)
            t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Incommunicado);
        t->evaluate(); // counted with the state it is in now
        const CommunicationStatus s = t->status();
        QCOMPARE(s.counts.affectedOrders, 2);
        QCOMPARE(s.counts.affectedWithoutOrder, 1); // a notification, not an order
        QCOMPARE(s.counts.waiting, 3);
        QVERIFY(s.counts.held);
        QCOMPARE(s.counts.failed, 0);
    }

    // A large backlog is counted on the count thread: the tracker goes on
    // with the counts it has, and the new ones follow within one count,
    // through an outage's start too.
    void aLargeBacklogIsCountedOffTheEventLoop()
    {
        // Every count "took long enough": all of them go to the thread.
        auto t = trackerCountingOnAThread();
        QVERIFY(t);
        SqliteStore &store = *m_store;
        QSignalSpy changed(t.get(), &StatusTracker::changed);

        QVERIFY(!addNotification(store, QStringLiteral("H1"), {}).isEmpty());
        QVERIFY(!addNotification(store, QStringLiteral("H2"), {}).isEmpty());
        QVERIFY(!addNotification(store, QString(), {}).isEmpty());
        t->evaluate();
        // Not counted on this thread: the answer comes through the event loop.
        QCOMPARE(t->status().counts.waiting, 0);
        QTRY_COMPARE(t->status().counts.waiting, 3);
        QCOMPARE(changed.constLast().constFirst().value<CommunicationStatus>().counts.waiting, 3);
        QCOMPARE(t->status().counts.affectedOrders, 0);

        for (int i = 0; i < 3; ++i)
            t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Incommunicado);
        // Held by the outage now: counted again for it.
        QTRY_COMPARE(t->status().counts.affectedOrders, 2);
        QVERIFY(t->status().counts.held);
        QCOMPARE(t->status().counts.affectedWithoutOrder, 1);

        // A tracker that goes while a count is under way never hears of it.
        QVERIFY(!addNotification(store, QStringLiteral("H3"), {}).isEmpty());
        t->evaluate();
        t.reset();
        // Answers come back in order: once this one is here, so was the
        // tracker's, with nobody left to take it.
        bool answered = false;
        m_counter->run([](OutboxStore &s) { return s.outboxCounts(false); },
                       [&answered](const OutboxCounts &) { answered = true; });
        QTRY_VERIFY(answered);
    }

    // A row written on another thread (the dispatcher's, the intake's) is
    // in the store before its live event is out; a count taken in between
    // includes it, and a console that applies that count and then the row's
    // event counts the row twice. The count after the event is published
    // even when it says the same, so the last status comes after the event.
    void theCountAfterAChangeIsPublishedEvenWhenTheSame_data()
    {
        QTest::addColumn<bool>("onCountThread");
        QTest::newRow("counted here") << false;
        QTest::newRow("on the count thread") << true;
    }
    void theCountAfterAChangeIsPublishedEvenWhenTheSame()
    {
        QFETCH(bool, onCountThread);
        auto t = trackerCountingOnAThread(onCountThread);
        QVERIFY(t);
        SqliteStore &store = *m_store;
        QSignalSpy changed(t.get(), &StatusTracker::changed);

        // Written, not announced yet; an evaluation (a probe, the tick) counts it.
        QVERIFY(!addNotification(store, QStringLiteral("F1"), QStringLiteral("permanent"))
                         .isEmpty());
        t->evaluate();
        QTRY_COMPARE(t->status().counts.failed, 1);
        const qsizetype afterCount = changed.size();
        QCOMPARE(changed.constLast().constFirst().value<CommunicationStatus>().counts.failed, 1);

        // Its event goes out (Outbox::changed): the next count says the same, and is published.
        t->scheduleEvaluate();
        QTRY_COMPARE(changed.size(), afterCount + 1);
        QCOMPARE(changed.constLast().constFirst().value<CommunicationStatus>().counts.failed, 1);

        // Without a change, an evaluation with the same counts publishes nothing.
        t->evaluate();
        QCoreApplication::sendPostedEvents();
        QCOMPARE(changed.size(), afterCount + 1);
    }

    // --- No flapping --------------------------------------------------------

    void aBurstOfFailuresSettlesBeforeItIsAnOutage()
    {
        StatusPolicy policy = immediate();
        policy.settleS = 20;
        auto t = tracker(policy);
        goOnline(*t);
        for (int i = 0; i < 5; ++i)
            t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Degraded);
        QCOMPARE(t->status().reasonCode, StatusReason::DeliveriesSettling);
        QCOMPARE(t->status().reasonArgs.value(QStringLiteral("settle_s")).toInt(), 20);
        m_clock->advance(qint64(19) * 1000);
        t->evaluate();
        QCOMPARE(t->status().state, StatusState::Degraded);
        // No success within the settle time: now it is an outage.
        m_clock->advance(qint64(2) * 1000);
        t->evaluate();
        QCOMPARE(t->status().state, StatusState::Incommunicado);
    }

    void aGatewayThatFailsEveryFirstAttemptIsNeverAnOutage()
    {
        StatusPolicy policy = immediate();
        policy.settleS = 20;
        auto t = onlineTracker(policy);
        int worst = statusSeverity(StatusState::Online);
        connect(t.get(), &StatusTracker::changed, this, [&worst](const CommunicationStatus &s) {
            worst = qMax(worst, statusSeverity(s.state));
        });
        // 200 orders in bursts of 20: every first attempt fails, every retry
        // (one to two seconds later, the default backoff) gets through.
        for (int burst = 0; burst < 10; ++burst) {
            for (int i = 0; i < 20; ++i) {
                m_clock->advance(50);
                t->recordDelivery(retryable());
            }
            m_clock->advance(1500);
            for (int i = 0; i < 20; ++i) {
                m_clock->advance(50);
                t->recordDelivery(delivered());
            }
            t->evaluate();
        }
        QCOMPARE(t->status().state, StatusState::Online);
        QVERIFY2(worst <= statusSeverity(StatusState::Degraded),
                 qPrintable(QString::number(worst)));
    }

    void halfOfAllRequestsFailingAtRandomStaysBelowAnOutage()
    {
        StatusPolicy policy = immediate();
        policy.settleS = 20;
        auto t = onlineTracker(policy);
        int worst = statusSeverity(StatusState::Online);
        connect(t.get(), &StatusTracker::changed, this, [&worst](const CommunicationStatus &s) {
            worst = qMax(worst, statusSeverity(s.state));
        });
        QRandomGenerator random(20261202); // fixed seed: the same run every time
        for (int i = 0; i < 2000; ++i) {
            m_clock->advance(100);
            t->recordDelivery(random.bounded(2) == 0 ? retryable() : delivered());
            t->evaluate();
        }
        // Runs of failures happen (3 in a row, often), but a success always
        // follows within the settle time: a warning at most, never a page.
        QVERIFY2(worst <= statusSeverity(StatusState::Degraded),
                 qPrintable(QString::number(worst)));
    }

    // --- A restart keeps the truth --------------------------------------------

    void aRestoredStatusStandsUntilAFreshSignal()
    {
        auto before = tracker();
        before->recordProbe(probePass());
        goOnline(*before);
        for (int i = 0; i < 3; ++i)
            before->recordDelivery(retryable());
        before->recordProbe(probeFail());
        before->recordProbe(probeFail());
        QCOMPARE(before->status().state, StatusState::Critical);
        const QDateTime criticalSince = before->status().since;
        const QJsonObject saved = before->status().toJson();

        m_clock->advance(qint64(30) * 1000); // vigiad restarts
        auto after = tracker();
        QSignalSpy changed(after.get(), &StatusTracker::changed);
        after->restore(saved);
        after->evaluate();
        CommunicationStatus s = after->status();
        QCOMPARE(s.state, StatusState::Critical);
        QVERIFY(s.restored);
        QCOMPARE(s.reasonCode, StatusReason::RestoredRechecking);
        QCOMPARE(s.reasonArgs.value(QStringLiteral("previous_state")).toString(),
                 QStringLiteral("critical"));
        QCOMPARE(s.since, criticalSince); // the outage did not start at the restart
        QVERIFY(s.healthcheck.failing);
        QVERIFY(s.deliveries.failing); // no "unknown" signals beside "critical"

        // The first probe after the start passes: the gateway is back.
        QSignalSpy recovered(after.get(), &StatusTracker::healthRecovered);
        after->recordProbe(probePass());
        s = after->status();
        QVERIFY(!s.restored);
        QCOMPARE(recovered.count(), 1); // the outage supervisor recovers on this
        QCOMPARE(s.state, StatusState::Online);
    }

    // The field report: deliveries failed and the diagnosis reached nobody,
    // but vigiad stopped before its probes saw the session fail. After the
    // restart deliveries are held, so only the start-up probe can end it.
    void aRestoredOutageEndsOnAPassingProbeThoughTheHealthCheckWasNotFailing()
    {
        auto before = tracker();
        before->recordProbe(probePass());
        goOnline(*before);
        for (int i = 0; i < 3; ++i)
            before->recordDelivery(retryable());
        const Incident nobodyReached =
                incident(Incident::Kind::TotalCommunicationLoss, Incident::Reached::None);
        before->setOpenIncident(nobodyReached);
        QCOMPARE(before->status().state, StatusState::Critical);
        QVERIFY(!before->status().healthcheck.failing);
        const QJsonObject saved = before->status().toJson();

        m_clock->advance(qint64(30) * 1000); // vigiad restarts
        auto after = tracker();
        after->restore(saved);
        after->setOpenIncident(nobodyReached);
        QCOMPARE(after->status().state, StatusState::Critical);
        QVERIFY(after->status().restored);

        QSignalSpy recovered(after.get(), &StatusTracker::healthRecovered);
        after->recordProbe(probePass());
        QCOMPARE(recovered.count(), 1); // the outage supervisor recovers on this
        QCOMPARE(after->status().state, StatusState::Online);
        QVERIFY(!after->status().deliveries.failing);
    }

    // Field case without a restart: every order failed and the diagnosis
    // reached nobody before the second failing probe, then WAHA came back.
    // One failed probe followed by a pass ends the outage; before, it stood
    // until its failures aged out of the window (5 min).
    void aGatewayBlipBelowTheThresholdEndsAnOutageOfFailedDeliveries()
    {
        auto t = tracker();
        t->recordProbe(probePass());
        goOnline(*t);
        for (int i = 0; i < 3; ++i)
            t->recordDelivery(retryable());
        t->setOpenIncident(
                incident(Incident::Kind::TotalCommunicationLoss, Incident::Reached::None));
        QCOMPARE(t->status().state, StatusState::Critical);
        t->recordProbe(probeFail(QStringLiteral("STOPPED")));
        QVERIFY(!t->status().healthcheck.failing); // below the threshold of two
        QSignalSpy recovered(t.get(), &StatusTracker::healthRecovered);
        t->recordProbe(probePass());
        QCOMPARE(recovered.count(), 1);
        QVERIFY(!t->status().deliveries.failing);
    }

    // A gateway that never failed a probe but does not deliver is the quiet
    // failure vigiad exists to catch: passing probes do not clear it.
    void passingProbesAloneDoNotClearFailingDeliveries()
    {
        auto t = tracker();
        t->recordProbe(probePass());
        goOnline(*t);
        for (int i = 0; i < 3; ++i)
            t->recordDelivery(retryable());
        QCOMPARE(t->status().state, StatusState::Incommunicado);
        QSignalSpy recovered(t.get(), &StatusTracker::healthRecovered);
        t->recordProbe(probePass());
        t->recordProbe(probePass());
        QCOMPARE(recovered.count(), 0);
        QVERIFY(t->status().deliveries.failing);
        QCOMPARE(t->status().state, StatusState::Incommunicado);
    }

    // Fresh failures after the restart are news, not the restored view: a
    // passing probe then does not hide them.
    void aPassingProbeKeepsDeliveryFailuresSeenSinceTheRestart()
    {
        auto before = tracker();
        before->recordProbe(probePass());
        goOnline(*before);
        for (int i = 0; i < 3; ++i)
            before->recordDelivery(retryable());
        const QJsonObject saved = before->status().toJson();
        QCOMPARE(before->status().state, StatusState::Incommunicado);

        m_clock->advance(qint64(30) * 1000);
        auto after = tracker();
        after->restore(saved);
        after->evaluate();
        for (int i = 0; i < 3; ++i)
            after->recordDelivery(retryable());
        QSignalSpy recovered(after.get(), &StatusTracker::healthRecovered);
        after->recordProbe(probePass());
        QCOMPARE(recovered.count(), 0);
        QVERIFY(after->status().deliveries.failing);
        QCOMPARE(after->status().state, StatusState::Incommunicado);
    }

    void aStatusWorthKeepingIsOfferedForSaving()
    {
        auto t = tracker();
        QSignalSpy saving(t.get(), &StatusTracker::worthSaving);
        t->recordProbe(probePass());
        QCOMPARE(saving.count(), 1);
        // Another success changes timestamps only: nothing to save.
        t->recordDelivery(delivered());
        const int afterFirstDelivery = int(saving.count());
        t->recordDelivery(delivered());
        t->recordDelivery(delivered());
        QCOMPARE(saving.count(), afterFirstDelivery);
        t->recordProbe(probeFail());
        t->recordProbe(probeFail());
        QVERIFY(saving.count() > afterFirstDelivery);
    }
};

QTEST_GUILESS_MAIN(TstStatusTracker)
#include "tst_statustracker.moc"

// The communication status engine end to end: a real vigiad in-process and a
// WAHA double that fails the way gateways fail in the field. Each scenario
// asserts the states in order, what was recorded, that nothing is lost, and
// measures how long detection took (printed as "DETECTION ...").
#include "Clock.h"
#include "DeliveryDispatcher.h"
#include "OutageSupervisor.h"
#include "Outbox.h"
#include "ServiceFixture.h"
#include "StatusTracker.h"
#include "Store.h"
#include "TestSupport.h"
#include "VigiaService.h"
#include "WahaDouble.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Vigia;
using namespace Vigia::TestSupport;

namespace {
const QString kAdmin = QStringLiteral("+58 424-0000000");
const QString kAdminChat = QStringLiteral("584240000000@c.us");
constexpr int kProbeIntervalMs = 300;
// A probe answered later than this counts as failed. At 300 ms, an ASan build on
// a loaded machine once went critical in diagnosisTriesEachMessageTwice, which
// needs two failed probes: only slow answers could have failed them there.
constexpr int kProbeTimeoutMs = 1000;
} // namespace

class TstOutageSupervisor final : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{QDateTime::currentDateTimeUtc()}; // outlives every fixture
    std::unique_ptr<ServiceFixture> m_fixture;
    WahaDouble *m_waha = nullptr;
    VigiaService *m_service = nullptr;
    Http *m_http = nullptr;
    QString m_bot;
    QString m_admin;
    QList<StatusState> m_states; // every distinct state, in order

    // The field scenarios' configuration, then `extra`; on a running
    // fixture, a restart on the same store.
    void startService(const ServiceFixture::Tweak &extra = {})
    {
        if (m_service)
            m_fixture->stop();
        QVERIFY(m_fixture->start([extra](ServiceConfig &config) {
            config.adminContact = kAdmin;
            config.probeIntervalMs = kProbeIntervalMs;
            config.probeTimeoutMs = kProbeTimeoutMs;
            config.probeFailureThreshold = 2;
            config.status.probeFailureThreshold = 2;
            config.delivery.heldTrialIntervalMs = kProbeIntervalMs;
            config.delivery.ackTimeoutMs = 0; // the double sends no acks
            config.recoveryRatePerSecond = 50;
            config.status.settleS = 0; // the field scenarios' timing (settling: own tests)
            config.diagnosisRetryMs = 100;
            if (extra)
                extra(config);
        }));
        m_service = m_fixture->service();
        connect(m_service->statusTracker(), &StatusTracker::changed, this,
                [this](const CommunicationStatus &s) {
                    if (m_states.isEmpty() || m_states.constLast() != s.state)
                        m_states << s.state;
                });
        m_http = &m_fixture->http();
        m_bot = m_fixture->token(Role::Bot);
        m_admin = m_fixture->token(Role::Admin);
    }

    StatusState state() const { return m_service->statusTracker()->status().state; }

    QString enqueue(const QString &order, const QString &phone = QStringLiteral("+58 414-1112233"))
    {
        const HttpReply r = m_http->post(QStringLiteral("/v1/notifications"), m_bot,
                                         whatsappBody(order, phone));
        return r.json.value(QStringLiteral("id")).toString();
    }

    NotificationState stateOf(const QString &id)
    {
        return m_service->store()->notification(id, false)->state;
    }
    bool deliveredOrResolved(const QString &id)
    {
        const NotificationState s = stateOf(id);
        return s == NotificationState::Delivered || s == NotificationState::Resolved;
    }

    int sendsTo(const QString &chatId) const
    {
        int n = 0;
        for (const QJsonObject &body : m_waha->accepted())
            n += body.value(QStringLiteral("chatId")).toString() == chatId ? 1 : 0;
        return n;
    }

    QList<QJsonObject> acceptedTo(const QString &chatId) const
    {
        QList<QJsonObject> out;
        for (const QJsonObject &body : m_waha->accepted()) {
            if (body.value(QStringLiteral("chatId")).toString() == chatId)
                out << body;
        }
        return out;
    }

    int summariesToAdmin() const
    {
        int n = 0;
        for (const QJsonObject &body : acceptedTo(kAdminChat))
            n += body.value(QStringLiteral("text"))
                            .toString()
                            .contains(QLatin1String("Se enviaron"))
                    ? 1
                    : 0;
        return n;
    }

    void reachOnline()
    {
        const QString warmup = enqueue(QStringLiteral("WARMUP"));
        QTRY_VERIFY(deliveredOrResolved(warmup));
        QTRY_COMPARE(state(), StatusState::Online);
        m_states = {StatusState::Online};
    }

    // What the console shows at this moment, for the scenario table.
    void reportCounts(const char *scenario) const
    {
        const CommunicationStatus s = m_service->statusTracker()->status();
        qInfo("COUNTS %s: state %s (%s), affected_orders %d, affected_without_order %d, "
              "waiting %d%s, failed %d (%d for recipient)",
              scenario, qPrintable(statusStateName(s.state)),
              qPrintable(s.reasonCode ? statusReasonName(*s.reasonCode) : QString()),
              s.counts.affectedOrders, s.counts.affectedWithoutOrder, s.counts.waiting,
              s.counts.held ? " held" : "", s.counts.failed, s.counts.failedForRecipient);
    }

    static void report(const char *scenario, qint64 ms)
    {
        qInfo("DETECTION %s: %lld ms (probe interval %d ms + timeout %d ms = %d ms)", scenario, ms,
              kProbeIntervalMs, kProbeTimeoutMs, kProbeIntervalMs + kProbeTimeoutMs);
    }

private Q_SLOTS:
    void initTestCase() { enterTestMode(); }

    void init()
    {
        m_fixture = std::make_unique<ServiceFixture>();
        m_waha = m_fixture->waha();
        m_states.clear();
        startService();
    }

    void cleanup()
    {
        m_http = nullptr;
        m_service = nullptr;
        m_waha->releaseHungRequests();
        m_fixture.reset();
    }

    // 1. The gateway goes away completely.
    void totalLossIsCriticalAndNothingIsLost()
    {
        reachOnline();
        m_waha->setMode(GatewayDouble::Mode::Refuse);
        QElapsedTimer detection;
        detection.start();
        const QStringList ids{enqueue(QStringLiteral("T1")), enqueue(QStringLiteral("T2")),
                              enqueue(QStringLiteral("T3"))};
        QTRY_VERIFY(state() != StatusState::Online);
        const qint64 firstWarning = detection.elapsed();
        QTRY_COMPARE(state(), StatusState::Critical);
        report("total loss, first warning", firstWarning);
        report("total loss, critical", detection.elapsed());
        QVERIFY(firstWarning <= kProbeIntervalMs + kProbeTimeoutMs);

        QTRY_VERIFY(m_service->supervisor()->openIncident().has_value());
        const Incident incident = *m_service->supervisor()->openIncident();
        QCOMPARE(incident.kind, Incident::Kind::TotalCommunicationLoss);
        QCOMPARE(incident.reached, Incident::Reached::None);
        QVERIFY(m_service->dispatcher()->isHeld());
        for (const QString &id : ids)
            QVERIFY(!deliveredOrResolved(id));
        // Held, yet counted: three orders affected, three waiting.
        QTRY_COMPARE(m_service->statusTracker()->status().counts.affectedOrders, 3);
        QCOMPARE(m_service->statusTracker()->status().counts.waiting, 3);
        reportCounts("total loss, critical");

        // When the recovery starts, the orders still waiting fall due one by
        // one at its pace (50/s: 20 ms apart) in the store, where every
        // instance claims from; the rate limit alone paced only this one's
        // sends, and let a second's worth out at once.
        QList<QDateTime> paced;
        connect(m_service->outbox(), &Outbox::changedInBulk, this, [this, &ids, &paced] {
            paced.clear();
            for (const QString &id : ids) {
                const auto n = m_service->store()->notification(id, false);
                if (n && n->state == NotificationState::Pending)
                    paced << n->nextAttemptAt;
            }
        });
        m_waha->setMode(GatewayDouble::Mode::Accept);
        QElapsedTimer recovery;
        recovery.start();
        QTRY_COMPARE(state(), StatusState::Online);
        for (const QString &id : ids)
            QTRY_VERIFY(deliveredOrResolved(id));
        report("total loss, recovery", recovery.elapsed());
        // (The trial that found the gateway back may have sent one already.)
        QVERIFY(paced.size() >= 2);
        std::sort(paced.begin(), paced.end());
        for (qsizetype i = 1; i < paced.size(); ++i)
            QCOMPARE(paced.at(i - 1).msecsTo(paced.at(i)), 20);
        // One summary (a diagnosis message retried as the gateway came back
        // may reach the admin too: that one is not it).
        QTRY_COMPARE(summariesToAdmin(), 1);
        QTRY_COMPARE(m_service->statusTracker()->status().counts.affectedOrders, 0);
        reportCounts("total loss, recovered");
        const QList<Incident> all = m_service->store()->incidents(10);
        QCOMPARE(all.size(), 1);
        QVERIFY(!all.constFirst().isOpen());
        QVERIFY(m_states.indexOf(StatusState::Critical) > 0);
        QCOMPARE(m_states.constLast(), StatusState::Online);
    }

    // 2. Only the send path fails; the session still says WORKING.
    void webhookOnlyFailureIsDegraded()
    {
        reachOnline();
        // Three sends fail, then the diagnosis' message to the customer gets through.
        m_waha->setScript({GatewayDouble::Mode::ServerError, GatewayDouble::Mode::ServerError,
                           GatewayDouble::Mode::ServerError, GatewayDouble::Mode::Accept});
        m_waha->setMode(GatewayDouble::Mode::ServerError);
        QElapsedTimer detection;
        detection.start();
        const QString id = enqueue(QStringLiteral("W1"));
        QTRY_VERIFY(state() != StatusState::Online);
        report("webhook only, first warning", detection.elapsed());
        QVERIFY(detection.elapsed() <= kProbeIntervalMs + kProbeTimeoutMs);
        QTRY_COMPARE(state(), StatusState::Degraded);
        report("webhook only, diagnosed", detection.elapsed());
        reportCounts("webhook only, diagnosed");
        const Incident incident = *m_service->supervisor()->openIncident();
        QCOMPARE(incident.kind, Incident::Kind::WebhookOnly);
        QCOMPARE(incident.reached, Incident::Reached::Customer);
        QVERIFY(m_states.contains(StatusState::Incommunicado));
        QVERIFY(!m_states.contains(StatusState::Critical));
        QVERIFY(!m_service->dispatcher()->isHeld()); // someone is reachable: keep trying

        // The path heals; the next order goes through and the failed one is replayed.
        m_waha->setMode(GatewayDouble::Mode::Accept);
        const QString next = enqueue(QStringLiteral("W2"));
        QTRY_VERIFY(deliveredOrResolved(next));
        QTRY_COMPARE(state(), StatusState::Online);
        QTRY_VERIFY(deliveredOrResolved(id));
        QTRY_COMPARE(summariesToAdmin(), 1);
    }

    // 2b. The diagnosis' first message is lost on a flaky path: its second
    // try reaches the customer, so nobody is told "no one can be reached".
    void diagnosisTriesEachMessageTwice()
    {
        reachOnline();
        m_waha->setScript({GatewayDouble::Mode::ServerError, GatewayDouble::Mode::ServerError,
                           GatewayDouble::Mode::ServerError, GatewayDouble::Mode::ServerError,
                           GatewayDouble::Mode::Accept});
        m_waha->setMode(GatewayDouble::Mode::ServerError);
        enqueue(QStringLiteral("D1"));
        QTRY_VERIFY(m_service->supervisor()->openIncident().has_value());
        const Incident incident = *m_service->supervisor()->openIncident();
        QCOMPARE(incident.kind, Incident::Kind::WebhookOnly);
        QCOMPARE(incident.reached, Incident::Reached::Customer);
        QVERIFY(!m_states.contains(StatusState::Critical));
        QCOMPARE(acceptedTo(kAdminChat).size(), 0); // the admin was not needed
        m_waha->setMode(GatewayDouble::Mode::Accept);
    }

    // 3. The gateway restarts: STARTING for a while, then WORKING.
    void restartingGatewayIsHeldThenReplayed()
    {
        reachOnline();
        m_waha->setSessionStatus(QStringLiteral("STARTING"));
        QElapsedTimer detection;
        detection.start();
        const QStringList ids{enqueue(QStringLiteral("R1")), enqueue(QStringLiteral("R2"))};
        QTRY_VERIFY(state() != StatusState::Online);
        report("gateway restarting, first warning", detection.elapsed());
        QVERIFY(detection.elapsed() <= kProbeIntervalMs + kProbeTimeoutMs);
        QTRY_COMPARE(state(), StatusState::Critical);
        QVERIFY(m_service->dispatcher()->isHeld());
        reportCounts("gateway restarting, critical");
        // Held: attempts are not burned while the gateway is known down.
        const int attemptsWhileHeld =
                m_service->store()->notification(ids.first(), false)->attempts;
        QVERIFY(attemptsWhileHeld < 4);

        m_waha->setSessionStatus(QStringLiteral("WORKING"));
        QElapsedTimer recovery;
        recovery.start();
        QTRY_COMPARE(state(), StatusState::Online);
        report("gateway restarting, recovery noticed", recovery.elapsed());
        QVERIFY(recovery.elapsed() <= kProbeIntervalMs + kProbeTimeoutMs + 200);
        for (const QString &id : ids)
            QTRY_VERIFY(deliveredOrResolved(id));
        // The summary, once (the diagnosis' second try may also have reached
        // the admin, when the gateway came back meanwhile: that one is not it).
        QTRY_COMPARE(summariesToAdmin(), 1);
        // Once: a later probe or delivery does not repeat it.
        const QString after = enqueue(QStringLiteral("R3"));
        QTRY_VERIFY(deliveredOrResolved(after));
        QCOMPARE(summariesToAdmin(), 1);
    }

    // 4. One customer's number does not exist: that one fails, nothing else changes.
    void invalidNumberFailsAloneAndStatusStaysOnline()
    {
        reachOnline();
        m_waha->addUnregisteredNumber(QStringLiteral("584127770000@c.us"));
        const QString bad = enqueue(QStringLiteral("N1"), QStringLiteral("+58 412-7770000"));
        const QString good = enqueue(QStringLiteral("N2"));
        QTRY_COMPARE(stateOf(bad), NotificationState::Failed);
        QTRY_VERIFY(deliveredOrResolved(good));
        const Notification failed = *m_service->store()->notification(bad, false);
        QCOMPARE(failed.attempts, 1);
        QVERIFY(failed.lastError.contains(QLatin1String("not registered")));
        QCOMPARE(state(), StatusState::Online);
        QCOMPARE(m_states, QList<StatusState>{StatusState::Online});
        QVERIFY(m_service->store()->incidents(10).isEmpty());
        // Online, but never "deliveries succeed" beside the failure.
        QTRY_COMPARE(m_service->statusTracker()->status().reasonCode,
                     StatusReason::RecipientFailures);
        QCOMPARE(m_service->statusTracker()->status().counts.failedForRecipient, 1);
        QCOMPARE(m_service->statusTracker()->status().counts.affectedOrders, 1);
        reportCounts("invalid number");
    }

    // 5. Every other request fails: retries succeed, no false alarm.
    void intermittentNetworkRaisesNoFalseCritical()
    {
        reachOnline();
        QList<GatewayDouble::Mode> flaky;
        for (int i = 0; i < 20; ++i)
            flaky << (i % 2 == 0 ? GatewayDouble::Mode::ServerError : GatewayDouble::Mode::Accept);
        m_waha->setScript(flaky);
        // One order at a time, so each meets a failure and then a success.
        for (int i = 0; i < 8; ++i) {
            const QString id = enqueue(QStringLiteral("F%1").arg(i));
            QTRY_VERIFY(deliveredOrResolved(id));
            QCOMPARE(m_service->store()->notification(id, false)->attempts, 2);
        }
        QVERIFY(!m_states.contains(StatusState::Critical));
        QVERIFY(!m_states.contains(StatusState::Incommunicado));
        QCOMPARE(state(), StatusState::Online);
        QVERIFY(m_service->store()->incidents(10).isEmpty());
    }

    // 6. The health check fails before any order is affected.
    void failingHealthCheckWarnsBeforeOrders()
    {
        reachOnline();
        QSignalSpy statusEvents(m_service->statusTracker(), &StatusTracker::changed);
        m_waha->setSessionStatus(QStringLiteral("SCAN_QR_CODE"));
        QElapsedTimer detection;
        detection.start();
        QTRY_COMPARE(state(), StatusState::Degraded);
        report("health check before orders", detection.elapsed());
        // Two probes are needed (failure_threshold = 2), so up to two intervals.
        QVERIFY(detection.elapsed() <= 2 * kProbeIntervalMs + kProbeTimeoutMs);
        const CommunicationStatus s = m_service->statusTracker()->status();
        QVERIFY(s.healthcheck.failing);
        QVERIFY(s.reason.contains(QLatin1String("SCAN_QR_CODE")));
        QVERIFY(!statusEvents.isEmpty()); // the operator hears of it on the live feed

        const QString order = enqueue(QStringLiteral("H1"));
        QTRY_COMPARE(state(), StatusState::Critical);
        QVERIFY(!deliveredOrResolved(order));
        m_waha->setSessionStatus(QStringLiteral("WORKING"));
        QTRY_VERIFY(deliveredOrResolved(order));
        QTRY_COMPARE(state(), StatusState::Online);
    }

    // 7. During a total outage, what is held is counted: the banner's numbers
    // match the lists (GET /v1/status over the wire, as the console reads it).
    void heldOrdersAreCountedDuringAnOutage()
    {
        reachOnline();
        m_waha->setMode(GatewayDouble::Mode::Refuse);
        const QStringList ids{enqueue(QStringLiteral("W1")), enqueue(QStringLiteral("W2")),
                              enqueue(QStringLiteral("W2"))}; // two notifications, one order
        QTRY_COMPARE(state(), StatusState::Critical);
        QTRY_COMPARE(m_service->statusTracker()->status().counts.affectedOrders, 2);
        const HttpReply status = m_http->get(QStringLiteral("/v1/status"), m_admin);
        QCOMPARE(status.status, 200);
        QCOMPARE(status.json.value(QStringLiteral("affected_orders")).toInt(), 2);
        const QJsonObject waiting = status.json.value(QStringLiteral("waiting")).toObject();
        QCOMPARE(waiting.value(QStringLiteral("count")).toInt(), 3);
        QVERIFY(waiting.value(QStringLiteral("held")).toBool());
        QVERIFY(!waiting.value(QStringLiteral("oldest_since")).toString().isEmpty());
        // The list behind the number.
        const HttpReply list =
                m_http->get(QStringLiteral("/v1/notifications?state=pending,sending"), m_admin);
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json.value(QStringLiteral("items")).toArray().size(), 3);
        report("held orders counted", 0);

        m_waha->setMode(GatewayDouble::Mode::Accept);
        for (const QString &id : ids)
            QTRY_VERIFY(deliveredOrResolved(id));
        QTRY_COMPARE(m_service->statusTracker()->status().counts.waiting, 0);
        QTRY_COMPARE(m_service->statusTracker()->status().counts.affectedOrders, 0);
    }

    // 8. vigiad restarts during an outage (the bot author's "stuck critical"):
    // it starts from what it knew, marked restored, holds, and the first
    // probe that passes ends the outage: incident closed, orders sent, summary.
    void restartDuringAnOutageRecoversOnTheFirstProbe()
    {
        reachOnline();
        m_waha->setMode(GatewayDouble::Mode::Refuse);
        const QStringList ids{enqueue(QStringLiteral("R1")), enqueue(QStringLiteral("R2")),
                              enqueue(QStringLiteral("R3")), enqueue(QStringLiteral("R4"))};
        QTRY_COMPARE(state(), StatusState::Critical);
        QTRY_VERIFY(m_service->supervisor()->openIncident().has_value());

        // The gateway still hangs while vigiad comes back: the restored status
        // is all there is, and it must say so.
        m_waha->setMode(GatewayDouble::Mode::Hang);
        startService();
        CommunicationStatus restored = m_service->statusTracker()->status();
        QCOMPARE(restored.state, StatusState::Critical);
        QVERIFY(restored.restored);
        QCOMPARE(restored.reasonCode, StatusReason::RestoredRechecking);
        QVERIFY(m_service->dispatcher()->isHeld()); // no burst of sends at start-up
        QVERIFY(m_service->supervisor()->openIncident().has_value());

        QElapsedTimer recovery;
        recovery.start();
        m_waha->setMode(GatewayDouble::Mode::Accept);
        m_waha->releaseHungRequests();
        QTRY_COMPARE(state(), StatusState::Online);
        for (const QString &id : ids)
            QTRY_VERIFY(deliveredOrResolved(id));
        report("restart during an outage, recovery", recovery.elapsed());
        QTRY_VERIFY(!m_service->supervisor()->openIncident().has_value());
        QTRY_COMPARE(summariesToAdmin(), 1);
        QVERIFY(!m_service->statusTracker()->status().restored);
        const QList<Incident> all = m_service->store()->incidents(10);
        QCOMPARE(all.size(), 1);
        QVERIFY(!all.constFirst().isOpen());
    }

    // 8b. The orders use up their attempts before the outage is recognised
    // (with the default backoff, 14 s, shorter than settle_s, 20 s): the
    // recovery still sends every one of them, not only the diagnosis' trigger.
    void ordersThatFailedBeforeTheOutageWasRecognisedAreReplayed()
    {
        startService([](ServiceConfig &config) { config.maxAttempts = 1; });
        reachOnline();
        m_waha->setSessionStatus(QStringLiteral("STOPPED"));
        const QStringList ids{enqueue(QStringLiteral("F1")), enqueue(QStringLiteral("F2")),
                              enqueue(QStringLiteral("F3")), enqueue(QStringLiteral("F4"))};
        QTRY_VERIFY(m_service->supervisor()->openIncident().has_value());
        QTRY_VERIFY(stateOf(ids.constFirst()) == NotificationState::Failed);
        // Long enough for the health check to see it: the gateway's return ends it.
        QTRY_VERIFY(m_service->statusTracker()->healthFailing());

        m_waha->setSessionStatus(QStringLiteral("WORKING"));
        QTRY_COMPARE(state(), StatusState::Online);
        for (const QString &id : ids)
            QTRY_VERIFY(deliveredOrResolved(id));
        QTRY_COMPARE(summariesToAdmin(), 1);
    }

    // 9. A gateway that fails every message's first attempt and accepts its
    // retry, for a burst of orders at once: with the default settle time it
    // is a warning at most, never incommunicado or critical, and nobody is
    // sent a diagnosis message.
    void everyFirstAttemptFailingIsNeverAnOutage()
    {
        startService([](ServiceConfig &config) {
            config.status.settleS = StatusPolicy{}.settleS;
            config.delivery.backoffInitialMs = 200;
        });
        reachOnline();
        QList<GatewayDouble::Mode> firstAttemptsFail;
        for (int i = 0; i < 10; ++i)
            firstAttemptsFail << GatewayDouble::Mode::ServerError;
        m_waha->setScript(firstAttemptsFail);
        QStringList ids;
        for (int i = 0; i < 10; ++i)
            ids << enqueue(QStringLiteral("E%1").arg(i));
        for (const QString &id : std::as_const(ids))
            QTRY_VERIFY(deliveredOrResolved(id));
        QTRY_COMPARE(state(), StatusState::Online);
        QVERIFY2(!m_states.contains(StatusState::Incommunicado)
                         && !m_states.contains(StatusState::Critical),
                 qPrintable(QString::number(m_states.size())));
        QVERIFY(m_service->store()->incidents(10).isEmpty());
        QCOMPARE(acceptedTo(kAdminChat).size(), 0);
    }

    // The heartbeat grace is measured on an injected clock: a loaded machine
    // (a sanitizer build beside another test) that stalls for a second or
    // two must not turn a fresh heartbeat into silence before it is read.
    void silentBotGoesOffline()
    {
        m_clock.setNow(QDateTime::currentDateTimeUtc());
        m_fixture->setClock(&m_clock);
        QVERIFY(m_fixture->restart(
                [](ServiceConfig &config) { config.status.heartbeatGraceS = 1; }));
        m_service = m_fixture->service();
        m_http = &m_fixture->http();
        QCOMPARE(m_http->post(QStringLiteral("/v1/heartbeat"), m_bot, {}).status, 200);
        QTRY_COMPARE(state(), StatusState::Online);
        m_clock.advance(1500); // within the grace: still online at the next evaluation
        m_service->statusTracker()->evaluate();
        QCOMPARE(state(), StatusState::Online);
        m_clock.advance(1000); // past it
        QTRY_COMPARE(state(), StatusState::Offline); // the once-a-second evaluation
        QCOMPARE(m_http->post(QStringLiteral("/v1/heartbeat"), m_bot, {}).status, 200);
        QCOMPARE(state(), StatusState::Online);
    }
};

QTEST_GUILESS_MAIN(TstOutageSupervisor)
#include "tst_outagesupervisor.moc"

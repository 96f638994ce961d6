// DemoRun (`vigiad --demo`): the real service, its simulated bot and its
// simulated WhatsApp gateway, on a short cycle. The gateway goes down and
// comes back; meanwhile the bot's orders are held or fail, an incident
// opens, and after the recovery they are delivered with a summary to the
// admin. The status says demo throughout.
#include "DemoBot.h"
#include "DemoRun.h"
#include "DemoWaha.h"
#include "StatusTracker.h"
#include "Store.h"
#include "TestSupport.h"
#include "VigiaService.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Vigia;

class TstDemoRun final : public QObject
{
    Q_OBJECT

private:
    static DemoRun::Options shortCycle()
    {
        DemoRun::Options o;
        o.listenPort = 0;
        o.firstUpMs = 2000;
        o.downMs = 9000;
        o.upMs = 120000; // once is enough: the replay is not cut short
        o.pace.heartbeatMs = 500;
        o.pace.orderMs = 300;
        o.pace.sessionMs = 300;
        o.probeIntervalMs = 200;
        o.probeTimeoutMs = 500;
        o.settleS = 1;
        o.backoffInitialMs = 200;
        return o;
    }

    static QList<Notification> all(Store *store)
    {
        NotificationFilter filter;
        filter.limit = 500;
        return store->notifications(filter).items;
    }

    static int count(Store *store, NotificationState state)
    {
        const QList<Notification> items = all(store);
        return int(std::count_if(items.cbegin(), items.cend(),
                                 [state](const Notification &n) { return n.state == state; }));
    }

    static bool outage(StatusState s)
    {
        return s == StatusState::Incommunicado || s == StatusState::Critical;
    }

private Q_SLOTS:
    void initTestCase() { TestSupport::enterTestMode(); }

    void refusesToListenBeyondLoopback()
    {
        DemoRun::Options o = shortCycle();
        o.listenAddress = QHostAddress(QStringLiteral("0.0.0.0"));
        DemoRun demo(o);
        QString error;
        QVERIFY(!demo.start(&error));
        QVERIFY2(error.contains(QLatin1String("loopback")), qPrintable(error));
    }

    void gatewayCyclesAndTheBacklogIsDelivered()
    {
        DemoRun demo(shortCycle());
        QString error;
        QVERIFY2(demo.start(&error), qPrintable(error));
        QSignalSpy refused(demo.bot(), &DemoBot::requestFailed);
        QSignalSpy flips(demo.waha(), &DemoWaha::upChanged);
        Store *store = demo.service()->store();
        StatusTracker *status = demo.service()->statusTracker();
        TestSupport::Http http(demo.service()->baseUrl());

        // The console's token reads a status that says demo.
        const auto reply = http.get(QStringLiteral("/v1/status"), demo.adminToken());
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QStringLiteral("demo")), QJsonValue(true));
        QCOMPARE(http.get(QStringLiteral("/v1/whoami"), demo.adminToken())
                         .json.value(QStringLiteral("role"))
                         .toString(),
                 QStringLiteral("admin"));

        // While the gateway works, orders are delivered (and acked by its webhook).
        QTRY_VERIFY_WITH_TIMEOUT(count(store, NotificationState::Delivered) >= 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(status->status().whatsappAcks.wired, 10000);
        QVERIFY(!store->openIncident());
        QVERIFY(store->sessions(QStringLiteral("voice")).size() >= 2);

        // It goes down: vigiad sees the outage, holds what waits, opens an incident.
        QTRY_VERIFY_WITH_TIMEOUT(!demo.waha()->isUp(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(outage(status->status().state), 8000);
        QTRY_VERIFY_WITH_TIMEOUT(status->status().counts.held, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(store->openIncident().has_value(), 8000);
        const int deliveredBeforeRecovery = count(store, NotificationState::Delivered);
        QVERIFY(status->status().demo);

        // It comes back: the incident closes, the backlog goes out, the admin
        // gets the summary, and the orders that failed are resolved by the recovery.
        QTRY_VERIFY_WITH_TIMEOUT(demo.waha()->isUp(), 10000);
        QCOMPARE(flips.count(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(!store->openIncident(), 10000);
        const auto summaryDelivered = [&] {
            const QList<Notification> items = all(store);
            return std::any_of(items.cbegin(), items.cend(), [](const Notification &n) {
                return n.type == QLatin1String("RECOVERY_SUMMARY")
                        && n.state == NotificationState::Delivered;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(summaryDelivered(), 30000);
        QVERIFY(count(store, NotificationState::Delivered) > deliveredBeforeRecovery);
        const QList<Notification> items = all(store);
        QVERIFY(std::any_of(items.cbegin(), items.cend(), [](const Notification &n) {
            return n.attempts > 1
                    && (n.state == NotificationState::Delivered
                        || n.state == NotificationState::Resolved);
        }));
        QVERIFY(!outage(status->status().state));
        // The customer WhatsApp does not know failed for herself alone.
        QTRY_VERIFY_WITH_TIMEOUT(status->status().counts.failedForRecipient > 0, 10000);
        // The bot spoke the API as vigiad expects: nothing it sent was refused.
        QCOMPARE(refused.count(), 0);
    }

    void chartsHaveAnHourBehindThem()
    {
        DemoRun demo(shortCycle());
        QString error;
        QVERIFY2(demo.start(&error), qPrintable(error));
        Store *store = demo.service()->store();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QList<HistoryBucket> minutes = store->history(now.addSecs(-3600), now, 60);
        QVERIFY2(minutes.size() >= 59, qPrintable(QString::number(minutes.size())));
        const QList<StatusPeriod> periods = store->statusPeriods(now.addSecs(-3600), now);
        QVERIFY(std::any_of(periods.cbegin(), periods.cend(), [](const StatusPeriod &p) {
            return p.state == StatusState::Critical && p.to.isValid();
        }));
        // The live status starts from now, not from the invented hour.
        QVERIFY(!outage(demo.service()->statusTracker()->status().state));
    }

    void temporaryStoreIsRemoved()
    {
        QString dir;
        {
            DemoRun demo(shortCycle());
            QString error;
            QVERIFY2(demo.start(&error), qPrintable(error));
            dir = demo.storeDirectory();
            QVERIFY(QFileInfo::exists(dir + QStringLiteral("/vigia.db")));
        }
        QVERIFY(!QFileInfo::exists(dir));
    }
};

QTEST_GUILESS_MAIN(TstDemoRun)
#include "tst_demorun.moc"

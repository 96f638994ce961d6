// The queue's figures under the charts and the cleanup, end to end: a real
// vigiad in-process on a real SQLite file (its clock a ManualClock, so that
// "40 days old" is made, not waited for), a WAHA double, the real console.
#include "ChartsPanel.h"
#include "ConsoleApplication.h"
#include "ConsoleController.h"
#include "MainWindow.h"
#include "QueueStatsPanel.h"
#include "QueueWatch.h"
#include "ServiceFixture.h"
#include "Store.h"
#include "TestSupport.h"
#include "VigiaService.h"
#include "WahaDouble.h"

#include <QApplication>
#include <QDialog>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace Vigia;
using namespace Vigia::TestSupport;

class TstQueueWatch final : public QObject
{
    Q_OBJECT

private:
    ManualClock m_clock{QDateTime::currentDateTimeUtc().addDays(-40)}; // outlives the fixture
    std::unique_ptr<ServiceFixture> m_fixture;
    VigiaService *m_service = nullptr;

    QString enqueue(const QString &order)
    {
        const HttpReply r =
                m_fixture->http().post(QStringLiteral("/v1/notifications"),
                                       m_fixture->token(Role::Bot), whatsappBody(order));
        return r.json.value(QStringLiteral("id")).toString();
    }
    QString stateOf(const QString &id)
    {
        const auto n = m_service->store()->notification(id, false);
        return n ? stateName(n->state) : QString();
    }
    std::unique_ptr<ConsoleApplication> openConsole(Role role)
    {
        auto console = std::make_unique<ConsoleApplication>();
        ConsoleOptions options;
        options.server = m_service->baseUrl();
        options.token =
                addToken(m_service->store(), role, QStringLiteral("console-%1").arg(int(role)));
        options.useKeychain = false;
        console->start(options);
        return console;
    }

private Q_SLOTS:
    void initTestCase()
    {
        enterTestMode();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void init()
    {
        m_clock.setNow(QDateTime::currentDateTimeUtc().addDays(-40));
        m_fixture = std::make_unique<ServiceFixture>();
        m_fixture->setClock(&m_clock);
        QVERIFY(m_fixture->start([](ServiceConfig &c) {
            c.delivery.ackTimeoutMs = 0; // the double sends no acks
            c.maxAttempts = 1;
            // Retention would remove the old deliveries by itself: only the cleanup may.
            c.retention.notificationsDays = 3650;
        }));
        m_service = m_fixture->service();
        // 40 days ago: two delivered and one failed; today: one more delivered.
        const QString a = enqueue(QStringLiteral("Q-1"));
        const QString b = enqueue(QStringLiteral("Q-2"));
        QTRY_COMPARE(stateOf(a), QStringLiteral("delivered"));
        QTRY_COMPARE(stateOf(b), QStringLiteral("delivered"));
        m_fixture->waha()->setApiKey(QByteArrayLiteral("rotated"));
        const QString f = enqueue(QStringLiteral("Q-F"));
        QTRY_COMPARE(stateOf(f), QStringLiteral("failed"));
        m_fixture->waha()->setApiKey(QByteArray());
        m_clock.setNow(QDateTime::currentDateTimeUtc());
        const QString c = enqueue(QStringLiteral("Q-3"));
        QTRY_COMPARE(stateOf(c), QStringLiteral("delivered"));
    }

    void cleanup()
    {
        m_service = nullptr;
        m_fixture.reset();
    }

    void figuresShowUnderTheCharts()
    {
        auto console = openConsole(Role::Viewer);
        QueueStatsPanel *panel = console->window()->queuePanel();
        QVERIFY(panel);
        QVERIFY(console->window()->chartsPanel()->isAncestorOf(panel));
        QTRY_VERIFY2(panel->figuresText().contains(QStringLiteral("Delivered: 3")),
                     qPrintable(panel->figuresText()));
        QVERIFY2(panel->figuresText().contains(QStringLiteral("Failed: 1")),
                 qPrintable(panel->figuresText()));
        QVERIFY2(panel->figuresText().startsWith(QStringLiteral("Waiting: 0")),
                 qPrintable(panel->figuresText()));
        // A viewer reads, and may not clean up.
        auto *clean = panel->findChild<QPushButton *>(QStringLiteral("queueCleanup"));
        QVERIFY(clean);
        QVERIFY(!clean->isEnabled());
    }

    // An admin removes what was finished more than 30 days ago: the old
    // deliveries go, the failure and today's delivery stay.
    void anAdminCleansUpOldFinishedNotifications()
    {
        auto console = openConsole(Role::Admin);
        QueueStatsPanel *panel = console->window()->queuePanel();
        QTRY_VERIFY(panel->figuresText().contains(QStringLiteral("Delivered: 3")));
        auto *clean = panel->findChild<QPushButton *>(QStringLiteral("queueCleanup"));
        QTRY_VERIFY(clean->isEnabled());
        QTest::mouseClick(clean, Qt::LeftButton);
        QDialog *dialog = panel->cleanupDialog();
        QVERIFY(dialog);
        QCOMPARE(panel->cleanupDays()->value(), QueueStatsPanel::kDefaultCleanupDays);
        // Cancel changes nothing.
        dialog->reject();
        QTRY_VERIFY(!panel->cleanupDialog());
        QCOMPARE(m_service->store()
                         ->stats(m_clock.now())
                         .byState.value(NotificationState::Delivered),
                 3);

        QSignalSpy said(console->queueWatch(), &QueueWatch::message);
        QTest::mouseClick(clean, Qt::LeftButton);
        panel->cleanupDays()->setValue(30);
        panel->cleanupDialog()->findChild<QPushButton *>(QStringLiteral("cleanupRemove"))->click();
        QTRY_COMPARE(said.size(), 1);
        QVERIFY2(said.first().first().toString().contains(QStringLiteral("Removed 2")),
                 qPrintable(said.first().first().toString()));
        QTRY_VERIFY2(panel->figuresText().contains(QStringLiteral("Delivered: 1")),
                     qPrintable(panel->figuresText()));
        QVERIFY(panel->figuresText().contains(QStringLiteral("Failed: 1")));
    }
};

QTEST_MAIN(TstQueueWatch)
#include "tst_queuewatch.moc"

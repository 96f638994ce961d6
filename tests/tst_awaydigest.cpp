// "While you were away" end to end: a real vigiad in-process, a WAHA double,
// the real console. A console that remembers when it last saw the server
// asks what happened since and shows it above the tabs; a first run does not.
#include "AwayDigestPanel.h"
#include "AwayWatch.h"
#include "Clock.h"
#include "ConsoleApplication.h"
#include "ConsoleController.h"
#include "LocalSnapshot.h"
#include "MainWindow.h"
#include "ServiceFixture.h"
#include "Store.h"
#include "TestSupport.h"
#include "VigiaService.h"
#include "WahaDouble.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace Vigia;
using namespace Vigia::TestSupport;

class TstAwayDigest final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServiceFixture> m_fixture;
    VigiaService *m_service = nullptr;
    Http *m_http = nullptr;
    QString m_bot;

    QString enqueue(const QString &order)
    {
        const HttpReply r =
                m_http->post(QStringLiteral("/v1/notifications"), m_bot, whatsappBody(order));
        return r.json.value(QStringLiteral("id")).toString();
    }
    QString stateOf(const QString &id)
    {
        const auto n = m_service->store()->notification(id, false);
        return n ? stateName(n->state) : QString();
    }
    std::unique_ptr<ConsoleApplication> openConsole()
    {
        auto console = std::make_unique<ConsoleApplication>();
        ConsoleOptions options;
        options.server = m_service->baseUrl();
        options.token = addToken(m_service->store(), Role::Admin, QStringLiteral("console-admin"));
        options.useKeychain = false;
        console->start(options);
        return console;
    }
    // While the console was away: two deliveries, one failure that another
    // operator (ana) resolved, and an hour of total loss.
    void happenWhileAway()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        AwayWatch::setLastSeen(m_service->baseUrl(), now.addSecs(-3 * 3600));
        QVERIFY(m_service->store()->saveStatusChange(now.addSecs(-2 * 3600), StatusState::Critical,
                                                     QStringLiteral("total_loss")));
        QVERIFY(m_service->store()->saveStatusChange(now.addSecs(-3600), StatusState::Online,
                                                     QString()));
        m_fixture->waha()->setApiKey(QByteArrayLiteral("rotated")); // the next send fails
        const QString failed = enqueue(QStringLiteral("A-F"));
        QTRY_COMPARE(stateOf(failed), QStringLiteral("failed"));
        m_fixture->waha()->setApiKey(QByteArray());
        const QString a = enqueue(QStringLiteral("A-1"));
        const QString b = enqueue(QStringLiteral("A-2"));
        QTRY_COMPARE(stateOf(a), QStringLiteral("delivered"));
        QTRY_COMPARE(stateOf(b), QStringLiteral("delivered"));
        const QString ana = addToken(m_service->store(), Role::Support, QStringLiteral("ana"));
        QCOMPARE(m_http->post(QStringLiteral("/v1/notifications/%1/resolve").arg(failed), ana,
                              {{QStringLiteral("method"), QStringLiteral("phone_call")}})
                         .status,
                 200);
    }

private Q_SLOTS:
    void initTestCase()
    {
        enterTestMode();
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void init()
    {
        m_fixture = std::make_unique<ServiceFixture>();
        QVERIFY(m_fixture->waha()->start());
        QVERIFY(m_fixture->start([](ServiceConfig &c) {
            c.delivery.ackTimeoutMs = 0; // the double sends no acks
            c.maxAttempts = 1;
        }));
        m_service = m_fixture->service();
        m_http = &m_fixture->http();
        m_bot = m_fixture->token(Role::Bot);
        QSettings().remove(AwayWatch::lastSeenKey(m_service->baseUrl()));
        QSettings().remove(AwayWatch::owedSinceKey(m_service->baseUrl()));
    }

    void cleanup()
    {
        m_http = nullptr;
        m_service = nullptr;
        m_fixture.reset();
    }

    void showsWhatHappenedSinceLastSeen()
    {
        happenWhileAway();
        auto console = openConsole();
        QSignalSpy ready(console->awayWatch(), &AwayWatch::digestReady);
        AwayDigestPanel *panel = console->window()->awayDigestPanel();
        QTRY_VERIFY(panel->isVisible());
        QCOMPARE(ready.size(), 1);
        QVERIFY2(panel->countsText().contains(
                         QStringLiteral("Delivered: 2 · Failed: 1 · Resolved: 1")),
                 qPrintable(panel->countsText()));
        QVERIFY2(panel->changesText().contains(
                         QStringLiteral("Critical: total communication loss (1 h 0 min)")),
                 qPrintable(panel->changesText()));
        QVERIFY2(panel->changesText().contains(QStringLiteral("Online")),
                 qPrintable(panel->changesText()));
        QVERIFY2(panel->awayText().contains(QStringLiteral("You were away for 3 h")),
                 qPrintable(panel->awayText()));
        // Another operator's action, by name; the console's own are left out.
        QVERIFY2(panel->actionsText().contains(QStringLiteral("ana")),
                 qPrintable(panel->actionsText()));
        QVERIFY(!panel->actionsText().contains(QStringLiteral("console-admin")));
        QVERIFY(console->window()->awayDigestAction()->isEnabled());
    }

    // No "last seen" in the settings, but the server's local snapshot says
    // when the console last had it live: that is where the digest starts.
    void startsFromTheLocalSnapshotWhenTheSettingsDoNotKnow()
    {
        happenWhileAway();
        QSettings().remove(AwayWatch::lastSeenKey(m_service->baseUrl()));
        // As a console before profiles kept it, named after the URL; the
        // server's profile (a fresh one: none saved) adopts it.
        QSettings().remove(QStringLiteral("profiles"));
        QString path = LocalSnapshot::filePathFor(LocalSnapshot::urlKeyFor(m_service->baseUrl()));
        QFile::remove(path);
        {
            LocalSnapshot file(path);
            QVERIFY(file.open());
            SnapshotContents contents;
            contents.takenAt = QDateTime::currentDateTimeUtc().addSecs(-3 * 3600);
            QVERIFY(file.write(contents));
        }
        auto console = std::make_unique<ConsoleApplication>();
        ConsoleOptions options;
        options.server = m_service->baseUrl();
        options.token = addToken(m_service->store(), Role::Admin, QStringLiteral("console-admin"));
        options.useKeychain = false;
        options.localSnapshot = true;
        console->start(options);
        AwayDigestPanel *panel = console->window()->awayDigestPanel();
        QTRY_VERIFY(panel->isVisible());
        QVERIFY2(panel->awayText().contains(QStringLiteral("You were away for 3 h")),
                 qPrintable(panel->awayText()));
        path = console->controller()->localSnapshotPath();
        console.reset();
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
    }

    void showsNothingOnTheFirstRun()
    {
        m_fixture->waha()->setApiKey(QByteArrayLiteral("rotated")); // news, were it asked
        const QString a = enqueue(QStringLiteral("A-F"));
        QTRY_COMPARE(stateOf(a), QStringLiteral("failed"));
        QVERIFY(!AwayWatch::lastSeen(m_service->baseUrl()).isValid());
        auto console = openConsole();
        QSignalSpy loaded(console->controller(), &ConsoleController::snapshotLoaded);
        QVERIFY(loaded.wait());
        QTRY_VERIFY(AwayWatch::lastSeen(m_service->baseUrl()).isValid()); // remembered now
        // A digest asked now is answered after one the console would have
        // asked on connecting: had it asked, its answer is in by then.
        bool answered = false;
        console->controller()->api()->digest(
                QDateTime::currentDateTimeUtc().addSecs(-3600),
                [&answered](const ApiReply<Digest> &reply) { answered = reply.ok(); });
        QTRY_VERIFY(answered);
        QVERIFY(!console->window()->awayDigestPanel()->isVisible());
        QVERIFY(!console->window()->awayDigestAction()->isEnabled());
        QVERIFY(!console->awayWatch()->digest());
    }

    void showsNothingWhenNothingHappened()
    {
        // Deliveries alone are the daily routine, not news.
        AwayWatch::setLastSeen(m_service->baseUrl(),
                               QDateTime::currentDateTimeUtc().addSecs(-3600));
        const QString a = enqueue(QStringLiteral("A-1"));
        QTRY_COMPARE(stateOf(a), QStringLiteral("delivered"));
        auto console = openConsole();
        QSignalSpy loaded(console->controller(), &ConsoleController::snapshotLoaded);
        QVERIFY(loaded.wait());
        bool answered = false; // see showsNothingOnTheFirstRun
        console->controller()->api()->digest(
                QDateTime::currentDateTimeUtc().addSecs(-3600),
                [&answered](const ApiReply<Digest> &reply) { answered = reply.ok(); });
        QTRY_VERIFY(answered);
        QVERIFY2(!console->window()->awayDigestPanel()->isVisible(),
                 qPrintable(console->window()->awayDigestPanel()->changesText()
                            + console->window()->awayDigestPanel()->countsText()));
        QVERIFY(!console->awayWatch()->digest());
    }

    void dismissHidesItAndTheMenuShowsItAgain()
    {
        happenWhileAway();
        auto console = openConsole();
        AwayDigestPanel *panel = console->window()->awayDigestPanel();
        QTRY_VERIFY(panel->isVisible());
        auto *dismiss = panel->findChild<QPushButton *>(QStringLiteral("awayDismiss"));
        QVERIFY(dismiss);
        QTest::mouseClick(dismiss, Qt::LeftButton);
        QVERIFY(!panel->isVisible());
        QAction *reopen = console->window()->awayDigestAction();
        QVERIFY(reopen->isEnabled());
        reopen->trigger();
        QVERIFY(panel->isVisible());
        QVERIFY(panel->countsText().contains(QStringLiteral("Delivered: 2")));
    }

    void asksAgainOnlyAfterMoreThanTheThreshold()
    {
        // The console's clock is a manual one, an hour behind the server's
        // so that what it remembers is never in the server's future: the
        // gap is made, not waited for.
        ManualClock clock(QDateTime::currentDateTimeUtc().addSecs(-3600));
        ConsoleController controller(&clock);
        AwayWatch watch(&controller, &clock);
        QSignalSpy ready(&watch, &AwayWatch::digestReady);
        const QString token =
                addToken(m_service->store(), Role::Admin, QStringLiteral("console-admin"));
        const auto reconnectAfter = [&](std::chrono::minutes gap) {
            controller.disconnectFromServer(); // last seen: now
            clock.advance(std::chrono::milliseconds(gap).count());
            controller.connectTo(m_service->baseUrl(), token);
            QTRY_VERIFY(controller.isLive());
        };
        controller.connectTo(m_service->baseUrl(), token);
        QTRY_VERIFY(controller.isLive());
        m_fixture->waha()->setApiKey(QByteArrayLiteral("rotated")); // the next send fails
        const QString a = enqueue(QStringLiteral("A-F"));
        QTRY_COMPARE(stateOf(a), QStringLiteral("failed"));

        reconnectAfter(AwayWatch::kAwayThreshold - std::chrono::minutes(1));
        bool answered = false; // see showsNothingOnTheFirstRun
        controller.api()->digest(clock.now().addSecs(-3600),
                                 [&answered](const ApiReply<Digest> &r) { answered = r.ok(); });
        QTRY_VERIFY(answered);
        QCOMPARE(ready.size(), 0);

        reconnectAfter(AwayWatch::kAwayThreshold + std::chrono::minutes(1));
        QTRY_COMPARE(ready.size(), 1);
        const auto digest = ready.first().first().value<Digest>();
        QCOMPARE(digest.activity.failed, 1);
        QCOMPARE(AwayWatch::lastSeen(m_service->baseUrl()), clock.now());
    }

    // vigiad goes away the moment the console sees it: the digest asked then
    // is lost, yet "last seen" already says now. It is still owed, and asked
    // again, from the same moment, once vigiad is back.
    void aDigestLostToAFailedRequestIsAskedAgain()
    {
        happenWhileAway();
        SystemClock clock;
        ConsoleController controller(&clock);
        AwayWatch watch(&controller, &clock);
        QSignalSpy ready(&watch, &AwayWatch::digestReady);
        const QString token =
                addToken(m_service->store(), Role::Admin, QStringLiteral("console-admin"));
        const QUrl server = m_service->baseUrl();
        bool stopped = false;
        connect(&controller, &ConsoleController::liveChanged, this, [&](bool live) {
            if (!live || stopped)
                return;
            stopped = true; // after AwayWatch asked: its request meets no one
            m_http = nullptr;
            m_service = nullptr;
            m_fixture->stop();
        });
        controller.connectTo(server, token);
        QTRY_VERIFY(stopped);
        QTRY_VERIFY(!controller.isLive());
        QCOMPARE(ready.size(), 0);
        QVERIFY(AwayWatch::owedSince(server).isValid());

        QVERIFY(m_fixture->start([port = server.port()](ServiceConfig &c) {
            c.delivery.ackTimeoutMs = 0;
            c.maxAttempts = 1;
            c.listenPort = quint16(port); // the same server, as the console knows it
        }));
        m_service = m_fixture->service();
        QCOMPARE(m_service->baseUrl(), server);
        controller.connectTo(server, token);
        QTRY_COMPARE(ready.size(), 1);
        QCOMPARE(ready.first().first().value<Digest>().activity.resolved, 1);
        QTRY_VERIFY(!AwayWatch::owedSince(server).isValid());
    }

    void speaksSpanish()
    {
        QTranslator spanish;
        QVERIFY(spanish.load(QStringLiteral(VIGIA_QM_DIR "/vigia_es.qm")));
        QVERIFY(QCoreApplication::installTranslator(&spanish));
        happenWhileAway();
        auto console = openConsole();
        AwayDigestPanel *panel = console->window()->awayDigestPanel();
        QTRY_VERIFY(panel->isVisible());
        const QString counts = panel->countsText();
        const QString changes = panel->changesText();
        const QString away = panel->awayText();
        QCoreApplication::removeTranslator(&spanish);
        QVERIFY2(counts.contains(QStringLiteral("Entregadas: 2")), qPrintable(counts));
        QVERIFY2(changes.contains(QStringLiteral("Crítico")), qPrintable(changes));
        QVERIFY2(away.startsWith(QStringLiteral("Estuviste")), qPrintable(away));
        QVERIFY(!panel->findChild<QPushButton *>(QStringLiteral("awayDismiss"))
                         ->text()
                         .contains(QStringLiteral("Dismiss")));
    }
};

QTEST_MAIN(TstAwayDigest)
#include "tst_awaydigest.moc"

// The console's history against a real vigiad on loopback: the range is
// loaded once vigiad has recorded a minute, each minute that ends on the
// live feed adds its point without a reset, another range is read anew,
// and a reconnect reads it again. Time is a ManualClock shared with vigiad.
#include "ConsoleController.h"
#include "DeliveryDispatcher.h"
#include "HistoryModel.h"
#include "HistoryRecorder.h"
#include "ServiceFixture.h"
#include "Store.h"
#include "TestSupport.h"
#include "VigiaService.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Vigia;
using namespace Vigia::TestSupport;

namespace {
// Five seconds into a minute, so the test's own steps stay inside it.
const QDateTime kStart(QDate(2026, 3, 2), QTime(9, 0, 5), Qt::UTC);
const QDateTime kMinute(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
} // namespace

class TstConsoleHistory final : public QObject
{
    Q_OBJECT

    ManualClock m_clock{kStart}; // outlives every fixture and controller
    std::unique_ptr<ServiceFixture> m_fixture;
    std::unique_ptr<ConsoleController> m_controller;

    HistoryRecorder *recorder() const { return m_fixture->service()->history(); }
    // The clock leaves the minute under way and vigiad closes it.
    void endMinute()
    {
        // A delivery stored on the delivery store thread reaches the
        // recorder a moment later, with the dispatcher's answer.
        QTRY_COMPARE(m_fixture->service()->dispatcher()->inFlight(), 0);
        m_clock.advance(60 * 1000);
        recorder()->tick();
    }
    QString enqueue(const QString &orderId)
    {
        const HttpReply r =
                m_fixture->http().post(QStringLiteral("/v1/notifications"),
                                       m_fixture->token(Role::Bot), whatsappBody(orderId));
        return r.json.value(QStringLiteral("id")).toString();
    }
    NotificationState stateOf(const QString &id) const
    {
        const auto n = m_fixture->store()->notification(id, false);
        return n ? n->state : NotificationState::Pending;
    }
    bool connectConsole()
    {
        m_controller = std::make_unique<ConsoleController>(&m_clock);
        m_controller->liveFeed()->setReconnectDelays(50, 200);
        QSignalSpy loaded(m_controller.get(), &ConsoleController::historyLoaded);
        m_controller->connectTo(m_fixture->service()->baseUrl(), m_fixture->token(Role::Viewer));
        return loaded.wait(10000);
    }

private Q_SLOTS:
    void initTestCase() { enterTestMode(); }

    void init()
    {
        m_clock.setNow(kStart);
        m_fixture = std::make_unique<ServiceFixture>();
        m_fixture->setClock(&m_clock);
        QVERIFY(m_fixture->start([](ServiceConfig &c) { c.delivery.ackTimeoutMs = 0; }));
    }

    void cleanup()
    {
        m_controller.reset();
        m_fixture.reset();
    }

    void loadsTheRecordedMinutes()
    {
        const QString id = enqueue(QStringLiteral("H-1"));
        QTRY_COMPARE(stateOf(id), NotificationState::Delivered);
        endMinute();
        QVERIFY(connectConsole());
        HistoryModel *model = m_controller->historyModel();
        QCOMPARE(model->stepSeconds(), 60);
        QCOMPARE(model->to(), kMinute.addSecs(60));
        QCOMPARE(model->from(), kMinute.addSecs(60 - 3600));
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data(HistoryModel::AtRole).toDateTime(), kMinute);
        QCOMPARE(model->index(0, 0).data(HistoryModel::AttemptsRole).toInt(), 1);
        QCOMPARE(model->index(0, 0).data(HistoryModel::SuccessRateRole).toDouble(), 100.0);
    }

    void aLiveMinuteAddsAPointWithoutAReset()
    {
        endMinute();
        QVERIFY(connectConsole());
        HistoryModel *model = m_controller->historyModel();
        QCOMPARE(model->rowCount(), 1);
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);
        const QString id = enqueue(QStringLiteral("H-2"));
        QTRY_COMPARE(stateOf(id), NotificationState::Delivered);
        endMinute(); // 9:01 ends: history.minute on the feed
        QVERIFY(inserted.wait(10000));
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(1, 0).data(HistoryModel::AtRole).toDateTime(), kMinute.addSecs(60));
        QCOMPARE(model->index(1, 0).data(HistoryModel::DeliveredRole).toInt(), 1);
        QCOMPARE(model->to(), kMinute.addSecs(120));
        QCOMPARE(resets.size(), 0);
    }

    void anotherRangeIsReadAnewAndMinutesMergeIntoItsBuckets()
    {
        endMinute();
        QVERIFY(connectConsole());
        HistoryModel *model = m_controller->historyModel();
        QSignalSpy loaded(m_controller.get(), &ConsoleController::historyLoaded);
        m_controller->setHistoryRange(HistoryModel::Range::LastDay);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(model->stepSeconds(), 900);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data(HistoryModel::StepRole).toInt(), 900);
        // The next minute (9:01) falls in the same quarter: merged, not a row.
        QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        const QString id = enqueue(QStringLiteral("H-3"));
        QTRY_COMPARE(stateOf(id), NotificationState::Delivered);
        endMinute();
        QVERIFY(changed.wait(10000));
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, 0).data(HistoryModel::AttemptsRole).toInt(), 1);
        m_controller->setHistoryRange(HistoryModel::Range::LastWeek);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(model->stepSeconds(), 3600);
    }

    void aReconnectReadsTheRangeAgain()
    {
        endMinute();
        QVERIFY(connectConsole());
        QSignalSpy loaded(m_controller.get(), &ConsoleController::historyLoaded);
        // vigiad restarts on the same port and store: the console comes
        // back by itself and reads the range again.
        const quint16 port = quint16(m_fixture->service()->baseUrl().port());
        m_fixture->stop();
        QTRY_COMPARE(m_controller->link(), ConsoleController::Link::Lost);
        m_clock.advance(60 * 1000); // a minute vigiad missed: a gap
        QVERIFY(m_fixture->start([port](ServiceConfig &c) {
            c.delivery.ackTimeoutMs = 0;
            c.listenPort = port;
        }));
        m_controller->reconnectNow();
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->link(), ConsoleController::Link::Live, 10000);
        QTRY_VERIFY(loaded.size() >= 1);
        QCOMPARE(m_controller->historyModel()->to(), kMinute.addSecs(120));
        QCOMPARE(m_controller->historyModel()->rowCount(), 1);
    }
};

QTEST_MAIN(TstConsoleHistory)
#include "tst_consolehistory.moc"

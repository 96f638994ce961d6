// HistoryModel: the buckets of the range shown, looked up by time, fed a
// minute at a time without a reset (a new row, or merged into its bucket),
// sliding forward with the range, the status periods and the uptime they
// give; QAbstractItemModelTester watching every change.
#include "HistoryModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Vigia;

namespace {
const QDateTime kT0(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);

HistoryBucket minute(const QDateTime &at, int attempts, int delivered, int waiting,
                     StatusState state = StatusState::Online)
{
    HistoryBucket b;
    b.at = at;
    b.stepS = 60;
    ChannelActivity a;
    a.attempts = attempts;
    a.delivered = delivered;
    a.enqueued = attempts;
    b.channels.insert(QStringLiteral("whatsapp"), a);
    b.waiting = waiting;
    b.failedTotal = attempts - delivered;
    b.state = state;
    return b;
}

StatusPeriod period(const QDateTime &from, const QDateTime &to, StatusState state)
{
    StatusPeriod p;
    p.from = from;
    p.to = to;
    p.state = state;
    return p;
}
} // namespace

class TstHistoryModel final : public QObject
{
    Q_OBJECT

private:
    static void verifyIndex(const HistoryModel &model)
    {
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.rowOf(model.index(row, 0).data(HistoryModel::AtRole).toDateTime()), row);
    }

private Q_SLOTS:
    void passesModelTester()
    {
        HistoryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.replaceAll(kT0, kT0.addSecs(600), 60,
                         {minute(kT0.addSecs(120), 4, 3, 2), minute(kT0, 2, 2, 0),
                          minute(kT0.addSecs(-600), 1, 1, 0)}, // before the range
                         {period(kT0.addSecs(-60), {}, StatusState::Online)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(HistoryModel::ColumnCount));
        verifyIndex(model);
        QVERIFY(model.addMinute(minute(kT0.addSecs(600), 5, 5, 1)));
        QVERIFY(model.addMinute(minute(kT0.addSecs(660), 5, 4, 1, StatusState::Degraded)));
        verifyIndex(model);
        for (int row = 0; row < model.rowCount(); ++row) {
            for (int column = 0; column < model.columnCount(); ++column)
                QVERIFY(model.index(row, column).data().isValid());
        }
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void rowsAreFoundByTime()
    {
        HistoryModel model;
        model.replaceAll(kT0, kT0.addSecs(3600), 900,
                         {minute(kT0, 1, 1, 0), minute(kT0.addSecs(1800), 2, 1, 3)}, {});
        QCOMPARE(model.rowOf(kT0.addSecs(899)), 0);
        QCOMPARE(model.rowOf(kT0.addSecs(900)), -1); // a gap: vigiad was not running
        QCOMPARE(model.rowOf(kT0.addSecs(2000)), 1);
        QCOMPARE(model.index(1, 0).data(HistoryModel::SuccessRateRole).toDouble(), 50.0);
        QCOMPARE(model.index(1, 0).data(HistoryModel::WaitingRole).toInt(), 3);
    }

    void aMinuteIsANewRowWithoutAReset()
    {
        HistoryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.replaceAll(kT0, kT0.addSecs(3600), 60, {minute(kT0.addSecs(60), 1, 1, 0)}, {});
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QVERIFY(model.addMinute(minute(kT0.addSecs(3600), 10, 9, 4)));
        QCOMPARE(resets.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, 0).data(HistoryModel::SuccessRateRole).toDouble(), 90.0);
        // The range slid a minute: it ends with the new one.
        QCOMPARE(model.to(), kT0.addSecs(3660));
        QCOMPARE(model.from(), kT0.addSecs(60));
        QCOMPARE(removed.size(), 0);
        // Another minute on: the oldest bucket leaves the range.
        QVERIFY(model.addMinute(minute(kT0.addSecs(3660), 1, 1, 0)));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(HistoryModel::AtRole).toDateTime(), kT0.addSecs(3600));
        verifyIndex(model);
        // The same minute again (a replay after a reconnect) counts once.
        QVERIFY(!model.addMinute(minute(kT0.addSecs(3660), 1, 1, 0)));
        QCOMPARE(resets.size(), 0);
    }

    void aMinuteMergesIntoItsLongerBucket()
    {
        HistoryModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        HistoryBucket quarter = minute(kT0, 4, 2, 5);
        quarter.stepS = 900;
        model.replaceAll(kT0.addSecs(-86400 + 900), kT0.addSecs(300), 900, {quarter}, {});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QVERIFY(model.addMinute(minute(kT0.addSecs(300), 4, 4, 1)));
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(HistoryModel::AttemptsRole).toInt(), 8);
        QCOMPARE(model.index(0, 0).data(HistoryModel::DeliveredRole).toInt(), 6);
        QCOMPARE(model.index(0, 0).data(HistoryModel::WaitingRole).toInt(), 5); // the highest
        // The next quarter starts a row of its own, at the quarter's start.
        QVERIFY(model.addMinute(minute(kT0.addSecs(960), 1, 1, 0)));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.index(1, 0).data(HistoryModel::AtRole).toDateTime(), kT0.addSecs(900));
        QCOMPARE(model.index(1, 0).data(HistoryModel::StepRole).toInt(), 900);
    }

    void uptimeIsTheShareOfTimeOnline()
    {
        HistoryModel model;
        QVERIFY(!model.uptimePercent());
        // A quarter of the hour critical, the rest online (the first period
        // began before the range and counts from its start).
        model.replaceAll(kT0, kT0.addSecs(3600), 60, {},
                         {period(kT0.addSecs(-600), kT0.addSecs(900), StatusState::Critical),
                          period(kT0.addSecs(900), {}, StatusState::Online)});
        QVERIFY(model.uptimePercent());
        QCOMPARE(*model.uptimePercent(), 75.0);
        // A minute that ends degraded opens a period of its own.
        QSignalSpy periods(&model, &HistoryModel::periodsChanged);
        QVERIFY(model.addMinute(minute(kT0.addSecs(3600), 1, 0, 0, StatusState::Degraded)));
        QVERIFY(periods.size() >= 1);
        QCOMPARE(model.periods().constLast().state, StatusState::Degraded);
        QCOMPARE(model.periods().at(1).to, kT0.addSecs(3660)); // online until the minute ended
        // The range slid a minute: 46 of its 60 minutes online.
        QVERIFY(qFuzzyCompare(*model.uptimePercent(), 100.0 * 2760 / 3600));
    }

    void noPeriodsNoUptime()
    {
        HistoryModel model;
        model.replaceAll(kT0, kT0.addSecs(3600), 60, {minute(kT0, 1, 1, 0)}, {});
        QVERIFY(!model.uptimePercent());
    }
};

QTEST_MAIN(TstHistoryModel)
#include "tst_historymodel.moc"

// ChartsPanel on the offscreen platform: the empty state until a bucket is
// recorded, a line per stretch without a gap, the uptime from the status
// periods, the hover's text and the range buttons.
#include "AuditModel.h"
#include "ChartsPanel.h"
#include "HistoryModel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

using namespace Vigia;

namespace {
const QDateTime kT0(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);

HistoryBucket minute(const QDateTime &at, int attempts, int delivered, int waiting)
{
    HistoryBucket b;
    b.at = at;
    ChannelActivity a;
    a.attempts = attempts;
    a.delivered = delivered;
    b.channels.insert(QStringLiteral("whatsapp"), a);
    b.waiting = waiting;
    b.failedTotal = 0;
    b.state = StatusState::Online;
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

int lineCount(const QChartView *view)
{
    int lines = 0;
    for (QAbstractSeries *s : view->chart()->series())
        lines += s->type() == QAbstractSeries::SeriesTypeLine ? 1 : 0;
    return lines;
}
} // namespace

class TstChartsPanel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void saysThereIsNoHistoryYet()
    {
        HistoryModel model;
        ChartsPanel panel(&model);
        panel.resize(1000, 500);
        panel.show();
        QVERIFY(panel.showsEmptyState());
        auto *empty = panel.findChild<QLabel *>(QStringLiteral("chartsEmptyLabel"));
        QVERIFY(empty && empty->isVisible());
        QVERIFY(empty->text().contains(QLatin1String("No history yet")));
        QVERIFY(panel.uptimeText().contains(QLatin1String("not known")));
        // The first minute ends: the charts replace the message.
        model.replaceAll(kT0, kT0.addSecs(3600), 60, {}, {});
        QVERIFY(panel.showsEmptyState());
        model.addMinute(minute(kT0.addSecs(3600), 2, 2, 0));
        QVERIFY(!panel.showsEmptyState());
        QVERIFY(!empty->isVisible());
    }

    void showsUptimeFromThePeriods()
    {
        HistoryModel model;
        ChartsPanel panel(&model);
        model.replaceAll(kT0, kT0.addSecs(3600), 60, {minute(kT0, 4, 3, 1)},
                         {period(kT0.addSecs(-60), kT0.addSecs(900), StatusState::Critical),
                          period(kT0.addSecs(900), {}, StatusState::Online)});
        QCOMPARE(panel.uptimeText(), QStringLiteral("Online 75.0 % of the time shown"));
        auto *label = panel.findChild<QLabel *>(QStringLiteral("uptimeLabel"));
        QCOMPARE(label->text(), panel.uptimeText());
        // Both periods are shaded behind the lines, in each chart.
        auto *rate = panel.findChild<QChartView *>(QStringLiteral("successRateChart"));
        int areas = 0;
        for (QAbstractSeries *s : rate->chart()->series())
            areas += s->type() == QAbstractSeries::SeriesTypeArea ? 1 : 0;
        QCOMPARE(areas, 2);
        QCOMPARE(rate->chart()->series().constLast()->type(), QAbstractSeries::SeriesTypeLine);
    }

    void aGapBreaksTheLine()
    {
        HistoryModel model;
        ChartsPanel panel(&model);
        model.replaceAll(kT0, kT0.addSecs(3600), 60,
                         {minute(kT0, 1, 1, 0), minute(kT0.addSecs(60), 2, 1, 3),
                          minute(kT0.addSecs(600), 2, 2, 1)},
                         {});
        auto *queue = panel.findChild<QChartView *>(QStringLiteral("queueChart"));
        QCOMPARE(lineCount(queue), 2);
        auto *first = qobject_cast<QLineSeries *>(queue->chart()->series().constFirst());
        QVERIFY(first);
        QCOMPARE(first->count(), 2);
        QCOMPARE(first->at(1).y(), 3.0);
    }

    void hoverTellsTheBucket()
    {
        HistoryModel model;
        ChartsPanel panel(&model);
        model.replaceAll(kT0, kT0.addSecs(3600), 60, {minute(kT0.addSecs(120), 4, 3, 7)}, {});
        // A point a little off the bucket's start still finds it.
        const QString text = panel.bucketText(kT0.addSecs(125));
        QVERIFY2(text.contains(QLatin1String("75.0 % (3 of 4 attempts delivered)")),
                 qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Waiting: 7")), qPrintable(text));
        QVERIFY(panel.bucketText(kT0.addSecs(1800)).isEmpty());

        // The line says it is hovered: the tooltip shows that text.
        panel.resize(1000, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *rate = panel.findChild<QChartView *>(QStringLiteral("successRateChart"));
        QLineSeries *line = nullptr;
        for (QAbstractSeries *s : rate->chart()->series()) {
            if (s->type() == QAbstractSeries::SeriesTypeLine)
                line = static_cast<QLineSeries *>(s);
        }
        QVERIFY(line);
        Q_EMIT line->hovered(QPointF(double(kT0.addSecs(130).toMSecsSinceEpoch()), 75.0), true);
        QTRY_VERIFY(QToolTip::isVisible());
        QCOMPARE(QToolTip::text(), text);
        Q_EMIT line->hovered(QPointF(double(kT0.addSecs(130).toMSecsSinceEpoch()), 75.0), false);
        QTRY_VERIFY(!QToolTip::isVisible());
    }

    // What operators did is marked along the top of the success rate, and
    // the hover says what, when and who; claims are not marked.
    void operatorActionsAreMarked()
    {
        HistoryModel model;
        ChartsPanel panel(&model);
        model.replaceAll(kT0, kT0.addSecs(3600), 60, {minute(kT0.addSecs(120), 4, 3, 7)}, {});
        QCOMPARE(panel.markedActionCount(), 0);
        const auto entry = [](const QDateTime &at, const QString &action, const QString &outcome) {
            AuditEntry e;
            e.at = at;
            e.action = action;
            e.actor = QStringLiteral("maria");
            e.outcome = outcome;
            return e;
        };
        model.setActions(
                {entry(kT0.addSecs(600), QStringLiteral("bot_restart"), QStringLiteral("ok")),
                 entry(kT0.addSecs(601), QStringLiteral("claim"), QStringLiteral("ok")),
                 entry(kT0.addSecs(1200), QStringLiteral("retry_failed"),
                       QStringLiteral("storage")),
                 entry(kT0.addSecs(-60), QStringLiteral("cleanup"), QStringLiteral("ok"))});
        QCOMPARE(panel.markedActionCount(), 2); // no claim, nothing before the range
        const QString restart = panel.actionText(kT0.addSecs(605));
        QVERIFY2(restart.contains(QLatin1String("maria")), qPrintable(restart));
        QVERIFY2(restart.contains(AuditModel::actionText(QStringLiteral("bot_restart"))),
                 qPrintable(restart));
        QVERIFY2(!restart.contains(AuditModel::actionText(QStringLiteral("claim"))),
                 qPrintable(restart));
        const QString failed = panel.actionText(kT0.addSecs(1200));
        QVERIFY2(failed.contains(QLatin1String("storage")), qPrintable(failed));
        QVERIFY(panel.actionText(kT0.addSecs(3000)).isEmpty());

        // Live: one more in the range is marked; the range sliding past drops it.
        QVERIFY(model.addAction(
                entry(kT0.addSecs(1800), QStringLiteral("health_check"), QStringLiteral("ok"))));
        QVERIFY(!model.addAction(
                entry(kT0.addSecs(1801), QStringLiteral("release"), QStringLiteral("ok"))));
        QCOMPARE(panel.markedActionCount(), 3);
        model.addMinute(minute(kT0.addSecs(3600 + 660), 1, 1, 0)); // the start passes 10:11
        QCOMPARE(model.actions().size(), 2);
        QCOMPARE(panel.markedActionCount(), 2);
    }

    void rangeButtonsAskForTheRange()
    {
        HistoryModel model;
        ChartsPanel panel(&model);
        QSignalSpy asked(&panel, &ChartsPanel::rangeRequested);
        auto *week = panel.findChild<QAbstractButton *>(
                QStringLiteral("range%1").arg(int(HistoryModel::Range::LastWeek)));
        QVERIFY(week);
        week->click();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().at(0).value<HistoryModel::Range>(), HistoryModel::Range::LastWeek);
        QCOMPARE(panel.range(), HistoryModel::Range::LastWeek);
        panel.setRange(HistoryModel::Range::LastHour);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(panel.range(), HistoryModel::Range::LastHour);
    }
};

QTEST_MAIN(TstChartsPanel)
#include "tst_chartspanel.moc"

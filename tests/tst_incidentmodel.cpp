// IncidentModel: newest first, updated in place as an incident grows and
// closes, durations that tick with the clock, capped, and
// QAbstractItemModelTester watching every change.
#include "IncidentModel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Vigia;

namespace {
Incident make(const QString &id, const QDateTime &start, int affected = 1,
              const QDateTime &end = {})
{
    Incident i;
    i.id = id;
    i.kind = Incident::Kind::TotalCommunicationLoss;
    i.reached = Incident::Reached::None;
    i.startedAt = start;
    i.endedAt = end;
    for (int n = 0; n < affected; ++n)
        i.notificationIds << QStringLiteral("%1-n%2").arg(id).arg(n);
    return i;
}
} // namespace

class TstIncidentModel final : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

    static QStringList idsInRowOrder(const IncidentModel &model)
    {
        QStringList ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids << model.index(row, 0).data(IncidentModel::IdRole).toString();
        return ids;
    }
    static void verifyIndex(const IncidentModel &model)
    {
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.rowOf(model.index(row, 0).data(IncidentModel::IdRole).toString()), row);
    }

private Q_SLOTS:
    void passesModelTester()
    {
        ManualClock clock(m_t0);
        IncidentModel model(&clock, 3);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsert(make(QStringLiteral("a"), m_t0));
        model.upsert(make(QStringLiteral("b"), m_t0.addSecs(60)));
        model.upsert(make(QStringLiteral("a"), m_t0, 2));
        model.upsert(make(QStringLiteral("c"), m_t0.addSecs(30))); // out of order
        model.upsert(make(QStringLiteral("d"), m_t0.addSecs(90))); // evicts the oldest
        model.upsert(make(QStringLiteral("c"), m_t0.addSecs(10))); // start corrected: moves
        clock.advance(60000);
        model.refreshDurations();
        model.replaceAll(
                {make(QStringLiteral("x"), m_t0), make(QStringLiteral("y"), m_t0.addSecs(5))});
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(IncidentModel::ColumnCount));
    }

    void newestFirstAndUpdatedInPlace()
    {
        ManualClock clock(m_t0);
        IncidentModel model(&clock);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        model.upsert(make(QStringLiteral("old"), m_t0));
        model.upsert(make(QStringLiteral("new"), m_t0.addSecs(600)));
        QCOMPARE(idsInRowOrder(model), (QStringList{QStringLiteral("new"), QStringLiteral("old")}));
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.last().at(1).toInt(), 0); // the newcomer went on top

        // It grows: same row, more notifications.
        model.upsert(make(QStringLiteral("old"), m_t0, 3));
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.last().at(0).toModelIndex().row(), 1);
        QCOMPARE(model.index(1, IncidentModel::AffectedColumn).data().toInt(), 3);

        // It closes.
        model.upsert(make(QStringLiteral("old"), m_t0, 3, m_t0.addSecs(125)));
        QCOMPARE(changed.size(), 2);
        QVERIFY(!model.index(1, 0).data(IncidentModel::OpenRole).toBool());
        QCOMPARE(model.index(1, IncidentModel::DurationColumn).data().toString(),
                 QStringLiteral("2 min"));
        QVERIFY(model.index(1, IncidentModel::EndedColumn).data().toString()
                != QStringLiteral("Ongoing"));
        QCOMPARE(reset.size(), 0); // incremental, never a reset per event
    }

    void lateReportsDoNotUndoNewerOnes()
    {
        ManualClock clock(m_t0);
        IncidentModel model(&clock);
        model.upsert(make(QStringLiteral("i"), m_t0, 4, m_t0.addSecs(60)));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // A snapshot that raced the feed still shows it open, with fewer notifications.
        model.upsert(make(QStringLiteral("i"), m_t0, 2));
        model.upsert(make(QStringLiteral("i"), m_t0, 4));
        QCOMPARE(changed.size(), 0);
        QVERIFY(!model.incident(QStringLiteral("i"))->isOpen());
        QCOMPARE(model.openCount(), 0);
    }

    void outOfOrderInsertKeepsOrderAndIndex()
    {
        ManualClock clock(m_t0);
        IncidentModel model(&clock);
        for (int n : {5, 1, 9, 3, 7, 0, 8})
            model.upsert(make(QString::number(n), m_t0.addSecs(n * 60)));
        QCOMPARE(idsInRowOrder(model),
                 (QStringList{QStringLiteral("9"), QStringLiteral("8"), QStringLiteral("7"),
                              QStringLiteral("5"), QStringLiteral("3"), QStringLiteral("1"),
                              QStringLiteral("0")}));
        verifyIndex(model);
        QCOMPARE(model.rowOf(QStringLiteral("missing")), -1);
    }

    void capacityDropsTheOldestOneRowAtATime()
    {
        ManualClock clock(m_t0);
        IncidentModel model(&clock, 3);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        for (int n = 0; n < 5; ++n)
            model.upsert(make(QString::number(n), m_t0.addSecs(n)));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(idsInRowOrder(model),
                 (QStringList{QStringLiteral("4"), QStringLiteral("3"), QStringLiteral("2")}));
        QCOMPARE(removed.size(), 2);
        QCOMPARE(removed.last().at(1).toInt(), 3); // the bottom row went
        QCOMPARE(model.rowOf(QStringLiteral("0")), -1);
        verifyIndex(model);
        // Older than everything a full model keeps: not taken at all.
        model.upsert(make(QStringLiteral("ancient"), m_t0.addSecs(-3600)));
        QCOMPARE(model.rowOf(QStringLiteral("ancient")), -1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(reset.size(), 0);
    }

    void openDurationsTickWithTheClock()
    {
        ManualClock clock(m_t0.addSecs(30));
        IncidentModel model(&clock);
        model.upsert(make(QStringLiteral("closed"), m_t0.addSecs(-7200), 1, m_t0.addSecs(-3600)));
        model.upsert(make(QStringLiteral("open"), m_t0));
        const QModelIndex open =
                model.index(model.rowOf(QStringLiteral("open")), IncidentModel::DurationColumn);
        const QModelIndex closed =
                model.index(model.rowOf(QStringLiteral("closed")), IncidentModel::DurationColumn);
        QCOMPARE(open.data().toString(), QStringLiteral("30 s"));
        QCOMPARE(closed.data().toString(), QStringLiteral("1 h 0 min"));
        QVERIFY(open.data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!closed.data(Qt::FontRole).isValid());
        QCOMPARE(model.index(open.row(), IncidentModel::EndedColumn).data().toString(),
                 QStringLiteral("Ongoing"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        clock.advance((2 * 3600 + 5 * 60) * 1000);
        model.refreshDurations();
        QCOMPARE(changed.size(), 1);
        // Only the open row's duration: the closed one does not move.
        QCOMPARE(changed.first().at(0).toModelIndex(), open);
        QCOMPARE(changed.first().at(1).toModelIndex(), open);
        QCOMPARE(open.data().toString(), QStringLiteral("2 h 5 min"));
        QCOMPARE(closed.data().toString(), QStringLiteral("1 h 0 min"));

        // Nothing open: nothing to refresh.
        model.upsert(make(QStringLiteral("open"), m_t0, 1, clock.now()));
        changed.clear();
        model.refreshDurations();
        QCOMPARE(changed.size(), 0);
    }

    void countsOpenIncidents()
    {
        ManualClock clock(m_t0);
        IncidentModel model(&clock);
        QSignalSpy open(&model, &IncidentModel::openCountChanged);
        model.upsert(make(QStringLiteral("a"), m_t0));
        model.upsert(make(QStringLiteral("b"), m_t0.addSecs(1)));
        QCOMPARE(model.openCount(), 2);
        model.upsert(make(QStringLiteral("a"), m_t0, 1, m_t0.addSecs(5)));
        QCOMPARE(model.openCount(), 1);
        QCOMPARE(open.size(), 3);
        QCOMPARE(open.last().at(0).toInt(), 1);
        model.replaceAll({});
        QCOMPARE(model.openCount(), 0);
    }

    void displaysColumnsAndParsesTheApi()
    {
        ManualClock clock(m_t0);
        IncidentModel model(&clock);
        const QJsonObject json{
                {QStringLiteral("id"), QStringLiteral("inc-1")},
                {QStringLiteral("kind"), QStringLiteral("WEBHOOK_ONLY")},
                {QStringLiteral("reached"), QStringLiteral("admin")},
                {QStringLiteral("started_at"), QStringLiteral("2026-11-28T09:00:00.000Z")},
                {QStringLiteral("ended_at"), QJsonValue()},
                {QStringLiteral("duration_s"), QJsonValue()},
                {QStringLiteral("affected"), 2},
                {QStringLiteral("notification_ids"),
                 QJsonArray{QStringLiteral("n1"), QStringLiteral("n2")}},
                {QStringLiteral("resolution"), QJsonValue()}};
        const auto incident = Incident::fromJson(json);
        QVERIFY(incident);
        model.upsert(*incident);
        QCOMPARE(model.index(0, IncidentModel::KindColumn).data().toString(),
                 QStringLiteral("Webhook only"));
        QCOMPARE(model.index(0, IncidentModel::ReachedColumn).data().toString(),
                 QStringLiteral("Admin only"));
        QCOMPARE(model.index(0, IncidentModel::AffectedColumn).data().toInt(), 2);
        QCOMPARE(model.index(0, IncidentModel::DurationColumn).data().toString(),
                 QStringLiteral("1 h 0 min"));
        QCOMPARE(model.index(0, 0).data(IncidentModel::KindRole).toString(),
                 QStringLiteral("WEBHOOK_ONLY"));
        QCOMPARE(model.index(0, 0).data(IncidentModel::NotificationIdsRole).toStringList(),
                 (QStringList{QStringLiteral("n1"), QStringLiteral("n2")}));
        QCOMPARE(model.headerData(IncidentModel::AffectedColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Affected"));
    }
};

QTEST_MAIN(TstIncidentModel)
#include "tst_incidentmodel.moc"

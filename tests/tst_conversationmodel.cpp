// ConversationModel: one row per user and flow, updated in place as the
// user moves through the steps, removed when vigiad reports the flow ended
// or expired, a countdown that ticks with the clock, and rows shown as
// expired (not silently dropped) once their time runs out locally.
#include "ConversationModel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

using namespace Vigia;

namespace {
Conversation make(const QString &user, const QString &flow, const QDateTime &updated,
                  int ttlSeconds, const QString &step = QStringLiteral("price"))
{
    Conversation c;
    c.user = user;
    c.flow = flow;
    c.step = step;
    c.ttlSeconds = ttlSeconds;
    c.updatedAt = updated;
    c.expiresAt = updated.addSecs(ttlSeconds);
    return c;
}

QJsonObject liveEvent(const Conversation &c, const QString &state)
{
    QJsonObject json = c.toJson();
    json.insert(QStringLiteral("state"), state);
    return json;
}
} // namespace

class TstConversationModel final : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

private Q_SLOTS:
    void passesModelTester()
    {
        ManualClock clock(m_t0);
        ConversationModel model(&clock);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsert(make(QStringLiteral("u1"), QStringLiteral("create-tariff"), m_t0, 300));
        model.upsert(make(QStringLiteral("u2"), QStringLiteral("create-tariff"), m_t0, 60));
        model.upsert(make(QStringLiteral("u1"), QStringLiteral("create-tariff"), m_t0.addSecs(5),
                          300, QStringLiteral("duration")));
        clock.advance(61000);
        model.refreshCountdowns(); // u2 expires locally
        model.apply(liveEvent(make(QStringLiteral("u2"), QStringLiteral("create-tariff"), m_t0, 60),
                              QStringLiteral("expired")));
        model.replaceAll({make(QStringLiteral("u3"), QStringLiteral("other"), m_t0, 900)});
        model.remove(QStringLiteral("u3"), QStringLiteral("other"));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(ConversationModel::ColumnCount));
    }

    void stepsUpdateInPlaceAndEndsRemove()
    {
        ManualClock clock(m_t0);
        ConversationModel model(&clock);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        const QString flow = QStringLiteral("create-tariff");
        model.apply(
                liveEvent(make(QStringLiteral("a"), flow, m_t0, 900), QStringLiteral("active")));
        model.apply(
                liveEvent(make(QStringLiteral("b"), flow, m_t0, 900), QStringLiteral("active")));
        model.apply(
                liveEvent(make(QStringLiteral("c"), flow, m_t0, 900), QStringLiteral("active")));
        // Same user, another flow: another row.
        model.apply(liveEvent(make(QStringLiteral("a"), QStringLiteral("refund"), m_t0, 900),
                              QStringLiteral("active")));
        QCOMPARE(inserted.size(), 4);

        model.apply(liveEvent(
                make(QStringLiteral("b"), flow, m_t0.addSecs(20), 900, QStringLiteral("duration")),
                QStringLiteral("active")));
        QCOMPARE(inserted.size(), 4);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(1, ConversationModel::StepColumn).data().toString(),
                 QStringLiteral("duration"));
        // A late copy of the previous step changes nothing.
        model.upsert(make(QStringLiteral("b"), flow, m_t0, 900));
        QCOMPARE(changed.size(), 1);

        // Finished by the bot, and expired by vigiad's sweeper: both remove.
        model.apply(liveEvent(make(QStringLiteral("b"), flow, m_t0, 900), QStringLiteral("ended")));
        model.apply(
                liveEvent(make(QStringLiteral("a"), flow, m_t0, 900), QStringLiteral("expired")));
        QCOMPARE(removed.size(), 2);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("c"), flow), 0);
        QCOMPARE(model.rowOf(QStringLiteral("a"), QStringLiteral("refund")), 1);
        QCOMPARE(model.index(1, 0).data(ConversationModel::IdRole).toString(),
                 QStringLiteral("a/refund"));
        QCOMPARE(reset.size(), 0);
    }

    void countdownTicksWithTheClock()
    {
        ManualClock clock(m_t0);
        ConversationModel model(&clock);
        model.upsert(make(QStringLiteral("u1"), QStringLiteral("create-tariff"), m_t0, 300));
        model.upsert(make(QStringLiteral("u2"), QStringLiteral("create-tariff"), m_t0, 7200));
        const QModelIndex first = model.index(0, ConversationModel::ExpiresInColumn);
        const QModelIndex second = model.index(1, ConversationModel::ExpiresInColumn);
        QCOMPARE(first.data().toString(), QStringLiteral("5 min 0 s"));
        QCOMPARE(second.data().toString(), QStringLiteral("2 h 0 min"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        clock.advance(61 * 1000);
        model.refreshCountdowns();
        // Nothing expired: one signal for the countdown column, nothing else.
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(), first);
        QCOMPARE(changed.first().at(1).toModelIndex(), second);
        QCOMPARE(first.data().toString(), QStringLiteral("3 min 59 s"));
        QCOMPARE(second.data().toString(), QStringLiteral("1 h 58 min"));
        clock.advance((3 * 60 + 50) * 1000);
        model.refreshCountdowns();
        QCOMPARE(first.data().toString(), QStringLiteral("9 s"));
    }

    void expiredRowsStayUntilVigiadRemovesThem()
    {
        ManualClock clock(m_t0);
        ConversationModel model(&clock);
        const QString flow = QStringLiteral("create-tariff");
        model.upsert(make(QStringLiteral("u1"), flow, m_t0, 60));
        model.upsert(make(QStringLiteral("u2"), flow, m_t0, 600));
        const QModelIndex row = model.index(0, ConversationModel::UserColumn);
        QVERIFY(!row.data(ConversationModel::ExpiredRole).toBool());
        QVERIFY(!row.data(Qt::FontRole).isValid());

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        clock.advance(60 * 1000);
        model.refreshCountdowns();
        // The row that crossed its expiry changes as a whole, once.
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.first().at(0).toModelIndex(), model.index(0, 0));
        QCOMPARE(changed.first().at(1).toModelIndex(),
                 model.index(0, ConversationModel::ColumnCount - 1));
        QCOMPARE(removed.size(), 0);
        QVERIFY(row.data(ConversationModel::ExpiredRole).toBool());
        QVERIFY(row.data(Qt::FontRole).value<QFont>().italic());
        QCOMPARE(model.index(0, ConversationModel::ExpiresInColumn).data().toString(),
                 QStringLiteral("Expired"));
        QVERIFY(row.data(Qt::ToolTipRole).toString().contains(QLatin1String("next sweep")));
        QVERIFY(!model.index(1, 0).data(ConversationModel::ExpiredRole).toBool());

        // The next tick does not repaint it again.
        changed.clear();
        clock.advance(1000);
        model.refreshCountdowns();
        QCOMPARE(changed.size(), 1);

        // The bot moved on just in time (its PUT raced our clock): live again.
        model.upsert(make(QStringLiteral("u1"), flow, clock.now(), 60, QStringLiteral("name")));
        QVERIFY(!row.data(ConversationModel::ExpiredRole).toBool());
        clock.advance(61 * 1000);
        model.refreshCountdowns();
        QVERIFY(row.data(ConversationModel::ExpiredRole).toBool());
        // vigiad's sweeper reports it: gone.
        model.apply(
                liveEvent(make(QStringLiteral("u1"), flow, m_t0, 60), QStringLiteral("expired")));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(), 1);
    }

    void columnsAndTheApiShape()
    {
        ManualClock clock(m_t0);
        ConversationModel model(&clock);
        const QJsonObject json{
                {QStringLiteral("user"), QStringLiteral("admin-42")},
                {QStringLiteral("flow"), QStringLiteral("create-tariff")},
                {QStringLiteral("step"), QStringLiteral("duration")},
                {QStringLiteral("data"), QJsonObject{{QStringLiteral("price"), 15}}},
                {QStringLiteral("ttl_seconds"), 900},
                {QStringLiteral("updated_at"), QStringLiteral("2026-11-28T09:59:00.000Z")},
                {QStringLiteral("expires_at"), QStringLiteral("2026-11-28T10:14:00.000Z")},
                {QStringLiteral("state"), QStringLiteral("active")}};
        model.apply(json);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, ConversationModel::UserColumn).data().toString(),
                 QStringLiteral("admin-42"));
        QCOMPARE(model.index(0, ConversationModel::FlowColumn).data().toString(),
                 QStringLiteral("create-tariff"));
        QCOMPARE(model.index(0, ConversationModel::ExpiresInColumn).data().toString(),
                 QStringLiteral("14 min 0 s"));
        QVERIFY(model.index(0, ConversationModel::StepColumn)
                        .data(Qt::ToolTipRole)
                        .toString()
                        .contains(QLatin1String("\"price\": 15")));
        QCOMPARE(model.index(0, 0)
                         .data(ConversationModel::DataRole)
                         .toMap()
                         .value(QStringLiteral("price"))
                         .toInt(),
                 15);
        QCOMPARE(model.headerData(ConversationModel::ExpiresInColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Expires in"));
        // An event without user or flow is ignored.
        model.apply({{QStringLiteral("user"), QStringLiteral("x")},
                     {QStringLiteral("state"), QStringLiteral("active")}});
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TstConversationModel)
#include "tst_conversationmodel.moc"

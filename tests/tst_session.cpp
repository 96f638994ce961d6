// The sessions' domain rules on their own: what a session must contain and
// what a reconcile snapshot changes, without a store or a server.
#include "Notification.h"
#include "Session.h"
#include "TestMode.h"

#include <QJsonArray>
#include <QTest>

using namespace Vigia;

namespace {

const QDateTime Before = QDateTime::fromString(QStringLiteral("2024-05-01T10:00:00Z"), Qt::ISODate);
const QDateTime Now = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00Z"), Qt::ISODate);

Session voice(const QString &key, const QString &where)
{
    Session s;
    s.kind = QStringLiteral("voice");
    s.key = key;
    s.userId = key + QStringLiteral("-id");
    s.username = key.toUpper();
    s.where = where;
    s.entryNotified = true;
    s.startedAt = Before;
    s.lastSeenAt = Before;
    return s;
}

QStringList keys(const QList<Session> &list)
{
    QStringList out;
    for (const Session &s : list)
        out << s.key;
    out.sort();
    return out;
}

} // namespace

class TstSession final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { TestSupport::enterTestMode(); }

    void partyNeedsTwoPlayers()
    {
        Session party;
        party.kind = QStringLiteral("party");
        QString field;
        QVERIFY(!party.shapeError(&field).isEmpty());
        QCOMPARE(field, QStringLiteral("data.players"));
        party.data.insert(QStringLiteral("players"), QJsonArray{QStringLiteral("ana")});
        QVERIFY(!party.shapeError(&field).isEmpty());
        party.data.insert(QStringLiteral("players"),
                          QJsonArray{QStringLiteral("ana"), QStringLiteral("luz")});
        QVERIFY(party.shapeError(&field).isEmpty());

        // Other kinds have no player rule.
        Session game;
        game.kind = QStringLiteral("game");
        QVERIFY(game.shapeError(&field).isEmpty());
    }

    void reconcileEndsCreatesAndMoves()
    {
        const QList<Session> existing{voice(QStringLiteral("ana"), QStringLiteral("General")),
                                      voice(QStringLiteral("luz"), QStringLiteral("Música")),
                                      voice(QStringLiteral("beto"), QStringLiteral("General"))};
        const QList<PresentEntry> present{
                {QStringLiteral("ana"), QString(), QString(), QStringLiteral("General")},
                {QStringLiteral("luz"), QString(), QString(), QStringLiteral("General")},
                {QStringLiteral("nico"), QStringLiteral("77"), QStringLiteral("Nico"),
                 QStringLiteral("Juegos")},
                {QStringLiteral("nico"), QStringLiteral("77"), QStringLiteral("Nico"),
                 QStringLiteral("Juegos")}, // listed twice: counts once
        };
        const ReconcilePlan plan = planReconcile(QStringLiteral("voice"), existing, present, Now);

        QCOMPARE(keys(plan.result.ended), QStringList{QStringLiteral("beto")});
        QVERIFY(plan.result.ended.constFirst().entryNotified); // as it was: notice owed
        QCOMPARE(keys(plan.result.created), QStringList{QStringLiteral("nico")});
        const Session &nico = plan.result.created.constFirst();
        QCOMPARE(nico.kind, QStringLiteral("voice"));
        QCOMPARE(nico.startedAt, Now);
        QVERIFY(!nico.entryNotified); // silent: nobody was told it started
        QCOMPARE(plan.result.moved.size(), 1);
        QCOMPARE(plan.result.moved.constFirst().first.where, QStringLiteral("Música"));
        QCOMPARE(plan.result.moved.constFirst().second.where, QStringLiteral("General"));

        // Known people are seen now; blanks in the snapshot keep what was known,
        // and started_at is never touched.
        QCOMPARE(keys(plan.seen), (QStringList{QStringLiteral("ana"), QStringLiteral("luz")}));
        for (const Session &s : plan.seen) {
            QCOMPARE(s.lastSeenAt, Now);
            QCOMPARE(s.startedAt, Before);
            QCOMPARE(s.userId, s.key + QStringLiteral("-id"));
        }
    }

    // A session stored before `where` was required has none: the snapshot
    // filling it in is news of where they are, not of a move.
    void fillingAMissingPlaceIsNotAMove()
    {
        const QList<Session> existing{voice(QStringLiteral("ana"), QString())};
        const QList<PresentEntry> present{
                {QStringLiteral("ana"), QString(), QString(), QStringLiteral("General")}};
        const ReconcilePlan plan = planReconcile(QStringLiteral("voice"), existing, present, Now);
        QVERIFY(plan.result.moved.isEmpty());
        QCOMPARE(plan.seen.size(), 1);
        QCOMPARE(plan.seen.constFirst().where, QStringLiteral("General"));
    }

    void emptySnapshotEndsEveryone()
    {
        const QList<Session> existing{voice(QStringLiteral("ana"), QStringLiteral("General"))};
        const ReconcilePlan plan = planReconcile(QStringLiteral("voice"), existing, {}, Now);
        QCOMPARE(keys(plan.result.ended), QStringList{QStringLiteral("ana")});
        QVERIFY(plan.result.created.isEmpty());
        QVERIFY(plan.seen.isEmpty());
    }

    void outboxRulesAllowActionsOnlyBeforeDelivery_data()
    {
        QTest::addColumn<NotificationState>("state");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("pending") << NotificationState::Pending << true;
        QTest::newRow("failed") << NotificationState::Failed << true;
        QTest::newRow("sending") << NotificationState::Sending << false;
        QTest::newRow("delivered") << NotificationState::Delivered << false;
        QTest::newRow("resolved") << NotificationState::Resolved << false;
    }
    void outboxRulesAllowActionsOnlyBeforeDelivery()
    {
        QFETCH(NotificationState, state);
        QFETCH(bool, allowed);
        QCOMPARE(mayRetry(state), allowed);
        QCOMPARE(mayResolve(state), allowed);
    }
};

QTEST_GUILESS_MAIN(TstSession)
#include "tst_session.moc"

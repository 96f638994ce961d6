// SessionModel: rows upserted and removed one at a time from live events,
// found by kind/key in O(1), parties shown with their game and players,
// durations that tick with the clock, the kinds seen and the suspect count
// kept incrementally, and QAbstractItemModelTester watching every change.
#include "SessionModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Vigia;

namespace {
Session make(const QString &kind, const QString &key, const QDateTime &started,
             const QString &where = QStringLiteral("General"))
{
    Session s;
    s.kind = kind;
    s.key = key;
    s.userId = key + QStringLiteral("-id");
    s.username = key;
    s.where = where;
    s.startedAt = started;
    s.lastSeenAt = started;
    return s;
}

QJsonObject liveEvent(const Session &s, const QString &state)
{
    QJsonObject json = s.toJson();
    json.insert(QStringLiteral("state"), state);
    return json;
}
} // namespace

class TstSessionModel final : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

    static void verifyIndex(const SessionModel &model)
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, 0);
            QCOMPARE(model.rowOf(index.data(SessionModel::KindRole).toString(),
                                 index.data(SessionModel::KeyRole).toString()),
                     row);
        }
    }

private Q_SLOTS:
    void passesModelTester()
    {
        ManualClock clock(m_t0);
        SessionModel model(&clock);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsert(make(QStringLiteral("voice"), QStringLiteral("pino"), m_t0));
        model.upsert(make(QStringLiteral("voice"), QStringLiteral("luz"), m_t0));
        model.upsert(make(QStringLiteral("game"), QStringLiteral("pino"), m_t0));
        Session moved =
                make(QStringLiteral("voice"), QStringLiteral("pino"), m_t0, QStringLiteral("AFK"));
        moved.lastSeenAt = m_t0.addSecs(60);
        model.upsert(moved);
        model.remove(QStringLiteral("voice"), QStringLiteral("pino"));
        model.apply(liveEvent(make(QStringLiteral("voice"), QStringLiteral("luz"), m_t0),
                              QStringLiteral("ended")));
        clock.advance(60000);
        model.refreshDurations();
        model.replaceAll({make(QStringLiteral("party"), QStringLiteral("p1"), m_t0),
                          make(QStringLiteral("voice"), QStringLiteral("ana"), m_t0)});
        model.replaceAll({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(SessionModel::ColumnCount));
    }

    void liveEventsInsertUpdateAndRemoveOneRowEach()
    {
        ManualClock clock(m_t0);
        SessionModel model(&clock);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        for (const QString &key : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
            model.apply(
                    liveEvent(make(QStringLiteral("voice"), key, m_t0), QStringLiteral("active")));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(inserted.size(), 3);
        // The same key in another kind is another session.
        model.apply(liveEvent(make(QStringLiteral("game"), QStringLiteral("a"), m_t0),
                              QStringLiteral("active")));
        QCOMPARE(model.rowCount(), 4);

        // Moved to another channel: the row changes in place.
        Session moved =
                make(QStringLiteral("voice"), QStringLiteral("b"), m_t0, QStringLiteral("Música"));
        moved.lastSeenAt = m_t0.addSecs(30);
        model.apply(liveEvent(moved, QStringLiteral("active")));
        QCOMPARE(inserted.size(), 4);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.last().at(0).toModelIndex().row(), 1);
        QCOMPARE(model.index(1, SessionModel::WhereColumn).data().toString(),
                 QStringLiteral("Música"));

        // Ended in the middle: one removal, and every later row is still found.
        model.apply(liveEvent(moved, QStringLiteral("ended")));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.last().at(1).toInt(), 1);
        QCOMPARE(model.rowOf(QStringLiteral("voice"), QStringLiteral("b")), -1);
        QCOMPARE(model.rowOf(QStringLiteral("game"), QStringLiteral("a")), 2);
        verifyIndex(model);
        // An end for something not shown changes nothing.
        model.remove(QStringLiteral("voice"), QStringLiteral("nobody"));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(reset.size(), 0); // incremental, never a reset per event
    }

    void lateReportsDoNotUndoNewerOnes()
    {
        ManualClock clock(m_t0);
        SessionModel model(&clock);
        Session now = make(QStringLiteral("voice"), QStringLiteral("pino"), m_t0,
                           QStringLiteral("Música"));
        now.lastSeenAt = m_t0.addSecs(120);
        model.upsert(now);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // A snapshot that raced the feed still has Pino in General.
        model.upsert(make(QStringLiteral("voice"), QStringLiteral("pino"), m_t0));
        QCOMPARE(changed.size(), 0);
        QCOMPARE(model.session(QStringLiteral("voice"), QStringLiteral("pino"))->where,
                 QStringLiteral("Música"));
        // vigiad marking it suspect keeps the time of the bot's last update.
        Session suspect = now;
        suspect.suspect = true;
        model.upsert(suspect);
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.index(0, 0).data(SessionModel::SuspectRole).toBool());
    }

    void partiesShowTheirGameAndPlayers()
    {
        ManualClock clock(m_t0);
        SessionModel model(&clock);
        // As docs/bot-integration.md puts it.
        const QJsonObject json{
                {QStringLiteral("kind"), QStringLiteral("party")},
                {QStringLiteral("key"), QStringLiteral("amongus-7")},
                {QStringLiteral("where"), QStringLiteral("Among Us")},
                {QStringLiteral("data"),
                 QJsonObject{{QStringLiteral("game"), QStringLiteral("Among Us")},
                             {QStringLiteral("players"),
                              QJsonArray{QStringLiteral("pino"), QStringLiteral("luz"),
                                         QStringLiteral("ana")}}}},
                {QStringLiteral("started_at"), QStringLiteral("2026-11-28T09:00:00.000Z")},
                {QStringLiteral("last_seen_at"), QStringLiteral("2026-11-28T09:59:00.000Z")},
                {QStringLiteral("state"), QStringLiteral("active")}};
        model.apply(json);
        QCOMPARE(model.rowCount(), 1);
        const auto cell = [&](int column) { return model.index(0, column).data().toString(); };
        QCOMPARE(cell(SessionModel::KindColumn), QStringLiteral("Party"));
        QCOMPARE(cell(SessionModel::WhereColumn), QStringLiteral("Among Us"));
        QCOMPARE(cell(SessionModel::PlayersColumn), QStringLiteral("pino, luz, ana (3)"));
        // No username: the party's key says which one it is.
        QCOMPARE(cell(SessionModel::UserColumn), QStringLiteral("amongus-7"));
        QCOMPARE(model.index(0, 0).data(SessionModel::PlayersRole).toStringList(),
                 (QStringList{QStringLiteral("pino"), QStringLiteral("luz"),
                              QStringLiteral("ana")}));
        QCOMPARE(model.index(0, SessionModel::PlayersColumn).data(SessionModel::SortRole).toInt(),
                 3);

        // The game wins over a stale "where"; a voice session shows no players.
        Session other =
                make(QStringLiteral("party"), QStringLiteral("p2"), m_t0, QStringLiteral("Lobby"));
        other.data = {
                {QStringLiteral("game"), QStringLiteral("Minecraft")},
                {QStringLiteral("players"),
                 QJsonArray{QStringLiteral("luz"),
                            QJsonObject{{QStringLiteral("username"), QStringLiteral("ana")}}}}};
        model.upsert(other);
        model.upsert(make(QStringLiteral("voice"), QStringLiteral("pino"), m_t0));
        QCOMPARE(model.index(1, SessionModel::WhereColumn).data().toString(),
                 QStringLiteral("Minecraft"));
        QCOMPARE(model.index(1, SessionModel::PlayersColumn).data().toString(),
                 QStringLiteral("luz, ana (2)"));
        QCOMPARE(model.index(2, SessionModel::PlayersColumn).data().toString(), QString());
        // Sorting by Where groups parties by game, whatever the case.
        QCOMPARE(model.index(1, SessionModel::WhereColumn).data(SessionModel::SortRole).toString(),
                 QStringLiteral("minecraft"));
    }

    void durationsTickWithTheClock()
    {
        ManualClock clock(m_t0.addSecs(30));
        SessionModel model(&clock);
        model.upsert(make(QStringLiteral("voice"), QStringLiteral("a"), m_t0));
        model.upsert(make(QStringLiteral("voice"), QStringLiteral("b"), m_t0.addSecs(-3 * 86400)));
        const QModelIndex a = model.index(0, SessionModel::DurationColumn);
        const QModelIndex b = model.index(1, SessionModel::DurationColumn);
        QCOMPARE(a.data().toString(), QStringLiteral("30 s"));
        QCOMPARE(b.data().toString(), QStringLiteral("3 d 0 h"));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        clock.advance((2 * 3600 + 5 * 60) * 1000);
        model.refreshDurations();
        // One signal, the Duration column only.
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(), a);
        QCOMPARE(changed.first().at(1).toModelIndex(), b);
        QCOMPARE(a.data().toString(), QStringLiteral("2 h 5 min"));
        QCOMPARE(b.data().toString(), QStringLiteral("3 d 2 h"));
        // Longer sessions sort as "more" duration.
        QVERIFY(b.data(SessionModel::SortRole).toLongLong()
                > a.data(SessionModel::SortRole).toLongLong());

        // Nothing to tick: no signal.
        model.replaceAll({});
        changed.clear();
        model.refreshDurations();
        QCOMPARE(changed.size(), 0);
    }

    void kindsAndSuspectsAreCountedAsRowsComeAndGo()
    {
        ManualClock clock(m_t0);
        SessionModel model(&clock);
        QSignalSpy kinds(&model, &SessionModel::kindsChanged);
        QSignalSpy suspects(&model, &SessionModel::suspectCountChanged);
        model.upsert(make(QStringLiteral("voice"), QStringLiteral("a"), m_t0));
        model.upsert(make(QStringLiteral("voice"), QStringLiteral("b"), m_t0));
        QCOMPARE(kinds.size(), 1); // the second voice session is no news
        model.upsert(make(QStringLiteral("game"), QStringLiteral("a"), m_t0));
        QCOMPARE(kinds.size(), 2);
        QCOMPARE(kinds.last().at(0).toStringList(),
                 (QStringList{QStringLiteral("game"), QStringLiteral("voice")}));

        Session suspect = make(QStringLiteral("voice"), QStringLiteral("a"), m_t0);
        suspect.suspect = true;
        model.upsert(suspect);
        QCOMPARE(model.suspectCount(), 1);
        QCOMPARE(suspects.size(), 1);
        QCOMPARE(model.index(0, SessionModel::SuspectColumn).data().toString(),
                 QStringLiteral("Yes"));
        model.remove(QStringLiteral("voice"), QStringLiteral("a"));
        QCOMPARE(model.suspectCount(), 0);
        QCOMPARE(suspects.size(), 2);
        QCOMPARE(kinds.size(), 2); // "voice" still has b
        model.remove(QStringLiteral("voice"), QStringLiteral("b"));
        QCOMPARE(kinds.size(), 3);
        QCOMPARE(model.kinds(), QStringList{QStringLiteral("game")});

        // A snapshot recounts from scratch and says what changed.
        suspect.kind = QStringLiteral("party");
        model.replaceAll({suspect, suspect}); // a duplicate id is shown once
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.kinds(), QStringList{QStringLiteral("party")});
        QCOMPARE(kinds.size(), 4);
        QCOMPARE(model.suspectCount(), 1);
    }

    void columnsSayWhatTheBotKnows()
    {
        ManualClock clock(m_t0);
        SessionModel model(&clock);
        Session s = make(QStringLiteral("voice"), QStringLiteral("pino"), m_t0);
        s.username.clear();
        s.confirmed = true;
        s.entryNotified = false;
        model.upsert(s);
        QCOMPARE(model.index(0, SessionModel::UserColumn).data().toString(),
                 QStringLiteral("pino-id"));
        QCOMPARE(model.index(0, SessionModel::KindColumn).data().toString(),
                 QStringLiteral("Voice"));
        QCOMPARE(model.index(0, SessionModel::ConfirmedColumn).data().toString(),
                 QStringLiteral("Yes"));
        QCOMPARE(model.index(0, SessionModel::EntryNotifiedColumn).data().toString(),
                 QStringLiteral("No"));
        QVERIFY(model.index(0, SessionModel::EntryNotifiedColumn)
                        .data(Qt::ToolTipRole)
                        .toString()
                        .contains(QLatin1String("no exit notice")));
        QCOMPARE(model.index(0, 0).data(SessionModel::IdRole).toString(),
                 QStringLiteral("voice/pino"));
        // A kind the console does not know is shown as the bot named it.
        QCOMPARE(SessionModel::kindText(QStringLiteral("raid")), QStringLiteral("raid"));
        QCOMPARE(model.headerData(SessionModel::EntryNotifiedColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Entry notified"));
        // An event without kind or key is not a session.
        model.apply({{QStringLiteral("kind"), QStringLiteral("voice")},
                     {QStringLiteral("state"), QStringLiteral("active")}});
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_MAIN(TstSessionModel)
#include "tst_sessionmodel.moc"

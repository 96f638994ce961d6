// NotificationModel: incremental updates, O(1) lookup by id, staleness, and
// QAbstractItemModelTester watching every change.
#include "NotificationModel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace Vigia;

namespace {
Notification make(const QString &id, NotificationState state, const QDateTime &at)
{
    Notification n;
    n.id = id;
    n.orderId = QStringLiteral("order-") + id;
    n.customerName = QStringLiteral("Cliente ") + id;
    n.recipient = QStringLiteral("+58 424-000000") + id.right(1);
    n.type = QStringLiteral("ORDER_SHIPPED");
    n.state = state;
    n.attempts = 4;
    n.maxAttempts = 4;
    n.lastError = QStringLiteral("WAHA 500: boom");
    n.createdAt = at;
    n.updatedAt = at;
    return n;
}
} // namespace

class TstNotificationModel final : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

private Q_SLOTS:
    void passesModelTester()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsert(make(QStringLiteral("1"), NotificationState::Failed, m_t0));
        model.upsert(make(QStringLiteral("2"), NotificationState::Failed, m_t0));
        model.upsert(make(QStringLiteral("3"), NotificationState::Failed, m_t0));
        model.remove(QStringLiteral("2"));
        model.setStale(false);
        model.refreshAges();
        model.replaceAll({make(QStringLiteral("9"), NotificationState::Failed, m_t0)});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.columnCount(), int(NotificationModel::ColumnCount));
    }

    void upsertInsertsUpdatesAndRemovesByState()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        model.upsert(make(QStringLiteral("a"), NotificationState::Pending, m_t0)); // not ours
        QCOMPARE(model.rowCount(), 0);
        model.upsert(make(QStringLiteral("a"), NotificationState::Failed, m_t0));
        model.upsert(make(QStringLiteral("b"), NotificationState::Failed, m_t0));
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("b")), 1);

        Notification updated =
                make(QStringLiteral("a"), NotificationState::Failed, m_t0.addSecs(5));
        updated.lastError = QStringLiteral("connection refused");
        model.upsert(updated);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(0, NotificationModel::LastErrorColumn).data().toString(),
                 QStringLiteral("connection refused"));

        // A late event older than the row changes nothing.
        model.upsert(make(QStringLiteral("a"), NotificationState::Failed, m_t0));
        QCOMPARE(changed.size(), 1);

        // Resolved elsewhere: leaves the failed table, and the index follows.
        model.upsert(make(QStringLiteral("a"), NotificationState::Resolved, m_t0.addSecs(9)));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(QStringLiteral("b")), 0);
        QCOMPARE(model.rowOf(QStringLiteral("a")), -1);
        QCOMPARE(reset.size(), 0); // incremental, never a reset per event
    }

    void displaysColumns()
    {
        ManualClock clock(m_t0.addSecs(150));
        NotificationModel model(&clock, {NotificationState::Failed});
        model.upsert(make(QStringLiteral("7"), NotificationState::Failed, m_t0));
        QCOMPARE(model.index(0, NotificationModel::OrderColumn).data().toString(),
                 QStringLiteral("order-7"));
        QCOMPARE(model.index(0, NotificationModel::CustomerColumn).data().toString(),
                 QStringLiteral("Cliente 7"));
        QCOMPARE(model.index(0, NotificationModel::AttemptsColumn).data().toString(),
                 QStringLiteral("4/4"));
        QCOMPARE(model.index(0, NotificationModel::AgeColumn).data().toString(),
                 QStringLiteral("2 min"));
        QCOMPARE(model.index(0, 0).data(NotificationModel::IdRole).toString(), QStringLiteral("7"));
        QCOMPARE(model.index(0, 0).data(NotificationModel::StateRole).toString(),
                 QStringLiteral("failed"));
        QCOMPARE(model.headerData(NotificationModel::LastErrorColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Last error"));
    }

    void agesMoveWithTheClock()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        model.upsert(make(QStringLiteral("1"), NotificationState::Failed, m_t0));
        QCOMPARE(model.index(0, NotificationModel::AgeColumn).data().toString(),
                 QStringLiteral("0 s"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        clock.advance(2 * 3600 * 1000 + 5 * 60 * 1000);
        model.refreshAges();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().column(), int(NotificationModel::AgeColumn));
        QCOMPARE(model.index(0, NotificationModel::AgeColumn).data().toString(),
                 QStringLiteral("2 h 5 min"));
    }

    void staleRowsAreMarked()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        model.upsert(make(QStringLiteral("1"), NotificationState::Failed, m_t0));
        QVERIFY(model.isStale());
        QVERIFY(model.index(0, 0).data(NotificationModel::StaleRole).toBool());
        QVERIFY(model.index(0, 0).data(Qt::FontRole).value<QFont>().italic());
        model.setStale(false);
        QVERIFY(!model.index(0, 0).data(NotificationModel::StaleRole).toBool());
        QVERIFY(!model.index(0, 0).data(Qt::FontRole).isValid());
    }

    // An action the console keeps: shown in the Handled by column, kept by
    // id across a reload, one cell changed at a time.
    void pendingMarksFollowTheRowById()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        model.upsert(make(QStringLiteral("1"), NotificationState::Failed, m_t0));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setPendingMark(QStringLiteral("1"), NotificationModel::PendingMark::Queued,
                             QStringLiteral("the detail"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().column(),
                 int(NotificationModel::ClaimColumn));
        const QModelIndex cell = model.index(0, NotificationModel::ClaimColumn);
        QCOMPARE(cell.data().toString(), QStringLiteral("Not sent yet"));
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(), QStringLiteral("the detail"));
        QCOMPARE(cell.data(NotificationModel::PendingMarkRole).toInt(),
                 int(NotificationModel::PendingMark::Queued));
        model.replaceAll({make(QStringLiteral("1"), NotificationState::Failed, m_t0)});
        QCOMPARE(model.pendingMark(QStringLiteral("1")), NotificationModel::PendingMark::Queued);
        model.setPendingMark(QStringLiteral("1"), NotificationModel::PendingMark::Refused,
                             QStringLiteral("why"));
        QCOMPARE(model.index(0, NotificationModel::ClaimColumn).data().toString(),
                 QStringLiteral("Not marked"));
        model.clearPendingMark(QStringLiteral("1"));
        QCOMPARE(model.index(0, NotificationModel::ClaimColumn)
                         .data(NotificationModel::PendingMarkRole)
                         .toInt(),
                 0);
        QVERIFY(model.index(0, NotificationModel::ClaimColumn).data().toString().isEmpty());
    }

    void replaceAllDropsForeignStates()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        model.replaceAll({make(QStringLiteral("1"), NotificationState::Failed, m_t0),
                          make(QStringLiteral("2"), NotificationState::Delivered, m_t0),
                          make(QStringLiteral("3"), NotificationState::Failed, m_t0)});
        QCOMPARE(model.ids(), (QStringList{QStringLiteral("1"), QStringLiteral("3")}));
        QCOMPARE(model.rowOf(QStringLiteral("3")), 1);
    }

    // The Waiting tab's model: pending and sending, a row leaves when it is
    // delivered or failed and comes back when it is requeued.
    void waitingModelFollowsPendingAndSending()
    {
        ManualClock clock(m_t0.addSecs(4 * 60LL));
        NotificationModel model(&clock, {NotificationState::Pending, NotificationState::Sending});
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.replaceAll({make(QStringLiteral("1"), NotificationState::Pending, m_t0),
                          make(QStringLiteral("2"), NotificationState::Failed, m_t0),
                          make(QStringLiteral("3"), NotificationState::Sending, m_t0)});
        QCOMPARE(model.ids(), (QStringList{QStringLiteral("1"), QStringLiteral("3")}));
        QCOMPARE(model.index(0, NotificationModel::StateColumn).data().toString(),
                 QStringLiteral("Pending"));
        QCOMPARE(model.index(1, NotificationModel::StateColumn).data().toString(),
                 QStringLiteral("Sending"));
        QCOMPARE(model.index(0, NotificationModel::ChannelColumn).data().toString(),
                 QStringLiteral("WhatsApp"));
        QCOMPARE(model.index(0, NotificationModel::AgeColumn).data().toString(),
                 QStringLiteral("4 min"));
        QCOMPARE(model.headerData(NotificationModel::StateColumn, Qt::Horizontal).toString(),
                 QStringLiteral("State"));

        // Picked up by the dispatcher: the row changes state in place.
        model.upsert(make(QStringLiteral("1"), NotificationState::Sending, m_t0.addSecs(1)));
        QCOMPARE(model.rowOf(QStringLiteral("1")), 0);
        QCOMPARE(model.index(0, NotificationModel::StateColumn).data().toString(),
                 QStringLiteral("Sending"));
        // Delivered and failed both leave the waiting list.
        model.upsert(make(QStringLiteral("1"), NotificationState::Delivered, m_t0.addSecs(2)));
        model.upsert(make(QStringLiteral("3"), NotificationState::Failed, m_t0.addSecs(2)));
        QCOMPARE(model.rowCount(), 0);
        // Requeued by an operator's retry, and created anew: both enter.
        model.upsert(make(QStringLiteral("3"), NotificationState::Pending, m_t0.addSecs(3)));
        model.upsert(make(QStringLiteral("4"), NotificationState::Pending, m_t0.addSecs(3)));
        QCOMPARE(model.ids(), (QStringList{QStringLiteral("3"), QStringLiteral("4")}));
        QCOMPARE(reset.size(), 1); // only the snapshot resets
    }

    // The Failed tab's model: the server's pages, asked for as the view
    // scrolls, and live rows placed in the server's order.
    void pagesComeThroughFetchMore()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        model.setSortOrder(QStringLiteral("created_at"), true);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Notification> server;
        for (int i = 0; i < 450; ++i)
            server << make(QStringLiteral("n%1").arg(i), NotificationState::Failed,
                           m_t0.addSecs(-i));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        // Asked, not answered: the answer comes later, as from the server
        // (the tester asks for more too, whenever it checks the model).
        int requests = 0;
        connect(&model, &NotificationModel::moreRequested, this, [&] { ++requests; });
        QVERIFY(!model.canFetchMore({}));
        model.replaceAll(server.mid(0, 200), true);
        QCOMPARE(model.rowCount(), 200);
        model.fetchMore({});
        QCOMPARE(requests, 1);
        model.fetchMore({}); // one page at a time
        QCOMPARE(requests, 1);
        QVERIFY(!model.canFetchMore({}));
        model.appendPage(server.mid(200, 200), true);
        QCOMPARE(model.rowCount(), 400);
        // Newer than the head: on top. Older than the tail with more to come: left for its page.
        model.upsert(make(QStringLiteral("new"), NotificationState::Failed, m_t0.addSecs(5)));
        QCOMPARE(model.rowOf(QStringLiteral("new")), 0);
        model.upsert(make(QStringLiteral("old"), NotificationState::Failed, m_t0.addDays(-9)));
        QCOMPARE(model.rowOf(QStringLiteral("old")), -1);
        // Within the loaded rows: in its place.
        model.upsert(make(QStringLiteral("mid"), NotificationState::Failed,
                          m_t0.addSecs(-10).addMSecs(500)));
        QCOMPARE(model.rowOf(QStringLiteral("mid")), 11);
        // Retried elsewhere: leaves.
        model.upsert(make(QStringLiteral("n3"), NotificationState::Pending, m_t0.addSecs(9)));
        QCOMPARE(model.rowOf(QStringLiteral("n3")), -1);
        model.fetchMore({});
        QCOMPARE(requests, 2);
        model.appendPage(server.mid(400), false);
        QCOMPARE(model.rowCount(), 451); // 450 - n3 + new + mid
        QVERIFY(!model.canFetchMore({}));
        // The last page loaded: an older one now belongs at the end.
        model.upsert(make(QStringLiteral("old"), NotificationState::Failed, m_t0.addDays(-9)));
        QCOMPARE(model.rowOf(QStringLiteral("old")), 451);
        // A page that repeats a row already shown (moved by a live change) adds it once.
        model.replaceAll(server.mid(0, 2), true);
        model.appendPage(server.mid(1, 3), false);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(reset.size(), 2); // the two lists replaced, nothing else
        // While a search is shown, only the server can tell whether a new row matches.
        model.setTakesNewRows(false);
        model.upsert(make(QStringLiteral("x"), NotificationState::Failed, m_t0.addSecs(60)));
        QCOMPARE(model.rowOf(QStringLiteral("x")), -1);
        QCOMPARE(NotificationModel::sortField(NotificationModel::CustomerColumn),
                 QStringLiteral("customer_name"));
        QVERIFY(NotificationModel::sortField(NotificationModel::LastErrorColumn).isEmpty());
    }

    void showsWhoHandlesARowUntilTheClaimLapses()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOperatorName(QStringLiteral("luis"));
        Notification n = make(QStringLiteral("1"), NotificationState::Failed, m_t0);
        model.upsert(n);
        const QModelIndex cell = model.index(0, NotificationModel::ClaimColumn);
        QVERIFY(cell.data().toString().isEmpty());
        QVERIFY(model.data(cell, NotificationModel::ClaimedByRole).toString().isEmpty());
        QVERIFY(!model.claimExpiryAfter(clock.now()).isValid());

        // A claim arrives as the row again, with the same updated_at.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        n.claimedBy = QStringLiteral("Ana");
        n.claimedUntil = m_t0.addSecs(30 * 60);
        model.upsert(n);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell.data().toString(), QStringLiteral("Ana is handling it"));
        QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(QLatin1String("30 min left")));
        QCOMPARE(cell.data(NotificationModel::ClaimedByRole).toString(), QStringLiteral("Ana"));
        QCOMPARE(cell.data(NotificationModel::ClaimedUntilRole).toDateTime(), n.claimedUntil);
        QVERIFY(!cell.data(NotificationModel::ClaimedByMeRole).toBool());
        QCOMPARE(model.claimExpiryAfter(clock.now()), n.claimedUntil);

        clock.advance(29 * 60 * 1000);
        QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(QLatin1String("1 min left")));

        // Past its end the claim shows nothing, though no event said so.
        clock.advance(61 * 1000);
        model.refreshClaims();
        QVERIFY(cell.data().toString().isEmpty());
        QVERIFY(cell.data(NotificationModel::ClaimedByRole).toString().isEmpty());
        QVERIFY(!model.claimExpiryAfter(clock.now()).isValid());

        // The operator's own claim reads as theirs.
        n.claimedBy = QStringLiteral("luis");
        n.claimedUntil = clock.now().addSecs(60);
        model.upsert(n);
        QCOMPARE(cell.data().toString(), QStringLiteral("You are handling it"));
        QVERIFY(cell.data(NotificationModel::ClaimedByMeRole).toBool());
        QCOMPARE(model.headerData(NotificationModel::ClaimColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Handled by"));
    }

    // At 100,000 rows, telling every view and proxy about every row on each
    // timer held the GUI thread: ages go to the rows asked for, claims to
    // the rows that carry one, and the next claim to lapse is looked for in
    // the rows that changed.
    void agesAndClaimsRefreshOnlyTheRowsThatMove()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<Notification> rows;
        for (int i = 0; i < 10; ++i)
            rows << make(QString::number(i), NotificationState::Failed, m_t0);
        rows[3].claimedBy = QStringLiteral("Ana");
        rows[3].claimedUntil = m_t0.addSecs(600);
        rows[4].claimedBy = QStringLiteral("Luis");
        rows[4].claimedUntil = m_t0.addSecs(300);
        rows[8].claimedBy = QStringLiteral("Ana");
        rows[8].claimedUntil = m_t0.addSecs(900);
        model.replaceAll(rows);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.refreshAges(2, 5);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(),
                 model.index(2, NotificationModel::AgeColumn));
        QCOMPARE(changed.first().at(1).toModelIndex(),
                 model.index(5, NotificationModel::AgeColumn));

        changed.clear();
        model.refreshClaims();
        QCOMPARE(changed.size(), 2); // rows 3 and 4, then row 8
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 3);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 4);
        QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 8);
        QCOMPARE(changed.at(1).at(1).toModelIndex().row(), 8);

        QCOMPARE(model.claimExpiryAfter(m_t0), m_t0.addSecs(300));
        QCOMPARE(model.claimExpiryAfter(m_t0, 5, 9), m_t0.addSecs(900));
        QVERIFY(!model.claimExpiryAfter(m_t0, 5, 7).isValid());
    }

    void typeCodesShowTheirNameInEnglishAndSpanish()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        Notification shipped = make(QStringLiteral("1"), NotificationState::Failed, m_t0);
        Notification unknown = make(QStringLiteral("2"), NotificationState::Failed, m_t0);
        unknown.type = QStringLiteral("SOMETHING_NEW");
        model.replaceAll({shipped, unknown});
        const QModelIndex shippedType = model.index(0, NotificationModel::TypeColumn);
        const QModelIndex unknownType = model.index(1, NotificationModel::TypeColumn);
        QCOMPARE(shippedType.data().toString(), QStringLiteral("Order shipped"));
        // The code stays at hand: as the tooltip, in a role, and for a filter.
        QCOMPARE(shippedType.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Order shipped (ORDER_SHIPPED)"));
        QCOMPARE(unknownType.data(Qt::ToolTipRole).toString(), QStringLiteral("SOMETHING_NEW"));
        QCOMPARE(shippedType.data(NotificationModel::TypeCodeRole).toString(),
                 QStringLiteral("ORDER_SHIPPED"));
        QVERIFY(shippedType.data(NotificationModel::FilterRole)
                        .toString()
                        .contains(QLatin1String("ORDER_SHIPPED")));
        QCOMPARE(unknownType.data().toString(), QStringLiteral("SOMETHING_NEW"));

        QTranslator spanish;
        QVERIFY(spanish.load(QStringLiteral(VIGIA_QM_DIR "/vigia_es.qm")));
        QVERIFY(QCoreApplication::installTranslator(&spanish));
        QCOMPARE(shippedType.data().toString(), QStringLiteral("Pedido enviado"));
        QCOMPARE(unknownType.data().toString(), QStringLiteral("SOMETHING_NEW"));
        QVERIFY(shippedType.data(NotificationModel::FilterRole)
                        .toString()
                        .contains(QLatin1String("ORDER_SHIPPED")));
        QCoreApplication::removeTranslator(&spanish);
        // Every known code has a name of its own, in both languages.
        QSet<QString> spanishNames;
        QSet<QString> englishNames;
        for (const QString &code : NotificationModel::knownTypeCodes()) {
            QCoreApplication::installTranslator(&spanish);
            const QString es = NotificationModel::typeText(code);
            QCoreApplication::removeTranslator(&spanish);
            const QString en = NotificationModel::typeText(code);
            QVERIFY2(en != code, qPrintable(code));
            QVERIFY2(es != en, qPrintable(code + QStringLiteral(": not translated")));
            spanishNames.insert(es);
            englishNames.insert(en);
        }
        QCOMPARE(spanishNames.size(), NotificationModel::knownTypeCodes().size());
        QCOMPARE(englishNames.size(), NotificationModel::knownTypeCodes().size());
    }

    void saysWhileTheNextPageIsFetched()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        QSignalSpy fetching(&model, &NotificationModel::fetchingChanged);
        model.replaceAll({make(QStringLiteral("1"), NotificationState::Failed, m_t0)}, true);
        QVERIFY(!model.isFetching());
        model.fetchMore({});
        QVERIFY(model.isFetching());
        QCOMPARE(fetching.size(), 1);
        QCOMPARE(fetching.at(0).at(0).toBool(), true);
        model.fetchMore({}); // already on its way: not asked twice
        QCOMPARE(fetching.size(), 1);
        model.appendPage({make(QStringLiteral("2"), NotificationState::Failed, m_t0)}, true);
        QVERIFY(!model.isFetching());
        QCOMPARE(fetching.size(), 2);
        QCOMPARE(fetching.at(1).at(0).toBool(), false);
        model.fetchMore({});
        model.pageFailed();
        QVERIFY(!model.isFetching());
        QCOMPARE(fetching.size(), 4);
    }
};

QTEST_MAIN(TstNotificationModel)
#include "tst_notificationmodel.moc"

// The console's local file end to end (ConsoleController with a real vigiad
// in-process and a WAHA double on loopback): the last snapshot painted at
// start before vigiad answers, then replaced by the live one; "mark
// contacted" while the link is lost kept in the file first, shown pending,
// surviving a console that went away without a clean quit, sent on
// reconnect; and an action someone else beat shown as such.
#include "Clock.h"
#include "ConsoleApplication.h"
#include "ConsoleController.h"
#include "ConversationModel.h"
#include "FailedNotificationsPanel.h"
#include "LocalSnapshot.h"
#include "MainWindow.h"
#include "NotificationModel.h"
#include "ServiceFixture.h"
#include "SessionModel.h"
#include "Store.h"
#include "TestSupport.h"
#include "VigiaService.h"
#include "WahaDouble.h"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Vigia;
using namespace Vigia::TestSupport;

class TstOfflineConsole final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServiceFixture> m_fixture;
    QString m_bot;
    QString m_path;
    SystemClock m_clock;

    QString stateOf(const QString &id)
    {
        const auto n = m_fixture->store()->notification(id, false);
        return n ? stateName(n->state) : QString();
    }
    // A notification that fails at once (WAHA refuses the key; one attempt).
    QString failure(const QString &order)
    {
        m_fixture->waha()->setApiKey(QByteArrayLiteral("rotated"));
        const HttpReply r = m_fixture->http().post(QStringLiteral("/v1/notifications"), m_bot,
                                                   whatsappBody(order));
        const QString id = r.json.value(QStringLiteral("id")).toString();
        [&] { QTRY_COMPARE(stateOf(id), QStringLiteral("failed")); }();
        return id;
    }
    std::unique_ptr<ConsoleController> liveController()
    {
        auto c = std::make_unique<ConsoleController>(&m_clock);
        c->useLocalSnapshot(m_path);
        QSignalSpy loaded(c.get(), &ConsoleController::snapshotLoaded);
        c->connectTo(m_fixture->service()->baseUrl(), m_fixture->token(Role::Support));
        [&] { QVERIFY(loaded.wait(10000)); }();
        return c;
    }
    bool startService(quint16 port = 0)
    {
        return m_fixture->start([port](ServiceConfig &c) {
            c.delivery.ackTimeoutMs = 0; // the double sends no acks
            c.maxAttempts = 1;
            if (port)
                c.listenPort = port;
        });
    }
    static QList<Notification> someRows(int count)
    {
        QList<Notification> rows;
        for (int i = 0; i < count; ++i) {
            Notification n;
            n.id = QStringLiteral("local-%1").arg(i);
            n.orderId = QStringLiteral("L-%1").arg(i);
            n.customerName = QStringLiteral("Cliente %1").arg(i);
            n.state = NotificationState::Failed;
            n.createdAt = QDateTime::currentDateTimeUtc().addSecs(-60 - i);
            rows.append(n);
        }
        return rows;
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
        QVERIFY(startService());
        m_bot = m_fixture->token(Role::Bot);
        m_path = LocalSnapshot::filePathFor(
                QStringLiteral("%1-%2")
                        .arg(QString::fromLatin1(QTest::currentTestFunction()))
                        .arg(m_fixture->service()->baseUrl().toString()));
        QFile::remove(m_path);
    }

    void cleanup()
    {
        m_fixture.reset();
        QFile::remove(m_path);
        QFile::remove(m_path + QStringLiteral("-wal"));
        QFile::remove(m_path + QStringLiteral("-shm"));
    }

    // Written while live, read back by the next console: rows, status, who.
    void snapshotRoundTripThroughTheController()
    {
        const QString a = failure(QStringLiteral("A-1"));
        const QString b = failure(QStringLiteral("A-2"));
        {
            auto c = liveController();
            QTRY_COMPARE(c->failedModel()->rowCount(), 2);
            QSignalSpy saved(c.get(), &ConsoleController::localSnapshotSaved);
            // Debounced: written within kSaveIntervalMs of the first change.
            QVERIFY(saved.wait(ConsoleController::kSaveIntervalMs + 5000));
            QVERIFY(saved.first().first().toBool());
        }
        ConsoleController next(&m_clock);
        QSignalSpy restored(&next, &ConsoleController::localSnapshotRestored);
        next.useLocalSnapshot(m_path);
        QCOMPARE(restored.size(), 1);
        QCOMPARE(next.failedModel()->rowCount(), 2);
        QVERIFY(next.failedModel()->rowOf(a) >= 0);
        QVERIFY(next.failedModel()->rowOf(b) >= 0);
        QVERIFY(next.failedModel()->isStale());
        QCOMPARE(next.status().counts.failed, 2);
        QVERIFY(next.canResolve()); // the file remembers a support token
        QVERIFY(next.connectionText().startsWith(QStringLiteral("As of ")));
    }

    // The Sessions tab too: the bot's sessions and conversations written
    // while live, painted by the next console before vigiad answers.
    void sessionsAndConversationsAreRestored()
    {
        const auto put = [this](const QString &path, const QJsonObject &body) {
            return m_fixture->http()
                    .request("PUT", path, m_bot, QJsonDocument(body).toJson(QJsonDocument::Compact))
                    .status;
        };
        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/pino"),
                     {{QStringLiteral("user_id"), QStringLiteral("1234")},
                      {QStringLiteral("username"), QStringLiteral("Pino")},
                      {QStringLiteral("where"), QStringLiteral("General")},
                      {QStringLiteral("confirmed"), true}}),
                 201);
        QCOMPARE(put(QStringLiteral("/v1/conversations/luz/refund"),
                     {{QStringLiteral("step"), QStringLiteral("order")},
                      {QStringLiteral("data"), QJsonObject{{QStringLiteral("price"), 15}}},
                      {QStringLiteral("ttl_seconds"), 3600}}),
                 201);
        {
            auto c = liveController();
            QTRY_COMPARE(c->sessionModel()->rowCount(), 1);
            QTRY_COMPARE(c->conversationModel()->rowCount(), 1);
            QSignalSpy saved(c.get(), &ConsoleController::localSnapshotSaved);
            // A session alone is worth a write (nothing else changed).
            QVERIFY(saved.wait(ConsoleController::kSaveIntervalMs + 5000));
        }
        m_fixture->stop();
        ConsoleController next(&m_clock);
        next.useLocalSnapshot(m_path);
        QCOMPARE(next.sessionModel()->rowCount(), 1);
        const auto session =
                next.sessionModel()->session(QStringLiteral("voice"), QStringLiteral("pino"));
        QVERIFY(session);
        QCOMPARE(session->username, QStringLiteral("Pino"));
        QCOMPARE(session->where, QStringLiteral("General"));
        QVERIFY(session->confirmed);
        QCOMPARE(next.conversationModel()->rowCount(), 1);
        const auto conversation = next.conversationModel()->conversation(QStringLiteral("luz"),
                                                                         QStringLiteral("refund"));
        QVERIFY(conversation);
        QCOMPARE(conversation->step, QStringLiteral("order"));
    }

    // A long list: its first rows at once, the rest in chunks between events.
    void longListIsRestoredInChunks()
    {
        const int rows =
                ConsoleController::kRestoreFirstRows + 2 * ConsoleController::kRestoreChunkRows + 7;
        {
            LocalSnapshot file(m_path);
            QVERIFY(file.open());
            SnapshotContents contents;
            contents.takenAt = QDateTime::currentDateTimeUtc().addSecs(-60);
            contents.failed = someRows(rows);
            QVERIFY(file.write(contents));
        }
        ConsoleController c(&m_clock);
        QSignalSpy finished(&c, &ConsoleController::localSnapshotRestoreFinished);
        QSignalSpy resets(c.failedModel(), &QAbstractItemModel::modelReset);
        c.useLocalSnapshot(m_path);
        QCOMPARE(c.failedModel()->rowCount(), ConsoleController::kRestoreFirstRows);
        QVERIFY(finished.wait(10000));
        QCOMPARE(c.failedModel()->rowCount(), rows);
        QCOMPARE(resets.size(), 1); // reset once, then appended
        QCOMPARE(c.failedModel()->rowOf(QStringLiteral("local-%1").arg(rows - 1)), rows - 1);
    }

    // The window shows the file's rows before vigiad answered anything,
    // marked "as of"; the live snapshot then replaces them.
    void restorePaintsBeforeTheServerAnswers()
    {
        const QString live = failure(QStringLiteral("LIVE-1"));
        const QUrl server = m_fixture->service()->baseUrl();
        // Written where a console before profiles kept it (named after
        // the URL): the profile adopts it.
        m_path = LocalSnapshot::filePathFor(LocalSnapshot::urlKeyFor(server));
        {
            LocalSnapshot file(m_path);
            QVERIFY(file.open());
            SnapshotContents contents;
            contents.takenAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
            contents.failed = someRows(50);
            CommunicationStatus status;
            status.state = StatusState::Degraded;
            status.counts.failed = 50;
            contents.status = status;
            QVERIFY(file.write(contents));
        }
        ConsoleApplication console;
        ConsoleOptions options;
        options.server = server;
        options.token = m_fixture->token(Role::Support);
        options.useKeychain = false;
        options.localSnapshot = true;
        QSignalSpy loaded(console.controller(), &ConsoleController::snapshotLoaded);
        console.start(options);
        // No event has run yet: nothing vigiad said can be in.
        ConsoleController *c = console.controller();
        QVERIFY(!QFile::exists(m_path));
        m_path = LocalSnapshot::filePathFor(console.activeProfile().key);
        QCOMPARE(c->localSnapshotPath(), m_path);
        QCOMPARE(c->failedModel()->rowCount(), 50);
        QVERIFY(c->shownAsOf().isValid());
        QVERIFY2(c->connectionText().startsWith(QStringLiteral("As of ")),
                 qPrintable(c->connectionText()));
        QVERIFY(c->connectionText().contains(QStringLiteral("connecting…")));
        QTableView *view = console.window()->failedPanel()->view();
        QVERIFY(QTest::qWaitForWindowExposed(console.window()));
        QCOMPARE(view->model()->rowCount(), 50);
        QCOMPARE(view->model()->index(0, NotificationModel::OrderColumn).data().toString(),
                 QStringLiteral("L-0"));
        QCOMPARE(loaded.size(), 0);
        // Then vigiad's own rows, once.
        QVERIFY(loaded.wait(10000));
        QCOMPARE(c->failedModel()->rowCount(), 1);
        QCOMPARE(c->failedModel()->rowOf(live), 0);
        QVERIFY(!c->shownAsOf().isValid());
        QVERIFY(c->connectionText().startsWith(QStringLiteral("Connected to ")));
    }

    // Link lost, mark contacted: in the file before anything is said, shown
    // pending; the console goes away without quitting; the next one shows
    // it pending and sends it when vigiad is back.
    void offlineResolveSurvivesACrashAndIsReplayed()
    {
        const QString id = failure(QStringLiteral("OFF-1"));
        const quint16 port = quint16(m_fixture->service()->baseUrl().port());
        auto first = liveController();
        QSignalSpy link(first.get(), &ConsoleController::linkChanged);
        m_fixture->stop();
        QTRY_COMPARE(first->link(), ConsoleController::Link::Lost);
        QVERIFY(first->canResolve());
        QVERIFY(first->canResolveOffline());
        first->resolve({id}, QStringLiteral("phone_call"), QStringLiteral("Lo llamé"));
        // Durable at once: another reader of the file sees it.
        {
            LocalSnapshot reader(m_path);
            QVERIFY(reader.open());
            const QList<PendingAction> kept = reader.pending();
            QCOMPARE(kept.size(), 1);
            QCOMPARE(kept.first().notificationId, id);
            QCOMPARE(kept.first().method, QStringLiteral("phone_call"));
            QCOMPARE(kept.first().note, QStringLiteral("Lo llamé"));
        }
        QCOMPARE(first->pendingActionCount(), 1);
        QCOMPARE(first->failedModel()->pendingMark(id), NotificationModel::PendingMark::Queued);
        const int row = first->failedModel()->rowOf(id);
        const QModelIndex mark = first->failedModel()->index(row, NotificationModel::ClaimColumn);
        QCOMPARE(mark.data().toString(), QStringLiteral("Not sent yet"));
        QVERIFY(mark.data(Qt::ToolTipRole).toString().contains(QStringLiteral("phone call")));
        // Gone without a clean quit: nothing after this point is written.
        first.reset();

        ConsoleController second(&m_clock);
        second.useLocalSnapshot(m_path);
        QCOMPARE(second.pendingActionCount(), 1);
        QVERIFY(second.failedModel()->rowOf(id) >= 0); // from the snapshot
        QCOMPARE(second.failedModel()->pendingMark(id), NotificationModel::PendingMark::Queued);

        QVERIFY(startService(port));
        QCOMPARE(stateOf(id), QStringLiteral("failed")); // vigiad has not heard of it
        QSignalSpy settled(&second, &ConsoleController::pendingActionSettled);
        second.connectTo(m_fixture->service()->baseUrl(), m_fixture->token(Role::Support));
        QVERIFY(settled.wait(10000));
        QCOMPARE(settled.first().at(0).toString(), id);
        QCOMPARE(settled.first().at(1).value<ConsoleController::ActionOutcome>(),
                 ConsoleController::ActionOutcome::Done);
        QCOMPARE(stateOf(id), QStringLiteral("resolved"));
        const auto n = m_fixture->store()->notification(id, false);
        QCOMPARE(n->resolution->by, QStringLiteral("sofia-support"));
        QCOMPARE(n->resolution->note, QStringLiteral("Lo llamé"));
        QCOMPARE(second.pendingActionCount(), 0);
        QTRY_COMPARE(second.failedModel()->rowOf(id), -1);
        LocalSnapshot reader(m_path);
        QVERIFY(reader.open());
        QVERIFY(reader.pending().isEmpty());
    }

    // Someone else resolved it while this console was offline: the replay
    // is answered 409 invalid_state and the operator is told who did.
    void conflictIsShownAsResolvedBySomeoneElse()
    {
        const QString id = failure(QStringLiteral("CON-1"));
        ConsoleController c(&m_clock);
        {
            auto live = liveController(); // leaves a snapshot with the row
            QVERIFY(live->saveLocalSnapshotNow());
        }
        c.useLocalSnapshot(m_path);
        QVERIFY(c.failedModel()->rowOf(id) >= 0);
        c.resolve({id}, QStringLiteral("sms"), QString());
        QCOMPARE(c.pendingActionCount(), 1);

        const QString ana = addToken(m_fixture->store(), Role::Support, QStringLiteral("ana"));
        QCOMPARE(m_fixture->http()
                         .post(QStringLiteral("/v1/notifications/%1/resolve").arg(id), ana,
                               {{QStringLiteral("method"), QStringLiteral("phone_call")}})
                         .status,
                 200);

        QSignalSpy settled(&c, &ConsoleController::pendingActionSettled);
        QSignalSpy messages(&c, &ConsoleController::message);
        c.connectTo(m_fixture->service()->baseUrl(), m_fixture->token(Role::Support));
        QVERIFY(settled.wait(10000));
        QCOMPARE(settled.first().at(1).value<ConsoleController::ActionOutcome>(),
                 ConsoleController::ActionOutcome::AlreadyResolved);
        const QString text = settled.first().at(2).toString();
        QVERIFY2(text.contains(QStringLiteral("already resolved by ana")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("CON-1")));
        bool told = false;
        for (const QList<QVariant> &m : std::as_const(messages))
            told = told || m.first().toString() == text;
        QVERIFY(told);
        // Ana's resolution stands; this one was not applied.
        QCOMPARE(m_fixture->store()->notification(id, false)->resolution->by,
                 QStringLiteral("ana"));
        QCOMPARE(c.pendingActionCount(), 0);
        QCOMPARE(c.failedModel()->pendingMark(id), NotificationModel::PendingMark::None);
        QTRY_COMPARE(c.failedModel()->rowOf(id), -1);
    }

    // A refusal (the method is not one vigiad takes) is shown on the row.
    void refusalIsShownOnTheRow()
    {
        const QString id = failure(QStringLiteral("REF-1"));
        auto c = liveController();
        QSignalSpy settled(c.get(), &ConsoleController::pendingActionSettled);
        c->resolve({id}, QStringLiteral("pigeon"), QString());
        QVERIFY(settled.wait(10000));
        QCOMPARE(settled.first().at(1).value<ConsoleController::ActionOutcome>(),
                 ConsoleController::ActionOutcome::Refused);
        QCOMPARE(c->failedModel()->pendingMark(id), NotificationModel::PendingMark::Refused);
        QCOMPARE(c->pendingActionCount(), 0);
        QCOMPARE(stateOf(id), QStringLiteral("failed"));
    }
};

QTEST_MAIN(TstOfflineConsole)
#include "tst_offlineconsole.moc"

// The console end to end on the offscreen platform: a real vigiad in-process,
// a WAHA double, the real widgets. Clicks Retry and Mark contacted and checks
// what the server recorded; runs a health check and a restart from the
// signal strip and reads them back from the audit log. Shows the bot's
// sessions and conversations, and clears one as an admin.
#include "AuditModel.h"
#include "AuditPanel.h"
#include "ConsoleApplication.h"
#include "ConsoleController.h"
#include "ConversationModel.h"
#include "DeliveryDispatcher.h"
#include "FailedNotificationsPanel.h"
#include "LiveJournal.h"
#include "MainWindow.h"
#include "NotificationDetailsPane.h"
#include "NotificationModel.h"
#include "ResolveDialog.h"
#include "ServiceFixture.h"
#include "SessionModel.h"
#include "SessionsPanel.h"
#include "SignalStrip.h"
#include "StatusBanner.h"
#include "Store.h"
#include "TestSupport.h"
#include "VigiaService.h"
#include "WahaDouble.h"
#include "WaitingNotificationsPanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Vigia;
using namespace Vigia::TestSupport;

class TstConsoleGui final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServiceFixture> m_fixture;
    WahaDouble *m_waha = nullptr;
    VigiaService *m_service = nullptr;
    Http *m_http = nullptr;
    QString m_bot;

    QString enqueue(const QString &order)
    {
        const HttpReply r =
                m_http->post(QStringLiteral("/v1/notifications"), m_bot, whatsappBody(order));
        return r.json.value(QStringLiteral("id")).toString();
    }
    std::optional<Notification> stored(const QString &id)
    {
        return m_service->store()->notification(id, false);
    }
    std::unique_ptr<ConsoleApplication> openConsole(Role role, const QString &name)
    {
        auto console = std::make_unique<ConsoleApplication>();
        ConsoleOptions options;
        options.server = m_service->baseUrl();
        options.token = addToken(m_service->store(), role, name);
        options.useKeychain = false;
        console->controller()->liveFeed()->setReconnectDelays(50, 200);
        console->start(options);
        return console;
    }
    HttpReply put(const QString &path, const QJsonObject &body)
    {
        return m_http->request("PUT", path, m_bot,
                               QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    static QJsonObject step(const QString &name)
    {
        return {{QStringLiteral("step"), name},
                {QStringLiteral("data"), QJsonObject{{QStringLiteral("price"), 15}}},
                {QStringLiteral("ttl_seconds"), 900}};
    }
    // count failures straight into the store (one transaction each way, not
    // count HTTP calls): queued with one attempt allowed, claimed, and failed
    // for good as the gateway would.
    void seedFailures(int count, const QString &customer = QStringLiteral("Cliente"))
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<NotificationRequest> requests;
        for (int i = 0; i < count; ++i) {
            NotificationRequest r;
            r.channel = Channel::WhatsApp;
            r.recipient = QStringLiteral("+58 424-%1").arg(1000000 + i);
            r.customerName = QStringLiteral("%1 %2").arg(customer).arg(i);
            r.orderId = QStringLiteral("PED-%1").arg(i);
            r.type = QStringLiteral("ORDER_RECEIVED");
            r.text = QStringLiteral("Pedido %1 recibido").arg(i);
            requests << r;
        }
        QString error;
        Store *store = m_service->store();
        QVERIFY2(!store->enqueueBatch(requests, 1, now, &error).isEmpty(), qPrintable(error));
        const QList<Notification> claimed = store->claimDue(now, count);
        QList<std::pair<QString, AttemptRecord>> attempts;
        for (const Notification &n : claimed) {
            AttemptRecord record;
            record.attempt = {1,   now,
                              now, QStringLiteral("permanent"),
                              401, QStringLiteral("WAHA 401: invalid API key")};
            record.newState = NotificationState::Failed;
            record.lastError = record.attempt.detail;
            attempts.append({n.id, record});
        }
        QCOMPARE(store->completeAttempts(attempts, now, &error).size(), claimed.size());
    }
    QString tabTitle(MainWindow *window, QWidget *panel)
    {
        auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("mainTabs"));
        return tabs->tabText(tabs->indexOf(panel));
    }

    static bool anyContains(const QSignalSpy &spy, const QString &text)
    {
        for (const QList<QVariant> &args : spy) {
            if (args.at(0).toString().contains(text))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        enterTestMode();
        // Counts are shown with the locale's digit grouping: one known locale.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void init()
    {
        m_fixture = std::make_unique<ServiceFixture>();
        m_waha = m_fixture->waha();
        QVERIFY(m_waha->start());
        // A wrong API key fails every send for good (401): the failures stay
        // put until an operator acts, which is what these tests drive.
        m_waha->setApiKey(QByteArrayLiteral("rotated-key"));
        QVERIFY(m_fixture->start());
        m_service = m_fixture->service();
        m_http = &m_fixture->http();
        m_bot = m_fixture->token(Role::Bot);
    }

    void cleanup()
    {
        m_http = nullptr;
        m_service = nullptr;
        m_fixture.reset();
    }

    void retryAndMarkContactedFromTheWindow()
    {
        const QString first = enqueue(QStringLiteral("G1"));
        QTRY_COMPARE(stored(first)->state, NotificationState::Failed);

        auto console = openConsole(Role::Admin, QStringLiteral("console-admin"));
        MainWindow *window = console->window();
        NotificationModel *model = console->controller()->failedModel();
        QTRY_COMPARE(model->rowCount(), 1);
        QTRY_VERIFY(window->banner()->isLive());
        // The session answers 401 to the health probe too: the gateway fails its check.
        QTRY_COMPARE(window->banner()->state(), StatusState::Degraded);

        // A failure that happens while the console is open arrives through the live feed.
        const QString second = enqueue(QStringLiteral("G2"));
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(model->rowOf(second), 0); // newest first, as the server lists them

        // Retry the first with the key fixed.
        m_waha->setApiKey(QByteArray());
        FailedNotificationsPanel *panel = window->failedPanel();
        auto *retry = panel->findChild<QPushButton *>(QStringLiteral("retryButton"));
        auto *resolve = panel->findChild<QPushButton *>(QStringLiteral("resolveButton"));
        QVERIFY(retry && resolve);
        QVERIFY(!retry->isEnabled()); // nothing selected yet
        panel->selectId(first);
        QTRY_VERIFY(retry->isEnabled());
        QTest::mouseClick(retry, Qt::LeftButton);
        QTRY_COMPARE(stored(first)->state, NotificationState::Resolved);
        QCOMPARE(stored(first)->resolution->method, ResolutionMethod::Retry);
        QCOMPARE(stored(first)->resolution->by, QStringLiteral("console-admin"));
        QTRY_COMPARE(model->rowCount(), 1);

        // Mark the second as contacted by phone.
        m_waha->setApiKey(QByteArrayLiteral("rotated-again"));
        panel->selectId(second);
        QTRY_VERIFY(resolve->isEnabled());
        QTest::mouseClick(resolve, Qt::LeftButton);
        ResolveDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = panel->findChild<ResolveDialog *>()) != nullptr);
        auto *method = dialog->findChild<QComboBox *>(QStringLiteral("resolveMethod"));
        auto *note = dialog->findChild<QPlainTextEdit *>(QStringLiteral("resolveNote"));
        method->setCurrentIndex(method->findData(QStringLiteral("phone_call")));
        // QTest types ASCII only; the accent arrives as an input method would send it.
        QTest::keyClicks(note, QStringLiteral("Llam"));
        note->insertPlainText(QStringLiteral("é al cliente, pedido confirmado"));
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);

        QTRY_COMPARE(stored(second)->state, NotificationState::Resolved);
        const Resolution r = *stored(second)->resolution;
        QCOMPARE(r.method, ResolutionMethod::PhoneCall);
        QCOMPARE(r.by, QStringLiteral("console-admin"));
        QCOMPARE(r.note, QStringLiteral("Llamé al cliente, pedido confirmado"));
        QTRY_COMPARE(model->rowCount(), 0);
    }

    void viewerSeesDisabledButtonsWithReason()
    {
        const QString id = enqueue(QStringLiteral("V1"));
        QTRY_COMPARE(stored(id)->state, NotificationState::Failed);
        auto console = openConsole(Role::Viewer, QStringLiteral("viewer"));
        FailedNotificationsPanel *panel = console->window()->failedPanel();
        QTRY_COMPARE(console->controller()->failedModel()->rowCount(), 1);
        QTRY_VERIFY(console->controller()->role().has_value());
        panel->selectId(id);
        auto *retry = panel->findChild<QPushButton *>(QStringLiteral("retryButton"));
        auto *resolve = panel->findChild<QPushButton *>(QStringLiteral("resolveButton"));
        QVERIFY(!retry->isEnabled());
        QVERIFY(!resolve->isEnabled());
        QVERIFY(retry->toolTip().contains(QLatin1String("viewer")));
        QVERIFY(resolve->toolTip().contains(QLatin1String("viewer")));
    }

    void supportMayResolveButNotRetry()
    {
        const QString id = enqueue(QStringLiteral("S1"));
        QTRY_COMPARE(stored(id)->state, NotificationState::Failed);
        auto console = openConsole(Role::Support, QStringLiteral("support"));
        FailedNotificationsPanel *panel = console->window()->failedPanel();
        QTRY_COMPARE(console->controller()->failedModel()->rowCount(), 1);
        QTRY_VERIFY(console->controller()->isLive());
        panel->selectId(id);
        QTRY_VERIFY(panel->findChild<QPushButton *>(QStringLiteral("resolveButton"))->isEnabled());
        QVERIFY(!panel->findChild<QPushButton *>(QStringLiteral("retryButton"))->isEnabled());
    }

    void droppedConnectionMarksEverythingStale()
    {
        const QString id = enqueue(QStringLiteral("D1"));
        QTRY_COMPARE(stored(id)->state, NotificationState::Failed);
        auto console = openConsole(Role::Admin, QStringLiteral("admin"));
        MainWindow *window = console->window();
        NotificationModel *model = console->controller()->failedModel();
        QTRY_COMPARE(model->rowCount(), 1);
        QTRY_VERIFY(window->banner()->isLive());
        window->failedPanel()->selectId(id);
        auto *retry =
                window->failedPanel()->findChild<QPushButton *>(QStringLiteral("retryButton"));
        QTRY_VERIFY(retry->isEnabled());

        m_http = nullptr;
        m_service = nullptr;
        m_fixture->stop();
        QTRY_VERIFY(!window->banner()->isLive());
        QCOMPARE(window->banner()->title(), QStringLiteral("No live data"));
        QVERIFY(model->isStale());
        QVERIFY(model->index(0, 0).data(NotificationModel::StaleRole).toBool());
        QVERIFY(!retry->isEnabled());
        const auto *connection = window->findChild<QLabel *>(QStringLiteral("connectionLabel"));
        QTRY_VERIFY(connection->text().contains(QLatin1String("retrying at")));
    }

    void adminChecksHealthRestartsAndReadsTheAudit()
    {
        auto console = openConsole(Role::Admin, QStringLiteral("maria"));
        MainWindow *window = console->window();
        ConsoleController *controller = console->controller();
        QSignalSpy messages(controller, &ConsoleController::message);
        QTRY_VERIFY(controller->isLive());
        QTRY_VERIFY(window->auditPanel()->isAllowed());
        SignalStrip *strip = window->signalStrip();
        auto *checkNow = strip->findChild<QPushButton *>(QStringLiteral("checkNowButton"));
        QTRY_VERIFY(checkNow->isEnabled());

        // The double refuses the API key, so the probe fails, and says so.
        QTest::mouseClick(checkNow, Qt::LeftButton);
        QVERIFY(!checkNow->isEnabled()); // one action at a time
        controller->restartGateway(); // and the controller holds to it too
        QVERIFY(anyContains(messages, QStringLiteral("Wait for the previous action")));
        QTRY_VERIFY(anyContains(messages, QStringLiteral("Health check failed")));
        QTRY_VERIFY(checkNow->isEnabled());
        // On record, and live: the row carries the server's id, not a stand-in.
        AuditModel *audit = controller->auditModel();
        QTRY_COMPARE(audit->rowCount(), 1);
        QCOMPARE(audit->index(0, 0).data(AuditModel::ActionRole).toString(),
                 QStringLiteral("health_check"));
        QCOMPARE(audit->index(0, AuditModel::ActorColumn).data().toString(),
                 QStringLiteral("maria"));
        QVERIFY(!audit->index(0, 0)
                         .data(AuditModel::IdRole)
                         .toString()
                         .startsWith(QLatin1String("live-")));

        // No restart command is configured: confirmed, sent, refused with the reason.
        QTest::mouseClick(strip->findChild<QPushButton *>(QStringLiteral("restartBotButton")),
                          Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = strip->findChild<QMessageBox *>(QStringLiteral("confirmRestartBot")))
                    != nullptr);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(anyContains(messages, QStringLiteral("The bot restart failed")));
        QTRY_COMPARE(audit->rowCount(), 2);
        QCOMPARE(audit->index(0, 0).data(AuditModel::ActionRole).toString(),
                 QStringLiteral("bot_restart"));
        QVERIFY(!anyContains(messages, QStringLiteral("Could not load")));
    }

    void viewerNeitherOperatesNorReadsTheAudit()
    {
        auto console = openConsole(Role::Viewer, QStringLiteral("viewer"));
        MainWindow *window = console->window();
        ConsoleController *controller = console->controller();
        QTRY_VERIFY(controller->role().has_value());
        QTRY_VERIFY(controller->isLive());
        auto *restart = window->signalStrip()->findChild<QPushButton *>(
                QStringLiteral("restartGatewayButton"));
        QVERIFY(!restart->isEnabled());
        QVERIFY(restart->toolTip().contains(QLatin1String("viewer")));
        QVERIFY(!window->auditPanel()->isAllowed());

        // Asked directly, the controller refuses without calling vigiad.
        QSignalSpy running(controller, &ConsoleController::operationRunningChanged);
        QSignalSpy messages(controller, &ConsoleController::message);
        controller->restartGateway();
        QCOMPARE(running.size(), 0);
        QVERIFY(anyContains(messages, QStringLiteral("viewer")));

        // An admin acts elsewhere. Whatever the feed carries, the log stays out
        // of this console: once a later event has arrived, the audit is still empty.
        const QString admin = addToken(m_service->store(), Role::Admin, QStringLiteral("admin"));
        QCOMPARE(m_http->post(QStringLiteral("/v1/health/check"), admin, {}).status, 200);
        const QString id = enqueue(QStringLiteral("AFTER"));
        QTRY_VERIFY(controller->failedModel()->rowOf(id) >= 0);
        QCOMPARE(controller->auditModel()->rowCount(), 0);
    }

    void sessionsAndConversationsFromTheBotAndAdminClears()
    {
        // Before the console opens: these come through the snapshot.
        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/pino"),
                     {{QStringLiteral("user_id"), QStringLiteral("1234")},
                      {QStringLiteral("username"), QStringLiteral("Pino")},
                      {QStringLiteral("where"), QStringLiteral("General")},
                      {QStringLiteral("confirmed"), true},
                      {QStringLiteral("entry_notified"), true}})
                         .status,
                 201);
        const QString tariff = QStringLiteral("/v1/conversations/admin-42/create-tariff");
        QCOMPARE(put(tariff, step(QStringLiteral("duration"))).status, 201);

        auto console = openConsole(Role::Admin, QStringLiteral("maria"));
        ConsoleController *controller = console->controller();
        SessionModel *sessions = controller->sessionModel();
        ConversationModel *conversations = controller->conversationModel();
        QSignalSpy messages(controller, &ConsoleController::message);
        QTRY_COMPARE(sessions->rowCount(), 1);
        QTRY_COMPARE(conversations->rowCount(), 1);
        QTRY_VERIFY(controller->isLive());
        const int pino = sessions->rowOf(QStringLiteral("voice"), QStringLiteral("pino"));
        QVERIFY(pino >= 0);
        QCOMPARE(sessions->index(pino, SessionModel::UserColumn).data().toString(),
                 QStringLiteral("Pino"));
        QCOMPARE(sessions->index(pino, SessionModel::EntryNotifiedColumn).data().toString(),
                 QStringLiteral("Yes"));
        QCOMPARE(conversations
                         ->conversation(QStringLiteral("admin-42"), QStringLiteral("create-tariff"))
                         ->step,
                 QStringLiteral("duration"));

        // While it is open: through the live feed.
        QCOMPARE(put(QStringLiteral("/v1/sessions/party/amongus-7"),
                     {{QStringLiteral("user_id"), QStringLiteral("pino")},
                      {QStringLiteral("where"), QStringLiteral("Among Us")},
                      {QStringLiteral("data"),
                       QJsonObject{{QStringLiteral("game"), QStringLiteral("Among Us")},
                                   {QStringLiteral("players"),
                                    QJsonArray{QStringLiteral("pino"), QStringLiteral("luz"),
                                               QStringLiteral("ana")}}}}})
                         .status,
                 201);
        QTRY_VERIFY(sessions->rowOf(QStringLiteral("party"), QStringLiteral("amongus-7")) >= 0);
        const int amongUs = sessions->rowOf(QStringLiteral("party"), QStringLiteral("amongus-7"));
        QCOMPARE(sessions->index(amongUs, SessionModel::PlayersColumn).data().toString(),
                 QStringLiteral("pino, luz, ana (3)"));
        QCOMPARE(put(tariff, step(QStringLiteral("name"))).status, 200);
        QCOMPARE(put(QStringLiteral("/v1/conversations/luz/refund"), step(QStringLiteral("order")))
                         .status,
                 201);
        QTRY_COMPARE(conversations->rowCount(), 2);
        QTRY_COMPARE(
                conversations
                        ->conversation(QStringLiteral("admin-42"), QStringLiteral("create-tariff"))
                        ->step,
                QStringLiteral("name"));
        QCOMPARE(m_http->request("DELETE", QStringLiteral("/v1/sessions/voice/pino"), m_bot).status,
                 200);
        QTRY_COMPARE(sessions->rowOf(QStringLiteral("voice"), QStringLiteral("pino")), -1);
        QCOMPARE(sessions->rowCount(), 1);

        // The admin clears the stuck tariff from the window, after confirming.
        SessionsPanel *panel = console->window()->sessionsPanel();
        QVERIFY(panel);
        auto *clear = panel->findChild<QPushButton *>(QStringLiteral("clearConversationButton"));
        panel->selectConversation(QStringLiteral("admin-42"), QStringLiteral("create-tariff"));
        QTRY_VERIFY(clear->isEnabled());
        QTest::mouseClick(clear, Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY(
                (box = panel->findChild<QMessageBox *>(QStringLiteral("confirmClearConversation")))
                != nullptr);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(m_http->get(tariff, m_bot).status, 404);
        QTRY_COMPARE(
                conversations->rowOf(QStringLiteral("admin-42"), QStringLiteral("create-tariff")),
                -1);
        QTRY_VERIFY(anyContains(messages, QStringLiteral("Cleared")));
        QCOMPARE(m_http->get(QStringLiteral("/v1/conversations/luz/refund"), m_bot).status, 200);
        QCOMPARE(conversations->rowCount(), 1);

        // Clearing it again finds it gone and says so instead of failing.
        controller->clearConversation(QStringLiteral("admin-42"), QStringLiteral("create-tariff"));
        QTRY_VERIFY(anyContains(messages, QStringLiteral("already ended")));

        // A whole flow, through the client: the feed takes the row away.
        int cleared = -1;
        controller->api()->clearFlow(QStringLiteral("refund"), [&](const ApiResult &r) {
            cleared = r.body.value(QStringLiteral("cleared")).toInt();
        });
        QTRY_COMPARE(cleared, 1);
        QTRY_COMPARE(conversations->rowCount(), 0);
        QVERIFY(!anyContains(messages, QStringLiteral("Could not load")));
    }

    void consoleLoadsEveryPageOfSessionsAndConversations()
    {
        // More than one page of each (vigiad answers at most 500 a page).
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < 1234; ++i) {
            Session s;
            s.kind = QStringLiteral("voice");
            s.key = QStringLiteral("user-%1").arg(i);
            s.where = QStringLiteral("General");
            bool created = false;
            QVERIFY(m_service->store()->upsertSession(s, now, &created));
        }
        for (int i = 0; i < 567; ++i) {
            Conversation c;
            c.user = QStringLiteral("user-%1").arg(i);
            c.flow = QStringLiteral("create-tariff");
            c.step = QStringLiteral("price");
            c.ttlSeconds = 3600;
            QVERIFY(m_service->store()->putConversation(c, now));
        }
        auto console = openConsole(Role::Viewer, QStringLiteral("viewer"));
        ConsoleController *controller = console->controller();
        QTRY_COMPARE_WITH_TIMEOUT(controller->sessionModel()->rowCount(), 1234, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(controller->conversationModel()->rowCount(), 567, 20000);
        QVERIFY(controller->sessionModel()->rowOf(QStringLiteral("voice"),
                                                  QStringLiteral("user-1233"))
                >= 0);
    }

    void viewerCannotClearConversations()
    {
        QCOMPARE(put(QStringLiteral("/v1/conversations/u1/create-tariff"),
                     step(QStringLiteral("price")))
                         .status,
                 201);
        auto console = openConsole(Role::Viewer, QStringLiteral("viewer"));
        ConsoleController *controller = console->controller();
        QTRY_COMPARE(controller->conversationModel()->rowCount(), 1);
        QTRY_VERIFY(controller->isLive());
        QTRY_VERIFY(controller->role().has_value());
        SessionsPanel *panel = console->window()->sessionsPanel();
        panel->selectConversation(QStringLiteral("u1"), QStringLiteral("create-tariff"));
        auto *clear = panel->findChild<QPushButton *>(QStringLiteral("clearConversationButton"));
        QVERIFY(!clear->isEnabled());
        QVERIFY(clear->toolTip().contains(QLatin1String("viewer")));

        // Asked directly, the controller refuses without calling vigiad.
        QSignalSpy messages(controller, &ConsoleController::message);
        controller->clearConversation(QStringLiteral("u1"), QStringLiteral("create-tariff"));
        QVERIFY(anyContains(messages, QStringLiteral("viewer")));
        QCOMPARE(m_http->get(QStringLiteral("/v1/conversations/u1/create-tariff"), m_bot).status,
                 200);
        QCOMPARE(controller->conversationModel()->rowCount(), 1);
    }

    void waitingViewFollowsTheLiveFeedUntilDelivered()
    {
        // The gateway takes the send and never answers: the notification
        // waits (sending, then pending again after each timed-out attempt).
        m_waha->setApiKey(QByteArray());
        m_waha->setMode(GatewayDouble::Mode::Hang);
        const QString first = enqueue(QStringLiteral("W1"));
        QTRY_VERIFY(m_waha->hungRequestCount() > 0);

        auto console = openConsole(Role::Viewer, QStringLiteral("viewer"));
        MainWindow *window = console->window();
        NotificationModel *waiting = console->controller()->waitingModel();
        WaitingNotificationsPanel *panel = window->waitingPanel();
        QVERIFY(panel);
        QTableView *view = panel->view();
        // In the view from the snapshot, with its state shown.
        QTRY_COMPARE(view->model()->rowCount(), 1);
        QCOMPARE(view->model()->index(0, 0).data(NotificationModel::IdRole).toString(), first);
        QTRY_VERIFY(window->banner()->isLive());
        // One created while the console is open enters through the live feed.
        const QString second = enqueue(QStringLiteral("W2"));
        QTRY_COMPARE(waiting->rowCount(), 2);
        QVERIFY(waiting->rowOf(second) >= 0);
        // The tab's title is the server's count.
        auto *tabs = window->findChild<QTabWidget *>(QStringLiteral("mainTabs"));
        QTRY_COMPARE(tabs->tabText(tabs->indexOf(panel)), QStringLiteral("Waiting (2)"));

        // The gateway answers again: each leaves the view when the feed says delivered.
        m_waha->setMode(GatewayDouble::Mode::Accept);
        m_waha->releaseHungRequests();
        QTRY_COMPARE_WITH_TIMEOUT(stored(first)->state, NotificationState::Delivered, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(stored(second)->state, NotificationState::Delivered, 10000);
        QTRY_COMPARE(view->model()->rowCount(), 0);
        QCOMPARE(console->controller()->failedModel()->rowCount(), 0);
        QTRY_COMPARE(tabs->tabText(tabs->indexOf(panel)), QStringLiteral("Waiting (0)"));
    }

    // During an outage thousands wait: the Waiting list pages from the
    // server too (it used to stop silently at 5,000), oldest first.
    void waitingListLoadsPageByPageOldestFirst()
    {
        m_service->dispatcher()->stop(); // nothing leaves: everything waits
        QList<NotificationRequest> requests;
        for (int i = 0; i < 450; ++i) {
            NotificationRequest r;
            r.channel = Channel::WhatsApp;
            r.recipient = QStringLiteral("+58 424-%1").arg(2000000 + i);
            r.orderId = QStringLiteral("WAIT-%1").arg(i);
            r.type = QStringLiteral("ORDER_RECEIVED");
            r.text = QStringLiteral("Pedido %1").arg(i);
            requests << r;
        }
        QString error;
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        QVERIFY2(!m_service->store()->enqueueBatch(requests.mid(0, 1), 1, t0, &error).isEmpty(),
                 qPrintable(error));
        QVERIFY2(!m_service->store()
                          ->enqueueBatch(requests.mid(1), 1, t0.addSecs(1), &error)
                          .isEmpty(),
                 qPrintable(error));
        auto console = openConsole(Role::Viewer, QStringLiteral("viewer"));
        MainWindow *window = console->window();
        NotificationModel *model = console->controller()->waitingModel();
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);
        QTRY_COMPARE(model->rowCount(), 200);
        QVERIFY(model->canFetchMore({}));
        QCOMPARE(model->index(0, 0).data(NotificationModel::IdRole).toString(),
                 m_service->store()
                         ->notifications([] {
                             NotificationFilter f;
                             f.orderId = QStringLiteral("WAIT-0");
                             return f;
                         }())
                         .items.constFirst()
                         .id);
        QTableView *view = window->waitingPanel()->view();
        window->showTab(QStringLiteral("waiting"));
        for (int i = 0; i < 5 && model->canFetchMore({}); ++i) {
            const int before = model->rowCount();
            view->scrollToBottom();
            QTRY_VERIFY(model->rowCount() > before || !model->moreAvailable());
        }
        QTRY_COMPARE(model->rowCount(), 450);
        QVERIFY(!model->canFetchMore({}));
        QCOMPARE(resets.size(), 1);
    }

    // The Waiting tab's search is the server's, as the Failed tab's is: it
    // finds rows past the pages loaded, and the title keeps the true total.
    void waitingSearchAsksTheServer()
    {
        m_service->dispatcher()->stop(); // nothing leaves: everything waits
        QList<NotificationRequest> requests;
        for (int i = 0; i < 252; ++i) {
            NotificationRequest r;
            r.channel = Channel::WhatsApp;
            r.recipient = QStringLiteral("+58 424-%1").arg(2000000 + i);
            r.customerName = i < 250 ? QStringLiteral("Cliente %1").arg(i)
                                     : QStringLiteral("José Núñez %1").arg(i);
            r.orderId = QStringLiteral("WAIT-%1").arg(i);
            r.type = QStringLiteral("ORDER_RECEIVED");
            r.text = QStringLiteral("Pedido %1").arg(i);
            requests << r;
        }
        QString error;
        // The two to find are the newest: past the first page, oldest first.
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        QVERIFY2(!m_service->store()->enqueueBatch(requests.mid(0, 250), 1, t0, &error).isEmpty(),
                 qPrintable(error));
        QVERIFY2(!m_service->store()
                          ->enqueueBatch(requests.mid(250), 1, t0.addSecs(1), &error)
                          .isEmpty(),
                 qPrintable(error));
        auto console = openConsole(Role::Viewer, QStringLiteral("viewer"));
        MainWindow *window = console->window();
        WaitingNotificationsPanel *panel = window->waitingPanel();
        NotificationModel *model = console->controller()->waitingModel();
        QTRY_COMPARE(model->rowCount(), 200);
        QTRY_COMPARE(tabTitle(window, panel), QStringLiteral("Waiting (252)"));

        window->showTab(QStringLiteral("waiting"));
        QTest::keyClicks(panel->searchBox(), QStringLiteral("jose nunez"));
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(panel->view()->model()->rowCount(), 2);
        for (int row = 0; row < 2; ++row)
            QVERIFY(model->index(row, NotificationModel::CustomerColumn)
                            .data()
                            .toString()
                            .startsWith(QStringLiteral("José Núñez")));
        auto *matches = panel->findChild<QLabel *>(QStringLiteral("waitingMatches"));
        QTRY_COMPARE(matches->text(), QStringLiteral("2 match(es)"));
        QCOMPARE(tabTitle(window, panel), QStringLiteral("Waiting (252)"));

        panel->searchBox()->clear();
        QTRY_COMPARE(model->rowCount(), 200);
        QTRY_VERIFY(matches->isHidden());
        QVERIFY(model->canFetchMore({}));
    }

    // Sorting the Waiting tab is the server's too: the customer first in
    // order comes first even when no page loaded so far held them.
    void waitingSortAsksTheServer()
    {
        m_service->dispatcher()->stop(); // nothing leaves: everything waits
        QList<NotificationRequest> requests;
        for (int i = 0; i < 251; ++i) {
            NotificationRequest r;
            r.channel = Channel::WhatsApp;
            r.recipient = QStringLiteral("+58 424-%1").arg(2000000 + i);
            r.customerName = i < 250 ? QStringLiteral("Cliente %1").arg(i) : QStringLiteral("Ana");
            r.orderId = QStringLiteral("SORT-%1").arg(i);
            r.type = QStringLiteral("ORDER_RECEIVED");
            r.text = QStringLiteral("Pedido %1").arg(i);
            requests << r;
        }
        QString error;
        const QDateTime t0 = QDateTime::currentDateTimeUtc();
        QVERIFY2(!m_service->store()->enqueueBatch(requests.mid(0, 250), 1, t0, &error).isEmpty(),
                 qPrintable(error));
        QVERIFY2(!m_service->store()
                          ->enqueueBatch(requests.mid(250), 1, t0.addSecs(1), &error)
                          .isEmpty(),
                 qPrintable(error));
        auto console = openConsole(Role::Viewer, QStringLiteral("viewer"));
        MainWindow *window = console->window();
        WaitingNotificationsPanel *panel = window->waitingPanel();
        NotificationModel *model = console->controller()->waitingModel();
        QTRY_COMPARE(model->rowCount(), 200); // oldest first: Ana, the newest, is not there
        window->showTab(QStringLiteral("waiting"));
        QHeaderView *header = panel->view()->horizontalHeader();
        header->setSortIndicator(NotificationModel::CustomerColumn, Qt::AscendingOrder);
        QTRY_COMPARE(panel->view()->model()->index(0, NotificationModel::CustomerColumn).data(),
                     QVariant(QStringLiteral("Ana")));
        QCOMPARE(model->rowCount(), 200);
        // A column the server cannot sort by keeps the order as it was.
        header->setSortIndicator(NotificationModel::TypeColumn, Qt::AscendingOrder);
        QCOMPARE(header->sortIndicatorSection(), int(NotificationModel::CustomerColumn));
    }

    void failedListLoadsPageByPageAsTheTableScrolls()
    {
        seedFailures(1200);
        auto console = openConsole(Role::Viewer, QStringLiteral("viewer"));
        MainWindow *window = console->window();
        NotificationModel *model = console->controller()->failedModel();
        QSignalSpy resets(model, &QAbstractItemModel::modelReset);
        // The first page only, and the title says there is more.
        QTRY_COMPARE(model->rowCount(), 200);
        QVERIFY(model->canFetchMore({}));
        QTRY_VERIFY(console->controller()->isLive());
        // One more failure through the service: the status counts every one.
        const QString fresh = enqueue(QStringLiteral("NEW-1"));
        QTRY_VERIFY(model->rowOf(fresh) == 0); // newest first, inserted on top
        QTRY_COMPARE(tabTitle(window, window->failedPanel()), QStringLiteral("Failed (1,201)"));

        // Scrolling to the end asks for the next page, until there is none.
        QTableView *view = window->failedPanel()->view();
        window->showTab(QStringLiteral("failed"));
        for (int i = 0; i < 10 && model->canFetchMore({}); ++i) {
            const int before = model->rowCount();
            view->scrollToBottom();
            QTRY_VERIFY(model->rowCount() > before || !model->moreAvailable());
        }
        QTRY_COMPARE(model->rowCount(), 1201);
        QVERIFY(!model->canFetchMore({}));
        // The first page replaced the list; later pages and live rows were inserted.
        QCOMPARE(resets.size(), 1);
        QCOMPARE(tabTitle(window, window->failedPanel()), QStringLiteral("Failed (1,201)"));
    }

    void searchAsksTheServer()
    {
        seedFailures(30, QStringLiteral("Carmen"));
        seedFailures(2, QStringLiteral("Rosalinda"));
        auto console = openConsole(Role::Viewer, QStringLiteral("viewer"));
        MainWindow *window = console->window();
        NotificationModel *model = console->controller()->failedModel();
        QTRY_COMPARE(model->rowCount(), 32);
        QLineEdit *search = window->failedPanel()->searchBox();
        QTest::keyClicks(search, QStringLiteral("rosa"));
        QTRY_COMPARE(model->rowCount(), 2);
        for (int row = 0; row < model->rowCount(); ++row)
            QVERIFY(model->index(row, NotificationModel::CustomerColumn)
                            .data()
                            .toString()
                            .startsWith(QLatin1String("Rosalinda")));
        auto *matches = window->failedPanel()->findChild<QLabel *>(QStringLiteral("failedMatches"));
        QTRY_VERIFY(matches->text().startsWith(QLatin1String("2")));
        search->clear();
        QTRY_COMPARE(model->rowCount(), 32);
    }

    void detailsPaneShowsTheAttemptsOfAFailure()
    {
        const QString id = enqueue(QStringLiteral("DET-1"));
        QTRY_COMPARE(stored(id)->state, NotificationState::Failed);
        auto console = openConsole(Role::Admin, QStringLiteral("maria"));
        MainWindow *window = console->window();
        QTRY_COMPARE(console->controller()->failedModel()->rowCount(), 1);
        QTRY_VERIFY(console->controller()->isLive());
        FailedNotificationsPanel *panel = window->failedPanel();
        NotificationDetailsPane *pane = panel->detailsPane();
        panel->selectId(id);
        QTRY_COMPARE(pane->notificationId(), id);
        const QString text = pane->text();
        QVERIFY2(text.contains(QStringLiteral("Ana Pérez")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("DET-1")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("Your order DET-1 was received")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("#1 at")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("HTTP 401")), qPrintable(text));

        // Open chat goes out as a wa.me link, for the app to open (not in a test).
        QSignalSpy chat(window, &MainWindow::openChatRequested);
        QTest::mouseClick(pane->findChild<QPushButton *>(QStringLiteral("openChatButton")),
                          Qt::LeftButton);
        QCOMPARE(chat.size(), 1);
        QVERIFY(chat.first().at(0).toUrl().toString().startsWith(
                QLatin1String("https://wa.me/58")));

        // Marked contacted: the pane follows the live change with the resolution and the audit.
        QCOMPARE(m_http->post(QStringLiteral("/v1/notifications/%1/resolve").arg(id),
                              m_fixture->token(Role::Admin),
                              {{QStringLiteral("method"), QStringLiteral("phone_call")},
                               {QStringLiteral("note"), QStringLiteral("llamada")}})
                         .status,
                 200);
        QTRY_COMPARE(console->controller()->failedModel()->rowCount(), 0);
    }

    void retryAllAsksFirstAndQueuesEveryFailure()
    {
        const QString first = enqueue(QStringLiteral("RA-1"));
        const QString second = enqueue(QStringLiteral("RA-2"));
        QTRY_COMPARE(stored(first)->state, NotificationState::Failed);
        QTRY_COMPARE(stored(second)->state, NotificationState::Failed);
        auto console = openConsole(Role::Admin, QStringLiteral("maria"));
        MainWindow *window = console->window();
        QTRY_COMPARE(console->controller()->failedModel()->rowCount(), 2);
        QTRY_VERIFY(console->controller()->isLive());
        auto *retryAll =
                window->failedPanel()->findChild<QPushButton *>(QStringLiteral("retryAllButton"));
        QTRY_VERIFY(retryAll->isEnabled());

        m_waha->setApiKey(QByteArray()); // the gateway works again
        QTest::mouseClick(retryAll, Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = window->findChild<QMessageBox *>(QStringLiteral("confirmRetryAll")))
                    != nullptr);
        QCOMPARE(box->text(), QStringLiteral("Retry all 2 failed notification(s)?"));
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(stored(first)->state, NotificationState::Resolved);
        QTRY_COMPARE(stored(second)->state, NotificationState::Resolved);
        QTRY_COMPARE(console->controller()->failedModel()->rowCount(), 0);
        QTRY_COMPARE(tabTitle(window, window->failedPanel()), QStringLiteral("Failed (0)"));
    }

    void viewerMayNotRetryAll()
    {
        const QString id = enqueue(QStringLiteral("RV-1"));
        QTRY_COMPARE(stored(id)->state, NotificationState::Failed);
        auto console = openConsole(Role::Viewer, QStringLiteral("viewer"));
        QTRY_COMPARE(console->controller()->failedModel()->rowCount(), 1);
        QTRY_VERIFY(console->controller()->role().has_value());
        auto *retryAll = console->window()->failedPanel()->findChild<QPushButton *>(
                QStringLiteral("retryAllButton"));
        QVERIFY(!retryAll->isEnabled());
        QVERIFY(retryAll->toolTip().contains(QLatin1String("viewer")));
    }

    void searchIgnoresCaseAndAccentsAndTheTitleIsTheServerTotal()
    {
        seedFailures(1200);
        seedFailures(2, QStringLiteral("José"));
        auto console = openConsole(Role::Viewer, QStringLiteral("viewer"));
        MainWindow *window = console->window();
        NotificationModel *model = console->controller()->failedModel();
        QTRY_COMPARE(model->rowCount(), 200);
        // The page's total: every failure, before a status event says so.
        QTRY_COMPARE(tabTitle(window, window->failedPanel()), QStringLiteral("Failed (1,202)"));

        QTest::keyClicks(window->failedPanel()->searchBox(), QStringLiteral("jose"));
        QTRY_COMPARE(model->rowCount(), 2);
        QVERIFY(model->index(0, NotificationModel::CustomerColumn)
                        .data()
                        .toString()
                        .startsWith(QStringLiteral("José")));
        auto *matches = window->failedPanel()->findChild<QLabel *>(QStringLiteral("failedMatches"));
        QTRY_COMPARE(matches->text(), QStringLiteral("2 match(es)"));
        // The title keeps counting every failure (the rows were stored behind
        // vigiad's back: its status may count them only after the search).
        QTRY_COMPARE(tabTitle(window, window->failedPanel()), QStringLiteral("Failed (1,202)"));
    }

    void headerSortsOnTheServer()
    {
        seedFailures(3, QStringLiteral("Zoe"));
        seedFailures(3, QStringLiteral("Adela"));
        auto console = openConsole(Role::Viewer, QStringLiteral("viewer"));
        NotificationModel *model = console->controller()->failedModel();
        QTRY_COMPARE(model->rowCount(), 6);
        QHeaderView *header = console->window()->failedPanel()->view()->horizontalHeader();
        header->setSortIndicator(NotificationModel::CustomerColumn, Qt::AscendingOrder);
        QTRY_VERIFY(model->index(0, NotificationModel::CustomerColumn)
                            .data()
                            .toString()
                            .startsWith(QLatin1String("Adela")));
        header->setSortIndicator(NotificationModel::CustomerColumn, Qt::DescendingOrder);
        QTRY_VERIFY(model->index(0, NotificationModel::CustomerColumn)
                            .data()
                            .toString()
                            .startsWith(QLatin1String("Zoe")));
    }

    // "I'm handling this" between two support operators, each at a console
    // on the same vigiad: one takes a failure from the details pane, the
    // other sees it live and cannot take it too; releasing frees it.
    void twoConsolesShareWhoIsHandlingAFailure()
    {
        const QString id = enqueue(QStringLiteral("CL-1"));
        QTRY_COMPARE(stored(id)->state, NotificationState::Failed);
        auto a = openConsole(Role::Support, QStringLiteral("ana"));
        auto b = openConsole(Role::Support, QStringLiteral("beto"));
        NotificationModel *modelA = a->controller()->failedModel();
        NotificationModel *modelB = b->controller()->failedModel();
        QTRY_COMPARE(modelA->rowCount(), 1);
        QTRY_COMPARE(modelB->rowCount(), 1);
        QTRY_VERIFY(a->controller()->isLive() && a->controller()->role().has_value());
        QTRY_VERIFY(b->controller()->isLive() && b->controller()->role().has_value());
        // B's rows change only through the live feed here.
        QAbstractItemModelTester tester(modelB,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto claimCell = [id](NotificationModel *model) {
            return model->index(model->rowOf(id), NotificationModel::ClaimColumn);
        };

        FailedNotificationsPanel *panelA = a->window()->failedPanel();
        FailedNotificationsPanel *panelB = b->window()->failedPanel();
        const auto button = [](FailedNotificationsPanel *panel, const char *name) {
            return panel->detailsPane()->findChild<QPushButton *>(QLatin1String(name));
        };
        panelA->selectId(id);
        panelB->selectId(id);
        QTRY_COMPARE(panelA->detailsPane()->notificationId(), id);
        QVERIFY(!button(panelA, "releaseButton")->isEnabled()); // nobody holds it
        QTRY_VERIFY(button(panelA, "claimButton")->isEnabled());
        QTest::mouseClick(button(panelA, "claimButton"), Qt::LeftButton);

        QTRY_COMPARE(stored(id)->claimedBy, QStringLiteral("ana"));
        QTRY_COMPARE(claimCell(modelA).data().toString(), QStringLiteral("You are handling it"));
        QTRY_VERIFY(button(panelA, "releaseButton")->isEnabled());
        QVERIFY(!button(panelA, "claimButton")->isEnabled());

        // B hears of it live: the row says who, the pane says until when, and
        // B may not take it (but may still mark it contacted).
        QTRY_COMPARE(claimCell(modelB).data().toString(), QStringLiteral("ana is handling it"));
        QVERIFY(claimCell(modelB).data(Qt::ToolTipRole).toString().contains(QLatin1String("left")));
        QTRY_VERIFY(!button(panelB, "claimButton")->isEnabled());
        QVERIFY(!button(panelB, "releaseButton")->isEnabled());
        QVERIFY(button(panelB, "claimButton")->toolTip().contains(QLatin1String("ana")));
        QVERIFY2(panelB->detailsPane()->claimText().startsWith(
                         QLatin1String("ana is handling this until")),
                 qPrintable(panelB->detailsPane()->claimText()));
        QVERIFY(panelB->findChild<QPushButton *>(QStringLiteral("resolveButton"))->isEnabled());

        // A claim forced past the button gets the server's refusal, naming ana.
        std::optional<ApiResult> forced;
        b->controller()->api()->claimNotification(id,
                                                  [&forced](const ApiResult &r) { forced = r; });
        QTRY_VERIFY(forced.has_value());
        QCOMPARE(forced->httpStatus, 409);
        QCOMPARE(forced->errorCode, QStringLiteral("claimed"));
        QCOMPARE(forced->body.value(QStringLiteral("claimed_by")).toString(),
                 QStringLiteral("ana"));
        QVERIFY(forced->message.contains(QLatin1String("ana")));
        QCOMPARE(stored(id)->claimedBy, QStringLiteral("ana"));

        // A releases: B may take it now.
        QTest::mouseClick(button(panelA, "releaseButton"), Qt::LeftButton);
        QTRY_VERIFY(stored(id)->claimedBy.isEmpty());
        QTRY_VERIFY(claimCell(modelB).data().toString().isEmpty());
        QTRY_VERIFY(button(panelB, "claimButton")->isEnabled());
        QVERIFY(panelB->detailsPane()->claimText().isEmpty());
        QTRY_VERIFY(claimCell(modelA).data().toString().isEmpty());

        // A race the feed could not announce in time (B's feed is down): B's
        // claim is refused, the status bar gives the server's reason and B's
        // row shows who got there first.
        b->controller()->liveFeed()->stop();
        a->controller()->claim(id);
        QTRY_COMPARE(stored(id)->claimedBy, QStringLiteral("ana"));
        QVERIFY(claimCell(modelB).data().toString().isEmpty());
        QSignalSpy messages(b->controller(), &ConsoleController::message);
        b->controller()->claim(id);
        QTRY_COMPARE(claimCell(modelB).data().toString(), QStringLiteral("ana is handling it"));
        QVERIFY(anyContains(messages, QStringLiteral("ana is handling notification")));
        QVERIFY2(b->window()->statusBar()->currentMessage().contains(QLatin1String("ana")),
                 qPrintable(b->window()->statusBar()->currentMessage()));

        // Marking it contacted ends the claim with the failure.
        QCOMPARE(m_http->post(QStringLiteral("/v1/notifications/%1/resolve").arg(id),
                              m_fixture->token(Role::Admin),
                              {{QStringLiteral("method"), QStringLiteral("phone_call")}})
                         .status,
                 200);
        QTRY_COMPARE(modelA->rowCount(), 0);
        QVERIFY(stored(id)->claimedBy.isEmpty());
    }

    void recoveryIsAnnouncedInTheStatusBar()
    {
        auto console = openConsole(Role::Viewer, QStringLiteral("console-viewer"));
        QTRY_VERIFY(console->window()->banner()->isLive());
        QSignalSpy messages(console->controller(), &ConsoleController::message);
        // What OutageSupervisor publishes once an outage's backlog is replayed.
        m_service->journal()->publish(
                LiveEventType::Recovery,
                {{QStringLiteral("sent"), 7}, {QStringLiteral("outage_s"), 20}});
        QTRY_VERIFY(anyContains(messages, QStringLiteral("Communication restored")));
        const QString shown = console->window()->statusBar()->currentMessage();
        QVERIFY2(shown.contains(QLatin1String("20 s")) && shown.contains(QLatin1String("7 ")),
                 qPrintable(shown));
    }
};

QTEST_MAIN(TstConsoleGui)
#include "tst_consolegui.moc"

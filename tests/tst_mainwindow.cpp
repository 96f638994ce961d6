// MainWindow lays out and forwards: "Show affected" lands on the failed
// orders, the audit tab explains itself to non-admins, the signal strip's
// actions leave through the window. TrayNotifier alerts only on worsening.
#include "AuditModel.h"
#include "AuditPanel.h"
#include "FailedNotificationsPanel.h"
#include "IncidentModel.h"
#include "IncidentsPanel.h"
#include "MainWindow.h"
#include "NotificationDetailsPane.h"
#include "NotificationModel.h"
#include "ProfileActions.h"
#include "ResolveDialog.h"
#include "SignalStrip.h"
#include "StatusBanner.h"
#include "StatusTexts.h"
#include "TrayNotifier.h"
#include "VigiaPalette.h"
#include "WaitingNotificationsPanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTranslator>

using namespace Vigia;

namespace {
Notification failed(const QString &id, const QString &orderId)
{
    Notification n;
    n.id = id;
    n.orderId = orderId;
    n.type = orderId.isEmpty() ? QStringLiteral("VOICE_LEAVE") : QStringLiteral("ORDER_RECEIVED");
    n.state = NotificationState::Failed;
    n.createdAt = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
    n.updatedAt = n.createdAt;
    return n;
}

CommunicationStatus withState(StatusState state, int affected = 0)
{
    CommunicationStatus s;
    s.state = state;
    s.reason = QStringLiteral("reason for ") + statusStateName(state);
    s.counts.affectedOrders = affected;
    return s;
}
} // namespace

class TstMainWindow final : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(10, 5), Qt::UTC);
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<NotificationModel> m_failed;
    std::unique_ptr<NotificationModel> m_waiting;
    std::unique_ptr<IncidentModel> m_incidents;
    std::unique_ptr<AuditModel> m_audit;
    std::unique_ptr<MainWindow> m_window;

    QTabWidget *tabs() const
    {
        return m_window->findChild<QTabWidget *>(QStringLiteral("mainTabs"));
    }

private Q_SLOTS:
    void init()
    {
        m_clock = std::make_unique<ManualClock>(m_t0);
        m_failed = std::make_unique<NotificationModel>(
                m_clock.get(), QSet<NotificationState>{NotificationState::Failed});
        m_waiting = std::make_unique<NotificationModel>(
                m_clock.get(),
                QSet<NotificationState>{NotificationState::Pending, NotificationState::Sending});
        m_incidents = std::make_unique<IncidentModel>(m_clock.get());
        m_audit = std::make_unique<AuditModel>();
        m_window = std::make_unique<MainWindow>(m_failed.get(), m_incidents.get(), m_audit.get(),
                                                nullptr, nullptr, m_waiting.get());
        m_window->setClock(m_clock.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup()
    {
        m_window.reset();
        m_audit.reset();
        m_incidents.reset();
        m_waiting.reset();
        m_failed.reset();
        m_clock.reset();
    }

    void fitsA1024PixelScreenInSpanish()
    {
        // A laptop screen, the longest language the console ships, and the
        // longest texts the strip shows (every signal failing, a long reason).
        m_window.reset();
        QTranslator spanish;
        QVERIFY(spanish.load(QStringLiteral(VIGIA_QM_DIR "/vigia_es.qm")));
        QVERIFY(QCoreApplication::installTranslator(&spanish));
        MainWindow window(m_failed.get(), m_incidents.get(), m_audit.get(), nullptr, nullptr,
                          m_waiting.get());
        CommunicationStatus status;
        status.state = StatusState::Critical;
        status.restored = true;
        // Every count at its longest: orders and loose notifications, held waiting.
        status.counts.affectedOrders = 128;
        status.counts.affectedWithoutOrder = 14;
        status.counts.failed = 90;
        status.counts.failedForRecipient = 3;
        status.counts.waiting = 1234;
        status.counts.held = true;
        status.counts.oldestWaitingSince = m_t0.addSecs(-(3 * 3600LL + 25 * 60));
        status.reasonCode = StatusReason::HealthAndDeliveriesFailing;
        for (SignalDetail *signal : {&status.healthcheck, &status.deliveries, &status.bot}) {
            signal->known = true;
            signal->failing = true;
            signal->consecutiveFailures = 3;
            signal->lastError = QStringLiteral("WAHA unreachable: Connection refused");
        }
        status.whatsappAcks.unconfirmed = 12;
        window.setStatus(status);
        window.setLive(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const int minimum = window.minimumSizeHint().width();
        QCoreApplication::removeTranslator(&spanish);
        QVERIFY2(minimum <= 1024, qPrintable(QStringLiteral("needs %1 px").arg(minimum)));
        window.resize(1024, 640);
        QCOMPARE(window.width(), 1024);
    }

    // A table that selects whole rows would bold every header label once a
    // row is selected (highlighted sections); its columns are fitted to the
    // labels at their normal weight, so in Spanish "Teléfono / destinatario"
    // was cut at 1024 px. No table highlights them.
    void headerLabelsKeepTheWeightTheirWidthsFit()
    {
        int tables = 0;
        for (const QTableView *view : m_window->findChildren<QTableView *>()) {
            if (view->selectionBehavior() != QAbstractItemView::SelectRows)
                continue;
            ++tables;
            QVERIFY2(!view->horizontalHeader()->highlightSections(),
                     qPrintable(view->objectName()));
        }
        QVERIFY(tables >= 3); // Failed, Waiting, Incidents at least
        QVERIFY(!m_window->failedPanel()->view()->horizontalHeader()->highlightSections());
    }

    // Thousands read as the tabs count them: "20,000", not "20000".
    void bannerCountsUseTheLocalesDigits()
    {
        OutboxCounts counts;
        counts.affectedOrders = 20000;
        counts.waiting = 1234;
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const QString affected = StatusBanner::affectedText(counts);
        const QString waiting = StatusBanner::waitingText(counts, m_t0);
        QTranslator spanish;
        QVERIFY(spanish.load(QStringLiteral(VIGIA_QM_DIR "/vigia_es.qm")));
        QVERIFY(QCoreApplication::installTranslator(&spanish));
        QLocale::setDefault(QLocale(QLocale::Spanish, QLocale::Spain));
        const QString afectados = StatusBanner::affectedText(counts);
        QCoreApplication::removeTranslator(&spanish);
        QLocale::setDefault(before);
        QCOMPARE(affected, QStringLiteral("20,000 order(s) affected")); // no English .qm here
        QCOMPARE(waiting, QStringLiteral("1,234 waiting"));
        QCOMPARE(afectados, QStringLiteral("20.000 pedidos afectados"));
    }

    void showAffectedListsTheFailedOrders()
    {
        m_failed->replaceAll({failed(QStringLiteral("1"), QStringLiteral("PED-1042")),
                              failed(QStringLiteral("2"), QString()),
                              failed(QStringLiteral("3"), QStringLiteral("PED-1043"))});
        m_window->setLive(true);
        m_window->setStatus(withState(StatusState::Critical, 2));
        tabs()->setCurrentWidget(m_window->auditPanel());
        QTableView *view = m_window->failedPanel()->view();
        QCOMPARE(view->model()->rowCount(), 3);

        QTest::mouseClick(
                m_window->banner()->findChild<QPushButton *>(QStringLiteral("showAffectedButton")),
                Qt::LeftButton);
        QCOMPARE(m_window->currentPanel(), m_window->failedPanel());
        QVERIFY(m_window->failedPanel()->onlyOrders());
        QCOMPARE(view->model()->rowCount(), 2);
        for (int row = 0; row < view->model()->rowCount(); ++row)
            QVERIFY(!view->model()
                             ->index(row, 0)
                             .data(NotificationModel::OrderIdRole)
                             .toString()
                             .isEmpty());
        // A later failure without an order stays out; one with an order comes in.
        m_failed->upsert(failed(QStringLiteral("4"), QString()));
        m_failed->upsert(failed(QStringLiteral("5"), QStringLiteral("PED-1050")));
        QCOMPARE(view->model()->rowCount(), 3);

        // The operator can take the filter off again.
        auto *toggle =
                m_window->failedPanel()->findChild<QCheckBox *>(QStringLiteral("onlyOrdersToggle"));
        QVERIFY(toggle && toggle->isChecked());
        toggle->click();
        QVERIFY(!m_window->failedPanel()->onlyOrders());
        QCOMPARE(view->model()->rowCount(), 5);
    }

    void bannerCountsOpenTheirLists()
    {
        Notification waiting = failed(QStringLiteral("w1"), QStringLiteral("PED-2001"));
        waiting.state = NotificationState::Pending;
        m_waiting->replaceAll({waiting});
        m_failed->replaceAll({failed(QStringLiteral("1"), QStringLiteral("PED-1042")),
                              failed(QStringLiteral("2"), QString())});
        m_window->setLive(true);
        CommunicationStatus status = withState(StatusState::Degraded, 1);
        status.counts.affectedWithoutOrder = 1;
        status.counts.failed = 2;
        status.counts.waiting = 1;
        status.counts.oldestWaitingSince = waiting.createdAt;
        m_window->setStatus(status);
        m_window->setWaitingCount(1, false);
        WaitingNotificationsPanel *panel = m_window->waitingPanel();
        QVERIFY(panel);
        QCOMPARE(tabs()->tabText(tabs()->indexOf(panel)), QStringLiteral("Waiting (1)"));
        QCOMPARE(panel->view()->model()->rowCount(), 1);

        tabs()->setCurrentWidget(m_window->auditPanel());
        QTest::mouseClick(
                m_window->banner()->findChild<QPushButton *>(QStringLiteral("showWaitingButton")),
                Qt::LeftButton);
        QCOMPARE(m_window->currentPanel(), panel);

        // Orders and one without an order: the whole Failed list, both rows.
        QTest::mouseClick(
                m_window->banner()->findChild<QPushButton *>(QStringLiteral("showAffectedButton")),
                Qt::LeftButton);
        QCOMPARE(m_window->currentPanel(), m_window->failedPanel());
        QVERIFY(!m_window->failedPanel()->onlyOrders());
        QCOMPARE(m_window->failedPanel()->view()->model()->rowCount(), 2);

        // The title follows the server's total, not the rows loaded.
        m_window->setWaitingCount(7000, false);
        QCOMPARE(tabs()->tabText(tabs()->indexOf(panel)), QStringLiteral("Waiting (7,000)"));
        m_window->setWaitingCount(200, true);
        QCOMPARE(tabs()->tabText(tabs()->indexOf(panel)), QStringLiteral("Waiting (200+)"));
        m_window->showTab(QStringLiteral("audit"));
        m_window->showTab(QStringLiteral("waiting"));
        QCOMPARE(m_window->currentPanel(), panel);
    }

    void auditTabExplainsItselfToNonAdmins()
    {
        tabs()->setCurrentWidget(m_window->auditPanel());
        const auto *placeholder =
                m_window->auditPanel()->findChild<QLabel *>(QStringLiteral("auditPlaceholder"));
        QVERIFY(placeholder);
        m_window->setOperationsAllowed(false, false,
                                       QStringLiteral("Your role (support) may not do this"));
        QVERIFY(placeholder->isVisible());
        QCOMPARE(placeholder->text(), QStringLiteral("Only admins can read the audit log."));
        QVERIFY(!m_window->auditPanel()->view()->isVisible());

        m_window->setOperationsAllowed(true, true, QString());
        QVERIFY(!placeholder->isVisible());
        QVERIFY(m_window->auditPanel()->view()->isVisible());
    }

    void stripActionsLeaveThroughTheWindow()
    {
        m_window->setLive(true);
        m_window->setOperationsAllowed(true, true, QString());
        QSignalSpy check(m_window.get(), &MainWindow::checkHealthRequested);
        QSignalSpy bot(m_window.get(), &MainWindow::restartBotRequested);
        SignalStrip *strip = m_window->signalStrip();
        auto *checkNow = strip->findChild<QPushButton *>(QStringLiteral("checkNowButton"));
        QVERIFY(checkNow->isEnabled());
        QTest::mouseClick(checkNow, Qt::LeftButton);
        QCOMPARE(check.size(), 1);

        QTest::mouseClick(strip->findChild<QPushButton *>(QStringLiteral("restartBotButton")),
                          Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = strip->findChild<QMessageBox *>(QStringLiteral("confirmRestartBot")))
                    != nullptr);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(bot.size(), 1);

        // While it runs, no second action.
        m_window->setOperationRunning(true);
        QVERIFY(!checkNow->isEnabled());
        m_window->setOperationRunning(false);
        QVERIFY(checkNow->isEnabled());
        // A viewer's window: disabled, and says why.
        m_window->setOperationsAllowed(false, false,
                                       QStringLiteral("Your role (viewer) may not do this"));
        QVERIFY(!checkNow->isEnabled());
        QVERIFY(checkNow->toolTip().contains(QLatin1String("viewer")));
    }

    void incidentsTabCountsOpenIncidents()
    {
        const int index = tabs()->indexOf(m_window->incidentsPanel());
        QVERIFY(index >= 0);
        QCOMPARE(tabs()->tabText(index), QStringLiteral("Incidents"));
        m_window->setOpenIncidentCount(2);
        QCOMPARE(tabs()->tabText(index), QStringLiteral("Incidents (2 open)"));
        m_window->setOpenIncidentCount(0);
        QCOMPARE(tabs()->tabText(index), QStringLiteral("Incidents"));
    }

    // An incident that ends gains its end time: the column grows to show
    // it, instead of keeping the width it had while the cell said "—".
    void anEndedIncidentsTimeIsNotCutShort()
    {
        Incident open;
        open.id = QStringLiteral("i-1");
        open.kind = Incident::Kind::TotalCommunicationLoss;
        open.startedAt = QDateTime(QDate(2026, 12, 2), QTime(19, 7), Qt::UTC);
        m_incidents->upsert(open);
        QTableView *view = m_window->incidentsPanel()->findChild<QTableView *>(
                QStringLiteral("incidentTable"));
        QVERIFY(view);
        const int before = view->columnWidth(IncidentModel::EndedColumn);
        Incident ended = open;
        ended.endedAt = open.startedAt.addSecs(17);
        m_incidents->upsert(ended);
        QVERIFY(view->columnWidth(IncidentModel::EndedColumn) > before);
        const QAbstractItemView *items = view;
        QVERIFY(view->columnWidth(IncidentModel::EndedColumn)
                >= items->sizeHintForColumn(IncidentModel::EndedColumn));
    }

    // Snoozed at degraded: flapping back to degraded is quiet for 15 min,
    // getting worse than degraded alerts at once and ends the snooze; after
    // 15 min everything alerts again.
    void snoozeHoldsBackAlertsButNotAWorseState()
    {
        TrayNotifier tray(m_window.get());
        tray.setClock(m_clock.get());
        QSignalSpy alerted(&tray, &TrayNotifier::alerted);
        QSignalSpy held(&tray, &TrayNotifier::snoozedAlert);
        connect(&tray, &TrayNotifier::snoozeChanged, m_window.get(), &MainWindow::setSnoozed);
        tray.setStatus(withState(StatusState::Degraded));
        QCOMPARE(alerted.size(), 1);
        tray.snooze();
        QVERIFY(tray.isSnoozed());
        QVERIFY(m_window->snoozeAction()->isChecked());
        tray.setStatus(withState(StatusState::Online));
        tray.setStatus(withState(StatusState::Degraded)); // back where it was: quiet
        QCOMPARE(alerted.size(), 1);
        QCOMPARE(held.size(), 1);
        tray.setStatus(withState(StatusState::Critical)); // worse than snoozed: alerts
        QCOMPARE(alerted.size(), 2);
        QVERIFY(!tray.isSnoozed());
        QVERIFY(!m_window->snoozeAction()->isChecked());

        tray.setStatus(withState(StatusState::Online));
        tray.snooze();
        m_clock->advance(qint64(TrayNotifier::kSnoozeMinutes) * 60 * 1000 + 1000);
        QVERIFY(!tray.isSnoozed()); // over by itself
        tray.setStatus(withState(StatusState::Degraded));
        QCOMPARE(alerted.size(), 3);
    }

    // A longer snooze chosen in the settings holds for its own length.
    void snoozeLastsTheChosenLength()
    {
        TrayNotifier tray(m_window.get());
        tray.setClock(m_clock.get());
        tray.setSnoozeMinutes(60);
        tray.setStatus(withState(StatusState::Degraded));
        tray.snooze();
        m_clock->advance(qint64(TrayNotifier::kSnoozeMinutes) * 60 * 1000 + 1000);
        QVERIFY(tray.isSnoozed()); // past the default, within the hour
        QCOMPARE(tray.snoozedUntil(), m_clock->now().addSecs(45 * 60 - 1));
        m_clock->advance(45 * 60 * 1000);
        QVERIFY(!tray.isSnoozed());
        tray.setSnoozeMinutes(5);
        tray.snooze();
        m_clock->advance(5 * 60 * 1000 + 1000);
        QVERIFY(!tray.isSnoozed());
    }

    void repeatedSoundLastsUntilTheOperatorLooks()
    {
        TrayNotifier tray(m_window.get());
        tray.setClock(m_clock.get());
        connect(&tray, &TrayNotifier::soundingChanged, m_window.get(), &MainWindow::setSounding);
        connect(m_window.get(), &MainWindow::silenceRequested, &tray, &TrayNotifier::acknowledge);
        QSignalSpy sounded(&tray, &TrayNotifier::sounded);
        tray.setStatus(withState(StatusState::Degraded));
        QCOMPARE(sounded.size(), 0); // off unless chosen
        QVERIFY(!tray.isSounding());

        tray.setRepeatSound(true);
        tray.setSoundRepeatInterval(20);
        tray.setStatus(withState(StatusState::Critical));
        QCOMPARE(sounded.size(), 1); // at once, with the alert
        QVERIFY(tray.isSounding());
        QVERIFY(m_window->silenceAction()->isEnabled());
        QTRY_VERIFY(sounded.size() >= 3); // and again until acknowledged
        // Switching to the window is looking at it.
        QEvent activate(QEvent::WindowActivate);
        QApplication::sendEvent(m_window.get(), &activate);
        QVERIFY(!tray.isSounding());
        QVERIFY(!m_window->silenceAction()->isEnabled());
        const qsizetype afterLook = sounded.size();

        // The menu's "Silence the alert" and a snooze acknowledge it too.
        tray.setStatus(withState(StatusState::Online));
        tray.setStatus(withState(StatusState::Degraded));
        QVERIFY(tray.isSounding());
        m_window->silenceAction()->trigger();
        QVERIFY(!tray.isSounding());
        tray.setStatus(withState(StatusState::Critical));
        QVERIFY(tray.isSounding());
        tray.snooze();
        QVERIFY(!tray.isSounding());
        QCOMPARE(sounded.size(), afterLook + 2);
    }

    void closeKeepsRunningInTheTrayWhenChosenAndQuitQuits()
    {
        auto *closeToTray = m_window->closeToTrayAction();
        QVERIFY(!closeToTray->isEnabled()); // no tray on this desktop until said
        m_window->show();
        closeToTray->setChecked(true);
        QVERIFY(m_window->close()); // without a tray, closing closes
        m_window->show();
        m_window->setTrayAvailable(true);
        QVERIFY(closeToTray->isEnabled());
        QVERIFY(!m_window->close()); // the close is refused: the window hides
        QVERIFY(m_window->isHidden());
        m_window->show();
        // A close that is accepted deletes a window marked so; a hidden one stays.
        m_window->setAttribute(Qt::WA_DeleteOnClose);
        QVERIFY(!m_window->close());
        const QPointer<MainWindow> window(m_window.release());
        window->show();
        window->findChild<QAction *>(QStringLiteral("quitAction"))->trigger();
        QTRY_VERIFY(window.isNull()); // File → Quit closed it for real
    }

    void trayAlertsOnlyWhenItGetsWorse()
    {
        TrayNotifier tray(m_window.get());
        QSignalSpy alerted(&tray, &TrayNotifier::alerted);
        tray.setStatus(withState(StatusState::Online)); // better than unknown: quiet
        QCOMPARE(alerted.size(), 0);
        tray.setStatus(withState(StatusState::Degraded)); // worse
        QCOMPARE(alerted.size(), 1);
        tray.setStatus(withState(StatusState::Critical, 2)); // worse again
        QCOMPARE(alerted.size(), 2);
        QVERIFY(alerted.last().at(0).toString().contains(
                StatusBanner::stateTitle(StatusState::Critical)));
        QVERIFY(alerted.last().at(1).toString().contains(QLatin1String("reason for critical")));
        QVERIFY(alerted.last().at(1).toString().contains(QLatin1String("2 order(s) affected")));
        tray.setStatus(withState(StatusState::Critical, 3)); // same state, new detail: quiet
        tray.setStatus(withState(StatusState::Incommunicado)); // better: quiet
        tray.setStatus(withState(StatusState::Online)); // recovered: quiet
        QCOMPARE(alerted.size(), 2);
        tray.setStatus(withState(StatusState::Offline)); // worse than online
        QCOMPARE(alerted.size(), 3);
        QCOMPARE(tray.alertCount(), 3);
        // vigiad restarted and knows nothing yet, then finds the same problem:
        // one alert was enough.
        tray.setStatus(withState(StatusState::Unknown));
        tray.setStatus(withState(StatusState::Offline));
        QCOMPARE(alerted.size(), 3);
        // The offscreen platform has no tray: the window was flashed instead.
        QVERIFY(!tray.usesTray());
    }

    // The console losing vigiad is news too, once it lasts: a blip is not.
    void trayAlertsWhenTheConsoleLosesVigiadForLong()
    {
        TrayNotifier tray(m_window.get());
        tray.setClock(m_clock.get());
        tray.setLinkLostDelay(50);
        QSignalSpy alerted(&tray, &TrayNotifier::alerted);
        tray.setLive(false); // never connected yet: nothing was lost
        tray.setStatus(withState(StatusState::Online));
        QCOMPARE(tray.iconRole(), VigiaPalette::Role::Online);
        QVERIFY(!alerted.wait(150));

        tray.setLive(true);
        tray.setLive(false);
        tray.setLive(true); // a blip, back before the delay
        QVERIFY(!alerted.wait(150));
        QCOMPARE(tray.iconRole(), VigiaPalette::Role::Online);

        tray.setLive(false);
        QCOMPARE(tray.iconRole(), VigiaPalette::Role::Disconnected);
        QVERIFY(alerted.wait(2000));
        QCOMPARE(alerted.size(), 1);
        QVERIFY(alerted.last().at(1).toString().contains(QLatin1String("lost its link to vigiad")));
        // A status heard meanwhile does not paint over the lost link.
        tray.setStatus(withState(StatusState::Critical));
        QCOMPARE(tray.iconRole(), VigiaPalette::Role::Disconnected);
        tray.setLive(true);
        QCOMPARE(tray.iconRole(), VigiaPalette::Role::Critical);
    }

    // Settings → Alerts: either alert can be turned off; the icon still
    // wears the state's colour, and "no live data" its own.
    void trayAlertsCanBeTurnedOff()
    {
        TrayNotifier tray(m_window.get());
        tray.setClock(m_clock.get());
        tray.setLinkLostDelay(50);
        tray.setAlertOnWorse(false);
        tray.setAlertOnLinkLost(false);
        QSignalSpy alerted(&tray, &TrayNotifier::alerted);
        tray.setLive(true);
        tray.setStatus(withState(StatusState::Critical));
        QCOMPARE(tray.iconRole(), VigiaPalette::Role::Critical);
        tray.setLive(false);
        QCOMPARE(tray.iconRole(), VigiaPalette::Role::Disconnected);
        QVERIFY(!alerted.wait(150));
        tray.setAlertOnWorse(true);
        tray.setLive(true);
        tray.setStatus(withState(StatusState::Online));
        tray.setStatus(withState(StatusState::Degraded));
        QCOMPARE(alerted.size(), 1);
    }

    // The tray's menu lists the profiles first, each with its state.
    void trayMenuListsTheProfiles()
    {
        TrayNotifier tray(m_window.get());
        QVERIFY(tray.menu()); // built even where there is no tray
        ProfileState shown;
        shown.profile = {QStringLiteral("a"), QStringLiteral("Production"),
                         QUrl(QStringLiteral("http://a.lan:8765"))};
        shown.active = true;
        shown.link = ProfileLink::Live;
        shown.status = withState(StatusState::Degraded);
        ProfileState other;
        other.profile = {QStringLiteral("b"), QStringLiteral("Staging"),
                         QUrl(QStringLiteral("http://b.lan:8765"))};
        other.link = ProfileLink::NoData;
        tray.profileActions()->setProfiles({shown, other});
        const QList<QAction *> actions = tray.menu()->actions();
        QVERIFY(actions.size() > 3);
        QCOMPARE(actions.at(0)->text(), QStringLiteral("Production — Degraded"));
        QVERIFY(actions.at(0)->isChecked());
        QCOMPARE(actions.at(1)->text(), QStringLiteral("Staging — no live data"));
        QVERIFY(!actions.at(1)->isChecked());
        QVERIFY(actions.at(2)->isSeparator());
        QSignalSpy requested(tray.profileActions(), &ProfileActions::profileRequested);
        actions.at(1)->trigger();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.constFirst().constFirst().toString(), QStringLiteral("b"));
        // Until the switch is made, the check mark stays where it was.
        QVERIFY(actions.at(0)->isChecked());
    }

    void trayUsesTheCountsAndTheLocalizedReason()
    {
        TrayNotifier tray(m_window.get());
        tray.setClock(m_clock.get());
        QSignalSpy alerted(&tray, &TrayNotifier::alerted);
        CommunicationStatus status = withState(StatusState::Incommunicado, 2);
        status.reason = QStringLiteral("the server's english sentence");
        status.reasonCode = StatusReason::BotSilent;
        status.reasonArgs = {{QStringLiteral("minutes"), 9}};
        status.counts.affectedWithoutOrder = 1;
        status.counts.waiting = 4;
        status.counts.held = true;
        status.counts.oldestWaitingSince = m_t0.addSecs(-6 * 60LL);
        tray.setStatus(status);
        QCOMPARE(alerted.size(), 1);
        const QString message = alerted.last().at(1).toString();
        QVERIFY2(message.contains(StatusTexts::localizedReason(status)), qPrintable(message));
        QVERIFY(!message.contains(status.reason));
        QVERIFY(message.contains(StatusBanner::affectedText(status.counts)));
        QVERIFY(message.contains(QStringLiteral("4 waiting, oldest 6 min, held by the outage")));
        QVERIFY(tray.toolTip().contains(StatusBanner::stateTitle(StatusState::Incommunicado)));
        QVERIFY(tray.toolTip().contains(QLatin1String("2 order(s) affected and 1 notification(s) "
                                                      "without an order")));
        QVERIFY(tray.toolTip().contains(QLatin1String("4 waiting")));

        // Online with failures for their recipients: the tooltip does not say all is well.
        CommunicationStatus online = withState(StatusState::Online, 1);
        online.reasonCode = StatusReason::RecipientFailures;
        online.counts.failed = 1;
        tray.setStatus(online);
        QCOMPARE(tray.toolTip().section(u'\n', 0, 0),
                 QStringLiteral("Vigía: ") + StatusBanner::statusTitle(online));
        QVERIFY(StatusBanner::statusTitle(online) != StatusBanner::stateTitle(StatusState::Online));
    }

    void trayAlertsWhenTheConsoleOpensOnABrokenBot()
    {
        TrayNotifier tray(m_window.get());
        QSignalSpy alerted(&tray, &TrayNotifier::alerted);
        tray.setStatus(withState(StatusState::Critical));
        QCOMPARE(alerted.size(), 1);
    }

    void failedTitleShowsTheServerTotalInTheLocale()
    {
        const int index = tabs()->indexOf(m_window->failedPanel());
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_window->setFailedCount(20000, false);
        QCOMPARE(tabs()->tabText(index), QStringLiteral("Failed (20,000)"));
        m_window->setFailedCount(200, true);
        QCOMPARE(tabs()->tabText(index), QStringLiteral("Failed (200+)"));

        QTranslator spanish;
        QVERIFY(spanish.load(QStringLiteral(VIGIA_QM_DIR "/vigia_es.qm")));
        QVERIFY(QCoreApplication::installTranslator(&spanish));
        QLocale::setDefault(QLocale(QLocale::Spanish, QLocale::Spain));
        m_window->setFailedCount(20000, false);
        const QString spanishTitle = tabs()->tabText(index);
        QCoreApplication::removeTranslator(&spanish);
        QLocale::setDefault(QLocale::c());
        QCOMPARE(spanishTitle, QStringLiteral("Fallidas (20.000)"));
    }

    void keyboardReachesSearchLeavesTheTableAndSwitchesTabs()
    {
        m_failed->replaceAll({failed(QStringLiteral("1"), QStringLiteral("PED-1")),
                              failed(QStringLiteral("2"), QStringLiteral("PED-2"))});
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        FailedNotificationsPanel *panel = m_window->failedPanel();
        QTableView *view = panel->view();
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());

        QTest::keyClick(view, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(panel->searchBox()->hasFocus());

        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_Tab);
        QTRY_VERIFY(!view->hasFocus());

        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(tabs()->currentIndex(), 1);
        QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(m_window->currentPanel(), panel);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs()->currentIndex(), 1);
        QTest::keyClick(m_window->currentPanel(), Qt::Key_Backtab,
                        Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(m_window->currentPanel(), panel);

        // Enter on a row reads it in the pane beside the table.
        panel->selectId(QStringLiteral("1"));
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_VERIFY(panel->detailsPane()->hasFocus()
                    || panel->detailsPane()->isAncestorOf(QApplication::focusWidget()));
        QVERIFY(!view->accessibleName().isEmpty());
        QVERIFY(!panel->searchBox()->accessibleName().isEmpty());
    }

    void selectionStaysAcrossALiveInsert()
    {
        m_failed->setSortOrder(QStringLiteral("created_at"), true);
        QList<Notification> rows;
        for (int i = 0; i < 100; ++i) {
            Notification n = failed(QStringLiteral("n%1").arg(i), QStringLiteral("PED-%1").arg(i));
            n.createdAt = m_t0.addSecs(-i * 60LL);
            n.updatedAt = n.createdAt;
            rows << n;
        }
        m_failed->replaceAll(rows, true);
        m_window->setLive(true);
        m_failed->setStale(false);
        m_window->setPermissions(true, true, QString());
        FailedNotificationsPanel *panel = m_window->failedPanel();
        QTableView *view = panel->view();
        panel->selectId(QStringLiteral("n40"));
        const int before = view->visualRect(view->selectionModel()->selectedRows().first()).top();

        Notification fresh = failed(QStringLiteral("new"), QStringLiteral("PED-NEW"));
        fresh.createdAt = m_t0.addSecs(30);
        fresh.updatedAt = fresh.createdAt;
        m_failed->upsert(fresh);
        QCOMPARE(m_failed->rowOf(QStringLiteral("new")), 0);
        QCOMPARE(panel->selectedIds(), QStringList{QStringLiteral("n40")});
        const QModelIndex selected = view->selectionModel()->selectedRows().first();
        QVERIFY(view->viewport()->rect().intersects(view->visualRect(selected)));
        QCOMPARE(view->visualRect(selected).top(), before); // nothing jumped
        // Older than the last loaded row while the server has more: a later page brings it.
        Notification old = failed(QStringLiteral("old"), QStringLiteral("PED-OLD"));
        old.createdAt = m_t0.addDays(-30);
        m_failed->upsert(old);
        QCOMPARE(m_failed->rowOf(QStringLiteral("old")), -1);

        auto *retry = panel->findChild<QPushButton *>(QStringLiteral("retryButton"));
        QVERIFY(retry->isEnabled());
        QSignalSpy retried(m_window.get(), &MainWindow::retryRequested);
        QTest::mouseClick(retry, Qt::LeftButton);
        QCOMPARE(retried.size(), 1);
        QCOMPARE(retried.first().at(0).toStringList(), QStringList{QStringLiteral("n40")});
    }

    void detailsPaneShowsWhatItIsGiven()
    {
        FailedNotificationsPanel *panel = m_window->failedPanel();
        Notification n = failed(QStringLiteral("d1"), QStringLiteral("PED-77"));
        n.customerName = QStringLiteral("José Núñez");
        n.recipient = QStringLiteral("+58 424-1234567");
        n.text = QStringLiteral("Hola José, tu pedido <PED-77> va en camino.");
        n.attempts = 2;
        n.history = {{1, m_t0, m_t0, QStringLiteral("retryable"), 500, QStringLiteral("WAHA 500")},
                     {2, m_t0, m_t0, QStringLiteral("permanent"), 401, QStringLiteral("bad key")}};
        n.resolution = Resolution{ResolutionMethod::PhoneCall, QStringLiteral("maria"),
                                  QStringLiteral("confirmado"), m_t0};
        AuditEntry entry;
        entry.id = QStringLiteral("a1");
        entry.at = m_t0;
        entry.actor = QStringLiteral("maria");
        entry.action = QStringLiteral("resolve");
        entry.target = n.id;
        entry.outcome = QStringLiteral("ok");
        m_failed->replaceAll({n});
        panel->selectId(n.id);
        panel->showDetails(n, {entry});
        const QString text = panel->detailsPane()->text();
        QVERIFY2(text.contains(QStringLiteral("José Núñez — order PED-77")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("<PED-77>")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("(HTTP 500)")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("bad key")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("phone call by maria")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("confirmado")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("maria")), qPrintable(text));
        // An answer for another row does not replace it.
        Notification other = n;
        other.id = QStringLiteral("d2");
        other.customerName = QStringLiteral("Otro");
        panel->showDetails(other, {});
        QCOMPARE(panel->detailsPane()->notificationId(), n.id);

        // Mark contacted names the customer and the phone.
        m_window->setLive(true);
        m_failed->setStale(false);
        m_window->setPermissions(true, true, QString());
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("resolveButton")),
                          Qt::LeftButton);
        ResolveDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = panel->findChild<ResolveDialog *>()) != nullptr);
        QVERIFY(dialog->introText().contains(QStringLiteral("José Núñez")));
        QVERIFY(dialog->introText().contains(QLatin1String("+58 424-1234567")));
        dialog->reject();
    }

    void headerSortsOnTheServerOnlyWhereItCan()
    {
        FailedNotificationsPanel *panel = m_window->failedPanel();
        QSignalSpy sorted(m_window.get(), &MainWindow::failedSortRequested);
        QHeaderView *header = panel->view()->horizontalHeader();
        header->setSortIndicator(NotificationModel::CustomerColumn, Qt::AscendingOrder);
        QCOMPARE(sorted.size(), 1);
        QCOMPARE(sorted.first().at(0).toString(), QStringLiteral("customer_name"));
        QCOMPARE(sorted.first().at(1).toBool(), false);
        // The server cannot sort by the last error: nothing happens.
        header->setSortIndicator(NotificationModel::LastErrorColumn, Qt::AscendingOrder);
        QCOMPARE(sorted.size(), 1);
        QCOMPARE(header->sortIndicatorSection(), int(NotificationModel::CustomerColumn));
        // The search waits for the typing to pause, then asks once.
        QSignalSpy searched(m_window.get(), &MainWindow::failedSearchRequested);
        QTest::keyClicks(panel->searchBox(), QStringLiteral("jose"));
        QCOMPARE(searched.size(), 0);
        QTRY_COMPARE(searched.size(), 1);
        QCOMPARE(searched.first().at(0).toString(), QStringLiteral("jose"));
    }

    void contextMenuOffersTheRowsActions()
    {
        m_failed->replaceAll({failed(QStringLiteral("1"), QStringLiteral("PED-1")),
                              failed(QStringLiteral("2"), QStringLiteral("PED-2"))});
        m_window->setLive(true);
        m_failed->setStale(false);
        m_window->setPermissions(false, true,
                                 QStringLiteral("Your role (support) may not do this"));
        FailedNotificationsPanel *panel = m_window->failedPanel();
        QTableView *view = panel->view();
        const QRect second = view->visualRect(view->model()->index(1, 0));
        Q_EMIT view->customContextMenuRequested(second.center());
        // The row under the pointer is the one acted on.
        QCOMPARE(panel->selectedIds(), QStringList{QStringLiteral("2")});
        auto *menu = panel->findChild<QMenu *>(QStringLiteral("failedContextMenu"));
        QVERIFY(menu);
        QStringList texts;
        QList<bool> enabled;
        const QList<QAction *> actions = menu->actions();
        for (QAction *action : actions) {
            if (action->isSeparator())
                continue;
            texts << action->text();
            enabled << action->isEnabled();
        }
        QCOMPARE(texts,
                 (QStringList{QStringLiteral("&Retry"), QStringLiteral("Mark &contacted…"),
                              QStringLiteral("I'm handling &this"), QStringLiteral("R&elease"),
                              QStringLiteral("Copy &phone"), QStringLiteral("Copy &message")}));
        // A support token may mark contacted and take a failure nobody holds, but not retry.
        QCOMPARE(enabled, (QList<bool>{false, true, true, false, true, true}));
        menu->close();
    }

    void someoneElsesClaimDisablesTakingItUntilItLapses()
    {
        Notification held = failed(QStringLiteral("1"), QStringLiteral("PED-1"));
        held.claimedBy = QStringLiteral("Ana");
        held.claimedUntil = m_t0.addSecs(10 * 60);
        m_failed->setOperatorName(QStringLiteral("luis"));
        m_failed->replaceAll({held});
        m_window->setLive(true);
        m_failed->setStale(false);
        m_window->setPermissions(false, true, QStringLiteral("Your role may not do this"));
        FailedNotificationsPanel *panel = m_window->failedPanel();
        NotificationDetailsPane *pane = panel->detailsPane();
        auto *claim = pane->findChild<QPushButton *>(QStringLiteral("claimButton"));
        auto *release = pane->findChild<QPushButton *>(QStringLiteral("releaseButton"));
        panel->selectId(QStringLiteral("1"));
        QVERIFY(!claim->isEnabled());
        QVERIFY(!release->isEnabled());
        QCOMPARE(claim->toolTip(), QStringLiteral("Ana is handling it"));
        QVERIFY2(pane->claimText().startsWith(QLatin1String("Ana is handling this until")),
                 qPrintable(pane->claimText()));
        // Mark contacted stays: the customer may call in while Ana dials out.
        QVERIFY(panel->findChild<QPushButton *>(QStringLiteral("resolveButton"))->isEnabled());

        // The claim lapses by the console's clock; the row and pane let go of it.
        m_clock->advance(11 * 60 * 1000);
        m_failed->refreshClaims();
        QVERIFY(claim->isEnabled());
        QVERIFY(pane->claimText().isEmpty());
        QVERIFY(m_failed->index(0, NotificationModel::ClaimColumn).data().toString().isEmpty());

        // The operator's own claim: release, not take.
        held.claimedBy = QStringLiteral("luis");
        held.claimedUntil = m_clock->now().addSecs(60);
        m_failed->upsert(held);
        QVERIFY(!claim->isEnabled());
        QVERIFY(release->isEnabled());
        QSignalSpy released(m_window.get(), &MainWindow::releaseRequested);
        QTest::mouseClick(release, Qt::LeftButton);
        QCOMPARE(released.size(), 1);
        QCOMPARE(released.first().at(0).toString(), QStringLiteral("1"));

        // A viewer may not take one at all.
        m_window->setPermissions(false, false,
                                 QStringLiteral("Your role (viewer) may not do this"));
        QVERIFY(!claim->isEnabled());
        QVERIFY(!release->isEnabled());
        QVERIFY(claim->toolTip().contains(QLatin1String("viewer")));
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"

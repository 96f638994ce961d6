// StatusBanner: every state has its own colour and title; disconnected is
// grey; last communication ticks; affected orders can be shown.
// SignalStrip: one indicator per signal, and actions that are disabled by
// role and, for the restarts, confirmed before they leave.
#include "SignalStrip.h"
#include "StatusBanner.h"
#include "StatusTexts.h"
#include "TrayNotifier.h"
#include "VigiaPalette.h"

#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace Vigia;

class TstStatusBanner final : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

    static QColor textColour(const QWidget *parent, const QString &name)
    {
        const auto *label = parent->findChild<QLabel *>(name);
        return label ? label->palette().color(QPalette::WindowText) : QColor();
    }

    // The strip with a status whose three signals differ, live and allowed to act.
    CommunicationStatus threeSignals() const
    {
        CommunicationStatus status;
        status.state = StatusState::Degraded;
        status.healthcheck.known = true;
        status.healthcheck.failing = true;
        status.healthcheck.consecutiveFailures = 3;
        status.healthcheck.lastSuccess = m_t0.addSecs(-14 * 60);
        status.healthcheck.lastError = QStringLiteral("session status SCAN_QR_CODE");
        status.deliveries.known = true;
        status.deliveries.lastSuccess = m_t0.addSecs(-20);
        return status; // bot: no heartbeat seen yet
    }

private Q_SLOTS:
    void eachStateHasItsOwnColour()
    {
        StatusBanner banner;
        banner.setLive(true);
        QSet<QRgb> colours;
        for (StatusState s :
             {StatusState::Online, StatusState::Degraded, StatusState::Incommunicado,
              StatusState::Critical, StatusState::Offline, StatusState::Unknown}) {
            CommunicationStatus status;
            status.state = s;
            status.reason = QStringLiteral("because");
            banner.setStatus(status);
            const QColor bg = banner.palette().color(QPalette::Window);
            QCOMPARE(bg, VigiaPalette::color(VigiaPalette::forState(s)));
            QCOMPARE(banner.title(), StatusBanner::stateTitle(s));
            colours.insert(bg.rgb());
        }
        QCOMPARE(colours.size(), 6);
        QVERIFY(!colours.contains(VigiaPalette::color(VigiaPalette::Role::Disconnected).rgb()));
    }

    void reasonFollowsTheCodeAndFallsBack()
    {
        CommunicationStatus s;
        s.state = StatusState::Incommunicado;
        s.reason = QStringLiteral("english sentence from the server");
        s.reasonCode = StatusReason::DeliveryFailures;
        s.reasonArgs = {{QStringLiteral("failures"), 4}, {QStringLiteral("window_min"), 5}};
        s.deliveries.lastError = QStringLiteral("WAHA 500: boom");
        // (No translator is loaded here, so the plural stays in its source form.)
        const QString reason = StatusTexts::localizedReason(s);
        QVERIFY2(reason.startsWith(QLatin1String("4 failed delivery attempt"))
                         && reason.contains(QLatin1String("5 min"))
                         && reason.endsWith(QLatin1String("WAHA 500: boom"))
                         && !reason.contains(s.reason),
                 qPrintable(reason));
        s.reasonCode = StatusReason::WebhookOnly;
        s.reasonArgs = {{QStringLiteral("reached"), QStringLiteral("admin")}};
        QVERIFY(StatusTexts::localizedReason(s).contains(QLatin1String("admin")));
        s.reasonCode = statusReasonFromName(QStringLiteral("a_code_from_the_future"));
        QCOMPARE(StatusTexts::localizedReason(s), s.reason);
    }

    void everyReasonCodeHasASpanishSentence()
    {
        QTranslator spanish;
        QVERIFY(spanish.load(QStringLiteral(VIGIA_QM_DIR "/vigia_es.qm")));
        QVERIFY(QCoreApplication::installTranslator(&spanish));
        QSet<QString> sentences;
        for (const StatusReason code : kAllStatusReasons) {
            const QString name = statusReasonName(code);
            QVERIFY2(!name.isEmpty(), "a reason code without a wire name");
            QCOMPARE(statusReasonFromName(name), std::optional<StatusReason>(code));
            CommunicationStatus s;
            s.reason = QStringLiteral("english fallback");
            s.reasonCode = code;
            s.reasonArgs = {{QStringLiteral("failures"), 3},
                            {QStringLiteral("window_min"), 5},
                            {QStringLiteral("minutes"), 12},
                            {QStringLiteral("reached"), QStringLiteral("customer")}};
            QCoreApplication::removeTranslator(&spanish);
            const QString english = StatusTexts::localizedReason(s);
            QCoreApplication::installTranslator(&spanish);
            const QString translated = StatusTexts::localizedReason(s);
            QVERIFY2(translated != s.reason, qPrintable(name));
            QVERIFY2(translated != english, qPrintable(name + QStringLiteral(": not translated")));
            sentences.insert(translated);
        }
        QCoreApplication::removeTranslator(&spanish);
        QCOMPARE(sentences.size(), int(std::size(kAllStatusReasons))); // one sentence each
    }

    void disconnectedLooksDifferentAndKeepsLastKnown()
    {
        StatusBanner banner;
        CommunicationStatus status;
        status.state = StatusState::Critical;
        status.reason = QStringLiteral("gateway down");
        banner.setStatus(status);
        banner.setLive(false);
        QCOMPARE(banner.palette().color(QPalette::Window),
                 VigiaPalette::color(VigiaPalette::Role::Disconnected));
        QCOMPARE(banner.title(), QStringLiteral("No live data"));
        const auto *reason = banner.findChild<QLabel *>(QStringLiteral("statusReason"));
        QVERIFY(reason);
        QVERIFY(reason->text().contains(QLatin1String("gateway down")));
        banner.setLive(true);
        QCOMPARE(banner.title(), StatusBanner::stateTitle(StatusState::Critical));
    }

    void lastCommunicationTicks()
    {
        ManualClock clock(m_t0);
        StatusBanner banner;
        banner.setClock(&clock);
        banner.setTickInterval(10);
        banner.setLive(true);
        QCOMPARE(banner.lastCommunicationText(), QString()); // nothing known yet
        CommunicationStatus status;
        status.state = StatusState::Incommunicado;
        status.lastCommunication = m_t0.addSecs(-5 * 60);
        banner.setStatus(status);
        QCOMPARE(banner.lastCommunicationText(), QStringLiteral("Last communication 5 min ago"));
        // Nothing new arrives, yet the text keeps up with the time.
        clock.advance(7 * 60 * 1000);
        QTRY_COMPARE(banner.lastCommunicationText(),
                     QStringLiteral("Last communication 12 min ago"));
        clock.advance(3600 * 1000);
        QTRY_COMPARE(banner.lastCommunicationText(),
                     QStringLiteral("Last communication 1 h 12 min ago"));
        // Still shown while disconnected: it is the last thing known.
        banner.setLive(false);
        QCOMPARE(banner.lastCommunicationText(),
                 QStringLiteral("Last communication 1 h 12 min ago"));
        status.lastCommunication = QDateTime();
        banner.setStatus(status);
        QCOMPARE(banner.lastCommunicationText(), QStringLiteral("No communication recorded yet"));
    }

    void affectedOrdersCanBeShown()
    {
        StatusBanner banner;
        banner.setLive(true);
        auto *button = banner.findChild<QPushButton *>(QStringLiteral("showAffectedButton"));
        const auto *label = banner.findChild<QLabel *>(QStringLiteral("affectedOrders"));
        QVERIFY(button && label);
        QSignalSpy failed(&banner, &StatusBanner::showFailedRequested);
        CommunicationStatus status;
        status.state = StatusState::Critical;
        status.counts.affectedOrders = 3;
        status.counts.failed = 3;
        banner.setStatus(status);
        QCOMPARE(label->text(), QStringLiteral("3 order(s) affected"));
        QVERIFY(!button->isHidden());
        button->click();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.last().at(0).toBool(), true); // only the orders: that is all it counts

        status.counts = {};
        banner.setStatus(status);
        QCOMPARE(label->text(), QStringLiteral("No orders affected"));
        QVERIFY(button->isHidden()); // nothing to show
    }

    void eachCountOpensTheListItCounts()
    {
        ManualClock clock(m_t0);
        StatusBanner banner;
        banner.setClock(&clock);
        banner.setTickInterval(10);
        banner.setLive(true);
        auto *showAffected = banner.findChild<QPushButton *>(QStringLiteral("showAffectedButton"));
        auto *showWaiting = banner.findChild<QPushButton *>(QStringLiteral("showWaitingButton"));
        const auto *affected = banner.findChild<QLabel *>(QStringLiteral("affectedOrders"));
        const auto *waiting = banner.findChild<QLabel *>(QStringLiteral("waitingCount"));
        QVERIFY(showAffected && showWaiting && affected && waiting);
        QSignalSpy failedList(&banner, &StatusBanner::showFailedRequested);
        QSignalSpy waitingList(&banner, &StatusBanner::showWaitingRequested);

        CommunicationStatus status;
        status.state = StatusState::Degraded;
        status.counts.affectedOrders = 3;
        status.counts.affectedWithoutOrder = 2;
        status.counts.failed = 5;
        status.counts.waiting = 12;
        status.counts.oldestWaitingSince = m_t0.addSecs(-4 * 60LL);
        banner.setStatus(status);
        QCOMPARE(affected->text(),
                 QStringLiteral("3 order(s) affected and 2 notification(s) without an order"));
        QCOMPARE(waiting->text(), QStringLiteral("12 waiting, oldest 4 min"));
        // Orders and notifications without one: the whole Failed list.
        showAffected->click();
        QCOMPARE(failedList.size(), 1);
        QCOMPARE(failedList.last().at(0).toBool(), false);
        QVERIFY(!showWaiting->isHidden());
        showWaiting->click();
        QCOMPARE(waitingList.size(), 1);
        // The oldest keeps ageing without a new status.
        clock.advance(3 * 60 * 1000LL);
        QTRY_COMPARE(waiting->text(), QStringLiteral("12 waiting, oldest 7 min"));

        // Without an order only.
        status.counts.affectedOrders = 0;
        status.counts.failed = 2;
        status.counts.waiting = 0;
        banner.setStatus(status);
        QCOMPARE(affected->text(), QStringLiteral("2 notification(s) without an order affected"));
        QCOMPARE(waiting->text(), QStringLiteral("Nothing waiting"));
        QVERIFY(showWaiting->isHidden());
        QVERIFY(banner.accessibleDescription().contains(affected->text()));
    }

    void whatTheOutageHoldsIsNeverNoOrdersAffected()
    {
        ManualClock clock(m_t0);
        StatusBanner banner;
        banner.setClock(&clock);
        banner.setLive(true);
        const auto *affected = banner.findChild<QLabel *>(QStringLiteral("affectedOrders"));
        const auto *waiting = banner.findChild<QLabel *>(QStringLiteral("waitingCount"));
        auto *showAffected = banner.findChild<QPushButton *>(QStringLiteral("showAffectedButton"));
        QSignalSpy failedList(&banner, &StatusBanner::showFailedRequested);
        QSignalSpy waitingList(&banner, &StatusBanner::showWaitingRequested);
        CommunicationStatus status;
        status.state = StatusState::Incommunicado;
        status.counts.waiting = 5;
        status.counts.held = true;
        status.counts.oldestWaitingSince = m_t0.addSecs(-90);
        banner.setStatus(status); // nothing past its first attempt yet
        QVERIFY(affected->text() != QStringLiteral("No orders affected"));
        QCOMPARE(affected->text(), QStringLiteral("No order failed yet"));
        QCOMPARE(waiting->text(), QStringLiteral("5 waiting, oldest 1 min, held by the outage"));

        // Held past a first attempt: affected, and found in the Waiting list.
        status.counts.affectedOrders = 2;
        banner.setStatus(status);
        QCOMPARE(affected->text(), QStringLiteral("2 order(s) affected (failed or held)"));
        QVERIFY(affected->toolTip().contains(QLatin1String("Waiting list")));
        showAffected->click();
        QCOMPARE(waitingList.size(), 1);
        QCOMPARE(failedList.size(), 0);
    }

    void onlineWithRecipientFailuresIsNotPlainOnline()
    {
        StatusBanner banner;
        banner.setLive(true);
        const QColor online = VigiaPalette::color(VigiaPalette::Role::Online);
        const QColor attention = VigiaPalette::color(VigiaPalette::Role::OnlineAttention);
        QVERIFY(attention != online);
        for (StatusState s : {StatusState::Degraded, StatusState::Incommunicado,
                              StatusState::Critical, StatusState::Offline, StatusState::Unknown})
            QVERIFY(attention != VigiaPalette::color(VigiaPalette::forState(s)));

        CommunicationStatus status;
        status.state = StatusState::Online;
        status.reasonCode = StatusReason::RecipientFailures;
        status.reasonArgs = {{QStringLiteral("failed"), 2}};
        status.counts.failed = 2;
        status.counts.failedForRecipient = 2;
        status.counts.affectedOrders = 2;
        banner.setStatus(status);
        QCOMPARE(VigiaPalette::forStatus(status), VigiaPalette::Role::OnlineAttention);
        QCOMPARE(banner.palette().color(QPalette::Window), attention);
        QVERIFY(banner.title() != StatusBanner::stateTitle(StatusState::Online));
        const auto *reason = banner.findChild<QLabel *>(QStringLiteral("statusReason"));
        QVERIFY2(reason->text().contains(QLatin1String("2 notification(s) failed")),
                 qPrintable(reason->text()));
        QVERIFY(banner.findChild<QLabel *>(QStringLiteral("affectedOrders"))
                        ->toolTip()
                        .contains(QLatin1String("for their recipient")));

        // A reason that says all is well, beside failures nobody resolved yet.
        status.reasonCode = StatusReason::AllOk;
        banner.setStatus(status);
        QCOMPARE(banner.palette().color(QPalette::Window), attention);
        QVERIFY2(!reason->text().contains(QLatin1String("succeed")), qPrintable(reason->text()));

        // Resolved: plain online again.
        status.counts = {};
        banner.setStatus(status);
        QCOMPARE(banner.palette().color(QPalette::Window), online);
        QCOMPARE(banner.title(), StatusBanner::stateTitle(StatusState::Online));
        QVERIFY(reason->text().contains(QLatin1String("succeed")));
    }

    void restoredStatusIsMarked()
    {
        StatusBanner banner;
        banner.setLive(true);
        const auto *marker = banner.findChild<QLabel *>(QStringLiteral("restoredMarker"));
        QVERIFY(marker);
        CommunicationStatus status;
        status.state = StatusState::Incommunicado;
        banner.setStatus(status);
        QVERIFY(marker->isHidden());
        status.restored = true;
        banner.setStatus(status);
        QVERIFY(!marker->isHidden());
        QCOMPARE(marker->text(), QStringLiteral("since restart, re-checking"));
        QVERIFY(banner.accessibleDescription().contains(marker->text()));
        banner.setLive(false); // no live data: the grey banner says so instead
        QVERIFY(marker->isHidden());
    }

    void signalIndicatorsShowStateColourAndLastSuccess()
    {
        ManualClock clock(m_t0);
        SignalStrip strip;
        strip.setClock(&clock);
        strip.setTickInterval(10);
        strip.setLive(true);
        strip.setStatus(threeSignals());

        using S = SignalStrip::Signal;
        QCOMPARE(strip.signalRole(S::HealthCheck), VigiaPalette::Role::SignalFailing);
        QCOMPARE(strip.signalRole(S::Deliveries), VigiaPalette::Role::SignalOk);
        QCOMPARE(strip.signalRole(S::Bot), VigiaPalette::Role::SignalUnknown);
        QCOMPARE(strip.signalText(S::HealthCheck),
                 QStringLiteral("Gateway check: failing\nlast success 14 min ago"));
        QCOMPARE(strip.signalText(S::Deliveries),
                 QStringLiteral("Deliveries: OK\nlast success just now"));
        QCOMPARE(strip.signalText(S::Bot), QStringLiteral("Bot heartbeat: unknown\nno data yet"));
        QCOMPARE(textColour(&strip, QStringLiteral("healthCheckState")),
                 VigiaPalette::color(VigiaPalette::Role::SignalFailing));
        QCOMPARE(textColour(&strip, QStringLiteral("deliveriesState")),
                 VigiaPalette::color(VigiaPalette::Role::SignalOk));
        QCOMPARE(textColour(&strip, QStringLiteral("botState")),
                 VigiaPalette::color(VigiaPalette::Role::SignalUnknown));
        const auto *health = strip.findChild<QLabel *>(QStringLiteral("healthCheckState"));
        QVERIFY(health->toolTip().contains(QLatin1String("3 failure(s) in a row")));
        QVERIFY(health->toolTip().contains(QLatin1String("SCAN_QR_CODE")));

        clock.advance(60 * 1000);
        QTRY_COMPARE(strip.signalText(S::HealthCheck),
                     QStringLiteral("Gateway check: failing\nlast success 15 min ago"));

        // Without live data the last known state is muted, not shown as current.
        strip.setLive(false);
        QCOMPARE(textColour(&strip, QStringLiteral("deliveriesState")),
                 VigiaPalette::color(VigiaPalette::Role::StaleText));
        QCOMPARE(strip.signalRole(S::Deliveries), VigiaPalette::Role::SignalOk);
    }

    void unwiredAcksAreExplainedOnlyWhenMessagesWentUnconfirmed()
    {
        SignalStrip strip;
        strip.setLive(true);
        CommunicationStatus status = threeSignals();
        strip.setStatus(status);
        QVERIFY(strip.ackNote().isEmpty()); // nothing sent unconfirmed: nothing to say

        status.whatsappAcks.unconfirmed = 2;
        strip.setStatus(status);
        const auto *note = strip.findChild<QLabel *>(QStringLiteral("ackNote"));
        QVERIFY(note);
        QVERIFY(!note->isHidden());
        QVERIFY2(strip.ackNote().contains(QLatin1String("2 WhatsApp message(s)")),
                 qPrintable(strip.ackNote()));
        QVERIFY(strip.ackNote().contains(QLatin1String("webhooks")));
        QVERIFY(note->toolTip().contains(QLatin1String("No ack")));

        status.whatsappAcks.wired = true;
        status.whatsappAcks.lastAck = m_t0;
        strip.setStatus(status);
        QVERIFY(strip.ackNote().isEmpty());
        QVERIFY(note->isHidden());
    }

    void actionsAreDisabledByRoleWithTheReason()
    {
        SignalStrip strip;
        strip.setLive(true);
        const QList<QPushButton *> buttons{
                strip.findChild<QPushButton *>(QStringLiteral("checkNowButton")),
                strip.findChild<QPushButton *>(QStringLiteral("restartBotButton")),
                strip.findChild<QPushButton *>(QStringLiteral("restartGatewayButton"))};
        for (QPushButton *b : buttons)
            QVERIFY(b && !b->isEnabled()); // nobody is allowed until told so

        strip.setActionsAllowed(false,
                                QStringLiteral("Your role (viewer) may not do this; ask an admin"));
        for (QPushButton *b : buttons) {
            QVERIFY(!b->isEnabled());
            QVERIFY(b->toolTip().contains(QLatin1String("viewer")));
        }
        strip.setActionsAllowed(true, QString());
        for (QPushButton *b : buttons)
            QVERIFY(b->isEnabled());
        strip.setBusy(true);
        for (QPushButton *b : buttons) {
            QVERIFY(!b->isEnabled());
            QVERIFY(b->toolTip().contains(QLatin1String("previous action")));
        }
        strip.setBusy(false);
        strip.setLive(false);
        for (QPushButton *b : buttons) {
            QVERIFY(!b->isEnabled());
            QVERIFY(b->toolTip().contains(QLatin1String("Not connected")));
        }
    }

    void restartsAskFirstCheckRunsAtOnce()
    {
        SignalStrip strip;
        strip.setLive(true);
        strip.setActionsAllowed(true, QString());
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        QSignalSpy check(&strip, &SignalStrip::checkHealthRequested);
        QSignalSpy bot(&strip, &SignalStrip::restartBotRequested);
        QSignalSpy gateway(&strip, &SignalStrip::restartGatewayRequested);

        QTest::mouseClick(strip.findChild<QPushButton *>(QStringLiteral("checkNowButton")),
                          Qt::LeftButton);
        QCOMPARE(check.size(), 1);
        QVERIFY(!strip.findChild<QMessageBox *>());

        // Cancel: nothing leaves.
        QTest::mouseClick(strip.findChild<QPushButton *>(QStringLiteral("restartBotButton")),
                          Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = strip.findChild<QMessageBox *>(QStringLiteral("confirmRestartBot")))
                    != nullptr);
        QCOMPARE(bot.size(), 0); // asked, not done
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));
        QTest::mouseClick(box->button(QMessageBox::Cancel), Qt::LeftButton);
        QTRY_VERIFY(!strip.findChild<QMessageBox *>());
        QCOMPARE(bot.size(), 0);

        // Confirm: the request leaves once.
        QTest::mouseClick(strip.findChild<QPushButton *>(QStringLiteral("restartBotButton")),
                          Qt::LeftButton);
        QTRY_VERIFY((box = strip.findChild<QMessageBox *>(QStringLiteral("confirmRestartBot")))
                    != nullptr);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(bot.size(), 1);
        QTRY_VERIFY(!strip.findChild<QMessageBox *>());

        QTest::mouseClick(strip.findChild<QPushButton *>(QStringLiteral("restartGatewayButton")),
                          Qt::LeftButton);
        QTRY_VERIFY((box = strip.findChild<QMessageBox *>(QStringLiteral("confirmRestartGateway")))
                    != nullptr);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(gateway.size(), 1);
        QCOMPARE(bot.size(), 1);
        QCOMPARE(check.size(), 1);
    }

    // The tray's message and the banner word the reason the same way, in the
    // console's language, from reason_code and reason_args; an unknown code
    // falls back to the server's English sentence.
    void trayAndBannerSayTheReasonInSpanish()
    {
        QTranslator spanish;
        QVERIFY(spanish.load(QStringLiteral(VIGIA_QM_DIR "/vigia_es.qm")));
        QVERIFY(QCoreApplication::installTranslator(&spanish));
        QWidget window;
        TrayNotifier tray(&window);
        QSignalSpy alerted(&tray, &TrayNotifier::alerted);
        StatusBanner banner;
        banner.setLive(true);

        // A newer vigiad's code: its English sentence, in both places.
        CommunicationStatus s;
        s.state = StatusState::Degraded;
        s.reason = QStringLiteral("a sentence from a newer vigiad");
        s.reasonCode = statusReasonFromName(QStringLiteral("a_code_from_the_future"));
        tray.setStatus(s);
        banner.setStatus(s);
        QCOMPARE(alerted.size(), 1);
        QVERIFY(alerted.at(0).at(1).toString().startsWith(s.reason));
        const auto *reason = banner.findChild<QLabel *>(QStringLiteral("statusReason"));
        QVERIFY(reason);
        QCOMPARE(reason->text(), s.reason);

        // A known code: the sentence in Spanish, built from its arguments.
        s.state = StatusState::Offline;
        s.reason = QStringLiteral("No heartbeat from the bot for 12 minutes.");
        s.reasonCode = StatusReason::BotSilent;
        s.reasonArgs = {{QStringLiteral("minutes"), 12}};
        tray.setStatus(s);
        banner.setStatus(s);
        QCOMPARE(alerted.size(), 2);
        const QString message = alerted.at(1).at(1).toString();
        const QString sentence = QStringLiteral("Sin latido del bot desde hace 12 min.");
        QVERIFY2(message.startsWith(sentence), qPrintable(message));
        QVERIFY2(!message.contains(s.reason), qPrintable(message));
        QCOMPARE(reason->text(), sentence);
        QCoreApplication::removeTranslator(&spanish);
    }

    // [waha] enabled = false: the gateway indicator says WhatsApp is off,
    // not "unknown", and what the server would refuse (503) is disabled
    // with the reason.
    void whatsAppOffIsSaidAndItsActionsDisabled()
    {
        SignalStrip strip;
        strip.setLive(true);
        strip.setActionsAllowed(true, QString());
        auto *check = strip.findChild<QPushButton *>(QStringLiteral("checkNowButton"));
        auto *restartGateway =
                strip.findChild<QPushButton *>(QStringLiteral("restartGatewayButton"));
        auto *restartBot = strip.findChild<QPushButton *>(QStringLiteral("restartBotButton"));
        QVERIFY(check && restartGateway && restartBot);
        CommunicationStatus s; // the health check never known: nothing probes it
        s.state = StatusState::Online;
        strip.setStatus(s);
        QVERIFY(strip.signalText(SignalStrip::Signal::HealthCheck)
                        .contains(QLatin1String("unknown")));
        QVERIFY(check->isEnabled());

        s.whatsappEnabled = false;
        strip.setStatus(s);
        const QString text = strip.signalText(SignalStrip::Signal::HealthCheck);
        QVERIFY2(text.contains(QLatin1String("WhatsApp gateway: off")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("unknown")), qPrintable(text));
        for (QPushButton *b : {check, restartGateway}) {
            QVERIFY(!b->isEnabled());
            QVERIFY2(b->toolTip().contains(QLatin1String("without WhatsApp")),
                     qPrintable(b->toolTip()));
        }
        QVERIFY(restartBot->isEnabled()); // the bot is still there to restart

        // The status says so on the wire, and an older vigiad's silence means "on".
        QCOMPARE(CommunicationStatus::fromJson(s.toJson()).whatsappEnabled, false);
        QJsonObject older = s.toJson();
        older.remove(QStringLiteral("whatsapp_enabled"));
        QCOMPARE(CommunicationStatus::fromJson(older).whatsappEnabled, true);

        s.whatsappEnabled = true;
        strip.setStatus(s);
        QVERIFY(check->isEnabled());
        QVERIFY(restartGateway->isEnabled());
    }
};

QTEST_MAIN(TstStatusBanner)
#include "tst_statusbanner.moc"

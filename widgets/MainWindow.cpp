#include "MainWindow.h"

#include "AuditPanel.h"
#include "AwayDigestPanel.h"
#include "ChartsPanel.h"
#include "FailedNotificationsPanel.h"
#include "IncidentsPanel.h"
#include "ProfileActions.h"
#include "QueueStatsPanel.h"
#include "ServerProfile.h"
#include "SessionsPanel.h"
#include "SignalStrip.h"
#include "StatusBanner.h"
#include "TableLayout.h"
#include "VigiaPalette.h"
#include "WaitingNotificationsPanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Vigia {

MainWindow::MainWindow(NotificationModel *failedModel, IncidentModel *incidentModel,
                       AuditModel *auditModel, SessionModel *sessionModel,
                       ConversationModel *conversationModel, NotificationModel *waitingModel,
                       QWidget *parent)
    : QMainWindow(parent),
      m_banner(new StatusBanner(this)),
      m_signals(new SignalStrip(this)),
      m_tabs(new QTabWidget(this)),
      m_failedPanel(new FailedNotificationsPanel(failedModel, this)),
      m_incidentsPanel(new IncidentsPanel(incidentModel, this)),
      m_auditPanel(new AuditPanel(auditModel, this)),
      m_connection(new QLabel(this)),
      m_profiles(new ProfileActions(this))
{
    setWindowTitle(titleFor(false));
    setWindowIcon(QIcon(QStringLiteral(":/icons/vigia.svg")));
    setObjectName(QStringLiteral("mainWindow"));

    m_tabs->setObjectName(QStringLiteral("mainTabs"));
    m_tabs->addTab(m_failedPanel, QIcon(QStringLiteral(":/icons/status-critical.svg")),
                   tr("Failed"));
    if (waitingModel) {
        m_waitingPanel = new WaitingNotificationsPanel(waitingModel, this);
        m_tabs->addTab(m_waitingPanel, tr("Waiting"));
    }
    m_tabs->addTab(m_incidentsPanel, QIcon(QStringLiteral(":/icons/status-warning.svg")),
                   tr("Incidents"));
    if (sessionModel && conversationModel) {
        m_sessionsPanel = new SessionsPanel(sessionModel, conversationModel, this);
        m_tabs->addTab(m_sessionsPanel, tr("Active sessions"));
        connect(m_sessionsPanel, &SessionsPanel::clearConversationRequested, this,
                &MainWindow::clearConversationRequested);
    }
    m_tabs->addTab(m_auditPanel, tr("Audit"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createLinkBar());
    layout->addWidget(m_banner);
    layout->addWidget(m_signals);
    auto *body = new QWidget(central);
    auto *bodyLayout = new QVBoxLayout(body);
    bodyLayout->addWidget(m_tabs);
    m_awayPanel = new AwayDigestPanel(body);
    bodyLayout->insertWidget(0, m_awayPanel);
    layout->addWidget(body, 1);
    setCentralWidget(central);

    m_connection->setObjectName(QStringLiteral("connectionLabel"));
    statusBar()->addPermanentWidget(m_connection);

    createMenus();

    connect(m_failedPanel, &FailedNotificationsPanel::retryRequested, this,
            &MainWindow::retryRequested);
    connect(m_failedPanel, &FailedNotificationsPanel::resolveRequested, this,
            &MainWindow::resolveRequested);
    connect(m_failedPanel, &FailedNotificationsPanel::claimRequested, this,
            &MainWindow::claimRequested);
    connect(m_failedPanel, &FailedNotificationsPanel::releaseRequested, this,
            &MainWindow::releaseRequested);
    connect(m_failedPanel, &FailedNotificationsPanel::retryAllRequested, this,
            &MainWindow::retryAllRequested);
    connect(m_failedPanel, &FailedNotificationsPanel::searchRequested, this,
            &MainWindow::failedSearchRequested);
    connect(m_failedPanel, &FailedNotificationsPanel::sortRequested, this,
            &MainWindow::failedSortRequested);
    connect(m_failedPanel, &FailedNotificationsPanel::detailsRequested, this,
            &MainWindow::failedDetailsRequested);
    connect(m_failedPanel, &FailedNotificationsPanel::openChatRequested, this,
            &MainWindow::openChatRequested);
    addTabShortcuts();
    if (m_waitingPanel) {
        connect(m_waitingPanel, &WaitingNotificationsPanel::searchRequested, this,
                &MainWindow::waitingSearchRequested);
        connect(m_waitingPanel, &WaitingNotificationsPanel::sortRequested, this,
                &MainWindow::waitingSortRequested);
    }
    connect(m_banner, &StatusBanner::showFailedRequested, this, &MainWindow::showFailed);
    connect(m_banner, &StatusBanner::showWaitingRequested, this, &MainWindow::showWaiting);
    connect(m_signals, &SignalStrip::checkHealthRequested, this, &MainWindow::checkHealthRequested);
    connect(m_signals, &SignalStrip::restartBotRequested, this, &MainWindow::restartBotRequested);
    connect(m_signals, &SignalStrip::restartGatewayRequested, this,
            &MainWindow::restartGatewayRequested);
    resize(1100, 640);
}

ChartsPanel *MainWindow::addChartsPanel(HistoryModel *historyModel)
{
    if (!m_chartsPanel) {
        m_chartsPanel = new ChartsPanel(historyModel, this);
        // Last, so the other tabs keep their Ctrl+number.
        m_tabs->addTab(m_chartsPanel, tr("Charts"));
        connect(m_chartsPanel, &ChartsPanel::rangeRequested, this,
                &MainWindow::historyRangeRequested);
        m_queuePanel = new QueueStatsPanel(m_chartsPanel);
        m_chartsPanel->addFooter(m_queuePanel);
        connect(m_queuePanel, &QueueStatsPanel::cleanupRequested, this,
                &MainWindow::queueCleanupRequested);
    }
    return m_chartsPanel;
}

void MainWindow::createFileMenu()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction =
            file->addAction(QIcon(QStringLiteral(":/icons/connect.svg")), tr("&Connect to…"));
    connect(connectAction, &QAction::triggered, this, &MainWindow::connectRequested);
    m_serverMenu = file->addMenu(tr("S&erver"));
    m_serverMenu->setObjectName(QStringLiteral("serverMenu"));
    m_serverMenu->setToolTipsVisible(true); // each profile's URL
    m_serverMenu->setEnabled(false);
    connect(m_profiles, &ProfileActions::changed, this, &MainWindow::showProfiles);
    m_reconnectAction = file->addAction(tr("&Reconnect now"));
    m_reconnectAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_reconnectAction->setEnabled(false);
    connect(m_reconnectAction, &QAction::triggered, this, &MainWindow::reconnectRequested);
    file->addSeparator();
    m_settingsAction = file->addAction(tr("&Settings…"));
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::settingsRequested);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, [this] {
        m_quitting = true;
        if (!close())
            m_quitting = false;
    });
}

void MainWindow::showProfiles()
{
    m_serverMenu->clear();
    const QList<QAction *> profiles = m_profiles->actions();
    m_serverMenu->addActions(profiles);
    m_serverMenu->setEnabled(!profiles.isEmpty());
}

void MainWindow::createMenus()
{
    createFileMenu();
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setToolTipsVisible(true); // why an entry is off, and what the sound does
    m_awayAction = view->addAction(tr("&While you were away…"));
    m_awayAction->setObjectName(QStringLiteral("awayDigestAction"));
    m_awayAction->setEnabled(false);
    connect(m_awayAction, &QAction::triggered, this, [this] { m_awayPanel->show(); });
    // Also in the tray's menu; here for desktops without a tray.
    m_snoozeAction = view->addAction(QString());
    m_snoozeAction->setObjectName(QStringLiteral("snoozeAction"));
    setSnoozeMinutes(AlertPreferences{}.snoozeMinutes);
    m_snoozeAction->setCheckable(true);
    connect(m_snoozeAction, &QAction::triggered, this, [this](bool on) {
        if (on)
            Q_EMIT snoozeRequested();
        else
            Q_EMIT resumeAlertsRequested();
    });
    m_repeatSoundAction = view->addAction(tr("&Repeat a sound until I look"));
    m_repeatSoundAction->setObjectName(QStringLiteral("repeatSoundAction"));
    m_repeatSoundAction->setCheckable(true);
    m_repeatSoundAction->setToolTip(
            tr("Each alert also sounds, every 10 s, until you switch to this window"));
    m_silenceAction = view->addAction(tr("S&ilence the alert"));
    m_silenceAction->setObjectName(QStringLiteral("silenceAction"));
    m_silenceAction->setEnabled(false);
    connect(m_silenceAction, &QAction::triggered, this, &MainWindow::silenceRequested);
    view->addSeparator();
    m_closeToTrayAction = view->addAction(tr("&Keep running in the tray when closed"));
    m_closeToTrayAction->setObjectName(QStringLiteral("closeToTrayAction"));
    m_closeToTrayAction->setCheckable(true);
    setTrayAvailable(false);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    connect(help->addAction(tr("&About Vigía")), &QAction::triggered, this, [this] {
        QMessageBox::about(
                this, tr("About Vigía"),
                tr("<b>Vigía %1</b><p>Keeps a chat bot's messages flowing: a durable outbox, "
                   "delivery diagnosis and one screen to act on failures.</p>")
                        .arg(QStringLiteral(VIGIA_VERSION)));
    });
}

void MainWindow::showAwayDigest(const Digest &digest, const QList<AuditEntry> &othersActions)
{
    m_awayPanel->setDigest(digest, othersActions);
    m_awayPanel->show();
    m_awayAction->setEnabled(true);
}

QWidget *MainWindow::createLinkBar()
{
    m_linkBar = new QFrame(this);
    m_linkBar->setObjectName(QStringLiteral("linkBar"));
    m_linkBar->setAutoFillBackground(true);
    QPalette colours = m_linkBar->palette();
    colours.setColor(QPalette::Window, VigiaPalette::color(VigiaPalette::Role::Disconnected));
    colours.setColor(QPalette::WindowText, VigiaPalette::color(VigiaPalette::Role::BannerText));
    m_linkBar->setPalette(colours);
    m_linkText = new QLabel(m_linkBar);
    m_linkText->setObjectName(QStringLiteral("linkText"));
    m_linkText->setWordWrap(true);
    QFont bold = m_linkText->font();
    bold.setBold(true);
    m_linkText->setFont(bold);
    m_linkConnect = new QPushButton(tr("Connect…"), m_linkBar);
    m_linkConnect->setObjectName(QStringLiteral("linkConnectButton"));
    m_reconnect = new QPushButton(tr("Reconnect now"), m_linkBar);
    m_reconnect->setObjectName(QStringLiteral("reconnectButton"));
    connect(m_linkConnect, &QPushButton::clicked, this, &MainWindow::connectRequested);
    connect(m_reconnect, &QPushButton::clicked, this, &MainWindow::reconnectRequested);
    auto *row = new QHBoxLayout(m_linkBar);
    row->addWidget(m_linkText, 1);
    row->addWidget(m_linkConnect);
    row->addWidget(m_reconnect);
    m_linkBar->setVisible(false);
    return m_linkBar;
}

void MainWindow::setLinkState(LinkState state)
{
    m_linkState = state;
    m_linkBar->setVisible(state != LinkState::Connected);
    m_linkConnect->setVisible(state == LinkState::NotConnected);
    m_reconnect->setVisible(state == LinkState::Lost);
    m_reconnectAction->setEnabled(state == LinkState::Lost);
    if (state == LinkState::NotConnected)
        m_linkText->setText(tr("Not connected — File → Connect to…"));
    else if (state == LinkState::Lost)
        m_linkText->setText(tr("The link to vigiad is lost; the console keeps retrying on its "
                               "own. What you see may be out of date."));
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("layout"));
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    for (const QTableView *view : findChildren<QTableView *>()) {
        if (!view->objectName().isEmpty())
            TableLayout::save(settings, view);
    }
    for (const QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            TableLayout::save(settings, splitter);
    }
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("layout"));
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    for (QTableView *view : findChildren<QTableView *>()) {
        if (!view->objectName().isEmpty())
            TableLayout::restore(settings, view);
    }
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            TableLayout::restore(settings, splitter);
    }
}

void MainWindow::setTrayAvailable(bool available)
{
    m_closeToTrayAction->setEnabled(available);
    m_closeToTrayAction->setToolTip(available ? tr("The tray icon brings the window back")
                                              : tr("This desktop has no system tray"));
}

void MainWindow::setSounding(bool sounding)
{
    m_silenceAction->setEnabled(sounding);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && m_closeToTrayAction->isEnabled() && m_closeToTrayAction->isChecked()) {
        // Alerts keep coming from the tray; only the window goes.
        saveLayout();
        event->ignore();
        hide();
        return;
    }
    saveLayout();
    QMainWindow::closeEvent(event);
}

QWidget *MainWindow::currentPanel() const
{
    return m_tabs->currentWidget();
}

void MainWindow::setClock(const Clock *clock)
{
    m_banner->setClock(clock);
    m_signals->setClock(clock);
}

QString MainWindow::titleFor(bool demo, const QString &profile)
{
    if (!profile.isEmpty())
        return demo ? tr("%1 — Vigía DEMO").arg(profile) : tr("%1 — Vigía").arg(profile);
    return demo ? tr("Vigía DEMO — bot communication console")
                : tr("Vigía — bot communication console");
}

void MainWindow::setProfileName(const QString &name)
{
    m_profileName = name;
    setWindowTitle(titleFor(m_demo, m_profileName));
}

void MainWindow::setStatus(const CommunicationStatus &status)
{
    m_demo = status.demo;
    setWindowTitle(titleFor(m_demo, m_profileName));
    m_banner->setStatus(status);
    m_signals->setStatus(status);
    // The Waiting tab's title is setWaitingCount()'s: the server's total.
    if (m_waitingPanel)
        m_waitingPanel->setHeld(status.counts.held);
}

void MainWindow::setLive(bool live)
{
    m_banner->setLive(live);
    m_signals->setLive(live);
    if (m_sessionsPanel)
        m_sessionsPanel->setLive(live);
}

void MainWindow::setConnectionText(const QString &text)
{
    m_connection->setText(text);
}

void MainWindow::setPermissions(bool canRetry, bool canResolve, const QString &whyNot)
{
    m_failedPanel->setActionsAllowed(canRetry, canResolve, whyNot);
}

void MainWindow::setSnoozeMinutes(int minutes)
{
    m_snoozeAction->setText(tr("&Snooze alerts for %n min", nullptr, minutes));
}

void MainWindow::setSnoozed(bool snoozed)
{
    const QSignalBlocker blocker(m_snoozeAction);
    m_snoozeAction->setChecked(snoozed);
}

void MainWindow::setQueueFigures(const QueueFigures &figures)
{
    if (m_queuePanel)
        m_queuePanel->setFigures(figures);
}

void MainWindow::setOperationsAllowed(bool canOperate, bool canReadAudit, const QString &whyNot)
{
    m_signals->setActionsAllowed(canOperate, whyNot);
    if (m_queuePanel)
        m_queuePanel->setCleanupAllowed(canOperate, whyNot);
    m_auditPanel->setAllowed(canReadAudit);
    // Clearing a conversation is an admin operation like the others.
    if (m_sessionsPanel)
        m_sessionsPanel->setClearAllowed(canOperate, whyNot);
}

void MainWindow::setOperationRunning(bool running)
{
    m_signals->setBusy(running);
}

void MainWindow::showMessage(const QString &message)
{
    statusBar()->showMessage(message, 8000);
}

void MainWindow::addTabShortcuts()
{
    // Window-wide, so they work from inside a table too (which would
    // otherwise take Ctrl+Tab for itself).
    const auto add = [this](const QKeySequence &keys, auto slot) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    const auto step = [this](int by) {
        const int count = m_tabs->count();
        if (count > 0)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + by + count) % count);
    };
    add(QKeySequence(Qt::CTRL | Qt::Key_Tab), [step] { step(1); });
    add(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab), [step] { step(-1); });
    add(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab), [step] { step(-1); });
    for (int i = 0; i < 5; ++i) {
        add(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), [this, i] {
            if (i < m_tabs->count())
                m_tabs->setCurrentIndex(i);
        });
    }
}

void MainWindow::setFailedCount(qint64 count, bool atLeast)
{
    const QString number = QLocale().toString(count);
    m_tabs->setTabText(m_tabs->indexOf(m_failedPanel),
                       atLeast ? tr("Failed (%1+)").arg(number) : tr("Failed (%1)").arg(number));
    m_failedPanel->setTotal(count, atLeast);
}

void MainWindow::setFailedMatchCount(qint64 count, bool atLeast)
{
    m_failedPanel->setMatchCount(count, atLeast);
}

void MainWindow::setWaitingCount(qint64 count, bool atLeast)
{
    if (!m_waitingPanel)
        return;
    // The server's total, which the banner shows too: the table holds the
    // pages scrolled through, or the rows a search matched.
    const QString number = QLocale().toString(count);
    m_tabs->setTabText(m_tabs->indexOf(m_waitingPanel),
                       atLeast ? tr("Waiting (%1+)").arg(number) : tr("Waiting (%1)").arg(number));
}

void MainWindow::setWaitingMatchCount(qint64 count, bool atLeast)
{
    if (m_waitingPanel)
        m_waitingPanel->setMatchCount(count, atLeast);
}

void MainWindow::showFailedDetails(const Notification &notification, const QList<AuditEntry> &audit)
{
    m_failedPanel->showDetails(notification, audit);
}

void MainWindow::setOpenIncidentCount(int count)
{
    m_tabs->setTabText(m_tabs->indexOf(m_incidentsPanel),
                       count > 0 ? tr("Incidents (%n open)", nullptr, count) : tr("Incidents"));
}

void MainWindow::setSessionCount(int count)
{
    if (m_sessionsPanel)
        m_tabs->setTabText(m_tabs->indexOf(m_sessionsPanel), tr("Active sessions (%1)").arg(count));
}

void MainWindow::showAffectedOrders()
{
    showFailed(true);
}

void MainWindow::showFailed(bool onlyOrders)
{
    m_failedPanel->setOnlyOrders(onlyOrders);
    m_tabs->setCurrentWidget(m_failedPanel);
}

void MainWindow::showWaiting()
{
    if (m_waitingPanel)
        m_tabs->setCurrentWidget(m_waitingPanel);
}

void MainWindow::showTab(const QString &name)
{
    const QHash<QString, QWidget *> tabs{{QStringLiteral("failed"), m_failedPanel},
                                         {QStringLiteral("waiting"), m_waitingPanel},
                                         {QStringLiteral("incidents"), m_incidentsPanel},
                                         {QStringLiteral("sessions"), m_sessionsPanel},
                                         {QStringLiteral("audit"), m_auditPanel},
                                         {QStringLiteral("charts"), m_chartsPanel}};
    if (QWidget *tab = tabs.value(name); tab && m_tabs->indexOf(tab) >= 0)
        m_tabs->setCurrentWidget(tab);
}

} // namespace Vigia

#include "ConsoleApplication.h"

#include "AwayWatch.h"
#include "ConnectionCheck.h"
#include "ConnectionDialog.h"
#include "ConsoleController.h"
#include "ConsoleSettings.h"
#include "CredentialStore.h"
#include "FailedNotificationsPanel.h"
#include "IncidentModel.h"
#include "LocalSnapshot.h"
#include "MainWindow.h"
#include "ProfileActions.h"
#include "ProfileWatch.h"
#include "QueueWatch.h"
#include "SettingsDialog.h"
#include "TrayNotifier.h"

#include <QAction>
#include <QApplication>
#include <QDesktopServices>
#include <QPixmap>
#include <QScreen>
#include <QSettings>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTimer>

namespace Vigia {

namespace {
const QString kServerKey = QStringLiteral("connection/server");
const QUrl kDefaultServer(QStringLiteral("http://127.0.0.1:8765"));
} // namespace

ConsoleApplication::ConsoleApplication(QObject *parent)
    : QObject(parent),
      m_controller(new ConsoleController(&m_clock, this)),
      m_credentials(new CredentialStore(this)),
      m_check(new ConnectionCheck(this)),
      m_window(new MainWindow(m_controller->failedModel(), m_controller->incidentModel(),
                              m_controller->auditModel(), m_controller->sessionModel(),
                              m_controller->conversationModel(), m_controller->waitingModel())),
      m_tray(new TrayNotifier(m_window, this)),
      m_away(new AwayWatch(m_controller, &m_clock, this)),
      m_queue(new QueueWatch(m_controller, this)),
      m_watch(new ProfileWatch(m_credentials, this))
{
    wireWindow();
    wireAlerts();
}

void ConsoleApplication::wireWindow()
{
    MainWindow *w = m_window;
    ConsoleController *c = m_controller;
    w->setClock(&m_clock);
    m_tray->setClock(&m_clock);
    connect(c, &ConsoleController::statusChanged, w, &MainWindow::setStatus);
    connect(c, &ConsoleController::statusChanged, m_tray, &TrayNotifier::setStatus);
    connect(c, &ConsoleController::liveChanged, m_tray, &TrayNotifier::setLive);
    connect(w, &MainWindow::snoozeRequested, m_tray, &TrayNotifier::snooze);
    connect(w, &MainWindow::resumeAlertsRequested, m_tray, &TrayNotifier::resumeAlerts);
    connect(m_tray, &TrayNotifier::snoozeChanged, w, &MainWindow::setSnoozed);
    connect(m_tray, &TrayNotifier::soundingChanged, w, &MainWindow::setSounding);
    connect(w, &MainWindow::silenceRequested, m_tray, &TrayNotifier::acknowledge);
    connect(c, &ConsoleController::liveChanged, w, &MainWindow::setLive);
    connect(c, &ConsoleController::connectionTextChanged, w, &MainWindow::setConnectionText);
    connect(c, &ConsoleController::permissionsChanged, w, &MainWindow::setPermissions);
    connect(c, &ConsoleController::message, w, &MainWindow::showMessage);
    connect(c, &ConsoleController::failedCountChanged, w, &MainWindow::setFailedCount);
    connect(c, &ConsoleController::sessionCountChanged, w, &MainWindow::setSessionCount);
    connect(c, &ConsoleController::operationsAllowedChanged, w, &MainWindow::setOperationsAllowed);
    connect(c, &ConsoleController::operationRunningChanged, w, &MainWindow::setOperationRunning);
    connect(c->incidentModel(), &IncidentModel::openCountChanged, w,
            &MainWindow::setOpenIncidentCount);
    connect(m_away, &AwayWatch::digestReady, w, [this, w](const Digest &digest) {
        w->showAwayDigest(digest, digest.actionsBesides(m_away->self()));
    });
    connect(c, &ConsoleController::authenticationFailed, this,
            &ConsoleApplication::askForConnection);
    connect(w, &MainWindow::retryRequested, c, &ConsoleController::retry);
    connect(w, &MainWindow::resolveRequested, c, &ConsoleController::resolve);
    connect(w, &MainWindow::retryAllRequested, c, &ConsoleController::retryAllFailed);
    connect(w, &MainWindow::claimRequested, c, &ConsoleController::claim);
    connect(w, &MainWindow::releaseRequested, c, &ConsoleController::release);
    connect(w, &MainWindow::failedSearchRequested, c, &ConsoleController::searchFailed);
    connect(w, &MainWindow::failedSortRequested, c, &ConsoleController::sortFailed);
    connect(w, &MainWindow::failedDetailsRequested, c, &ConsoleController::loadDetails);
    connect(c, &ConsoleController::detailsLoaded, w, &MainWindow::showFailedDetails);
    connect(c, &ConsoleController::failedMatchCountChanged, w, &MainWindow::setFailedMatchCount);
    connect(c, &ConsoleController::waitingCountChanged, w, &MainWindow::setWaitingCount);
    connect(c, &ConsoleController::waitingMatchCountChanged, w, &MainWindow::setWaitingMatchCount);
    connect(w, &MainWindow::waitingSearchRequested, c, &ConsoleController::searchWaiting);
    connect(w, &MainWindow::waitingSortRequested, c, &ConsoleController::sortWaiting);
    connect(w, &MainWindow::openChatRequested, this,
            [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(w, &MainWindow::checkHealthRequested, c, &ConsoleController::checkHealthNow);
    connect(w, &MainWindow::restartBotRequested, c, &ConsoleController::restartBot);
    connect(w, &MainWindow::restartGatewayRequested, c, &ConsoleController::restartGateway);
    connect(w, &MainWindow::clearConversationRequested, c, &ConsoleController::clearConversation);
    connect(w, &MainWindow::connectRequested, this, [this] { askForConnection(QString()); });
    connect(w, &MainWindow::reconnectRequested, c, &ConsoleController::reconnectNow);
    w->addChartsPanel(c->historyModel());
    connect(m_queue, &QueueWatch::figuresChanged, w, &MainWindow::setQueueFigures);
    connect(m_queue, &QueueWatch::message, w, &MainWindow::showMessage);
    connect(w, &MainWindow::queueCleanupRequested, m_queue, &QueueWatch::cleanUp);
    connect(w, &MainWindow::historyRangeRequested, c, &ConsoleController::setHistoryRange);
    connect(c, &ConsoleController::resolveOfflineChanged, w->failedPanel(),
            &FailedNotificationsPanel::setResolveOffline);
    connect(c, &ConsoleController::linkChanged, w, [w](ConsoleController::Link link) {
        w->setLinkState(
                link == ConsoleController::Link::NotConnected ? MainWindow::LinkState::NotConnected
                        : link == ConsoleController::Link::Lost ? MainWindow::LinkState::Lost
                                                                : MainWindow::LinkState::Connected);
    });
}

void ConsoleApplication::wireAlerts()
{
    MainWindow *w = m_window;
    // The operator's alert preferences, kept across runs; the View menu's
    // toggles and the settings dialog edit the same values.
    connect(w->repeatSoundAction(), &QAction::toggled, this, [this](bool on) {
        m_tray->setRepeatSound(on);
        ConsoleSettings::saveRepeatSound(on);
    });
    w->setTrayAvailable(QSystemTrayIcon::isSystemTrayAvailable());
    connect(w->closeToTrayAction(), &QAction::toggled, this, &ConsoleSettings::saveCloseToTray);
    applyAlerts(ConsoleSettings::alerts());
    connect(w, &MainWindow::settingsRequested, this, &ConsoleApplication::openSettings);
    // The menus' profile states: the shown one from the controller, the
    // others from their watcher.
    for (ProfileActions *actions : {w->profileActions(), m_tray->profileActions()})
        connect(actions, &ProfileActions::profileRequested, this,
                &ConsoleApplication::switchToProfile);
    connect(m_controller, &ConsoleController::statusChanged, this,
            &ConsoleApplication::showProfiles);
    connect(m_controller, &ConsoleController::linkChanged, this, &ConsoleApplication::showProfiles);
    connect(m_watch, &ProfileWatch::stateChanged, this, &ConsoleApplication::showProfiles);
}

void ConsoleApplication::applyAlerts(const AlertPreferences &preferences)
{
    m_window->repeatSoundAction()->setChecked(preferences.repeatSound);
    m_tray->setRepeatSound(preferences.repeatSound);
    m_window->closeToTrayAction()->setChecked(preferences.closeToTray);
    m_tray->setAlertOnWorse(preferences.alertOnWorse);
    m_tray->setAlertOnLinkLost(preferences.alertOnLinkLost);
    m_tray->setLinkLostDelay(preferences.linkLostSeconds * 1000);
    m_tray->setSnoozeMinutes(preferences.snoozeMinutes);
    m_window->setSnoozeMinutes(preferences.snoozeMinutes);
}

ConsoleApplication::~ConsoleApplication()
{
    delete m_away; // writes "last seen" while the clock and the controller still exist
    delete m_window;
    // The controller saves its local snapshot on the way out, stamped by
    // m_clock: it must go before the members do, not with the children
    // QObject deletes after them.
    delete m_controller;
}

ConnectionDialog *ConsoleApplication::connectionDialog() const
{
    return m_dialog;
}

SettingsDialog *ConsoleApplication::settingsDialog() const
{
    return m_settings;
}

QUrl ConsoleApplication::savedServer()
{
    QSettings settings;
    const QVariant value = settings.value(kServerKey);
    if (value.typeId() == QMetaType::QUrl) {
        // Older consoles stored the QUrl itself: "@Variant(…)" in the file.
        QUrl server = value.toUrl();
        saveServer(server);
        return server;
    }
    QUrl server(value.toString());
    return server.isValid() && !server.isEmpty() ? server : kDefaultServer;
}

void ConsoleApplication::saveServer(const QUrl &server)
{
    QSettings().setValue(kServerKey, server.toString());
}

void ConsoleApplication::connectController(const QUrl &server, const QString &token)
{
    // The active profile's file (server is its URL): its key names it.
    if (m_localSnapshot && m_active.isValid())
        m_controller->useLocalSnapshot(LocalSnapshot::adoptFileFor(m_active));
    m_controller->connectTo(server, token);
}

void ConsoleApplication::start(const ConsoleOptions &options)
{
    if (!options.useKeychain)
        m_credentials->setKeychainDisabled(tr("the system keychain is turned off"));
    m_localSnapshot = options.localSnapshot;
    const ServerProfile profile = chooseProfile(options);
    // Painted from the last snapshot before the window shows, while the
    // token is read and vigiad asked.
    if (m_localSnapshot && !options.firstRun && profile.isValid())
        m_controller->useLocalSnapshot(LocalSnapshot::adoptFileFor(profile));
    m_window->restoreLayout();
    m_window->setLinkState(MainWindow::LinkState::NotConnected);
    m_window->show();
    if (!options.tab.isEmpty())
        m_window->showTab(options.tab);
    if (!options.screenshotPath.isEmpty())
        scheduleScreenshot(options.screenshotPath, options.firstRun, options.screenshotDelayMs);
    if (options.firstRun) {
        m_active = profile;
        m_window->setProfileName(profile.name);
        Q_EMIT activeProfileChanged(profile);
        showProfiles();
        askForConnection(QString());
        m_dialog->setServer(profile.url);
        m_dialog->setToken(options.token);
        if (!options.token.isEmpty())
            m_dialog->accept();
        return;
    }
    setActiveProfile(profile, options.token);
}

namespace {

ConnectionDialog::Keep keepFor(TokenStorage storage)
{
    switch (storage) {
    case TokenStorage::Keychain: return ConnectionDialog::Keep::Keychain;
    case TokenStorage::File: return ConnectionDialog::Keep::File;
    case TokenStorage::Session: break;
    }
    return ConnectionDialog::Keep::Session;
}

TokenStorage storageFor(ConnectionDialog::Keep keep)
{
    switch (keep) {
    case ConnectionDialog::Keep::Keychain: return TokenStorage::Keychain;
    case ConnectionDialog::Keep::File: return TokenStorage::File;
    case ConnectionDialog::Keep::Session: break;
    }
    return TokenStorage::Session;
}

} // namespace

void ConsoleApplication::askForConnection(const QString &error)
{
    if (m_dialog) {
        if (!error.isEmpty())
            m_dialog->setError(error);
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    auto *dialog = new ConnectionDialog(m_window);
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setServer(m_active.isValid() ? m_active.url : savedServer());
    dialog->setTokenFilePath(CredentialStore::tokenFilePath());
    if (const std::optional<bool> available = m_credentials->keychainAvailable();
        available && !*available)
        dialog->setKeychainAvailable(false, m_credentials->keychainProblem());
    dialog->setKeep(keepFor(CredentialStore::storage()));
    dialog->setError(error);
    connect(dialog, &ConnectionDialog::connectRequested, this,
            [this, dialog] { checkAndConnect(dialog); });
    dialog->open();
}

void ConsoleApplication::checkAndConnect(ConnectionDialog *dialog)
{
    const QUrl server = dialog->server();
    const QString token = dialog->token();
    QPointer<ConnectionDialog> guard(dialog);
    m_check->run(server, token, [this, guard, server, token](const ConnectionOutcome &outcome) {
        if (!guard)
            return;
        if (!outcome.ok()) {
            const QString reason = ConnectionCheck::describe(outcome, server);
            guard->setChecking(false);
            guard->setError(reason);
            Q_EMIT connectionChecked(false, reason);
            return;
        }
        keepToken(guard, server, token);
    });
}

void ConsoleApplication::keepToken(ConnectionDialog *dialog, const QUrl &server,
                                   const QString &token)
{
    const TokenStorage storage = storageFor(dialog->keep());
    QPointer<ConnectionDialog> guard(dialog);
    const ServerProfile profile = profileFor(server);
    m_credentials->saveToken(
            profile.key, server, token, storage,
            [this, guard, profile, server, token, storage](const QString &error) {
                if (!guard)
                    return;
                if (!error.isEmpty()) {
                    // The operator asked for it: now the keychain's answer is news.
                    if (storage == TokenStorage::Keychain)
                        guard->setKeychainAvailable(false, error);
                    const QString reason =
                            tr("vigiad accepted the token, but it could not be kept (%1). "
                               "Choose another way to keep it, then connect again.")
                                    .arg(error);
                    guard->setChecking(false);
                    guard->setError(reason);
                    Q_EMIT connectionChecked(false, reason);
                    return;
                }
                adoptProfile(profile);
                guard->finish();
                connectController(server, token);
                Q_EMIT connectionChecked(true, QString());
            });
}

void ConsoleApplication::scheduleScreenshot(const QString &path, bool ofTheDialog, int delayMs)
{
    const auto shoot = [this, path, ofTheDialog] {
        // The dialog is a window of its own, on top of the main one: the
        // window's part of the screen shows both.
        QScreen *screen = QGuiApplication::primaryScreen();
        const QRect frame = m_window->frameGeometry();
        const QPixmap picture = ofTheDialog && screen
                ? screen->grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
                : m_window->grab();
        picture.save(path);
        QApplication::quit();
    };
    if (ofTheDialog) {
        connect(
                this, &ConsoleApplication::connectionChecked, this,
                [this, shoot] { QTimer::singleShot(800, this, shoot); }, Qt::SingleShotConnection);
    } else {
        // Once the first snapshot is shown, give the layout a moment, grab, quit.
        // The first failure is selected, so its details show beside the table.
        connect(
                m_controller, &ConsoleController::snapshotLoaded, this,
                [this, shoot, delayMs] {
                    m_window->failedPanel()->view()->selectRow(0);
                    QTimer::singleShot(delayMs, this, shoot);
                },
                Qt::SingleShotConnection);
        // No vigiad to answer: the picture is of the local snapshot, once
        // the console knows the link is down (an action kept offline).
        connect(m_controller, &ConsoleController::linkChanged, this,
                [this, shoot, delayMs](ConsoleController::Link link) {
                    if (link == ConsoleController::Link::Lost
                        && m_controller->shownAsOf().isValid())
                        QTimer::singleShot(delayMs, this, shoot);
                });
    }
    QTimer::singleShot(qMax(20000, delayMs + 20000), this, shoot);
}

} // namespace Vigia

#pragma once

#include "Clock.h"
#include "ServerProfile.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

namespace Vigia {

class AwayWatch;
class QueueWatch;
class ConnectionCheck;
class ConnectionDialog;
class ConsoleController;
class CredentialStore;
class MainWindow;
class ProfileWatch;
class SettingsDialog;
class TrayNotifier;

struct ConsoleOptions
{
    // Empty: the profile used last. Else the profile with this URL, or one
    // made for this run only (saved when there is none yet: a first run).
    QUrl server;
    // Empty: the one kept where the operator chose, else ask. A token given
    // here (VIGIA_TOKEN) is used as it is and never stored.
    QString token;
    QString screenshotPath; // save a picture of the window once live data is shown, then quit
    // How long after the first live data the picture is taken: longer to
    // catch what the live feed brings meanwhile (the demo's recovery).
    int screenshotDelayMs = 800;
    QString tab; // open on this tab (failed, incidents, sessions, audit)
    // Open the connection dialog, filled in with server and token, and check
    // them at once, as on a first run (screenshots of the dialog).
    bool firstRun = false;
    // False: never ask the system keychain (tests, VIGIA_NO_KEYCHAIN).
    bool useKeychain = true;
    // Paint from the server's local snapshot at start and keep actions taken
    // offline (LocalSnapshot). main() turns it on; tests that want it too.
    bool localSnapshot = false;
};

// Builds the console: controller, window and the wires between them, plus
// the first-run connection flow: the dialog's server and token are checked
// against vigiad before anything is saved.
class ConsoleApplication final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleApplication)

public:
    explicit ConsoleApplication(QObject *parent = nullptr);
    ~ConsoleApplication() override;

    void start(const ConsoleOptions &options);
    MainWindow *window() const { return m_window; }
    ConsoleController *controller() const { return m_controller; }
    TrayNotifier *trayNotifier() const { return m_tray; }
    CredentialStore *credentials() const { return m_credentials; }
    AwayWatch *awayWatch() const { return m_away; }
    QueueWatch *queueWatch() const { return m_queue; }
    // The connection dialog while it is open.
    ConnectionDialog *connectionDialog() const;
    // File → Settings… while it is open.
    SettingsDialog *settingsDialog() const;
    ProfileWatch *profileWatch() const { return m_watch; }

    // The saved server profiles, and the one the console shows (which may
    // be a --server given for this run only, not among them).
    QList<ServerProfile> profiles() const { return m_profiles; }
    ServerProfile activeProfile() const { return m_active; }
    // What the menus show: the saved profiles in their order (a --server
    // for this run first), each with its state, the active one marked.
    QList<ProfileState> profileStates() const;

    // The server used last (QSettings "connection/server", plain text). A
    // value an older console wrote as a QUrl variant is read and rewritten.
    static QUrl savedServer();
    static void saveServer(const QUrl &server);

public Q_SLOTS:
    // Disconnects and connects to the saved profile with this key, with the
    // token kept for its URL (the dialog asks when there is none).
    void switchToProfile(const QString &key);
    void openSettings();

Q_SIGNALS:
    // The dialog's check answered: ok, or the reason it showed.
    void connectionChecked(bool ok, const QString &reason);
    // The one place the shown profile changes (start-up included): whatever
    // is kept per profile (files named after profile.key) follows it here.
    void activeProfileChanged(const Vigia::ServerProfile &profile);

private:
    void wireWindow();
    void wireAlerts();
    void applyAlerts(const AlertPreferences &preferences);
    void applySettings(SettingsDialog *dialog);
    void saveEditedToken(const ServerProfile &profile, const QString &token);
    // Makes profile the shown one and connects to it: with token when
    // given, else with the one kept for its URL.
    void setActiveProfile(const ServerProfile &profile, const QString &token = QString());
    void connectActive(const QString &token);
    // The dialog's check passed for server: its profile becomes the active one.
    // The profile a server connected to through the dialog belongs to: the
    // active one, a kept one with its URL, or a new one (not kept yet).
    ServerProfile profileFor(const QUrl &server) const;
    void adoptProfile(const ServerProfile &profile);
    void showProfiles();
    ServerProfile chooseProfile(const ConsoleOptions &options);
    void askForConnection(const QString &error);
    void checkAndConnect(ConnectionDialog *dialog);
    void keepToken(ConnectionDialog *dialog, const QUrl &server, const QString &token);
    void scheduleScreenshot(const QString &path, bool ofTheDialog, int delayMs);
    // Connects, after pointing the controller at the server's local file.
    void connectController(const QUrl &server, const QString &token);

    SystemClock m_clock;
    ConsoleController *m_controller;
    CredentialStore *m_credentials;
    ConnectionCheck *m_check;
    MainWindow *m_window;
    TrayNotifier *m_tray;
    AwayWatch *m_away;
    QueueWatch *m_queue;
    QPointer<ConnectionDialog> m_dialog;
    bool m_localSnapshot = false;
    QPointer<SettingsDialog> m_settings;
    ProfileWatch *m_watch;
    QList<ServerProfile> m_profiles;
    ServerProfile m_active;
};

} // namespace Vigia

#pragma once

#include "Clock.h"

#include <QObject>
#include <QUrl>

namespace Vigia {

class ConsoleController;
class CredentialStore;
class MainWindow;
class TrayNotifier;

struct ConsoleOptions
{
    QUrl server; // empty: the last one used (QSettings)
    QString token; // empty: from the keychain, else ask
    QString screenshotPath; // save a picture of the window once live data is shown, then quit
    bool rememberToken = true; // store a given token in the keychain
    QString tab; // open on this tab (failed, incidents, sessions, audit)
};

// Builds the console: controller, window and the wires between them, plus
// the first-run connection flow.
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

private:
    void askForConnection(const QString &error);
    void connectWith(const QUrl &server, const QString &token, bool remember);
    void scheduleScreenshot(const QString &path);

    SystemClock m_clock;
    ConsoleController *m_controller;
    CredentialStore *m_credentials;
    MainWindow *m_window;
    TrayNotifier *m_tray;
};

} // namespace Vigia

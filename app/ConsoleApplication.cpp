#include "ConsoleApplication.h"

#include "ConnectionDialog.h"
#include "ConsoleController.h"
#include "CredentialStore.h"
#include "FailedNotificationsPanel.h"
#include "IncidentModel.h"
#include "MainWindow.h"
#include "TrayNotifier.h"

#include <QApplication>
#include <QDesktopServices>
#include <QPixmap>
#include <QSettings>
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
      m_window(new MainWindow(m_controller->failedModel(), m_controller->incidentModel(),
                              m_controller->auditModel(), m_controller->sessionModel(),
                              m_controller->conversationModel(), m_controller->waitingModel())),
      m_tray(new TrayNotifier(m_window, this))
{
    MainWindow *w = m_window;
    ConsoleController *c = m_controller;
    w->setClock(&m_clock);
    m_tray->setClock(&m_clock);
    connect(c, &ConsoleController::statusChanged, w, &MainWindow::setStatus);
    connect(c, &ConsoleController::statusChanged, m_tray, &TrayNotifier::setStatus);
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
    connect(w, &MainWindow::openChatRequested, this,
            [](const QUrl &url) { QDesktopServices::openUrl(url); });
    connect(w, &MainWindow::checkHealthRequested, c, &ConsoleController::checkHealthNow);
    connect(w, &MainWindow::restartBotRequested, c, &ConsoleController::restartBot);
    connect(w, &MainWindow::restartGatewayRequested, c, &ConsoleController::restartGateway);
    connect(w, &MainWindow::clearConversationRequested, c, &ConsoleController::clearConversation);
    connect(w, &MainWindow::connectRequested, this, [this] { askForConnection(QString()); });
}

ConsoleApplication::~ConsoleApplication()
{
    delete m_window;
}

void ConsoleApplication::start(const ConsoleOptions &options)
{
    m_window->show();
    if (!options.tab.isEmpty())
        m_window->showTab(options.tab);
    if (!options.screenshotPath.isEmpty())
        scheduleScreenshot(options.screenshotPath);
    const QUrl server = options.server.isValid()
            ? options.server
            : QSettings().value(kServerKey, kDefaultServer).toUrl();
    if (!options.token.isEmpty()) {
        connectWith(server, options.token, options.rememberToken);
        return;
    }
    m_credentials->readToken(server, [this, server](const QString &token, const QString &error) {
        if (token.isEmpty())
            askForConnection(error.isEmpty() ? QString() : tr("Keychain: %1").arg(error));
        else
            connectWith(server, token, false);
    });
}

void ConsoleApplication::askForConnection(const QString &error)
{
    auto *dialog = new ConnectionDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setServer(m_controller->api()->server().isValid()
                              ? m_controller->api()->server()
                              : QSettings().value(kServerKey, kDefaultServer).toUrl());
    dialog->setError(error);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { connectWith(dialog->server(), dialog->token(), true); });
    dialog->open();
}

void ConsoleApplication::connectWith(const QUrl &server, const QString &token, bool remember)
{
    QSettings().setValue(kServerKey, server);
    if (remember) {
        m_credentials->writeToken(server, token, [this](const QString &error) {
            if (!error.isEmpty())
                m_window->showMessage(tr("The token could not be saved in the keychain (%1); "
                                         "it is used for this session only")
                                              .arg(error));
        });
    }
    m_controller->connectTo(server, token);
}

void ConsoleApplication::scheduleScreenshot(const QString &path)
{
    // Once the first snapshot is shown, give the layout a moment, grab, quit.
    // The first failure is selected, so its details show beside the table.
    connect(
            m_controller, &ConsoleController::snapshotLoaded, this,
            [this, path] {
                m_window->failedPanel()->view()->selectRow(0);
                QTimer::singleShot(800, this, [this, path] {
                    m_window->grab().save(path);
                    QApplication::quit();
                });
            },
            Qt::SingleShotConnection);
    QTimer::singleShot(20000, this, [this, path] {
        m_window->grab().save(path);
        QApplication::quit();
    });
}

} // namespace Vigia

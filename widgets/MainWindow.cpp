#include "MainWindow.h"

#include "FailedNotificationsPanel.h"
#include "StatusBanner.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Vigia {

MainWindow::MainWindow(NotificationModel *failedModel, QWidget *parent)
    : QMainWindow(parent)
    , m_banner(new StatusBanner(this))
    , m_tabs(new QTabWidget(this))
    , m_failedPanel(new FailedNotificationsPanel(failedModel, this))
    , m_connection(new QLabel(this))
{
    setWindowTitle(tr("Vigía — bot communication console"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/vigia.svg")));
    setObjectName(QStringLiteral("mainWindow"));

    m_tabs->addTab(m_failedPanel, QIcon(QStringLiteral(":/icons/status-critical.svg")), tr("Failed notifications"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    auto *body = new QWidget(central);
    auto *bodyLayout = new QVBoxLayout(body);
    bodyLayout->addWidget(m_tabs);
    layout->addWidget(body, 1);
    setCentralWidget(central);

    m_connection->setObjectName(QStringLiteral("connectionLabel"));
    statusBar()->addPermanentWidget(m_connection);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction = file->addAction(QIcon(QStringLiteral(":/icons/connect.svg")), tr("&Connect to…"));
    connect(connectAction, &QAction::triggered, this, &MainWindow::connectRequested);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    connect(help->addAction(tr("&About Vigía")), &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Vigía"),
                           tr("<b>Vigía %1</b><p>Keeps a chat bot's messages flowing: a durable outbox, "
                              "delivery diagnosis and one screen to act on failures.</p>")
                               .arg(QStringLiteral(VIGIA_VERSION)));
    });

    connect(m_failedPanel, &FailedNotificationsPanel::retryRequested, this, &MainWindow::retryRequested);
    connect(m_failedPanel, &FailedNotificationsPanel::resolveRequested, this, &MainWindow::resolveRequested);
    resize(1100, 640);
}

void MainWindow::setStatus(const CommunicationStatus &status)
{
    m_banner->setStatus(status);
}

void MainWindow::setLive(bool live)
{
    m_banner->setLive(live);
}

void MainWindow::setConnectionText(const QString &text)
{
    m_connection->setText(text);
}

void MainWindow::setPermissions(bool canRetry, bool canResolve, const QString &whyNot)
{
    m_failedPanel->setActionsAllowed(canRetry, canResolve, whyNot);
}

void MainWindow::showMessage(const QString &message)
{
    statusBar()->showMessage(message, 8000);
}

void MainWindow::setFailedCount(int count)
{
    m_tabs->setTabText(m_tabs->indexOf(m_failedPanel), tr("Failed notifications (%1)").arg(count));
}

} // namespace Vigia

#pragma once

#include "CommunicationStatus.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace Vigia {

class FailedNotificationsPanel;
class NotificationModel;
class StatusBanner;

// Lays the console out and forwards what the operator asks for. Holds no
// state of its own: everything shown comes in through the setters.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(NotificationModel *failedModel, QWidget *parent = nullptr);

    StatusBanner *banner() const { return m_banner; }
    FailedNotificationsPanel *failedPanel() const { return m_failedPanel; }

public Q_SLOTS:
    void setStatus(const Vigia::CommunicationStatus &status);
    void setLive(bool live);
    void setConnectionText(const QString &text);
    void setPermissions(bool canRetry, bool canResolve, const QString &whyNot);
    void showMessage(const QString &message);
    void setFailedCount(int count);

Q_SIGNALS:
    void connectRequested();
    void retryRequested(const QStringList &ids);
    void resolveRequested(const QStringList &ids, const QString &method, const QString &note);

private:
    StatusBanner *m_banner;
    QTabWidget *m_tabs;
    FailedNotificationsPanel *m_failedPanel;
    QLabel *m_connection;
};

} // namespace Vigia

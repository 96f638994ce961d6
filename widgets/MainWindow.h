#pragma once

#include "AuditEntry.h"
#include "CommunicationStatus.h"
#include "HistoryModel.h"
#include "Notification.h"

#include <QMainWindow>

class QAction;
class QFrame;
class QLabel;
class QMenu;
class QPushButton;
class QTabWidget;

namespace Vigia {

class AuditModel;
class AuditPanel;
class ChartsPanel;
class ProfileActions;
class QueueStatsPanel;
struct QueueFigures;
class AwayDigestPanel;
struct Digest;
class Clock;
class ConversationModel;
class FailedNotificationsPanel;
class IncidentModel;
class IncidentsPanel;
class NotificationModel;
class SessionModel;
class SessionsPanel;
class SignalStrip;
class StatusBanner;
class WaitingNotificationsPanel;

// Lays the console out and forwards what the operator asks for. Holds no
// state of its own: everything shown comes in through the setters.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // What the bar above the banner says about the link to vigiad.
    enum class LinkState {
        Connected, // or connecting: no bar
        NotConnected, // "Not connected — File → Connect…", with a button for it
        Lost, // the link dropped; "Reconnect now" instead of waiting for the retry
    };

    // Without the session models (focused tests of the other tabs) the
    // "Active sessions" tab is left out and sessionsPanel() is null; so is
    // the "Waiting" tab without waitingModel.
    explicit MainWindow(NotificationModel *failedModel, IncidentModel *incidentModel,
                        AuditModel *auditModel, SessionModel *sessionModel = nullptr,
                        ConversationModel *conversationModel = nullptr,
                        NotificationModel *waitingModel = nullptr, QWidget *parent = nullptr);

    StatusBanner *banner() const { return m_banner; }
    SignalStrip *signalStrip() const { return m_signals; }
    FailedNotificationsPanel *failedPanel() const { return m_failedPanel; }
    WaitingNotificationsPanel *waitingPanel() const { return m_waitingPanel; }
    IncidentsPanel *incidentsPanel() const { return m_incidentsPanel; }
    AuditPanel *auditPanel() const { return m_auditPanel; }
    SessionsPanel *sessionsPanel() const { return m_sessionsPanel; }
    // The "Charts" tab over the history; its range choice leaves as
    // historyRangeRequested(). Null until added.
    ChartsPanel *addChartsPanel(HistoryModel *historyModel);
    ChartsPanel *chartsPanel() const { return m_chartsPanel; }
    // The queue's figures under the charts (added with them); a cleanup
    // leaves as queueCleanupRequested().
    QueueStatsPanel *queuePanel() const { return m_queuePanel; }
    AwayDigestPanel *awayDigestPanel() const { return m_awayPanel; }
    // View → While you were away…: enabled once there is a digest to show again.
    QAction *awayDigestAction() const { return m_awayAction; }
    // View → Snooze alerts: checked while the tray's alerts are snoozed.
    QAction *snoozeAction() const { return m_snoozeAction; }
    // View → Repeat a sound until I look / Silence the alert (enabled while it sounds).
    QAction *repeatSoundAction() const { return m_repeatSoundAction; }
    QAction *silenceAction() const { return m_silenceAction; }
    // View → Keep running in the tray when closed: closing the window then
    // hides it (the tray brings it back); File → Quit still quits. Enabled
    // only where the desktop has a tray (setTrayAvailable).
    QAction *closeToTrayAction() const { return m_closeToTrayAction; }
    void setTrayAvailable(bool available);
    // File → Server: the profiles, the active one checked; picking one asks for it.
    ProfileActions *profileActions() const { return m_profiles; }
    QMenu *serverMenu() const { return m_serverMenu; }
    // File → Settings… (Ctrl+,): asks for settingsRequested().
    QAction *settingsAction() const { return m_settingsAction; }
    // The active profile's name, in the window's title.
    void setProfileName(const QString &name);
    QWidget *currentPanel() const;
    // Relative times ("12 min ago") are computed from this clock.
    void setClock(const Clock *clock);
    LinkState linkState() const { return m_linkState; }
    // The window's title; a demo vigiad (the status says) is marked in it,
    // so the task bar tells a demo from production too.
    static QString titleFor(bool demo, const QString &profile = QString());

    // The window's own arrangement, kept in QSettings (group "layout"):
    // geometry, splitter sizes and each table's columns and sort. Saved
    // when the window closes; restoreLayout() before it is shown.
    void saveLayout() const;
    void restoreLayout();

public Q_SLOTS:
    void setStatus(const Vigia::CommunicationStatus &status);
    void setLive(bool live);
    void setConnectionText(const QString &text);
    void setLinkState(Vigia::MainWindow::LinkState state);
    void setPermissions(bool canRetry, bool canResolve, const QString &whyNot);
    void setQueueFigures(const Vigia::QueueFigures &figures);
    void setSnoozed(bool snoozed);
    // The snooze's length, as View → Snooze alerts words it.
    void setSnoozeMinutes(int minutes);
    void setSounding(bool sounding);
    void setOperationsAllowed(bool canOperate, bool canReadAudit, const QString &whyNot);
    void setOperationRunning(bool running);
    void showMessage(const QString &message);
    // The Failed tab's title: the server's count, with "+" when only a lower bound is known.
    void setFailedCount(qint64 count, bool atLeast);
    void setFailedMatchCount(qint64 count, bool atLeast);
    // The Waiting tab's title and its search's matches, likewise.
    void setWaitingCount(qint64 count, bool atLeast);
    void setWaitingMatchCount(qint64 count, bool atLeast);
    void showFailedDetails(const Vigia::Notification &notification,
                           const QList<Vigia::AuditEntry> &audit);
    void setOpenIncidentCount(int count);
    void setSessionCount(int count);
    // The Failed tab, filtered to the notifications that belong to an order.
    void showAffectedOrders();
    // The Failed tab, filtered to orders or showing every failure.
    void showFailed(bool onlyOrders);
    // The Waiting tab (when the window has one).
    void showWaiting();
    // "failed", "waiting", "incidents", "sessions", "charts" or "audit": for --tab and screenshots.
    void showTab(const QString &name);
    // "While you were away", above the tabs until dismissed; the menu shows it again.
    void showAwayDigest(const Vigia::Digest &digest, const QList<Vigia::AuditEntry> &othersActions);

Q_SIGNALS:
    void connectRequested();
    void settingsRequested();
    void queueCleanupRequested(int olderThanDays);
    void snoozeRequested();
    void silenceRequested();
    void resumeAlertsRequested();
    void reconnectRequested();
    void retryRequested(const QStringList &ids);
    void retryAllRequested();
    void failedSearchRequested(const QString &text);
    void failedSortRequested(const QString &field, bool descending);
    void failedDetailsRequested(const QString &id);
    void waitingSearchRequested(const QString &text);
    void waitingSortRequested(const QString &field, bool descending);
    void openChatRequested(const QUrl &url);
    void resolveRequested(const QStringList &ids, const QString &method, const QString &note);
    void claimRequested(const QString &id);
    void releaseRequested(const QString &id);
    void checkHealthRequested();
    void restartBotRequested();
    void restartGatewayRequested();
    void clearConversationRequested(const QString &user, const QString &flow);
    void historyRangeRequested(Vigia::HistoryModel::Range range);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void addTabShortcuts();
    void createMenus();
    void createFileMenu();
    void showProfiles();
    QWidget *createLinkBar();

    StatusBanner *m_banner;
    SignalStrip *m_signals;
    QTabWidget *m_tabs;
    FailedNotificationsPanel *m_failedPanel;
    WaitingNotificationsPanel *m_waitingPanel = nullptr;
    IncidentsPanel *m_incidentsPanel;
    AuditPanel *m_auditPanel;
    SessionsPanel *m_sessionsPanel = nullptr;
    ChartsPanel *m_chartsPanel = nullptr;
    QueueStatsPanel *m_queuePanel = nullptr;
    QLabel *m_connection;
    QFrame *m_linkBar = nullptr;
    QLabel *m_linkText = nullptr;
    QPushButton *m_linkConnect = nullptr;
    QPushButton *m_reconnect = nullptr;
    QAction *m_reconnectAction = nullptr;
    LinkState m_linkState = LinkState::Connected;
    AwayDigestPanel *m_awayPanel = nullptr;
    QAction *m_awayAction = nullptr;
    QAction *m_snoozeAction = nullptr;
    QAction *m_repeatSoundAction = nullptr;
    QAction *m_silenceAction = nullptr;
    QAction *m_closeToTrayAction = nullptr;
    ProfileActions *m_profiles;
    QMenu *m_serverMenu = nullptr;
    QAction *m_settingsAction = nullptr;
    QString m_profileName; // shown in the title, next to the demo mark
    bool m_demo = false;
    bool m_quitting = false; // File → Quit: a close that really closes
};

} // namespace Vigia

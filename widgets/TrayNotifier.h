#pragma once

#include "Clock.h"
#include "CommunicationStatus.h"
#include "ServerProfile.h"
#include "VigiaPalette.h"

#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace Vigia {

class ProfileActions;

// Tells the operator on the desktop when the bot's communication gets worse
// (higher statusSeverity()), so a console left behind other windows still
// gets noticed. Improvements stay quiet: the banner shows them.
// Uses a tray message where the desktop has a tray, else flashes the window
// in the task bar (QApplication::alert). The tray icon wears the state's
// colour, and the console losing vigiad for longer than a blip is an alert
// of its own: a console that silently stopped updating is worse than none.
class TrayNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayNotifier)

public:
    explicit TrayNotifier(QWidget *window, QObject *parent = nullptr);
    ~TrayNotifier() override;

    int alertCount() const { return m_alertCount; }
    bool usesTray() const { return m_tray != nullptr; }
    // What the tray icon's tooltip says (also kept where there is no tray).
    QString toolTip() const { return m_toolTip; }
    // The oldest waiting notification's age is computed from this clock.
    void setClock(const Clock *clock) { m_clock = clock ? clock : &m_systemClock; }

    // How long the link to vigiad may be down before the operator is told.
    static constexpr int kLinkLostAlertMs = 30 * 1000;
    void setLinkLostDelay(int ms) { m_linkLostTimer.setInterval(ms); }
    // The colour the icon wears now (the state's, or Disconnected).
    VigiaPalette::Role iconRole() const { return m_iconRole; }
    // The application icon with a dot of the role's colour.
    static QIcon iconFor(VigiaPalette::Role role);

    // The counts as the banner words them, one per line: the affected
    // orders and, when something waits, the waiting ones.
    static QString countsText(const CommunicationStatus &status, const QDateTime &now);

    // "Snooze": no alert for snoozeMinutes() (kSnoozeMinutes until the
    // operator chose), unless the state gets worse than it was when the
    // operator snoozed (then the alert comes, and the snooze ends). The
    // icon keeps its colour meanwhile.
    static constexpr int kSnoozeMinutes = AlertPreferences{}.snoozeMinutes;
    // The next snooze's length, and the menu's words; one under way keeps its end.
    void setSnoozeMinutes(int minutes);
    int snoozeMinutes() const { return m_snoozeMinutes; }
    bool isSnoozed() const;
    QDateTime snoozedUntil() const { return m_snoozedUntil; }
    // The tray's menu: the server profiles with their states, then show
    // the window, snooze, resume. Built even without a tray (tests).
    QMenu *menu() const { return m_menu; }
    // The profiles at the top of the menu; picking one asks for it.
    ProfileActions *profileActions() const { return m_profiles; }

    // Whether a worse state, and a link to vigiad lost for longer than the
    // delay, give a desktop notification (and the sound). On by default;
    // the icon's colour follows the state either way.
    void setAlertOnWorse(bool on) { m_alertOnWorse = on; }
    void setAlertOnLinkLost(bool on) { m_alertOnLinkLost = on; }

    // "Repeat a sound until I look": each alert also sounds, again every
    // kSoundRepeatMs, until the operator acknowledges it: brings the window
    // forward (which also happens when they switch to it), snoozes, or
    // silences it. Off by default; the console keeps the choice.
    static constexpr int kSoundRepeatMs = 10 * 1000;
    void setRepeatSound(bool on);
    bool repeatsSound() const { return m_repeatSound; }
    void setSoundRepeatInterval(int ms) { m_soundTimer.setInterval(ms); }
    bool isSounding() const { return m_soundTimer.isActive(); }

public Q_SLOTS:
    void snooze();
    void resumeAlerts();
    // The operator saw the alert: the sound stops.
    void acknowledge();
    void setStatus(const Vigia::CommunicationStatus &status);
    // Whether the console has live data from vigiad. An alert follows once
    // it has been lost for kLinkLostAlertMs after having been live.
    void setLive(bool live);

Q_SIGNALS:
    // Emitted for every alert, whichever way it was shown.
    void alerted(const QString &title, const QString &message);
    // An alert the snooze held back (for tests and the log).
    void snoozedAlert(const QString &title);
    void snoozeChanged(bool snoozed);
    // Each time the alert sounds, and when it starts or stops sounding.
    void sounded();
    void soundingChanged(bool sounding);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void ensureTrayIcon();
    void buildMenu();
    void showProfiles();
    void setIconRole(VigiaPalette::Role role);
    void alert(const QString &title, const QString &message, bool critical);
    void onLinkLost();
    void bringWindowForward();
    void playSound();

    SystemClock m_systemClock;
    const Clock *m_clock = &m_systemClock;
    QPointer<QWidget> m_window;
    QString m_toolTip;
    QSystemTrayIcon *m_tray = nullptr;
    // The last known state. Unknown until the first one: a console opened
    // on a broken bot alerts, one opened on a healthy bot does not.
    StatusState m_last = StatusState::Unknown;
    int m_alertCount = 0;
    VigiaPalette::Role m_statusRole = VigiaPalette::Role::Unknown;
    VigiaPalette::Role m_iconRole = VigiaPalette::Role::Unknown;
    bool m_live = false;
    QDateTime m_snoozedUntil;
    StatusState m_snoozedAt = StatusState::Unknown; // the state when snoozed
    QMenu *m_menu = nullptr;
    QAction *m_snoozeAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QTimer m_snoozeTimer; // ends the snooze on time, menus included
    bool m_wasLive = false;
    QDateTime m_lostSince;
    QTimer m_linkLostTimer;
    bool m_repeatSound = false;
    QTimer m_soundTimer;
    QAction *m_silenceAction = nullptr;
    ProfileActions *m_profiles;
    QAction *m_profilesEnd = nullptr; // the separator under the profiles
    bool m_alertOnWorse = true;
    bool m_alertOnLinkLost = true;
    int m_snoozeMinutes = kSnoozeMinutes;
};

} // namespace Vigia

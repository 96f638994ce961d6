#include "TrayNotifier.h"

#include "ProfileActions.h"
#include "StatusBanner.h"
#include "StatusTexts.h"

#include <QApplication>
#include <QEvent>
#include <QIcon>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>
#include <QWidget>

namespace Vigia {

TrayNotifier::TrayNotifier(QWidget *window, QObject *parent)
    : QObject(parent), m_window(window), m_profiles(new ProfileActions(this))
{
    buildMenu();
    connect(m_profiles, &ProfileActions::changed, this, &TrayNotifier::showProfiles);
    m_linkLostTimer.setSingleShot(true);
    m_linkLostTimer.setInterval(kLinkLostAlertMs);
    connect(&m_linkLostTimer, &QTimer::timeout, this, &TrayNotifier::onLinkLost);
    m_snoozeTimer.setSingleShot(true);
    connect(&m_snoozeTimer, &QTimer::timeout, this, &TrayNotifier::resumeAlerts);
    m_soundTimer.setInterval(kSoundRepeatMs);
    connect(&m_soundTimer, &QTimer::timeout, this, &TrayNotifier::playSound);
    // Switching to the window is looking at it.
    if (m_window)
        m_window->installEventFilter(this);
}

bool TrayNotifier::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::WindowActivate)
        acknowledge();
    return QObject::eventFilter(watched, event);
}

void TrayNotifier::setRepeatSound(bool on)
{
    m_repeatSound = on;
    if (!on)
        acknowledge();
}

void TrayNotifier::acknowledge()
{
    if (!m_soundTimer.isActive())
        return;
    m_soundTimer.stop();
    m_silenceAction->setVisible(false);
    Q_EMIT soundingChanged(false);
}

void TrayNotifier::playSound()
{
    QApplication::beep();
    Q_EMIT sounded();
}

TrayNotifier::~TrayNotifier()
{
    delete m_menu; // a context menu is not owned by its tray icon
}

bool TrayNotifier::isSnoozed() const
{
    return m_snoozedUntil.isValid() && m_clock->now() < m_snoozedUntil;
}

void TrayNotifier::setSnoozeMinutes(int minutes)
{
    m_snoozeMinutes = qMax(1, minutes);
    m_snoozeAction->setText(tr("Snooze alerts for %n min", nullptr, m_snoozeMinutes));
}

void TrayNotifier::snooze()
{
    acknowledge();
    m_snoozedUntil = m_clock->now().addSecs(qint64(m_snoozeMinutes) * 60);
    m_snoozedAt = m_last;
    m_snoozeTimer.start(std::chrono::minutes(m_snoozeMinutes));
    m_snoozeAction->setVisible(false);
    m_resumeAction->setVisible(true);
    Q_EMIT snoozeChanged(true);
}

void TrayNotifier::resumeAlerts()
{
    m_snoozedUntil = QDateTime();
    m_snoozeTimer.stop();
    m_snoozeAction->setVisible(true);
    m_resumeAction->setVisible(false);
    Q_EMIT snoozeChanged(false);
}

void TrayNotifier::buildMenu()
{
    m_menu = new QMenu;
    m_profilesEnd = m_menu->addSeparator();
    m_profilesEnd->setVisible(false);
    m_menu->addAction(tr("Show Vigía"), this, &TrayNotifier::bringWindowForward);
    m_snoozeAction = m_menu->addAction(tr("Snooze alerts for %n min", nullptr, m_snoozeMinutes),
                                       this, &TrayNotifier::snooze);
    m_resumeAction = m_menu->addAction(tr("Resume alerts"), this, &TrayNotifier::resumeAlerts);
    m_silenceAction = m_menu->addAction(tr("Silence the alert"), this, &TrayNotifier::acknowledge);
    m_silenceAction->setVisible(isSounding());
    m_resumeAction->setVisible(isSnoozed());
    m_snoozeAction->setVisible(!isSnoozed());
}

void TrayNotifier::showProfiles()
{
    for (QAction *action : m_menu->actions()) {
        if (action == m_profilesEnd)
            break;
        m_menu->removeAction(action);
    }
    const QList<QAction *> profiles = m_profiles->actions();
    m_menu->insertActions(m_profilesEnd, profiles);
    m_profilesEnd->setVisible(!profiles.isEmpty());
}

void TrayNotifier::ensureTrayIcon()
{
    if (m_tray)
        return;
    m_tray = new QSystemTrayIcon(iconFor(m_iconRole), this);
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, &TrayNotifier::bringWindowForward);
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::bringWindowForward);
    m_tray->show();
}

QIcon TrayNotifier::iconFor(VigiaPalette::Role role)
{
    // The state as a dot in the corner: readable at 16 px, where a tinted
    // icon is not, and the shape still says "Vigía".
    const QIcon base(QStringLiteral(":/icons/vigia.svg"));
    QIcon icon;
    for (const int size : {16, 22, 32, 48, 64}) {
        QPixmap pixmap = base.pixmap(size, size);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal dot = size * 0.5;
        painter.setPen(QPen(VigiaPalette::color(VigiaPalette::Role::BannerText), size / 16.0));
        painter.setBrush(VigiaPalette::color(role));
        painter.drawEllipse(
                QRectF(size - dot, size - dot, dot, dot).adjusted(0.5, 0.5, -0.5, -0.5));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

void TrayNotifier::setIconRole(VigiaPalette::Role role)
{
    if (role == m_iconRole)
        return;
    m_iconRole = role;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        ensureTrayIcon();
        m_tray->setIcon(iconFor(role));
    }
}

void TrayNotifier::setLive(bool live)
{
    if (live == m_live)
        return;
    m_live = live;
    if (live) {
        m_wasLive = true;
        m_linkLostTimer.stop();
        setIconRole(m_statusRole);
        return;
    }
    // Never live yet (no server chosen, the first connection failing): the
    // window says so; nothing was lost that the operator relied on.
    if (!m_wasLive)
        return;
    m_lostSince = m_clock->now();
    setIconRole(VigiaPalette::Role::Disconnected);
    m_linkLostTimer.start();
}

void TrayNotifier::onLinkLost()
{
    if (m_live || !m_alertOnLinkLost)
        return;
    if (isSnoozed()) {
        Q_EMIT snoozedAlert(tr("Vigía: no live data"));
        return;
    }
    alert(tr("Vigía: no live data"),
          tr("The console lost its link to vigiad at %1 and keeps retrying. What it shows may be "
             "out of date; check that vigiad runs.")
                  .arg(QLocale().toString(m_lostSince.toLocalTime().time(), QLocale::ShortFormat)),
          true);
}

void TrayNotifier::bringWindowForward()
{
    acknowledge();
    if (!m_window)
        return;
    m_window->showNormal();
    m_window->raise();
    m_window->activateWindow();
}

QString TrayNotifier::countsText(const CommunicationStatus &status, const QDateTime &now)
{
    QString text = StatusBanner::affectedText(status.counts);
    if (status.counts.waiting > 0)
        text += u'\n' + StatusBanner::waitingText(status.counts, now);
    return text;
}

void TrayNotifier::setStatus(const CommunicationStatus &status)
{
    m_statusRole = VigiaPalette::forStatus(status);
    if (m_live || !m_wasLive)
        setIconRole(m_statusRole);
    const QString title = status.demo ? tr("Vigía DEMO: %1").arg(StatusBanner::statusTitle(status))
                                      : tr("Vigía: %1").arg(StatusBanner::statusTitle(status));
    const QString counts = countsText(status, m_clock->now());
    m_toolTip = title + u'\n' + counts;
    if (m_tray)
        m_tray->setToolTip(m_toolTip);
    // "Unknown" is vigiad having no signal yet (it just restarted), not news
    // about the bot: it neither alerts nor resets what the next state is
    // compared with, so critical → unknown → critical does not alert twice.
    if (status.state == StatusState::Unknown)
        return;
    const StatusState previous = m_last;
    m_last = status.state;
    if (statusSeverity(status.state) <= statusSeverity(previous) || !m_alertOnWorse)
        return;
    if (isSnoozed()) {
        // Worse than when the operator snoozed: that is news they did not
        // agree to miss. Otherwise (it went back up to where it was) quiet.
        if (statusSeverity(status.state) <= statusSeverity(m_snoozedAt)) {
            Q_EMIT snoozedAlert(title);
            return;
        }
        resumeAlerts();
    }

    // The reason in the operator's language, the same the banner shows; the
    // server's English sentence is only a fallback inside reasonText().
    QString message = StatusTexts::reasonText(status);
    if (!message.isEmpty())
        message += u'\n';
    message += counts;
    alert(title, message,
          statusSeverity(status.state) >= statusSeverity(StatusState::Incommunicado));
}

void TrayNotifier::alert(const QString &title, const QString &message, bool critical)
{
    ++m_alertCount;
    // Checked on every alert: a tray can appear after start-up (the panel
    // restarted, the session finished loading).
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        ensureTrayIcon();
        m_tray->setToolTip(m_toolTip);
        m_tray->showMessage(title, message,
                            critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning);
    } else if (m_window) {
        QApplication::alert(m_window);
    }
    if (m_repeatSound) {
        const bool wasSounding = m_soundTimer.isActive();
        playSound();
        m_soundTimer.start();
        m_silenceAction->setVisible(true);
        if (!wasSounding)
            Q_EMIT soundingChanged(true);
    }
    Q_EMIT alerted(title, message);
}

} // namespace Vigia

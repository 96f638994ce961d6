#include "TrayNotifier.h"

#include "StatusBanner.h"
#include "StatusTexts.h"

#include <QApplication>
#include <QIcon>
#include <QSystemTrayIcon>
#include <QWidget>

namespace Vigia {

TrayNotifier::TrayNotifier(QWidget *window, QObject *parent) : QObject(parent), m_window(window) { }

TrayNotifier::~TrayNotifier() = default;

void TrayNotifier::ensureTrayIcon()
{
    if (m_tray)
        return;
    m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/vigia.svg")), this);
    connect(m_tray, &QSystemTrayIcon::activated, this, &TrayNotifier::bringWindowForward);
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::bringWindowForward);
    m_tray->show();
}

void TrayNotifier::bringWindowForward()
{
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
    const QString title = tr("Vigía: %1").arg(StatusBanner::statusTitle(status));
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
    if (statusSeverity(status.state) <= statusSeverity(previous))
        return;

    // The reason in the operator's language, the same the banner shows; the
    // server's English sentence is only a fallback inside reasonText().
    QString message = StatusTexts::reasonText(status);
    if (!message.isEmpty())
        message += u'\n';
    message += counts;
    ++m_alertCount;
    // Checked on every alert: a tray can appear after start-up (the panel
    // restarted, the session finished loading).
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        ensureTrayIcon();
        m_tray->setToolTip(m_toolTip);
        m_tray->showMessage(title, message,
                            statusSeverity(status.state)
                                            >= statusSeverity(StatusState::Incommunicado)
                                    ? QSystemTrayIcon::Critical
                                    : QSystemTrayIcon::Warning);
    } else if (m_window) {
        QApplication::alert(m_window);
    }
    Q_EMIT alerted(title, message);
}

} // namespace Vigia

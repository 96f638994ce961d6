#pragma once

#include "Clock.h"
#include "CommunicationStatus.h"
#include "VigiaPalette.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QTimer;

namespace Vigia {

// Under the banner: the three signals the status is computed from (gateway
// health check, deliveries, bot heartbeat), each with its state and last
// success, and the actions that act on them. The restarts ask for
// confirmation first; every action leaves as a signal.
class SignalStrip final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalStrip)

public:
    enum class Signal { HealthCheck, Deliveries, Bot };

    explicit SignalStrip(QWidget *parent = nullptr);

    void setStatus(const CommunicationStatus &status);
    void setLive(bool live);
    // The actions are admin-only; whyNot becomes the disabled buttons' tooltip.
    void setActionsAllowed(bool allowed, const QString &whyNot);
    // An action is running: no second one until it answers.
    void setBusy(bool busy);
    void setClock(const Clock *clock);
    void setTickInterval(int intervalMs);

    QString signalText(Signal signal) const;
    // Empty unless WhatsApp messages went out with no ack to prove them.
    QString ackNote() const;
    VigiaPalette::Role signalRole(Signal signal) const;

public Q_SLOTS:
    void refreshTimes();

Q_SIGNALS:
    void checkHealthRequested();
    void restartBotRequested();
    void restartGatewayRequested();

private:
    struct Indicator
    {
        QLabel *icon = nullptr;
        QLabel *name = nullptr;
        QLabel *detail = nullptr;
        QString title;
        QString about;
        VigiaPalette::Role role = VigiaPalette::Role::SignalUnknown;
    };

    Indicator makeIndicator(const QString &key, const QString &title, const QString &about);
    void refreshIndicator(Indicator &indicator, const SignalDetail &signal);
    const Indicator &indicator(Signal signal) const;
    void updateButtons();
    // The gateway indicator when vigiad runs without WhatsApp.
    void showWhatsAppOff();
    static QString whatsAppOffText();
    void confirm(const QString &key, const QString &title, const QString &text,
                 const QString &action, void (SignalStrip::*accepted)());

    SystemClock m_systemClock;
    const Clock *m_clock = &m_systemClock;
    CommunicationStatus m_status;
    bool m_live = false;
    bool m_allowed = false;
    bool m_busy = false;
    QString m_whyNot;
    Indicator m_healthCheck;
    Indicator m_deliveries;
    Indicator m_bot;
    QLabel *m_ackNote;
    QPushButton *m_checkNow;
    QPushButton *m_restartBot;
    QPushButton *m_restartGateway;
    QTimer *m_tick;
};

} // namespace Vigia

#include "SignalStrip.h"

#include "RelativeTime.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Vigia {

namespace {
constexpr int kIconSize = 22;

QString iconFor(VigiaPalette::Role role)
{
    switch (role) {
    case VigiaPalette::Role::SignalOk: return QStringLiteral(":/icons/status-online.svg");
    case VigiaPalette::Role::SignalFailing: return QStringLiteral(":/icons/status-critical.svg");
    default: return QStringLiteral(":/icons/status-offline.svg");
    }
}

// The icons are drawn in one neutral colour; the state's colour is painted
// over them so icon and text always agree.
QPixmap tinted(const QString &path, const QColor &colour, qreal devicePixelRatio)
{
    QPixmap pixmap = QIcon(path).pixmap(QSize(kIconSize, kIconSize), devicePixelRatio);
    QPainter painter(&pixmap);
    painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
    painter.fillRect(pixmap.rect(), colour);
    return pixmap;
}
} // namespace

SignalStrip::SignalStrip(QWidget *parent)
    : QFrame(parent),
      m_ackNote(new QLabel(this)),
      m_checkNow(
              new QPushButton(QIcon(QStringLiteral(":/icons/check.svg")), tr("Check &now"), this)),
      m_restartBot(new QPushButton(QIcon(QStringLiteral(":/icons/restart.svg")),
                                   tr("Restart &bot…"), this)),
      m_restartGateway(new QPushButton(QIcon(QStringLiteral(":/icons/restart.svg")),
                                       tr("Restart &gateway…"), this)),
      m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("signalStrip"));
    setAccessibleName(tr("Communication signals"));
    m_healthCheck = makeIndicator(QStringLiteral("healthCheck"), tr("Gateway check"),
                                  tr("The periodic probe of the WhatsApp gateway"));
    m_deliveries = makeIndicator(QStringLiteral("deliveries"), tr("Deliveries"),
                                 tr("Whether notifications reach their recipients"));
    m_bot = makeIndicator(QStringLiteral("bot"), tr("Bot heartbeat"),
                          tr("Whether the bot reports that it is alive"));

    m_checkNow->setObjectName(QStringLiteral("checkNowButton"));
    m_restartBot->setObjectName(QStringLiteral("restartBotButton"));
    m_restartGateway->setObjectName(QStringLiteral("restartGatewayButton"));
    // A probe changes nothing, so it runs at once; the restarts interrupt
    // whatever the bot or the gateway is doing and ask first.
    connect(m_checkNow, &QPushButton::clicked, this, &SignalStrip::checkHealthRequested);
    connect(m_restartBot, &QPushButton::clicked, this, [this] {
        confirm(QStringLiteral("confirmRestartBot"), tr("Restart the bot?"),
                tr("The bot is restarted with the command configured on the server. It does not "
                   "answer anyone until it is back."),
                tr("Restart bot"), &SignalStrip::restartBotRequested);
    });
    connect(m_restartGateway, &QPushButton::clicked, this, [this] {
        confirm(QStringLiteral("confirmRestartGateway"), tr("Restart the gateway?"),
                tr("The WhatsApp gateway session is restarted. No message goes out until it is "
                   "working again."),
                tr("Restart gateway"), &SignalStrip::restartGatewayRequested);
    });

    m_ackNote->setObjectName(QStringLiteral("ackNote"));
    m_ackNote->setWordWrap(true);
    m_ackNote->setVisible(false);
    QPalette notePalette = m_ackNote->palette();
    notePalette.setColor(QPalette::WindowText,
                         VigiaPalette::color(VigiaPalette::Role::SignalFailing));
    m_ackNote->setPalette(notePalette);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 6, 12, 6);
    outer->setSpacing(4);
    auto *layout = new QHBoxLayout;
    outer->addLayout(layout);
    outer->addWidget(m_ackNote);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(18);
    for (const Indicator *i : {&m_healthCheck, &m_deliveries, &m_bot}) {
        auto *grid = new QGridLayout;
        grid->setHorizontalSpacing(6);
        grid->setVerticalSpacing(0);
        grid->addWidget(i->icon, 0, 0, 2, 1, Qt::AlignVCenter);
        grid->addWidget(i->name, 0, 1);
        grid->addWidget(i->detail, 1, 1);
        layout->addLayout(grid);
    }
    layout->addStretch(1);
    auto *actions = new QHBoxLayout;
    actions->setSpacing(6);
    for (QPushButton *b : {m_checkNow, m_restartBot, m_restartGateway})
        actions->addWidget(b);
    layout->addLayout(actions);

    m_tick->setInterval(10000);
    connect(m_tick, &QTimer::timeout, this, &SignalStrip::refreshTimes);
    m_tick->start();
    setStatus(CommunicationStatus());
    updateButtons();
}

SignalStrip::Indicator SignalStrip::makeIndicator(const QString &key, const QString &title,
                                                  const QString &about)
{
    Indicator i;
    i.title = title;
    i.about = about;
    i.icon = new QLabel(this);
    i.icon->setFixedSize(kIconSize, kIconSize);
    i.name = new QLabel(this);
    i.name->setObjectName(key + QStringLiteral("State"));
    QFont bold = i.name->font();
    bold.setBold(true);
    i.name->setFont(bold);
    i.detail = new QLabel(this);
    i.detail->setObjectName(key + QStringLiteral("Detail"));
    // On a narrow screen a long state ("Latido del bot: estado desconocido")
    // takes two lines instead of widening the whole window.
    i.name->setWordWrap(true);
    i.detail->setWordWrap(true);
    QPalette hint = i.detail->palette();
    hint.setColor(QPalette::WindowText, VigiaPalette::color(VigiaPalette::Role::HintText));
    i.detail->setPalette(hint);
    return i;
}

void SignalStrip::setStatus(const CommunicationStatus &status)
{
    m_status = status;
    refreshIndicator(m_healthCheck, status.healthcheck);
    if (!status.whatsappEnabled)
        showWhatsAppOff();
    refreshIndicator(m_deliveries, status.deliveries);
    refreshIndicator(m_bot, status.bot);
    // Without acks a WhatsApp send is only "accepted by WAHA": say so, and
    // how to fix it, instead of letting a green "Deliveries: OK" overclaim.
    const AckFlow &acks = status.whatsappAcks;
    if (!acks.wired && acks.unconfirmed > 0) {
        m_ackNote->setText(
                tr("%n WhatsApp message(s) sent without a delivery receipt: no ack from WAHA has "
                   "reached vigiad. Point WAHA's webhooks at vigiad so lost messages are noticed.",
                   nullptr, acks.unconfirmed));
        m_ackNote->setToolTip(acks.lastAck.isValid()
                                      ? tr("Last ack: %1").arg(RelativeTime::exact(acks.lastAck))
                                      : tr("No ack has ever reached vigiad"));
        m_ackNote->setVisible(true);
    } else {
        m_ackNote->clear();
        m_ackNote->setVisible(false);
    }
    updateButtons();
}

void SignalStrip::showWhatsAppOff()
{
    // Not "unknown": there is nothing to know. vigiad runs without WhatsApp
    // (Discord or Telegram only) and never probes a gateway.
    m_healthCheck.name->setText(tr("WhatsApp gateway: off"));
    m_healthCheck.detail->setText(tr("not configured on the server"));
    const QString tip = whatsAppOffText();
    for (QLabel *label : {m_healthCheck.icon, m_healthCheck.name, m_healthCheck.detail})
        label->setToolTip(tip);
}

QString SignalStrip::whatsAppOffText()
{
    return tr("vigiad runs without WhatsApp ([waha] enabled = false): there is no gateway to check "
              "or restart. Notifications go by Discord or Telegram.");
}

QString SignalStrip::ackNote() const
{
    return m_ackNote->text();
}

void SignalStrip::setLive(bool live)
{
    m_live = live;
    setStatus(m_status);
    updateButtons();
}

void SignalStrip::setActionsAllowed(bool allowed, const QString &whyNot)
{
    m_allowed = allowed;
    m_whyNot = whyNot;
    updateButtons();
}

void SignalStrip::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void SignalStrip::setClock(const Clock *clock)
{
    m_clock = clock ? clock : &m_systemClock;
    refreshTimes();
}

void SignalStrip::setTickInterval(int intervalMs)
{
    m_tick->setInterval(intervalMs);
}

void SignalStrip::refreshTimes()
{
    setStatus(m_status);
}

const SignalStrip::Indicator &SignalStrip::indicator(Signal signal) const
{
    switch (signal) {
    case Signal::HealthCheck: return m_healthCheck;
    case Signal::Deliveries: return m_deliveries;
    case Signal::Bot: return m_bot;
    }
    return m_bot;
}

QString SignalStrip::signalText(Signal signal) const
{
    const Indicator &i = indicator(signal);
    return i.name->text() + u'\n' + i.detail->text();
}

VigiaPalette::Role SignalStrip::signalRole(Signal signal) const
{
    return indicator(signal).role;
}

void SignalStrip::refreshIndicator(Indicator &indicator, const SignalDetail &signal)
{
    indicator.role = VigiaPalette::forSignal(signal);
    const QString &name = indicator.title;
    switch (indicator.role) {
    case VigiaPalette::Role::SignalOk: indicator.name->setText(tr("%1: OK").arg(name)); break;
    case VigiaPalette::Role::SignalFailing:
        indicator.name->setText(tr("%1: failing").arg(name));
        break;
    default: indicator.name->setText(tr("%1: unknown").arg(name)); break;
    }
    if (!signal.known)
        indicator.detail->setText(tr("no data yet"));
    else if (signal.lastSuccess.isValid())
        indicator.detail->setText(
                tr("last success %1").arg(RelativeTime::ago(signal.lastSuccess, m_clock->now())));
    else
        indicator.detail->setText(tr("no success yet"));

    // Without a live feed the last known state is shown muted: a green "OK"
    // that may no longer be true must not look current.
    const QColor colour =
            VigiaPalette::color(m_live ? indicator.role : VigiaPalette::Role::StaleText);
    QPalette p = indicator.name->palette();
    p.setColor(QPalette::WindowText, colour);
    indicator.name->setPalette(p);
    indicator.icon->setPixmap(tinted(iconFor(indicator.role), colour, devicePixelRatioF()));

    QStringList tip{indicator.about};
    if (signal.lastSuccess.isValid())
        tip << tr("Last success: %1").arg(RelativeTime::exact(signal.lastSuccess));
    if (signal.failing) {
        tip << tr("%n failure(s) in a row", nullptr, signal.consecutiveFailures);
        if (signal.lastFailure.isValid())
            tip << tr("Last failure: %1").arg(RelativeTime::exact(signal.lastFailure));
        if (!signal.lastError.isEmpty())
            tip << tr("Last error: %1").arg(signal.lastError);
    }
    for (QLabel *label : {indicator.icon, indicator.name, indicator.detail})
        label->setToolTip(tip.join(u'\n'));
}

void SignalStrip::updateButtons()
{
    const bool enabled = m_allowed && m_live && !m_busy;
    const QString why = !m_allowed ? m_whyNot
            : !m_live              ? tr("Not connected: reconnect to act on live data")
            : m_busy               ? tr("Waiting for the previous action to finish")
                                   : QString();
    const std::pair<QPushButton *, QString> buttons[] = {
            {m_checkNow,
             tr("Probe the gateway now instead of waiting for the next scheduled check")},
            {m_restartBot, tr("Run the configured bot restart")},
            {m_restartGateway, tr("Restart the WhatsApp gateway session")},
    };
    for (const auto &[button, what] : buttons) {
        button->setEnabled(enabled);
        button->setToolTip(enabled ? what : why);
    }
    // Without WhatsApp the server has no gateway to probe or restart (it
    // answers 503): say so instead of offering what cannot work.
    if (!m_status.whatsappEnabled) {
        for (QPushButton *button : {m_checkNow, m_restartGateway}) {
            button->setEnabled(false);
            button->setToolTip(whatsAppOffText());
        }
    }
}

void SignalStrip::confirm(const QString &key, const QString &title, const QString &text,
                          const QString &action, void (SignalStrip::*accepted)())
{
    // open(), not exec(): the console keeps updating (and tests can answer)
    // while the question is on screen.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Cancel, this);
    box->setObjectName(key);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *go = box->addButton(action, QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("confirmButton"));
    // A stray Enter must not restart anything.
    box->setDefaultButton(QMessageBox::Cancel);
    connect(box, &QDialog::finished, this, [this, box, go, accepted] {
        if (box->clickedButton() == go)
            Q_EMIT(this->*accepted)();
    });
    box->open();
}

} // namespace Vigia

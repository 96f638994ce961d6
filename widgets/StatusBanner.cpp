#include "StatusBanner.h"

#include "RelativeTime.h"
#include "VigiaPalette.h"

#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Vigia {

StatusBanner::StatusBanner(QWidget *parent)
    : QFrame(parent),
      m_title(new QLabel(this)),
      m_reason(new QLabel(this)),
      m_since(new QLabel(this)),
      m_lastCommunication(new QLabel(this)),
      m_affected(new QLabel(this)),
      m_showAffected(new QPushButton(tr("Show &affected"), this)),
      m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("statusBanner"));
    setAutoFillBackground(true);
    setFrameShape(QFrame::NoFrame);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("statusTitle"));
    m_reason->setWordWrap(true);
    m_reason->setObjectName(QStringLiteral("statusReason"));
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_since->setObjectName(QStringLiteral("statusSince"));
    m_lastCommunication->setObjectName(QStringLiteral("lastCommunication"));
    m_affected->setObjectName(QStringLiteral("affectedOrders"));
    QFont affectedFont = m_affected->font();
    affectedFont.setBold(true);
    m_affected->setFont(affectedFont);
    m_showAffected->setObjectName(QStringLiteral("showAffectedButton"));
    m_showAffected->setToolTip(tr("List the failed notifications that belong to an order"));
    connect(m_showAffected, &QPushButton::clicked, this, &StatusBanner::showAffectedRequested);

    auto *text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_reason);
    text->addStretch(1);
    auto *affectedRow = new QHBoxLayout;
    affectedRow->addStretch(1);
    affectedRow->addWidget(m_affected);
    affectedRow->addWidget(m_showAffected);
    auto *facts = new QVBoxLayout;
    facts->setSpacing(2);
    for (QLabel *label : {m_since, m_lastCommunication})
        facts->addWidget(label, 0, Qt::AlignRight);
    facts->addLayout(affectedRow);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 8, 16, 8);
    layout->addLayout(text, 1);
    layout->addSpacing(16);
    layout->addLayout(facts);
    setAccessibleName(tr("Communication status"));

    // "N min ago" goes stale on its own: recompute it even when nothing arrives.
    m_tick->setInterval(10000);
    connect(m_tick, &QTimer::timeout, this, &StatusBanner::refreshTimes);
    m_tick->start();
    refresh();
}

QString StatusBanner::stateTitle(StatusState state)
{
    switch (state) {
    case StatusState::Online: return tr("Online");
    case StatusState::Degraded: return tr("Degraded");
    case StatusState::Incommunicado: return tr("Incommunicado");
    case StatusState::Critical: return tr("Critical: total communication loss");
    case StatusState::Offline: return tr("Bot offline");
    case StatusState::Unknown: return tr("Unknown");
    }
    return {};
}

QString StatusBanner::title() const
{
    return m_title->text();
}

QString StatusBanner::lastCommunicationText() const
{
    return m_lastCommunication->text();
}

void StatusBanner::setClock(const Clock *clock)
{
    m_clock = clock ? clock : &m_systemClock;
    refreshTimes();
}

void StatusBanner::setTickInterval(int intervalMs)
{
    m_tick->setInterval(intervalMs);
}

void StatusBanner::setStatus(const CommunicationStatus &status)
{
    m_status = status;
    m_hasStatus = true;
    refresh();
}

void StatusBanner::setLive(bool live)
{
    m_live = live;
    refresh();
}

void StatusBanner::refreshTimes()
{
    if (!m_hasStatus) {
        m_lastCommunication->clear();
        m_lastCommunication->setToolTip(QString());
        return;
    }
    m_lastCommunication->setText(
            m_status.lastCommunication.isValid()
                    ? tr("Last communication %1")
                              .arg(RelativeTime::ago(m_status.lastCommunication, m_clock->now()))
                    : tr("No communication recorded yet"));
    m_lastCommunication->setToolTip(RelativeTime::exact(m_status.lastCommunication));
}

void StatusBanner::refresh()
{
    VigiaPalette::Role background = VigiaPalette::forState(m_status.state);
    if (!m_live) {
        background = VigiaPalette::Role::Disconnected;
        m_title->setText(tr("No live data"));
        m_reason->setText(
                m_hasStatus ? tr("Last known state: %1 — %2")
                                      .arg(stateTitle(m_status.state), localizedReason(m_status))
                            : tr("Not connected to vigiad yet."));
        m_since->clear();
    } else {
        m_title->setText(stateTitle(m_status.state));
        m_reason->setText(localizedReason(m_status));
        m_since->setText(m_status.since.isValid()
                                 ? tr("since %1")
                                           .arg(QLocale().toString(m_status.since.toLocalTime(),
                                                                   QLocale::ShortFormat))
                                 : QString());
    }
    // Last communication and the affected orders stay visible when the feed
    // drops: they are still the best the operator knows.
    m_affected->setVisible(m_hasStatus);
    m_affected->setText(m_status.counts.affectedOrders > 0
                                ? tr("%n order(s) affected", nullptr, m_status.counts.affectedOrders)
                                : tr("No orders affected"));
    // Hidden rather than disabled: a greyed-out button on the coloured banner
    // reads as broken, and there is nothing to show.
    m_showAffected->setVisible(m_hasStatus && m_status.counts.affectedOrders > 0);
    refreshTimes();

    QPalette p = palette();
    p.setColor(QPalette::Window, VigiaPalette::color(background));
    p.setColor(QPalette::WindowText, VigiaPalette::color(VigiaPalette::Role::BannerText));
    setPalette(p);
    for (QLabel *label : {m_title, m_reason, m_since, m_lastCommunication, m_affected})
        label->setPalette(p);
    QString description = m_title->text() + QStringLiteral(". ") + m_reason->text();
    if (m_hasStatus)
        description += QStringLiteral(". ") + m_affected->text() + QStringLiteral(". ")
                + m_lastCommunication->text();
    setAccessibleDescription(description);
}

QString StatusBanner::localizedReason(const CommunicationStatus &status)
{
    if (!status.reasonCode)
        return status.reason; // a newer vigiad: its English sentence is better than nothing
    const QString health = status.healthcheck.lastError;
    const QString delivery = status.deliveries.lastError;
    const QJsonObject &args = status.reasonArgs;
    // No default: a new reason code fails to compile until it has a sentence here.
    switch (*status.reasonCode) {
    case StatusReason::HealthAndDeliveriesFailing:
        return tr("The gateway fails its health check (%1) and deliveries fail (%2).")
                .arg(health, delivery);
    case StatusReason::NobodyReached:
        return tr("Deliveries fail and the diagnosis reached neither the customer nor the admin.");
    case StatusReason::WebhookOnly:
        return args.value(QStringLiteral("reached")).toString() == QLatin1String("admin")
                ? tr("Deliveries fail (%1), but the gateway still reaches the admin.").arg(delivery)
                : tr("Deliveries fail (%1), but the gateway still reaches the customer.")
                          .arg(delivery);
    case StatusReason::DeliveryFailures:
        return tr("%n failed delivery attempt(s) in the last %1 min: %2", nullptr,
                  args.value(QStringLiteral("failures")).toInt())
                .arg(args.value(QStringLiteral("window_min")).toInt())
                .arg(delivery);
    case StatusReason::BotSilent:
        return tr("No heartbeat from the bot for %n min.", nullptr,
                  args.value(QStringLiteral("minutes")).toInt());
    case StatusReason::StoreWritesFailing:
        return tr("vigiad cannot write its store (%1); deliveries wait until it can.")
                .arg(status.store.lastError);
    case StatusReason::HealthFailing:
        return tr("The gateway fails its health check (%1); deliveries still work or none was "
                  "tried.")
                .arg(health);
    case StatusReason::HealthFailedOnce:
        return tr("The last health check failed (%1); one more failure raises the alarm.")
                .arg(health);
    case StatusReason::AllOk: return tr("The gateway is WORKING and deliveries succeed.");
    case StatusReason::HealthOkRecentFailure:
        return tr("The gateway is WORKING; a recent delivery failed.");
    case StatusReason::HealthOkNoDelivery:
        return tr("The gateway is WORKING; no delivery tried yet.");
    case StatusReason::DeliveriesOk: return tr("Deliveries succeed.");
    case StatusReason::NoSignal: return tr("No signal yet.");
    case StatusReason::RecipientFailures:
        return tr("The gateway works; %n notification(s) failed for their recipients.", nullptr,
                  args.value(QStringLiteral("failed")).toInt());
    case StatusReason::DeliveriesSettling:
        return tr("%n delivery attempt(s) failed; retries may still get through (%1 s to settle).",
                  nullptr, args.value(QStringLiteral("failures")).toInt())
                .arg(args.value(QStringLiteral("settle_s")).toInt());
    case StatusReason::RestoredRechecking:
        return tr("As before the restart; re-checking now.");
    }
    return status.reason;
}

} // namespace Vigia

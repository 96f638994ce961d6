#include "StatusBanner.h"

#include "RelativeTime.h"
#include "StatusTexts.h"
#include "VigiaPalette.h"

#include <QGridLayout>
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
      m_demo(new QLabel(tr("DEMO"), this)),
      m_restored(new QLabel(tr("since restart, re-checking"), this)),
      m_reason(new QLabel(this)),
      m_since(new QLabel(this)),
      m_lastCommunication(new QLabel(this)),
      m_affected(new QLabel(this)),
      m_showAffected(new QPushButton(tr("Show &affected"), this)),
      m_waiting(new QLabel(this)),
      m_showWaiting(new QPushButton(tr("Show &waiting"), this)),
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
    // White on black whatever the state's colour: a demo must never be
    // mistaken for a real bot, least of all in a screenshot.
    m_demo->setObjectName(QStringLiteral("demoMarker"));
    m_demo->setFont(titleFont);
    m_demo->setStyleSheet(QStringLiteral("QLabel { color: white; background: black; "
                                         "padding: 0 8px; border-radius: 4px; }"));
    m_demo->setToolTip(tr("A demonstration: vigiad runs a simulated bot and WhatsApp gateway on "
                          "a temporary store that is deleted when it stops"));
    m_demo->hide();
    m_restored->setObjectName(QStringLiteral("restoredMarker"));
    m_restored->setToolTip(tr("vigiad restarted and restored this state from before; it is "
                              "checking the gateway again"));
    QFont restoredFont = m_restored->font();
    restoredFont.setItalic(true);
    m_restored->setFont(restoredFont);
    m_reason->setWordWrap(true);
    m_reason->setObjectName(QStringLiteral("statusReason"));
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_since->setObjectName(QStringLiteral("statusSince"));
    m_lastCommunication->setObjectName(QStringLiteral("lastCommunication"));
    m_affected->setObjectName(QStringLiteral("affectedOrders"));
    m_waiting->setObjectName(QStringLiteral("waitingCount"));
    QFont countFont = m_affected->font();
    countFont.setBold(true);
    for (QLabel *label : {m_affected, m_waiting})
        label->setFont(countFont);
    m_showAffected->setObjectName(QStringLiteral("showAffectedButton"));
    m_showWaiting->setObjectName(QStringLiteral("showWaitingButton"));
    m_showWaiting->setToolTip(tr("List the notifications waiting to be sent"));
    connect(m_showAffected, &QPushButton::clicked, this, &StatusBanner::showAffected);
    connect(m_showWaiting, &QPushButton::clicked, this, &StatusBanner::showWaitingRequested);

    layOut();
    setAccessibleName(tr("Communication status"));

    // "N min ago" goes stale on its own: recompute it even when nothing arrives.
    m_tick->setInterval(10000);
    connect(m_tick, &QTimer::timeout, this, &StatusBanner::refreshTimes);
    m_tick->start();
    refresh();
}

void StatusBanner::layOut()
{
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_demo);
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_restored, 0, Qt::AlignBottom);
    titleRow->addStretch(1);
    auto *text = new QVBoxLayout;
    text->addLayout(titleRow);
    text->addWidget(m_reason);
    text->addStretch(1);
    auto *facts = new QVBoxLayout;
    facts->setSpacing(2);
    for (QLabel *label : {m_since, m_lastCommunication})
        facts->addWidget(label, 0, Qt::AlignRight);
    facts->addStretch(1);
    auto *top = new QHBoxLayout;
    top->addLayout(text, 1);
    top->addSpacing(16);
    top->addLayout(facts);
    // Each count on a line of its own, beside the button that opens the list
    // it counts; the buttons line up in a column.
    auto *counts = new QGridLayout;
    counts->setHorizontalSpacing(8);
    counts->setVerticalSpacing(2);
    counts->addWidget(m_affected, 0, 0);
    counts->addWidget(m_showAffected, 0, 1, Qt::AlignLeft);
    counts->addWidget(m_waiting, 1, 0);
    counts->addWidget(m_showWaiting, 1, 1, Qt::AlignLeft);
    counts->setColumnStretch(2, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 8, 16, 8);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addLayout(counts);
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

bool StatusBanner::showsDemo() const
{
    return !m_demo->isHidden();
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
        m_waiting->clear();
        return;
    }
    // The oldest waits longer by the minute, like the last communication.
    m_waiting->setText(waitingText(m_status.counts, m_clock->now()));
    m_waiting->setToolTip(
            m_status.counts.oldestWaitingSince.isValid()
                    ? tr("The oldest has waited since %1")
                              .arg(RelativeTime::exact(m_status.counts.oldestWaitingSince))
                    : QString());
    m_lastCommunication->setText(
            m_status.lastCommunication.isValid()
                    ? tr("Last communication %1")
                              .arg(RelativeTime::ago(m_status.lastCommunication, m_clock->now()))
                    : tr("No communication recorded yet"));
    m_lastCommunication->setToolTip(RelativeTime::exact(m_status.lastCommunication));
}

void StatusBanner::refresh()
{
    VigiaPalette::Role background = VigiaPalette::forStatus(m_status);
    const bool restored = m_hasStatus && m_status.restored;
    if (!m_live) {
        background = VigiaPalette::Role::Disconnected;
        m_title->setText(tr("No live data"));
        m_reason->setText(
                m_hasStatus ? tr("Last known state: %1 — %2")
                                      .arg(statusTitle(m_status), StatusTexts::reasonText(m_status))
                            : tr("Not connected to vigiad yet."));
        m_since->clear();
    } else {
        m_title->setText(statusTitle(m_status));
        m_reason->setText(StatusTexts::reasonText(m_status));
        m_since->setText(m_status.since.isValid()
                                 ? tr("since %1")
                                           .arg(QLocale().toString(m_status.since.toLocalTime(),
                                                                   QLocale::ShortFormat))
                                 : QString());
    }
    m_restored->setVisible(m_live && restored);
    // Also without live data: what the console last knew was a demo.
    m_demo->setVisible(m_hasStatus && m_status.demo);
    refreshCounts();
    refreshTimes();

    QPalette p = palette();
    p.setColor(QPalette::Window, VigiaPalette::color(background));
    p.setColor(QPalette::WindowText, VigiaPalette::color(VigiaPalette::Role::BannerText));
    setPalette(p);
    for (QLabel *label :
         {m_title, m_restored, m_reason, m_since, m_lastCommunication, m_affected, m_waiting})
        label->setPalette(p);
    QString description = m_title->text() + QStringLiteral(". ") + m_reason->text();
    if (m_live && restored)
        description += QStringLiteral(" (") + m_restored->text() + u')';
    if (m_hasStatus)
        description += QStringLiteral(". ") + m_affected->text() + QStringLiteral(". ")
                + m_waiting->text() + QStringLiteral(". ") + m_lastCommunication->text();
    setAccessibleDescription(description);
}

void StatusBanner::refreshCounts()
{
    // The counts stay visible when the feed drops: they are still the best
    // the operator knows.
    const OutboxCounts &c = m_status.counts;
    m_affected->setVisible(m_hasStatus);
    m_waiting->setVisible(m_hasStatus);
    m_affected->setText(affectedText(c));
    QStringList why;
    if (c.held)
        why << tr("Counts the failed notifications and those the outage holds after a first "
                  "attempt; the held ones are in the Waiting list.");
    if (c.failedForRecipient > 0)
        why << tr("%n failed for their recipient (an invalid number, a blocked bot): the "
                  "gateway works, but the message cannot reach that person.",
                  nullptr, c.failedForRecipient);
    m_affected->setToolTip(why.join(u'\n'));
    // Hidden rather than disabled: a greyed-out button on the coloured banner
    // reads as broken, and there is nothing to show.
    const bool anyAffected = c.affectedOrders + c.affectedWithoutOrder + c.failed > 0;
    m_showAffected->setVisible(m_hasStatus && anyAffected);
    m_showAffected->setToolTip(c.failed > 0 || !c.held
                                       ? tr("List the failed notifications counted here")
                                       : tr("List the notifications the outage holds"));
    m_showWaiting->setVisible(m_hasStatus && c.waiting > 0);
}

void StatusBanner::showAffected()
{
    const OutboxCounts &c = m_status.counts;
    // Nothing failed yet, but the outage holds some: those are in the Waiting list.
    if (c.failed == 0 && c.held && c.waiting > 0) {
        Q_EMIT showWaitingRequested();
        return;
    }
    Q_EMIT showFailedRequested(c.affectedWithoutOrder == 0 && c.affectedOrders > 0);
}

QString StatusBanner::statusTitle(const CommunicationStatus &status)
{
    if (VigiaPalette::forStatus(status) == VigiaPalette::Role::OnlineAttention)
        return tr("Online — failures to review");
    return stateTitle(status.state);
}

QString StatusBanner::affectedText(const OutboxCounts &counts)
{
    // %Ln: "20,000 orders affected" (in the locale's digits), as the tabs count.
    const int orders = counts.affectedOrders;
    const int loose = counts.affectedWithoutOrder;
    if (orders == 0 && loose == 0) {
        if (counts.failed > 0)
            return tr("%Ln notification(s) failed", nullptr, counts.failed);
        // What waits in an outage is not "unaffected": it has not failed yet.
        if (counts.held && counts.waiting > 0)
            return tr("No order failed yet");
        return tr("No orders affected");
    }
    QString text;
    if (orders > 0 && loose > 0)
        text = tr("%1 and %Ln notification(s) without an order", nullptr, loose)
                       .arg(tr("%Ln order(s) affected", nullptr, orders));
    else if (orders > 0)
        text = tr("%Ln order(s) affected", nullptr, orders);
    else
        text = tr("%Ln notification(s) without an order affected", nullptr, loose);
    // In an outage the count spans two lists: the Failed one and, for what
    // the outage holds after a first attempt, the Waiting one.
    if (counts.held && counts.waiting > 0)
        return tr("%1 (failed or held)").arg(text);
    return text;
}

QString StatusBanner::waitingText(const OutboxCounts &counts, const QDateTime &now)
{
    const int n = counts.waiting;
    if (n <= 0)
        return tr("Nothing waiting");
    if (!counts.oldestWaitingSince.isValid())
        return counts.held ? tr("%Ln waiting, held by the outage", nullptr, n)
                           : tr("%Ln waiting", nullptr, n);
    const QString age = RelativeTime::duration(counts.oldestWaitingSince, now);
    return counts.held ? tr("%Ln waiting, oldest %1, held by the outage", nullptr, n).arg(age)
                       : tr("%Ln waiting, oldest %1", nullptr, n).arg(age);
}

} // namespace Vigia

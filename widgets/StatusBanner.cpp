#include "StatusBanner.h"

#include "VigiaPalette.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace Vigia {

StatusBanner::StatusBanner(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_reason(new QLabel(this))
    , m_since(new QLabel(this))
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
    m_since->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_reason);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(16, 10, 16, 10);
    layout->addLayout(text, 1);
    layout->addWidget(m_since);
    setAccessibleName(tr("Communication status"));
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

void StatusBanner::refresh()
{
    VigiaPalette::Role background = VigiaPalette::forState(m_status.state);
    if (!m_live) {
        background = VigiaPalette::Role::Disconnected;
        m_title->setText(tr("No live data"));
        m_reason->setText(m_hasStatus
                              ? tr("Last known state: %1 — %2").arg(stateTitle(m_status.state), m_status.reason)
                              : tr("Not connected to vigiad yet."));
        m_since->clear();
    } else {
        m_title->setText(stateTitle(m_status.state));
        m_reason->setText(m_status.reason);
        m_since->setText(m_status.since.isValid()
                             ? tr("since %1").arg(QLocale().toString(m_status.since.toLocalTime(), QLocale::ShortFormat))
                             : QString());
    }
    QPalette p = palette();
    p.setColor(QPalette::Window, VigiaPalette::color(background));
    p.setColor(QPalette::WindowText, VigiaPalette::color(VigiaPalette::Role::BannerText));
    setPalette(p);
    for (QLabel *label : {m_title, m_reason, m_since})
        label->setPalette(p);
    setAccessibleDescription(m_title->text() + QStringLiteral(". ") + m_reason->text());
}

} // namespace Vigia

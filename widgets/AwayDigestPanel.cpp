#include "AwayDigestPanel.h"

#include "AuditModel.h"
#include "RelativeTime.h"
#include "StatusBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace Vigia {

namespace {

QString shortTime(const QDateTime &at)
{
    return QLocale().toString(at.toLocalTime(), QLocale::ShortFormat);
}

QLabel *bodyLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

AwayDigestPanel::AwayDigestPanel(QWidget *parent)
    : QFrame(parent),
      m_title(new QLabel(tr("While you were away"), this)),
      m_away(bodyLabel(QStringLiteral("awayDuration"), this)),
      m_changes(bodyLabel(QStringLiteral("awayChanges"), this)),
      m_counts(bodyLabel(QStringLiteral("awayCounts"), this)),
      m_incidents(bodyLabel(QStringLiteral("awayIncidents"), this)),
      m_actions(bodyLabel(QStringLiteral("awayActions"), this)),
      m_dismiss(new QPushButton(tr("Dismiss"), this))
{
    setObjectName(QStringLiteral("awayDigest"));
    setFrameShape(QFrame::StyledPanel);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_dismiss->setObjectName(QStringLiteral("awayDismiss"));
    connect(m_dismiss, &QPushButton::clicked, this, [this] {
        hide();
        Q_EMIT dismissed();
    });
    auto *top = new QHBoxLayout;
    top->addWidget(m_title);
    top->addStretch(1);
    top->addWidget(m_dismiss);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(4);
    layout->addLayout(top);
    for (QLabel *label : {m_away, m_changes, m_counts, m_incidents, m_actions})
        layout->addWidget(label);
    hide();
}

void AwayDigestPanel::setDigest(const Digest &digest, const QList<AuditEntry> &othersActions)
{
    QString away = tr("You were away for %1 (since %2).")
                           .arg(RelativeTime::duration(digest.since, digest.until),
                                shortTime(digest.since));
    if (digest.sinceTruncated)
        away += QLatin1Char(' ') + tr("Older history is no longer kept.");
    away += QLatin1Char(' ') + tr("Now: %1.").arg(StatusBanner::stateTitle(digest.nowState));
    m_away->setText(away);

    QStringList changes;
    const QList<StatusPeriod> periods = digest.changes();
    for (const StatusPeriod &p : periods) {
        const QString lasted = p.to.isValid()
                ? RelativeTime::duration(p.from, p.to)
                : tr("%1, still now").arg(RelativeTime::duration(p.from, digest.until));
        changes << tr("%1: %2 (%3)")
                           .arg(shortTime(p.from), StatusBanner::stateTitle(p.state), lasted);
    }
    m_changes->setText(changes.isEmpty() ? tr("The status did not change.")
                                         : tr("Status changes:") + QLatin1Char('\n')
                                       + changes.join(QLatin1Char('\n')));
    m_counts->setText(tr("Delivered: %1 · Failed: %2 · Resolved: %3")
                              .arg(digest.activity.delivered)
                              .arg(digest.activity.failed)
                              .arg(digest.activity.resolved));

    QStringList incidents;
    for (const Incident &i : digest.incidents) {
        incidents << (i.isOpen() ? tr("Incident since %1, still open").arg(shortTime(i.startedAt))
                                 : tr("Incident from %1 to %2")
                                           .arg(shortTime(i.startedAt), shortTime(i.endedAt)));
    }
    m_incidents->setText(incidents.join(QLatin1Char('\n')));
    m_incidents->setVisible(!incidents.isEmpty());

    QStringList actions;
    for (const AuditEntry &a : othersActions) {
        actions << tr("%1: %2 by %3")
                           .arg(shortTime(a.at), AuditModel::actionText(a.action), a.actor);
    }
    m_actions->setText(actions.isEmpty() ? QString()
                                         : tr("Other operators:") + QLatin1Char('\n')
                                       + actions.join(QLatin1Char('\n')));
    m_actions->setVisible(!actions.isEmpty());
}

QString AwayDigestPanel::awayText() const
{
    return m_away->text();
}

QString AwayDigestPanel::changesText() const
{
    return m_changes->text();
}

QString AwayDigestPanel::countsText() const
{
    return m_counts->text();
}

QString AwayDigestPanel::incidentsText() const
{
    return m_incidents->text();
}

QString AwayDigestPanel::actionsText() const
{
    return m_actions->text();
}

} // namespace Vigia

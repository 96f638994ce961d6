#include "ProfileActions.h"

#include "StatusBanner.h"

#include <QAction>
#include <QActionGroup>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace Vigia {

ProfileActions::ProfileActions(QObject *parent) : QObject(parent), m_group(new QActionGroup(this))
{
    m_group->setExclusive(true);
}

QList<QAction *> ProfileActions::actions() const
{
    return m_group->actions();
}

VigiaPalette::Role ProfileActions::roleFor(const ProfileState &state)
{
    switch (state.link) {
    case ProfileLink::Live: return VigiaPalette::forStatus(state.status);
    case ProfileLink::NoData:
    case ProfileLink::NoToken: return VigiaPalette::Role::Disconnected;
    case ProfileLink::Checking: break;
    }
    return VigiaPalette::Role::Unknown;
}

QString ProfileActions::stateText(const ProfileState &state)
{
    switch (state.link) {
    case ProfileLink::Live: return StatusBanner::stateTitle(state.status.state);
    case ProfileLink::NoData: return tr("no live data");
    case ProfileLink::NoToken: return tr("no token kept");
    case ProfileLink::Checking: break;
    }
    return tr("checking…");
}

QIcon ProfileActions::dotIcon(VigiaPalette::Role role)
{
    QIcon icon;
    for (const int size : {16, 22, 32}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(VigiaPalette::color(VigiaPalette::Role::BannerText), size / 16.0));
        painter.setBrush(VigiaPalette::color(role));
        const qreal margin = size * 0.2;
        painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

void ProfileActions::setProfiles(const QList<ProfileState> &profiles)
{
    // Statuses come often and mostly change nothing shown: rebuilding then
    // would close the entry under the operator's pointer for no reason.
    QStringList shown;
    for (const ProfileState &state : profiles) {
        shown << state.profile.key << state.profile.name << state.profile.url.toString()
              << stateText(state) << QString::number(int(roleFor(state)))
              << QString::number(int(state.active));
    }
    if (shown == m_shown && !m_group->actions().isEmpty())
        return;
    m_shown = shown;
    m_activeKey.clear();
    const QList<QAction *> old = m_group->actions();
    for (QAction *action : old) {
        m_group->removeAction(action);
        action->deleteLater(); // a menu may be showing it right now
    }
    for (const ProfileState &state : profiles) {
        auto *action = new QAction(dotIcon(roleFor(state)),
                                   tr("%1 — %2").arg(state.profile.name, stateText(state)), this);
        action->setCheckable(true);
        action->setChecked(state.active);
        if (state.active)
            m_activeKey = state.profile.key;
        action->setData(state.profile.key);
        action->setToolTip(state.profile.url.toDisplayString());
        action->setIconVisibleInMenu(true);
        m_group->addAction(action);
        const QString key = state.profile.key;
        connect(action, &QAction::triggered, this, [this, key] {
            // The check mark moves when the switch is made (setProfiles), not on the click.
            for (QAction *entry : m_group->actions())
                entry->setChecked(entry->data().toString() == m_activeKey);
            Q_EMIT profileRequested(key);
        });
    }
    Q_EMIT changed();
}

} // namespace Vigia

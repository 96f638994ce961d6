#pragma once

#include "ServerProfile.h"
#include "VigiaPalette.h"

#include <QObject>
#include <QStringList>

class QAction;
class QActionGroup;
class QIcon;

namespace Vigia {

// The server profiles as menu entries, one checkable action each with a dot
// of its state's colour and "name — state": File → Server and the tray
// menu each own one. Picking an entry asks for that profile.
class ProfileActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileActions)

public:
    explicit ProfileActions(QObject *parent = nullptr);

    void setProfiles(const QList<Vigia::ProfileState> &profiles);
    QList<QAction *> actions() const;

    // The colour and the word a profile's state is shown with.
    static VigiaPalette::Role roleFor(const ProfileState &state);
    static QString stateText(const ProfileState &state);
    static QIcon dotIcon(VigiaPalette::Role role);

Q_SIGNALS:
    void profileRequested(const QString &key);
    // The entries were rebuilt: menus that show them add them again.
    void changed();

private:
    QActionGroup *m_group;
    QString m_activeKey;
    QStringList m_shown; // what the entries say, to skip rebuilding them unchanged
};

} // namespace Vigia

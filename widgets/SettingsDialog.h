#pragma once

#include "ServerProfile.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace Vigia {

// File → Settings…: the alert choices and the server profiles. Edits values
// only: whoever opened it reads them back once accepted, keeps them and
// applies the rules (limits, names, keys).
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    // A profile as edited; token is empty when left unchanged.
    struct ProfileEdit
    {
        ServerProfile profile;
        QString token;
    };
    enum class Page { Alerts, Servers };

    explicit SettingsDialog(QWidget *parent = nullptr);

    void setAlerts(const AlertPreferences &preferences);
    AlertPreferences alerts() const;
    void setLinkLostRange(int minSeconds, int maxSeconds);
    // The snooze lengths offered, in minutes.
    void setSnoozeChoices(const QList<int> &minutes);
    // Without a tray, "keep running in the tray" is off, and says why.
    void setTrayAvailable(bool available);

    // The profiles, the active one (key) first selected.
    void setProfiles(const QList<ServerProfile> &profiles, const QString &activeKey);
    QList<ProfileEdit> profiles() const;
    // Where a token typed here is kept (the choice made when connecting).
    void setTokenNote(const QString &note);
    void showPage(Page page);

private:
    QWidget *createAlertsPage();
    QWidget *createServersPage();
    void showProfile(int row);
    void storeField();
    void addProfile();
    void removeProfile();

    QTabWidget *m_pages;
    QCheckBox *m_onWorse;
    QCheckBox *m_onLinkLost;
    QSpinBox *m_linkLostSeconds;
    QCheckBox *m_repeatSound;
    QCheckBox *m_closeToTray;
    QComboBox *m_snoozeMinutes;
    int m_chosenSnooze = AlertPreferences{}.snoozeMinutes;
    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_token;
    QLabel *m_tokenNote;
    QPushButton *m_remove;
    QList<ProfileEdit> m_profiles;
};

} // namespace Vigia

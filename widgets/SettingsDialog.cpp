#include "SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Vigia {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent),
      m_pages(new QTabWidget(this)),
      m_onWorse(new QCheckBox(tr("Notify me when the bot's state gets worse"), this)),
      m_onLinkLost(
              new QCheckBox(tr("Notify me when the console loses vigiad for more than"), this)),
      m_linkLostSeconds(new QSpinBox(this)),
      m_repeatSound(new QCheckBox(tr("Repeat a sound until I look"), this)),
      m_closeToTray(new QCheckBox(tr("Keep running in the tray when closed"), this)),
      m_snoozeMinutes(new QComboBox(this)),
      m_list(new QListWidget(this)),
      m_name(new QLineEdit(this)),
      m_url(new QLineEdit(this)),
      m_token(new QLineEdit(this)),
      m_tokenNote(new QLabel(this)),
      m_remove(new QPushButton(tr("Remove"), this))
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    m_pages->addTab(createAlertsPage(), tr("Alerts"));
    m_pages->addTab(createServersPage(), tr("Servers"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    layout->addWidget(buttons);
}

QWidget *SettingsDialog::createAlertsPage()
{
    auto *page = new QWidget(this);
    m_onWorse->setObjectName(QStringLiteral("alertOnWorse"));
    m_onLinkLost->setObjectName(QStringLiteral("alertOnLinkLost"));
    m_linkLostSeconds->setObjectName(QStringLiteral("linkLostSeconds"));
    m_linkLostSeconds->setSuffix(tr(" s"));
    m_repeatSound->setObjectName(QStringLiteral("repeatSound"));
    m_repeatSound->setToolTip(
            tr("Each alert also sounds, every 10 s, until you switch to this window"));
    m_closeToTray->setObjectName(QStringLiteral("closeToTray"));
    connect(m_onLinkLost, &QCheckBox::toggled, m_linkLostSeconds, &QWidget::setEnabled);
    auto *lost = new QHBoxLayout;
    lost->addWidget(m_onLinkLost);
    lost->addWidget(m_linkLostSeconds);
    lost->addStretch(1);
    m_snoozeMinutes->setObjectName(QStringLiteral("snoozeMinutes"));
    auto *snoozeLabel = new QLabel(tr("S&nooze alerts for"), page);
    snoozeLabel->setBuddy(m_snoozeMinutes);
    auto *snooze = new QHBoxLayout;
    snooze->addWidget(snoozeLabel);
    snooze->addWidget(m_snoozeMinutes);
    snooze->addStretch(1);
    auto *hint = new QLabel(tr("Snooze from the tray menu or View; a state worse than the one you "
                               "snoozed at ends the snooze."),
                            page);
    hint->setWordWrap(true);
    hint->setEnabled(false); // secondary text, in the palette's muted colour
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_onWorse);
    layout->addLayout(lost);
    layout->addWidget(m_repeatSound);
    layout->addWidget(m_closeToTray);
    layout->addLayout(snooze);
    layout->addWidget(hint);
    layout->addStretch(1);
    return page;
}

QWidget *SettingsDialog::createServersPage()
{
    auto *page = new QWidget(this);
    m_list->setObjectName(QStringLiteral("profileList"));
    m_name->setObjectName(QStringLiteral("profileName"));
    m_url->setObjectName(QStringLiteral("profileUrl"));
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:8765"));
    m_token->setObjectName(QStringLiteral("profileToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("unchanged"));
    m_tokenNote->setObjectName(QStringLiteral("tokenNote"));
    m_tokenNote->setWordWrap(true);
    m_tokenNote->setEnabled(false);
    m_remove->setObjectName(QStringLiteral("removeProfile"));
    auto *add = new QPushButton(tr("Add"), page);
    add->setObjectName(QStringLiteral("addProfile"));
    connect(add, &QPushButton::clicked, this, &SettingsDialog::addProfile);
    connect(m_remove, &QPushButton::clicked, this, &SettingsDialog::removeProfile);
    connect(m_list, &QListWidget::currentRowChanged, this, &SettingsDialog::showProfile);
    for (QLineEdit *field : {m_name, m_url, m_token})
        connect(field, &QLineEdit::textEdited, this, &SettingsDialog::storeField);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Server:"), m_url);
    form->addRow(tr("&Token:"), m_token);
    form->addRow(m_tokenNote);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addLayout(buttons);
    right->addStretch(1);
    auto *layout = new QHBoxLayout(page);
    m_list->setMinimumWidth(160);
    layout->addWidget(m_list, 2);
    layout->addLayout(right, 3);
    return page;
}

void SettingsDialog::setAlerts(const AlertPreferences &preferences)
{
    m_onWorse->setChecked(preferences.alertOnWorse);
    m_onLinkLost->setChecked(preferences.alertOnLinkLost);
    m_linkLostSeconds->setEnabled(preferences.alertOnLinkLost);
    m_linkLostSeconds->setValue(preferences.linkLostSeconds);
    m_repeatSound->setChecked(preferences.repeatSound);
    m_closeToTray->setChecked(preferences.closeToTray);
    m_chosenSnooze = preferences.snoozeMinutes;
    m_snoozeMinutes->setCurrentIndex(m_snoozeMinutes->findData(m_chosenSnooze));
}

AlertPreferences SettingsDialog::alerts() const
{
    AlertPreferences preferences;
    preferences.alertOnWorse = m_onWorse->isChecked();
    preferences.alertOnLinkLost = m_onLinkLost->isChecked();
    preferences.linkLostSeconds = m_linkLostSeconds->value();
    preferences.repeatSound = m_repeatSound->isChecked();
    preferences.closeToTray = m_closeToTray->isChecked();
    if (m_snoozeMinutes->currentIndex() >= 0)
        preferences.snoozeMinutes = m_snoozeMinutes->currentData().toInt();
    return preferences;
}

void SettingsDialog::setSnoozeChoices(const QList<int> &minutes)
{
    m_snoozeMinutes->clear();
    for (const int m : minutes)
        m_snoozeMinutes->addItem(tr("%n min", nullptr, m), m);
    m_snoozeMinutes->setCurrentIndex(m_snoozeMinutes->findData(m_chosenSnooze));
}

void SettingsDialog::setLinkLostRange(int minSeconds, int maxSeconds)
{
    m_linkLostSeconds->setRange(minSeconds, maxSeconds);
}

void SettingsDialog::setTrayAvailable(bool available)
{
    m_closeToTray->setEnabled(available);
    m_closeToTray->setToolTip(available ? tr("The tray icon brings the window back")
                                        : tr("This desktop has no system tray"));
}

void SettingsDialog::setProfiles(const QList<ServerProfile> &profiles, const QString &activeKey)
{
    m_profiles.clear();
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    int current = 0;
    for (const ServerProfile &profile : profiles) {
        if (profile.key == activeKey)
            current = int(m_profiles.size());
        m_profiles.append({profile, QString()});
        m_list->addItem(profile.name);
    }
    m_list->setCurrentRow(m_profiles.isEmpty() ? -1 : current);
    showProfile(m_list->currentRow());
}

QList<SettingsDialog::ProfileEdit> SettingsDialog::profiles() const
{
    return m_profiles;
}

void SettingsDialog::setTokenNote(const QString &note)
{
    m_tokenNote->setText(note);
}

void SettingsDialog::showPage(Page page)
{
    m_pages->setCurrentIndex(page == Page::Alerts ? 0 : 1);
}

void SettingsDialog::showProfile(int row)
{
    const bool valid = row >= 0 && row < m_profiles.size();
    for (QLineEdit *field : {m_name, m_url, m_token})
        field->setEnabled(valid);
    m_remove->setEnabled(valid && m_profiles.size() > 1);
    m_name->setText(valid ? m_profiles.at(row).profile.name : QString());
    m_url->setText(valid ? m_profiles.at(row).profile.url.toString() : QString());
    m_token->setText(valid ? m_profiles.at(row).token : QString());
}

void SettingsDialog::storeField()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_profiles.size())
        return;
    ProfileEdit &edit = m_profiles[row];
    edit.profile.name = m_name->text().trimmed();
    edit.profile.url = QUrl::fromUserInput(m_url->text().trimmed());
    edit.token = m_token->text().trimmed();
    m_list->item(row)->setText(edit.profile.name);
}

void SettingsDialog::addProfile()
{
    m_profiles.append({ServerProfile{QString(), tr("New server"), QUrl()}, QString()});
    m_list->addItem(m_profiles.constLast().profile.name);
    m_list->setCurrentRow(int(m_profiles.size() - 1));
    m_url->setFocus();
}

void SettingsDialog::removeProfile()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_profiles.size() || m_profiles.size() <= 1)
        return;
    m_profiles.removeAt(row);
    delete m_list->takeItem(row);
    showProfile(m_list->currentRow());
}

} // namespace Vigia

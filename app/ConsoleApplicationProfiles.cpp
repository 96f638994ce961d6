// The console's server profiles and its settings dialog: which profile is
// shown, switching, and keeping what the dialog edits.
#include "ConsoleApplication.h"

#include "ConsoleController.h"
#include "ConsoleSettings.h"
#include "CredentialStore.h"
#include "MainWindow.h"
#include "ProfileActions.h"
#include "ProfileWatch.h"
#include "SettingsDialog.h"
#include "TrayNotifier.h"

#include <QSystemTrayIcon>

namespace Vigia {

ServerProfile ConsoleApplication::chooseProfile(const ConsoleOptions &options)
{
    m_profiles = ConsoleSettings::profiles();
    if (options.server.isValid() && !options.server.isEmpty()) {
        if (const qsizetype i = ConsoleSettings::indexOfUrl(m_profiles, options.server); i >= 0)
            return m_profiles.at(i);
        // For this run only, unless nothing was saved yet: a first run's
        // server is the first profile.
        ServerProfile given = ConsoleSettings::newProfile(options.server);
        if (m_profiles.isEmpty()) {
            m_profiles.append(given);
            ConsoleSettings::saveProfiles(m_profiles);
            ConsoleSettings::saveActiveProfileKey(given.key);
        }
        return given;
    }
    if (const qsizetype i =
                ConsoleSettings::indexOf(m_profiles, ConsoleSettings::activeProfileKey());
        i >= 0)
        return m_profiles.at(i);
    if (!m_profiles.isEmpty())
        return m_profiles.constFirst();
    // Nothing saved: the dialog will ask, filled with the usual address.
    return ConsoleSettings::newProfile(savedServer());
}

void ConsoleApplication::setActiveProfile(const ServerProfile &profile, const QString &token)
{
    const bool changed = profile.key != m_active.key || profile.url != m_active.url;
    m_active = profile;
    m_window->setProfileName(profile.name);
    if (ConsoleSettings::indexOf(m_profiles, profile.key) >= 0) {
        ConsoleSettings::saveActiveProfileKey(profile.key);
        saveServer(profile.url); // what --check-connection uses without --server
    }
    if (changed)
        Q_EMIT activeProfileChanged(profile);
    showProfiles();
    connectActive(token);
}

void ConsoleApplication::connectActive(const QString &token)
{
    const QUrl server = m_active.url;
    if (!token.isEmpty()) {
        connectController(server, token);
        return;
    }
    m_controller->disconnectFromServer();
    // Nothing kept, or a keychain that cannot be reached: the dialog asks,
    // and explains the keychain there, not before the operator did anything.
    const QString key = m_active.key;
    m_credentials->readToken(key, server, [this, server, key](const QString &kept) {
        if (m_active.key != key || m_active.url != server)
            return; // switched again meanwhile
        if (kept.isEmpty())
            askForConnection(QString());
        else
            connectController(server, kept);
    });
}

void ConsoleApplication::switchToProfile(const QString &key)
{
    const qsizetype i = ConsoleSettings::indexOf(m_profiles, key);
    if (i < 0 || m_profiles.at(i) == m_active) {
        showProfiles(); // the menus' check mark back where it was
        return;
    }
    setActiveProfile(m_profiles.at(i));
}

QList<ProfileState> ConsoleApplication::profileStates() const
{
    QList<ServerProfile> shown = m_profiles;
    if (m_active.isValid() && ConsoleSettings::indexOf(shown, m_active.key) < 0)
        shown.prepend(m_active); // --server for this run
    QList<ProfileState> states;
    for (const ServerProfile &profile : std::as_const(shown)) {
        if (profile.key != m_active.key) {
            states.append(m_watch->state(profile.key));
            states.last().profile = profile;
            continue;
        }
        ProfileState state;
        state.profile = profile;
        state.active = true;
        switch (m_controller->link()) {
        case ConsoleController::Link::Live:
            state.link = ProfileLink::Live;
            state.status = m_controller->status();
            break;
        case ConsoleController::Link::Connecting: state.link = ProfileLink::Checking; break;
        case ConsoleController::Link::Lost:
        case ConsoleController::Link::NotConnected: state.link = ProfileLink::NoData; break;
        }
        states.append(state);
    }
    return states;
}

void ConsoleApplication::showProfiles()
{
    QList<ServerProfile> others;
    for (const ServerProfile &profile : std::as_const(m_profiles)) {
        if (profile.key != m_active.key)
            others.append(profile);
    }
    m_watch->setProfiles(others);
    const QList<ProfileState> states = profileStates();
    m_window->profileActions()->setProfiles(states);
    m_tray->profileActions()->setProfiles(states);
}

ServerProfile ConsoleApplication::profileFor(const QUrl &server) const
{
    const bool activeIsKept = ConsoleSettings::indexOf(m_profiles, m_active.key) >= 0;
    if (ConsoleSettings::indexOfUrl({m_active}, server) == 0 && activeIsKept)
        return m_active;
    if (const qsizetype i = ConsoleSettings::indexOfUrl(m_profiles, server); i >= 0)
        return m_profiles.at(i);
    // The server given on the command line for this run, or a new one.
    return ConsoleSettings::indexOfUrl({m_active}, server) == 0
            ? m_active
            : ConsoleSettings::newProfile(server);
}

void ConsoleApplication::adoptProfile(const ServerProfile &profile)
{
    saveServer(profile.url);
    if (profile.key == m_active.key && ConsoleSettings::indexOf(m_profiles, m_active.key) >= 0)
        return;
    // A server connected to through the dialog is a profile from then on.
    if (ConsoleSettings::indexOf(m_profiles, profile.key) < 0) {
        m_profiles.append(profile);
        ConsoleSettings::saveProfiles(m_profiles);
    }
    const bool changed = profile.key != m_active.key;
    m_active = profile;
    ConsoleSettings::saveActiveProfileKey(profile.key);
    m_window->setProfileName(profile.name);
    if (changed)
        Q_EMIT activeProfileChanged(profile);
    showProfiles();
}

void ConsoleApplication::openSettings()
{
    if (m_settings) {
        m_settings->raise();
        m_settings->activateWindow();
        return;
    }
    auto *dialog = new SettingsDialog(m_window);
    m_settings = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setLinkLostRange(ConsoleSettings::kMinLinkLostSeconds,
                             ConsoleSettings::kMaxLinkLostSeconds);
    dialog->setSnoozeChoices(ConsoleSettings::snoozeChoices());
    dialog->setAlerts(ConsoleSettings::alerts());
    dialog->setTrayAvailable(QSystemTrayIcon::isSystemTrayAvailable());
    QList<ServerProfile> shown = m_profiles;
    if (shown.isEmpty() && m_active.isValid())
        shown.append(m_active);
    dialog->setProfiles(shown, m_active.key);
    switch (CredentialStore::storage()) {
    case TokenStorage::Keychain:
        dialog->setTokenNote(tr("A token typed here is kept in the system keychain."));
        break;
    case TokenStorage::File:
        dialog->setTokenNote(tr("A token typed here is kept in %1, readable only by you.")
                                     .arg(CredentialStore::tokenFilePath()));
        break;
    case TokenStorage::Session:
        dialog->setTokenNote(tr("A token typed here is used until the console closes: you chose "
                                "not to keep tokens."));
        break;
    }
    connect(dialog, &QDialog::accepted, this, [this, dialog] { applySettings(dialog); });
    dialog->open();
}

void ConsoleApplication::applySettings(SettingsDialog *dialog)
{
    const AlertPreferences preferences = dialog->alerts();
    ConsoleSettings::saveAlerts(preferences);
    applyAlerts(ConsoleSettings::alerts()); // as kept: within the limits
    QList<ServerProfile> edited;
    QString activeToken;
    for (const SettingsDialog::ProfileEdit &edit : dialog->profiles()) {
        const QList<ServerProfile> kept = ConsoleSettings::normalised({edit.profile});
        if (kept.isEmpty())
            continue;
        edited.append(kept.constFirst());
        if (edit.token.isEmpty())
            continue;
        if (kept.constFirst().key == m_active.key)
            activeToken = edit.token;
        saveEditedToken(kept.constFirst(), edit.token);
    }
    if (edited.isEmpty())
        return; // the dialog keeps one; a last one without a URL is not a choice
    m_profiles = edited;
    ConsoleSettings::saveProfiles(m_profiles);
    const qsizetype active = ConsoleSettings::indexOf(m_profiles, m_active.key);
    if (active < 0 && !m_active.isValid()) {
        showProfiles();
        return;
    }
    if (active < 0) {
        // The shown profile was removed (or was this run's --server and is gone).
        setActiveProfile(m_profiles.constFirst());
        return;
    }
    const ServerProfile now = m_profiles.at(active);
    if (now.url != m_active.url || !activeToken.isEmpty()) {
        setActiveProfile(now, activeToken);
        return;
    }
    m_active = now; // a new name only
    m_window->setProfileName(now.name);
    showProfiles();
}

void ConsoleApplication::saveEditedToken(const ServerProfile &profile, const QString &token)
{
    m_credentials->saveToken(
            profile.key, profile.url, token, CredentialStore::storage(),
            [this, profile](const QString &error) {
                if (!error.isEmpty()) {
                    m_window->showMessage(
                            tr("The token for %1 could not be kept: %2").arg(profile.name, error));
                    return;
                }
                // Watched anew: its token is read again.
                m_watch->setProfiles({});
                showProfiles();
            });
}

} // namespace Vigia

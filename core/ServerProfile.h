#pragma once

#include "CommunicationStatus.h"

#include <QList>
#include <QString>
#include <QUrl>

namespace Vigia {

// One vigiad the console can watch: a name the operator chose and its URL.
// The token is kept apart (the console's CredentialStore, per URL). key is
// stable across renames and safe as a file name: what per-profile files
// (a local snapshot, say) are named after.
struct ServerProfile
{
    QString key;
    QString name;
    QUrl url;

    bool isValid() const { return !key.isEmpty() && url.isValid() && !url.isEmpty(); }
    friend bool operator==(const ServerProfile &, const ServerProfile &) = default;
};

// What the console knows of a profile's vigiad right now.
enum class ProfileLink {
    Checking, // not asked yet, or the first answer is on its way
    Live, // answered: status holds its state
    NoData, // does not answer, or refused the token
    NoToken, // no token is kept for its URL
};

struct ProfileState
{
    ServerProfile profile;
    bool active = false;
    ProfileLink link = ProfileLink::Checking;
    CommunicationStatus status; // when link is Live
};

// The console's alert choices (Settings → Alerts; some also under View).
struct AlertPreferences
{
    bool alertOnWorse = true; // desktop notification when the state gets worse
    bool alertOnLinkLost = true; // … and when the console loses vigiad for a while
    int linkLostSeconds = 30;
    bool repeatSound = false;
    bool closeToTray = false;
    // How long "Snooze alerts" holds them back (one of ConsoleSettings'
    // choices); a worse state ends a snooze sooner.
    int snoozeMinutes = 15;

    friend bool operator==(const AlertPreferences &, const AlertPreferences &) = default;
};

} // namespace Vigia

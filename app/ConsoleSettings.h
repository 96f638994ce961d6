#pragma once

#include "ServerProfile.h"

#include <QList>
#include <QUrl>

namespace Vigia {

// The console's own choices, kept in QSettings: the alert preferences and
// the server profiles. The one place that knows their keys, defaults and
// limits; the widgets only edit values.
class ConsoleSettings final
{
public:
    // Limits of "tell me when the console loses vigiad for longer than".
    static constexpr int kMinLinkLostSeconds = 5;
    static constexpr int kMaxLinkLostSeconds = 3600;
    // What "Snooze alerts for" offers, in minutes; anything else kept
    // (an edited file) reads as the default.
    static QList<int> snoozeChoices() { return {5, 15, 30, 60}; }

    static AlertPreferences alerts();
    static void saveAlerts(const AlertPreferences &preferences);
    static void saveRepeatSound(bool on);
    static void saveCloseToTray(bool on);

    // The saved profiles. When there are none yet but an older console kept
    // one server ("connection/server"), it becomes the first profile, named
    // after its host, and is saved.
    static QList<ServerProfile> profiles();
    static void saveProfiles(const QList<ServerProfile> &profiles);
    // The profile used last (its key); empty when none was chosen.
    static QString activeProfileKey();
    static void saveActiveProfileKey(const QString &key);

    // A new profile for the URL: a fresh key, named after the host unless a
    // name is given.
    static ServerProfile newProfile(const QUrl &url, const QString &name = QString());
    // Profiles as the operator edited them: nameless ones named after their
    // host, those without a usable URL left out, missing keys made.
    static QList<ServerProfile> normalised(const QList<ServerProfile> &edited);
    // The profile with this key, else the first one with this URL, else -1.
    static qsizetype indexOf(const QList<ServerProfile> &profiles, const QString &key);
    static qsizetype indexOfUrl(const QList<ServerProfile> &profiles, const QUrl &url);
};

} // namespace Vigia

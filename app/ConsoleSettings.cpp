#include "ConsoleSettings.h"

#include "ConsoleApplication.h"

#include <QSettings>
#include <QUuid>

namespace Vigia {

namespace {
const QString kAlertOnWorseKey = QStringLiteral("alerts/onWorse");
const QString kAlertOnLinkLostKey = QStringLiteral("alerts/onLinkLost");
const QString kLinkLostSecondsKey = QStringLiteral("alerts/linkLostSeconds");
const QString kRepeatSoundKey = QStringLiteral("alerts/repeatSound");
const QString kCloseToTrayKey = QStringLiteral("alerts/closeToTray");
const QString kSnoozeMinutesKey = QStringLiteral("alerts/snoozeMinutes");
const QString kProfilesKey = QStringLiteral("profiles");
const QString kActiveProfileKey = QStringLiteral("connection/activeProfile");
const QString kServerKey = QStringLiteral("connection/server");

bool sameServer(const QUrl &a, const QUrl &b)
{
    return a.adjusted(QUrl::StripTrailingSlash) == b.adjusted(QUrl::StripTrailingSlash);
}
} // namespace

AlertPreferences ConsoleSettings::alerts()
{
    const QSettings settings;
    AlertPreferences p;
    p.alertOnWorse = settings.value(kAlertOnWorseKey, p.alertOnWorse).toBool();
    p.alertOnLinkLost = settings.value(kAlertOnLinkLostKey, p.alertOnLinkLost).toBool();
    p.linkLostSeconds = qBound(kMinLinkLostSeconds,
                               settings.value(kLinkLostSecondsKey, p.linkLostSeconds).toInt(),
                               kMaxLinkLostSeconds);
    p.repeatSound = settings.value(kRepeatSoundKey, p.repeatSound).toBool();
    p.closeToTray = settings.value(kCloseToTrayKey, p.closeToTray).toBool();
    const int snooze = settings.value(kSnoozeMinutesKey, p.snoozeMinutes).toInt();
    if (snoozeChoices().contains(snooze))
        p.snoozeMinutes = snooze;
    return p;
}

void ConsoleSettings::saveAlerts(const AlertPreferences &preferences)
{
    QSettings settings;
    settings.setValue(kAlertOnWorseKey, preferences.alertOnWorse);
    settings.setValue(kAlertOnLinkLostKey, preferences.alertOnLinkLost);
    settings.setValue(
            kLinkLostSecondsKey,
            qBound(kMinLinkLostSeconds, preferences.linkLostSeconds, kMaxLinkLostSeconds));
    settings.setValue(kRepeatSoundKey, preferences.repeatSound);
    settings.setValue(kCloseToTrayKey, preferences.closeToTray);
    if (snoozeChoices().contains(preferences.snoozeMinutes))
        settings.setValue(kSnoozeMinutesKey, preferences.snoozeMinutes);
}

void ConsoleSettings::saveRepeatSound(bool on)
{
    QSettings().setValue(kRepeatSoundKey, on);
}

void ConsoleSettings::saveCloseToTray(bool on)
{
    QSettings().setValue(kCloseToTrayKey, on);
}

QList<ServerProfile> ConsoleSettings::profiles()
{
    QList<ServerProfile> list;
    {
        QSettings settings;
        const int count = settings.beginReadArray(kProfilesKey);
        for (int i = 0; i < count; ++i) {
            settings.setArrayIndex(i);
            ServerProfile profile{settings.value(QStringLiteral("key")).toString(),
                                  settings.value(QStringLiteral("name")).toString(),
                                  QUrl(settings.value(QStringLiteral("url")).toString())};
            if (profile.isValid())
                list.append(profile);
        }
        settings.endArray();
    }
    if (!list.isEmpty() || !QSettings().contains(kServerKey))
        return list;
    // The one server an older console kept: the first profile.
    const ServerProfile migrated = newProfile(ConsoleApplication::savedServer());
    list.append(migrated);
    saveProfiles(list);
    saveActiveProfileKey(migrated.key);
    return list;
}

void ConsoleSettings::saveProfiles(const QList<ServerProfile> &profiles)
{
    QSettings settings;
    settings.remove(kProfilesKey);
    settings.beginWriteArray(kProfilesKey, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("key"), profiles.at(i).key);
        settings.setValue(QStringLiteral("name"), profiles.at(i).name);
        settings.setValue(QStringLiteral("url"), profiles.at(i).url.toString());
    }
    settings.endArray();
}

QString ConsoleSettings::activeProfileKey()
{
    return QSettings().value(kActiveProfileKey).toString();
}

void ConsoleSettings::saveActiveProfileKey(const QString &key)
{
    QSettings().setValue(kActiveProfileKey, key);
}

ServerProfile ConsoleSettings::newProfile(const QUrl &url, const QString &name)
{
    const QString host = url.host().isEmpty() ? url.toDisplayString() : url.host();
    return {QUuid::createUuid().toString(QUuid::WithoutBraces),
            name.trimmed().isEmpty() ? host : name.trimmed(), url};
}

QList<ServerProfile> ConsoleSettings::normalised(const QList<ServerProfile> &edited)
{
    QList<ServerProfile> list;
    for (const ServerProfile &profile : edited) {
        if (!profile.url.isValid() || profile.url.isEmpty() || profile.url.host().isEmpty())
            continue;
        ServerProfile fresh = newProfile(profile.url, profile.name);
        if (!profile.key.isEmpty())
            fresh.key = profile.key;
        list.append(fresh);
    }
    return list;
}

qsizetype ConsoleSettings::indexOf(const QList<ServerProfile> &profiles, const QString &key)
{
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        if (profiles.at(i).key == key)
            return i;
    }
    return -1;
}

qsizetype ConsoleSettings::indexOfUrl(const QList<ServerProfile> &profiles, const QUrl &url)
{
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        if (sameServer(profiles.at(i).url, url))
            return i;
    }
    return -1;
}

} // namespace Vigia

#pragma once

#include "ServerProfile.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Vigia {

class ApiClient;
class CredentialStore;

// Keeps an eye on the profiles the console is not showing: each one's
// GET /v1/status, with that profile's own token, every interval(). Light on
// purpose: no live feed, no lists, just the state the tray menu shows.
class ProfileWatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileWatch)

public:
    static constexpr int kIntervalMs = 45 * 1000;

    explicit ProfileWatch(CredentialStore *credentials, QObject *parent = nullptr);
    ~ProfileWatch() override;

    // The profiles to watch (not the active one). Each one new, or whose
    // URL changed, has its token read again and is asked at once.
    void setProfiles(const QList<ServerProfile> &profiles);
    void setInterval(int ms) { m_timer.setInterval(ms); }
    int interval() const { return m_timer.interval(); }
    // Checking for a profile not watched.
    ProfileState state(const QString &key) const;

public Q_SLOTS:
    void checkNow();

Q_SIGNALS:
    void stateChanged(const QString &key);

private:
    struct Watched
    {
        ProfileState state;
        QPointer<ApiClient> api;
        bool tokenRead = false;
    };
    void readToken(const QString &key);
    void check(const QString &key);
    void setState(const QString &key, ProfileLink link, const CommunicationStatus &status);

    CredentialStore *m_credentials;
    QHash<QString, Watched> m_watched;
    QTimer m_timer;
};

} // namespace Vigia

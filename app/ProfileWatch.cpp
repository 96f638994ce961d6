#include "ProfileWatch.h"

#include "ApiClient.h"
#include "CredentialStore.h"

namespace Vigia {

ProfileWatch::ProfileWatch(CredentialStore *credentials, QObject *parent)
    : QObject(parent), m_credentials(credentials)
{
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ProfileWatch::checkNow);
}

ProfileWatch::~ProfileWatch() = default;

void ProfileWatch::setProfiles(const QList<ServerProfile> &profiles)
{
    QHash<QString, Watched> kept;
    QStringList fresh;
    for (const ServerProfile &profile : profiles) {
        auto found = m_watched.find(profile.key);
        if (found != m_watched.end() && found->state.profile.url == profile.url) {
            found->state.profile = profile; // a new name only
            kept.insert(profile.key, *found);
            m_watched.erase(found);
            continue;
        }
        Watched watched;
        watched.state.profile = profile;
        watched.api = new ApiClient(this);
        watched.api->setServer(profile.url);
        watched.api->setTimeout(10000);
        kept.insert(profile.key, watched);
        fresh.append(profile.key);
    }
    // What is no longer watched (now active, removed, moved) stops here.
    for (const Watched &gone : std::as_const(m_watched))
        delete gone.api;
    m_watched = kept;
    for (const QString &key : std::as_const(fresh))
        readToken(key);
    if (m_watched.isEmpty())
        m_timer.stop();
    else if (!m_timer.isActive())
        m_timer.start();
}

ProfileState ProfileWatch::state(const QString &key) const
{
    return m_watched.value(key).state;
}

void ProfileWatch::checkNow()
{
    // A check can answer at once (no token kept), and whoever listens may
    // hand the profiles over again, replacing the hash: walk a copy of its keys.
    const QStringList keys = m_watched.keys();
    for (const QString &key : keys) {
        const auto found = m_watched.constFind(key);
        if (found != m_watched.cend() && found->tokenRead)
            check(key);
    }
}

void ProfileWatch::readToken(const QString &key)
{
    const QPointer<ApiClient> api = m_watched.value(key).api;
    m_credentials->readToken(key, m_watched.value(key).state.profile.url,
                             [this, key, api](const QString &token) {
                                 // Gone, or watched anew, while the token was read.
                                 auto found = m_watched.find(key);
                                 if (!api || found == m_watched.end() || found->api != api)
                                     return;
                                 found->tokenRead = true;
                                 api->setToken(token);
                                 check(key);
                             });
}

void ProfileWatch::check(const QString &key)
{
    const QPointer<ApiClient> api = m_watched.value(key).api;
    if (!api)
        return;
    if (!api->hasToken()) {
        setState(key, ProfileLink::NoToken, {});
        return;
    }
    api->fetchStatus([this, key, api](const ApiReply<CommunicationStatus> &reply) {
        if (!api || m_watched.value(key).api != api)
            return;
        setState(key, reply.ok() ? ProfileLink::Live : ProfileLink::NoData, reply.value);
    });
}

void ProfileWatch::setState(const QString &key, ProfileLink link, const CommunicationStatus &status)
{
    auto found = m_watched.find(key);
    if (found == m_watched.end())
        return;
    found->state.link = link;
    found->state.status = status;
    Q_EMIT stateChanged(key);
}

} // namespace Vigia

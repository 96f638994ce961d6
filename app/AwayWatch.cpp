#include "AwayWatch.h"

#include "ConsoleController.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSettings>

namespace Vigia {

AwayWatch::AwayWatch(ConsoleController *controller, const Clock *clock, QObject *parent)
    : QObject(parent), m_controller(controller), m_clock(clock)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(kRetryInterval);
    connect(&m_retry, &QTimer::timeout, this, &AwayWatch::askDigest);
    connect(controller, &ConsoleController::liveChanged, this, &AwayWatch::onLive);
    connect(controller, &ConsoleController::statusChanged, this, [this] { touch(false); });
    if (QCoreApplication::instance()) {
        connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, this,
                [this] { touch(true); });
    }
}

AwayWatch::~AwayWatch()
{
    touch(true);
}

QString AwayWatch::serverGroup(const QUrl &server)
{
    // One group per server, named by its URL (encoded: QSettings keys treat
    // '/' as a separator).
    return QStringLiteral("servers/")
            + QString::fromLatin1(
                    QUrl::toPercentEncoding(server.adjusted(QUrl::StripTrailingSlash).toString())
                            .replace('%', '_'));
}

QString AwayWatch::lastSeenKey(const QUrl &server)
{
    return serverGroup(server) + QStringLiteral("/last_seen");
}

QString AwayWatch::owedSinceKey(const QUrl &server)
{
    return serverGroup(server) + QStringLiteral("/digest_owed_since");
}

QDateTime AwayWatch::owedSince(const QUrl &server)
{
    QDateTime at = QDateTime::fromString(QSettings().value(owedSinceKey(server)).toString(),
                                         Qt::ISODateWithMs);
    return at.isValid() ? at.toUTC() : QDateTime();
}

QDateTime AwayWatch::lastSeen(const QUrl &server)
{
    QDateTime at = QDateTime::fromString(QSettings().value(lastSeenKey(server)).toString(),
                                         Qt::ISODateWithMs);
    return at.isValid() ? at.toUTC() : QDateTime();
}

void AwayWatch::setLastSeen(const QUrl &server, const QDateTime &at)
{
    QSettings().setValue(lastSeenKey(server), at.toUTC().toString(Qt::ISODateWithMs));
}

QString AwayWatch::self() const
{
    return m_controller->callerName();
}

void AwayWatch::onLive(bool live)
{
    if (!live) {
        touch(true); // the last moment it was seen live
        m_server.clear();
        m_retry.stop();
        return;
    }
    m_server = m_controller->api()->server();
    const QDateTime now = m_clock->now();
    // The settings' word, else the local snapshot's time (a profile whose
    // settings are new, or were lost): both say when it was last live.
    QDateTime seen = lastSeen(m_server);
    if (!seen.isValid())
        seen = m_controller->localSnapshotTakenAt();
    const QDateTime owed = owedSince(m_server);
    setLastSeen(m_server, now);
    m_saved = now;
    if (!owed.isValid()) {
        if (!seen.isValid()
            || seen.msecsTo(now) <= std::chrono::milliseconds(kAwayThreshold).count())
            return; // the first connection, or hardly away
        // Written before asking: a failed request or a closed console still owes it.
        QSettings().setValue(owedSinceKey(m_server), seen.toUTC().toString(Qt::ISODateWithMs));
    }
    askDigest();
}

void AwayWatch::askDigest()
{
    const QDateTime since = owedSince(m_server);
    if (m_server.isEmpty() || !since.isValid())
        return;
    const QUrl server = m_server;
    m_controller->api()->digest(
            since, [self = QPointer<AwayWatch>(this), server](const ApiReply<Digest> &reply) {
                if (self)
                    self->onDigest(server, reply);
            });
}

void AwayWatch::onDigest(const QUrl &server, const ApiReply<Digest> &reply)
{
    if (server != m_server)
        return; // another server's (or none now): asked again when it is live
    if (!reply.ok() && reply.result.httpStatus != 400) {
        // vigiad did not answer (it went away again, a proxy failed): the
        // digest is still owed. A 400 will not get better by asking again.
        m_retry.start();
        return;
    }
    QSettings().remove(owedSinceKey(server));
    if (!reply.ok() || !reply.value.until.isValid() || !reply.value.hasNews(self()))
        return;
    m_digest = reply.value;
    Q_EMIT digestReady(reply.value);
}

void AwayWatch::touch(bool force)
{
    if (m_server.isEmpty())
        return;
    const QDateTime now = m_clock->now();
    if (!force && m_saved.isValid()
        && m_saved.msecsTo(now) < std::chrono::milliseconds(kSaveInterval).count())
        return;
    setLastSeen(m_server, now);
    m_saved = now;
}

} // namespace Vigia

#include "AwayWatch.h"

#include "ConsoleController.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSettings>

namespace Vigia {

AwayWatch::AwayWatch(ConsoleController *controller, const Clock *clock, QObject *parent)
    : QObject(parent), m_controller(controller), m_clock(clock)
{
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

QString AwayWatch::lastSeenKey(const QUrl &server)
{
    // One group per server, named by its URL (encoded: QSettings keys treat
    // '/' as a separator).
    const QString profile = QString::fromLatin1(
            QUrl::toPercentEncoding(server.adjusted(QUrl::StripTrailingSlash).toString())
                    .replace('%', '_'));
    return QStringLiteral("servers/%1/last_seen").arg(profile);
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
        return;
    }
    m_server = m_controller->api()->server();
    const QDateTime now = m_clock->now();
    const QDateTime seen = lastSeen(m_server);
    setLastSeen(m_server, now);
    m_saved = now;
    if (!seen.isValid() || seen.msecsTo(now) <= std::chrono::milliseconds(kAwayThreshold).count())
        return; // the first connection, or hardly away
    const QUrl server = m_server;
    m_controller->api()->digest(
            seen, [self = QPointer<AwayWatch>(this), server](const ApiReply<Digest> &reply) {
                if (self)
                    self->onDigest(server, reply);
            });
}

void AwayWatch::onDigest(const QUrl &server, const ApiReply<Digest> &reply)
{
    if (!reply.ok() || !reply.value.until.isValid() || server != m_server
        || !reply.value.hasNews(self()))
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

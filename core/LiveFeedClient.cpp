#include "LiveFeedClient.h"

#include "WireContract.h"

#include <QJsonDocument>
#include <QNetworkRequest>
#include <QUrlQuery>
#include <QWebSocket>

namespace Vigia {

LiveFeedClient::LiveFeedClient(QObject *parent) : QObject(parent)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &LiveFeedClient::openSocket);
}

LiveFeedClient::~LiveFeedClient()
{
    stop();
}

void LiveFeedClient::setServer(const QUrl &baseUrl)
{
    m_baseUrl = baseUrl;
}

void LiveFeedClient::setToken(const QString &token)
{
    m_token = token;
}

void LiveFeedClient::setReconnectDelays(int initialMs, int maxMs)
{
    m_initialDelayMs = initialMs;
    m_maxDelayMs = maxMs;
    m_currentDelayMs = initialMs;
}

void LiveFeedClient::start()
{
    if (m_running)
        return;
    m_running = true;
    m_currentDelayMs = m_initialDelayMs;
    openSocket();
}

void LiveFeedClient::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    if (m_socket) {
        QWebSocket *socket = m_socket;
        m_socket = nullptr;
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    m_connected = false;
}

void LiveFeedClient::reconnectNow()
{
    if (!m_running || m_connected)
        return;
    m_reconnectTimer.stop();
    m_currentDelayMs = m_initialDelayMs;
    openSocket();
}

void LiveFeedClient::openSocket()
{
    if (!m_running)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, [this] {
        m_connected = true;
        m_currentDelayMs = m_initialDelayMs;
        m_disconnectedSince = {};
        m_nextRetryAt = {};
        Q_EMIT connected();
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &LiveFeedClient::onTextMessage);
    connect(m_socket, &QWebSocket::disconnected, this, &LiveFeedClient::onClosed);

    QUrl url = m_baseUrl;
    url.setScheme(url.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                         : QStringLiteral("ws"));
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + QStringLiteral("/v1/live"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("since"), QString::number(m_lastSeq));
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    m_socket->open(request);
}

void LiveFeedClient::onTextMessage(const QString &message)
{
    const QJsonObject event = QJsonDocument::fromJson(message.toUtf8()).object();
    const qint64 seq = event.value(QStringLiteral("seq")).toInteger();
    const QString type = event.value(QStringLiteral("type")).toString();
    if (liveEventTypeFromName(type) == LiveEventType::Resync) {
        m_lastSeq = seq;
        Q_EMIT resyncRequired(seq);
        return;
    }
    if (seq <= m_lastSeq)
        return; // already seen before a reconnect
    m_lastSeq = seq;
    Q_EMIT eventReceived(seq, type, event.value(QStringLiteral("data")).toObject());
}

void LiveFeedClient::onClosed()
{
    const bool wasConnected = m_connected;
    m_connected = false;
    if (m_socket && m_socket->closeCode() == QWebSocketProtocol::CloseCodePolicyViolated)
        Q_EMIT authenticationFailed();
    if (!m_running)
        return;
    if (wasConnected || !m_disconnectedSince.isValid())
        m_disconnectedSince = QDateTime::currentDateTimeUtc();
    scheduleReconnect();
}

void LiveFeedClient::scheduleReconnect()
{
    m_nextRetryAt = QDateTime::currentDateTimeUtc().addMSecs(m_currentDelayMs);
    m_reconnectTimer.start(m_currentDelayMs);
    m_currentDelayMs = qMin(m_currentDelayMs * 2, m_maxDelayMs);
    Q_EMIT disconnected(m_disconnectedSince, m_nextRetryAt);
}

} // namespace Vigia

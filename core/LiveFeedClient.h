#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace Vigia {

// Keeps a WebSocket to /v1/live open, resumes from the last sequence number
// after a drop, and backs off between reconnection attempts.
class LiveFeedClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveFeedClient)

public:
    explicit LiveFeedClient(QObject *parent = nullptr);
    ~LiveFeedClient() override;

    void setServer(const QUrl &baseUrl);
    void setToken(const QString &token);
    void setReconnectDelays(int initialMs, int maxMs);

    void start();
    void stop();
    // Tries again at once instead of waiting out the backoff (started, not connected).
    void reconnectNow();

    bool isConnected() const { return m_connected; }
    qint64 lastSeq() const { return m_lastSeq; }
    void setLastSeq(qint64 seq) { m_lastSeq = seq; }
    QDateTime disconnectedSince() const { return m_disconnectedSince; }
    QDateTime nextRetryAt() const { return m_nextRetryAt; }

Q_SIGNALS:
    void connected();
    void disconnected(const QDateTime &since, const QDateTime &retryAt);
    void eventReceived(qint64 seq, const QString &type, const QJsonObject &data);
    // The server no longer has every event since lastSeq(): reload snapshots.
    void resyncRequired(qint64 seq);
    void authenticationFailed();

private:
    void openSocket();
    void onTextMessage(const QString &message);
    void onClosed();
    void scheduleReconnect();

    QWebSocket *m_socket = nullptr;
    QTimer m_reconnectTimer;
    QUrl m_baseUrl;
    QString m_token;
    qint64 m_lastSeq = 0;
    bool m_running = false;
    bool m_connected = false;
    int m_initialDelayMs = 500;
    int m_maxDelayMs = 30000;
    int m_currentDelayMs = 500;
    QDateTime m_disconnectedSince;
    QDateTime m_nextRetryAt;
};

} // namespace Vigia

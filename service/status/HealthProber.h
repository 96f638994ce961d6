#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace Vigia {

struct ProbeResult
{
    bool passed = false;
    QString status; // WAHA session status, when it answered
    QString error; // why it failed
    int latencyMs = -1;
    QString source; // "probe" or "webhook"
    QJsonObject toJson() const;
};

// Asks WAHA for the session's status every interval: WORKING passes,
// anything else (another status, an error, silence) fails.
class HealthProber final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthProber)

public:
    HealthProber(QNetworkAccessManager *network, const QUrl &wahaUrl, const QString &session,
                 const QString &apiKey, int intervalMs, int timeoutMs, QObject *parent = nullptr);

    void start();
    // Probes now; done (if given) gets this probe's result.
    void probeNow(const std::function<void(const ProbeResult &)> &done = {});
    // WAHA pushed a failure (a session.status webhook): check it now instead
    // of at the next interval, so the health signal follows within the probe
    // timeout either way. One probe at a time: a burst of pushed failures
    // does not become a burst of probes. Nothing when probing is off.
    void confirm();
    int intervalMs() const { return m_intervalMs; }
    int timeoutMs() const { return m_timeoutMs; }

Q_SIGNALS:
    void probed(const Vigia::ProbeResult &result);

private:
    QNetworkAccessManager *m_network;
    QUrl m_url;
    QByteArray m_apiKey;
    int m_intervalMs;
    int m_timeoutMs;
    QTimer m_timer;
    int m_running = 0; // probes sent and not answered yet
};

} // namespace Vigia

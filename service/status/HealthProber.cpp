#include "HealthProber.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>

namespace Vigia {

QJsonObject ProbeResult::toJson() const
{
    return {{QStringLiteral("ok"), passed},
            {QStringLiteral("status"),
             status.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(status)},
            {QStringLiteral("error"),
             error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(error)},
            {QStringLiteral("latency_ms"),
             latencyMs < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(latencyMs)},
            {QStringLiteral("source"), source}};
}

HealthProber::HealthProber(QNetworkAccessManager *network, const QUrl &wahaUrl,
                           const QString &session, const QString &apiKey, int intervalMs,
                           int timeoutMs, QObject *parent)
    : QObject(parent),
      m_network(network),
      m_url(wahaUrl),
      m_apiKey(apiKey.toUtf8()),
      m_intervalMs(intervalMs),
      m_timeoutMs(timeoutMs)
{
    m_url.setPath(m_url.path().chopped(m_url.path().endsWith(u'/') ? 1 : 0)
                  + QStringLiteral("/api/sessions/")
                  + QString::fromLatin1(QUrl::toPercentEncoding(session)));
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { probeNow(); });
}

void HealthProber::start()
{
    if (m_intervalMs <= 0)
        return; // probing disabled in the configuration
    m_timer.start();
    probeNow();
}

void HealthProber::confirm()
{
    if (m_intervalMs <= 0 || m_running > 0)
        return;
    probeNow();
}

void HealthProber::probeNow(const std::function<void(const ProbeResult &)> &done)
{
    QNetworkRequest request(m_url);
    request.setTransferTimeout(m_timeoutMs);
    // A redirect could take the API key to a host nobody configured.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!m_apiKey.isEmpty())
        request.setRawHeader("X-Api-Key", m_apiKey);
    QElapsedTimer elapsed; // a value: nothing to free if the reply never finishes
    elapsed.start();
    QNetworkReply *reply = m_network->get(request);
    ++m_running;
    QTimer::singleShot(m_timeoutMs, reply, [reply] {
        if (reply->isRunning())
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, elapsed, done] {
        reply->deleteLater();
        --m_running;
        ProbeResult r;
        r.source = QStringLiteral("probe");
        r.latencyMs = int(elapsed.elapsed());
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            r.error = reply->error() == QNetworkReply::OperationCanceledError
                            || reply->error() == QNetworkReply::TimeoutError
                    ? QStringLiteral("WAHA did not answer within %1 ms").arg(m_timeoutMs)
                    : QStringLiteral("WAHA unreachable: %1").arg(reply->errorString());
        } else if (status >= 300 && status < 400) {
            r.error = QStringLiteral("WAHA answered %1, a redirect: vigiad does not follow "
                                     "redirects; check waha/url")
                              .arg(status);
        } else if (status != 200) {
            r.error = QStringLiteral("WAHA answered %1 to the session status request").arg(status);
        } else {
            r.status = QJsonDocument::fromJson(reply->readAll())
                               .object()
                               .value(QStringLiteral("status"))
                               .toString();
            // Unknown future values simply do not count as WORKING.
            r.passed = r.status == QLatin1String("WORKING");
            if (!r.passed)
                r.error = QStringLiteral("WhatsApp session is %1, not WORKING")
                                  .arg(r.status.isEmpty() ? QStringLiteral("unknown") : r.status);
        }
        Q_EMIT probed(r);
        if (done)
            done(r);
    });
}

} // namespace Vigia

#include "OperatorActions.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QTimer>

namespace Vigia {

QJsonObject ActionResult::toJson() const
{
    QJsonObject json{{QStringLiteral("ok"), ok}};
    if (exitCode >= 0)
        json.insert(QStringLiteral("exit_code"), exitCode);
    if (httpStatus > 0)
        json.insert(QStringLiteral("http_status"), httpStatus);
    if (!output.isEmpty())
        json.insert(QStringLiteral("output"), output);
    if (!error.isEmpty())
        json.insert(QStringLiteral("error"), error);
    return json;
}

OperatorActions::OperatorActions(QNetworkAccessManager *network, const Config &config,
                                 QObject *parent)
    : QObject(parent), m_network(network), m_config(config)
{ }

void OperatorActions::restartBot(std::function<void(const ActionResult &)> done)
{
    if (!m_config.botRestartCommand.isEmpty()) {
        auto *process = new QProcess(this);
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->setProgram(m_config.botRestartCommand.constFirst());
        process->setArguments(m_config.botRestartCommand.mid(1));
        auto *timer = new QTimer(process);
        timer->setSingleShot(true);
        auto timedOut = std::make_shared<bool>(false);
        connect(timer, &QTimer::timeout, process, [process, timedOut] {
            *timedOut = true;
            process->kill();
        });
        auto finish = [process, done = std::move(done), timedOut,
                       timeoutMs = m_config.timeoutMs](const QString &startError) {
            ActionResult r;
            const QByteArray output = process->readAll();
            r.output = QString::fromUtf8(output.right(2000)).trimmed();
            if (!startError.isEmpty()) {
                r.error = startError;
            } else if (*timedOut) {
                r.error = QStringLiteral(
                                  "the restart command did not finish within %1 ms and was stopped")
                                  .arg(timeoutMs);
            } else if (process->exitStatus() == QProcess::CrashExit) {
                r.error = QStringLiteral("the restart command crashed");
            } else {
                r.exitCode = process->exitCode();
                r.ok = r.exitCode == 0;
                if (!r.ok)
                    r.error = QStringLiteral("the restart command exited with status %1")
                                      .arg(r.exitCode);
            }
            process->deleteLater();
            done(r);
        };
        connect(process, &QProcess::finished, this, [finish] { finish(QString()); });
        connect(process, &QProcess::errorOccurred, this,
                [process, finish](QProcess::ProcessError error) {
                    if (error == QProcess::FailedToStart)
                        finish(QStringLiteral("cannot run %1: %2")
                                       .arg(process->program(), process->errorString()));
                });
        timer->start(m_config.timeoutMs);
        process->start();
        return;
    }
    if (m_config.botRestartUrl.isValid()) {
        post(m_config.botRestartUrl, {}, std::move(done));
        return;
    }
    ActionResult r;
    r.configured = false;
    r.error = QStringLiteral(
            "no bot restart action is configured (actions/bot_restart or actions/bot_restart_url)");
    done(r);
}

void OperatorActions::restartGateway(std::function<void(const ActionResult &)> done)
{
    QUrl url = m_config.wahaUrl;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0)
                + QStringLiteral("/api/sessions/")
                + QString::fromLatin1(QUrl::toPercentEncoding(m_config.wahaSession))
                + QStringLiteral("/restart"));
    QList<QPair<QByteArray, QByteArray>> headers;
    if (!m_config.wahaApiKey.isEmpty())
        headers.append({QByteArrayLiteral("X-Api-Key"), m_config.wahaApiKey.toUtf8()});
    post(url, headers, std::move(done));
}

void OperatorActions::post(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers,
                           std::function<void(const ActionResult &)> done)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_config.timeoutMs);
    // A redirect could take the API key to a host nobody configured.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network->post(request, QByteArrayLiteral("{}"));
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        ActionResult r;
        r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.ok = r.httpStatus >= 200 && r.httpStatus < 300;
        if (r.httpStatus == 0)
            r.error = QStringLiteral("unreachable: %1").arg(reply->errorString());
        else if (r.httpStatus >= 300 && r.httpStatus < 400)
            r.error = QStringLiteral("answered %1, a redirect: vigiad does not follow redirects")
                              .arg(r.httpStatus);
        else if (!r.ok)
            r.error = QStringLiteral("answered %1: %2")
                              .arg(r.httpStatus)
                              .arg(QString::fromUtf8(reply->readAll().left(300)).simplified());
        done(r);
    });
}

} // namespace Vigia

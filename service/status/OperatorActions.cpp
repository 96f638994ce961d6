#include "OperatorActions.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <csignal>
#include <memory>

#include <sys/types.h>
#include <unistd.h>

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

namespace {

// The tail of a command's output, bounded while it is read.
class OutputTail final
{
public:
    void append(const QByteArray &bytes)
    {
        m_bytes.append(bytes);
        if (m_bytes.size() > OperatorActions::kOutputCapBytes) {
            m_bytes.remove(0, m_bytes.size() - OperatorActions::kOutputCapBytes);
            m_truncated = true;
        }
    }
    QString text() const
    {
        QByteArrayView tail(m_bytes);
        // The cut may fall inside a UTF-8 sequence: start at the next character.
        while (m_truncated && !tail.isEmpty() && (quint8(tail.front()) & 0xC0) == 0x80)
            tail = tail.sliced(1);
        const QString text = QString::fromUtf8(tail).trimmed();
        return m_truncated ? QStringLiteral("[truncated]\n") + text : text;
    }

private:
    QByteArray m_bytes;
    bool m_truncated = false;
};

const QString kBotRestart = QStringLiteral("the bot restart");
const QString kGatewayRestart = QStringLiteral("the gateway restart");

} // namespace

OperatorActions::OperatorActions(QNetworkAccessManager *network, const Config &config,
                                 QObject *parent)
    : QObject(parent), m_network(network), m_config(config)
{ }

OperatorActions::~OperatorActions()
{
    // QProcess's own destructor would stop only the direct child.
    killCommandGroup();
}

QProcessEnvironment OperatorActions::commandEnvironment(const QProcessEnvironment &from)
{
    static const char *const kPassed[] = {"PATH", "HOME",   "USER", "LOGNAME",
                                          "LANG", "LC_ALL", "TZ",   "XDG_RUNTIME_DIR"};
    QProcessEnvironment env;
    for (const char *name : kPassed) {
        const QString key = QString::fromLatin1(name);
        if (from.contains(key))
            env.insert(key, from.value(key));
    }
    if (!env.contains(QStringLiteral("PATH")))
        env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin"));
    return env;
}

bool OperatorActions::claim(const QString &action, std::function<void(const ActionResult &)> &done)
{
    if (!m_running.isEmpty()) {
        ActionResult r;
        r.busy = true;
        r.error = QStringLiteral("%1 is still running; try again when it has finished")
                          .arg(m_running);
        done(r);
        return false;
    }
    m_running = action;
    done = [this, done = std::move(done)](const ActionResult &r) {
        m_running.clear();
        done(r);
    };
    return true;
}

void OperatorActions::killCommandGroup()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    // The command leads its own process group (setsid below), so this also
    // reaches whatever it started; a pid of 0 or 1 would hit the wrong group.
    const auto pid = pid_t(m_process->processId());
    if (pid > 1)
        ::kill(-pid, SIGKILL);
}

void OperatorActions::restartBot(std::function<void(const ActionResult &)> done)
{
    if (!m_config.botRestartCommand.isEmpty()) {
        if (claim(kBotRestart, done))
            runCommand(std::move(done));
        return;
    }
    if (m_config.botRestartUrl.isValid()) {
        if (claim(kBotRestart, done))
            post(m_config.botRestartUrl, {}, std::move(done));
        return;
    }
    ActionResult r;
    r.configured = false;
    r.error = QStringLiteral(
            "no bot restart action is configured (actions/bot_restart or actions/bot_restart_url)");
    done(r);
}

void OperatorActions::runCommand(std::function<void(const ActionResult &)> done)
{
    auto *process = new QProcess(this);
    m_process = process;
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setProgram(m_config.botRestartCommand.constFirst());
    process->setArguments(m_config.botRestartCommand.mid(1));
    process->setProcessEnvironment(commandEnvironment(QProcessEnvironment::systemEnvironment()));
    // A session (and process group) of its own, so a timeout can stop
    // everything the command started, not only the command.
    process->setChildProcessModifier([] { ::setsid(); });
    auto output = std::make_shared<OutputTail>();
    connect(process, &QProcess::readyReadStandardOutput, this,
            [process, output] { output->append(process->readAllStandardOutput()); });
    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    auto timedOut = std::make_shared<bool>(false);
    connect(timer, &QTimer::timeout, this, [this, timedOut] {
        *timedOut = true;
        killCommandGroup();
    });
    auto finish = [process, output, done = std::move(done), timedOut,
                   timeoutMs = m_config.timeoutMs](const QString &startError) {
        output->append(process->readAllStandardOutput());
        ActionResult r;
        r.output = output->text();
        if (!startError.isEmpty()) {
            r.error = startError;
        } else if (*timedOut) {
            r.error = QStringLiteral("the restart command did not finish within %1 ms and was "
                                     "stopped with every process it started")
                              .arg(timeoutMs);
        } else if (process->exitStatus() == QProcess::CrashExit) {
            r.error = QStringLiteral("the restart command crashed");
        } else {
            r.exitCode = process->exitCode();
            r.ok = r.exitCode == 0;
            if (!r.ok)
                r.error =
                        QStringLiteral("the restart command exited with status %1").arg(r.exitCode);
        }
        process->disconnect();
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
}

void OperatorActions::restartGateway(std::function<void(const ActionResult &)> done)
{
    if (m_config.wahaUrl.isEmpty()) {
        // waha/enabled = false: there is no WhatsApp gateway to restart.
        ActionResult r;
        r.configured = false;
        r.error = QStringLiteral("WhatsApp is off (waha/enabled = false): no gateway to restart");
        done(r);
        return;
    }
    if (!claim(kGatewayRestart, done))
        return;
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

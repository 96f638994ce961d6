#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QProcess;

namespace Vigia {

struct ActionResult
{
    bool ok = false;
    bool configured = true;
    bool busy = false; // refused: another action was still running
    int exitCode = -1; // command actions
    int httpStatus = 0; // HTTP actions
    QString output; // the tail of what the command printed, at most kOutputCapBytes
    QString error;
    QJsonObject toJson() const;
};

// The restart buttons. The bot restart is an argv list run without a shell
// (nothing an operator or a request sends can become shell syntax) or an
// HTTP call; the gateway restart is WAHA's session restart. One action runs at
// a time: another asked for meanwhile is refused (busy), never queued or run
// beside it.
class OperatorActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OperatorActions)

public:
    struct Config
    {
        QStringList botRestartCommand;
        QUrl botRestartUrl;
        int timeoutMs = 30000;
        QUrl wahaUrl;
        QString wahaSession;
        QString wahaApiKey;
    };

    // The command's output kept for the result (its tail); older bytes are
    // dropped as they arrive, so a chatty command cannot grow vigiad's memory.
    static constexpr qsizetype kOutputCapBytes = qsizetype(64) * 1024;

    OperatorActions(QNetworkAccessManager *network, const Config &config,
                    QObject *parent = nullptr);
    ~OperatorActions() override;

    void restartBot(std::function<void(const ActionResult &)> done);
    void restartGateway(std::function<void(const ActionResult &)> done);

    // What is running now ("the bot restart"), empty when nothing is.
    QString running() const { return m_running; }

    // The restart command's environment: only what a command needs to run
    // (PATH, HOME, user, locale, time zone, XDG_RUNTIME_DIR), never vigiad's
    // own configuration or secrets.
    static QProcessEnvironment commandEnvironment(const QProcessEnvironment &from);

private:
    // False (done called with a busy result) while another action runs.
    bool claim(const QString &action, std::function<void(const ActionResult &)> &done);
    void runCommand(std::function<void(const ActionResult &)> done);
    void killCommandGroup();
    void post(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers,
              std::function<void(const ActionResult &)> done);

    QNetworkAccessManager *m_network;
    Config m_config;
    QString m_running;
    QPointer<QProcess> m_process;
};

} // namespace Vigia

#pragma once

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace Vigia {

struct ActionResult
{
    bool ok = false;
    bool configured = true;
    int exitCode = -1; // command actions
    int httpStatus = 0; // HTTP actions
    QString output; // the tail of what the command printed
    QString error;
    QJsonObject toJson() const;
};

// The restart buttons. The bot restart is an argv list run without a shell
// (nothing an operator or a request sends can become shell syntax) or an
// HTTP call; the gateway restart is WAHA's session restart.
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

    OperatorActions(QNetworkAccessManager *network, const Config &config,
                    QObject *parent = nullptr);

    void restartBot(std::function<void(const ActionResult &)> done);
    void restartGateway(std::function<void(const ActionResult &)> done);

private:
    void post(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers,
              std::function<void(const ActionResult &)> done);

    QNetworkAccessManager *m_network;
    Config m_config;
};

} // namespace Vigia

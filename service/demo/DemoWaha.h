#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>
#include <QUrl>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponse;
class QNetworkAccessManager;

namespace Vigia {

// The WhatsApp gateway of `vigiad --demo`: speaks enough of WAHA's HTTP API
// on a loopback port for vigiad's gateway, prober and operator actions, and
// plays WAHA calling back (signed message.ack and session.status webhooks).
// It is no test double: it has one switch, up or down, which the demo flips
// on a cycle so the console shows an outage and its recovery.
//   POST /api/sendText                 201 with a message id while up; 422
//                                      (session not WORKING) while down
//   GET  /api/sessions/<name>          WORKING while up, FAILED while down
//   POST /api/sessions/<name>/restart  brings it up (an operator's restart works)
//   GET  /ping                         pong
class DemoWaha final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoWaha)

public:
    explicit DemoWaha(QObject *parent = nullptr);
    ~DemoWaha() override;

    // Listens on 127.0.0.1 (a free port); false with *error when it cannot.
    bool listen(QString *error);
    quint16 port() const { return m_port; }
    QUrl url() const;

    // Where vigiad takes WAHA's webhooks, and the key they are signed with.
    void setWebhook(const QUrl &url, const QByteArray &hmacKey);
    // Numbers WhatsApp does not know: sends to them are refused for good, so
    // the demo has failures of one recipient while the gateway works.
    void addUnregistered(const QString &chatId) { m_unregistered.insert(chatId); }

    bool isUp() const { return m_up; }
    void setUp(bool up);
    int sentCount() const { return m_sent; }

Q_SIGNALS:
    void upChanged(bool up);

private:
    QHttpServerResponse sendText(const QHttpServerRequest &request);
    QHttpServerResponse sessionStatus(const QString &name) const;
    QString sessionState() const;
    void postWebhook(const QString &event, const QJsonObject &payload);

    QHttpServer *m_server;
    QNetworkAccessManager *m_network;
    quint16 m_port = 0;
    QUrl m_webhook;
    QByteArray m_hmacKey;
    QSet<QString> m_unregistered;
    bool m_up = true;
    int m_sent = 0;
    quint64 m_eventSerial = 0;
};

} // namespace Vigia

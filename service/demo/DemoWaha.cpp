#include "DemoWaha.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTimer>

namespace Vigia {

namespace {

using StatusCode = QHttpServerResponse::StatusCode;

const QString kSession = QStringLiteral("default");

// whatsapp-web.js serialises ids as fromMe_chatId_key, the key uppercase hex.
QString messageId(const QString &chatId)
{
    return QStringLiteral("true_%1_%2")
            .arg(chatId,
                 QString::number(QRandomGenerator::global()->generate64(), 16)
                         .rightJustified(16, u'0')
                         .toUpper());
}

} // namespace

DemoWaha::DemoWaha(QObject *parent)
    : QObject(parent), m_server(new QHttpServer(this)), m_network(new QNetworkAccessManager(this))
{
    m_server->route(QStringLiteral("/api/sendText"), QHttpServerRequest::Method::Post,
                    [this](const QHttpServerRequest &request) { return sendText(request); });
    m_server->route(QStringLiteral("/api/sessions/<arg>"), QHttpServerRequest::Method::Get,
                    [this](const QString &name) { return sessionStatus(name); });
    m_server->route(QStringLiteral("/api/sessions/<arg>/restart"), QHttpServerRequest::Method::Post,
                    [this](const QString &name) {
                        if (name != kSession)
                            return sessionStatus(name);
                        // An operator's "Restart gateway" works in the demo:
                        // the session comes back at once.
                        setUp(true);
                        return QHttpServerResponse(
                                QJsonObject{{QStringLiteral("name"), name},
                                            {QStringLiteral("status"), QStringLiteral("STARTING")}},
                                StatusCode::Created);
                    });
    m_server->route(QStringLiteral("/ping"), QHttpServerRequest::Method::Get, [] {
        return QHttpServerResponse(
                QJsonObject{{QStringLiteral("message"), QStringLiteral("pong")}});
    });
}

DemoWaha::~DemoWaha() = default;

bool DemoWaha::listen(QString *error)
{
    m_port = m_server->listen(QHostAddress::LocalHost, 0);
    if (m_port == 0) {
        *error = QStringLiteral("the demo WhatsApp gateway cannot listen on 127.0.0.1");
        return false;
    }
    return true;
}

QUrl DemoWaha::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void DemoWaha::setWebhook(const QUrl &url, const QByteArray &hmacKey)
{
    m_webhook = url;
    m_hmacKey = hmacKey;
}

void DemoWaha::setUp(bool up)
{
    if (up == m_up)
        return;
    m_up = up;
    // WAHA pushes the session's new status; vigiad then probes to confirm.
    postWebhook(QStringLiteral("session.status"), {{QStringLiteral("status"), sessionState()}});
    Q_EMIT upChanged(up);
}

QString DemoWaha::sessionState() const
{
    return m_up ? QStringLiteral("WORKING") : QStringLiteral("FAILED");
}

QHttpServerResponse DemoWaha::sessionStatus(const QString &name) const
{
    if (name != kSession) {
        return QHttpServerResponse(
                QJsonObject{{QStringLiteral("statusCode"), 404},
                            {QStringLiteral("message"),
                             QStringLiteral("Session \"%1\" does not exist").arg(name)}},
                StatusCode::NotFound);
    }
    return QHttpServerResponse(QJsonObject{{QStringLiteral("name"), kSession},
                                           {QStringLiteral("status"), sessionState()}});
}

QHttpServerResponse DemoWaha::sendText(const QHttpServerRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    const QString chatId = body.value(QStringLiteral("chatId")).toString();
    if (!m_up) {
        return QHttpServerResponse(
                QJsonObject{{QStringLiteral("error"),
                             QStringLiteral("Session status is not as expected. Try again later "
                                            "or restart the session")},
                            {QStringLiteral("session"), kSession},
                            {QStringLiteral("status"), sessionState()},
                            {QStringLiteral("expected"), QJsonArray{QStringLiteral("WORKING")}}},
                StatusCode::UnprocessableEntity);
    }
    if (m_unregistered.contains(chatId)) {
        return QHttpServerResponse(
                QJsonObject{{QStringLiteral("statusCode"), 400},
                            {QStringLiteral("message"),
                             QStringLiteral("The number %1 is not registered on WhatsApp")
                                     .arg(chatId)}},
                StatusCode::BadRequest);
    }
    ++m_sent;
    const QString id = messageId(chatId);
    // The phone receives it a moment later: WAHA's ack webhook says so.
    QTimer::singleShot(300, this, [this, id] {
        postWebhook(QStringLiteral("message.ack"),
                    {{QStringLiteral("id"), id}, {QStringLiteral("ack"), 2}});
    });
    return QHttpServerResponse(
            QJsonObject{{QStringLiteral("id"), id},
                        {QStringLiteral("timestamp"), QDateTime::currentSecsSinceEpoch()},
                        {QStringLiteral("fromMe"), true},
                        {QStringLiteral("to"), chatId}},
            StatusCode::Created);
}

void DemoWaha::postWebhook(const QString &event, const QJsonObject &payload)
{
    if (!m_webhook.isValid())
        return;
    const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("id"),
                                       QStringLiteral("evt_demo_%1").arg(++m_eventSerial)},
                                      {QStringLiteral("timestamp"),
                                       double(QDateTime::currentMSecsSinceEpoch())},
                                      {QStringLiteral("event"), event},
                                      {QStringLiteral("session"), kSession},
                                      {QStringLiteral("payload"), payload}})
                    .toJson(QJsonDocument::Compact);
    QNetworkRequest request(m_webhook);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_hmacKey.isEmpty()) {
        request.setRawHeader(
                "X-Webhook-Hmac",
                QMessageAuthenticationCode::hash(body, m_hmacKey, QCryptographicHash::Sha512)
                        .toHex());
    }
    QNetworkReply *reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

} // namespace Vigia

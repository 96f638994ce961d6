#include "GatewayDouble.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace Vigia {

// Qt 6.4's responder keeps a raw socket pointer and a reference to a request
// that dies with the socket, so a held responder may only be touched while the
// socket it was made for is provably alive.
struct GatewayDouble::HungRequest
{
    QPointer<QTcpSocket> socket;
    QHttpServerResponder responder;
    Reply release;
};

GatewayDouble::GatewayDouble(QObject *parent)
    : QObject(parent), m_server(new QHttpServer(this)), m_tcpServer(new QTcpServer(m_server))
{
    m_server->setMissingHandler([this](const QHttpServerRequest &request,
                                       QHttpServerResponder &&responder) {
        respond(responder,
                jsonReply(QHttpServerResponder::StatusCode::NotFound, notFoundBody(request)));
    });
}

GatewayDouble::~GatewayDouble()
{
    // The sockets die with m_server right after this; flushing in
    // releaseHungRequests() puts the 500s in the kernel's hands first, so a
    // client still waiting gets an answer instead of a reset.
    releaseHungRequests();
    delete m_server;
    m_server = nullptr;
    m_tcpServer = nullptr;
}

bool GatewayDouble::start()
{
    if (m_tcpServer->isListening())
        return true;
    if (!m_tcpServer->listen(QHostAddress(QHostAddress::LocalHost), m_port)) {
        qWarning("GatewayDouble: cannot listen on 127.0.0.1:%u: %ls", unsigned(m_port),
                 qUtf16Printable(m_tcpServer->errorString()));
        return false;
    }
    m_port = m_tcpServer->serverPort();
    // Qt 6.4's bind() warns unless the server is already listening.
    if (!m_bound) {
        m_server->bind(m_tcpServer);
        m_bound = true;
    }
    // The port is reserved now, so a later setMode() can come back to it.
    if (m_mode == Mode::Refuse)
        stopListening();
    return true;
}

bool GatewayDouble::isListening() const
{
    return m_tcpServer->isListening();
}

QUrl GatewayDouble::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    return url;
}

void GatewayDouble::setMode(Mode mode)
{
    m_mode = mode;
    if (m_port == 0)
        return; // start() will apply it
    if (mode == Mode::Refuse)
        stopListening();
    else
        listenAgain();
}

void GatewayDouble::setScript(const QList<Mode> &modes)
{
    m_script = modes;
}

QByteArray GatewayDouble::lastRequestHeader(const QByteArray &name) const
{
    for (const auto &header : m_lastHeaders) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

int GatewayDouble::openConnectionCount() const
{
    const auto sockets = m_tcpServer->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    return int(std::count_if(sockets.cbegin(), sockets.cend(), [](const QTcpSocket *socket) {
        return socket->state() == QAbstractSocket::ConnectedState;
    }));
}

int GatewayDouble::hungRequestCount() const
{
    return int(m_hung.size());
}

void GatewayDouble::releaseHungRequests()
{
    std::vector<HungRequest> hung = std::exchange(m_hung, {});
    for (HungRequest &request : hung) {
        if (!request.socket || request.socket->state() != QAbstractSocket::ConnectedState)
            continue; // the client gave up; its socket may already be gone
        respond(request.responder, request.release);
        request.socket->flush();
    }
}

void GatewayDouble::handleSend(const QHttpServerRequest &request, QHttpServerResponder &&responder,
                               const SendAnswer &answer)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    ++m_requestCount;
    m_lastUrl = request.url();
    m_lastHeaders = request.headers();
    const Mode mode = takeMode();
    Q_EMIT requestReceived(body);

    if (mode == Mode::Hang) {
        hang(responder);
        return;
    }
    if (mode == Mode::Refuse) {
        if (QTcpSocket *socket = responder.socket())
            socket->abort();
        return;
    }
    const Reply reply = answer(mode, body);
    respond(responder, reply);
    // Recorded even if the client vanished meanwhile: the gateway would
    // still have delivered the message, which is what duplicate tests need.
    if (reply.accepted) {
        if (m_recordAccepted)
            m_accepted.append(body);
        Q_EMIT sendAccepted(body);
    }
}

bool GatewayDouble::interceptProbe(QHttpServerResponder &responder)
{
    switch (m_mode) {
    case Mode::Hang: hang(responder); return true;
    case Mode::ServerError: respond(responder, serverErrorReply()); return true;
    default: return false;
    }
}

void GatewayDouble::respond(QHttpServerResponder &responder, const Reply &reply) const
{
    // A slot on requestReceived may have switched to Refuse, which aborts
    // every connection including this one.
    const QTcpSocket *socket = responder.socket();
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;

    responder.writeStatusLine(reply.status);
    for (const auto &header : reply.headers)
        responder.writeHeader(header.first, header.second);
    if (reply.status == QHttpServerResponder::StatusCode::NoContent) {
        // RFC 9110 forbids both a body and Content-Length on a 204.
        responder.writeBody(QByteArray());
        return;
    }
    const QByteArray json = QJsonDocument(reply.body).toJson(QJsonDocument::Compact);
    responder.writeHeader("Content-Type"_ba, "application/json"_ba);
    responder.writeHeader("Content-Length"_ba, QByteArray::number(json.size()));
    responder.writeBody(json);
}

GatewayDouble::Reply GatewayDouble::jsonReply(QHttpServerResponder::StatusCode status,
                                              const QJsonObject &body)
{
    Reply reply;
    reply.status = status;
    reply.body = body;
    return reply;
}

QByteArray GatewayDouble::headerValue(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

QJsonObject GatewayDouble::notFoundBody(const QHttpServerRequest &) const
{
    return QJsonObject{{u"message"_s, u"Not Found"_s}};
}

GatewayDouble::Mode GatewayDouble::takeMode()
{
    return m_script.isEmpty() ? m_mode : m_script.takeFirst();
}

void GatewayDouble::hang(QHttpServerResponder &responder)
{
    Reply release = serverErrorReply();
    release.status = QHttpServerResponder::StatusCode::InternalServerError;
    m_hung.push_back(HungRequest{responder.socket(), std::move(responder), release});
}

void GatewayDouble::stopListening()
{
    m_tcpServer->close();
    // QNetworkAccessManager reuses keep-alive connections, which would slip
    // past a closed listener; a gateway that went down takes them with it.
    const auto sockets = m_tcpServer->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    for (QTcpSocket *socket : sockets)
        socket->abort();
}

void GatewayDouble::listenAgain()
{
    if (m_tcpServer->isListening())
        return;
    if (!m_tcpServer->listen(QHostAddress(QHostAddress::LocalHost), m_port)) {
        qWarning("GatewayDouble: cannot listen again on 127.0.0.1:%u: %ls", unsigned(m_port),
                 qUtf16Printable(m_tcpServer->errorString()));
    }
}

} // namespace Vigia

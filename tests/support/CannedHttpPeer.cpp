#include "CannedHttpPeer.h"

#include <QTcpSocket>

namespace Vigia::TestSupport {

CannedHttpPeer::CannedHttpPeer(QObject *parent) : QObject(parent)
{
    setAnswer(200, {}, QByteArrayLiteral("{}"));
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection())
            serve(socket);
    });
}

bool CannedHttpPeer::start()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl CannedHttpPeer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    return url;
}

void CannedHttpPeer::setAnswer(int status, const QList<QPair<QByteArray, QByteArray>> &headers,
                               const QByteArray &body)
{
    m_answer = "HTTP/1.1 " + QByteArray::number(status) + " Canned\r\n";
    for (const auto &[name, value] : headers)
        m_answer += name + ": " + value + "\r\n";
    m_answer += "Content-Length: " + QByteArray::number(body.size())
            + "\r\nConnection: close\r\n\r\n" + body;
}

void CannedHttpPeer::serve(QTcpSocket *socket)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
        // Answer once the head is in; the body (if any) is not needed.
        if (socket->property("answered").toBool() || !socket->peek(1 << 16).contains("\r\n\r\n"))
            return;
        socket->setProperty("answered", true);
        ++m_requests;
        socket->write(m_answer);
        socket->disconnectFromHost();
    });
}

} // namespace Vigia::TestSupport

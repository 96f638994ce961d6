#include "HttpListener.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <sys/socket.h>

namespace Vigia {

namespace {
// After refusing a request, what the client still sends is read and thrown
// away for this long, so that it reads our answer instead of a reset.
constexpr int kLingerMs = 2000;
constexpr qint64 kDrainChunkBytes = qint64(64) * 1024;

QByteArray statusText(int status)
{
    switch (status) {
    case 408: return QByteArrayLiteral("Request Timeout");
    case 411: return QByteArrayLiteral("Length Required");
    case 413: return QByteArrayLiteral("Payload Too Large");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    default: return QByteArrayLiteral("Service Unavailable");
    }
}

// A whole answer that closes the connection, written straight to the socket
// (the HTTP server never saw the request).
QByteArray closingAnswer(int status, const QString &code, const QString &message)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("error"), code},
                                                      {QStringLiteral("message"), message}})
                                    .toJson(QJsonDocument::Compact);
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + statusText(status)
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

// The value of header `name` in a request head, trimmed: a view into the
// head, read in place since every request on the connection passes here.
QByteArrayView headerValue(QByteArrayView head, QByteArrayView name)
{
    qsizetype at = head.indexOf('\n') + 1; // after the request line
    while (at > 0 && at < head.size()) {
        qsizetype end = head.indexOf('\n', at);
        if (end < 0)
            end = head.size();
        const QByteArrayView line = head.sliced(at, end - at);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.sliced(colon + 1).trimmed();
        at = end + 1;
    }
    return {};
}
} // namespace

// Follows one connection's bytes as they arrive, ahead of the HTTP server:
// request heads, then exactly Content-Length bytes of body, then the next
// head. It only peeks; the HTTP server still reads everything itself.
class RequestFramer final : public QObject
{
public:
    RequestFramer(QTcpSocket *socket, HttpListener *listener)
        : QObject(socket), m_socket(socket), m_listener(listener)
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &RequestFramer::onTimeout);
        connect(socket, &QTcpSocket::readyRead, this, &RequestFramer::onReadyRead);
        connect(socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_phase == Phase::Idle)
                arm(m_listener->m_limits.idleTimeoutMs);
        });
        arm(m_listener->m_limits.idleTimeoutMs);
    }

private:
    enum class Phase { Idle, Head, Body, Handed, Draining };

    void arm(int ms) { m_timer.start(ms); }

    void onReadyRead()
    {
        if (m_phase == Phase::Handed)
            return;
        if (m_phase == Phase::Draining) {
            m_socket->read(m_socket->bytesAvailable());
            return;
        }
        const QByteArray bytes = m_socket->peek(m_socket->bytesAvailable());
        qsizetype at = 0;
        while (at < bytes.size() && m_phase != Phase::Handed && m_phase != Phase::Draining)
            at += m_phase == Phase::Body ? takeBody(bytes, at) : takeHead(bytes, at);
    }

    qsizetype takeBody(const QByteArray &bytes, qsizetype at)
    {
        const qsizetype n = qMin<qint64>(m_bodyLeft, bytes.size() - at);
        m_bodyLeft -= n;
        if (m_bodyLeft == 0) {
            m_phase = Phase::Idle;
            arm(m_listener->m_limits.idleTimeoutMs);
        }
        return n;
    }

    qsizetype takeHead(const QByteArray &bytes, qsizetype at)
    {
        if (m_phase == Phase::Idle) {
            m_phase = Phase::Head;
            m_head.clear();
            arm(m_listener->m_limits.headerTimeoutMs);
        }
        const qsizetype before = m_head.size();
        m_head.append(bytes.constData() + at, bytes.size() - at);
        const qsizetype end = m_head.indexOf("\r\n\r\n");
        const int maxHead = m_listener->m_limits.maxHeaderBytes;
        if (end < 0 || end + 4 > maxHead) {
            if (m_head.size() > maxHead) {
                refuse(431, QStringLiteral("headers_too_large"),
                       QStringLiteral("the request line and headers are limited to %1 bytes")
                               .arg(maxHead));
            }
            return bytes.size() - at;
        }
        m_head.truncate(end + 4);
        headComplete();
        return m_head.size() - before;
    }

    void headComplete()
    {
        const QByteArrayView head(m_head);
        const qsizetype lineEnd = head.indexOf('\n');
        const QList<QByteArray> requestLine =
                m_head.left(lineEnd < 0 ? m_head.size() : lineEnd).trimmed().split(' ');
        if (headerValue(head, "upgrade").compare("websocket", Qt::CaseInsensitive) == 0) {
            // The live feed: the WebSocket server takes the socket over.
            m_phase = Phase::Handed;
            m_timer.stop();
            return;
        }
        if (!headerValue(head, "transfer-encoding").isEmpty()) {
            refuse(411, QStringLiteral("length_required"),
                   QStringLiteral("send the body with a Content-Length header, not chunked"));
            return;
        }
        bool ok = true;
        const QByteArrayView lengthText = headerValue(head, "content-length");
        const qint64 length = lengthText.isEmpty() ? 0 : lengthText.toLongLong(&ok);
        const qint64 cap = m_listener->m_bodyCap(
                requestLine.value(0),
                QUrl(QString::fromLatin1(requestLine.value(1))).path(QUrl::FullyEncoded));
        if (!ok || length < 0) {
            refuse(400, QStringLiteral("bad_request"),
                   QStringLiteral("Content-Length is not a number of bytes"));
            return;
        }
        if (length > cap) {
            refuse(413, QStringLiteral("payload_too_large"),
                   QStringLiteral("request bodies are limited to %1 bytes here").arg(cap));
            return;
        }
        m_bodyLeft = length;
        m_phase = length > 0 ? Phase::Body : Phase::Idle;
        arm(length > 0 ? m_listener->m_limits.bodyTimeoutMs : m_listener->m_limits.idleTimeoutMs);
    }

    void onTimeout()
    {
        switch (m_phase) {
        case Phase::Idle: m_socket->disconnectFromHost(); break;
        case Phase::Head:
            refuse(408, QStringLiteral("request_timeout"),
                   QStringLiteral("the request headers did not arrive within %1 ms")
                           .arg(m_listener->m_limits.headerTimeoutMs));
            break;
        case Phase::Body:
            refuse(408, QStringLiteral("request_timeout"),
                   QStringLiteral("the request body did not arrive within %1 ms")
                           .arg(m_listener->m_limits.bodyTimeoutMs));
            break;
        case Phase::Draining: m_socket->abort(); break;
        case Phase::Handed: break;
        }
    }

    // Answers and closes; the HTTP server never sees the request, since
    // what was buffered is read away here first.
    void refuse(int status, const QString &code, const QString &message)
    {
        m_listener->countRefusal();
        m_phase = Phase::Draining;
        // What the client still sends is dropped as it comes: Qt's socket buffer
        // (unbounded by default) holds at most this much of it at a time.
        m_socket->setReadBufferSize(kDrainChunkBytes);
        m_socket->read(m_socket->bytesAvailable());
        m_socket->write(closingAnswer(status, code, message));
        m_socket->flush();
        // Half-close: the client reads the answer and an end of stream while
        // whatever it still sends is read and dropped, until kLingerMs.
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        arm(kLingerMs);
    }

    QTcpSocket *m_socket;
    HttpListener *m_listener;
    QTimer m_timer;
    Phase m_phase = Phase::Idle;
    QByteArray m_head;
    qint64 m_bodyLeft = 0;
};

HttpListener::HttpListener(const HttpLimits &limits, BodyCap bodyCap, QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_bodyCap(std::move(bodyCap))
{ }

HttpListener::~HttpListener() = default;

void HttpListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const QHostAddress peer = socket->peerAddress();
    if (m_open >= m_limits.maxConnections
        || m_perPeer.value(peer) >= m_limits.maxConnectionsPerPeer) {
        ++m_refused;
        const bool total = m_open >= m_limits.maxConnections;
        socket->write(closingAnswer(
                503, QStringLiteral("too_many_connections"),
                total ? QStringLiteral("vigiad has %1 connections open, its limit; try again "
                                       "shortly")
                                .arg(m_limits.maxConnections)
                      : QStringLiteral("%1 connections are open from your address, the limit; "
                                       "reuse them (keep-alive) or close some")
                                .arg(m_limits.maxConnectionsPerPeer)));
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }
    ++m_open;
    ++m_perPeer[peer];
    // Destroyed, not disconnected: a WebSocket keeps the socket beyond the
    // HTTP server, and it still counts until it is gone.
    connect(socket, &QObject::destroyed, this, [this, peer] { connectionClosed(peer); });
    new RequestFramer(socket, this); // connected to readyRead before the HTTP server
    addPendingConnection(socket);
}

void HttpListener::connectionClosed(const QHostAddress &peer)
{
    --m_open;
    if (--m_perPeer[peer] <= 0)
        m_perPeer.remove(peer);
}

} // namespace Vigia

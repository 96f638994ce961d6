#pragma once

#include "HttpLimits.h"

#include <QHash>
#include <QHostAddress>
#include <QTcpServer>

#include <functional>

namespace Vigia {

// The listening socket of the API. Qt 6.4's HTTP server reads and buffers
// whatever a client sends, whatever its size, for as long as it takes; this
// listener sees every byte first and keeps each connection within
// HttpLimits: connections per peer and in all, the size of a request head,
// a Content-Length above the route's cap (413 before a byte of the body is
// kept), and header, body and idle timeouts. It also sets TCP_NODELAY, so
// that small answers and live events leave at once instead of waiting for
// the peer's delayed ACK (Nagle).
class HttpListener final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpListener)

public:
    // The largest body the route for (method, path) takes, in bytes.
    using BodyCap = std::function<qint64(const QByteArray &method, const QString &path)>;

    HttpListener(const HttpLimits &limits, BodyCap bodyCap, QObject *parent = nullptr);
    ~HttpListener() override;

    int openConnections() const { return m_open; }
    // Connections refused or closed for breaking a limit, since start.
    quint64 refusedConnections() const { return m_refused; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    friend class RequestFramer;
    void connectionClosed(const QHostAddress &peer);
    void countRefusal() { ++m_refused; }

    HttpLimits m_limits;
    BodyCap m_bodyCap;
    QHash<QHostAddress, int> m_perPeer;
    int m_open = 0;
    quint64 m_refused = 0;
};

} // namespace Vigia

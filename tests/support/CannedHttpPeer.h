#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>

namespace Vigia::TestSupport {

// An HTTP peer on 127.0.0.1 that gives every request the same raw answer,
// byte for byte, and closes the connection: for answers no gateway double
// speaks, such as a redirect or a malformed header.
class CannedHttpPeer final : public QObject
{
    Q_OBJECT

public:
    explicit CannedHttpPeer(QObject *parent = nullptr);

    bool start();
    QUrl baseUrl() const;
    // Status line, headers and body; "\r\n" line ends, Content-Length added.
    void setAnswer(int status, const QList<QPair<QByteArray, QByteArray>> &headers,
                   const QByteArray &body = {});
    int requestCount() const { return m_requests; }

private:
    void serve(QTcpSocket *socket);

    QTcpServer m_server;
    QByteArray m_answer;
    int m_requests = 0;
};

} // namespace Vigia::TestSupport

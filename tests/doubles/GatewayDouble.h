#pragma once

#include <QByteArray>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>
#include <vector>

class QHttpServer;
class QHttpServerRequest;
class QTcpServer;

namespace Vigia {

// A chat gateway played by a real HTTP server on 127.0.0.1, so the code under
// test goes through QNetworkAccessManager, sockets and HTTP parsing exactly as
// it would in production. Subclasses speak one gateway's public protocol; this
// base owns the listening socket and the failure modes every gateway shares.
//
// Modes are decided per send request, in this order of precedence: Hang, then
// ServerError, then RateLimit (the gateway is unwell before it reads anything),
// then the protocol's own checks (credentials, body validation), then Reject,
// then Accept. Refuse is not a per-request answer: it closes the listening
// socket. Scripted modes are consumed only by send requests; the other
// endpoints (status probes and the like) follow mode() and only honour Hang and
// ServerError.
class GatewayDouble : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayDouble)

public:
    enum class Mode { Accept, Reject, ServerError, Hang, Refuse, RateLimit };
    Q_ENUM(Mode)

    ~GatewayDouble() override;

    // Listens on 127.0.0.1: an ephemeral port the first time, the same port
    // ever after, so a client configured once keeps pointing at us.
    bool start();
    bool isListening() const;
    quint16 port() const { return m_port; }
    // A fixed port for the first start(), for a double run as its own process.
    void setPort(quint16 port) { m_port = port; }
    // Off for long benchmark runs, where accepted() would grow without bound.
    void setRecordAccepted(bool record) { m_recordAccepted = record; }
    QUrl baseUrl() const;

    // Refuse closes the listening socket and drops open connections, so
    // clients see "connection refused"; any other mode listens again.
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    // The next send requests take these modes in order; a scripted Refuse
    // drops that one connection without an answer (RemoteHostClosedError).
    void setScript(const QList<Mode> &modes);
    QList<Mode> pendingScript() const { return m_script; }

    int requestCount() const { return m_requestCount; }
    QList<QJsonObject> accepted() const { return m_accepted; }
    QUrl lastRequestUrl() const { return m_lastUrl; }
    // Case-insensitive; empty when the most recent send request lacked it.
    QByteArray lastRequestHeader(const QByteArray &name) const;

    // Client connections currently open to us, hung or idle keep-alive;
    // lets a test see that a client gave up or closed its sockets.
    int openConnectionCount() const;
    int hungRequestCount() const;
    // Answers every request still held by Hang with a 500.
    void releaseHungRequests();

Q_SIGNALS:
    // Emitted before answering, so a slot can still change mode() for the
    // requests that follow; the current one has already taken its mode.
    void requestReceived(const QJsonObject &body);
    void sendAccepted(const QJsonObject &body);

protected:
    struct Reply
    {
        QHttpServerResponder::StatusCode status = QHttpServerResponder::StatusCode::Ok;
        QJsonObject body;
        QList<QPair<QByteArray, QByteArray>> headers;
        bool accepted = false; // the gateway took the message for delivery
    };
    // Decides the answer to one send request, given the mode it drew.
    using SendAnswer = std::function<Reply(Mode mode, const QJsonObject &body)>;

    explicit GatewayDouble(QObject *parent = nullptr);

    QHttpServer &server() const { return *m_server; }

    void handleSend(const QHttpServerRequest &request, QHttpServerResponder &&responder,
                    const SendAnswer &answer);
    // For endpoints other than sends. Returns true when Hang or ServerError
    // took the request, which the caller must then leave alone.
    bool interceptProbe(QHttpServerResponder &responder);
    void respond(QHttpServerResponder &responder, const Reply &reply) const;

    static Reply jsonReply(QHttpServerResponder::StatusCode status, const QJsonObject &body);
    static QByteArray headerValue(const QHttpServerRequest &request, const QByteArray &name);

    // What this gateway sends when it is broken (ServerError mode).
    virtual Reply serverErrorReply() const = 0;
    virtual QJsonObject notFoundBody(const QHttpServerRequest &request) const;

private:
    struct HungRequest;

    Mode takeMode();
    void hang(QHttpServerResponder &responder);
    void stopListening();
    void listenAgain();

    QHttpServer *m_server;
    QTcpServer *m_tcpServer;
    quint16 m_port = 0;
    bool m_bound = false;
    Mode m_mode = Mode::Accept;
    QList<Mode> m_script;
    int m_requestCount = 0;
    QList<QJsonObject> m_accepted;
    bool m_recordAccepted = true;
    QUrl m_lastUrl;
    QList<QPair<QByteArray, QByteArray>> m_lastHeaders;
    std::vector<HungRequest> m_hung;
};

} // namespace Vigia

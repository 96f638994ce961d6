#pragma once

#include "ApiClient.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

namespace Vigia {

// What stood between the console and a working vigiad, most precise first.
enum class ConnectionProblem {
    None,
    Refused, // nothing listens on that port
    HostNotFound, // the name did not resolve
    Tls, // the TLS handshake or the certificate failed
    Timeout, // no answer in time
    Unauthorized, // 401: the token is unknown or revoked
    Forbidden, // 403
    NotVigiad, // something answered, but not a vigiad
    Incompatible, // a vigiad this console cannot work with
    Other,
};

struct ConnectionOutcome
{
    ConnectionProblem problem = ConnectionProblem::None;
    QString detail; // what the network layer or the server said
    Caller caller;
    bool ok() const { return problem == ConnectionProblem::None; }
};

// Asks a server who the token belongs to (GET /v1/whoami) before anything is
// saved, and names what failed in the operator's language.
class ConnectionCheck final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionCheck)

public:
    using Done = std::function<void(const ConnectionOutcome &)>;

    explicit ConnectionCheck(QObject *parent = nullptr);

    // A newer run() replaces one still on its way (its done is not called).
    void run(const QUrl &server, const QString &token, Done done);
    void setTimeout(int ms) { m_timeoutMs = ms; }

    // server: the address asked (an https one closed in the handshake is a TLS failure).
    static ConnectionOutcome classify(const ApiReply<Caller> &reply, const QUrl &server);
    static QString describe(const ConnectionOutcome &outcome, const QUrl &server);

private:
    QPointer<ApiClient> m_api;
    int m_timeoutMs = 8000;
};

} // namespace Vigia

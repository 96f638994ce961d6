#include "ConnectionCheck.h"

#include <QNetworkReply>

namespace Vigia {

namespace {

// The major version this console speaks; a vigiad of another one is refused.
int majorVersion(const QString &version)
{
    return version.section(u'.', 0, 0).toInt();
}

ConnectionProblem networkProblem(int error, bool tls)
{
    const auto code = static_cast<QNetworkReply::NetworkError>(error);
    // A server that does not speak TLS drops the handshake.
    if (tls && code == QNetworkReply::RemoteHostClosedError)
        return ConnectionProblem::Tls;
    switch (code) {
    case QNetworkReply::ConnectionRefusedError: return ConnectionProblem::Refused;
    case QNetworkReply::HostNotFoundError: return ConnectionProblem::HostNotFound;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::InsecureRedirectError: return ConnectionProblem::Tls;
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout cancels the reply
        return ConnectionProblem::Timeout;
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::UnknownContentError: return ConnectionProblem::NotVigiad;
    default: return ConnectionProblem::Other;
    }
}

} // namespace

ConnectionCheck::ConnectionCheck(QObject *parent) : QObject(parent) { }

void ConnectionCheck::run(const QUrl &server, const QString &token, Done done)
{
    if (m_api)
        m_api->deleteLater(); // its answer, if any, goes nowhere
    auto *api = new ApiClient(this);
    m_api = api;
    api->setServer(server);
    api->setToken(token);
    api->setTimeout(m_timeoutMs);
    api->whoAmI([this, api, done = std::move(done)](const ApiReply<Caller> &reply) {
        if (api != m_api)
            return;
        api->deleteLater();
        if (done)
            done(classify(reply, api->server()));
    });
}

ConnectionOutcome ConnectionCheck::classify(const ApiReply<Caller> &reply, const QUrl &server)
{
    const ApiResult &r = reply.result;
    ConnectionOutcome out;
    out.detail = r.message;
    if (r.httpStatus == 0) {
        out.problem = networkProblem(r.networkError, server.scheme() == QLatin1String("https"));
        return out;
    }
    if (r.httpStatus == 401) {
        out.problem = ConnectionProblem::Unauthorized;
        return out;
    }
    if (r.httpStatus == 403) {
        out.problem = ConnectionProblem::Forbidden;
        return out;
    }
    const QString version = r.body.value(QStringLiteral("version")).toString();
    if (!r.ok()) {
        // A vigiad answers every error with its JSON {error, message}.
        out.problem =
                r.errorCode.isEmpty() ? ConnectionProblem::NotVigiad : ConnectionProblem::Other;
        return out;
    }
    if (!r.body.contains(QStringLiteral("role")) || version.isEmpty()) {
        out.problem = ConnectionProblem::NotVigiad;
        return out;
    }
    if (!reply.value.role || majorVersion(version) != majorVersion(QStringLiteral(VIGIA_VERSION))) {
        out.problem = ConnectionProblem::Incompatible;
        out.detail = version;
        return out;
    }
    out.caller = reply.value;
    return out;
}

QString ConnectionCheck::describe(const ConnectionOutcome &o, const QUrl &server)
{
    const QString where = server.toDisplayString();
    const QString host = server.host();
    switch (o.problem) {
    case ConnectionProblem::None: return {};
    case ConnectionProblem::Refused:
        return tr("Connection refused: nothing answers at %1. Is vigiad running, and is the "
                  "port right?")
                .arg(where);
    case ConnectionProblem::HostNotFound:
        return tr("Host not found: the name \"%1\" does not resolve (DNS). Check the spelling.")
                .arg(host);
    case ConnectionProblem::Tls:
        return tr("Secure connection (TLS) to %1 failed: %2. Check the certificate, or "
                  "whether the server speaks http rather than https.")
                .arg(where, o.detail);
    case ConnectionProblem::Timeout:
        return tr("No answer from %1 in time. The server may be down or a firewall may drop "
                  "the connection.")
                .arg(where);
    case ConnectionProblem::Unauthorized:
        return tr("vigiad does not know this token (401): it was mistyped or has been "
                  "revoked. Ask an admin for a new one.");
    case ConnectionProblem::Forbidden:
        return tr("vigiad refused this token (403): it may not use the console.");
    case ConnectionProblem::NotVigiad:
        return tr("Something answers at %1, but it is not vigiad. Check the address and port.")
                .arg(where);
    case ConnectionProblem::Incompatible:
        return tr("This vigiad (version %1) does not work with this console (version %2). "
                  "Update one of them.")
                .arg(o.detail.isEmpty() ? tr("unknown") : o.detail, QStringLiteral(VIGIA_VERSION));
    case ConnectionProblem::Other: break;
    }
    return tr("Could not connect to %1: %2").arg(where, o.detail);
}

} // namespace Vigia

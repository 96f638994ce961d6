#include "Router.h"

#include "ApiTokens.h"
#include "InputValidation.h"

namespace Vigia {

using namespace Api;

Router::Router(TokenCache *tokens, int maxBodyBytes)
    : m_tokens(tokens), m_maxBodyBytes(maxBodyBytes)
{ }

void Router::add(Method method, const QString &path, Access access, Body body, Handler handler,
                 const Fields &fields, int maxBodyBytes)
{
    QList<Segment> segments;
    for (const QStringView part : segmentsOf(path)) {
        const bool isParameter = part.startsWith(u'{') && part.endsWith(u'}');
        segments.append({isParameter ? QString() : part.toString(), isParameter});
    }
    m_routes.append({RouteInfo{method, path, access, body, fields}, methodName(method).toLatin1(),
                     segments, std::move(handler), maxBodyBytes});
}

QList<QStringView> Router::segmentsOf(QStringView path)
{
    // "/v1/a/b" -> v1, a, b; "" and "v1" (no leading slash) -> no route can match.
    if (!path.startsWith(u'/'))
        return {QStringView()};
    return path.sliced(1).split(u'/');
}

bool Router::matches(const Route &route, const QList<QStringView> &path)
{
    if (path.size() != route.segments.size())
        return false;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const Segment &segment = route.segments.at(i);
        if (segment.isParameter ? path.at(i).isEmpty() : path.at(i) != segment.literal)
            return false;
    }
    return true;
}

QList<Router::RouteInfo> Router::routes() const
{
    QList<RouteInfo> out;
    out.reserve(m_routes.size());
    for (const Route &route : m_routes)
        out.append(route.info);
    return out;
}

qint64 Router::bodyCapFor(const QByteArray &method, const QString &path) const
{
    const QList<QStringView> segments = segmentsOf(path);
    for (const Route &route : m_routes) {
        if (route.methodToken == method && matches(route, segments))
            return route.maxBodyBytes > 0 ? route.maxBodyBytes : m_maxBodyBytes;
    }
    return m_maxBodyBytes;
}

const Router::Route *Router::match(const QHttpServerRequest &request, QStringList *args,
                                   QStringList *allowed) const
{
    // Matched encoded, each captured segment decoded once: "%2F" is a slash
    // inside a key, and "%252F" the three characters "%2F", never a slash.
    const QString path = request.url().path(QUrl::FullyEncoded);
    const QList<QStringView> segments = segmentsOf(path);
    for (const Route &route : m_routes) {
        if (!matches(route, segments))
            continue;
        if (route.info.method != request.method()) {
            *allowed << methodName(route.info.method);
            continue;
        }
        for (qsizetype i = 0; i < segments.size(); ++i) {
            if (route.segments.at(i).isParameter)
                *args << QUrl::fromPercentEncoding(segments.at(i).toUtf8());
        }
        return &route;
    }
    return nullptr;
}

std::optional<Reply> Router::refuseCaller(const QHttpServerRequest &request, const Route &route,
                                          ApiToken *caller) const
{
    if (route.info.access == Access::Public)
        return std::nullopt;
    const QByteArray authorization = header(request, "Authorization");
    const auto token = m_tokens->authenticate(authorization);
    if (!token) {
        // A token without the scheme is the commonest mistake; say what to send.
        const bool noScheme =
                !authorization.isEmpty() && !authorization.startsWith(QByteArrayLiteral("Bearer "));
        Reply r = jsonError(Status::Unauthorized, QStringLiteral("unauthorized"),
                            authorization.isEmpty()
                                    ? QStringLiteral("send an Authorization: Bearer <token> header")
                                    : noScheme
                                    ? QStringLiteral("the header must be Authorization: Bearer "
                                                     "<token> (the word Bearer, a space, then "
                                                     "the token)")
                                    : QStringLiteral("the token is unknown or revoked"));
        r.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
        return r;
    }
    *caller = *token;
    if (!roleAllows(caller->role, permissionFor(route.info.access))) {
        return jsonError(Status::Forbidden, QStringLiteral("forbidden"),
                         QStringLiteral("role %1 may not do this").arg(roleName(caller->role)));
    }
    return std::nullopt;
}

std::optional<Reply> Router::parseBody(const QHttpServerRequest &request, const Route &route,
                                       QJsonObject *body) const
{
    if (route.info.body == Body::None)
        return std::nullopt;
    const qint64 declared = header(request, "Content-Length").toLongLong();
    const QByteArray raw = request.body();
    const int cap = route.maxBodyBytes > 0 ? route.maxBodyBytes : m_maxBodyBytes;
    if (declared > cap || raw.size() > cap) {
        return jsonError(Status::PayloadTooLarge, QStringLiteral("payload_too_large"),
                         QStringLiteral("request bodies are limited to %1 bytes here").arg(cap));
    }
    if (route.info.body == Body::Raw || raw.trimmed().isEmpty())
        return std::nullopt;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        return jsonError(Status::BadRequest, QStringLiteral("malformed_json"),
                         parseError.error != QJsonParseError::NoError
                                 ? QStringLiteral("body is not valid JSON: %1 at offset %2")
                                           .arg(parseError.errorString())
                                           .arg(parseError.offset)
                                 : QStringLiteral("body must be a JSON object"));
    }
    *body = doc.object();
    // Nothing the caller meant is silently dropped: a misspelt optional field
    // would otherwise be stored as absent.
    return unknownField(*body, route.info.fields);
}

void Router::dispatch(const QHttpServerRequest &request, const Respond &respond) const
{
    QStringList args;
    QStringList allowed;
    const Route *route = match(request, &args, &allowed);
    if (!route) {
        const QString path = request.url().path();
        if (allowed.isEmpty()) {
            respond(jsonError(Status::NotFound, QStringLiteral("not_found"),
                              QStringLiteral("no such endpoint: %1").arg(path)));
            return;
        }
        const QString methods = allowed.join(QStringLiteral(", "));
        Reply r = jsonError(Status::MethodNotAllowed, QStringLiteral("method_not_allowed"),
                            QStringLiteral("%1 is not allowed on %2; use %3")
                                    .arg(methodName(request.method()), path, methods));
        r.headers.append({QByteArrayLiteral("Allow"), methods.toLatin1()});
        respond(r);
        return;
    }
    ApiToken caller;
    if (auto refusal = refuseCaller(request, *route, &caller)) {
        respond(*refusal);
        return;
    }
    // Every answer to this caller, errors included, hides what its role may
    // not see; no handler has to remember it.
    const Respond answer = roleAllows(caller.role, Permission::SeeSecrets)
            ? respond
            : Respond([respond](Reply reply) {
                  reply.redactSecrets = true;
                  respond(reply);
              });
    QJsonObject body;
    if (auto refusal = parseBody(request, *route, &body)) {
        answer(*refusal);
        return;
    }
    route->handler(Call{request, args, caller, body}, answer);
}

} // namespace Vigia

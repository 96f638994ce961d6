#pragma once

#include "HttpApi.h"

#include <QList>

namespace Vigia {

class TokenCache;

// Matches a request to a route, then does what every route needs before
// its handler runs: 404/405 as JSON, bearer-token authentication, the
// role check, the body size cap and JSON parsing. Handlers only see calls
// that passed all of that.
class Router final
{
public:
    using Handler = std::function<void(const Api::Call &, const Api::Respond &)>;
    // Json: the body is parsed into Call::body first. Raw: the handler reads
    // request.body() itself (a signed webhook checks the bytes first).
    enum class Body { None, Json, Raw };

    // The fields a JSON body may have; any other answers 422 unknown_field
    // before the handler runs.
    using Fields = QStringList;
    // One route as the contract (docs/openapi.json) names it.
    struct RouteInfo
    {
        Api::Method method;
        QString path; // an OpenAPI path template: /v1/sessions/{kind}/{key}
        Api::Access access;
        Body body;
        Fields fields;
    };

    Router(TokenCache *tokens, int maxBodyBytes);

    // path: literal segments and {name} parameters, each parameter one
    // path segment (percent-decoded once before the handler sees it).
    void add(Api::Method method, const QString &path, Api::Access access, Body body,
             Handler handler, const Fields &fields = {}, int maxBodyBytes = 0);
    void dispatch(const QHttpServerRequest &request, const Api::Respond &respond) const;
    // The body cap of the route for a request line, before the request is
    // read (the server-wide cap when no route matches).
    qint64 bodyCapFor(const QByteArray &method, const QString &path) const;
    // Every route, in the order they were added.
    QList<RouteInfo> routes() const;

    // Adapters from a handler object's member functions.
    template<typename T>
    static Handler sync(T *self, Api::Reply (T::*fn)(const Api::Call &))
    {
        return [self, fn](const Api::Call &call, const Api::Respond &respond) {
            respond((self->*fn)(call));
        };
    }
    template<typename T>
    static Handler async(T *self, void (T::*fn)(const Api::Call &, const Api::Respond &))
    {
        return [self, fn](const Api::Call &call, const Api::Respond &respond) {
            (self->*fn)(call, respond);
        };
    }

private:
    // One segment of a route's path template: a literal, or a {parameter}
    // that takes any one non-empty segment.
    struct Segment
    {
        QString literal;
        bool isParameter = false;
    };
    struct Route
    {
        RouteInfo info;
        QByteArray methodToken; // "GET", as a request line spells it
        QList<Segment> segments;
        Handler handler;
        int maxBodyBytes; // 0: the server-wide cap
    };
    // Each request is matched against every route: segments compared as
    // views of the path, nothing allocated until one route matched.
    static bool matches(const Route &route, const QList<QStringView> &path);
    static QList<QStringView> segmentsOf(QStringView path);
    const Route *match(const QHttpServerRequest &request, QStringList *args,
                       QStringList *allowed) const;
    std::optional<Api::Reply> refuseCaller(const QHttpServerRequest &request, const Route &route,
                                           ApiToken *caller) const;
    std::optional<Api::Reply> parseBody(const QHttpServerRequest &request, const Route &route,
                                        QJsonObject *body) const;

    TokenCache *m_tokens;
    int m_maxBodyBytes;
    QList<Route> m_routes;
};

} // namespace Vigia

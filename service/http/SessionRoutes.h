#pragma once

#include "ApiContext.h"
#include "HttpApi.h"
#include "Session.h"

namespace Vigia {

class AuditTrail;
class Router;

// /v1/sessions: the bot's sessions, their end with an owed exit notice, and
// the reconcile snapshot after a bot restart.
class SessionRoutes final
{
public:
    explicit SessionRoutes(const ApiContext &context);

    void addRoutes(Router &router);

private:
    Api::Reply listSessions(const Api::Call &call);
    Api::Reply getSession(const Api::Call &call);
    Api::Reply putSession(const Api::Call &call);
    Api::Reply patchSession(const Api::Call &call);
    Api::Reply deleteSession(const Api::Call &call);
    Api::Reply reconcileSessions(const Api::Call &call);

    // The session a PUT body (or a merged PATCH) describes, in *session;
    // otherwise the 422 that names what is wrong.
    std::optional<Api::Reply> sessionFromBody(const QJsonObject &body, Session *session) const;
    Api::Reply store(const Session &session);

    ApiContext m_context;
};

} // namespace Vigia

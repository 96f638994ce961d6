#pragma once

#include "ApiContext.h"
#include "HttpApi.h"

namespace Vigia {

class AuditTrail;
class Router;

// /v1/conversations: multi-step conversation state with a TTL.
class ConversationRoutes final
{
public:
    ConversationRoutes(const ApiContext &context, AuditTrail *audit);

    void addRoutes(Router &router);

private:
    Api::Reply listConversations(const Api::Call &call);
    Api::Reply putConversation(const Api::Call &call);
    Api::Reply getConversation(const Api::Call &call);
    Api::Reply deleteConversation(const Api::Call &call);
    Api::Reply clearConversations(const Api::Call &call);

    ApiContext m_context;
    AuditTrail *m_audit;
};

} // namespace Vigia

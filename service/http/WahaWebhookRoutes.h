#pragma once

#include "ApiContext.h"
#include "HttpApi.h"

namespace Vigia {

class AuditTrail;
class Router;

// POST /v1/gateway/waha/webhook: WAHA's signed events (session.status,
// message.ack). The signature is checked on the raw bytes before parsing.
class WahaWebhookRoutes final
{
public:
    explicit WahaWebhookRoutes(const ApiContext &context);

    void addRoutes(Router &router);

private:
    Api::Reply wahaWebhook(const Api::Call &call);

    ApiContext m_context;
};

} // namespace Vigia

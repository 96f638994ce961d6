#pragma once

#include "ApiContext.h"
#include "HttpApi.h"

namespace Vigia {

class AuditTrail;
class Router;
class LiveFeedServer;

// GET /metrics in Prometheus' text format.
class MetricsRoutes final
{
public:
    MetricsRoutes(const ApiContext &context, const LiveFeedServer *feed);

    void addRoutes(Router &router);

private:
    Api::Reply metrics(const Api::Call &call);

    ApiContext m_context;
    const LiveFeedServer *m_feed;
};

} // namespace Vigia

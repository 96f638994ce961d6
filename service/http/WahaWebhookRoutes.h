#pragma once

#include "ApiContext.h"
#include "HttpApi.h"

#include <optional>

namespace Vigia {

class AuditTrail;
class Router;

// POST /v1/gateway/waha/webhook: WAHA's signed events (session.status,
// message.ack). The size and then the signature are checked on the raw bytes
// before parsing; the event's timestamp must be recent.
class WahaWebhookRoutes final
{
public:
    explicit WahaWebhookRoutes(const ApiContext &context);

    void addRoutes(Router &router);

private:
    Api::Reply wahaWebhook(const Api::Call &call);
    // Too big, or not signed with the key: refused before the body is parsed.
    std::optional<Api::Reply> refuseUnsigned(const Api::Call &call) const;
    // A timestamp missing or outside waha/webhook_max_skew_s of our clock.
    std::optional<Api::Reply> refuseStale(const QJsonObject &body) const;

    ApiContext m_context;
};

} // namespace Vigia

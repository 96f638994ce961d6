#pragma once

namespace Vigia {

// What the live feed may take of vigiad. Configured under [live].
struct LiveFeedLimits
{
    int maxClients = 64; // WebSockets open at once: the upgrade is refused (503) beyond
    // Bytes queued for one client: a client that falls this far behind is
    // dropped, and one that would start this far behind is told to resync.
    int maxBacklogBytes = 8 * 1024 * 1024;
    // Clients send nothing but control frames; anything bigger is refused.
    int maxIncomingMessageBytes = 64 * 1024;
    // How often open sockets are checked against revoked tokens (a revocation
    // by `vigiad token revoke` is seen within TokenCache::kTokenCacheMs).
    int revocationCheckMs = 500;
};

} // namespace Vigia

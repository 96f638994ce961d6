#pragma once

namespace Vigia {

// What one HTTP client may take of vigiad, enforced on the socket before a
// request body is buffered (HttpListener). Configured under [server].
struct HttpLimits
{
    int maxHeaderBytes = 16 * 1024; // request line and headers: 431 beyond
    int maxConnections = 512; // open at once, from everyone: 503 beyond
    int maxConnectionsPerPeer = 64; // open at once from one address: 503 beyond
    int headerTimeoutMs = 10 * 1000; // to send a whole request head once started
    int bodyTimeoutMs = 30 * 1000; // to send the body once the head is in
    int idleTimeoutMs = 120 * 1000; // a keep-alive connection with nothing to do
};

} // namespace Vigia

#pragma once

#include "DeliveryGateway.h"
#include "NextPass.h"

#include <QHash>
#include <QList>
#include <QThread>

namespace Vigia {

class GatewayThreadHome;

// The gateways' HTTP on a thread of its own, so that a slow TLS handshake or
// a burst of answers never holds up the thread that takes the producers'
// requests. Sends are handed over, and their answers handed back, in
// batches: one posted event per event-loop pass each way, whatever the number.
class GatewayThread final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayThread)

public:
    // `connectionsPerHost`: what the HTTP client opens to one gateway at
    // once (0: no limit); more sends wait their turn on this thread.
    explicit GatewayThread(int connectionsPerHost = 0, QObject *parent = nullptr);
    // Stops the thread. Sends still out are abandoned without an answer:
    // their rows stay "sending" and the next start sends them again, as
    // after a crash.
    ~GatewayThread() override;

    // The HTTP client for the gateways to adopt. It lives on the gateway
    // thread: build gateways with it, never call it from here.
    HttpClient *http() const { return m_http; }

    // Moves `gateway` (built on http(), without a parent) to the gateway
    // thread, which owns it from now on, and returns its stand-in on this
    // thread: its send() runs the gateway's there and calls `done` back here,
    // exactly once, as the gateway does. Only the gateway's const,
    // configuration-only members may still be called from here.
    DeliveryGateway *adopt(DeliveryGateway *gateway);

    // Sends handed over and not yet answered.
    int pending() const { return int(m_waiting.size()); }

private:
    friend class GatewayThreadHome;
    friend class RemoteGateway;

    struct Outgoing
    {
        DeliveryGateway *target;
        Notification notification;
        int timeoutMs;
        quint64 ticket;
    };
    struct Answer
    {
        quint64 ticket;
        DeliveryResult result;
    };

    void post(DeliveryGateway *target, const Notification &notification, int timeoutMs,
              DeliveryGateway::Done done);
    void handOver();
    void takeAnswers(const QList<Answer> &answers);

    QThread m_thread;
    GatewayThreadHome *m_home = nullptr; // lives on m_thread, parent of what lives there
    HttpClient *m_http = nullptr;
    QList<Outgoing> m_outgoing;
    QHash<quint64, DeliveryGateway::Done> m_waiting;
    quint64 m_nextTicket = 1;
    NextPass m_handOverPass{this, [this] { handOver(); }};
};

} // namespace Vigia

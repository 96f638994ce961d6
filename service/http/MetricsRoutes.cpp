#include "MetricsRoutes.h"

#include "LiveFeedServer.h"
#include "Outbox.h"
#include "Router.h"
#include "StatusTracker.h"

namespace Vigia {

using namespace Api;

MetricsRoutes::MetricsRoutes(const ApiContext &context, const LiveFeedServer *feed)
    : m_context(context), m_feed(feed)
{ }

void MetricsRoutes::addRoutes(Router &router)
{
    router.add(Method::Get, QStringLiteral("/metrics"), Access::Read, Router::Body::None,
               Router::sync(this, &MetricsRoutes::metrics));
}

Reply MetricsRoutes::metrics(const Call &)
{
    const QueueStats s = m_context.store->stats(m_context.outbox->clock()->now());
    const CommunicationStatus st = m_context.currentStatus();
    QString text;
    text += QStringLiteral("# HELP vigia_notifications Notifications in the outbox by state.\n"
                           "# TYPE vigia_notifications gauge\n");
    for (NotificationState state :
         {NotificationState::Pending, NotificationState::Sending, NotificationState::Delivered,
          NotificationState::Failed, NotificationState::Resolved})
        text += QStringLiteral("vigia_notifications{state=\"%1\"} %2\n")
                        .arg(stateName(state))
                        .arg(s.byState.value(state));
    text += QStringLiteral(
                    "# HELP vigia_attempts_last_hour Delivery attempts finished in the last hour.\n"
                    "# TYPE vigia_attempts_last_hour gauge\nvigia_attempts_last_hour %1\n")
                    .arg(s.attemptsLastHour);
    text += QStringLiteral("# HELP vigia_status Communication status (1 for the current state).\n# "
                           "TYPE vigia_status gauge\n");
    for (StatusState state :
         {StatusState::Unknown, StatusState::Online, StatusState::Degraded,
          StatusState::Incommunicado, StatusState::Critical, StatusState::Offline})
        text += QStringLiteral("vigia_status{state=\"%1\"} %2\n")
                        .arg(statusStateName(state))
                        .arg(state == st.state ? 1 : 0);
    text += QStringLiteral(
                    "# HELP vigia_affected_orders Orders with an unresolved failed notification.\n"
                    "# TYPE vigia_affected_orders gauge\nvigia_affected_orders %1\n")
                    .arg(st.counts.affectedOrders);
    const QList<Incident> recent = m_context.store->incidents(1000);
    const auto open = std::count_if(recent.cbegin(), recent.cend(),
                                    [](const Incident &i) { return i.isOpen(); });
    text += QStringLiteral("# HELP vigia_incidents Communication incidents recorded (last 1000), "
                           "and open now.\n"
                           "# TYPE vigia_incidents gauge\nvigia_incidents{open=\"false\"} "
                           "%1\nvigia_incidents{open=\"true\"} %2\n")
                    .arg(recent.size() - open)
                    .arg(open);
    const int latency = m_context.status->lastProbeLatencyMs();
    if (latency >= 0) {
        text += QStringLiteral(
                        "# HELP vigia_probe_latency_ms Latency of the last gateway health probe.\n"
                        "# TYPE vigia_probe_latency_ms gauge\nvigia_probe_latency_ms %1\n")
                        .arg(latency);
    }
    text += QStringLiteral("# HELP vigia_live_clients Connected live-feed clients.\n# TYPE "
                           "vigia_live_clients gauge\n"
                           "vigia_live_clients %1\n")
                    .arg(m_feed->clientCount());
    // Several instances: exactly one says 1 (an alert on the sum).
    text += QStringLiteral("# HELP vigia_leader Whether this instance leads (runs the prober, the "
                           "status and the outage supervisor).\n# TYPE vigia_leader gauge\n");
    text += m_context.instanceId.isEmpty()
            ? QStringLiteral("vigia_leader %1\n").arg(m_context.isLeader() ? 1 : 0)
            : QStringLiteral("vigia_leader{instance=\"%1\"} %2\n")
                      .arg(m_context.instanceId)
                      .arg(m_context.isLeader() ? 1 : 0);
    Reply r;
    r.text = text.toUtf8();
    r.contentType = QByteArrayLiteral("text/plain; version=0.0.4");
    return r;
}

} // namespace Vigia

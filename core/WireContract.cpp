#include "WireContract.h"

#include <utility>

namespace Vigia {

namespace {

constexpr std::pair<StatusReason, const char *> kReasonNames[] = {
        {StatusReason::NoSignal, "no_signal"},
        {StatusReason::AllOk, "all_ok"},
        {StatusReason::HealthOkRecentFailure, "health_ok_recent_failure"},
        {StatusReason::HealthOkNoDelivery, "health_ok_no_delivery"},
        {StatusReason::DeliveriesOk, "deliveries_ok"},
        {StatusReason::HealthFailedOnce, "health_failed_once"},
        {StatusReason::HealthFailing, "health_failing"},
        {StatusReason::DeliveryFailures, "delivery_failures"},
        {StatusReason::WebhookOnly, "webhook_only"},
        {StatusReason::NobodyReached, "nobody_reached"},
        {StatusReason::HealthAndDeliveriesFailing, "health_and_deliveries_failing"},
        {StatusReason::BotSilent, "bot_silent"},
};

constexpr std::pair<LiveEventType, const char *> kEventNames[] = {
        {LiveEventType::Notification, "notification"},
        {LiveEventType::Status, "status"},
        {LiveEventType::Incident, "incident"},
        {LiveEventType::Audit, "audit"},
        {LiveEventType::Session, "session"},
        {LiveEventType::Conversation, "conversation"},
        {LiveEventType::QueueCleanup, "queue.cleanup"},
        {LiveEventType::Recovery, "recovery"},
        {LiveEventType::Resync, "resync"},
};

template<typename Enum, size_t N>
QString nameOf(Enum value, const std::pair<Enum, const char *> (&table)[N])
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template<typename Enum, size_t N>
std::optional<Enum> valueOf(const QString &name, const std::pair<Enum, const char *> (&table)[N])
{
    for (const auto &[v, n] : table) {
        if (name == QLatin1String(n))
            return v;
    }
    return std::nullopt;
}

} // namespace

QString statusReasonName(StatusReason reason)
{
    return nameOf(reason, kReasonNames);
}

std::optional<StatusReason> statusReasonFromName(const QString &name)
{
    return valueOf(name, kReasonNames);
}

QString liveEventTypeName(LiveEventType type)
{
    return nameOf(type, kEventNames);
}

std::optional<LiveEventType> liveEventTypeFromName(const QString &name)
{
    return valueOf(name, kEventNames);
}

} // namespace Vigia

#pragma once

#include <QString>

#include <optional>

// The names vigiad and its clients agree on, in one place: each enum has
// its wire name and back. The console switches over these enums, so a new
// value is a compile error until every side handles it.
namespace Vigia {

// Which rule decided the bot's status; the console translates each.
enum class StatusReason {
    NoSignal,
    AllOk,
    HealthOkRecentFailure,
    HealthOkNoDelivery,
    DeliveriesOk,
    HealthFailedOnce,
    HealthFailing,
    DeliveryFailures,
    WebhookOnly,
    NobodyReached,
    HealthAndDeliveriesFailing,
    BotSilent,
    StoreWritesFailing,
    // The gateway works, but notifications failed for their recipients.
    RecipientFailures,
    // Delivery attempts fail, but retries may still get through: not an
    // outage until the settle time has passed without a success.
    DeliveriesSettling,
    // Restored from before a restart, re-checking now.
    RestoredRechecking,
};
inline constexpr StatusReason kAllStatusReasons[] = {
        StatusReason::NoSignal,
        StatusReason::AllOk,
        StatusReason::HealthOkRecentFailure,
        StatusReason::HealthOkNoDelivery,
        StatusReason::DeliveriesOk,
        StatusReason::HealthFailedOnce,
        StatusReason::HealthFailing,
        StatusReason::DeliveryFailures,
        StatusReason::WebhookOnly,
        StatusReason::NobodyReached,
        StatusReason::HealthAndDeliveriesFailing,
        StatusReason::BotSilent,
        StatusReason::StoreWritesFailing,
        StatusReason::RecipientFailures,
        StatusReason::DeliveriesSettling,
        StatusReason::RestoredRechecking,
};
QString statusReasonName(StatusReason reason);
std::optional<StatusReason> statusReasonFromName(const QString &name);

// The "type" of a live-feed event ({seq, type, data}).
enum class LiveEventType {
    Notification,
    Status,
    Incident,
    Audit,
    Session,
    Conversation,
    QueueCleanup,
    BulkRetry,
    HistoryMinute,
    Recovery,
    Resync,
};
inline constexpr LiveEventType kAllLiveEventTypes[] = {
        LiveEventType::Notification, LiveEventType::Status,    LiveEventType::Incident,
        LiveEventType::Audit,        LiveEventType::Session,   LiveEventType::Conversation,
        LiveEventType::QueueCleanup, LiveEventType::BulkRetry, LiveEventType::HistoryMinute,
        LiveEventType::Recovery,     LiveEventType::Resync,
};
QString liveEventTypeName(LiveEventType type);
std::optional<LiveEventType> liveEventTypeFromName(const QString &name);

} // namespace Vigia

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

// The action of an audit entry: every operator action vigiad records (and
// its own housekeeping). The console names each; a new one fails to compile
// until it has a name there.
enum class AuditAction {
    Retry,
    Resolve,
    Claim,
    Release,
    RetryFailed,
    Cleanup,
    HealthCheck,
    BotRestart,
    GatewayRestart,
    ConversationClear,
    ConversationClearFlow,
    Retention,
};
inline constexpr AuditAction kAllAuditActions[] = {
        AuditAction::Retry,
        AuditAction::Resolve,
        AuditAction::Claim,
        AuditAction::Release,
        AuditAction::RetryFailed,
        AuditAction::Cleanup,
        AuditAction::HealthCheck,
        AuditAction::BotRestart,
        AuditAction::GatewayRestart,
        AuditAction::ConversationClear,
        AuditAction::ConversationClearFlow,
        AuditAction::Retention,
};
QString auditActionName(AuditAction action);
std::optional<AuditAction> auditActionFromName(const QString &name);

} // namespace Vigia

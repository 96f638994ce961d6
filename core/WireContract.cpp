#include "WireContract.h"

#include "EnumNames.h"

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
        {StatusReason::StoreWritesFailing, "store_writes_failing"},
        {StatusReason::RecipientFailures, "recipient_failures"},
        {StatusReason::DeliveriesSettling, "deliveries_settling"},
        {StatusReason::RestoredRechecking, "restored_rechecking"},
};

constexpr std::pair<LiveEventType, const char *> kEventNames[] = {
        {LiveEventType::Notification, "notification"},
        {LiveEventType::Status, "status"},
        {LiveEventType::Incident, "incident"},
        {LiveEventType::Audit, "audit"},
        {LiveEventType::Session, "session"},
        {LiveEventType::Conversation, "conversation"},
        {LiveEventType::QueueCleanup, "queue.cleanup"},
        {LiveEventType::BulkRetry, "notification.bulk_retry"},
        {LiveEventType::HistoryMinute, "history.minute"},
        {LiveEventType::Recovery, "recovery"},
        {LiveEventType::Resync, "resync"},
};

constexpr std::pair<AuditAction, const char *> kAuditActionNames[] = {
        {AuditAction::Retry, "retry"},
        {AuditAction::Resolve, "resolve"},
        {AuditAction::Claim, "claim"},
        {AuditAction::Release, "release"},
        {AuditAction::RetryFailed, "retry_failed"},
        {AuditAction::Cleanup, "cleanup"},
        {AuditAction::HealthCheck, "health_check"},
        {AuditAction::BotRestart, "bot_restart"},
        {AuditAction::GatewayRestart, "gateway_restart"},
        {AuditAction::ConversationClear, "conversation_clear"},
        {AuditAction::ConversationClearFlow, "conversation_clear_flow"},
        {AuditAction::Retention, "retention"},
};

} // namespace

QString statusReasonName(StatusReason reason)
{
    return EnumNames::nameOf(reason, kReasonNames);
}

std::optional<StatusReason> statusReasonFromName(const QString &name)
{
    return EnumNames::valueOf(name, kReasonNames);
}

QString liveEventTypeName(LiveEventType type)
{
    return EnumNames::nameOf(type, kEventNames);
}

std::optional<LiveEventType> liveEventTypeFromName(const QString &name)
{
    return EnumNames::valueOf(name, kEventNames);
}

QString auditActionName(AuditAction action)
{
    return EnumNames::nameOf(action, kAuditActionNames);
}

std::optional<AuditAction> auditActionFromName(const QString &name)
{
    return EnumNames::valueOf(name, kAuditActionNames);
}

} // namespace Vigia

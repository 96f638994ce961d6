#include "StatusTexts.h"

#include <QJsonObject>

namespace Vigia {

QString StatusTexts::reasonText(const CommunicationStatus &status)
{
    const bool claimsSuccess = status.reasonCode == StatusReason::AllOk
            || status.reasonCode == StatusReason::DeliveriesOk;
    if (claimsSuccess && status.counts.failed > 0)
        return tr("The gateway works; %n failed notification(s) not resolved yet.", nullptr,
                  status.counts.failed);
    return localizedReason(status);
}

QString StatusTexts::localizedReason(const CommunicationStatus &status)
{
    if (!status.reasonCode)
        return status.reason; // a newer vigiad: its English sentence is better than nothing
    const QString health = status.healthcheck.lastError;
    const QString delivery = status.deliveries.lastError;
    const QJsonObject &args = status.reasonArgs;
    // No default: a new reason code fails to compile until it has a sentence here.
    switch (*status.reasonCode) {
    case StatusReason::HealthAndDeliveriesFailing:
        return tr("The gateway fails its health check (%1) and deliveries fail (%2).")
                .arg(health, delivery);
    case StatusReason::NobodyReached:
        return tr("Deliveries fail and the diagnosis reached neither the customer nor the admin.");
    case StatusReason::WebhookOnly:
        return args.value(QStringLiteral("reached")).toString() == QLatin1String("admin")
                ? tr("Deliveries fail (%1), but the gateway still reaches the admin.").arg(delivery)
                : tr("Deliveries fail (%1), but the gateway still reaches the customer.")
                          .arg(delivery);
    case StatusReason::DeliveryFailures:
        return tr("%n failed delivery attempt(s) in the last %1 min: %2", nullptr,
                  args.value(QStringLiteral("failures")).toInt())
                .arg(args.value(QStringLiteral("window_min")).toInt())
                .arg(delivery);
    case StatusReason::BotSilent:
        return tr("No heartbeat from the bot for %n min.", nullptr,
                  args.value(QStringLiteral("minutes")).toInt());
    case StatusReason::StoreWritesFailing:
        return tr("vigiad cannot write its store (%1); deliveries wait until it can.")
                .arg(status.store.lastError);
    case StatusReason::HealthFailing:
        return tr("The gateway fails its health check (%1); deliveries still work or none was "
                  "tried.")
                .arg(health);
    case StatusReason::HealthFailedOnce:
        return tr("The last health check failed (%1); one more failure raises the alarm.")
                .arg(health);
    case StatusReason::AllOk: return tr("The gateway is WORKING and deliveries succeed.");
    case StatusReason::HealthOkRecentFailure:
        return tr("The gateway is WORKING; a recent delivery failed.");
    case StatusReason::HealthOkNoDelivery:
        return tr("The gateway is WORKING; no delivery tried yet.");
    case StatusReason::DeliveriesOk: return tr("Deliveries succeed.");
    case StatusReason::NoSignal: return tr("No signal yet.");
    case StatusReason::RecipientFailures:
        return tr("The gateway works; %n notification(s) failed for their recipients.", nullptr,
                  args.value(QStringLiteral("failed")).toInt());
    case StatusReason::DeliveriesSettling:
        return tr("%n delivery attempt(s) failed; retries may still get through (%1 s to settle).",
                  nullptr, args.value(QStringLiteral("failures")).toInt())
                .arg(args.value(QStringLiteral("settle_s")).toInt());
    case StatusReason::RestoredRechecking: return tr("As before the restart; re-checking now.");
    }
    return status.reason;
}

} // namespace Vigia

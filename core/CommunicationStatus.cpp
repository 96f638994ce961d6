#include "CommunicationStatus.h"

#include <QJsonArray>

#include "EnumNames.h"
#include "Notification.h"
#include "TimeCodec.h"

namespace Vigia {

namespace {
constexpr std::pair<StatusState, const char *> kStates[] = {
        {StatusState::Unknown, "unknown"},   {StatusState::Online, "online"},
        {StatusState::Degraded, "degraded"}, {StatusState::Incommunicado, "incommunicado"},
        {StatusState::Critical, "critical"}, {StatusState::Offline, "offline"},
};

} // namespace

QString statusStateName(StatusState state)
{
    const QString name = EnumNames::nameOf(state, kStates);
    return name.isEmpty() ? QStringLiteral("unknown") : name;
}

std::optional<StatusState> statusStateFromName(const QString &name)
{
    return EnumNames::valueOf(name, kStates);
}

bool holdsDeliveries(StatusState state)
{
    return state == StatusState::Incommunicado || state == StatusState::Critical;
}

int statusSeverity(StatusState state)
{
    switch (state) {
    case StatusState::Online: return 0;
    case StatusState::Unknown: return 1;
    case StatusState::Degraded: return 2;
    case StatusState::Offline: return 3;
    case StatusState::Incommunicado: return 4;
    case StatusState::Critical: return 5;
    }
    return 0;
}

QJsonObject SignalDetail::toJson() const
{
    return {{QStringLiteral("state"),
             !known            ? QStringLiteral("unknown")
                     : failing ? QStringLiteral("failing")
                               : QStringLiteral("ok")},
            {QStringLiteral("consecutive_failures"), consecutiveFailures},
            {QStringLiteral("last_success"), timeOrNull(lastSuccess)},
            {QStringLiteral("last_failure"), timeOrNull(lastFailure)},
            {QStringLiteral("last_error"),
             lastError.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(lastError)}};
}

SignalDetail SignalDetail::fromJson(const QJsonObject &json)
{
    SignalDetail d;
    const QString state = json.value(QStringLiteral("state")).toString();
    d.known = state == QLatin1String("ok") || state == QLatin1String("failing");
    d.failing = state == QLatin1String("failing");
    d.consecutiveFailures = json.value(QStringLiteral("consecutive_failures")).toInt();
    d.lastSuccess = fromRfc3339(json.value(QStringLiteral("last_success")).toString());
    d.lastFailure = fromRfc3339(json.value(QStringLiteral("last_failure")).toString());
    d.lastError = json.value(QStringLiteral("last_error")).toString();
    return d;
}

QJsonObject AckFlow::toJson() const
{
    return {{QStringLiteral("wired"), wired},
            {QStringLiteral("last_ack_at"), timeOrNull(lastAck)},
            {QStringLiteral("window_s"), windowS},
            {QStringLiteral("unconfirmed"), unconfirmed}};
}

AckFlow AckFlow::fromJson(const QJsonObject &json)
{
    AckFlow a;
    a.wired = json.value(QStringLiteral("wired")).toBool();
    a.lastAck = fromRfc3339(json.value(QStringLiteral("last_ack_at")).toString());
    a.windowS = json.value(QStringLiteral("window_s")).toInt();
    a.unconfirmed = json.value(QStringLiteral("unconfirmed")).toInt();
    return a;
}

QJsonObject CommunicationStatus::toJson() const
{
    return {{QStringLiteral("state"), statusStateName(state)},
            {QStringLiteral("reason"), reason},
            {QStringLiteral("reason_code"),
             reasonCode ? QJsonValue(statusReasonName(*reasonCode)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("reason_args"), reasonArgs},
            {QStringLiteral("confidence"), confidence},
            {QStringLiteral("since"), timeOrNull(since)},
            {QStringLiteral("last_communication"), timeOrNull(lastCommunication)},
            {QStringLiteral("affected_orders"), counts.affectedOrders},
            {QStringLiteral("affected_without_order"), counts.affectedWithoutOrder},
            {QStringLiteral("failed"),
             QJsonObject{{QStringLiteral("count"), counts.failed},
                         {QStringLiteral("for_recipient"), counts.failedForRecipient}}},
            {QStringLiteral("waiting"),
             QJsonObject{{QStringLiteral("count"), counts.waiting},
                         {QStringLiteral("oldest_since"), timeOrNull(counts.oldestWaitingSince)},
                         {QStringLiteral("held"), counts.held},
                         {QStringLiteral("held_channels"),
                          QJsonArray::fromStringList(counts.heldChannels)}}},
            {QStringLiteral("restored"), restored},
            {QStringLiteral("signals"),
             QJsonObject{{QStringLiteral("healthcheck"), healthcheck.toJson()},
                         {QStringLiteral("deliveries"), deliveries.toJson()},
                         {QStringLiteral("bot"), bot.toJson()},
                         {QStringLiteral("store"), store.toJson()}}},
            {QStringLiteral("whatsapp_acks"), whatsappAcks.toJson()},
            {QStringLiteral("whatsapp_enabled"), whatsappEnabled},
            {QStringLiteral("demo"), demo}};
}

CommunicationStatus CommunicationStatus::fromJson(const QJsonObject &json)
{
    CommunicationStatus s;
    s.state = statusStateFromName(json.value(QStringLiteral("state")).toString())
                      .value_or(StatusState::Unknown);
    s.reason = json.value(QStringLiteral("reason")).toString();
    s.reasonCode = statusReasonFromName(json.value(QStringLiteral("reason_code")).toString());
    s.reasonArgs = json.value(QStringLiteral("reason_args")).toObject();
    s.confidence = json.value(QStringLiteral("confidence")).toDouble();
    s.since = fromRfc3339(json.value(QStringLiteral("since")).toString());
    s.lastCommunication = fromRfc3339(json.value(QStringLiteral("last_communication")).toString());
    s.counts.affectedOrders = json.value(QStringLiteral("affected_orders")).toInt();
    s.counts.affectedWithoutOrder = json.value(QStringLiteral("affected_without_order")).toInt();
    const QJsonObject failed = json.value(QStringLiteral("failed")).toObject();
    s.counts.failed = failed.value(QStringLiteral("count")).toInt();
    s.counts.failedForRecipient = failed.value(QStringLiteral("for_recipient")).toInt();
    const QJsonObject waiting = json.value(QStringLiteral("waiting")).toObject();
    s.counts.waiting = waiting.value(QStringLiteral("count")).toInt();
    s.counts.oldestWaitingSince =
            fromRfc3339(waiting.value(QStringLiteral("oldest_since")).toString());
    s.counts.held = waiting.value(QStringLiteral("held")).toBool();
    for (const QJsonValue channel : waiting.value(QStringLiteral("held_channels")).toArray())
        s.counts.heldChannels << channel.toString();
    s.restored = json.value(QStringLiteral("restored")).toBool();
    const QJsonObject sig = json.value(QStringLiteral("signals")).toObject();
    s.healthcheck = SignalDetail::fromJson(sig.value(QStringLiteral("healthcheck")).toObject());
    s.deliveries = SignalDetail::fromJson(sig.value(QStringLiteral("deliveries")).toObject());
    s.bot = SignalDetail::fromJson(sig.value(QStringLiteral("bot")).toObject());
    s.store = SignalDetail::fromJson(sig.value(QStringLiteral("store")).toObject());
    s.whatsappAcks = AckFlow::fromJson(json.value(QStringLiteral("whatsapp_acks")).toObject());
    // An older vigiad does not say: it always had WhatsApp.
    s.whatsappEnabled = json.value(QStringLiteral("whatsapp_enabled")).toBool(true);
    s.demo = json.value(QStringLiteral("demo")).toBool();
    return s;
}

} // namespace Vigia

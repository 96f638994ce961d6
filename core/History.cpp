#include "History.h"

#include "TimeCodec.h"

#include <QJsonArray>

namespace Vigia {

void ChannelActivity::merge(const ChannelActivity &other)
{
    const int before = delivered;
    enqueued += other.enqueued;
    attempts += other.attempts;
    delivered += other.delivered;
    retried += other.retried;
    failed += other.failed;
    resolved += other.resolved;
    if (other.latencyP50Ms >= 0) {
        latencyP50Ms = latencyP50Ms < 0 || delivered == 0
                ? other.latencyP50Ms
                : int((qint64(latencyP50Ms) * before + qint64(other.latencyP50Ms) * other.delivered)
                      / delivered);
        latencyP95Ms = qMax(latencyP95Ms, other.latencyP95Ms);
    }
}

QJsonObject ChannelActivity::toJson() const
{
    const auto ms = [](int v) { return v < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(v); };
    return {{QStringLiteral("enqueued"), enqueued},
            {QStringLiteral("attempts"), attempts},
            {QStringLiteral("delivered"), delivered},
            {QStringLiteral("retried"), retried},
            {QStringLiteral("failed"), failed},
            {QStringLiteral("resolved"), resolved},
            {QStringLiteral("latency_p50_ms"), ms(latencyP50Ms)},
            {QStringLiteral("latency_p95_ms"), ms(latencyP95Ms)}};
}

ChannelActivity ChannelActivity::fromJson(const QJsonObject &json)
{
    ChannelActivity a;
    a.enqueued = json.value(QStringLiteral("enqueued")).toInt();
    a.attempts = json.value(QStringLiteral("attempts")).toInt();
    a.delivered = json.value(QStringLiteral("delivered")).toInt();
    a.retried = json.value(QStringLiteral("retried")).toInt();
    a.failed = json.value(QStringLiteral("failed")).toInt();
    a.resolved = json.value(QStringLiteral("resolved")).toInt();
    a.latencyP50Ms = json.value(QStringLiteral("latency_p50_ms")).toInt(-1);
    a.latencyP95Ms = json.value(QStringLiteral("latency_p95_ms")).toInt(-1);
    return a;
}

ChannelActivity HistoryBucket::total() const
{
    ChannelActivity sum;
    for (const ChannelActivity &a : channels)
        sum.merge(a);
    return sum;
}

QJsonObject HistoryBucket::toJson() const
{
    QJsonObject byChannel;
    for (auto it = channels.cbegin(); it != channels.cend(); ++it)
        byChannel.insert(it.key(), it.value().toJson());
    const auto count = [](int v) { return v < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(v); };
    return {{QStringLiteral("at"), toRfc3339(at)},
            {QStringLiteral("step_s"), stepS},
            {QStringLiteral("channels"), byChannel},
            {QStringLiteral("waiting"), count(waiting)},
            {QStringLiteral("failed_total"), count(failedTotal)},
            {QStringLiteral("state"),
             state == StatusState::Unknown ? QJsonValue(QJsonValue::Null)
                                           : QJsonValue(statusStateName(state))}};
}

std::optional<HistoryBucket> HistoryBucket::fromJson(const QJsonObject &json)
{
    HistoryBucket b;
    b.at = fromRfc3339(json.value(QStringLiteral("at")).toString());
    b.stepS = json.value(QStringLiteral("step_s")).toInt();
    if (!b.at.isValid() || b.stepS <= 0)
        return std::nullopt;
    const QJsonObject byChannel = json.value(QStringLiteral("channels")).toObject();
    for (auto it = byChannel.begin(); it != byChannel.end(); ++it)
        b.channels.insert(it.key(), ChannelActivity::fromJson(it.value().toObject()));
    b.waiting = json.value(QStringLiteral("waiting")).toInt(-1);
    b.failedTotal = json.value(QStringLiteral("failed_total")).toInt(-1);
    b.state = statusStateFromName(json.value(QStringLiteral("state")).toString())
                      .value_or(StatusState::Unknown);
    return b;
}

QJsonObject StatusPeriod::toJson() const
{
    return {{QStringLiteral("from"), toRfc3339(from)},
            {QStringLiteral("to"),
             to.isValid() ? QJsonValue(toRfc3339(to)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("state"), statusStateName(state)},
            {QStringLiteral("reason_code"), reasonCode}};
}

std::optional<StatusPeriod> StatusPeriod::fromJson(const QJsonObject &json)
{
    StatusPeriod p;
    p.from = fromRfc3339(json.value(QStringLiteral("from")).toString());
    const auto state = statusStateFromName(json.value(QStringLiteral("state")).toString());
    if (!p.from.isValid() || !state)
        return std::nullopt;
    p.state = *state;
    p.to = fromRfc3339(json.value(QStringLiteral("to")).toString());
    p.reasonCode = json.value(QStringLiteral("reason_code")).toString();
    return p;
}

} // namespace Vigia

#include "Digest.h"

#include "TimeCodec.h"

#include <QJsonArray>

namespace Vigia {

bool Digest::hasNews(const QString &self) const
{
    // Deliveries alone are the daily routine; after retries they are a recovery.
    const bool recovered = activity.retried > 0 && activity.delivered > 0;
    return !changes().isEmpty() || activity.failed > 0 || activity.resolved > 0 || recovered
            || !incidents.isEmpty() || !actionsBesides(self).isEmpty();
}

QList<AuditEntry> Digest::actionsBesides(const QString &self) const
{
    QList<AuditEntry> out;
    for (const AuditEntry &a : actions) {
        if (a.actor != self)
            out.append(a);
    }
    return out;
}

QList<StatusPeriod> Digest::changes() const
{
    // A period in the state of the one before it (vigiad restarted, say) is
    // no change: it lengthens that one. Before the first record, vigiad knew
    // of no trouble.
    QList<StatusPeriod> out;
    StatusState before = StatusState::Online;
    for (const StatusPeriod &p : periods) {
        if (p.state == before) {
            if (!out.isEmpty() && out.last().state == p.state)
                out.last().to = p.to;
            continue;
        }
        before = p.state;
        if (p.from > since)
            out.append(p);
    }
    return out;
}

std::optional<Digest> Digest::fromJson(const QJsonObject &json)
{
    Digest d;
    d.since = fromRfc3339(json.value(QStringLiteral("since")).toString());
    d.until = fromRfc3339(json.value(QStringLiteral("until")).toString());
    if (!d.since.isValid() || !d.until.isValid())
        return std::nullopt;
    d.sinceTruncated = json.value(QStringLiteral("since_truncated")).toBool();
    d.activity = ChannelActivity::fromJson(json.value(QStringLiteral("activity")).toObject());
    for (const QJsonValue v : json.value(QStringLiteral("periods")).toArray()) {
        if (std::optional<StatusPeriod> p = StatusPeriod::fromJson(v.toObject()))
            d.periods.append(*p);
    }
    for (const QJsonValue v : json.value(QStringLiteral("incidents")).toArray()) {
        if (std::optional<Incident> i = Incident::fromJson(v.toObject()))
            d.incidents.append(*i);
    }
    const QJsonObject now = json.value(QStringLiteral("now")).toObject();
    d.nowState = statusStateFromName(now.value(QStringLiteral("state")).toString())
                         .value_or(StatusState::Unknown);
    for (const QJsonValue v : json.value(QStringLiteral("actions")).toArray()) {
        if (std::optional<AuditEntry> a = AuditEntry::fromJson(v.toObject()))
            d.actions.append(*a);
    }
    d.actionsTruncated = json.value(QStringLiteral("actions_truncated")).toBool();
    return d;
}

} // namespace Vigia

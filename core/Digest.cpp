#include "Digest.h"

#include "TimeCodec.h"

#include <QJsonArray>

namespace Vigia {

bool Digest::hasNews(const QString &self) const
{
    return !changes().isEmpty() || activity.failed > 0 || activity.resolved > 0
            || activity.delivered > 0 || !incidents.isEmpty() || !actionsBesides(self).isEmpty();
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
    QList<StatusPeriod> out;
    for (const StatusPeriod &p : periods) {
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

#pragma once

#include "AuditEntry.h"
#include "History.h"
#include "Incident.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace Vigia {

// GET /v1/digest: what changed on vigiad between `since` and `until`, for a
// console that was away.
struct Digest
{
    QDateTime since; // as the server kept it (later than asked when truncated)
    QDateTime until;
    bool sinceTruncated = false;
    ChannelActivity activity; // every channel
    QList<StatusPeriod> periods; // oldest first; the first may start before `since`
    QList<Incident> incidents;
    StatusState nowState = StatusState::Unknown;
    QList<AuditEntry> actions; // admins only; empty for other roles
    bool actionsTruncated = false;

    // The state changed, something failed or was resolved, deliveries
    // recovered after retries, an incident was open, or someone other than
    // `self` acted. Deliveries alone are no news.
    bool hasNews(const QString &self) const;
    // The actions of everyone but `self`.
    QList<AuditEntry> actionsBesides(const QString &self) const;
    // The state changes inside the digest: each period that started after
    // `since` in another state than the one before it, lasting until the
    // state changed again.
    QList<StatusPeriod> changes() const;

    static std::optional<Digest> fromJson(const QJsonObject &json);
};

} // namespace Vigia

#pragma once

#include "StoreTypes.h"

namespace Vigia {

// What happened: the operators' audit log, the diagnosis' incidents and the
// webhook events already handled.
class IncidentStore
{
public:
    virtual ~IncidentStore() = default;

    // Operator actions, newest first.
    virtual void appendAudit(const AuditEntry &entry) = 0;
    // Newest first; with a target, only the entries about it (one notification's).
    virtual QList<AuditEntry> audit(int limit, const QString &target = QString()) = 0;
    // Oldest first, from `since` on (the "while you were away" digest).
    virtual QList<AuditEntry> auditSince(const QDateTime &since, int limit) = 0;
    // Retention: deletes up to `limit` audit entries from before olderThan,
    // or closed incidents that ended before it (an open one is kept). How
    // many went, -1 when the store failed.
    virtual int purgeAudit(const QDateTime &olderThan, int limit) = 0;
    virtual int purgeIncidents(const QDateTime &olderThan, int limit) = 0;

    // Incidents found by the diagnosis.
    virtual bool saveIncident(const Incident &incident) = 0; // insert or update by id
    virtual QList<Incident> incidents(int limit) = 0; // newest first
    virtual std::optional<Incident> openIncident() = 0;

    // The last status vigiad computed (CommunicationStatus::toJson()), kept so
    // that a restart starts from what was known instead of "unknown".
    virtual bool saveLastStatus(const QJsonObject &status, const QDateTime &now) = 0;
    virtual QJsonObject lastStatus() = 0; // empty when none was saved

    // Webhook event ids already handled; false when eventId was seen before.
    virtual bool rememberWebhookEvent(const QString &eventId, const QDateTime &now) = 0;
};

} // namespace Vigia

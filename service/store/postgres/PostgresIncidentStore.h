#pragma once

#include "IncidentStore.h"
#include "PostgresSupport.h"

namespace Vigia {

// Audit log, incidents, handled webhook events and the last status on
// PostgreSQL, shared by every instance: a webhook event WAHA sends to two
// instances is handled once (the event id's primary key decides).
class PostgresIncidentStore : public virtual IncidentStore, protected virtual PostgresConnection
{
public:
    void appendAudit(const AuditEntry &entry) override;
    QList<AuditEntry> audit(int limit, const QString &target = QString()) override;
    QList<AuditEntry> auditSince(const QDateTime &since, int limit) override;
    int purgeAudit(const QDateTime &olderThan, int limit) override;
    int purgeIncidents(const QDateTime &olderThan, int limit) override;
    bool saveIncident(const Incident &incident) override;
    QList<Incident> incidents(int limit) override;
    std::optional<Incident> openIncident() override;
    bool rememberWebhookEvent(const QString &eventId, const QDateTime &now) override;
    bool saveLastStatus(const QJsonObject &status, const QDateTime &now) override;
    QJsonObject lastStatus() override;
    // The bot's last heartbeat, whichever instance received it: the leader
    // evaluates the status from it. Kept only when later than the one stored.
    bool saveHeartbeat(const QDateTime &at);
    QDateTime lastHeartbeat(); // invalid when none was saved

protected:
    PostgresIncidentStore() = default;

private:
    // Deletes up to the rows `selection` picks from `table`, locked SKIP
    // LOCKED so instances running retention together do not collide.
    int purge(const QString &table, const QString &selection, const QVariantList &binds);
};

} // namespace Vigia

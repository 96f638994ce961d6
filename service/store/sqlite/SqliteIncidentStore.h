#pragma once

#include "IncidentStore.h"
#include "SqliteSupport.h"

class QSqlQuery;

namespace Vigia {

// Audit log, incidents and handled webhook events on SQLite.
class SqliteIncidentStore : public virtual IncidentStore, protected virtual SqliteConnection
{
public:
    void appendAudit(const AuditEntry &entry) override;
    QList<AuditEntry> audit(int limit, const QString &target = QString()) override;
    QList<AuditEntry> auditSince(const QDateTime &since, int limit) override;
    int purgeAudit(const QDateTime &olderThan, int limit) override;
    int purgeIncidents(const QDateTime &olderThan, int limit) override;

    // Retention's selections, public so a test can check their plans.
    static QString purgeAuditSql();
    static QString purgeIncidentsSql();
    bool saveIncident(const Incident &incident) override;
    QList<Incident> incidents(int limit) override;
    std::optional<Incident> openIncident() override;
    bool rememberWebhookEvent(const QString &eventId, const QDateTime &now) override;
    bool saveLastStatus(const QJsonObject &status, const QDateTime &now) override;
    QJsonObject lastStatus() override;

protected:
    SqliteIncidentStore() = default;

private:
    QList<Incident> readIncidents(QSqlQuery &query);
};

} // namespace Vigia

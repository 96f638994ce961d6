#include "AuditTrail.h"

#include "Clock.h"
#include "IncidentStore.h"
#include "LiveJournal.h"

namespace Vigia {

AuditTrail::AuditTrail(IncidentStore *store, LiveJournal *journal, const Clock *clock)
    : m_store(store), m_journal(journal), m_clock(clock)
{ }

void AuditTrail::record(const QString &actor, AuditAction action, const QString &target,
                        const QString &outcome, const QJsonObject &detail)
{
    m_store->appendAudit(
            {QString(), m_clock->now(), actor, auditActionName(action), target, outcome, detail});
    if (m_journal) {
        // Read the stored entry back so the live row carries the same id as GET /v1/audit.
        const QList<AuditEntry> latest = m_store->audit(1);
        if (!latest.isEmpty())
            m_journal->publish(LiveEventType::Audit, latest.constFirst().toJson());
    }
}

} // namespace Vigia

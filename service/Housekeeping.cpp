#include "Housekeeping.h"

#include "AuditTrail.h"
#include "Clock.h"
#include "LiveJournal.h"
#include "Store.h"

#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHousekeeping, "vigia.housekeeping", QtInfoMsg)

namespace Vigia {

Housekeeping::Housekeeping(Store *store, LiveJournal *journal, const Clock *clock,
                           const RetentionPolicy &policy, QObject *parent)
    : QObject(parent),
      m_store(store),
      m_journal(journal),
      m_clock(clock),
      m_policy(policy),
      m_nextBatch(this, [this] { step(); })
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_timer.start(m_policy.intervalMs);
        runNow();
    });
}

Housekeeping::~Housekeeping() = default;

void Housekeeping::start()
{
    m_timer.start(m_policy.firstRunDelayMs);
}

void Housekeeping::runNow()
{
    if (isRunning())
        return;
    m_now = m_clock->now();
    m_counts = {};
    m_phase = Phase::Notifications;
    m_nextBatch.request();
}

QDateTime Housekeeping::cutoff(const QDateTime &now, int days)
{
    return days > 0 ? now.addDays(-days) : QDateTime();
}

bool Housekeeping::deleteBatch()
{
    int days = 0;
    int *count = nullptr;
    switch (m_phase) {
    case Phase::Notifications:
        days = m_policy.notificationsDays;
        count = &m_counts.notifications;
        break;
    case Phase::Audit:
        days = m_policy.auditDays;
        count = &m_counts.audit;
        break;
    case Phase::Incidents:
        days = m_policy.incidentsDays;
        count = &m_counts.incidents;
        break;
    case Phase::Idle: return false;
    }
    if (days == 0)
        return false;
    const QDateTime before = cutoff(m_now, days);
    const int limit = m_policy.batchSize;
    const int removed = m_phase == Phase::Notifications ? m_store->purgeFinished(before, limit)
            : m_phase == Phase::Audit                   ? m_store->purgeAudit(before, limit)
                                                        : m_store->purgeIncidents(before, limit);
    if (removed < 0) {
        m_counts.failed = true;
        return false;
    }
    *count += removed;
    return removed == limit;
}

void Housekeeping::step()
{
    if (deleteBatch()) {
        m_nextBatch.request();
        return;
    }
    switch (m_phase) {
    case Phase::Notifications: m_phase = Phase::Audit; break;
    case Phase::Audit: m_phase = Phase::Incidents; break;
    case Phase::Incidents:
    case Phase::Idle: finishRun(); return;
    }
    m_nextBatch.request();
}

void Housekeeping::finishRun()
{
    m_phase = Phase::Idle;
    const Counts counts = m_counts;
    m_lastRun = counts;
    if (counts.notifications > 0 && m_journal)
        m_journal->publish(LiveEventType::QueueCleanup,
                           {{QStringLiteral("removed"), counts.notifications}});
    if (counts.notifications > 0 || counts.audit > 0 || counts.incidents > 0 || counts.failed) {
        const QJsonObject detail{
                {QStringLiteral("notifications"), counts.notifications},
                {QStringLiteral("audit"), counts.audit},
                {QStringLiteral("incidents"), counts.incidents},
                {QStringLiteral("notifications_days"), m_policy.notificationsDays},
                {QStringLiteral("audit_days"), m_policy.auditDays},
                {QStringLiteral("incidents_days"), m_policy.incidentsDays},
        };
        AuditTrail(m_store, m_journal, m_clock)
                .record(QStringLiteral("vigiad"), AuditAction::Retention, QString(),
                        counts.failed ? QStringLiteral("failed") : QStringLiteral("ok"), detail);
        qCInfo(lcHousekeeping).nospace()
                << "retention deleted " << counts.notifications << " notifications, "
                << counts.audit << " audit entries and " << counts.incidents << " incidents"
                << (counts.failed ? " (a batch failed; see above)" : "");
    }
    Q_EMIT runFinished();
}

} // namespace Vigia

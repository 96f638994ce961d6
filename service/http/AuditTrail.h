#pragma once

#include "WireContract.h"

#include <QJsonObject>
#include <QString>

namespace Vigia {

class Clock;
class LiveJournal;
class IncidentStore;

// Every operator action, stored with who, when and the outcome, and shown
// live to admin consoles.
class AuditTrail final
{
public:
    AuditTrail(IncidentStore *store, LiveJournal *journal, const Clock *clock);

    // action: one of the names the console translates (kAllAuditActions).
    void record(const QString &actor, AuditAction action, const QString &target,
                const QString &outcome, const QJsonObject &detail = {});

private:
    IncidentStore *m_store;
    LiveJournal *m_journal;
    const Clock *m_clock;
};

} // namespace Vigia

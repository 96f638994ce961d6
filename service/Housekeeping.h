#pragma once

#include "NextPass.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

namespace Vigia {

class Clock;
class LiveJournal;
class Store;

// How long vigiad keeps what is finished. 0 days keeps it forever.
struct RetentionPolicy
{
    int notificationsDays = 30; // delivered or resolved, with their attempts
    int auditDays = 365;
    int incidentsDays = 365; // closed ones; an open incident is always kept
    int batchSize = 500; // rows per transaction; the event loop runs between batches
    int intervalMs = 3600 * 1000;
    int firstRunDelayMs = 60 * 1000; // soon after start, not during it
};

// Deletes what the retention policy says is old enough: once shortly after
// start, then on an interval, a bounded batch per event-loop pass so requests
// and deliveries keep flowing during a large first run. A run that deleted
// something (or failed) is audited with its counts. Never touches a
// notification that is pending, sending or failed and unresolved.
class Housekeeping final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Housekeeping)

public:
    struct Counts
    {
        int notifications = 0;
        int audit = 0;
        int incidents = 0;
        bool failed = false;
    };

    Housekeeping(Store *store, LiveJournal *journal, const Clock *clock,
                 const RetentionPolicy &policy, QObject *parent = nullptr);
    ~Housekeeping() override;

    void start();
    // Begins a run now unless one is under way (the timer's runs do this).
    void runNow();
    bool isRunning() const { return m_phase != Phase::Idle; }
    // What the last finished run deleted.
    Counts lastRun() const { return m_lastRun; }

Q_SIGNALS:
    void runFinished();

private:
    enum class Phase { Idle, Notifications, Audit, Incidents };

    void step();
    // One batch of the current phase; false when the phase has nothing left.
    bool deleteBatch();
    void finishRun();
    static QDateTime cutoff(const QDateTime &now, int days);

    Store *m_store;
    LiveJournal *m_journal;
    const Clock *m_clock;
    RetentionPolicy m_policy;
    QTimer m_timer;
    NextPass m_nextBatch;
    Phase m_phase = Phase::Idle;
    QDateTime m_now;
    Counts m_counts;
    Counts m_lastRun;
};

} // namespace Vigia

// StatusTracker's counts of what waits in the outbox: when to count again
// (spaced by what counting costs), and where (here, or on the count thread
// once a large backlog makes counting slow).
#include "StatusTracker.h"

#include "OutboxStore.h"
#include "StoreConnectionThread.h"

namespace Vigia {

void StatusTracker::scheduleEvaluate()
{
    m_changedSinceCount = true;
    if (m_recountLater.isActive())
        return;
    const int interval = recountIntervalMs();
    const qint64 since = m_sinceRecount.isValid() ? m_sinceRecount.elapsed() : interval;
    if (since >= interval)
        m_evaluatePass.request();
    else
        m_recountLater.start(int(interval - since));
}

int StatusTracker::recountIntervalMs() const
{
    return int(qBound(qint64(kMinRecountMs), kRecountCostFactor * m_lastRecountCostMs,
                      qint64(kMaxRecountMs)));
}

void StatusTracker::setCountThread(StoreConnectionThread *countThread, int backgroundAtMs)
{
    m_countThread = countThread;
    m_backgroundAtMs = backgroundAtMs;
}

bool StatusTracker::countsInBackground() const
{
    if (!m_countThread)
        return false;
    // Back to this thread only once a count costs well under the mark: the
    // thread's connection, its cache warm, counts faster than the loop's
    // would, and the counts would otherwise go back and forth.
    return m_countingInBackground ? m_lastRecountCostMs * 2 >= m_backgroundAtMs
                                  : m_lastRecountCostMs >= m_backgroundAtMs;
}

void StatusTracker::recountInBackground(bool heldIsAffected)
{
    if (m_countInFlight) {
        m_countAgain = true;
        return;
    }
    m_countInFlight = true;
    const bool settles = std::exchange(m_changedSinceCount, false);
    const QPointer<StatusTracker> self(this);
    using Counted = std::pair<OutboxCounts, qint64>; // and what counting cost, in ms
    m_countThread->run(
            [heldIsAffected](OutboxStore &store) {
                QElapsedTimer took;
                took.start();
                const OutboxCounts counts = store.outboxCounts(heldIsAffected);
                return Counted{counts, took.elapsed()};
            },
            [self, heldIsAffected, settles](const Counted &answer) {
                if (!self)
                    return;
                const auto &[counts, costMs] = answer;
                self->m_countInFlight = false;
                // Still spaced by their cost: counting takes a core, if not this one.
                self->m_lastRecountCostMs = costMs;
                const bool heldNow = holdsDeliveries(self->m_status.state);
                if (heldIsAffected == heldNow) {
                    OutboxCounts counted = counts;
                    counted.held = heldIsAffected;
                    self->m_countedInBackground = counted;
                    self->m_settleCounts = self->m_settleCounts || settles;
                    self->evaluate(Recount::No);
                } else if (settles) {
                    self->m_changedSinceCount = true; // not used: the next count settles
                }
                // Changes came meanwhile, or the outage began or ended: count again.
                if (std::exchange(self->m_countAgain, false) || heldIsAffected != heldNow)
                    self->recountInBackground(holdsDeliveries(self->m_status.state));
            });
}

bool StatusTracker::recountTooSoon() const
{
    // Cheap recounts (a small backlog) are never put off: the counts then
    // follow every change, as tests and small installs expect.
    return recountIntervalMs() > kMinRecountMs && m_sinceRecount.isValid()
            && m_sinceRecount.elapsed() < recountIntervalMs();
}

} // namespace Vigia

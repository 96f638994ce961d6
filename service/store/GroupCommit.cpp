#include "GroupCommit.h"

namespace Vigia {

GroupCommit::GroupCommit(QObject *parent) : QObject(parent)
{
    m_soonTimer.setSingleShot(true);
    m_soonTimer.setTimerType(Qt::PreciseTimer);
    m_soonTimer.setInterval(kSoonMs);
    connect(&m_soonTimer, &QTimer::timeout, this, &GroupCommit::askForFlush);
}

GroupCommit::~GroupCommit() = default;

void GroupCommit::stopFlushing()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
}

bool GroupCommit::queueUnlessDurable(std::function<void()> &then, quint64 *committed)
{
    // Read once: writers on other threads commit meanwhile.
    *committed = m_committed;
    if (m_waiting.empty() && m_asked >= *committed) {
        const std::lock_guard lock(m_mutex);
        if (m_flushed >= *committed)
            return true;
    }
    m_waiting.emplace_back(*committed, std::move(then));
    return false;
}

void GroupCommit::whenDurable(std::function<void()> then)
{
    quint64 committed = 0;
    if (queueUnlessDurable(then, &committed))
        then();
    else
        askForFlush();
}

void GroupCommit::whenDurableSoon(std::function<void()> then)
{
    quint64 committed = 0;
    if (queueUnlessDurable(then, &committed))
        then();
    else if (m_asked < committed && !m_soonTimer.isActive())
        m_soonTimer.start();
}

void GroupCommit::askForFlush()
{
    m_soonTimer.stop();
    const quint64 committed = m_committed;
    if (m_asked >= committed)
        return;
    m_asked = committed;
    {
        const std::lock_guard lock(m_mutex);
        m_flushTarget = m_asked;
    }
    m_wake.notify_one();
}

quint64 GroupCommit::flushCount() const
{
    const std::lock_guard lock(m_mutex);
    return m_flushCount;
}

void GroupCommit::runFlushLoop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || m_flushTarget > m_flushed; });
        if (m_flushTarget > m_flushed) {
            // Every commit up to the target returned before it was asked for.
            const quint64 target = m_flushTarget;
            lock.unlock();
            QString error;
            if (!flushDurably(&error))
                qFatal("vigiad: %s; stopping so that nothing unsaved is reported as stored",
                       qPrintable(error));
            lock.lock();
            m_flushed = target;
            ++m_flushCount;
            QMetaObject::invokeMethod(
                    this, [this, target] { runDurable(target); }, Qt::QueuedConnection);
            continue;
        }
        if (m_stopping)
            return;
    }
}

void GroupCommit::runDurable(quint64 flushed)
{
    while (!m_waiting.empty() && m_waiting.front().first <= flushed) {
        const std::function<void()> then = std::move(m_waiting.front().second);
        m_waiting.pop_front();
        then();
    }
}

} // namespace Vigia

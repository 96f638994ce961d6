#pragma once

#include <QList>

#include <utility>

namespace Vigia {

// A table is loaded as a snapshot while the live feed keeps running. The
// live events that arrive before the snapshot answers are applied at once
// and also held; once the snapshot replaces the table they are applied
// again on top of it, so a change is never lost to a snapshot taken a
// moment earlier. One of these per table.
template<typename Event>
class SnapshotLoad final
{
public:
    void begin()
    {
        m_loading = true;
        m_held.clear();
    }
    bool loading() const { return m_loading; }
    // Called for every live event of this table.
    void hold(const Event &event)
    {
        if (m_loading)
            m_held.append(event);
    }
    // The snapshot answered: what arrived meanwhile, to apply on top of it.
    QList<Event> finish()
    {
        m_loading = false;
        return std::exchange(m_held, {});
    }

private:
    bool m_loading = false;
    QList<Event> m_held;
};

} // namespace Vigia

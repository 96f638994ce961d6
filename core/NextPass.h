#pragma once

#include <QObject>

#include <functional>

namespace Vigia {

// Runs `work` once on the next pass of the event loop, however often it was
// asked for meanwhile: a burst of requests, answers or signals becomes one
// batch (one transaction, one evaluation). Meant as a member of `context`,
// whose thread runs the work; if the context goes first, nothing runs.
class NextPass final
{
    Q_DISABLE_COPY_MOVE(NextPass)

public:
    NextPass(QObject *context, std::function<void()> work)
        : m_context(context), m_work(std::move(work))
    { }
    ~NextPass() = default;

    void request()
    {
        if (m_queued)
            return;
        m_queued = true;
        QMetaObject::invokeMethod(
                m_context,
                [this] {
                    m_queued = false;
                    m_work();
                },
                Qt::QueuedConnection);
    }
    bool isQueued() const { return m_queued; }

private:
    QObject *m_context;
    std::function<void()> m_work;
    bool m_queued = false;
};

} // namespace Vigia

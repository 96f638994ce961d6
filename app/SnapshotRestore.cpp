#include "SnapshotRestore.h"

#include "LocalSnapshot.h"

#include <QMutex>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <optional>
#include <utility>

namespace Vigia {

struct SnapshotRestore::Shared
{
    struct Chunk
    {
        bool waiting = false;
        QList<Notification> rows;
    };
    QMutex mutex;
    QList<Chunk> ready; // read, not handed over yet
    bool done = false; // the worker read every range
    bool scheduled = false; // a handOver() is on its way to the GUI thread
    bool finished = false; // finished() was emitted
    std::atomic<bool> cancelled{false};
};

SnapshotRestore::SnapshotRestore(QString filePath, QList<Range> ranges, int chunkRows,
                                 QObject *parent)
    : QObject(parent),
      m_path(std::move(filePath)),
      m_ranges(std::move(ranges)),
      m_chunkRows(qMax(1, chunkRows)),
      m_shared(std::make_shared<Shared>()),
      m_pool(new QThreadPool(this))
{
    m_pool->setMaxThreadCount(1);
}

SnapshotRestore::~SnapshotRestore()
{
    // The worker posts to this object: it must be done before it goes.
    m_shared->cancelled = true;
    m_pool->waitForDone();
}

void SnapshotRestore::start()
{
    const auto notify = [this](Shared &shared) {
        QMutexLocker lock(&shared.mutex);
        if (std::exchange(shared.scheduled, true))
            return;
        QMetaObject::invokeMethod(this, &SnapshotRestore::handOver, Qt::QueuedConnection);
    };
    m_pool->start(
            [shared = m_shared, path = m_path, ranges = m_ranges, chunkRows = m_chunkRows, notify] {
                // A connection of its own, on this thread (LocalSnapshot opens one per call).
                LocalSnapshot file(path);
                const bool open = file.open();
                for (const Range &range : ranges) {
                    for (int from = range.from; open && !shared->cancelled;) {
                        QList<Notification> rows = file.readRows(range.waiting, from, chunkRows);
                        const bool last = rows.size() < chunkRows;
                        from += int(rows.size());
                        if (!rows.isEmpty()) {
                            {
                                QMutexLocker lock(&shared->mutex);
                                shared->ready.append({range.waiting, std::move(rows)});
                            }
                            notify(*shared);
                        }
                        if (last)
                            break;
                    }
                }
                {
                    QMutexLocker lock(&shared->mutex);
                    shared->done = true;
                }
                notify(*shared);
            });
}

void SnapshotRestore::handOver()
{
    // One chunk per turn: paints, input and the network get the turns between.
    std::optional<Shared::Chunk> chunk;
    bool more = false;
    bool finish = false;
    {
        QMutexLocker lock(&m_shared->mutex);
        if (!m_shared->ready.isEmpty())
            chunk = m_shared->ready.takeFirst();
        more = !m_shared->ready.isEmpty();
        m_shared->scheduled = more; // the worker leaves it to the call below
        if (m_shared->done && !more && !m_shared->finished) {
            m_shared->finished = true;
            finish = true;
        }
    }
    const QPointer<SnapshotRestore> alive(this);
    if (chunk)
        Q_EMIT rowsRead(chunk->waiting, chunk->rows);
    if (!alive)
        return; // a receiver let it go
    // After the chunk: what its receivers posted (a repaint) goes first.
    if (more)
        QTimer::singleShot(0, this, &SnapshotRestore::handOver);
    else if (finish)
        Q_EMIT finished();
}

} // namespace Vigia

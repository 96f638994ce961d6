#pragma once

#include "Notification.h"

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QThreadPool;

namespace Vigia {

// The rest of a long list in the local snapshot (LocalSnapshot), after its
// first rows were painted: read and decoded on a worker thread, handed to
// the GUI thread one chunk per turn of its event loop. Reading and decoding
// 1,000 rows costs more than a frame; inserting them costs little, so only
// that is left to the GUI thread. Destroying it stops the worker (after the
// chunk it is reading) and drops what was not handed over.
class SnapshotRestore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotRestore)

public:
    // One list's rows from position `from` to its end.
    struct Range
    {
        bool waiting = false; // the Waiting list, else Failed
        int from = 0;
    };

    SnapshotRestore(QString filePath, QList<Range> ranges, int chunkRows,
                    QObject *parent = nullptr);
    ~SnapshotRestore() override;

    void start();

Q_SIGNALS:
    // The next rows of one list, in the file's order.
    void rowsRead(bool waiting, const QList<Notification> &rows);
    // Every range was handed over.
    void finished();

private:
    struct Shared;
    void handOver();

    QString m_path;
    QList<Range> m_ranges;
    int m_chunkRows;
    std::shared_ptr<Shared> m_shared;
    QThreadPool *m_pool;
};

} // namespace Vigia

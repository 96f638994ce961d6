// The rest of a long list in the console's local file, read on a worker and
// handed to the GUI thread one chunk per turn of its event loop: every row
// once, in the file's order, each list after the other; the GUI thread is
// free between chunks; and letting it go half way stops the worker.
#include "LocalSnapshot.h"
#include "SnapshotRestore.h"
#include "TestMode.h"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Vigia;

namespace {

QList<Notification> rows(const QString &prefix, int count, NotificationState state)
{
    QList<Notification> list;
    for (int i = 0; i < count; ++i) {
        Notification n;
        n.id = QStringLiteral("%1-%2").arg(prefix).arg(i);
        n.orderId = QStringLiteral("PED-%1").arg(i);
        n.state = state;
        n.createdAt = QDateTime::fromMSecsSinceEpoch(1'780'000'000'000 + qint64(i) * 1000, Qt::UTC);
        n.updatedAt = n.createdAt;
        list.append(n);
    }
    return list;
}

} // namespace

class TstSnapshotRestore final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_path;

private Q_SLOTS:
    void initTestCase()
    {
        TestSupport::enterTestMode();
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("restore.sqlite"));
        LocalSnapshot file(m_path);
        QVERIFY(file.open());
        SnapshotContents contents;
        contents.takenAt = QDateTime::currentDateTimeUtc();
        contents.failed = rows(QStringLiteral("f"), 1030, NotificationState::Failed);
        contents.waiting = rows(QStringLiteral("w"), 260, NotificationState::Pending);
        QVERIFY(file.write(contents));
        QCOMPARE(file.rowCount(false), 1030);
        QCOMPARE(file.rowCount(true), 260);
    }

    void everyRowOnceInOrderOneChunkPerTurn()
    {
        SnapshotRestore restore(m_path, {{false, 30}, {true, 10}}, 100);
        QList<Notification> failed;
        QList<Notification> waiting;
        int chunks = 0;
        int delivered = 0; // events posted by one chunk's receiver, delivered
        // Their context, gone with this function: the last one may still be
        // queued when it returns, and must not run later on a dead `delivered`.
        QObject poster;
        bool interleaved = true;
        connect(&restore, &SnapshotRestore::rowsRead, this,
                [&](bool isWaiting, const QList<Notification> &chunk) {
                    QVERIFY(chunk.size() <= 100);
                    (isWaiting ? waiting : failed).append(chunk);
                    // What the previous chunk's receiver posted (a repaint,
                    // say) ran before this chunk came.
                    interleaved = interleaved && delivered == chunks;
                    ++chunks;
                    QMetaObject::invokeMethod(
                            &poster, [&delivered] { ++delivered; }, Qt::QueuedConnection);
                });
        QSignalSpy finished(&restore, &SnapshotRestore::finished);
        restore.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(failed.size(), 1000);
        QCOMPARE(waiting.size(), 250);
        for (int i = 0; i < failed.size(); ++i)
            QCOMPARE(failed.at(i).id, QStringLiteral("f-%1").arg(30 + i));
        QCOMPARE(waiting.first().id, QStringLiteral("w-10"));
        QCOMPARE(waiting.last().id, QStringLiteral("w-259"));
        QCOMPARE(chunks, 10 + 3);
        QVERIFY(interleaved);
    }

    void nothingLeftIsJustFinished()
    {
        SnapshotRestore restore(m_path, {{false, 1030}}, 100);
        QSignalSpy read(&restore, &SnapshotRestore::rowsRead);
        QSignalSpy finished(&restore, &SnapshotRestore::finished);
        restore.start();
        QVERIFY(finished.wait(10000));
        QCOMPARE(read.size(), 0);
    }

    void lettingItGoStopsTheWorker()
    {
        auto restore = std::make_unique<SnapshotRestore>(
                m_path, QList<SnapshotRestore::Range>{{false, 0}}, 10);
        int chunks = 0;
        connect(restore.get(), &SnapshotRestore::rowsRead, this, [&] {
            if (++chunks == 2)
                restore.reset(); // as the controller does when vigiad answers
        });
        restore->start();
        QTRY_VERIFY(!restore);
        // Nothing more arrives for the object that is gone.
        QTest::qWait(0);
        QCoreApplication::processEvents();
        QCOMPARE(chunks, 2);
    }
};

QTEST_GUILESS_MAIN(TstSnapshotRestore)
#include "tst_snapshotrestore.moc"

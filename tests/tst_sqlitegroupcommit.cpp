// Group commit (SqliteGroupCommit through SqliteStore with SqliteFlush::
// Grouped), against a real database file: what waits in whenDurable() runs
// only after the flushing thread has flushed, in the order asked; one flush
// covers every commit before it; the WAL is checkpointed into the database
// although SQLite's own auto-checkpoint is off; and what was committed is
// there after the store is closed and opened again.

#include "Clock.h"
#include "SqliteStore.h"
#include "TestSupport.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace Vigia;
using Vigia::TestSupport::enterTestMode;

namespace {

const QDateTime kNow(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

NotificationRequest request(const QString &orderId, qsizetype textLength = 40)
{
    NotificationRequest r;
    r.channel = Channel::WhatsApp;
    r.recipient = QStringLiteral("+584241234567");
    r.orderId = orderId;
    r.type = QStringLiteral("ORDER_READY");
    r.text = QString(textLength, u'x');
    return r;
}

} // namespace

class TstSqliteGroupCommit final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { enterTestMode(); }
    void init();
    void cleanup();

    void answerWaitsForTheFlush();
    void nothingPendingRunsAtOnce();
    void keepsTheOrderAsked();
    void oneFlushCoversEveryCommitBeforeIt();
    void soonAsksForItsOwnFlushWhenNobodyElseDoes();
    void soonRidesOnTheNextFlushAsked();
    void checkpointsTheWalIntoTheDatabase();
    void committedRowsSurviveReopening();
    void walStaysBoundedUnderWritesThatNeverPause();
    void aSecondConnectionsCommitsWaitForTheFlush();
    void twoWritersOnTwoThreadsLoseNothing();

private:
    bool enqueue(const QString &orderId, qsizetype textLength = 40);
    QString dbPath() const { return m_dir.filePath(QStringLiteral("vigia.db")); }

    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;
};

void TstSqliteGroupCommit::init()
{
    QVERIFY(m_dir.isValid());
    QFile::remove(dbPath());
    m_store = std::make_unique<SqliteStore>(dbPath(), SqliteFlush::Grouped);
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
}

void TstSqliteGroupCommit::cleanup()
{
    m_store.reset();
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(dbPath() + suffix);
}

bool TstSqliteGroupCommit::enqueue(const QString &orderId, qsizetype textLength)
{
    QString error;
    return !m_store->enqueueBatch({request(orderId, textLength)}, 4, kNow, &error).isEmpty();
}

void TstSqliteGroupCommit::answerWaitsForTheFlush()
{
    const quint64 flushesBefore = m_store->flushCount();
    QVERIFY(enqueue(QStringLiteral("A1")));
    bool answered = false;
    m_store->whenDurable([&answered] { answered = true; });
    // Not on the spot: the commit is in the WAL, not yet flushed.
    QVERIFY(!answered);
    QTRY_VERIFY(answered);
    QCOMPARE(m_store->flushCount(), flushesBefore + 1);
}

void TstSqliteGroupCommit::nothingPendingRunsAtOnce()
{
    bool answered = false;
    m_store->whenDurable([&answered] { answered = true; });
    QVERIFY(answered);

    QVERIFY(enqueue(QStringLiteral("A1")));
    bool flushed = false;
    m_store->whenDurable([&flushed] { flushed = true; });
    QTRY_VERIFY(flushed);
    // Everything is on disk again: a read-only answer does not wait.
    answered = false;
    m_store->whenDurable([&answered] { answered = true; });
    QVERIFY(answered);
}

void TstSqliteGroupCommit::keepsTheOrderAsked()
{
    QStringList order;
    QVERIFY(enqueue(QStringLiteral("A1")));
    m_store->whenDurable([&order] { order << QStringLiteral("first"); });
    QVERIFY(enqueue(QStringLiteral("A2")));
    m_store->whenDurable([&order] { order << QStringLiteral("second"); });
    // No commit of its own, but asked after the others: it must not overtake them.
    m_store->whenDurable([&order] { order << QStringLiteral("third"); });
    QVERIFY(order.isEmpty());
    QTRY_COMPARE(order.size(), 3);
    QCOMPARE(order,
             (QStringList{QStringLiteral("first"), QStringLiteral("second"),
                          QStringLiteral("third")}));
}

void TstSqliteGroupCommit::oneFlushCoversEveryCommitBeforeIt()
{
    const quint64 flushesBefore = m_store->flushCount();
    for (int i = 0; i < 50; ++i)
        QVERIFY(enqueue(QStringLiteral("B%1").arg(i)));
    int answered = 0;
    for (int i = 0; i < 50; ++i)
        m_store->whenDurable([&answered] { ++answered; });
    QTRY_COMPARE(answered, 50);
    QCOMPARE(m_store->flushCount(), flushesBefore + 1);
}

void TstSqliteGroupCommit::soonAsksForItsOwnFlushWhenNobodyElseDoes()
{
    bool ran = false;
    // Nothing waits to be flushed: at once, as whenDurable() would.
    m_store->whenDurableSoon([&ran] { ran = true; });
    QVERIFY(ran);

    const quint64 flushesBefore = m_store->flushCount();
    QVERIFY(enqueue(QStringLiteral("S1")));
    ran = false;
    m_store->whenDurableSoon([&ran] { ran = true; });
    QVERIFY(!ran);
    // Nobody else asks: it asks itself, a few milliseconds later.
    QTRY_VERIFY(ran);
    QCOMPARE(m_store->flushCount(), flushesBefore + 1);
}

void TstSqliteGroupCommit::soonRidesOnTheNextFlushAsked()
{
    const quint64 flushesBefore = m_store->flushCount();
    QStringList order;
    QVERIFY(enqueue(QStringLiteral("S1")));
    m_store->whenDurableSoon([&order] { order << QStringLiteral("outcome"); });
    // An answer comes before the soon timer fires (same pass of the loop).
    QVERIFY(enqueue(QStringLiteral("S2")));
    m_store->whenDurable([&order] { order << QStringLiteral("answer"); });
    QTRY_COMPARE(order.size(), 2);
    QCOMPARE(order, (QStringList{QStringLiteral("outcome"), QStringLiteral("answer")}));
    // One flush for both.
    QCOMPARE(m_store->flushCount(), flushesBefore + 1);
}

void TstSqliteGroupCommit::checkpointsTheWalIntoTheDatabase()
{
    const qint64 databaseBefore = QFileInfo(dbPath()).size();
    // About 6 MB of text, well past the 1,000-page checkpoint threshold.
    for (int i = 0; i < 1500; ++i)
        QVERIFY(enqueue(QStringLiteral("C%1").arg(i), 4000));
    bool flushed = false;
    m_store->whenDurable([&flushed] { flushed = true; });
    QTRY_VERIFY(flushed);
    // SQLite's auto-checkpoint is off on the writing connection, so only the
    // flushing thread can have copied the pages into the database file.
    QTRY_VERIFY2(QFileInfo(dbPath()).size() > databaseBefore + 4 * 1024 * 1024,
                 qPrintable(QString::number(QFileInfo(dbPath()).size())));
}

void TstSqliteGroupCommit::committedRowsSurviveReopening()
{
    for (int i = 0; i < 20; ++i)
        QVERIFY(enqueue(QStringLiteral("D%1").arg(i)));
    m_store.reset();
    SqliteStore reopened(dbPath());
    QString error;
    QVERIFY2(reopened.open(&error), qPrintable(error));
    NotificationFilter all;
    all.limit = 100;
    QCOMPARE(reopened.notifications(all).items.size(), 20);
}

void TstSqliteGroupCommit::walStaysBoundedUnderWritesThatNeverPause()
{
    // About 100 MB written in commits that follow each other with no pause,
    // each asking for its flush as an answer would, as under sustained load.
    const QString wal = dbPath() + QLatin1String("-wal");
    qint64 largestWal = 0;
    int flushed = 0;
    const int batches = 500;
    for (int batch = 0; batch < batches; ++batch) {
        // With idempotency keys, as the API stores them: each transaction
        // reads before it writes, and must still wait for a checkpoint that
        // holds the write lock instead of failing with "database is locked".
        QList<EnqueueItem> items;
        for (int i = 0; i < 50; ++i) {
            const QString key = QStringLiteral("E%1-%2").arg(batch).arg(i);
            items.append({request(key, 4000), key, key.toUtf8()});
        }
        QString error;
        QCOMPARE(m_store->enqueueMany(items, 4, kNow, &error).size(), items.size());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_store->whenDurable([&flushed] { ++flushed; });
        QCoreApplication::processEvents(); // answers whatever is flushed by now, waits for none
        largestWal = qMax(largestWal, QFileInfo(wal).size());
    }
    QTRY_COMPARE(flushed, batches);
    // The WAL started over (RESTART checkpoints) instead of holding all 100 MB.
    QVERIFY(m_store->walRestarts() > 0);
    // At most 64 MiB (when the writer checkpoints by itself) and one commit.
    QVERIFY2(largestWal < 72 * 1024 * 1024, qPrintable(QString::number(largestWal)));
}

QTEST_GUILESS_MAIN(TstSqliteGroupCommit)
// Delivery's second connection (OutboxStore::secondConnection()) commits
// claims that the service then waits on: whenDurable() must count them.
void TstSqliteGroupCommit::aSecondConnectionsCommitsWaitForTheFlush()
{
    QVERIFY(enqueue(QStringLiteral("A1")));
    bool flushed = false;
    m_store->whenDurable([&flushed] { flushed = true; });
    QTRY_VERIFY(flushed);

    QString error;
    const std::unique_ptr<OutboxStore> second = m_store->secondConnection()(&error);
    QVERIFY2(second, qPrintable(error));
    const quint64 flushesBefore = m_store->flushCount();
    QCOMPARE(second->claimDue(kNow, 10).size(), 1);
    bool claimDurable = false;
    m_store->whenDurable([&claimDurable] { claimDurable = true; });
    // The claim is in the WAL, not yet on disk: the send must wait.
    QVERIFY(!claimDurable);
    QTRY_VERIFY(claimDurable);
    QCOMPARE(m_store->flushCount(), flushesBefore + 1);
    // And the first connection reads what the second wrote.
    const auto claimed = m_store->notifications({});
    QCOMPARE(claimed.items.size(), 1);
    QCOMPARE(claimed.items.constFirst().state, NotificationState::Sending);
}

// The service's connection and delivery's, each on its own thread, writing
// as fast as they can: every write lands, none is refused as "locked".
void TstSqliteGroupCommit::twoWritersOnTwoThreadsLoseNothing()
{
    constexpr int kRows = 400;
    std::atomic<int> claimedTotal = 0;
    std::atomic<bool> producing = true;
    QString openError;
    std::thread delivery([this, &claimedTotal, &producing, &openError] {
        const std::unique_ptr<OutboxStore> second = m_store->secondConnection()(&openError);
        if (!second)
            return;
        // Claims and completes until the producer is done and nothing is left.
        for (;;) {
            const bool last = !producing;
            const QList<Notification> claimed = second->claimDue(kNow, 16);
            QList<std::pair<QString, AttemptRecord>> done;
            for (const Notification &n : claimed) {
                AttemptRecord record;
                record.attempt = {n.attempts, kNow, kNow, QStringLiteral("delivered"), 201, {}};
                record.newState = NotificationState::Delivered;
                done.append({n.id, record});
            }
            QString error;
            second->completeAttempts(done, kNow, &error);
            if (!error.isEmpty())
                return;
            claimedTotal += int(claimed.size());
            if (last && claimed.isEmpty())
                return;
        }
    });
    int stored = 0;
    for (int i = 0; i < kRows; ++i)
        stored += enqueue(QStringLiteral("T%1").arg(i)) ? 1 : 0;
    producing = false;
    delivery.join();
    QVERIFY2(openError.isEmpty(), qPrintable(openError));
    QCOMPARE(stored, kRows);
    QCOMPARE(claimedTotal.load(), kRows);
    QCOMPARE(m_store->stats(kNow).byState.value(NotificationState::Delivered), kRows);
}

#include "tst_sqlitegroupcommit.moc"

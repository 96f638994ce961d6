// PostgresJournal on a real server (the ctest fixture `postgres`): events
// appended on one connection are announced (NOTIFY) to every listener and
// read back in one global order, however many instances append at once.

#include "PostgresJournal.h"
#include "PostgresStore.h"
#include "TestStores.h"
#include "TestSupport.h"

#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Vigia;
using Vigia::TestSupport::TestStores;

namespace {
const QDateTime kStart(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
}

class TstPostgresJournal final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void everyListenerHearsEveryEvent();
    void instancesAppendingAtOnceShareOneOrder();
    void appendManyIsOneOrderedCallThatSkipsStaleEvents();

private:
    TestStores m_stores;
};

void TstPostgresJournal::initTestCase()
{
    TestSupport::enterTestMode();
    QVERIFY2(m_stores.backend() == TestStores::Backend::Postgres,
             "run with VIGIA_TEST_STORE=postgres (ctest does)");
    QString error;
    QVERIFY2(m_stores.setUp(&error), qPrintable(error));
}

void TstPostgresJournal::init()
{
    QString error;
    QVERIFY2(m_stores.reset(&error), qPrintable(error));
    PostgresStore store(m_stores.postgresUrl()); // the schema
    QVERIFY2(store.open(&error), qPrintable(error));
}

void TstPostgresJournal::everyListenerHearsEveryEvent()
{
    PostgresJournal a(m_stores.postgresUrl());
    PostgresJournal b(m_stores.postgresUrl());
    QString error;
    QVERIFY2(a.open(&error) && b.open(&error), qPrintable(error));
    QSignalSpy heardByB(&b, &PostgresJournal::appended);
    QSignalSpy heardByA(&a, &PostgresJournal::appended);

    const auto first = a.append(QStringLiteral("notification"), QByteArrayLiteral("{\"n\":1}"),
                                kStart, &error);
    const auto second = a.append(QStringLiteral("status"), QByteArrayLiteral("{\"n\":2}"),
                                 kStart.addSecs(1), &error);
    QVERIFY2(first && second, qPrintable(error));
    QVERIFY(*second > *first);
    QTRY_COMPARE(heardByB.size(), 2);
    QCOMPARE(heardByB.at(0).at(0).toLongLong(), *first);
    QCOMPARE(heardByB.at(1).at(0).toLongLong(), *second);
    QTRY_COMPARE(heardByA.size(), 2); // its own too: one path for every event

    // A console resuming on b from the first seq gets the rest.
    const QList<JournalEntry> rest = b.since(*first, 10);
    QCOMPARE(rest.size(), 1);
    QCOMPARE(rest.constFirst().seq, *second);
    QCOMPARE(rest.constFirst().type, QStringLiteral("status"));
    QCOMPARE(rest.constFirst().wire, QByteArrayLiteral("{\"n\":2}"));
    QCOMPARE(rest.constFirst().at, kStart.addSecs(1));
    QCOMPARE(b.since(0, 10).size(), 2);
    QVERIFY(b.since(*second, 10).isEmpty());
}

void TstPostgresJournal::appendManyIsOneOrderedCallThatSkipsStaleEvents()
{
    // A notification last changed at kStart + 2 s.
    const qint64 changedMs = kStart.addSecs(2).toMSecsSinceEpoch();
    QCOMPARE(m_stores.scalar(QStringLiteral(
                                     "INSERT INTO notifications (id, channel, recipient, type,"
                                     " text, state, max_attempts, created_ms, updated_ms)"
                                     " VALUES ('n-1', 'whatsapp', '584241234567', 'T', 'x',"
                                     " 'delivered', 4, 0, %1) RETURNING 1")
                                     .arg(changedMs))
                     .toInt(),
             1);
    PostgresJournal writer(m_stores.postgresUrl());
    PostgresJournal listener(m_stores.postgresUrl());
    QString error;
    QVERIFY2(writer.open(&error) && listener.open(&error), qPrintable(error));
    QSignalSpy heard(&listener, &PostgresJournal::appended);

    // Text that array literals and the driver's quoting must carry as it is.
    const QByteArray tricky =
            QStringLiteral("{\"t\":\"a \\\"q\\\" \\\\ , {x} NULL ñ 😀 '\"}").toUtf8();
    const QList<PostgresJournal::Append> events{
            {QStringLiteral("audit"), QByteArrayLiteral("{\"n\":1}"), kStart, {}, {}},
            // The notification's event from before its last change: skipped.
            {QStringLiteral("notification"), QByteArrayLiteral("{\"old\":true}"), kStart.addSecs(1),
             QStringLiteral("n-1"), kStart.addSecs(1)},
            {QStringLiteral("notification"), QByteArrayLiteral("{\"new\":true}"), kStart.addSecs(2),
             QStringLiteral("n-1"), kStart.addSecs(2)},
            {QStringLiteral("status"), tricky, kStart.addSecs(3), {}, {}},
    };
    const auto seqs = writer.appendMany(events, &error);
    QVERIFY2(seqs, qPrintable(error));
    QCOMPARE(seqs->size(), 4);
    QVERIFY(seqs->at(0) > 0);
    QCOMPARE(seqs->at(1), 0);
    QCOMPARE(seqs->at(2), seqs->at(0) + 1);
    QCOMPARE(seqs->at(3), seqs->at(0) + 2);

    const QList<JournalEntry> read = listener.since(seqs->at(0) - 1, 10);
    QCOMPARE(read.size(), 3);
    QCOMPARE(read.at(0).wire, QByteArrayLiteral("{\"n\":1}"));
    QCOMPARE(read.at(1).type, QStringLiteral("notification"));
    QCOMPARE(read.at(1).wire, QByteArrayLiteral("{\"new\":true}"));
    QCOMPARE(read.at(2).type, QStringLiteral("status"));
    QCOMPARE(read.at(2).wire, tricky);
    QCOMPARE(read.at(2).at, kStart.addSecs(3));
    // One announcement for the call, with its last seq.
    QTRY_COMPARE(heard.size(), 1);
    QCOMPARE(heard.constFirst().at(0).toLongLong(), seqs->at(3));
    QVERIFY(writer.appendMany({}, &error).value_or(QList<qint64>{-1}).isEmpty());
}

void TstPostgresJournal::instancesAppendingAtOnceShareOneOrder()
{
    constexpr int kInstances = 3;
    constexpr int kEach = 20;
    std::vector<QString> errors(kInstances);
    std::vector<QList<qint64>> appended(kInstances);
    std::atomic<int> ready{0};
    {
        std::vector<std::thread> threads;
        threads.reserve(kInstances);
        for (int i = 0; i < kInstances; ++i) {
            threads.emplace_back([&, i] {
                PostgresJournal journal(m_stores.postgresUrl());
                const bool opened = journal.open(&errors[i]);
                ++ready;
                while (ready < kInstances)
                    std::this_thread::yield();
                for (int n = 0; opened && n < kEach; ++n) {
                    const auto seq = journal.append(QStringLiteral("notification"),
                                                    QByteArray::number(n), kStart, &errors[i]);
                    if (!seq)
                        return;
                    appended[i] << *seq;
                }
            });
        }
        for (std::thread &t : threads)
            t.join();
    }
    for (int i = 0; i < kInstances; ++i) {
        QVERIFY2(errors[i].isEmpty(), qPrintable(errors[i]));
        QCOMPARE(appended[i].size(), kEach);
    }
    PostgresJournal reader(m_stores.postgresUrl());
    QString error;
    QVERIFY2(reader.open(&error), qPrintable(error));
    const QList<JournalEntry> all = reader.since(0, 1000);
    QCOMPARE(all.size(), kInstances * kEach);
    for (qsizetype i = 1; i < all.size(); ++i)
        QVERIFY(all.at(i).seq > all.at(i - 1).seq);
}

QTEST_GUILESS_MAIN(TstPostgresJournal)
#include "tst_postgresjournal.moc"

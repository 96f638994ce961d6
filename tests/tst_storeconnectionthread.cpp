// StoreConnectionThread on a real SQLite file: jobs run on the thread, on
// its own connection, in the order posted; answers come back on the caller's
// thread, once; drain() hands them over at once; an answer not taken when
// the thread goes is dropped, never run against a caller that is gone.
#include "SqliteStore.h"
#include "StoreConnectionThread.h"
#include "TestMode.h"
#include "TestRequests.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Vigia;
using Vigia::TestSupport::whatsappOrder;

namespace {

// What one job saw, and where its answer arrived.
struct Answer
{
    QThread *ranOn = nullptr;
    QString orderId;
    QThread *answeredOn = nullptr;
};

} // namespace

class TstStoreConnectionThread final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;

    // A job that stores one notification on the thread's connection.
    static auto storeOne(const QString &orderId)
    {
        return [orderId](OutboxStore &store) {
            QString error;
            const auto stored = store.enqueue(whatsappOrder(orderId), QString(), QByteArray(), 1,
                                              QDateTime::currentDateTimeUtc(), &error);
            return Answer{QThread::currentThread(),
                          stored ? stored->notification.orderId : QString(), nullptr};
        };
    }

    int storedCount() const
    {
        NotificationFilter filter;
        filter.limit = 500;
        return int(m_store->notifications(filter).items.size());
    }

private Q_SLOTS:
    void initTestCase() { TestSupport::enterTestMode(); }

    void init()
    {
        QVERIFY(m_dir.isValid());
        QFile::remove(m_dir.filePath(QStringLiteral("vigia.db")));
        m_store = std::make_unique<SqliteStore>(m_dir.filePath(QStringLiteral("vigia.db")),
                                                SqliteFlush::Grouped);
        QString error;
        QVERIFY2(m_store->open(&error), qPrintable(error));
    }

    void cleanup() { m_store.reset(); }

    void jobsRunThereInOrderAndAnswerHere()
    {
        QString error;
        const auto thread =
                StoreConnectionThread::open(*m_store, QStringLiteral("store test"), &error);
        QVERIFY2(thread, qPrintable(error));
        QList<Answer> answers;
        for (const QString &order : {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")})
            thread->run(storeOne(order), [&answers](Answer answer) {
                answer.answeredOn = QThread::currentThread();
                answers.append(answer);
            });
        // Nothing is answered inside run(): the answers come through the event loop.
        QVERIFY(answers.isEmpty());
        QTRY_COMPARE(answers.size(), 3);
        QCOMPARE(answers.at(0).orderId, QStringLiteral("A"));
        QCOMPARE(answers.at(1).orderId, QStringLiteral("B"));
        QCOMPARE(answers.at(2).orderId, QStringLiteral("C"));
        for (const Answer &a : std::as_const(answers)) {
            QVERIFY(a.ranOn != QThread::currentThread());
            QCOMPARE(a.ranOn, answers.constFirst().ranOn); // one thread for all
            QCOMPARE(a.answeredOn, QThread::currentThread());
        }
        // Written to the same file: this connection reads them.
        QCOMPARE(storedCount(), 3);
    }

    void drainHandsOverEveryAnswerNow()
    {
        QString error;
        const auto thread =
                StoreConnectionThread::open(*m_store, QStringLiteral("store test"), &error);
        QVERIFY2(thread, qPrintable(error));
        int answered = 0;
        for (const QString &order : {QStringLiteral("D1"), QStringLiteral("D2")})
            thread->run(storeOne(order), [&answered](const Answer &) { ++answered; });
        thread->drain();
        QCOMPARE(answered, 2);
        QCOMPARE(storedCount(), 2);
    }

    // The job under way finishes (its row is stored, as after a crash the
    // next start would find it); its answer is not run.
    void anAnswerNotTakenIsDroppedWithTheThread()
    {
        QString error;
        auto thread = StoreConnectionThread::open(*m_store, QStringLiteral("store test"), &error);
        QVERIFY2(thread, qPrintable(error));
        bool answered = false;
        thread->run(storeOne(QStringLiteral("GONE")),
                    [&answered](const Answer &) { answered = true; });
        thread.reset();
        QCoreApplication::sendPostedEvents();
        QVERIFY(!answered);
        QCOMPARE(storedCount(), 1);
    }

    void aConnectionThatCannotOpenSaysWhy()
    {
        StoreConnectionThread refused(QStringLiteral("store test"),
                                      [](QString *error) -> std::unique_ptr<OutboxStore> {
                                          *error = QStringLiteral("disk full");
                                          return nullptr;
                                      });
        QString error;
        QVERIFY(!refused.isOpen(&error));
        QCOMPARE(error, QStringLiteral("disk full"));

        StoreConnectionThread none(QStringLiteral("store test"), {});
        QVERIFY(!none.isOpen(&error));
        QCOMPARE(error, QStringLiteral("the store has no second connection"));
    }

    // Operators find vigiad's threads by name (top -H, /proc): the name is
    // the thread's while it runs.
    void theThreadCarriesItsName()
    {
        QString error;
        const auto thread =
                StoreConnectionThread::open(*m_store, QStringLiteral("vigiad intake"), &error);
        QVERIFY2(thread, qPrintable(error));
        if (!QDir(QStringLiteral("/proc/self/task")).exists())
            QSKIP("no /proc on this system");
        const QStringList names = TestSupport::threadNames();
        QVERIFY2(names.contains(QStringLiteral("vigiad intake")),
                 qPrintable(names.join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TstStoreConnectionThread)
#include "tst_storeconnectionthread.moc"

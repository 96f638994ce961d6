// PostgresGroupCommit on a real server (the ctest fixture `postgres`): the
// hot writes commit without waiting for the server's flush, and what waits
// in whenDurable() runs only after a flush of our own has covered them.

#include "PostgresStore.h"
#include "TestStores.h"
#include "TestSupport.h"

#include <QTest>

using namespace Vigia;
using Vigia::TestSupport::TestStores;

namespace {

const QDateTime kNow(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

EnqueueItem item(const QString &orderId)
{
    NotificationRequest r;
    r.channel = Channel::WhatsApp;
    r.recipient = QStringLiteral("+584241234567");
    r.orderId = orderId;
    r.type = QStringLiteral("ORDER_READY");
    r.text = QStringLiteral("Tu pedido %1 está listo").arg(orderId);
    return {r, {}, {}, {}};
}

} // namespace

class TstPostgresGroupCommit final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void anAnswerWaitsForTheFlush();
    void nothingWrittenAsynchronouslyRunsAtOnce();
    void oneFlushCoversEveryCommitBeforeIt();
    void withoutGroupCommitEveryCommitIsDurableAtOnce();

private:
    std::unique_ptr<PostgresStore> openStore(bool grouped);
    TestStores m_stores;
};

void TstPostgresGroupCommit::initTestCase()
{
    TestSupport::enterTestMode();
    QVERIFY2(m_stores.backend() == TestStores::Backend::Postgres,
             "run with VIGIA_TEST_STORE=postgres (ctest does)");
    QString error;
    QVERIFY2(m_stores.setUp(&error), qPrintable(error));
}

std::unique_ptr<PostgresStore> TstPostgresGroupCommit::openStore(bool grouped)
{
    auto store = std::make_unique<PostgresStore>(m_stores.postgresUrl());
    QString error;
    if (!store->open(&error) || (grouped && !store->startGroupCommit(&error))) {
        qWarning("cannot open the store: %ls", qUtf16Printable(error));
        return nullptr;
    }
    return store;
}

void TstPostgresGroupCommit::anAnswerWaitsForTheFlush()
{
    const auto store = openStore(true);
    QVERIFY(store);
    QString error;
    QCOMPARE(store->enqueueMany({item(QStringLiteral("G-1"))}, 4, kNow, &error).size(), 1);
    bool answered = false;
    store->whenDurable([&answered] { answered = true; });
    // Committed without the server's flush: not on the spot.
    QVERIFY(!answered);
    QTRY_VERIFY(answered);
    // Claims and outcomes are written the same way.
    QCOMPARE(store->claimDue(kNow, 10).size(), 1);
    bool claimDurable = false;
    store->whenDurable([&claimDurable] { claimDurable = true; });
    QVERIFY(!claimDurable);
    QTRY_VERIFY(claimDurable);
}

void TstPostgresGroupCommit::nothingWrittenAsynchronouslyRunsAtOnce()
{
    const auto store = openStore(true);
    QVERIFY(store);
    // A read, or a write that committed synchronously, needs no flush.
    QVERIFY(store->notifications({}).items.size() >= 0);
    bool answered = false;
    store->whenDurable([&answered] { answered = true; });
    QVERIFY(answered);
}

void TstPostgresGroupCommit::oneFlushCoversEveryCommitBeforeIt()
{
    const auto store = openStore(true);
    QVERIFY(store);
    const quint64 before = store->groupCommitFlushes();
    QString error;
    int answered = 0;
    for (int i = 0; i < 20; ++i)
        QCOMPARE(store->enqueueMany({item(QStringLiteral("B-%1").arg(i))}, 4, kNow, &error).size(),
                 1);
    for (int i = 0; i < 20; ++i)
        store->whenDurable([&answered] { ++answered; });
    QTRY_COMPARE(answered, 20);
    // Twenty commits, twenty answers waiting: one flush.
    QCOMPARE(store->groupCommitFlushes() - before, quint64(1));
}

void TstPostgresGroupCommit::withoutGroupCommitEveryCommitIsDurableAtOnce()
{
    const auto store = openStore(false);
    QVERIFY(store);
    QString error;
    QCOMPARE(store->enqueueMany({item(QStringLiteral("S-1"))}, 4, kNow, &error).size(), 1);
    bool answered = false;
    store->whenDurable([&answered] { answered = true; });
    QVERIFY(answered);
}

QTEST_GUILESS_MAIN(TstPostgresGroupCommit)
#include "tst_postgresgroupcommit.moc"

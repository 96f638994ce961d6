// NextPass: however often it is asked for, the work runs once, on the next
// pass of the event loop, and again only when asked for again; nothing runs
// once its context is gone.

#include "NextPass.h"

#include <QTest>

#include <memory>

using namespace Vigia;

class TstNextPass final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsOnceOnTheNextPass()
    {
        QObject context;
        int runs = 0;
        NextPass pass(&context, [&runs] { ++runs; });
        for (int i = 0; i < 100; ++i)
            pass.request();
        QCOMPARE(runs, 0); // not on the spot
        QVERIFY(pass.isQueued());
        QTRY_COMPARE(runs, 1);
        QVERIFY(!pass.isQueued());
    }

    void runsAgainWhenAskedAgain()
    {
        QObject context;
        int runs = 0;
        NextPass pass(&context, [&runs] { ++runs; });
        pass.request();
        QTRY_COMPARE(runs, 1);
        pass.request();
        QTRY_COMPARE(runs, 2);
    }

    void workMayAskForTheNextPass()
    {
        // A batch that leaves work behind asks again from inside the work.
        QObject context;
        int runs = 0;
        std::unique_ptr<NextPass> pass;
        pass = std::make_unique<NextPass>(&context, [&runs, &pass] {
            if (++runs < 3)
                pass->request();
        });
        pass->request();
        QTRY_COMPARE(runs, 3);
    }

    void nothingRunsOnceTheContextIsGone()
    {
        int runs = 0;
        auto context = std::make_unique<QObject>();
        NextPass pass(context.get(), [&runs] { ++runs; });
        pass.request();
        context.reset();
        // A later request on a live context proves the event loop has run.
        QObject other;
        bool ran = false;
        NextPass probe(&other, [&ran] { ran = true; });
        probe.request();
        QTRY_VERIFY(ran);
        QCOMPARE(runs, 0);
    }
};

QTEST_GUILESS_MAIN(TstNextPass)
#include "tst_nextpass.moc"

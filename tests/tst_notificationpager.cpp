// NotificationPager against a real vigiad in-process: the Waiting list's
// query (pending and sending, oldest first) paged into a real
// NotificationModel, searched on the server, its counts kept through live
// changes, and answers for an older query dropped.
#include "ApiClient.h"
#include "DeliveryDispatcher.h"
#include "NotificationModel.h"
#include "NotificationPager.h"
#include "ServiceFixture.h"
#include "Store.h"
#include "TestMode.h"
#include "VigiaService.h"
#include "WahaDouble.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Vigia;
using namespace Vigia::TestSupport;

class TstNotificationPager final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServiceFixture> m_fixture;
    SystemClock m_clock;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<NotificationModel> m_model;
    std::unique_ptr<NotificationPager> m_pager;

    static QString waiting()
    {
        return stateName(NotificationState::Pending) + u',' + stateName(NotificationState::Sending);
    }

    // count notifications that wait (the dispatcher is stopped), one second
    // apart from the first so the oldest-first order is known.
    void seedWaiting(int count, const QString &customer, int from = 0)
    {
        QList<NotificationRequest> requests;
        for (int i = from; i < from + count; ++i) {
            NotificationRequest r;
            r.channel = Channel::WhatsApp;
            r.recipient = QStringLiteral("+58 424-%1").arg(3000000 + i);
            r.customerName = QStringLiteral("%1 %2").arg(customer).arg(i);
            r.orderId = QStringLiteral("ESP-%1").arg(i);
            r.type = QStringLiteral("ORDER_RECEIVED");
            r.text = QStringLiteral("Pedido %1").arg(i);
            requests << r;
        }
        QString error;
        const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(-3600 + from);
        QVERIFY2(!m_fixture->store()->enqueueBatch(requests, 4, at, &error).isEmpty(),
                 qPrintable(error));
    }

    static qint64 lastCount(const QSignalSpy &spy) { return spy.last().at(0).toLongLong(); }
    static bool lastAtLeast(const QSignalSpy &spy) { return spy.last().at(1).toBool(); }

private Q_SLOTS:
    void initTestCase() { enterTestMode(); }

    void init()
    {
        m_fixture = std::make_unique<ServiceFixture>();
        QVERIFY(m_fixture->waha()->start());
        QVERIFY(m_fixture->start());
        m_fixture->service()->dispatcher()->stop(); // nothing leaves: everything waits
        m_api = std::make_unique<ApiClient>();
        m_api->setServer(m_fixture->service()->baseUrl());
        m_api->setToken(m_fixture->token(Role::Viewer));
        m_model = std::make_unique<NotificationModel>(
                &m_clock,
                QSet<NotificationState>{NotificationState::Pending, NotificationState::Sending});
        m_pager = std::make_unique<NotificationPager>(m_api.get(), m_model.get(), waiting());
        m_pager->setSort(QStringLiteral("created_at"), false);
    }

    void cleanup()
    {
        m_pager.reset();
        m_model.reset();
        m_api.reset();
        m_fixture.reset();
    }

    void pagesThroughTheWholeListWithItsTotal()
    {
        // Three batches, each its own second: oldest first is A, then B, then C.
        seedWaiting(150, QStringLiteral("A"), 0);
        seedWaiting(150, QStringLiteral("B"), 150);
        seedWaiting(150, QStringLiteral("C"), 300);
        QAbstractItemModelTester tester(m_model.get(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loaded(m_pager.get(), &NotificationPager::loaded);
        QSignalSpy counts(m_pager.get(), &NotificationPager::countChanged);
        QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
        m_pager->load();
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->rowCount(), 200);
        // The title's number is the server's, not the rows loaded.
        QCOMPARE(lastCount(counts), 450);
        QVERIFY(!lastAtLeast(counts));
        QCOMPARE(m_pager->total(), 450);
        QVERIFY(m_model->index(0, NotificationModel::CustomerColumn)
                        .data()
                        .toString()
                        .startsWith(u'A')); // oldest first

        // The model asks for more; the pager answers with the next page.
        // (The model tester may have asked already: then it is on its way.)
        while (m_model->moreAvailable()) {
            const int before = m_model->rowCount();
            if (m_model->canFetchMore({}))
                m_model->fetchMore({});
            QTRY_VERIFY(m_model->rowCount() > before);
        }
        QCOMPARE(m_model->rowCount(), 450);
        QVERIFY(!m_model->moreAvailable());
        QVERIFY(m_model->index(449, NotificationModel::CustomerColumn)
                        .data()
                        .toString()
                        .startsWith(u'C'));
        QCOMPARE(resets.size(), 1); // pages were inserted, not reset
        QCOMPARE(lastCount(counts), 450);
    }

    void searchesOnTheServerIgnoringCaseAndAccents()
    {
        seedWaiting(300, QStringLiteral("Cliente"));
        seedWaiting(3, QStringLiteral("José Núñez"), 300);
        QSignalSpy loaded(m_pager.get(), &NotificationPager::loaded);
        QSignalSpy counts(m_pager.get(), &NotificationPager::countChanged);
        QSignalSpy matches(m_pager.get(), &NotificationPager::matchCountChanged);
        m_pager->load();
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->rowCount(), 200);
        QCOMPARE(lastCount(matches), -1);

        // Not among the 200 loaded: only the server can find them.
        QVERIFY(m_pager->setSearch(QStringLiteral("  jose nunez ")));
        QVERIFY(!m_pager->setSearch(QStringLiteral("jose nunez"))); // the same query
        m_pager->load();
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->rowCount(), 3);
        for (int row = 0; row < 3; ++row)
            QVERIFY(m_model->index(row, NotificationModel::CustomerColumn)
                            .data()
                            .toString()
                            .startsWith(QStringLiteral("José Núñez")));
        QCOMPARE(lastCount(matches), 3);
        QCOMPARE(m_pager->matches(), 3);
        // The whole list is still counted as a whole.
        QCOMPARE(lastCount(counts), 303);

        // A phone number typed with spaces matches by its digits.
        QVERIFY(m_pager->setSearch(QStringLiteral("424 3000 301")));
        m_pager->load();
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->index(0, NotificationModel::OrderColumn).data().toString(),
                 QStringLiteral("ESP-301"));

        QVERIFY(m_pager->setSearch(QString()));
        m_pager->load();
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->rowCount(), 200);
        QCOMPARE(lastCount(matches), -1);
    }

    void anAnswerForAnOlderQueryIsDropped()
    {
        seedWaiting(5, QStringLiteral("Carmen"));
        seedWaiting(2, QStringLiteral("Rosalinda"), 5);
        QSignalSpy loaded(m_pager.get(), &NotificationPager::loaded);
        QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
        m_pager->load(); // every row, overtaken before it answers
        m_pager->setSearch(QStringLiteral("rosa"));
        m_pager->load();
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->rowCount(), 2);
        // Nothing more arrives: the first answer was dropped, not applied after.
        QVERIFY(!loaded.wait(300));
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(resets.size(), 1);
        QCOMPARE(m_model->rowCount(), 2);
    }

    void liveChangesKeepTheCounts()
    {
        seedWaiting(250, QStringLiteral("Cliente"));
        QSignalSpy loaded(m_pager.get(), &NotificationPager::loaded);
        QSignalSpy counts(m_pager.get(), &NotificationPager::countChanged);
        QSignalSpy matches(m_pager.get(), &NotificationPager::matchCountChanged);
        m_pager->load();
        QVERIFY(loaded.wait());
        QCOMPARE(lastCount(counts), 250);

        // A loaded row delivered leaves the list and the count.
        Notification first = *m_model->notification(
                m_model->index(0, 0).data(NotificationModel::IdRole).toString());
        first.state = NotificationState::Delivered;
        first.updatedAt = first.updatedAt.addSecs(1);
        m_pager->apply(first);
        QCOMPARE(m_model->rowCount(), 199);
        QCOMPARE(lastCount(counts), 249);
        // A row that sorts past the loaded pages is left to them: not counted twice.
        Notification later = *m_model->notification(
                m_model->index(10, 0).data(NotificationModel::IdRole).toString());
        later.id = QStringLiteral("not-loaded-yet");
        later.createdAt = QDateTime::currentDateTimeUtc();
        m_pager->apply(later);
        QCOMPARE(m_model->rowOf(later.id), -1);
        QCOMPARE(lastCount(counts), 249);
        // The server's own count (the status) settles it.
        m_pager->setTotal(251);
        QCOMPARE(lastCount(counts), 251);

        // While searching, a match that leaves is one match fewer.
        m_pager->setSearch(QStringLiteral("ESP-12"));
        m_pager->load();
        QVERIFY(loaded.wait());
        const qint64 found = lastCount(matches);
        QVERIFY(found > 1);
        Notification gone = *m_model->notification(
                m_model->index(0, 0).data(NotificationModel::IdRole).toString());
        gone.state = NotificationState::Failed;
        gone.updatedAt = gone.updatedAt.addSecs(1);
        m_pager->apply(gone);
        QCOMPARE(lastCount(matches), found - 1);
        QCOMPARE(lastCount(counts), 250);
    }

    void aPageThatDoesNotComeIsSaidAndMayBeAskedAgain()
    {
        seedWaiting(250, QStringLiteral("Cliente"));
        QSignalSpy loaded(m_pager.get(), &NotificationPager::loaded);
        QSignalSpy failed(m_pager.get(), &NotificationPager::failed);
        m_pager->load();
        QVERIFY(loaded.wait());
        m_fixture->stop();
        m_model->fetchMore({});
        QVERIFY(m_model->isFetching());
        QVERIFY(failed.wait());
        QCOMPARE(failed.last().at(0).toBool(), true); // a next page, not the first
        QVERIFY(!m_model->isFetching());
        QVERIFY(m_model->canFetchMore({}));
        QCOMPARE(m_model->rowCount(), 200);
    }
};

QTEST_MAIN(TstNotificationPager)
#include "tst_notificationpager.moc"

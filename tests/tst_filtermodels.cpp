// The console's filter models over live tables: which rows they let
// through, and QAbstractItemModelTester watching them while the source
// changes underneath.
#include "FilterModels.h"
#include "NotificationModel.h"
#include "SessionModel.h"
#include "TestMode.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Vigia;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

Notification failed(const QString &id, const QString &orderId, const QString &customer)
{
    Notification n;
    n.id = id;
    n.orderId = orderId;
    n.customerName = customer;
    n.recipient = QStringLiteral("+58 424-1234567");
    n.type = QStringLiteral("ORDER_SHIPPED");
    n.state = NotificationState::Failed;
    n.createdAt = T0;
    n.updatedAt = T0;
    return n;
}

Session session(const QString &kind, const QString &key)
{
    Session s;
    s.kind = kind;
    s.key = key;
    s.username = key;
    s.where = QStringLiteral("General");
    s.startedAt = T0;
    s.lastSeenAt = T0;
    return s;
}

QStringList column(const QAbstractItemModel &model, int role)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, 0).data(role).toString();
    out.sort();
    return out;
}

} // namespace

class TstFilterModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { TestSupport::enterTestMode(); }

    void orderFilterKeepsOnlyOrdersAndText()
    {
        ManualClock clock(T0);
        NotificationModel source(&clock, {NotificationState::Failed});
        OrderFilterModel filter;
        filter.setSourceModel(&source);
        filter.setFilterKeyColumn(-1);
        filter.setFilterCaseSensitivity(Qt::CaseInsensitive);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);

        source.upsert(failed(QStringLiteral("1"), QStringLiteral("PED-1"), QStringLiteral("Ana")));
        source.upsert(failed(QStringLiteral("2"), QString(), QStringLiteral("Backup job")));
        source.upsert(failed(QStringLiteral("3"), QStringLiteral("PED-3"), QStringLiteral("Luis")));
        QCOMPARE(filter.rowCount(), 3);

        filter.setOnlyOrders(true);
        QCOMPARE(column(filter, NotificationModel::IdRole),
                 (QStringList{QStringLiteral("1"), QStringLiteral("3")}));
        filter.setFilterFixedString(QStringLiteral("luis"));
        QCOMPARE(column(filter, NotificationModel::IdRole), QStringList{QStringLiteral("3")});

        // The source changes while filtered: a new match shows, a removal goes.
        source.upsert(
                failed(QStringLiteral("4"), QStringLiteral("PED-4"), QStringLiteral("Luisa")));
        QCOMPARE(column(filter, NotificationModel::IdRole),
                 (QStringList{QStringLiteral("3"), QStringLiteral("4")}));
        source.remove(QStringLiteral("3"));
        QCOMPARE(column(filter, NotificationModel::IdRole), QStringList{QStringLiteral("4")});

        filter.setFilterFixedString(QString());
        filter.setOnlyOrders(false);
        QCOMPARE(filter.rowCount(), 3);
    }

    void sessionKindFilter()
    {
        ManualClock clock(T0);
        SessionModel source(&clock);
        SessionKindFilterModel filter;
        filter.setSourceModel(&source);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        source.replaceAll({session(QStringLiteral("voice"), QStringLiteral("ana")),
                           session(QStringLiteral("game"), QStringLiteral("luz")),
                           session(QStringLiteral("voice"), QStringLiteral("beto"))});
        QCOMPARE(filter.rowCount(), 3); // no kind: all
        filter.setKind(QStringLiteral("voice"));
        QCOMPARE(column(filter, SessionModel::KindRole),
                 (QStringList{QStringLiteral("voice"), QStringLiteral("voice")}));
        source.upsert(session(QStringLiteral("game"), QStringLiteral("nico")));
        source.upsert(session(QStringLiteral("voice"), QStringLiteral("nico")));
        QCOMPARE(filter.rowCount(), 3);
        source.remove(QStringLiteral("voice"), QStringLiteral("ana"));
        QCOMPARE(filter.rowCount(), 2);
        filter.setKind(QString());
        QCOMPARE(filter.rowCount(), source.rowCount());
    }
};

QTEST_MAIN(TstFilterModels)
#include "tst_filtermodels.moc"

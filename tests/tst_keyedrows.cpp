// KeyedRows: the row index stays right through every kind of change the
// table models make (the models' own tests check the signals around them).
#include "KeyedRows.h"
#include "TestMode.h"

#include <QTest>

using namespace Vigia;

namespace {

struct Item
{
    QString id;
    int value = 0;
};

struct IdOf
{
    QString operator()(const Item &item) const { return item.id; }
};

using Rows = KeyedRows<Item, IdOf>;

Item item(const QString &id, int value = 0)
{
    return {id, value};
}

// Every row's key maps back to that row, and nothing else is indexed.
bool consistent(const Rows &rows, const QStringList &expectedOrder)
{
    if (rows.size() != expectedOrder.size())
        return false;
    for (int row = 0; row < rows.size(); ++row) {
        if (rows.at(row).id != expectedOrder.at(row) || rows.rowOf(expectedOrder.at(row)) != row)
            return false;
    }
    return true;
}

} // namespace

class TstKeyedRows final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { TestSupport::enterTestMode(); }

    void appendPrependAndMiddleInsert()
    {
        Rows rows;
        rows.append(item(QStringLiteral("b")));
        rows.insert(0, item(QStringLiteral("a"))); // on top: no renumbering needed
        rows.append(item(QStringLiteral("d")));
        rows.insert(2, item(QStringLiteral("c"))); // in the middle
        QVERIFY(consistent(rows,
                           {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                            QStringLiteral("d")}));
        QCOMPARE(rows.rowOf(QStringLiteral("missing")), -1);
    }

    void removalsAnywhere()
    {
        Rows rows;
        rows.reset({item(QStringLiteral("a")), item(QStringLiteral("b")), item(QStringLiteral("c")),
                    item(QStringLiteral("d")), item(QStringLiteral("e"))});
        rows.removeAt(0);
        QVERIFY(consistent(rows,
                           {QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d"),
                            QStringLiteral("e")}));
        rows.removeAt(3);
        QVERIFY(consistent(rows, {QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}));
        rows.removeAt(1);
        QVERIFY(consistent(rows, {QStringLiteral("b"), QStringLiteral("d")}));
        QVERIFY(!rows.contains(QStringLiteral("a")));
        QVERIFY(!rows.contains(QStringLiteral("c")));
        // Prepends after removals from the top keep counting from the offset.
        rows.insert(0, item(QStringLiteral("z")));
        QVERIFY(consistent(rows, {QStringLiteral("z"), QStringLiteral("b"), QStringLiteral("d")}));
    }

    void replaceKeepsTheRow()
    {
        Rows rows;
        rows.reset({item(QStringLiteral("a"), 1), item(QStringLiteral("b"), 2)});
        rows.replace(1, item(QStringLiteral("b"), 20));
        QCOMPARE(rows.at(1).value, 20);
        QCOMPARE(rows.rowOf(QStringLiteral("b")), 1);
    }

    void resetDropsRepeatsAndEmptyKeys()
    {
        Rows rows;
        rows.reset({item(QStringLiteral("a"), 1), item(QString()), item(QStringLiteral("a"), 2),
                    item(QStringLiteral("b"))});
        QVERIFY(consistent(rows, {QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(rows.at(0).value, 1); // the first of a repeated key stays
    }

    void truncateBoundsTheTable()
    {
        Rows rows;
        for (int i = 0; i < 10; ++i)
            rows.insert(0, item(QString::number(i))); // newest on top, as the audit log
        rows.truncate(3);
        QVERIFY(consistent(rows, {QStringLiteral("9"), QStringLiteral("8"), QStringLiteral("7")}));
        QVERIFY(!rows.contains(QStringLiteral("6")));
        rows.clear();
        QVERIFY(rows.isEmpty());
        QCOMPARE(rows.rowOf(QStringLiteral("9")), -1);
    }

    void manyPrependsAndEvictionsStayConsistent()
    {
        // The steady state of a bounded log: one new row on top, the oldest out.
        Rows rows;
        QStringList expected;
        for (int i = 0; i < 2000; ++i) {
            const QString id = QString::number(i);
            rows.insert(0, item(id));
            expected.prepend(id);
            if (rows.size() > 100) {
                rows.removeAt(rows.size() - 1);
                expected.removeLast();
            }
        }
        QVERIFY(consistent(rows, expected));
    }
};

QTEST_GUILESS_MAIN(TstKeyedRows)
#include "tst_keyedrows.moc"

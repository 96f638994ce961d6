// timeOrderedId: version-7 UUIDs whose text order is the order they were
// made in, so new notifications append to the store's id index.

#include "TimeOrderedId.h"

#include <QSet>
#include <QTest>
#include <QUuid>

using namespace Vigia;

class TstTimeOrderedId final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isAVersionSevenUuidCarryingItsMillisecond()
    {
        const qint64 ms = 1'796'000'000'123; // late 2026
        const QString id = timeOrderedId(ms);
        QCOMPARE(id.size(), 36);
        const QUuid uuid(id);
        QVERIFY(!uuid.isNull());
        const QByteArray bytes = uuid.toRfc4122();
        // Qt 6.4's QUuid::version() knows versions up to 5 only.
        QCOMPARE(quint8(bytes.at(6)) >> 4, 7);
        QCOMPARE(uuid.variant(), QUuid::DCE); // RFC 9562's variant bits 10
        qint64 carried = 0;
        for (int i = 0; i < 6; ++i)
            carried = (carried << 8) | quint8(bytes.at(i));
        QCOMPARE(carried, ms);
    }

    void laterIdsSortAfterEarlierOnes()
    {
        // Many in one millisecond (a burst of enqueues), then the clock moves.
        QStringList ids;
        for (qint64 ms : {1'796'000'001'000, 1'796'000'001'001, 1'796'000'002'000}) {
            for (int i = 0; i < 3000; ++i)
                ids.append(timeOrderedId(ms));
        }
        QStringList sorted = ids;
        sorted.sort();
        QCOMPARE(sorted, ids);
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());
    }

    void aClockThatStepsBackDoesNotReorderOrRepeat()
    {
        const QString before = timeOrderedId(1'796'000'010'000);
        const QString after = timeOrderedId(1'796'000'009'000); // NTP stepped back a second
        QVERIFY2(after > before, qPrintable(before + QStringLiteral(" !< ") + after));
    }
};

QTEST_GUILESS_MAIN(TstTimeOrderedId)
#include "tst_timeorderedid.moc"

// Search folding: what the store keeps for each notification and what a
// query is compared with. The ASCII shortcut must fold exactly as the
// Unicode path does, or a search would miss rows stored through the other.
#include "SearchText.h"

#include <QTest>

using namespace Vigia;

namespace {
// The rule as Unicode states it: compatibility decomposition, combining
// marks dropped, then case folding.
QString foldedByUnicode(const QString &text)
{
    QString out;
    for (const QChar c : text.normalized(QString::NormalizationForm_KD)) {
        const QChar::Category category = c.category();
        if (category != QChar::Mark_NonSpacing && category != QChar::Mark_SpacingCombining
            && category != QChar::Mark_Enclosing)
            out.append(c);
    }
    return out.toCaseFolded();
}
} // namespace

class TstSearchText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyAsciiCharacterFoldsAsUnicodeSays()
    {
        QString all;
        for (char16_t u = 0; u < 0x80; ++u) {
            const QString one(QChar{u});
            QCOMPARE(foldForSearch(one), foldedByUnicode(one));
            all.append(QChar{u});
        }
        QCOMPARE(foldForSearch(all), foldedByUnicode(all));
        QCOMPARE(foldForSearch(u"Pedido ORD-1234 de Ana"),
                 QStringLiteral("pedido ord-1234 de ana"));
    }

    void accentsLigaturesAndCaseAreFolded_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("folded");
        QTest::newRow("accent") << QStringLiteral("José") << QStringLiteral("jose");
        QTest::newRow("tilde, upper case") << QStringLiteral("NIÑO") << QStringLiteral("nino");
        QTest::newRow("ligature") << QStringLiteral("ﬁesta") << QStringLiteral("fiesta");
        QTest::newRow("diaeresis, upper case")
                << QStringLiteral("PINGÜINO") << QStringLiteral("pinguino");
        QTest::newRow("ASCII then one accent")
                << QStringLiteral("PEDIDO LISTO, Andrés") << QStringLiteral("pedido listo, andres");
        QTest::newRow("empty") << QString() << QString();
    }

    void accentsLigaturesAndCaseAreFolded()
    {
        QFETCH(QString, text);
        QFETCH(QString, folded);
        QCOMPARE(foldForSearch(text), folded);
        QCOMPARE(foldForSearch(text), foldedByUnicode(text));
    }

    void aNotificationIsSearchedByItsFieldsApart()
    {
        const QString text = notificationSearchText(QStringLiteral("ORD-7"), QStringLiteral("Ana"),
                                                    QStringLiteral("+58 424-123"),
                                                    QStringLiteral("Su pedido está listo"));
        QVERIFY(text.contains(u"ord-7"));
        QVERIFY(text.contains(u"58424123"));
        QVERIFY(text.contains(u"su pedido esta listo"));
        // One field's end does not run into the next one's start.
        QVERIFY(!text.contains(u"ord-7ana"));
    }
};

QTEST_APPLESS_MAIN(TstSearchText)
#include "tst_searchtext.moc"

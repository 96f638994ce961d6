// AuditModel: newest first, bounded with the oldest dropped one row at a
// time, O(1) lookup that stays right across evictions, and
// QAbstractItemModelTester watching every change.
#include "AuditModel.h"
#include "WireContract.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace Vigia;

namespace {
AuditEntry make(const QString &id, const QDateTime &at,
                const QString &action = QStringLiteral("retry"),
                const QString &outcome = QStringLiteral("ok"))
{
    AuditEntry r;
    r.id = id;
    r.at = at;
    r.actor = QStringLiteral("maria");
    r.action = action;
    r.target = QStringLiteral("n-") + id;
    r.outcome = outcome;
    return r;
}
} // namespace

class TstAuditModel final : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

    static QStringList idsInRowOrder(const AuditModel &model)
    {
        QStringList ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids << model.index(row, 0).data(AuditModel::IdRole).toString();
        return ids;
    }

private Q_SLOTS:
    void passesModelTester()
    {
        AuditModel model(4);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int n = 0; n < 10; ++n)
            model.upsert(make(QString::number(n), m_t0.addSecs(n)));
        model.upsert(make(QStringLiteral("late"), m_t0.addSecs(7).addMSecs(500)));
        model.upsert(make(QStringLiteral("9"), m_t0.addSecs(9), QStringLiteral("retry"),
                          QStringLiteral("not_found")));
        model.replaceAll(
                {make(QStringLiteral("x"), m_t0), make(QStringLiteral("y"), m_t0.addSecs(1))});
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(AuditModel::ColumnCount));
    }

    void newestFirstAndCappedIncrementally()
    {
        AuditModel model(3);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        for (int n = 0; n < 1000; ++n)
            model.upsert(make(QString::number(n), m_t0.addSecs(n)));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(
                idsInRowOrder(model),
                (QStringList{QStringLiteral("999"), QStringLiteral("998"), QStringLiteral("997")}));
        QCOMPARE(inserted.size(), 1000);
        for (const QList<QVariant> &args : std::as_const(inserted))
            QCOMPARE(args.at(1).toInt(), 0); // every entry went in at the top
        QCOMPARE(removed.size(), 997);
        for (const QList<QVariant> &args : std::as_const(removed))
            QCOMPARE(args.at(1).toInt(), 3); // and only the bottom row ever left
        QCOMPARE(reset.size(), 0);
        // The id index survives the evictions.
        QCOMPARE(model.rowOf(QStringLiteral("999")), 0);
        QCOMPARE(model.rowOf(QStringLiteral("997")), 2);
        QCOMPARE(model.rowOf(QStringLiteral("996")), -1);
        QCOMPARE(model.record(QStringLiteral("998"))->target, QStringLiteral("n-998"));
    }

    void sameEntryTwiceIsOneRow()
    {
        AuditModel model;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.upsert(make(QStringLiteral("1"), m_t0));
        model.upsert(make(QStringLiteral("1"), m_t0)); // snapshot and feed both carried it
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(changed.size(), 0);
        model.upsert(make(QStringLiteral("1"), m_t0, QStringLiteral("retry"),
                          QStringLiteral("not_found")));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(0, AuditModel::OutcomeColumn).data().toString(),
                 QStringLiteral("Failed: not_found"));
        QVERIFY(!model.index(0, 0).data(AuditModel::SucceededRole).toBool());
    }

    void lateEntryFindsItsPlace()
    {
        AuditModel model;
        model.upsert(make(QStringLiteral("a"), m_t0));
        model.upsert(make(QStringLiteral("c"), m_t0.addSecs(20)));
        model.upsert(make(QStringLiteral("b"), m_t0.addSecs(10)));
        QCOMPARE(idsInRowOrder(model),
                 (QStringList{QStringLiteral("c"), QStringLiteral("b"), QStringLiteral("a")}));
        for (const QString &id : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
            QCOMPARE(model.index(model.rowOf(id), 0).data(AuditModel::IdRole).toString(), id);
    }

    void replaceAllKeepsTheNewestUpToCapacity()
    {
        AuditModel model(2);
        model.replaceAll({make(QStringLiteral("old"), m_t0),
                          make(QStringLiteral("newest"), m_t0.addSecs(60)),
                          make(QStringLiteral("mid"), m_t0.addSecs(30)),
                          make(QStringLiteral("mid"), m_t0.addSecs(30))});
        QCOMPARE(idsInRowOrder(model),
                 (QStringList{QStringLiteral("newest"), QStringLiteral("mid")}));
        QCOMPARE(model.rowOf(QStringLiteral("mid")), 1);
        // After a reset the top-insert path still keeps the index right.
        model.upsert(make(QStringLiteral("next"), m_t0.addSecs(90)));
        QCOMPARE(idsInRowOrder(model),
                 (QStringList{QStringLiteral("next"), QStringLiteral("newest")}));
        QCOMPARE(model.rowOf(QStringLiteral("newest")), 1);
        QCOMPARE(model.rowOf(QStringLiteral("mid")), -1);
    }

    void displaysColumns()
    {
        AuditModel model;
        model.upsert(make(QStringLiteral("1"), m_t0, QStringLiteral("bot_restart")));
        model.upsert(make(QStringLiteral("2"), m_t0.addSecs(1), QStringLiteral("something_new")));
        QCOMPARE(model.index(1, AuditModel::ActionColumn).data().toString(),
                 QStringLiteral("Restart bot"));
        QCOMPARE(model.index(1, 0).data(AuditModel::ActionRole).toString(),
                 QStringLiteral("bot_restart"));
        // Actions this console does not know yet are shown as they come.
        QCOMPARE(model.index(0, AuditModel::ActionColumn).data().toString(),
                 QStringLiteral("something_new"));
        QCOMPARE(model.index(0, AuditModel::ActorColumn).data().toString(),
                 QStringLiteral("maria"));
        QCOMPARE(model.index(0, AuditModel::OutcomeColumn).data().toString(), QStringLiteral("OK"));
        QCOMPARE(model.headerData(AuditModel::ActorColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Who"));

        // A failure shows its reason when the entry carries one, not a bare code.
        AuditEntry refused = make(QStringLiteral("3"), m_t0.addSecs(2),
                                  QStringLiteral("bot_restart"), QStringLiteral("failed"));
        refused.detail = {
                {QStringLiteral("error"), QStringLiteral("no restart command configured")}};
        model.upsert(refused);
        model.upsert(make(QStringLiteral("4"), m_t0.addSecs(3), QStringLiteral("health_check"),
                          QStringLiteral("failing")));
        QCOMPARE(model.index(model.rowOf(QStringLiteral("3")), AuditModel::OutcomeColumn)
                         .data()
                         .toString(),
                 QStringLiteral("Failed: no restart command configured"));
        QCOMPARE(model.index(model.rowOf(QStringLiteral("4")), AuditModel::OutcomeColumn)
                         .data()
                         .toString(),
                 QStringLiteral("Failed"));
    }

    void parsesTheApi()
    {
        const QJsonObject json{
                {QStringLiteral("id"), 42},
                {QStringLiteral("at"), QStringLiteral("2026-11-28T10:00:05.000Z")},
                {QStringLiteral("actor"), QStringLiteral("maria")},
                {QStringLiteral("action"), QStringLiteral("resolve")},
                {QStringLiteral("target"), QStringLiteral("n-7")},
                {QStringLiteral("outcome"), QStringLiteral("ok")},
                {QStringLiteral("detail"),
                 QJsonObject{{QStringLiteral("method"), QStringLiteral("phone_call")}}}};
        const auto record = AuditEntry::fromJson(json);
        QVERIFY(record);
        QCOMPARE(record->id, QStringLiteral("42")); // numeric ids are fine, kept as text
        QCOMPARE(record->at, m_t0.addSecs(5));
        QCOMPARE(record->detail.value(QStringLiteral("method")).toString(),
                 QStringLiteral("phone_call"));
        QVERIFY(record->succeeded());
        QVERIFY(AuditEntry::fromJson(record->toJson()) == record);
        QVERIFY(!AuditEntry::fromJson({{QStringLiteral("id"), QStringLiteral("x")}})); // no action
    }

    void claimAndReleaseHaveTheirNames()
    {
        QCOMPARE(AuditModel::actionText(QStringLiteral("claim")),
                 QStringLiteral("I'm handling it (claim)"));
        QCOMPARE(AuditModel::actionText(QStringLiteral("release")),
                 QStringLiteral("Stop handling (release)"));
        QCOMPARE(AuditModel::actionText(QStringLiteral("from_a_newer_vigiad")),
                 QStringLiteral("from_a_newer_vigiad"));
        AuditModel model(10);
        model.replaceAll({make(QStringLiteral("1"), m_t0, QStringLiteral("claim"))});
        QCOMPARE(model.index(0, AuditModel::ActionColumn).data().toString(),
                 QStringLiteral("I'm handling it (claim)"));

        QTranslator spanish;
        QVERIFY(spanish.load(QStringLiteral(VIGIA_QM_DIR "/vigia_es.qm")));
        QVERIFY(QCoreApplication::installTranslator(&spanish));
        QCOMPARE(AuditModel::actionText(QStringLiteral("claim")),
                 QStringLiteral("Lo atiendo yo (tomar)"));
        QCOMPARE(AuditModel::actionText(QStringLiteral("release")),
                 QStringLiteral("Dejar de atender (liberar)"));
    }

    // Every action vigiad writes (the server records them through
    // AuditAction only) has a name of its own, in English and in Spanish.
    void everyActionTheServerWritesIsNamed()
    {
        QTranslator spanish;
        QVERIFY(spanish.load(QStringLiteral(VIGIA_QM_DIR "/vigia_es.qm")));
        QSet<QString> english;
        QSet<QString> translated;
        for (const AuditAction action : kAllAuditActions) {
            const QString name = auditActionName(action);
            QVERIFY2(!name.isEmpty(), "an audit action without a wire name");
            QCOMPARE(auditActionFromName(name), std::optional<AuditAction>(action));
            const QString en = AuditModel::actionText(name);
            QVERIFY(QCoreApplication::installTranslator(&spanish));
            const QString es = AuditModel::actionText(name);
            QCoreApplication::removeTranslator(&spanish);
            QVERIFY2(en != name, qPrintable(name + QStringLiteral(": shown as its code")));
            QVERIFY2(es != en, qPrintable(name + QStringLiteral(": not translated")));
            english.insert(en);
            translated.insert(es);
        }
        QCOMPARE(english.size(), int(std::size(kAllAuditActions)));
        QCOMPARE(translated.size(), int(std::size(kAllAuditActions)));
    }
};

QTEST_MAIN(TstAuditModel)
#include "tst_auditmodel.moc"

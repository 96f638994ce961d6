// FailedNotificationsPanel: the table and the details pane name each type in
// the operator's language (the code beside it), and the list says while
// its next page is on its way.
#include "FailedNotificationsPanel.h"
#include "NotificationDetailsPane.h"
#include "NotificationModel.h"
#include "VigiaPalette.h"

#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTranslator>

using namespace Vigia;

class TstFailedNotificationsPanel final : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_t0 = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);

    Notification make(const QString &id, const QString &type) const
    {
        Notification n;
        n.id = id;
        n.orderId = QStringLiteral("PED-") + id;
        n.customerName = QStringLiteral("Cliente ") + id;
        n.recipient = QStringLiteral("+58 424-1234567");
        n.type = type;
        n.state = NotificationState::Failed;
        n.attempts = 4;
        n.maxAttempts = 4;
        n.lastError = QStringLiteral("HTTP 422: number not on WhatsApp");
        n.createdAt = m_t0.addSecs(-id.toInt());
        n.updatedAt = n.createdAt;
        return n;
    }

private Q_SLOTS:
    void typeNamesInSpanishInTheTableAndTheDetails()
    {
        QTranslator spanish;
        QVERIFY(spanish.load(QStringLiteral(VIGIA_QM_DIR "/vigia_es.qm")));
        QVERIFY(QCoreApplication::installTranslator(&spanish));
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        FailedNotificationsPanel panel(&model);
        const Notification shipped = make(QStringLiteral("1"), QStringLiteral("ORDER_SHIPPED"));
        model.replaceAll({shipped, make(QStringLiteral("2"), QStringLiteral("SOMETHING_NEW"))});
        QAbstractItemModel *shown = panel.view()->model();
        QCOMPARE(shown->index(0, NotificationModel::TypeColumn).data().toString(),
                 QStringLiteral("Pedido enviado"));
        // The name whole, as the column may elide it, and the code.
        QCOMPARE(shown->index(0, NotificationModel::TypeColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Pedido enviado (ORDER_SHIPPED)"));
        QCOMPARE(shown->index(1, NotificationModel::TypeColumn).data().toString(),
                 QStringLiteral("SOMETHING_NEW"));

        panel.selectId(shipped.id);
        panel.showDetails(shipped, {});
        const auto *body =
                panel.detailsPane()->findChild<QTextBrowser *>(QStringLiteral("detailsBody"));
        QVERIFY(body);
        QVERIFY2(body->toPlainText().contains(QLatin1String("Pedido enviado (ORDER_SHIPPED)")),
                 qPrintable(body->toPlainText()));
        QCoreApplication::removeTranslator(&spanish);
    }

    // At a laptop's 1024 px, beside the details pane, the columns up to the
    // type stay in sight: a long name or type is elided with its whole text
    // as tooltip; a phone number is never cut.
    void longTextsAreElidedSoTheTypeStaysInSight()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        FailedNotificationsPanel panel(&model);
        Notification n = make(QStringLiteral("1"), QStringLiteral("VOICE_LEAVE"));
        n.customerName = QStringLiteral("María Fernanda de los Ángeles Rodríguez Zambrano");
        n.recipient = QStringLiteral("+58 424-1234567 / @una_cuenta_de_telegram_larga");
        panel.resize(1000, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        model.replaceAll({n});
        QHeaderView *header = panel.view()->horizontalHeader();
        const int most = panel.view()->fontMetrics().averageCharWidth() * 19;
        QVERIFY(header->sectionSize(NotificationModel::CustomerColumn) <= most);
        QVERIFY(header->sectionSize(NotificationModel::TypeColumn) <= most);
        QVERIFY(header->sectionSize(NotificationModel::RecipientColumn) > most);
        const int recipientText = panel.view()->fontMetrics().horizontalAdvance(n.recipient);
        QVERIFY(header->sectionSize(NotificationModel::RecipientColumn) > recipientText);
        // What the cell cannot show, its tooltip says whole.
        const QModelIndex type = panel.view()->model()->index(0, NotificationModel::TypeColumn);
        QCOMPARE(type.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Left the voice channel (VOICE_LEAVE)"));
    }

    // Not live, with a local file: Mark contacted stays available (kept for
    // later); a pending action is painted in the palette's colour for it.
    void pendingActionsWhileNotLive()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        FailedNotificationsPanel panel(&model);
        model.replaceAll({make(QStringLiteral("1"), QStringLiteral("ORDER_SHIPPED")),
                          make(QStringLiteral("2"), QStringLiteral("ORDER_SHIPPED"))});
        QVERIFY(model.isStale());
        panel.setActionsAllowed(false, true, QString());
        panel.resize(900, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *resolve = panel.findChild<QPushButton *>(QStringLiteral("resolveButton"));
        QVERIFY(resolve);
        panel.view()->selectRow(0);
        QVERIFY(!resolve->isEnabled()); // stale, and nowhere to keep it
        panel.setResolveOffline(true);
        QVERIFY(resolve->isEnabled());
        QVERIFY(resolve->toolTip().contains(QStringLiteral("kept on this computer")));

        model.setPendingMark(QStringLiteral("2"), NotificationModel::PendingMark::Queued,
                             QStringLiteral("detail"));
        QAbstractItemModel *shown = panel.view()->model();
        int row = 0;
        while (shown->index(row, 0).data(NotificationModel::IdRole).toString()
               != QLatin1String("2"))
            ++row;
        const QModelIndex cell = shown->index(row, NotificationModel::ClaimColumn);
        QCOMPARE(cell.data().toString(), QStringLiteral("Not sent yet"));
        QCOMPARE(cell.data(Qt::ForegroundRole).value<QColor>(),
                 VigiaPalette::color(VigiaPalette::Role::PendingText));
        model.setPendingMark(QStringLiteral("2"), NotificationModel::PendingMark::Refused,
                             QStringLiteral("why"));
        QCOMPARE(shown->index(row, NotificationModel::ClaimColumn)
                         .data(Qt::ForegroundRole)
                         .value<QColor>(),
                 VigiaPalette::color(VigiaPalette::Role::RefusedText));
    }

    void saysLoadingMoreWhileTheNextPageComes()
    {
        ManualClock clock(m_t0);
        NotificationModel model(&clock, {NotificationState::Failed});
        FailedNotificationsPanel panel(&model);
        QList<Notification> page;
        for (int i = 1; i <= 3; ++i)
            page << make(QString::number(i), QStringLiteral("ORDER_SHIPPED"));
        model.replaceAll(page, true);
        panel.resize(900, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QLabel *loading = panel.loadingMoreLabel();
        QVERIFY(loading);
        QCOMPARE(loading->objectName(), QStringLiteral("failedLoadingMore"));
        QVERIFY(!loading->isVisible());

        // The view reaching the end asks the model for more: the line shows.
        QSignalSpy asked(&model, &NotificationModel::moreRequested);
        model.fetchMore({});
        QCOMPARE(asked.size(), 1);
        QVERIFY(loading->isVisible());
        QCOMPARE(loading->text(), QStringLiteral("Loading more…"));

        // The page came: gone again. A failed page hides it too.
        model.appendPage({make(QStringLiteral("4"), QStringLiteral("ORDER_SHIPPED"))}, true);
        QVERIFY(!loading->isVisible());
        model.fetchMore({});
        QVERIFY(loading->isVisible());
        model.pageFailed();
        QVERIFY(!loading->isVisible());
        // A new search replaces the list while a page was on its way.
        model.fetchMore({});
        QVERIFY(loading->isVisible());
        model.replaceAll(page, false);
        QVERIFY(!loading->isVisible());
    }
};

QTEST_MAIN(TstFailedNotificationsPanel)
#include "tst_failednotificationspanel.moc"

// A status from `vigiad --demo` is marked DEMO in the banner, the tray's
// tooltip and the window's title; a real one is not, and the mark survives
// the status' trip through JSON (the REST snapshot and the live feed).
#include "AuditModel.h"
#include "CommunicationStatus.h"
#include "IncidentModel.h"
#include "MainWindow.h"
#include "NotificationModel.h"
#include "StatusBanner.h"
#include "TrayNotifier.h"

#include <QLabel>
#include <QTest>

using namespace Vigia;

class TstDemoMark final : public QObject
{
    Q_OBJECT

private:
    static CommunicationStatus status(bool demo)
    {
        CommunicationStatus s;
        s.state = StatusState::Critical;
        s.demo = demo;
        return s;
    }

private Q_SLOTS:
    void travelsInTheStatusJson()
    {
        QVERIFY(CommunicationStatus::fromJson(status(true).toJson()).demo);
        QVERIFY(!CommunicationStatus::fromJson(status(false).toJson()).demo);
        // An older vigiad does not say: it was no demo.
        QVERIFY(!CommunicationStatus::fromJson(
                         {{QStringLiteral("state"), QStringLiteral("online")}})
                         .demo);
    }

    void bannerShowsDemo()
    {
        StatusBanner banner;
        banner.setLive(true);
        auto *mark = banner.findChild<QLabel *>(QStringLiteral("demoMarker"));
        QVERIFY(mark);
        QVERIFY(!banner.showsDemo());
        banner.setStatus(status(true));
        QVERIFY(banner.showsDemo());
        QCOMPARE(mark->text(), QStringLiteral("DEMO"));
        // Still marked when the link drops: the last state known was a demo's.
        banner.setLive(false);
        QVERIFY(banner.showsDemo());
        banner.setLive(true);
        banner.setStatus(status(false));
        QVERIFY(!banner.showsDemo());
    }

    void trayToolTipSaysDemo()
    {
        QWidget window;
        TrayNotifier tray(&window);
        tray.setLive(true);
        tray.setStatus(status(true));
        QVERIFY2(tray.toolTip().startsWith(QStringLiteral("Vigía DEMO:")),
                 qPrintable(tray.toolTip()));
        tray.setStatus(status(false));
        QVERIFY2(!tray.toolTip().contains(QStringLiteral("DEMO")), qPrintable(tray.toolTip()));
    }

    void windowTitleSaysDemo()
    {
        ManualClock clock(QDateTime(QDate(2026, 12, 2), QTime(18, 0), Qt::UTC));
        NotificationModel failed(&clock, {NotificationState::Failed});
        IncidentModel incidents(&clock);
        AuditModel audit;
        MainWindow window(&failed, &incidents, &audit);
        QVERIFY(!window.windowTitle().contains(QStringLiteral("DEMO")));
        window.setStatus(status(true));
        QVERIFY2(window.windowTitle().contains(QStringLiteral("DEMO")),
                 qPrintable(window.windowTitle()));
        QVERIFY(window.banner()->showsDemo());
        window.setStatus(status(false));
        QVERIFY(!window.windowTitle().contains(QStringLiteral("DEMO")));
    }
};

QTEST_MAIN(TstDemoMark)
#include "tst_demomark.moc"

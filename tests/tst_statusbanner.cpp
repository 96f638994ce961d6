// StatusBanner: every state has its own colour and title; disconnected is grey.
#include "StatusBanner.h"
#include "VigiaPalette.h"

#include <QLabel>
#include <QSet>
#include <QTest>

using namespace Vigia;

class TstStatusBanner final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eachStateHasItsOwnColour()
    {
        StatusBanner banner;
        banner.setLive(true);
        QSet<QRgb> colours;
        for (StatusState s : {StatusState::Online, StatusState::Degraded, StatusState::Incommunicado,
                              StatusState::Critical, StatusState::Offline, StatusState::Unknown}) {
            CommunicationStatus status;
            status.state = s;
            status.reason = QStringLiteral("because");
            banner.setStatus(status);
            const QColor bg = banner.palette().color(QPalette::Window);
            QCOMPARE(bg, VigiaPalette::color(VigiaPalette::forState(s)));
            QCOMPARE(banner.title(), StatusBanner::stateTitle(s));
            colours.insert(bg.rgb());
        }
        QCOMPARE(colours.size(), 6);
        QVERIFY(!colours.contains(VigiaPalette::color(VigiaPalette::Role::Disconnected).rgb()));
    }

    void disconnectedLooksDifferentAndKeepsLastKnown()
    {
        StatusBanner banner;
        CommunicationStatus status;
        status.state = StatusState::Critical;
        status.reason = QStringLiteral("gateway down");
        banner.setStatus(status);
        banner.setLive(false);
        QCOMPARE(banner.palette().color(QPalette::Window), VigiaPalette::color(VigiaPalette::Role::Disconnected));
        QCOMPARE(banner.title(), QStringLiteral("No live data"));
        const auto *reason = banner.findChild<QLabel *>(QStringLiteral("statusReason"));
        QVERIFY(reason);
        QVERIFY(reason->text().contains(QLatin1String("gateway down")));
        banner.setLive(true);
        QCOMPARE(banner.title(), StatusBanner::stateTitle(StatusState::Critical));
    }
};

QTEST_MAIN(TstStatusBanner)
#include "tst_statusbanner.moc"

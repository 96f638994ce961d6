// Server profiles and the console's settings, against two real vigiad on
// loopback: the single server an older console kept becomes the first
// profile; File → Server switches to another profile with that profile's
// own token; the tray menu names each profile with its state; --server is
// for one run only (except on a first run); the settings dialog keeps what
// it edits and the View menu's toggles follow it.
#include "ConsoleApplication.h"
#include "ConsoleController.h"
#include "ConsoleSettings.h"
#include "CredentialStore.h"
#include "LocalSnapshot.h"
#include "MainWindow.h"
#include "ProfileActions.h"
#include "ProfileWatch.h"
#include "ServiceFixture.h"
#include "SettingsDialog.h"
#include "StatusBanner.h"
#include "TestSupport.h"
#include "TrayNotifier.h"
#include "VigiaService.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace Vigia;
using namespace Vigia::TestSupport;

class TstProfiles final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServiceFixture> m_a;
    std::unique_ptr<ServiceFixture> m_b;

    QUrl urlA() const { return m_a->service()->baseUrl(); }
    QUrl urlB() const { return m_b->service()->baseUrl(); }

    // Each server's token kept in the token file under its URL, as a console
    // from before profiles kept tokens of their own left them: each profile
    // reads its server's.
    bool keepTokens()
    {
        CredentialStore store;
        for (const auto &[url, token] : {std::pair{urlA(), m_a->token(Role::Admin)},
                                         std::pair{urlB(), m_b->token(Role::Viewer)}}) {
            QString outcome = QStringLiteral("pending");
            store.saveToken(QString(), url, token, TokenStorage::File,
                            [&outcome](const QString &error) { outcome = error; });
            if (!outcome.isEmpty())
                return false;
        }
        return true;
    }
    QList<ServerProfile> saveTwoProfiles()
    {
        const QList<ServerProfile> profiles{
                ConsoleSettings::newProfile(urlA(), QStringLiteral("Production")),
                ConsoleSettings::newProfile(urlB(), QStringLiteral("Staging"))};
        ConsoleSettings::saveProfiles(profiles);
        ConsoleSettings::saveActiveProfileKey(profiles.constFirst().key);
        return profiles;
    }
    static std::unique_ptr<ConsoleApplication> startConsole(const QUrl &server = QUrl(),
                                                            const QString &token = QString())
    {
        auto console = std::make_unique<ConsoleApplication>();
        console->profileWatch()->setInterval(200);
        ConsoleOptions options;
        options.server = server;
        options.token = token;
        options.useKeychain = false;
        console->start(options);
        return console;
    }
    static QStringList texts(const QList<QAction *> &actions)
    {
        QStringList list;
        for (const QAction *action : actions)
            list.append(action->text());
        return list;
    }
    static QAction *entryFor(QMenu *menu, const QString &name)
    {
        for (QAction *action : menu->actions()) {
            if (action->text().startsWith(name + QStringLiteral(" — ")))
                return action;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() { enterTestMode(); }

    void init()
    {
        QSettings().clear();
        QFile::remove(CredentialStore::tokenFilePath());
        m_a = std::make_unique<ServiceFixture>();
        m_b = std::make_unique<ServiceFixture>();
        QVERIFY(m_a->start());
        QVERIFY(m_b->start());
    }

    void cleanup()
    {
        m_a.reset();
        m_b.reset();
        QSettings().clear();
        QFile::remove(CredentialStore::tokenFilePath());
    }

    void singleServerBecomesTheFirstProfile()
    {
        QSettings().setValue(QStringLiteral("connection/server"), urlA().toString());
        QVERIFY(keepTokens());
        const QList<ServerProfile> migrated = ConsoleSettings::profiles();
        QCOMPARE(migrated.size(), 1);
        QCOMPARE(migrated.constFirst().name, QStringLiteral("127.0.0.1"));
        QCOMPARE(migrated.constFirst().url, urlA());
        // A key usable as a file name, kept from then on.
        const QString key = migrated.constFirst().key;
        QVERIFY(!key.isEmpty());
        QVERIFY(!key.contains(u'/') && !key.contains(u'{'));
        QCOMPARE(ConsoleSettings::profiles().constFirst().key, key);
        QCOMPARE(ConsoleSettings::activeProfileKey(), key);

        auto console = startConsole();
        QTRY_VERIFY(console->controller()->isLive());
        QCOMPARE(console->activeProfile().key, key);
        QVERIFY(console->window()->windowTitle().startsWith(QStringLiteral("127.0.0.1 — ")));
        const QList<QAction *> entries = console->window()->serverMenu()->actions();
        QCOMPARE(entries.size(), 1);
        QVERIFY(entries.constFirst()->isChecked());
    }

    void switchingConnectsToTheOtherServerWithItsToken()
    {
        QVERIFY(keepTokens());
        const QList<ServerProfile> profiles = saveTwoProfiles();
        auto console = startConsole();
        ConsoleController *controller = console->controller();
        QTRY_VERIFY(controller->isLive());
        QCOMPARE(controller->api()->server(), urlA());
        QCOMPARE(controller->role(), std::optional<Role>(Role::Admin));
        QVERIFY(console->window()->windowTitle().startsWith(QStringLiteral("Production — ")));

        QSignalSpy changed(console.get(), &ConsoleApplication::activeProfileChanged);
        QMenu *menu = console->window()->serverMenu();
        QAction *staging = entryFor(menu, QStringLiteral("Staging"));
        QVERIFY(staging);
        QVERIFY(!staging->isChecked());
        staging->trigger();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.constFirst().constFirst().value<ServerProfile>().key, profiles.at(1).key);
        QTRY_VERIFY(controller->isLive());
        QCOMPARE(controller->api()->server(), urlB());
        QTRY_COMPARE(controller->role(), std::optional<Role>(Role::Viewer));
        QVERIFY(console->window()->windowTitle().startsWith(QStringLiteral("Staging — ")));
        QCOMPARE(ConsoleSettings::activeProfileKey(), profiles.at(1).key);
        QTRY_VERIFY(entryFor(menu, QStringLiteral("Staging"))
                    && entryFor(menu, QStringLiteral("Staging"))->isChecked());
        QVERIFY(!entryFor(menu, QStringLiteral("Production"))->isChecked());
        // The saved profiles are untouched by switching.
        QCOMPARE(ConsoleSettings::profiles(), profiles);
    }

    // Two profiles of one vigiad, each with its own kept token (an admin's
    // and a viewer's): each connects with its own, and has its own local
    // file, named after its key; switching paints the other's, not what the
    // other token was shown.
    void profilesOfOneServerKeepSeparateSnapshots()
    {
        const QList<ServerProfile> profiles{
                ConsoleSettings::newProfile(urlA(), QStringLiteral("Admin")),
                ConsoleSettings::newProfile(urlA(), QStringLiteral("Viewer"))};
        ConsoleSettings::saveProfiles(profiles);
        ConsoleSettings::saveActiveProfileKey(profiles.constFirst().key);
        {
            CredentialStore store;
            for (const auto &[key, token] :
                 {std::pair{profiles.at(0).key, m_a->token(Role::Admin)},
                  std::pair{profiles.at(1).key, m_a->token(Role::Viewer)}}) {
                QString outcome = QStringLiteral("pending");
                store.saveToken(key, urlA(), token, TokenStorage::File,
                                [&outcome](const QString &error) { outcome = error; });
                QVERIFY(outcome.isEmpty());
            }
            // Each reads its own; the URL keeps none.
            QString read;
            store.readToken(profiles.at(1).key, urlA(), [&read](const QString &t) { read = t; });
            QCOMPARE(read, m_a->token(Role::Viewer));
            store.readToken(QString(), urlA(), [&read](const QString &t) { read = t; });
            QCOMPARE(read, QString());
        }
        const QString adminFile = LocalSnapshot::filePathFor(profiles.at(0).key);
        const QString viewerFile = LocalSnapshot::filePathFor(profiles.at(1).key);
        const auto role = [](const QString &path) {
            LocalSnapshot file(path);
            const auto read = file.open() ? file.read() : std::nullopt;
            return read ? read->role : QString();
        };
        {
            auto console = std::make_unique<ConsoleApplication>();
            ConsoleOptions options;
            options.useKeychain = false;
            options.localSnapshot = true;
            console->start(options);
            ConsoleController *controller = console->controller();
            QCOMPARE(controller->localSnapshotPath(), adminFile);
            QTRY_VERIFY(controller->isLive());
            QTRY_COMPARE(controller->role(), std::optional<Role>(Role::Admin));
            QVERIFY(controller->saveLocalSnapshotNow());
            QCOMPARE(role(adminFile), QStringLiteral("admin"));

            console->switchToProfile(profiles.at(1).key);
            QCOMPARE(controller->localSnapshotPath(), viewerFile);
            QTRY_COMPARE(controller->role(), std::optional<Role>(Role::Viewer));
            QVERIFY(controller->saveLocalSnapshotNow());
        }
        QCOMPARE(role(viewerFile), QStringLiteral("viewer"));
        QCOMPARE(role(adminFile), QStringLiteral("admin"));
        for (const QString &path : {adminFile, viewerFile}) {
            for (const QString &suffix :
                 {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(path + suffix);
        }
    }

    void trayMenuShowsEachProfileState()
    {
        QVERIFY(keepTokens());
        saveTwoProfiles();
        auto console = startConsole();
        QTRY_VERIFY(console->controller()->isLive());
        QMenu *menu = console->trayNotifier()->menu();
        QVERIFY(menu);
        const QString activeWord = StatusBanner::stateTitle(console->controller()->status().state);
        QTRY_VERIFY2(entryFor(menu, QStringLiteral("Production"))
                             && entryFor(menu, QStringLiteral("Production"))->text()
                                     == QStringLiteral("Production — ") + activeWord,
                     qPrintable(texts(menu->actions()).join(u'|')));
        // The other one from its own watcher, once it answered.
        const QString key = console->profiles().at(1).key;
        QTRY_COMPARE(console->profileWatch()->state(key).link, ProfileLink::Live);
        const QString otherWord =
                StatusBanner::stateTitle(console->profileWatch()->state(key).status.state);
        QTRY_VERIFY2(entryFor(menu, QStringLiteral("Staging"))
                             && entryFor(menu, QStringLiteral("Staging"))->text()
                                     == QStringLiteral("Staging — ") + otherWord,
                     qPrintable(texts(menu->actions()).join(u'|')));
        QVERIFY(!entryFor(menu, QStringLiteral("Staging"))->icon().isNull());
        // Then it stops answering: no live data, in the disconnected colour.
        m_b->stop();
        QTRY_COMPARE(console->profileWatch()->state(key).link, ProfileLink::NoData);
        QTRY_COMPARE(entryFor(menu, QStringLiteral("Staging"))->text(),
                     QStringLiteral("Staging — no live data"));
        QCOMPARE(ProfileActions::roleFor(console->profileWatch()->state(key)),
                 VigiaPalette::Role::Disconnected);
        // Picking it from the tray switches too.
        entryFor(menu, QStringLiteral("Staging"))->trigger();
        QCOMPARE(console->activeProfile().key, key);
    }

    void serverOnTheCommandLineIsForThisRunOnly()
    {
        const QList<ServerProfile> saved{
                ConsoleSettings::newProfile(urlA(), QStringLiteral("Production"))};
        ConsoleSettings::saveProfiles(saved);
        ConsoleSettings::saveActiveProfileKey(saved.constFirst().key);
        {
            auto console = startConsole(urlB(), m_b->token(Role::Viewer));
            QTRY_VERIFY(console->controller()->isLive());
            QCOMPARE(console->controller()->api()->server(), urlB());
            QCOMPARE(console->profileStates().size(), 2);
            QVERIFY(console->profileStates().constFirst().active);
        }
        QCOMPARE(ConsoleSettings::profiles(), saved);
        QCOMPARE(ConsoleSettings::activeProfileKey(), saved.constFirst().key);
    }

    void serverOnTheCommandLineOfAFirstRunIsSaved()
    {
        auto console = startConsole(urlA(), m_a->token(Role::Viewer));
        QTRY_VERIFY(console->controller()->isLive());
        const QList<ServerProfile> saved = ConsoleSettings::profiles();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.constFirst().url, urlA());
        QCOMPARE(ConsoleSettings::activeProfileKey(), saved.constFirst().key);
        // The token given by the environment is never kept.
        QVERIFY(!QFile::exists(CredentialStore::tokenFilePath()));
    }

    // Settings → Alerts chooses how long a snooze lasts: kept, worded in
    // the tray menu and View, used by the next snooze; a worse state still
    // ends it.
    void snoozeLengthIsChosenInSettings()
    {
        auto console = startConsole(urlA(), m_a->token(Role::Admin));
        QTRY_VERIFY(console->controller()->isLive());
        MainWindow *window = console->window();
        TrayNotifier *tray = console->trayNotifier();
        const auto trayEntry = [tray] {
            for (QAction *action : tray->menu()->actions()) {
                if (action->text().startsWith(QStringLiteral("Snooze alerts for")))
                    return action->text();
            }
            return QString();
        };
        QCOMPARE(trayEntry(), QStringLiteral("Snooze alerts for 15 min"));
        QCOMPARE(window->snoozeAction()->text(), QStringLiteral("&Snooze alerts for 15 min"));
        window->settingsAction()->trigger();
        SettingsDialog *dialog = console->settingsDialog();
        QVERIFY(dialog);
        auto *length = dialog->findChild<QComboBox *>(QStringLiteral("snoozeMinutes"));
        QVERIFY(length);
        QCOMPARE(length->count(), ConsoleSettings::snoozeChoices().size());
        QCOMPARE(length->currentData().toInt(), 15);
        length->setCurrentIndex(length->findData(30));
        QCOMPARE(length->currentText(), QStringLiteral("30 min"));
        dialog->accept();
        QTRY_VERIFY(!console->settingsDialog());

        QCOMPARE(ConsoleSettings::alerts().snoozeMinutes, 30);
        QCOMPARE(tray->snoozeMinutes(), 30);
        QCOMPARE(trayEntry(), QStringLiteral("Snooze alerts for 30 min"));
        QCOMPARE(window->snoozeAction()->text(), QStringLiteral("&Snooze alerts for 30 min"));
        const QDateTime before = QDateTime::currentDateTimeUtc();
        window->snoozeAction()->trigger();
        QVERIFY(tray->isSnoozed());
        QVERIFY(tray->snoozedUntil() >= before.addSecs(30 * 60));
        QVERIFY(tray->snoozedUntil() <= QDateTime::currentDateTimeUtc().addSecs(30 * 60));
        CommunicationStatus worse = console->controller()->status();
        worse.state = StatusState::Critical;
        tray->setStatus(worse);
        QVERIFY(!tray->isSnoozed());
        QVERIFY(!window->snoozeAction()->isChecked());
        // The next start words it so from the first paint.
        console.reset();
        console = startConsole(urlA(), m_a->token(Role::Admin));
        QCOMPARE(console->window()->snoozeAction()->text(),
                 QStringLiteral("&Snooze alerts for 30 min"));
    }

    void settingsDialogKeepsWhatItEdits()
    {
        QVERIFY(keepTokens());
        auto console = startConsole(urlA(), m_a->token(Role::Admin));
        QTRY_VERIFY(console->controller()->isLive());
        MainWindow *window = console->window();
        window->settingsAction()->trigger();
        SettingsDialog *dialog = console->settingsDialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY(dialog->findChild<QCheckBox *>(QStringLiteral("alertOnWorse"))->isChecked());
        QVERIFY(!dialog->findChild<QCheckBox *>(QStringLiteral("repeatSound"))->isChecked());
        dialog->findChild<QCheckBox *>(QStringLiteral("alertOnWorse"))->setChecked(false);
        dialog->findChild<QSpinBox *>(QStringLiteral("linkLostSeconds"))->setValue(90);
        dialog->findChild<QCheckBox *>(QStringLiteral("repeatSound"))->setChecked(true);
        // A second server, with its token.
        dialog->showPage(SettingsDialog::Page::Servers);
        dialog->findChild<QPushButton *>(QStringLiteral("addProfile"))->click();
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("profileName"));
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("Staging"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("profileUrl")),
                         urlB().toString());
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("profileToken")),
                         m_b->token(Role::Support));
        dialog->accept();
        QTRY_VERIFY(!console->settingsDialog());

        const AlertPreferences kept = ConsoleSettings::alerts();
        QVERIFY(!kept.alertOnWorse);
        QCOMPARE(kept.linkLostSeconds, 90);
        QVERIFY(kept.repeatSound);
        QVERIFY(window->repeatSoundAction()->isChecked());
        QVERIFY(console->trayNotifier()->repeatsSound());
        const QList<ServerProfile> profiles = ConsoleSettings::profiles();
        QCOMPARE(profiles.size(), 2);
        QCOMPARE(profiles.at(1).name, QStringLiteral("Staging"));
        QCOMPARE(profiles.at(1).url, urlB());
        // Its token was kept where the operator chose (the file), and its
        // watcher uses it.
        QTRY_COMPARE(console->profileWatch()->state(profiles.at(1).key).link, ProfileLink::Live);
        QTRY_VERIFY(entryFor(window->serverMenu(), QStringLiteral("Staging")));

        // The View menu's toggle and the dialog edit the same value.
        window->repeatSoundAction()->trigger();
        QVERIFY(!ConsoleSettings::alerts().repeatSound);
        window->settingsAction()->trigger();
        QVERIFY(console->settingsDialog());
        QVERIFY(!console->settingsDialog()
                         ->findChild<QCheckBox *>(QStringLiteral("repeatSound"))
                         ->isChecked());
        QCOMPARE(console->settingsDialog()
                         ->findChild<QListWidget *>(QStringLiteral("profileList"))
                         ->count(),
                 2);
        console->settingsDialog()->reject();
    }
};

QTEST_MAIN(TstProfiles)
#include "tst_profiles.moc"

// The console's first run against a real vigiad on loopback: the connection
// dialog checks the server and token before anything is saved and says what
// failed; a token kept in the file is used at the next start without asking;
// Cancel leaves a "Not connected" bar whose button opens the dialog again; a
// lost link is retried at once on request; the window's arrangement survives
// a restart; a server URL stored by an older console is migrated.
#include "CannedHttpPeer.h"
#include "ConnectionCheck.h"
#include "ConnectionDialog.h"
#include "ConsoleApplication.h"
#include "ConsoleController.h"
#include "CredentialStore.h"
#include "FailedNotificationsPanel.h"
#include "LiveFeedClient.h"
#include "MainWindow.h"
#include "ServiceFixture.h"
#include "TestSupport.h"
#include "VigiaService.h"

#include <QFile>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QNetworkReply>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableView>
#include <QTcpServer>
#include <QTest>

using namespace Vigia;
using namespace Vigia::TestSupport;

namespace {
const QString kServerKey = QStringLiteral("connection/server");
}

class TstFirstRun final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServiceFixture> m_fixture;

    // A console with no token given and no keychain: what a first start on a
    // machine without a Secret Service sees.
    static std::unique_ptr<ConsoleApplication> startConsole(const QUrl &server = QUrl())
    {
        auto console = std::make_unique<ConsoleApplication>();
        ConsoleOptions options;
        options.server = server;
        options.useKeychain = false;
        console->start(options);
        return console;
    }
    // Types the token, clicks Connect and waits for the check's answer:
    // connectionChecked's {ok, reason}, or nothing when none came.
    static QVariantList connectWith(ConsoleApplication *console, const QString &token,
                                    const QUrl &server = QUrl())
    {
        ConnectionDialog *dialog = console->connectionDialog();
        if (!dialog)
            return {};
        if (server.isValid())
            dialog->setServer(server);
        dialog->setToken(token);
        QSignalSpy checked(console, &ConsoleApplication::connectionChecked);
        dialog->findChild<QPushButton *>(QStringLiteral("connectButton"))->click();
        if (!checked.wait(10000))
            return {};
        return checked.takeFirst();
    }
    static bool nothingSaved()
    {
        QSettings settings;
        return !settings.contains(kServerKey)
                && !settings.contains(QStringLiteral("connection/token_storage"))
                && !QFile::exists(CredentialStore::tokenFilePath());
    }
    // A loopback port nothing listens on.
    static quint16 refusedPort()
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0))
            return 9;
        const quint16 port = server.serverPort();
        server.close();
        return port;
    }

private Q_SLOTS:
    void initTestCase() { enterTestMode(); }

    void init()
    {
        QSettings().clear();
        QSettings().sync();
        QFile::remove(CredentialStore::tokenFilePath());
        m_fixture = std::make_unique<ServiceFixture>();
        QVERIFY(m_fixture->start());
    }

    void cleanup()
    {
        m_fixture.reset();
        QSettings().clear();
        QFile::remove(CredentialStore::tokenFilePath());
    }

    void noKeychainErrorBeforeTheOperatorDidAnything()
    {
        auto console = startConsole();
        ConnectionDialog *dialog = console->connectionDialog();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->error(), QString());
        // The choice is explained instead, and the keychain is not offered.
        const auto *note = dialog->findChild<QLabel *>(QStringLiteral("keychainNote"));
        QVERIFY(note->isVisible());
        QVERIFY(note->text().contains(QLatin1String("no system keychain")));
        QVERIFY(!dialog->findChild<QRadioButton *>(QStringLiteral("keepInKeychain"))->isEnabled());
        QVERIFY(dialog->findChild<QRadioButton *>(QStringLiteral("keepForSession"))->isChecked());
    }

    void refusedPortSaysSoAndSavesNothing()
    {
        auto console = startConsole();
        const QUrl refused(QStringLiteral("http://127.0.0.1:%1").arg(refusedPort()));
        const QVariantList answer =
                connectWith(console.get(), m_fixture->token(Role::Admin), refused);
        QCOMPARE(answer.size(), 2);
        QVERIFY(!answer.at(0).toBool());
        ConnectionDialog *dialog = console->connectionDialog();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY2(dialog->error().startsWith(QLatin1String("Connection refused")),
                 qPrintable(dialog->error()));
        QVERIFY(!dialog->isChecking());
        QVERIFY(nothingSaved());
        QCOMPARE(console->controller()->link(), ConsoleController::Link::NotConnected);
    }

    void unknownTokenSays401AndSavesNothing()
    {
        auto console = startConsole();
        const QVariantList answer = connectWith(console.get(), QStringLiteral("not-a-token"),
                                                m_fixture->service()->baseUrl());
        QCOMPARE(answer.size(), 2);
        QVERIFY(!answer.at(0).toBool());
        ConnectionDialog *dialog = console->connectionDialog();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY2(dialog->error().contains(QLatin1String("401")), qPrintable(dialog->error()));
        QVERIFY(dialog->error().contains(QLatin1String("revoked")));
        QVERIFY(nothingSaved());
    }

    // What answers is not vigiad, or a vigiad of another major version.
    void somethingElseAnsweringIsNamed_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a web page") << QByteArrayLiteral("text/html")
                                    << QByteArrayLiteral("<html><body>It works!</body></html>")
                                    << QStringLiteral("but it is not vigiad");
        QTest::newRow("another version")
                << QByteArrayLiteral("application/json")
                << QByteArrayLiteral(R"({"name":"ana","role":"admin","version":"7.2.0"})")
                << QStringLiteral("(version 7.2.0) does not work with this console");
    }
    void somethingElseAnsweringIsNamed()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        CannedHttpPeer peer;
        QVERIFY(peer.start());
        peer.setAnswer(200, {{QByteArrayLiteral("Content-Type"), contentType}}, body);
        auto console = startConsole();
        const QVariantList answer =
                connectWith(console.get(), QStringLiteral("some-token"), peer.baseUrl());
        QCOMPARE(answer.size(), 2);
        QVERIFY(!answer.at(0).toBool());
        QVERIFY2(answer.at(1).toString().contains(expected), qPrintable(answer.at(1).toString()));
        QCOMPARE(console->connectionDialog()->error(), answer.at(1).toString());
        QVERIFY(nothingSaved());
    }

    void httpsToAPlainServerIsATlsError()
    {
        QUrl server = m_fixture->service()->baseUrl();
        server.setScheme(QStringLiteral("https"));
        auto console = startConsole();
        const QVariantList answer =
                connectWith(console.get(), m_fixture->token(Role::Admin), server);
        QCOMPARE(answer.size(), 2);
        QVERIFY2(answer.at(1).toString().startsWith(QLatin1String("Secure connection (TLS)")),
                 qPrintable(answer.at(1).toString()));
        QVERIFY(nothingSaved());
    }

    // The failures a loopback test cannot cause, from the network layer's code.
    void networkErrorsAreNamed_data()
    {
        QTest::addColumn<int>("error");
        QTest::addColumn<int>("problem");
        QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError)
                                 << int(ConnectionProblem::Refused);
        QTest::newRow("dns") << int(QNetworkReply::HostNotFoundError)
                             << int(ConnectionProblem::HostNotFound);
        QTest::newRow("tls") << int(QNetworkReply::SslHandshakeFailedError)
                             << int(ConnectionProblem::Tls);
        QTest::newRow("timeout") << int(QNetworkReply::OperationCanceledError)
                                 << int(ConnectionProblem::Timeout);
    }
    void networkErrorsAreNamed()
    {
        QFETCH(int, error);
        QFETCH(int, problem);
        ApiReply<Caller> reply;
        reply.result.networkError = error;
        reply.result.message = QStringLiteral("what Qt said");
        const QUrl server(QStringLiteral("http://vigia.lan:8765"));
        const ConnectionOutcome outcome = ConnectionCheck::classify(reply, server);
        QCOMPARE(int(outcome.problem), problem);
        QVERIFY(!ConnectionCheck::describe(outcome, server)
                         .startsWith(QLatin1String("Could not connect")));
    }

    void goodTokenIsKeptInTheFileAndNotAskedAgain()
    {
        const QUrl server = m_fixture->service()->baseUrl();
        {
            auto console = startConsole();
            ConnectionDialog *dialog = console->connectionDialog();
            QVERIFY(dialog);
            dialog->findChild<QRadioButton *>(QStringLiteral("keepInFile"))->click();
            const QVariantList answer =
                    connectWith(console.get(), m_fixture->token(Role::Support), server);
            QCOMPARE(answer.size(), 2);
            QVERIFY2(answer.at(0).toBool(), qPrintable(answer.at(1).toString()));
            QTRY_VERIFY(!console->connectionDialog());
            QTRY_VERIFY(console->controller()->isLive());
        }
        QSettings settings;
        // Plain text, not a QUrl variant.
        QCOMPARE(settings.value(kServerKey).typeId(), QMetaType::QString);
        QCOMPARE(settings.value(kServerKey).toString(), server.toString());
        QCOMPARE(settings.value(QStringLiteral("connection/token_storage")).toString(),
                 QStringLiteral("file"));
        QFile file(CredentialStore::tokenFilePath());
        QVERIFY(file.exists());
        QCOMPARE(file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner);

        // The next start: no server given, no token given, no dialog. A file
        // that was given looser rights meanwhile is closed again.
        QVERIFY(file.setPermissions(file.permissions() | QFileDevice::ReadGroup
                                    | QFileDevice::ReadOther));
        auto again = startConsole();
        QCOMPARE(file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        QVERIFY(!again->connectionDialog());
        QTRY_VERIFY(again->controller()->isLive());
        QCOMPARE(again->controller()->api()->server(), server);
        QVERIFY(!again->window()->findChild<QFrame *>(QStringLiteral("linkBar"))->isVisible());
    }

    void cancelLeavesANotConnectedBarWhoseButtonOpensTheDialog()
    {
        auto console = startConsole();
        MainWindow *window = console->window();
        QVERIFY(console->connectionDialog());
        console->connectionDialog()->reject();
        QTRY_VERIFY(!console->connectionDialog());
        const auto *bar = window->findChild<QFrame *>(QStringLiteral("linkBar"));
        QVERIFY(bar->isVisible());
        QVERIFY(window->findChild<QLabel *>(QStringLiteral("linkText"))
                        ->text()
                        .startsWith(QLatin1String("Not connected")));
        auto *button = window->findChild<QPushButton *>(QStringLiteral("linkConnectButton"));
        QVERIFY(button->isVisible());
        button->click();
        QVERIFY(console->connectionDialog());
        QTRY_VERIFY(console->connectionDialog()->isVisible());
    }

    void reconnectNowDoesNotWaitForTheBackoff()
    {
        auto console = std::make_unique<ConsoleApplication>();
        // A minute between tries: only the button can bring it back in time.
        console->controller()->liveFeed()->setReconnectDelays(60000, 60000);
        ConsoleOptions options;
        options.server = m_fixture->service()->baseUrl();
        options.token = m_fixture->token(Role::Viewer);
        options.useKeychain = false;
        console->start(options);
        QTRY_VERIFY(console->controller()->isLive());
        MainWindow *window = console->window();
        auto *reconnect = window->findChild<QPushButton *>(QStringLiteral("reconnectButton"));
        QVERIFY(!reconnect->isVisible());

        const quint16 port = m_fixture->service()->baseUrl().port();
        m_fixture->stop();
        QTRY_COMPARE(console->controller()->link(), ConsoleController::Link::Lost);
        QTRY_VERIFY(reconnect->isVisible());
        QVERIFY(m_fixture->start([port](ServiceConfig &c) { c.listenPort = port; }));
        reconnect->click();
        QTRY_VERIFY_WITH_TIMEOUT(console->controller()->isLive(), 10000);
        QTRY_VERIFY(!reconnect->isVisible());
    }

    // Widths that only fit the headers of an empty table, or a splitter on
    // a tab never opened, are not kept: the next start fits the content.
    void layoutOfWhatWasNeverShownIsNotKept()
    {
        {
            auto console = startConsole();
            console->connectionDialog()->reject();
            console->window()->close();
        }
        QSettings settings;
        QVERIFY(!settings.contains(QStringLiteral("layout/failedTable/widths")));
        QVERIFY(!settings.contains(QStringLiteral("layout/auditTable/widths")));
        QVERIFY(!settings.contains(QStringLiteral("layout/sessionsSplitter/sizes")));
    }

    void layoutSurvivesARestart()
    {
        QList<int> splitterSizes;
        int width = 0;
        {
            auto console = startConsole();
            MainWindow *window = console->window();
            console->connectionDialog()->reject();
            window->resize(900, 560);
            window->move(40, 30);
            auto *splitter = window->findChild<QSplitter *>(QStringLiteral("failedSplitter"));
            QTRY_VERIFY(splitter->width() > 0);
            splitter->setSizes({splitter->width() - 200, 200});
            splitterSizes = splitter->sizes();
            QHeaderView *header = window->failedPanel()->view()->horizontalHeader();
            header->resizeSection(1, 233);
            header->moveSection(header->visualIndex(2), 0);
            header->setSortIndicator(1, Qt::AscendingOrder);
            width = header->sectionSize(1);
            window->close();
        }
        // Readable values, not blobs, for what Qt lets us.
        QSettings settings;
        QCOMPARE(settings.value(QStringLiteral("layout/failedTable/widths")).typeId(),
                 QMetaType::QStringList);
        QCOMPARE(settings.value(QStringLiteral("layout/failedSplitter/sizes")).typeId(),
                 QMetaType::QStringList);

        auto console = startConsole();
        MainWindow *window = console->window();
        QTRY_COMPARE(window->size(), QSize(900, 560));
        QHeaderView *header = window->failedPanel()->view()->horizontalHeader();
        QCOMPARE(header->sectionSize(1), width);
        QCOMPARE(header->visualIndex(2), 0);
        QCOMPARE(header->sortIndicatorSection(), 1);
        QCOMPARE(header->sortIndicatorOrder(), Qt::AscendingOrder);
        auto *splitter = window->findChild<QSplitter *>(QStringLiteral("failedSplitter"));
        QTRY_VERIFY(qAbs(splitter->sizes().constLast() - splitterSizes.constLast()) <= 2);
    }

    void urlStoredAsAVariantIsMigrated()
    {
        const QUrl server = m_fixture->service()->baseUrl();
        {
            QSettings old;
            old.setValue(kServerKey, server); // what older consoles wrote
            old.sync();
            QFile file(old.fileName());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY(file.readAll().contains("@Variant"));
        }
        auto console = startConsole();
        QVERIFY(console->connectionDialog());
        QCOMPARE(console->connectionDialog()->server(), server);
        QSettings settings;
        settings.sync();
        QCOMPARE(settings.value(kServerKey).typeId(), QMetaType::QString);
        QCOMPARE(settings.value(kServerKey).toString(), server.toString());
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("@Variant"));
    }
};

QTEST_MAIN(TstFirstRun)
#include "tst_firstrun.moc"

#include "CommandLineCheck.h"
#include "ConsoleApplication.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcessEnvironment>
#include <QTranslator>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("vigia"));
    QApplication::setOrganizationName(QStringLiteral("vigia"));
    QApplication::setApplicationDisplayName(QStringLiteral("Vigía"));
    QApplication::setApplicationVersion(QStringLiteral(VIGIA_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("vigia"));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("vigia"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Vigía operator console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(
            QStringLiteral("server"),
            QApplication::translate("main", "vigiad URL, such as http://127.0.0.1:8765"),
            QStringLiteral("url"));
    const QCommandLineOption screenshot(
            QStringLiteral("screenshot"),
            QApplication::translate("main", "Save a PNG of the window once live, then quit"),
            QStringLiteral("file"));
    const QCommandLineOption screenshotDelay(
            QStringLiteral("screenshot-delay"),
            QApplication::translate("main",
                                    "Take the --screenshot this many ms after live data shows"),
            QStringLiteral("ms"), QStringLiteral("800"));
    const QCommandLineOption tab(
            QStringLiteral("tab"),
            QApplication::translate(
                    "main", "Open on a tab: failed, waiting, incidents, sessions, charts or audit"),
            QStringLiteral("name"));
    const QCommandLineOption firstRun(
            QStringLiteral("first-run"),
            QApplication::translate("main", "Open the connection dialog, as on a first run"));
    const QCommandLineOption checkConnection(
            QStringLiteral("check-connection"),
            QApplication::translate("main",
                                    "Check the server and the token (VIGIA_TOKEN), print the "
                                    "status and exit: 0 when both answered, 1 otherwise"));
    parser.addOption(checkConnection);
    parser.addOption(firstRun);
    parser.addOption(tab);
    parser.addOption(server);
    parser.addOption(screenshot);
    parser.addOption(screenshotDelay);
    parser.process(app);

    Vigia::ConsoleOptions options;
    if (parser.isSet(server))
        options.server = QUrl::fromUserInput(parser.value(server));
    // The token may come from the environment (scripts) but never from argv,
    // where every user on the machine could read it.
    options.token = QProcessEnvironment::systemEnvironment().value(QStringLiteral("VIGIA_TOKEN"));
    // Whoever set the environment manages that token: it is never stored.
    // VIGIA_NO_KEYCHAIN=1: never ask the system keychain (a machine without one).
    options.useKeychain = qEnvironmentVariableIsEmpty("VIGIA_NO_KEYCHAIN");
    // VIGIA_NO_LOCAL_SNAPSHOT=1: start empty and keep nothing on this computer.
    options.localSnapshot = qEnvironmentVariableIsEmpty("VIGIA_NO_LOCAL_SNAPSHOT");
    if (parser.isSet(checkConnection))
        return Vigia::CommandLineCheck::run(options.server.isValid()
                                                    ? options.server
                                                    : Vigia::ConsoleApplication::savedServer(),
                                            options.token);
    options.firstRun = parser.isSet(firstRun);
    options.screenshotPath = parser.value(screenshot);
    options.screenshotDelayMs = qBound(0, parser.value(screenshotDelay).toInt(), 600000);
    options.tab = parser.value(tab);

    Vigia::ConsoleApplication console;
    console.start(options);
    return QApplication::exec();
}

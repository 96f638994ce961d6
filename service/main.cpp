#include "ApiTokens.h"
#include "DemoRun.h"
#include "PostgresStore.h"
#include "ServiceConfig.h"
#include "SqliteBackup.h"
#include "SqliteStore.h"
#include "StoreMigration.h"
#include "VigiaService.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/socket.h>
#include <unistd.h>

using namespace Vigia;

namespace {

// glibc gives freed memory at the top of the heap back to the kernel as
// soon as 128 KiB of it is free, and takes it again on the next burst: under
// load vigiad spent about a tenth of its CPU in brk/munmap and the TLB
// shootdowns they cost every other thread (perf, bench/results/
// 2026-12-03-compare.md). Keeping up to 32 MiB for reuse, and a fixed mmap
// threshold so mid-size buffers are not mapped and unmapped each time, ends
// that churn; the memory kept is bounded and reused, so RSS stays flat.
void tuneAllocator()
{
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TOP_PAD, 4 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 4 * 1024 * 1024);
#endif
}

int signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

// SIGTERM/SIGINT end the event loop so the store closes cleanly (and the
// demo's temporary store is removed).
void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::quit(); });
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
}

// `vigiad backup --to FILE`: a consistent copy of the store, taken while
// vigiad runs (SQLite's online backup), checked before it replaces FILE.
int backupCommand(const QStringList &args, const ServiceConfig &config)
{
    QTextStream err(stderr);
    const qsizetype toAt = args.indexOf(QStringLiteral("--to"));
    const QString to = toAt > 0 ? args.value(toAt + 1) : QString();
    if (to.isEmpty() || args.size() != 3) {
        err << "usage: vigiad backup --to FILE [--config FILE]" << Qt::endl;
        return 2;
    }
    if (!config.postgresUrl.isEmpty()) {
        err << "vigiad backup: the store is on PostgreSQL; back it up with pg_dump" << Qt::endl;
        return 2;
    }
    QString error;
    if (!backupSqlite(config.sqlitePath, to, &error)) {
        err << "vigiad backup: " << error << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << "backed up " << config.sqlitePath << " to " << to << Qt::endl;
    return 0;
}

int tokenCommand(const QStringList &args, const ServiceConfig &config)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    // The tokens of several instances on PostgreSQL are in the database.
    std::unique_ptr<Store> opened;
    if (config.postgresUrl.isEmpty())
        opened = std::make_unique<SqliteStore>(config.sqlitePath);
    else
        opened = std::make_unique<PostgresStore>(config.postgresUrl);
    Store &store = *opened;
    QString error;
    if (!store.open(&error)) {
        err << "vigiad: " << error << Qt::endl;
        return 1;
    }
    const QString action = args.value(1);
    if (action == QLatin1String("add")) {
        QCommandLineParser p;
        p.addOption({QStringLiteral("role"), QStringLiteral("viewer, support, admin or bot"),
                     QStringLiteral("role")});
        p.addOption({QStringLiteral("name"), QStringLiteral("who or what uses the token"),
                     QStringLiteral("name")});
        p.addOption(
                {QStringLiteral("config"), QStringLiteral("config file"), QStringLiteral("file")});
        if (!p.parse(args.mid(1))) {
            err << "vigiad token add: " << p.errorText() << Qt::endl;
            return 2;
        }
        const auto role = roleFromName(p.value(QStringLiteral("role")));
        if (!role) {
            err << "vigiad token add: --role must be one of viewer, support, admin, bot"
                << Qt::endl;
            return 2;
        }
        const QString name = p.value(QStringLiteral("name")).trimmed();
        if (name.isEmpty()) {
            err << "vigiad token add: --name is required" << Qt::endl;
            return 2;
        }
        const QString secret = ApiTokens::generateSecret();
        const auto token = store.addToken(name, *role, ApiTokens::hashSecret(secret),
                                          QDateTime::currentDateTimeUtc(), &error);
        if (!token) {
            err << "vigiad token add: " << error << Qt::endl;
            return 1;
        }
        out << "Token for " << name << " (" << roleName(*role)
            << "). It is shown only this once:" << Qt::endl;
        out << secret << Qt::endl;
        return 0;
    }
    if (action == QLatin1String("list")) {
        const QList<ApiToken> tokens = store.tokens();
        for (const ApiToken &t : tokens) {
            out << t.id << '\t' << t.name << '\t' << roleName(t.role) << '\t'
                << toRfc3339(t.createdAt) << (t.revoked ? "\trevoked" : "") << Qt::endl;
        }
        return 0;
    }
    if (action == QLatin1String("revoke")) {
        const QString who = args.value(2);
        if (who.isEmpty() || who.startsWith(u'-')) {
            err << "vigiad token revoke: name the token (id or name)" << Qt::endl;
            return 2;
        }
        if (!store.revokeToken(who)) {
            err << "vigiad token revoke: no active token " << who << Qt::endl;
            return 1;
        }
        out << "revoked " << who << Qt::endl;
        return 0;
    }
    err << "usage: vigiad token add --role R --name N | token list | token revoke ID_OR_NAME  "
           "[--config FILE]"
        << Qt::endl;
    return 2;
}

// Serves until a signal, or a lost leadership, ends it.
int serve(QCoreApplication &app, const ServiceConfig &config)
{
    quitOnSignals(app);
    VigiaService service(config);
    // A leader that lost its lock cannot know what the new one does: it
    // stops, and its service manager starts it again as a follower.
    QObject::connect(&service, &VigiaService::leadershipLost, &app,
                     [] { QCoreApplication::exit(3); });
    QString error;
    if (!service.start(&error)) {
        QTextStream(stderr) << "vigiad: " << error << Qt::endl;
        return 1;
    }
    return app.exec();
}

} // namespace

// `vigiad store migrate --from FILE --to URL`: the SQLite store copied into
// an empty PostgreSQL database (StoreMigration.h), with what was copied.
int storeCommand(const QStringList &args)
{
    QTextStream err(stderr);
    const qsizetype fromAt = args.indexOf(QStringLiteral("--from"));
    const qsizetype toAt = args.indexOf(QStringLiteral("--to"));
    const QString from = fromAt > 0 ? args.value(fromAt + 1) : QString();
    const QString to = toAt > 0 ? args.value(toAt + 1) : QString();
    if (args.value(1) != QLatin1String("migrate") || from.isEmpty() || to.isEmpty()
        || args.size() != 6) {
        err << "usage: vigiad store migrate --from SQLITE_FILE --to postgresql://..." << Qt::endl;
        return 2;
    }
    StoreMigrationReport report;
    QString error;
    if (!migrateSqliteToPostgres(from, to, &report, &error)) {
        err << "vigiad store migrate: " << error << Qt::endl;
        return 1;
    }
    QTextStream out(stdout);
    for (const auto &[table, rows] : std::as_const(report.rows))
        out << table << ": " << rows << " rows" << Qt::endl;
    out << "copied " << from << " into PostgreSQL" << Qt::endl;
    return 0;
}

int main(int argc, char *argv[])
{
    tuneAllocator();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("vigia"));
    QCoreApplication::setOrganizationName(QStringLiteral("vigia"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIA_VERSION));

    QStringList args = QCoreApplication::arguments().mid(1);
    // --config may appear anywhere, also after "token add".
    QString configPath;
    const qsizetype configAt = args.indexOf(QStringLiteral("--config"));
    if (configAt >= 0) {
        configPath = args.value(configAt + 1);
        args.remove(configAt, qMin<qsizetype>(2, args.size() - configAt));
    }
    QTextStream err(stderr);
    if (args.contains(QStringLiteral("--version")) || args.contains(QStringLiteral("-v"))) {
        QTextStream(stdout) << "vigiad " << VIGIA_VERSION << Qt::endl;
        return 0;
    }
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        QTextStream(stdout) << "usage: vigiad [--config FILE]\n"
                               "       vigiad --demo [--listen 127.0.0.1:PORT] [--token-file "
                               "FILE]\n"
                               "           a simulated bot and WhatsApp gateway on a temporary "
                               "store\n"
                               "       vigiad token add --role viewer|support|admin|bot --name "
                               "NAME [--config FILE]\n"
                               "       vigiad token list [--config FILE]\n"
                               "       vigiad token revoke ID_OR_NAME [--config FILE]\n"
                               "       vigiad backup --to FILE [--config FILE]\n"
                               "       vigiad store migrate --from SQLITE_FILE --to "
                               "postgresql://...\n"
                               "       vigiad --version\n"
                               "Every config key can be overridden with VIGIA_<SECTION>_<KEY>.\n";
        return 0;
    }

    if (args.value(0) == QLatin1String("--demo")) {
        if (!configPath.isEmpty()) {
            err << "vigiad --demo: runs on a configuration of its own; drop --config" << Qt::endl;
            return 2;
        }
        quitOnSignals(app);
        return runDemoCommand(args.mid(1));
    }

    // Needs no configuration: both stores are named on the command line.
    if (args.value(0) == QLatin1String("store"))
        return storeCommand(args);

    QString error;
    const auto config =
            ServiceConfig::load(configPath, QProcessEnvironment::systemEnvironment(), &error);
    if (!config) {
        err << "vigiad: configuration error: " << error << Qt::endl;
        return 2;
    }
    // Warnings are about serving (a contact that is never written to, a
    // variable the service ignores): not worth repeating on each token command.
    if (args.value(0) == QLatin1String("token"))
        return tokenCommand(args, *config);
    if (args.value(0) == QLatin1String("backup"))
        return backupCommand(args, *config);
    for (const QString &warning : config->warnings)
        err << "vigiad: warning: " << warning << Qt::endl;
    if (!args.isEmpty()) {
        err << "vigiad: unknown argument " << args.first() << " (try --help)" << Qt::endl;
        return 2;
    }

    return serve(app, *config);
}

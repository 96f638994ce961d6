// The console's start with and without its local snapshot (LocalSnapshot):
// N failed notifications in a real vigiad store, served by a real vigiad
// on loopback, read by the console's own controller and Failed table
// (offscreen), each start in a fresh process.
//
//   build/bench/vigia_snapshot_bench [--failed N] [--runs R] [--dir DIR]
//
// prime:    the console loads every row (a page at a time, as it scrolls)
//           and writes its snapshot: how long the write takes (it runs on
//           a worker while live; here on the GUI thread, to time it).
// snapshot: a start with that file: controller and table created, to the
//           first paint of rows (from the file), and on to vigiad's rows.
// cold:     a start without it: to the first paint of vigiad's first page.
// offline:  vigiad down: the file's every row, and the GUI thread's longest
//           stall meanwhile (wall clock, and its own CPU time in it).
#include "ConsoleController.h"
#include "FailedNotificationsPanel.h"
#include "LocalSnapshot.h"
#include "NotificationModel.h"
#include "SqliteStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <map>

#include <time.h>

using namespace Vigia;

namespace {

QTextStream out(stdout);

bool waitUntil(const std::function<bool()> &done, int timeoutMs = 300000)
{
    QTimer wake; // so the loop looks again even when nothing else happens
    wake.start(5);
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

// Counts paints of the table's viewport: "painted" is a paint after the rows came.
class PaintCounter final : public QObject
{
public:
    explicit PaintCounter(QWidget *viewport) { viewport->installEventFilter(this); }
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

double msUntilPainted(const QElapsedTimer &since, PaintCounter &paints,
                      const std::function<bool()> &done)
{
    if (!waitUntil(done))
        return -1;
    const int before = paints.paints;
    if (!waitUntil([&] { return paints.paints > before; }, 5000))
        return -1;
    return double(since.nsecsElapsed()) / 1e6;
}

void result(const QString &key, double value)
{
    out << "RESULT " << key << ' ' << QString::number(value, 'f', 1) << Qt::endl;
}

// CPU time of the calling thread: a stall the thread spent working is the
// console's; one it spent waiting for a core (a loaded machine) is not.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

double rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

// ---------------------------------------------------------------- children

int runChild(const QCommandLineParser &parser)
{
    const QString mode = parser.value(QStringLiteral("child"));
    const QUrl server(parser.value(QStringLiteral("url")));
    const QString token = parser.value(QStringLiteral("token"));
    const QString file = parser.value(QStringLiteral("file"));
    QElapsedTimer t;
    t.start();
    SystemClock clock;
    ConsoleController controller(&clock);
    NotificationModel *model = controller.failedModel();
    FailedNotificationsPanel panel(model);
    panel.resize(1024, 700);
    panel.show();
    PaintCounter paints(panel.view()->viewport());
    if (mode == QLatin1String("snapshot") || mode == QLatin1String("offline")) {
        QElapsedTimer read;
        read.start();
        controller.useLocalSnapshot(file);
        result(QStringLiteral("restore_ms"), double(read.nsecsElapsed()) / 1e6);
    }
    bool live = false;
    QObject::connect(&controller, &ConsoleController::snapshotLoaded, &controller,
                     [&live] { live = true; });
    bool restored = false;
    QObject::connect(&controller, &ConsoleController::localSnapshotRestoreFinished, &controller,
                     [&restored] { restored = true; });
    if (mode == QLatin1String("offline")) {
        // vigiad is down: the file is all there is; every row of it comes
        // in chunks, and the GUI's longest stall meanwhile is what matters.
        controller.connectTo(QUrl(QStringLiteral("http://127.0.0.1:9")), token);
        result(QStringLiteral("first_paint_ms"),
               msUntilPainted(t, paints, [&] { return model->rowCount() > 0; }));
        result(QStringLiteral("first_paint_rows"), model->rowCount());
        double worst = 0;
        double worstBusy = 0;
        QElapsedTimer beat;
        beat.start();
        double cpuAtBeat = threadCpuMs();
        QTimer tick;
        QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
            worst = qMax(worst, double(beat.nsecsElapsed()) / 1e6);
            const double cpu = threadCpuMs();
            worstBusy = qMax(worstBusy, cpu - cpuAtBeat);
            cpuAtBeat = cpu;
            beat.restart();
        });
        tick.start(1);
        result(QStringLiteral("all_rows_painted_ms"),
               msUntilPainted(t, paints, [&] { return restored; }));
        result(QStringLiteral("all_rows"), model->rowCount());
        result(QStringLiteral("worst_stall_ms"), worst);
        result(QStringLiteral("worst_busy_ms"), worstBusy);
        result(QStringLiteral("rss_mb"), rssMb());
        return 0;
    }
    controller.connectTo(server, token);
    result(QStringLiteral("first_paint_ms"),
           msUntilPainted(t, paints, [&] { return model->rowCount() > 0; }));
    result(QStringLiteral("first_paint_rows"), model->rowCount());
    result(QStringLiteral("live_rows_painted_ms"), msUntilPainted(t, paints, [&] { return live; }));
    result(QStringLiteral("rss_mb"), rssMb());
    if (mode != QLatin1String("prime"))
        return 0;
    // Every row, as the operator scrolling to the end would load them.
    while (model->moreAvailable()) {
        const int rows = model->rowCount();
        if (!model->isFetching() && model->canFetchMore({}))
            model->fetchMore({});
        if (!waitUntil([&] { return !model->isFetching() && model->rowCount() > rows; })
            && model->moreAvailable())
            return 1;
    }
    controller.useLocalSnapshot(file);
    QElapsedTimer write;
    write.start();
    if (!controller.saveLocalSnapshotNow())
        return 1;
    result(QStringLiteral("write_ms"), double(write.nsecsElapsed()) / 1e6);
    result(QStringLiteral("written_rows"), model->rowCount());
    result(QStringLiteral("file_mb"), double(QFile(file).size()) / 1e6);
    return 0;
}

// ----------------------------------------------------------------- the host

NotificationRequest sampleRequest(int i)
{
    static const QStringList names = {QStringLiteral("José Pérez"), QStringLiteral("María Gómez"),
                                      QStringLiteral("Ana Núñez"), QStringLiteral("Luis Díaz")};
    NotificationRequest r;
    r.channel = Channel::WhatsApp;
    r.recipient = QStringLiteral("+58 424-%1").arg(1000000 + i);
    r.customerName = names.at(i % names.size());
    r.orderId = QStringLiteral("PED-%1").arg(i);
    r.type = QStringLiteral("ORDER_SHIPPED");
    r.text = QStringLiteral("Hola %1, tu pedido PED-%2 salió hoy. Llegará en dos días hábiles; "
                            "responde a este mensaje si necesitas cambiar la dirección.")
                     .arg(r.customerName)
                     .arg(i);
    return r;
}

bool seed(const QString &path, int failed)
{
    SqliteStore store(path);
    QString error;
    if (!store.open(&error)) {
        out << "store: " << error << Qt::endl;
        return false;
    }
    QDateTime at = QDateTime::currentDateTimeUtc().addDays(-1);
    QList<NotificationRequest> batch;
    for (int i = 0; i < failed; ++i) {
        batch.append(sampleRequest(i));
        if (batch.size() == 500 || i == failed - 1) {
            store.enqueueBatch(batch, 4, at, &error);
            batch.clear();
            at = at.addMSecs(200);
        }
    }
    bool ok = false;
    {
        QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("seed"));
        db.setDatabaseName(path);
        const bool open = db.open();
        QSqlQuery q(db);
        ok = open
                && q.exec(QStringLiteral("UPDATE notifications SET state = 'failed', attempts = 4, "
                                         "last_error = 'HTTP 422: number not on WhatsApp'"));
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("seed"));
    return ok;
}

QString addToken(const QString &config)
{
    QProcess p;
    p.start(QStringLiteral(VIGIAD_PATH),
            {QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--role"),
             QStringLiteral("support"), QStringLiteral("--name"), QStringLiteral("console"),
             QStringLiteral("--config"), config});
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput())
            .split(u'\n', Qt::SkipEmptyParts)
            .value(1)
            .trimmed();
}

bool waitForHealthz(const QUrl &server)
{
    QNetworkAccessManager network;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 60000) {
        QNetworkReply *reply =
                network.get(QNetworkRequest(server.resolved(QUrl(QStringLiteral("/healthz")))));
        waitUntil([reply] { return reply->isFinished(); }, 5000);
        const bool ok = reply->error() == QNetworkReply::NoError;
        reply->deleteLater();
        if (ok)
            return true;
        QElapsedTimer pause;
        pause.start();
        waitUntil([&] { return pause.elapsed() > 100; });
    }
    return false;
}

std::map<QString, double> runChildMode(const QString &mode, const QStringList &common)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(),
                QStringList{QStringLiteral("--child"), mode} + common);
    std::map<QString, double> results;
    while (child.state() != QProcess::NotRunning || child.canReadLine()) {
        if (!child.canReadLine() && !child.waitForReadyRead(1000))
            continue;
        while (child.canReadLine()) {
            const QStringList parts = QString::fromUtf8(child.readLine()).trimmed().split(u' ');
            if (parts.size() == 3 && parts.at(0) == QLatin1String("RESULT")) {
                results[parts.at(1)] = parts.at(2).toDouble();
                out << "  " << mode << ": " << parts.at(1) << " = " << parts.at(2) << Qt::endl;
            }
        }
    }
    if (child.exitCode() != 0)
        out << mode << ": exited with " << child.exitCode() << Qt::endl;
    return results;
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return -1;
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

void report(const std::map<QString, QList<double>> &snapshot,
            const std::map<QString, QList<double>> &cold,
            const std::map<QString, QList<double>> &offline, const std::map<QString, double> &prime)
{
    const auto cell = [](const std::map<QString, QList<double>> &m, const char *key) {
        const auto it = m.find(QLatin1String(key));
        return it == m.end() ? QStringLiteral("—") : QString::number(median(it->second), 'f', 1);
    };
    out << Qt::endl
        << "| measure (median) | with the snapshot | without (first page from vigiad) |" << Qt::endl
        << "|---|---:|---:|" << Qt::endl;
    const std::pair<const char *, const char *> rows[] = {
            {"first_paint_ms", "start to first painted rows (ms)"},
            {"first_paint_rows", "  rows in that paint"},
            {"restore_ms", "  of which reading the file into the models (ms)"},
            {"live_rows_painted_ms", "start to vigiad's rows painted (ms)"},
            {"rss_mb", "RSS then (MB)"},
    };
    for (const auto &[key, label] : rows)
        out << "| " << label << " | " << cell(snapshot, key) << " | " << cell(cold, key) << " |"
            << Qt::endl;
    out << Qt::endl
        << "vigiad down (the snapshot only): first paint " << cell(offline, "first_paint_ms")
        << " ms (" << cell(offline, "first_paint_rows") << " rows), every row ("
        << cell(offline, "all_rows") << ") painted at " << cell(offline, "all_rows_painted_ms")
        << " ms, longest GUI stall meanwhile " << cell(offline, "worst_stall_ms")
        << " ms (of which the GUI thread worked " << cell(offline, "worst_busy_ms")
        << " ms at most), RSS " << cell(offline, "rss_mb") << " MB" << Qt::endl;
    const auto value = [&prime](const char *key) {
        const auto it = prime.find(QLatin1String(key));
        return it == prime.end() ? QStringLiteral("—") : QString::number(it->second, 'f', 1);
    };
    out << Qt::endl
        << "Snapshot written: " << value("written_rows") << " rows in " << value("write_ms")
        << " ms, file " << value("file_mb") << " MB" << Qt::endl;
}

int runHost(const QCommandLineParser &parser)
{
    const int failed = parser.value(QStringLiteral("failed")).toInt();
    const int runs = qMax(1, parser.value(QStringLiteral("runs")).toInt());
    QTemporaryDir temp;
    const QString dir =
            parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : temp.path();
    const QString db = dir + QStringLiteral("/snapshot-bench.db");
    const QString file = dir + QStringLiteral("/console-snapshot.sqlite");
    for (const QString &f : {db, file, file + QStringLiteral("-wal")})
        QFile::remove(f);
    if (!seed(db, failed))
        return 1;
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    const quint16 port = probe.serverPort();
    probe.close();
    const QString config = dir + QStringLiteral("/vigiad.ini");
    QFile ini(config);
    if (!ini.open(QIODevice::WriteOnly))
        return 1;
    ini.write(QStringLiteral("[server]\nlisten = 127.0.0.1:%1\n[store]\nsqlite = %2\n"
                             "[waha]\nenabled = false\n")
                      .arg(port)
                      .arg(db)
                      .toUtf8());
    ini.close();
    const QString token = addToken(config);
    QProcess vigiad;
    vigiad.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("vigia.*.info=false"));
    vigiad.setProcessEnvironment(env);
    vigiad.start(QStringLiteral(VIGIAD_PATH), {QStringLiteral("--config"), config});
    const QUrl server(QStringLiteral("http://127.0.0.1:%1").arg(port));
    if (token.isEmpty() || !waitForHealthz(server)) {
        out << "vigiad did not start" << Qt::endl;
        return 1;
    }
    const QStringList common{QStringLiteral("--url"), server.toString(), QStringLiteral("--token"),
                             token};
    const auto prime = runChildMode(QStringLiteral("prime"),
                                    common + QStringList{QStringLiteral("--file"), file});
    std::map<QString, QList<double>> snapshot;
    std::map<QString, QList<double>> cold;
    std::map<QString, QList<double>> offline;
    // Each start gets a copy: the console writes what it shows back (its
    // first page once live), which would shrink the next run's file.
    const QString copy = dir + QStringLiteral("/console-snapshot-run.sqlite");
    for (int i = 0; i < runs; ++i) {
        for (const QString &f :
             {copy, copy + QStringLiteral("-wal"), copy + QStringLiteral("-shm")})
            QFile::remove(f);
        QFile::copy(file, copy);
        for (const auto &[key, v] :
             runChildMode(QStringLiteral("snapshot"),
                          common + QStringList{QStringLiteral("--file"), copy}))
            snapshot[key].append(v);
        for (const auto &[key, v] : runChildMode(QStringLiteral("cold"), common))
            cold[key].append(v);
        QFile::remove(copy);
        QFile::copy(file, copy);
        for (const auto &[key, v] :
             runChildMode(QStringLiteral("offline"),
                          common + QStringList{QStringLiteral("--file"), copy}))
            offline[key].append(v);
    }
    vigiad.terminate();
    vigiad.waitForFinished(10000);
    report(snapshot, cold, offline, prime);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("vigia.*.info=false\nqt.qpa.*=false"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const auto option = [&](const char *name, const char *about, const char *fallback) {
        parser.addOption({QLatin1String(name), QLatin1String(about), QStringLiteral("VALUE"),
                          QLatin1String(fallback)});
    };
    option("failed", "Failed notifications in the store.", "100000");
    option("runs", "Starts of each kind (the median is reported).", "3");
    option("dir", "Directory for the store and the snapshot (default: a temporary one).", "");
    option("child", "Internal: prime, snapshot or cold.", "");
    option("url", "Internal: vigiad's address.", "");
    option("token", "Internal: the console's token.", "");
    option("file", "Internal: the console's local file.", "");
    parser.process(app);
    if (parser.isSet(QStringLiteral("child")))
        return runChild(parser);
    return runHost(parser);
}

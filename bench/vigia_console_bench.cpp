// The console's side of the list over a large backlog: 100,000 failed
// notifications in a real vigiad store, served by a real vigiad on loopback,
// read by the console's own controller, models and Failed table (offscreen).
// Each figure is measured twice, in a fresh process each: paged (the
// console as it is: a page at a time, search and sort by the server) and a
// baseline (every row loaded into the model at once, searched and sorted in
// the console, as it was before paging).
//
//   build/bench/vigia_console_bench [--failed N] [--seconds S] [--rate R] [--dir DIR]
//
// Measured, each beside its baseline: start to the first painted page,
// scrolling to the end (every page fetched), a search, a sort, the RSS after
// each, and R live changes per second (claims and releases of shown rows by
// another operator) for S seconds with the longest stall of the GUI event
// loop (a 1 ms timer measuring its own lateness).
#include "ApiClient.h"
#include "ConsoleController.h"
#include "FailedNotificationsPanel.h"
#include "NotificationModel.h"
#include "SqliteStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <functional>
#include <map>

using namespace Vigia;

namespace {

QTextStream out(stdout);

// ---------------------------------------------------------------- measuring

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

// A 1 ms timer on the GUI thread: how late it fires is how long the event
// loop could not answer (input, paint) meanwhile.
class StallMeter final : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last > 0)
                m_worstMs = qMax(m_worstMs, double(now - m_last) / 1e6 - 1.0);
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    // The longest stall since the last call.
    double takeWorstMs()
    {
        const double worst = m_worstMs;
        m_worstMs = 0;
        return worst;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    double m_worstMs = 0;
};

// The application, able to say which event held the GUI thread: with
// --trace-stalls MS, each event dispatched from the loop (not from inside
// another) that takes MS or longer is written to stderr with its type and
// receiver, so a stall names its cause rather than only its length.
class BenchApplication final : public QApplication
{
public:
    BenchApplication(int &argc, char **argv) : QApplication(argc, argv) { }
    void traceStallsFrom(double ms) { m_traceFromMs = ms; }

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_traceFromMs <= 0 || m_depth > 0)
            return QApplication::notify(receiver, event);
        ++m_depth;
        QElapsedTimer t;
        t.start();
        const int type = event->type();
        const bool done = QApplication::notify(receiver, event);
        const double ms = double(t.nsecsElapsed()) / 1e6;
        --m_depth;
        if (ms >= m_traceFromMs) {
            QTextStream err(stderr);
            err << "STALL " << QString::number(ms, 'f', 1) << " ms: event " << type << " to "
                << (receiver ? receiver->metaObject()->className() : "?") << ' '
                << (receiver ? receiver->objectName() : QString()) << Qt::endl;
        }
        return done;
    }

private:
    double m_traceFromMs = 0;
    int m_depth = 0;
};

// Runs the event loop until done() (true) or timeoutMs (false).
bool waitUntil(const std::function<bool()> &done, int timeoutMs = 120000)
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

// Counts the paints of a view's viewport: "painted" is a paint after the
// rows it should show arrived, not the model's signal.
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

// Waits for a change to reach the screen: done() and a paint after it.
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

// ------------------------------------------------------- live changes (load)

// Another operator claiming and releasing the rows on screen, rate changes a
// second, from a thread of its own (its own connections, not the GUI's loop).
class ChangeDriver final : public QObject
{
public:
    ChangeDriver(QUrl server, QString token, QStringList ids, int rate)
        : m_server(std::move(server)),
          m_token(std::move(token)),
          m_ids(std::move(ids)),
          m_rate(rate)
    { }
    void start()
    {
        // Several clients: one keeps at most 6 connections, and each change
        // waits for its commit; more in flight let vigiad group them.
        for (int i = 0; i < 8; ++i) {
            auto *api = new ApiClient(this);
            api->setServer(m_server);
            api->setToken(m_token);
            m_apis << api;
        }
        m_tick = new QTimer(this);
        m_tick->setTimerType(Qt::PreciseTimer);
        m_tick->setInterval(10);
        QObject::connect(m_tick, &QTimer::timeout, this, &ChangeDriver::tick);
        m_clock.start();
        m_tick->start();
    }
    void stop() { m_tick->stop(); }
    std::atomic<int> ok{0};
    std::atomic<int> refused{0};
    std::atomic<int> skipped{0};

private:
    void tick()
    {
        // As many as the rate owes by now, so a late tick catches up.
        const qint64 owed = m_clock.elapsed() * m_rate / 1000 - m_sent;
        for (qint64 i = 0; i < owed; ++i) {
            ++m_sent;
            if (m_inFlight >= 256) { // vigiad is behind: do not queue without bound
                ++skipped;
                continue;
            }
            const QString id = m_ids.at(int(m_sent % m_ids.size()));
            const bool claimed = m_claimed.value(id);
            m_claimed[id] = !claimed;
            ++m_inFlight;
            const auto done = [this](const ApiResult &r) {
                --m_inFlight;
                if (r.ok())
                    ++ok;
                else
                    ++refused;
            };
            ApiClient *api = m_apis.at(int(m_sent % m_apis.size()));
            if (claimed)
                api->releaseNotification(id, done);
            else
                api->claimNotification(id, done);
        }
    }

    QUrl m_server;
    QString m_token;
    QStringList m_ids;
    int m_rate;
    QList<ApiClient *> m_apis;
    QTimer *m_tick = nullptr;
    QElapsedTimer m_clock;
    qint64 m_sent = 0;
    int m_inFlight = 0;
    QHash<QString, bool> m_claimed;
};

struct ChildOptions
{
    QUrl server;
    QString token;
    QString driverToken;
    int seconds = 60;
    int rate = 1000;
};

void measureLive(const ChildOptions &o, NotificationModel *model, StallMeter &stalls)
{
    QStringList ids = model->ids().mid(0, 200);
    QThread thread;
    auto *driver = new ChangeDriver(o.server, o.driverToken, ids, o.rate);
    driver->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, driver, &QObject::deleteLater);
    thread.start();
    int changes = 0;
    const auto counting = QObject::connect(model, &QAbstractItemModel::dataChanged, model,
                                           [&changes] { ++changes; });
    QMetaObject::invokeMethod(driver, [driver] { driver->start(); });
    stalls.takeWorstMs();
    QElapsedTimer t;
    t.start();
    waitUntil([&] { return t.elapsed() >= qint64(o.seconds) * 1000; }, o.seconds * 1000 + 1000);
    result(QStringLiteral("live_worst_stall_ms"), stalls.takeWorstMs());
    QMetaObject::invokeMethod(
            driver, [driver] { driver->stop(); }, Qt::BlockingQueuedConnection);
    result(QStringLiteral("live_changes_acknowledged_per_s"),
           double(driver->ok.load()) / o.seconds);
    result(QStringLiteral("live_changes_refused"), driver->refused.load());
    result(QStringLiteral("live_changes_skipped"), driver->skipped.load());
    result(QStringLiteral("live_rows_updated_in_console_per_s"), double(changes) / o.seconds);
    result(QStringLiteral("live_rss_mb"), rssMb());
    QObject::disconnect(counting);
    thread.quit();
    thread.wait();
}

// ------------------------------------------------------------- the console

// The console as it is: the controller loads the first page; the Failed
// table fetches the next one as it reaches the end; search and sort are the
// server's.
int runPaged(const ChildOptions &o)
{
    StallMeter stalls;
    SystemClock clock;
    ConsoleController controller(&clock);
    NotificationModel *model = controller.failedModel();
    FailedNotificationsPanel panel(model);
    panel.resize(1024, 700);
    panel.show();
    PaintCounter paints(panel.view()->viewport());
    QElapsedTimer t;
    t.start();
    stalls.takeWorstMs();
    controller.connectTo(o.server, o.token);
    result(QStringLiteral("first_page_ms"),
           msUntilPainted(t, paints, [&] { return model->rowCount() > 0; }));
    result(QStringLiteral("first_page_rows"), model->rowCount());
    result(QStringLiteral("first_page_rss_mb"), rssMb());
    result(QStringLiteral("first_page_worst_stall_ms"), stalls.takeWorstMs());
    // The view reaching the end asks for the next page (fetchMore).
    QTableView *view = panel.view();
    t.restart();
    int pages = 1;
    while (model->moreAvailable()) {
        const int rows = model->rowCount();
        view->scrollToBottom();
        if (!model->isFetching() && model->canFetchMore({}))
            model->fetchMore({}); // already at the bottom: no scroll to trigger it
        if (!waitUntil([&] { return !model->isFetching() && model->rowCount() > rows; })
            && model->moreAvailable())
            return 1;
        ++pages;
    }
    view->scrollToBottom();
    result(QStringLiteral("scroll_to_end_ms"), msUntilPainted(t, paints, [] { return true; }));
    result(QStringLiteral("scroll_to_end_rows"), model->rowCount());
    result(QStringLiteral("scroll_to_end_pages"), pages);
    result(QStringLiteral("scroll_to_end_rss_mb"), rssMb());
    result(QStringLiteral("scroll_to_end_worst_stall_ms"), stalls.takeWorstMs());

    const auto replaced = [&](const std::function<void()> &ask) {
        bool reset = false;
        const auto c = QObject::connect(model, &QAbstractItemModel::modelReset, model,
                                        [&reset] { reset = true; });
        QElapsedTimer s;
        s.start();
        ask();
        const double ms = msUntilPainted(s, paints, [&] { return reset; });
        QObject::disconnect(c);
        return ms;
    };
    result(QStringLiteral("search_one_order_ms"),
           replaced([&] { controller.searchFailed(QStringLiteral("PED-99998")); }));
    result(QStringLiteral("search_one_order_rows"), model->rowCount());
    result(QStringLiteral("search_many_ms"),
           replaced([&] { controller.searchFailed(QStringLiteral("jose nunez")); }));
    result(QStringLiteral("search_many_rows"), model->rowCount());
    result(QStringLiteral("search_rss_mb"), rssMb());
    replaced([&] { controller.searchFailed(QString()); });
    result(QStringLiteral("sort_customer_ms"),
           replaced([&] { controller.sortFailed(QStringLiteral("customer_name"), false); }));
    result(QStringLiteral("sort_rss_mb"), rssMb());
    result(QStringLiteral("search_sort_worst_stall_ms"), stalls.takeWorstMs());
    replaced([&] { controller.sortFailed(QStringLiteral("created_at"), true); });
    measureLive(o, model, stalls);
    return 0;
}

// The baseline's load: after the controller's own first page (the
// connection is up), every failed row, 500 a request, into the model at once.
double loadEverything(ConsoleController &controller, PaintCounter &paints, const QElapsedTimer &t)
{
    NotificationModel *model = controller.failedModel();
    if (!waitUntil([&] { return model->rowCount() > 0; }))
        return -1;
    QList<Notification> all;
    QString cursor;
    bool done = false;
    std::function<void()> next = [&] {
        NotificationQuery q;
        q.states = QStringLiteral("failed");
        q.cursor = cursor;
        q.limit = 500;
        controller.api()->listNotifications(q, [&](const ApiReply<NotificationSlice> &r) {
            all += r.value.items;
            cursor = r.value.nextCursor;
            if (!r.ok() || cursor.isEmpty())
                done = true;
            else
                next();
        });
    };
    next();
    return msUntilPainted(t, paints, [&] {
        if (!done)
            return false;
        if (model->rowCount() < all.size())
            model->replaceAll(all, false);
        return true;
    });
}

// The baseline: every failed row fetched (500 a request, the most vigiad
// gives) and put into the model at once; search and sort in the console
// (a QSortFilterProxyModel over every row), live changes into every row.
int runBaseline(const ChildOptions &o)
{
    StallMeter stalls;
    SystemClock clock;
    ConsoleController controller(&clock);
    NotificationModel *model = controller.failedModel();
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(model);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy.setFilterKeyColumn(-1);
    proxy.setFilterRole(NotificationModel::FilterRole);
    proxy.setSortRole(NotificationModel::SortRole);
    QTableView view;
    view.setModel(&proxy);
    view.setColumnHidden(NotificationModel::StateColumn, true);
    view.resize(1024, 700);
    view.show();
    PaintCounter paints(view.viewport());
    QElapsedTimer t;
    t.start();
    stalls.takeWorstMs();
    controller.connectTo(o.server, o.token);
    const double shown = loadEverything(controller, paints, t);
    result(QStringLiteral("first_page_ms"), shown);
    result(QStringLiteral("first_page_rows"), model->rowCount());
    result(QStringLiteral("first_page_rss_mb"), rssMb());
    result(QStringLiteral("first_page_worst_stall_ms"), stalls.takeWorstMs());
    t.restart();
    view.scrollToBottom();
    result(QStringLiteral("scroll_to_end_ms"), msUntilPainted(t, paints, [] { return true; }));
    result(QStringLiteral("scroll_to_end_rows"), model->rowCount());
    result(QStringLiteral("scroll_to_end_pages"), 1);
    result(QStringLiteral("scroll_to_end_rss_mb"), rssMb());
    result(QStringLiteral("scroll_to_end_worst_stall_ms"), stalls.takeWorstMs());

    const auto inConsole = [&](const std::function<void()> &change) {
        QElapsedTimer s;
        s.start();
        change();
        return msUntilPainted(s, paints, [] { return true; });
    };
    result(QStringLiteral("search_one_order_ms"),
           inConsole([&] { proxy.setFilterFixedString(QStringLiteral("PED-99998")); }));
    result(QStringLiteral("search_one_order_rows"), proxy.rowCount());
    result(QStringLiteral("search_many_ms"),
           inConsole([&] { proxy.setFilterFixedString(QStringLiteral("José Núñez")); }));
    result(QStringLiteral("search_many_rows"), proxy.rowCount());
    result(QStringLiteral("search_rss_mb"), rssMb());
    inConsole([&] { proxy.setFilterFixedString(QString()); });
    result(QStringLiteral("sort_customer_ms"), inConsole([&] {
               view.sortByColumn(NotificationModel::CustomerColumn, Qt::AscendingOrder);
           }));
    result(QStringLiteral("sort_rss_mb"), rssMb());
    result(QStringLiteral("search_sort_worst_stall_ms"), stalls.takeWorstMs());
    inConsole([&] { proxy.sort(-1); });
    measureLive(o, model, stalls);
    return 0;
}

int runChild(const QCommandLineParser &parser)
{
    ChildOptions o;
    o.server = QUrl(parser.value(QStringLiteral("url")));
    o.token = parser.value(QStringLiteral("token"));
    o.driverToken = parser.value(QStringLiteral("driver-token"));
    o.seconds = parser.value(QStringLiteral("seconds")).toInt();
    o.rate = parser.value(QStringLiteral("rate")).toInt();
    const QString mode = parser.value(QStringLiteral("child"));
    return mode == QLatin1String("paged") ? runPaged(o) : runBaseline(o);
}

// ----------------------------------------------------------------- the host

const QStringList kFirstNames = {QStringLiteral("José"),   QStringLiteral("María"),
                                 QStringLiteral("Ana"),    QStringLiteral("Luis"),
                                 QStringLiteral("Carmen"), QStringLiteral("Andrés"),
                                 QStringLiteral("Lucía"),  QStringLiteral("Pedro")};
const QStringList kLastNames = {QStringLiteral("Pérez"),   QStringLiteral("Gómez"),
                                QStringLiteral("Núñez"),   QStringLiteral("Rodríguez"),
                                QStringLiteral("Díaz"),    QStringLiteral("Martín"),
                                QStringLiteral("Ramírez"), QStringLiteral("Suárez")};
const QStringList kTypes = {QStringLiteral("ORDER_SHIPPED"), QStringLiteral("ORDER_RECEIVED"),
                            QStringLiteral("PAYMENT_CONFIRMED"), QStringLiteral("VOICE_LEAVE")};

NotificationRequest sampleRequest(int i)
{
    NotificationRequest r;
    r.channel = Channel::WhatsApp;
    r.recipient = QStringLiteral("+58 424-%1").arg(1000000 + i);
    r.customerName = kFirstNames.at(i % kFirstNames.size()) + u' '
            + kLastNames.at((i / kFirstNames.size()) % kLastNames.size());
    r.orderId = QStringLiteral("PED-%1").arg(i);
    r.type = kTypes.at(i % kTypes.size());
    r.text = QStringLiteral("Hola %1, tu pedido PED-%2 salió hoy. Llegará en dos días hábiles; "
                            "responde a este mensaje si necesitas cambiar la dirección.")
                     .arg(r.customerName)
                     .arg(i);
    return r;
}

// The store through its own API (batched enqueue), then every row failed.
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

QString run(const QString &program, const QStringList &args, int *exitCode = nullptr)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(600000);
    if (exitCode)
        *exitCode = p.exitCode();
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString addToken(const QString &config, const QString &name)
{
    const QString text = run(QStringLiteral(VIGIAD_PATH),
                             {QStringLiteral("token"), QStringLiteral("add"),
                              QStringLiteral("--role"), QStringLiteral("admin"),
                              QStringLiteral("--name"), name, QStringLiteral("--config"), config});
    return text.split(u'\n', Qt::SkipEmptyParts).value(1).trimmed();
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
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
            const QString line = QString::fromUtf8(child.readLine()).trimmed();
            const QStringList parts = line.split(u' ');
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

void report(const std::map<QString, double> &paged, const std::map<QString, double> &baseline)
{
    const struct
    {
        const char *key;
        const char *label;
        const char *target;
    } rows[] = {
            {"first_page_ms", "start to first painted page (ms)", "< 1000"},
            {"first_page_rss_mb", "RSS after the first page (MB)", "< 300"},
            {"first_page_worst_stall_ms", "longest stall while loading (ms)", ""},
            {"scroll_to_end_ms", "scroll to the end, every row (ms)", ""},
            {"scroll_to_end_rows", "rows after scrolling to the end", ""},
            {"scroll_to_end_pages", "pages fetched", ""},
            {"scroll_to_end_rss_mb", "RSS at the end of the list (MB)", "< 300"},
            {"scroll_to_end_worst_stall_ms", "longest stall while scrolling (ms)", "< 50"},
            {"search_one_order_ms", "search one order, painted (ms)", "< 200"},
            {"search_one_order_rows", "  rows", ""},
            {"search_many_ms", "search a name, many matches, painted (ms)", "< 200"},
            {"search_many_rows", "  rows", ""},
            {"search_rss_mb", "RSS after the searches (MB)", "< 300"},
            {"sort_customer_ms", "sort by customer, painted (ms)", ""},
            {"sort_rss_mb", "RSS after the sort (MB)", "< 300"},
            {"search_sort_worst_stall_ms", "longest stall, searches and sort (ms)", "< 50"},
            {"live_changes_acknowledged_per_s", "live changes vigiad acknowledged (/s)", ""},
            {"live_changes_skipped", "  changes skipped (256 in flight)", ""},
            {"live_changes_refused", "  changes refused", ""},
            {"live_rows_updated_in_console_per_s", "rows updated in the console (/s)", ""},
            {"live_worst_stall_ms", "longest GUI stall under live changes (ms)", "< 50"},
            {"live_rss_mb", "RSS after the live changes (MB)", "< 300"},
    };
    const auto value = [](const std::map<QString, double> &m, const char *key) {
        const auto it = m.find(QLatin1String(key));
        return it == m.end() ? QStringLiteral("—") : QString::number(it->second, 'f', 1);
    };
    out << Qt::endl
        << "| measure | paged (the console) | baseline (every row at once) | target |" << Qt::endl
        << "|---|---:|---:|---|" << Qt::endl;
    for (const auto &r : rows)
        out << "| " << r.label << " | " << value(paged, r.key) << " | " << value(baseline, r.key)
            << " | " << r.target << " |" << Qt::endl;
}

int runHost(const QCommandLineParser &parser)
{
    const int failed = parser.value(QStringLiteral("failed")).toInt();
    QTemporaryDir temp;
    const QString dir =
            parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : temp.path();
    const QString db = dir + QStringLiteral("/console-bench.db");
    QFile::remove(db);
    QElapsedTimer t;
    t.start();
    if (!seed(db, failed))
        return 1;
    out << "seeded " << failed << " failed notifications in " << t.elapsed() << " ms" << Qt::endl;

    const quint16 port = freePort();
    const QString config = dir + QStringLiteral("/vigiad.ini");
    QFile ini(config);
    if (!ini.open(QIODevice::WriteOnly))
        return 1;
    ini.write(QStringLiteral("[server]\nlisten = 127.0.0.1:%1\n[store]\nsqlite = %2\n"
                             "[waha]\nenabled = false\n[live]\njournal_size = 100000\n")
                      .arg(port)
                      .arg(db)
                      .toUtf8());
    ini.close();
    const QString token = addToken(config, QStringLiteral("console"));
    const QString driverToken = addToken(config, QStringLiteral("other-operator"));
    QProcess vigiad;
    vigiad.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("vigia.*.info=false"));
    vigiad.setProcessEnvironment(env);
    vigiad.start(QStringLiteral(VIGIAD_PATH), {QStringLiteral("--config"), config});
    const QUrl server(QStringLiteral("http://127.0.0.1:%1").arg(port));
    if (token.isEmpty() || driverToken.isEmpty() || !waitForHealthz(server)) {
        out << "vigiad did not start" << Qt::endl;
        return 1;
    }
    const QStringList common{
            QStringLiteral("--url"),          server.toString(),
            QStringLiteral("--token"),        token,
            QStringLiteral("--driver-token"), driverToken,
            QStringLiteral("--seconds"),      parser.value(QStringLiteral("seconds")),
            QStringLiteral("--rate"),         parser.value(QStringLiteral("rate")),
            QStringLiteral("--trace-stalls"), parser.value(QStringLiteral("trace-stalls"))};
    const auto paged = runChildMode(QStringLiteral("paged"), common);
    const auto baseline = runChildMode(QStringLiteral("baseline"), common);
    vigiad.terminate();
    vigiad.waitForFinished(10000);
    report(paged, baseline);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    BenchApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("vigia.*.info=false\nqt.qpa.*=false"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const auto option = [&](const char *name, const char *about, const char *fallback) {
        parser.addOption({QLatin1String(name), QLatin1String(about), QStringLiteral("VALUE"),
                          QLatin1String(fallback)});
    };
    option("failed", "Failed notifications in the store.", "100000");
    option("seconds", "Seconds of live changes.", "60");
    option("rate", "Live changes a second.", "1000");
    option("dir", "Directory for the store (default: a temporary one).", "");
    option("trace-stalls", "Write each GUI event taking MS or longer to stderr.", "0");
    option("child", "Internal: run one side (paged or baseline).", "");
    option("url", "Internal: vigiad's address.", "");
    option("token", "Internal: the console's token.", "");
    option("driver-token", "Internal: the other operator's token.", "");
    parser.process(app);
    app.traceStallsFrom(parser.value(QStringLiteral("trace-stalls")).toDouble());
    if (parser.isSet(QStringLiteral("child")))
        return runChild(parser);
    return runHost(parser);
}

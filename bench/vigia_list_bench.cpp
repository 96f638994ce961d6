// The server side of the console's list over a large backlog: 100,000 failed
// notifications beside 100,000 delivered ones in a real SQLite file. Each
// figure is given beside a baseline measured in the same run: reading the
// whole failed list at once, which is what a console that loads everything
// (as it did, up to 5,000 rows) would ask for.
//
//   build/bench/vigia_list_bench [--failed N] [--delivered N] [--dir DIR]
#include "SearchText.h"
#include "SqliteStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>

using namespace Vigia;

namespace {

QTextStream out(stdout);

const QStringList kFirstNames = {QStringLiteral("José"),   QStringLiteral("María"),
                                 QStringLiteral("Ana"),    QStringLiteral("Luis"),
                                 QStringLiteral("Carmen"), QStringLiteral("Andrés"),
                                 QStringLiteral("Lucía"),  QStringLiteral("Pedro")};
const QStringList kLastNames = {QStringLiteral("Pérez"),   QStringLiteral("Gómez"),
                                QStringLiteral("Núñez"),   QStringLiteral("Rodríguez"),
                                QStringLiteral("Díaz"),    QStringLiteral("Martín"),
                                QStringLiteral("Ramírez"), QStringLiteral("Suárez")};

NotificationRequest sampleRequest(int i)
{
    NotificationRequest r;
    r.channel = Channel::WhatsApp;
    r.recipient = QStringLiteral("+58 424-%1").arg(1000000 + i);
    r.customerName = kFirstNames.at(i % kFirstNames.size()) + u' '
            + kLastNames.at((i / kFirstNames.size()) % kLastNames.size());
    r.orderId = QStringLiteral("PED-%1").arg(i);
    r.type = QStringLiteral("ORDER_SHIPPED");
    r.text = QStringLiteral("Hola %1, tu pedido PED-%2 salió hoy. Llegará en dos días hábiles; "
                            "responde a este mensaje si necesitas cambiar la dirección.")
                     .arg(r.customerName)
                     .arg(i);
    return r;
}

// The median of a few runs: one run on a shared machine is noise.
template<typename F>
double medianMs(F &&run, int runs = 5)
{
    QList<double> times;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        run();
        times << double(t.nsecsElapsed()) / 1e6;
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

void row(const QString &what, double ms, double baselineMs, const QString &note = {})
{
    out << QStringLiteral("  %1 %2 ms  %3 of baseline  %4")
                    .arg(what, -52)
                    .arg(ms, 9, 'f', 1)
                    .arg(QStringLiteral("%1%").arg(100.0 * ms / baselineMs, 0, 'f', 1), 7)
                    .arg(note)
        << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("vigia.*.info=false"));
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("failed"), QStringLiteral("Failed rows."), QStringLiteral("N"),
                      QStringLiteral("100000")});
    parser.addOption({QStringLiteral("delivered"), QStringLiteral("Delivered rows."),
                      QStringLiteral("N"), QStringLiteral("100000")});
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Directory for the database."),
                      QStringLiteral("DIR")});
    parser.process(app);
    const int failed = parser.value(QStringLiteral("failed")).toInt();
    const int delivered = parser.value(QStringLiteral("delivered")).toInt();
    QTemporaryDir temp;
    const QString dir =
            parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir")) : temp.path();

    SqliteStore store(dir + QStringLiteral("/list-bench.db"));
    QString error;
    if (!store.open(&error)) {
        out << "store: " << error << Qt::endl;
        return 1;
    }

    // Seeding: the enqueue path, in batches, with the folding it now does.
    const int total = failed + delivered;
    QList<NotificationRequest> all;
    all.reserve(total);
    for (int i = 0; i < total; ++i)
        all.append(sampleRequest(i));
    QElapsedTimer t;
    t.start();
    QDateTime at = QDateTime::currentDateTimeUtc().addDays(-1);
    for (qsizetype from = 0; from < all.size(); from += 500) {
        store.enqueueBatch(all.mid(from, 500), 4, at, &error);
        at = at.addMSecs(200);
    }
    const double enqueueMs = double(t.elapsed());
    t.restart();
    for (const NotificationRequest &r : std::as_const(all))
        (void)notificationSearchText(r.orderId, r.customerName, r.recipient, r.text);
    const double foldMs = double(t.elapsed());
    out << QStringLiteral("seeded %1 notifications in %2 ms; folding their search text alone "
                          "took %3 ms (%4% of the enqueue time)")
                    .arg(total)
                    .arg(enqueueMs, 0, 'f', 0)
                    .arg(foldMs, 0, 'f', 0)
                    .arg(100.0 * foldMs / enqueueMs, 0, 'f', 1)
        << Qt::endl;
    {
        // The first `failed` rows fail, with an error a gateway would give;
        // set through a connection of its own, as another process would.
        QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("seed"));
        db.setDatabaseName(dir + QStringLiteral("/list-bench.db"));
        db.open();
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE notifications SET state = CASE WHEN rowid <= ? THEN "
                                 "'failed' ELSE 'delivered' END, last_error = CASE WHEN rowid <= ? "
                                 "THEN 'HTTP 422: number not on WhatsApp' END"));
        q.addBindValue(failed);
        q.addBindValue(failed);
        if (!q.exec())
            out << "seed: failed to set states" << Qt::endl;
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("seed"));

    NotificationFilter failedList;
    failedList.states = {NotificationState::Failed};

    // Baseline: the whole failed list in one read.
    NotificationFilter everything = failedList;
    everything.limit = total;
    qint64 loaded = 0;
    const double baseline =
            medianMs([&] { loaded = store.notifications(everything).items.size(); }, 3);
    out << QStringLiteral("baseline: every failed row at once: %1 rows in %2 ms")
                    .arg(loaded)
                    .arg(baseline, 0, 'f', 1)
        << Qt::endl;

    NotificationFilter page = failedList;
    page.limit = 200;
    qint64 count = 0;
    const double firstPage = medianMs([&] { count = store.notifications(page).total; });
    row(QStringLiteral("first page (200), newest first, with total"), firstPage, baseline,
        QStringLiteral("total %1").arg(count));

    // Deep in the list: the page after a cursor near the end.
    NotificationFilter deep = failedList;
    deep.limit = int(loaded) - 250;
    deep.cursor = store.notifications(deep).nextCursor;
    deep.limit = 200;
    row(QStringLiteral("a page near the end (by cursor)"),
        medianMs([&] { (void)store.notifications(deep); }), baseline);

    NotificationFilter bySort = page;
    bySort.sort = *NotificationSort::fromName(QStringLiteral("customer_name"));
    row(QStringLiteral("first page sorted by customer"),
        medianMs([&] { (void)store.notifications(bySort); }), baseline);

    const struct
    {
        QString label;
        QString query;
    } searches[] = {
            {QStringLiteral("search \"jose nunez\" (many matches)"), QStringLiteral("jose nunez")},
            {QStringLiteral("search one order \"PED-99998\""), QStringLiteral("PED-99998")},
            {QStringLiteral("search a phone \"424 1099 998\""), QStringLiteral("424 1099 998")},
            {QStringLiteral("search with no match (reads every row)"),
             QStringLiteral("zzz no such text")},
    };
    for (const auto &s : searches) {
        NotificationFilter search = page;
        search.text = s.query;
        qint64 matches = 0;
        const double ms = medianMs([&] { matches = store.notifications(search).total; });
        row(s.label, ms, baseline, QStringLiteral("%1 matches").arg(matches));
    }
    return 0;
}

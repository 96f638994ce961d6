// Throughput of vigiad's durable paths, each beside a naive baseline measured
// in the same run on the same disk. Absolute numbers on a shared machine are
// noise; the ratios are the result.
//
//   build/bench/vigia_bench [--count N] [--dir DIR]
#include "ApiTokens.h"
#include "DeliveryDispatcher.h"
#include "HttpClient.h"
#include "Outbox.h"
#include "SqliteStore.h"
#include "VigiaService.h"
#include "WahaDouble.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

using namespace Vigia;

namespace {

QTextStream out(stdout);

NotificationRequest sampleRequest(int i)
{
    NotificationRequest r;
    r.channel = Channel::WhatsApp;
    r.recipient = QStringLiteral("+58 424-%1").arg(1000000 + i);
    r.customerName = QStringLiteral("Cliente %1").arg(i);
    r.orderId = QStringLiteral("ORD-%1").arg(i);
    r.type = QStringLiteral("ORDER_RECEIVED");
    r.text = QStringLiteral("Hola, recibimos tu pedido ORD-%1. Te avisaremos cuando salga.").arg(i);
    return r;
}

void report(const QString &name, int count, qint64 ms, double baselinePerSecond = 0)
{
    const double perSecond = ms > 0 ? count * 1000.0 / double(ms) : 0;
    out << QStringLiteral("  %1 %2/s (%3 in %4 ms)")
                    .arg(name, -44)
                    .arg(perSecond, 9, 'f', 0)
                    .arg(count)
                    .arg(ms);
    if (baselinePerSecond > 0)
        out << QStringLiteral("  x%1 vs baseline").arg(perSecond / baselinePerSecond, 0, 'f', 2);
    out << Qt::endl;
}

// The naive way: rollback journal, synchronous=FULL, one transaction per row.
double naiveInserts(const QString &path, int count)
{
    const QString name = QStringLiteral("naive");
    double perSecond = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.open();
        QSqlQuery q(db);
        q.exec(QStringLiteral("PRAGMA journal_mode=DELETE"));
        q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        q.exec(QStringLiteral(
                "CREATE TABLE notifications (id TEXT PRIMARY KEY, channel TEXT, recipient TEXT,"
                " customer_name TEXT, order_id TEXT, type TEXT, text TEXT, state TEXT,"
                " attempts INTEGER, created_ms INTEGER)"));
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < count; ++i) {
            const NotificationRequest r = sampleRequest(i);
            QSqlQuery insert(db);
            insert.prepare(QStringLiteral(
                    "INSERT INTO notifications VALUES (?,?,?,?,?,?,?,'pending',0,?)"));
            insert.addBindValue(QStringLiteral("naive-%1").arg(i));
            insert.addBindValue(QStringLiteral("whatsapp"));
            insert.addBindValue(r.recipient);
            insert.addBindValue(r.customerName);
            insert.addBindValue(r.orderId);
            insert.addBindValue(r.type);
            insert.addBindValue(r.text);
            insert.addBindValue(QDateTime::currentMSecsSinceEpoch());
            insert.exec();
        }
        const qint64 ms = t.elapsed();
        report(QStringLiteral("baseline: DELETE journal, 1 tx/row"), count, ms);
        perSecond = count * 1000.0 / double(qMax<qint64>(1, ms));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return perSecond;
}

void storeBench(const QString &dir, int count, double baseline)
{
    SqliteStore store(dir + QStringLiteral("/store.db"));
    QString error;
    store.open(&error);
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < count; ++i)
        store.enqueue(sampleRequest(i), {}, {}, 4, QDateTime::currentDateTimeUtc(), &error);
    report(QStringLiteral("SqliteStore::enqueue (WAL, 1 durable tx each)"), count, t.elapsed(),
           baseline);

    QList<NotificationRequest> batch;
    for (int i = 0; i < count; ++i)
        batch.append(sampleRequest(i));
    t.restart();
    for (qsizetype at = 0; at < batch.size(); at += 100)
        store.enqueueBatch(batch.mid(at, 100), 4, QDateTime::currentDateTimeUtc(), &error);
    report(QStringLiteral("SqliteStore::enqueueBatch (100 per tx)"), count, t.elapsed(), baseline);
}

void httpBench(const QString &dir, int count, double baseline)
{
    WahaDouble waha;
    waha.start();
    waha.setMode(GatewayDouble::Mode::Hang); // keep deliveries out of the measurement
    ServiceConfig config;
    config.listenPort = 0;
    config.sqlitePath = dir + QStringLiteral("/http.db");
    config.wahaWebhookHmacKey = QStringLiteral("bench-webhook-key"); // no webhooks in the bench
    config.wahaUrl = waha.baseUrl();
    VigiaService service(config);
    QString error;
    if (!service.start(&error)) {
        out << "service: " << error << Qt::endl;
        return;
    }
    service.dispatcher()->stop();
    const QString secret = ApiTokens::generateSecret();
    service.store()->addToken(QStringLiteral("bench"), Role::Bot, ApiTokens::hashSecret(secret),
                              QDateTime::currentDateTimeUtc(), &error);

    QNetworkAccessManager network;
    QUrl url = service.baseUrl();
    url.setPath(QStringLiteral("/v1/notifications"));
    int sent = 0;
    int done = 0;
    int failed = 0;
    QEventLoop loop;
    std::function<void()> sendOne = [&] {
        if (sent >= count)
            return;
        const int i = sent++;
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + secret.toUtf8());
        const NotificationRequest r = sampleRequest(i);
        const QJsonObject body{{QStringLiteral("channel"), QStringLiteral("whatsapp")},
                               {QStringLiteral("recipient"), r.recipient},
                               {QStringLiteral("text"), r.text},
                               {QStringLiteral("type"), r.type},
                               {QStringLiteral("order_id"), r.orderId},
                               {QStringLiteral("customer_name"), r.customerName}};
        QNetworkReply *reply =
                network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 201)
                ++failed;
            reply->deleteLater();
            if (++done == count)
                loop.quit();
            else
                sendOne();
        });
    };
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < 6; ++i) // Qt keeps up to 6 connections per host
        sendOne();
    loop.exec();
    report(QStringLiteral("POST /v1/notifications (6 clients)"), count, t.elapsed(), baseline);
    if (failed)
        out << "  (" << failed << " requests failed)" << Qt::endl;
    waha.releaseHungRequests();
}

// A synchronous request for the benchmark, outside the timed region's logic.
QByteArray request(QNetworkAccessManager &network, const QByteArray &verb, const QUrl &url,
                   const QString &token, const QByteArray &body, int *status)
{
    QNetworkRequest r(url);
    r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    r.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply *reply = network.sendCustomRequest(r, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray data = reply->readAll();
    reply->deleteLater();
    return data;
}

void reconcileBench(const QString &dir, int people)
{
    WahaDouble waha;
    waha.start();
    ServiceConfig config;
    config.listenPort = 0;
    config.sqlitePath = dir + QStringLiteral("/sessions.db");
    config.wahaWebhookHmacKey = QStringLiteral("bench-webhook-key"); // no webhooks in the bench
    config.wahaUrl = waha.baseUrl();
    config.probeIntervalMs = 0;
    config.maxReconcileBytes = 64 * 1024 * 1024;
    VigiaService service(config);
    QString error;
    if (!service.start(&error))
        return;
    const QString secret = ApiTokens::generateSecret();
    service.store()->addToken(QStringLiteral("bench"), Role::Bot, ApiTokens::hashSecret(secret),
                              QDateTime::currentDateTimeUtc(), &error);
    QNetworkAccessManager network;
    auto url = [&](const QString &path) {
        QUrl u = service.baseUrl();
        u.setPath(path);
        return u;
    };
    auto snapshot = [](int from, int to, int move) {
        QJsonArray present;
        for (int i = from; i < to; ++i) {
            present.append(
                    QJsonObject{{QStringLiteral("key"), QStringLiteral("user-%1").arg(i)},
                                {QStringLiteral("user_id"), QStringLiteral("%1").arg(i)},
                                {QStringLiteral("username"), QStringLiteral("user %1").arg(i)},
                                {QStringLiteral("where"),
                                 QStringLiteral("room-%1").arg(i < move ? 99 : i % 50)}});
        }
        return QJsonDocument(QJsonObject{{QStringLiteral("present"), present}})
                .toJson(QJsonDocument::Compact);
    };

    // Baseline: what a bot without reconcile does, one PUT per person.
    const int baselineCount = qMin(people, 2000);
    int status = 0;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < baselineCount; ++i) {
        request(network, "PUT", url(QStringLiteral("/v1/sessions/game/user-%1").arg(i)), secret,
                QByteArrayLiteral("{\"user_id\":\"u\",\"where\":\"room-1\"}"), &status);
    }
    const qint64 baselineMs = t.elapsed();
    report(QStringLiteral("baseline: one PUT per session"), baselineCount, baselineMs);
    const double baseline = baselineCount * 1000.0 / double(qMax<qint64>(1, baselineMs));

    const QByteArray first = snapshot(0, people, 0);
    t.restart();
    request(network, "POST", url(QStringLiteral("/v1/sessions/voice/reconcile")), secret, first,
            &status);
    const qint64 createMs = t.elapsed();
    report(QStringLiteral("reconcile creating %1 (%2 KiB)").arg(people).arg(first.size() / 1024),
           people, createMs, baseline);
    const QByteArray second = snapshot(10, people, 20);
    t.restart();
    const QByteArray answer =
            request(network, "POST", url(QStringLiteral("/v1/sessions/voice/reconcile")), secret,
                    second, &status);
    const qint64 diffMs = t.elapsed();
    const QJsonObject result = QJsonDocument::fromJson(answer).object();
    report(QStringLiteral("reconcile: %1 ended, %2 moved")
                   .arg(result.value(QStringLiteral("ended")).toArray().size())
                   .arg(result.value(QStringLiteral("moved")).toArray().size()),
           people - 10, diffMs, baseline);
    out << "  one reconcile of " << people << " sessions answered in " << diffMs << " ms (HTTP "
        << status << ")" << Qt::endl;
}

qint64 deliveryRun(const QString &path, int count, int concurrency)
{
    WahaDouble waha;
    waha.start();
    SqliteStore store(path);
    QString error;
    store.open(&error);
    QList<NotificationRequest> batch;
    for (int i = 0; i < count; ++i)
        batch.append(sampleRequest(i));
    store.enqueueBatch(batch, 4, QDateTime::currentDateTimeUtc(), &error);
    SystemClock clock;
    Outbox outbox(&store, nullptr, &clock, 4);
    HttpClient http;
    WahaGateway gateway(&http, waha.baseUrl(), QStringLiteral("default"), QString());
    DeliveryPolicy policy;
    policy.concurrency = concurrency;
    policy.pollIntervalMs = 10;
    DeliveryDispatcher dispatcher(&outbox, policy);
    dispatcher.addGateway(&gateway);
    int delivered = 0;
    QEventLoop loop;
    QObject::connect(&dispatcher, &DeliveryDispatcher::attemptFinished, &loop,
                     [&](const Notification &n, const DeliveryResult &) {
                         if (n.state == NotificationState::Delivered && ++delivered == count)
                             loop.quit();
                     });
    QElapsedTimer t;
    t.start();
    dispatcher.start();
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    return delivered == count ? t.elapsed() : -1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("count"), QStringLiteral("notifications per run"),
                      QStringLiteral("n"), QStringLiteral("2000")});
    parser.addOption({QStringLiteral("dir"),
                      QStringLiteral("directory for the database files (default: a temporary one)"),
                      QStringLiteral("dir")});
    parser.process(app);
    const int count = qMax(10, parser.value(QStringLiteral("count")).toInt());
    QTemporaryDir temp(parser.isSet(QStringLiteral("dir")) ? parser.value(QStringLiteral("dir"))
                                       + QStringLiteral("/vigia-bench-XXXXXX")
                                                           : QString());
    const QString dir = temp.path();
    QLoggingCategory::setFilterRules(QStringLiteral("vigia.*.info=false\nvigia.*.debug=false"));

    out << "Durable enqueue, " << count << " notifications (" << dir << ")" << Qt::endl;
    const double baseline = naiveInserts(dir + QStringLiteral("/naive.db"), count);
    storeBench(dir, count, baseline);
    httpBench(dir, count, baseline);

    out << "Sessions after a bot restart" << Qt::endl;
    reconcileBench(dir, 10000);

    out << "Delivery to the local WAHA double, " << count << " notifications" << Qt::endl;
    const qint64 serial = deliveryRun(dir + QStringLiteral("/serial.db"), count, 1);
    report(QStringLiteral("baseline: dispatcher, 1 request at a time"), count, serial);
    const qint64 concurrent = deliveryRun(dir + QStringLiteral("/concurrent.db"), count, 6);
    report(QStringLiteral("dispatcher, 6 in flight"), count, concurrent,
           serial > 0 ? count * 1000.0 / double(serial) : 0);
    return 0;
}

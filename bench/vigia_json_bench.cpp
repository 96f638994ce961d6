// A notification's JSON as the live feed and the answers send it, three
// times per notification (queued, sending, delivered): written directly
// (Notification::toWire) against the baseline of building its QJsonObject
// and serialising that (what vigiad did before). Same process, same
// notifications, alternating runs; the bytes are checked equal.
//
//   build/bench/vigia_json_bench [--count N] [--runs R]
#include "Notification.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTextStream>

#include <algorithm>
#include <functional>

#include <time.h>

using namespace Vigia;

namespace {

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

QList<Notification> sampleNotifications(int count)
{
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    QList<Notification> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        Notification n;
        n.id = QStringLiteral("0193b2c4-%1-7000-8000-00000000abcd").arg(i, 4, 16, QLatin1Char('0'));
        n.idempotencyKey = QStringLiteral("order-%1-confirmed").arg(i);
        n.channel = Channel::WhatsApp;
        n.recipient = QStringLiteral("+58424%1").arg(1000000 + i);
        n.customerName = QStringLiteral("José Pérez");
        n.orderId = QStringLiteral("R-%1").arg(i);
        n.type = QStringLiteral("ORDER_CONFIRMED");
        n.text = QStringLiteral("Hola José, tu pedido R-%1 fue recibido y está en preparación. "
                                "Te avisaremos cuando salga.")
                         .arg(i);
        n.maxAttempts = 5;
        n.createdAt = t0.addMSecs(i);
        n.updatedAt = n.createdAt;
        // A third of each kind: queued, sending (claimed), delivered with its attempt.
        if (i % 3 >= 1) {
            n.state = NotificationState::Sending;
            n.attempts = 1;
            n.claimedBy = QStringLiteral("vigiad-1");
            n.claimedUntil = n.createdAt.addSecs(30);
        }
        if (i % 3 == 2) {
            n.state = NotificationState::Delivered;
            n.claimedBy.clear();
            n.deliveredAt = n.createdAt.addMSecs(4);
            n.history.append({1,
                              n.createdAt.addMSecs(2),
                              n.deliveredAt,
                              QStringLiteral("delivered"),
                              201,
                              {}});
        }
        out.append(n);
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("count"), QStringLiteral("Notifications per run."),
                      QStringLiteral("N"), QStringLiteral("30000")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs of each (median)."),
                      QStringLiteral("R"), QStringLiteral("7")});
    parser.process(app);
    const int count = qMax(1, parser.value(QStringLiteral("count")).toInt());
    const int runs = qMax(1, parser.value(QStringLiteral("runs")).toInt());
    QTextStream out(stdout);

    const QList<Notification> notifications = sampleNotifications(count);
    for (const Notification &n : notifications) {
        if (n.toWire() != QJsonDocument(n.toJson()).toJson(QJsonDocument::Compact)) {
            out << "toWire() differs from toJson() serialised for " << n.id << "\n";
            return 1;
        }
    }
    qint64 bytes = 0;
    const auto timeRun = [&](const std::function<QByteArray(const Notification &)> &serialise) {
        const qint64 start = threadCpuNs();
        for (const Notification &n : notifications)
            bytes += serialise(n).size();
        return double(threadCpuNs() - start) / count;
    };
    QList<double> baseline;
    QList<double> direct;
    for (int r = 0; r < runs; ++r) {
        baseline.append(timeRun([](const Notification &n) {
            return QJsonDocument(n.toJson()).toJson(QJsonDocument::Compact);
        }));
        direct.append(timeRun([](const Notification &n) { return n.toWire(); }));
    }
    const auto median = [](QList<double> v) {
        std::sort(v.begin(), v.end());
        return v.at(v.size() / 2);
    };
    const double b = median(baseline);
    const double d = median(direct);
    out << "Notification JSON, " << count
        << " notifications (queued, sending, delivered), median of " << runs
        << " runs, CPU ns per notification:\n";
    out << "  baseline: QJsonDocument(toJson()).toJson(Compact)  " << qRound(b) << " ns\n";
    out << "  toWire()                                            " << qRound(d) << " ns\n";
    out << "  ratio toWire/baseline: " << QString::number(d / b, 'f', 3)
        << "  (bytes checked equal; " << bytes / (2 * runs) << " bytes per run)\n";
    return 0;
}

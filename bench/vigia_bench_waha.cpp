// A WAHA gateway double as its own process, for bench/compare.sh and
// bench/soak.sh: vigiad delivers to it over loopback exactly as it would to
// a real WAHA. --fail-percent makes it flaky (a 500 for that share of sends,
// at random); --hang accepts every send and never answers it (a gateway that
// stopped answering: vigiad then only takes notifications in); --log appends
// every accepted send as one JSON line, so a run can count what reached the
// gateway and what reached it twice.
#include "WahaDouble.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Loopback WAHA double for benchmarks"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("port"), QStringLiteral("port on 127.0.0.1"),
                      QStringLiteral("port"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("fail-percent"),
                      QStringLiteral("answer this share of sends with a 500, at random"),
                      QStringLiteral("percent"), QStringLiteral("0")});
    parser.addOption(
            {QStringLiteral("hang"), QStringLiteral("read every send and never answer it")});
    parser.addOption({QStringLiteral("log"),
                      QStringLiteral("append each accepted send to this file, one JSON a line"),
                      QStringLiteral("file")});
    parser.process(app);
    bool ok = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
    if (!ok || port > 65535) {
        QTextStream(stderr) << "vigia_bench_waha: --port must be 0..65535\n";
        return 2;
    }
    const uint failPercent = parser.value(QStringLiteral("fail-percent")).toUInt(&ok);
    if (!ok || failPercent > 100) {
        QTextStream(stderr) << "vigia_bench_waha: --fail-percent must be 0..100\n";
        return 2;
    }
    const bool hang = parser.isSet(QStringLiteral("hang"));
    if (hang && failPercent > 0) {
        QTextStream(stderr) << "vigia_bench_waha: --hang and --fail-percent exclude each other\n";
        return 2;
    }
    Vigia::WahaDouble waha;
    waha.setPort(quint16(port));
    waha.setRecordAccepted(false);
    QFile log(parser.value(QStringLiteral("log")));
    if (!log.fileName().isEmpty()) {
        if (!log.open(QIODevice::WriteOnly | QIODevice::Append)) {
            QTextStream(stderr) << "vigia_bench_waha: cannot open " << log.fileName() << '\n';
            return 2;
        }
        QObject::connect(&waha, &Vigia::GatewayDouble::sendAccepted, &waha,
                         [&log](const QJsonObject &body) {
                             log.write(QJsonDocument(body).toJson(QJsonDocument::Compact) + '\n');
                             log.flush();
                         });
    }
    if (!waha.start())
        return 1;
    if (hang) {
        waha.setMode(Vigia::GatewayDouble::Mode::Hang);
    } else if (failPercent > 0) {
        // The mode set here answers the next send: each one fails at random.
        // (After start(): setMode() on a fixed port before it would listen unbound.)
        const auto pick = [&waha, failPercent] {
            waha.setMode(QRandomGenerator::global()->bounded(100U) < failPercent
                                 ? Vigia::GatewayDouble::Mode::ServerError
                                 : Vigia::GatewayDouble::Mode::Accept);
        };
        pick();
        QObject::connect(&waha, &Vigia::GatewayDouble::requestReceived, &waha, pick);
    }
    QTextStream(stdout) << "listening " << waha.port() << Qt::endl;
    return app.exec();
}

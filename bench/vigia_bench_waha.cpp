// A WAHA gateway double as its own process, for bench/compare.sh: vigiad
// delivers to it over loopback exactly as it would to a real WAHA.
#include "WahaDouble.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Loopback WAHA double for benchmarks"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("port"), QStringLiteral("port on 127.0.0.1"),
                      QStringLiteral("port"), QStringLiteral("0")});
    parser.process(app);
    bool ok = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
    if (!ok || port > 65535) {
        QTextStream(stderr) << "vigia_bench_waha: --port must be 0..65535\n";
        return 2;
    }
    Vigia::WahaDouble waha;
    waha.setPort(quint16(port));
    waha.setRecordAccepted(false);
    if (!waha.start())
        return 1;
    QTextStream(stdout) << "listening " << waha.port() << Qt::endl;
    return app.exec();
}

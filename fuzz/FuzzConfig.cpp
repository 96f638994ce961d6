// libFuzzer target: vigiad's configuration file, read by ServiceConfig::load
// from a file under $TMPDIR, as vigiad reads it at start-up.
#include "ServiceConfig.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir dir;
    static const QString path = dir.filePath(QStringLiteral("vigiad.ini"));
    QFile file(path);
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        std::abort();
    file.write(reinterpret_cast<const char *>(data), static_cast<qint64>(size));
    file.close();

    QString error;
    const auto config = Vigia::ServiceConfig::load(path, QProcessEnvironment(), &error);
    // A refused file always says why.
    if (!config && error.isEmpty())
        __builtin_trap();
    return 0;
}

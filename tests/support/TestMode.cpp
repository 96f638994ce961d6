#include "TestMode.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace Vigia::TestSupport {

void enterTestMode()
{
    QStandardPaths::setTestModeEnabled(true);
}

QStringList threadNames()
{
    QStringList names;
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly))
            names << QString::fromUtf8(comm.readAll().trimmed());
    }
    return names;
}

} // namespace Vigia::TestSupport

#include "RelativeTime.h"

#include <QLocale>

namespace Vigia {

QString RelativeTime::ago(const QDateTime &then, const QDateTime &now)
{
    if (!then.isValid())
        return tr("never");
    // A server clock slightly ahead of ours must not read "in 3 s".
    const qint64 seconds = qMax<qint64>(0, then.secsTo(now));
    if (seconds < 60)
        return tr("just now");
    if (seconds < 3600)
        return tr("%n min ago", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return tr("%1 h %2 min ago").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%n day(s) ago", nullptr, int(seconds / 86400));
}

QString RelativeTime::duration(const QDateTime &then, const QDateTime &now)
{
    const qint64 seconds = then.isValid() ? qMax<qint64>(0, then.secsTo(now)) : 0;
    if (seconds < 60)
        return tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return tr("%n min", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%n day(s)", nullptr, int(seconds / 86400));
}

QString RelativeTime::exact(const QDateTime &time)
{
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::LongFormat) : QString();
}

} // namespace Vigia

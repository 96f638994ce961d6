#pragma once

#include <QCoreApplication>
#include <QDateTime>

namespace Vigia {

// "12 min ago" for the banner and the signal strip. Relative times read at a
// glance from across the room; the exact time goes in a tooltip.
class RelativeTime final
{
    Q_DECLARE_TR_FUNCTIONS(Vigia::RelativeTime)

public:
    RelativeTime() = delete;
    Q_DISABLE_COPY_MOVE(RelativeTime)

    static QString ago(const QDateTime &then, const QDateTime &now);
    // How long since then, without "ago": "4 min", for "oldest 4 min".
    static QString duration(const QDateTime &then, const QDateTime &now);
    static QString exact(const QDateTime &time);
};

} // namespace Vigia

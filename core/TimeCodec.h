#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

// How times travel on the wire: RFC 3339 UTC strings with milliseconds,
// null when there is no time.
namespace Vigia {

QString toRfc3339(const QDateTime &time);
// Accepts with or without milliseconds; invalid when the text is not a time.
QDateTime fromRfc3339(const QString &text);
QJsonValue timeOrNull(const QDateTime &time);

} // namespace Vigia

#pragma once

#include "StoreTypes.h"

#include <QJsonValue>
#include <QVariant>

#include <optional>

// The notification list's page boundary, the same on every store: a
// cursor from one store's page continues on another's (an instance behind
// the same proxy), and a store migrated from SQLite keeps the console's.
namespace Vigia {

struct ListCursor
{
    QVariant value; // the last row's sort value: qint64 for times, QString for text
    QString id;
};

// Whether the sort's values are numbers (times) rather than text.
bool isNumericSort(NotificationSort::Key key);
// Opaque: base64url of [sort name, value, id].
QString encodeListCursor(const NotificationSort &sort, const QJsonValue &value, const QString &id);
// nullopt when the cursor is not one a page of this sort gave.
std::optional<ListCursor> decodeListCursor(const QString &cursor, const NotificationSort &sort);
// The row's value of the sort's column, as a cursor holds it.
QJsonValue listSortValue(const Notification &n, NotificationSort::Key key);

} // namespace Vigia

#include "ListCursor.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Vigia {

bool isNumericSort(NotificationSort::Key key)
{
    return key == NotificationSort::Key::CreatedAt || key == NotificationSort::Key::UpdatedAt;
}

QString encodeListCursor(const NotificationSort &sort, const QJsonValue &value, const QString &id)
{
    const QByteArray json =
            QJsonDocument(QJsonArray{sort.name(), value, id}).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(
            json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<ListCursor> decodeListCursor(const QString &cursor, const NotificationSort &sort)
{
    const auto bytes = QByteArray::fromBase64Encoding(
            cursor.toLatin1(),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!bytes)
        return std::nullopt;
    const QJsonArray parts = QJsonDocument::fromJson(*bytes).array();
    if (parts.size() != 3 || parts.at(0).toString() != sort.name() || !parts.at(2).isString())
        return std::nullopt;
    const bool numeric = isNumericSort(sort.key);
    if (numeric ? !parts.at(1).isDouble() : !parts.at(1).isString())
        return std::nullopt;
    return ListCursor{numeric ? QVariant(qint64(parts.at(1).toDouble()))
                              : QVariant(parts.at(1).toString()),
                      parts.at(2).toString()};
}

QJsonValue listSortValue(const Notification &n, NotificationSort::Key key)
{
    switch (key) {
    case NotificationSort::Key::CreatedAt: return double(n.createdAt.toMSecsSinceEpoch());
    case NotificationSort::Key::UpdatedAt: return double(n.updatedAt.toMSecsSinceEpoch());
    case NotificationSort::Key::CustomerName: return n.customerName;
    case NotificationSort::Key::OrderId: return n.orderId;
    }
    return {};
}

} // namespace Vigia

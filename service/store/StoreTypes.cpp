#include "StoreTypes.h"

namespace Vigia {

namespace {
struct SortName
{
    NotificationSort::Key key;
    QLatin1StringView name;
};
constexpr SortName kSortNames[] = {
        {NotificationSort::Key::CreatedAt, QLatin1StringView("created_at")},
        {NotificationSort::Key::UpdatedAt, QLatin1StringView("updated_at")},
        {NotificationSort::Key::CustomerName, QLatin1StringView("customer_name")},
        {NotificationSort::Key::OrderId, QLatin1StringView("order_id")},
};
} // namespace

std::optional<NotificationSort> NotificationSort::fromName(const QString &name)
{
    const bool descending = name.startsWith(u'-');
    const QStringView key = descending ? QStringView(name).mid(1) : QStringView(name);
    for (const SortName &known : kSortNames) {
        if (key == known.name)
            return NotificationSort{known.key, descending};
    }
    return std::nullopt;
}

QString NotificationSort::name() const
{
    for (const SortName &known : kSortNames) {
        if (known.key == key)
            return (descending ? QStringLiteral("-") : QString()) + known.name;
    }
    return {};
}

QStringList NotificationSort::names()
{
    QStringList out;
    for (const SortName &known : kSortNames)
        out << known.name;
    return out;
}

} // namespace Vigia

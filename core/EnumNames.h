#pragma once

#include <QLatin1String>
#include <QString>

#include <cstddef>
#include <optional>
#include <utility>

// Wire names of enums, from one table per enum: {value, "name"} pairs.
namespace Vigia::EnumNames {

template<typename Enum, std::size_t N>
QString nameOf(Enum value, const std::pair<Enum, const char *> (&table)[N])
{
    for (const auto &[v, text] : table) {
        if (v == value)
            return QLatin1String(text);
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const QString &name, const std::pair<Enum, const char *> (&table)[N])
{
    for (const auto &[v, text] : table) {
        if (name == QLatin1String(text))
            return v;
    }
    return std::nullopt;
}

} // namespace Vigia::EnumNames

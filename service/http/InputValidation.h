#pragma once

#include "HttpApi.h"

#include <optional>

// Checks shared by the session and conversation routes; each answers the
// 422 that names the field, or nothing when the value is fine.
namespace Vigia::Api {

std::optional<Reply> badName(const QString &field, const QString &value, qsizetype max);
std::optional<Reply> badKind(const QString &kind);
// An optional string field; false (with *error) when present but not a string.
bool optionalString(const QJsonObject &body, const QString &field, qsizetype max, QString *out,
                    std::optional<Reply> *error);
bool optionalBool(const QJsonObject &body, const QString &field, bool *out,
                  std::optional<Reply> *error);

} // namespace Vigia::Api

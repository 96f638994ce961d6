#pragma once

#include "ApiContext.h"
#include "HttpApi.h"

#include <optional>

// Checks shared by the session and conversation routes; each answers the
// 422 that names the field, or nothing when the value is fine.
namespace Vigia::Api {

std::optional<Reply> badName(const QString &field, const QString &value, qsizetype max);
std::optional<Reply> badKind(const QString &kind);
// A session key: 1 to 128 characters; "/" is allowed (sent as %2F in the path).
std::optional<Reply> badKey(const QString &key);
// An optional string field; false (with *error) when present but not a string.
bool optionalString(const QJsonObject &body, const QString &field, qsizetype max, QString *out,
                    std::optional<Reply> *error);
// 422 unknown_field naming the first field of body that is not in known
// (prefix: where body sits, such as "exit_notice."), with a "did you mean"
// when a known field is a typo away.
std::optional<Reply> unknownField(const QJsonObject &body, const QStringList &known,
                                  const QString &prefix = {});
// 422 validation_failed naming the first of fields that body lacks (absent,
// null or an empty string).
std::optional<Reply> missingField(const QJsonObject &body, const QStringList &fields);
// 422 channel_not_configured when no gateway delivers to channel (field: where
// the channel was named).
std::optional<Reply> channelNotConfigured(const ApiContext &context, Channel channel,
                                          const QString &field);
bool optionalBool(const QJsonObject &body, const QString &field, bool *out,
                  std::optional<Reply> *error);

} // namespace Vigia::Api

#include "InputValidation.h"

#include <QRegularExpression>

namespace Vigia::Api {

namespace {
const QRegularExpression kKindPattern(QStringLiteral("^[a-z][a-z0-9_-]{0,31}$"));
} // namespace

std::optional<Reply> badName(const QString &field, const QString &value, qsizetype max)
{
    if (value.isEmpty() || value.size() > max || value.contains(u'/')) {
        return jsonError(
                Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                QStringLiteral("%1 must be 1 to %2 characters without /").arg(field).arg(max),
                {{QStringLiteral("field"), field}});
    }
    return std::nullopt;
}

std::optional<Reply> badKind(const QString &kind)
{
    if (!kKindPattern.match(kind).hasMatch()) {
        return jsonError(
                Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                QStringLiteral("kind must be a lowercase word such as voice, game or party"),
                {{QStringLiteral("field"), QStringLiteral("kind")}});
    }
    return std::nullopt;
}

// An optional string field; false (with *error) when present but not a string.
bool optionalString(const QJsonObject &body, const QString &field, qsizetype max, QString *out,
                    std::optional<Reply> *error)
{
    const QJsonValue v = body.value(field);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString() || v.toString().size() > max) {
        *error = fieldError(
                field,
                QStringLiteral("%1 must be a string of at most %2 characters").arg(field).arg(max));
        return false;
    }
    *out = v.toString();
    return true;
}

bool optionalBool(const QJsonObject &body, const QString &field, bool *out,
                  std::optional<Reply> *error)
{
    const QJsonValue v = body.value(field);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isBool()) {
        *error = fieldError(field, QStringLiteral("%1 must be true or false").arg(field));
        return false;
    }
    *out = v.toBool();
    return true;
}

} // namespace Vigia::Api

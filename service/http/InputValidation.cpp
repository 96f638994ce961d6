#include "InputValidation.h"

#include "Spelling.h"

#include <QList>
#include <QRegularExpression>

#include <algorithm>

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

std::optional<Reply> unknownField(const QJsonObject &body, const QStringList &known,
                                  const QString &prefix)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        if (known.contains(it.key()))
            continue;
        const QString field = prefix + it.key();
        const QString suggestion = closestMatch(it.key(), known);
        QString message = QStringLiteral("unknown field \"%1\"").arg(field);
        if (!suggestion.isEmpty())
            message += QStringLiteral(" (did you mean \"%1\"?)").arg(prefix + suggestion);
        else if (known.isEmpty())
            message += QStringLiteral(" (this request takes no fields)");
        else
            message += QStringLiteral(" (known: %1)").arg(known.join(QStringLiteral(", ")));
        return jsonError(Status::UnprocessableEntity, QStringLiteral("unknown_field"), message,
                         {{QStringLiteral("field"), field}});
    }
    return std::nullopt;
}

std::optional<Reply> missingField(const QJsonObject &body, const QStringList &fields)
{
    for (const QString &field : fields) {
        const QJsonValue v = body.value(field);
        if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().trimmed().isEmpty()))
            return fieldError(field, QStringLiteral("%1 is required").arg(field));
    }
    return std::nullopt;
}

std::optional<Reply> badKey(const QString &key)
{
    if (key.isEmpty() || key.size() > 128)
        return fieldError(QStringLiteral("key"),
                          QStringLiteral("key must be 1 to 128 characters (a / is sent as %2F)"));
    return std::nullopt;
}

std::optional<Reply> channelNotConfigured(const ApiContext &context, Channel channel,
                                          const QString &field)
{
    if (context.channels.contains(channel))
        return std::nullopt;
    if (channel == Channel::WhatsApp && !context.whatsappEnabled)
        return jsonError(Status::UnprocessableEntity, QStringLiteral("channel_not_configured"),
                         QStringLiteral("WhatsApp is off in this vigiad (waha/enabled = false), "
                                        "so it cannot deliver this; nothing was stored"),
                         {{QStringLiteral("field"), field}});
    return jsonError(Status::UnprocessableEntity, QStringLiteral("channel_not_configured"),
                     QStringLiteral("vigiad has no %1 gateway configured, so it cannot deliver "
                                    "this; nothing was stored")
                             .arg(channelName(channel)),
                     {{QStringLiteral("field"), field}});
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

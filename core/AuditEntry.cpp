#include "AuditEntry.h"

#include "TimeCodec.h"

namespace Vigia {

QJsonObject AuditEntry::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("at"), at.isValid() ? QJsonValue(toRfc3339(at)) : QJsonValue()},
            {QStringLiteral("actor"), actor},
            {QStringLiteral("action"), action},
            {QStringLiteral("target"), target},
            {QStringLiteral("outcome"), outcome},
            {QStringLiteral("detail"), detail}};
}

std::optional<AuditEntry> AuditEntry::fromJson(const QJsonObject &json)
{
    AuditEntry r;
    const QJsonValue id = json.value(QStringLiteral("id"));
    if (id.isString())
        r.id = id.toString();
    else if (id.isDouble())
        r.id = QString::number(id.toInteger());
    r.action = json.value(QStringLiteral("action")).toString();
    if (r.action.isEmpty())
        return std::nullopt;
    r.at = fromRfc3339(json.value(QStringLiteral("at")).toString());
    r.actor = json.value(QStringLiteral("actor")).toString();
    r.target = json.value(QStringLiteral("target")).toString();
    r.outcome = json.value(QStringLiteral("outcome")).toString();
    r.detail = json.value(QStringLiteral("detail")).toObject();
    return r;
}

} // namespace Vigia

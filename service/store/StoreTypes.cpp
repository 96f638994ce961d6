#include "StoreTypes.h"

namespace Vigia {
QJsonObject AuditEntry::toJson() const
{
    return {{QStringLiteral("id"), id},         {QStringLiteral("at"), toRfc3339(at)},
            {QStringLiteral("actor"), actor},   {QStringLiteral("action"), action},
            {QStringLiteral("target"), target}, {QStringLiteral("outcome"), outcome},
            {QStringLiteral("detail"), detail}};
}

} // namespace Vigia

#include "Role.h"

namespace Vigia {

QString roleName(Role role)
{
    switch (role) {
    case Role::Viewer: return QStringLiteral("viewer");
    case Role::Support: return QStringLiteral("support");
    case Role::Admin: return QStringLiteral("admin");
    case Role::Bot: return QStringLiteral("bot");
    }
    return {};
}

std::optional<Role> roleFromName(const QString &name)
{
    for (Role role : {Role::Viewer, Role::Support, Role::Admin, Role::Bot}) {
        if (roleName(role) == name)
            return role;
    }
    return std::nullopt;
}

bool roleAllows(Role role, Permission permission)
{
    switch (permission) {
    case Permission::Read: return true;
    case Permission::Ingest: return role == Role::Bot || role == Role::Admin;
    case Permission::Resolve: return role == Role::Support || role == Role::Admin;
    case Permission::Operate:
    case Permission::Audit:
    // Not even the bot that sent a webhook URL gets it back: whoever reads
    // its answers (logs, a proxy) could then post as it.
    case Permission::SeeSecrets: return role == Role::Admin;
    }
    return false;
}

} // namespace Vigia

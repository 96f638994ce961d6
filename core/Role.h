#pragma once

#include <QString>

#include <optional>

namespace Vigia {

// Roles form a ladder viewer < support < admin; bot is a side branch that may
// ingest and read but not operate.
enum class Role { Viewer, Support, Admin, Bot };

enum class Permission {
    Read, // status, lists, stats, live feed
    Ingest, // heartbeat, notifications, sessions
    Resolve, // mark a notification as handled by other means
    Operate, // retry, cleanup, restarts, checks
    Audit, // read the audit log
    SeeSecrets, // Discord webhook URLs and tokens whole, not redacted
};

QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);
bool roleAllows(Role role, Permission permission);

} // namespace Vigia

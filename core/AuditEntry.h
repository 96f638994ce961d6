#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Vigia {

// One operator action (retry, resolve, restart, health check, clean-up): as
// vigiad stores it, serves it on GET /v1/audit and the "audit" live event,
// and as the console reads it.
struct AuditEntry
{
    QString id; // opaque; older vigiad versions sent it as a number
    QDateTime at;
    QString actor;
    QString action; // API name, e.g. "retry", "bot_restart"
    QString target; // what it acted on, may be empty
    QString outcome; // "ok" or an error code
    QJsonObject detail;

    bool succeeded() const { return outcome == QLatin1String("ok"); }
    bool operator==(const AuditEntry &other) const = default;

    QJsonObject toJson() const;
    // Needs at least an action; id and time may be missing from a live event
    // and are then left empty for the caller to fill in.
    static std::optional<AuditEntry> fromJson(const QJsonObject &json);
};

} // namespace Vigia

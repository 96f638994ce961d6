#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Vigia {

// One operator action as the console reads it from GET /v1/audit and the
// "audit" live event. Named apart from the service's own AuditEntry (which
// carries storage details) so the two never meet in one program.
struct AuditRecord
{
    QString id; // opaque; the service may send it as a number
    QDateTime at;
    QString actor;
    QString action; // API name, e.g. "retry", "bot_restart"
    QString target; // what it acted on, may be empty
    QString outcome; // "ok" or an error code
    QJsonObject detail;

    bool succeeded() const { return outcome == QLatin1String("ok"); }
    bool operator==(const AuditRecord &other) const = default;

    QJsonObject toJson() const;
    // Needs at least an action; id and time may be missing from a live event
    // and are then left empty for the caller to fill in.
    static std::optional<AuditRecord> fromJson(const QJsonObject &json);
};

} // namespace Vigia

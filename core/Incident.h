#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace Vigia {

// A communication incident: what the diagnosis found after a notification
// used up its attempts, and how long it lasted.
struct Incident
{
    enum class Kind { WebhookOnly, TotalCommunicationLoss };
    enum class Reached { Customer, Admin, None };

    QString id;
    Kind kind = Kind::WebhookOnly;
    Reached reached = Reached::None;
    QDateTime startedAt;
    QDateTime endedAt; // invalid while open
    QStringList notificationIds;
    QString resolution; // how it ended, e.g. "communication restored"

    bool isOpen() const { return !endedAt.isValid(); }
    QJsonObject toJson() const;
    static std::optional<Incident> fromJson(const QJsonObject &json);

    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString &name);
    static QString reachedName(Reached reached);
    static std::optional<Reached> reachedFromName(const QString &name);
};

} // namespace Vigia

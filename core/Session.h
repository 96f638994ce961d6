#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Vigia {

// Someone the bot is tracking: in a voice channel, in a game, in a party.
// vigiad keeps it so a bot restart forgets nothing, started_at included.
struct Session
{
    QString kind;
    QString key;
    QString userId;
    QString username;
    QString where;
    bool confirmed = false;
    bool entryNotified = false;
    QJsonObject data;
    QJsonObject exitNotice; // {channel, recipient, text}: sent if it ends while notified
    QDateTime startedAt;
    QDateTime lastSeenAt; // the bot's last update about it
    bool suspect = false; // no update for longer than the staleness limit

    QJsonObject toJson() const;
    static std::optional<Session> fromJson(const QJsonObject &json);
};

// Where a multi-step conversation is (create a tariff: price -> duration -> name).
struct Conversation
{
    QString user;
    QString flow;
    QString step;
    QJsonObject data;
    int ttlSeconds = 0;
    QDateTime updatedAt;
    QDateTime expiresAt;

    QJsonObject toJson() const;
    static std::optional<Conversation> fromJson(const QJsonObject &json);
};

} // namespace Vigia

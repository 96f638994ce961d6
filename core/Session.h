#pragma once

#include "Notification.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPair>
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
    // What a session of its kind must contain (a party: at least two
    // players). Empty when it is fine; otherwise the sentence, and the
    // offending field in *field.
    QString shapeError(QString *field) const;
};

// Someone present in the bot's snapshot after a restart.
struct PresentEntry
{
    QString key;
    QString userId;
    QString username;
    QString where;
};

struct ReconcileResult
{
    QList<Session> ended; // as they were before ending
    QList<Session> created; // silent sessions for people present without one
    QList<QPair<Session, Session>> moved; // before, after
    QList<Notification> notices; // queued with the changes that owe them
};

// What a reconcile changes, decided from the stored sessions of one kind
// and the snapshot alone; a store only has to apply it in one transaction.
struct ReconcilePlan
{
    QList<Session> seen; // present and already known, as they are after the snapshot
    ReconcileResult result;
};
ReconcilePlan planReconcile(const QString &kind, const QList<Session> &existing,
                            const QList<PresentEntry> &present, const QDateTime &now);

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

#pragma once

#include "StoreTypes.h"

namespace Vigia {

// The bot's sessions and conversations, kept across bot restarts.
class SessionStore
{
public:
    virtual ~SessionStore() = default;

    // Sessions the bot tracks; started_at is set by the first upsert and kept.
    virtual std::optional<Session> upsertSession(const Session &session, const QDateTime &now,
                                                 bool *created) = 0;
    virtual std::optional<Session> endSession(const QString &kind, const QString &key) = 0;
    virtual QList<Session> sessions(const QString &kind) = 0; // empty kind: all
    virtual ReconcileResult reconcile(const QString &kind, const QList<PresentEntry> &present,
                                      const QDateTime &now) = 0;

    // Multi-step conversations; an expired one is never returned.
    virtual std::optional<Conversation> putConversation(const Conversation &conversation,
                                                        const QDateTime &now) = 0;
    virtual std::optional<Conversation> conversation(const QString &user, const QString &flow,
                                                     const QDateTime &now) = 0;
    virtual bool deleteConversation(const QString &user, const QString &flow) = 0;
    virtual QList<Conversation> clearConversations(const QString &flow) = 0;
    virtual QList<Conversation> conversations(const QDateTime &now) = 0;
    virtual QList<Conversation> expireConversations(const QDateTime &now) = 0;
};

} // namespace Vigia

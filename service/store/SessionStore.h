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
    // Up to `limit` sessions in (kind, key) order after `cursor` (empty: from
    // the start); nullopt when the cursor is not one a page gave.
    virtual std::optional<SessionPage> sessionsPage(const QString &kind, int limit,
                                                    const QString &cursor) = 0;
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
    // Up to `limit` active conversations in (user, flow) order after `cursor`.
    virtual std::optional<ConversationPage> conversationsPage(const QDateTime &now, int limit,
                                                              const QString &cursor) = 0;
    virtual QList<Conversation> expireConversations(const QDateTime &now) = 0;
};

} // namespace Vigia

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
    // Ends the session and queues its notice (notices.forEnded) in one
    // transaction. nullopt when there is no such session, or when the store
    // failed: then *error says why and nothing changed.
    virtual std::optional<EndedSession> endSession(const QString &kind, const QString &key,
                                                   const SessionNotices &notices,
                                                   const QDateTime &now, QString *error) = 0;
    virtual QList<Session> sessions(const QString &kind) = 0; // empty kind: all
    // Sessions last seen in [from, to), of every kind, through the
    // last-seen index: what has newly gone stale since the last look, read
    // without touching the sessions that did before or are still fresh.
    virtual QList<Session> sessionsLastSeenBetween(qint64 fromMs, qint64 toMs) = 0;
    // One session by its primary key; nullopt when there is none.
    virtual std::optional<Session> session(const QString &kind, const QString &key) = 0;
    // Up to `limit` sessions in (kind, key) order after `cursor` (empty: from
    // the start); nullopt when the cursor is not one a page gave.
    virtual std::optional<SessionPage> sessionsPage(const QString &kind, int limit,
                                                    const QString &cursor) = 0;
    // Applies the snapshot and queues the notices it owes in one transaction;
    // on failure *error says why and nothing changed.
    virtual ReconcileResult reconcile(const QString &kind, const QList<PresentEntry> &present,
                                      const SessionNotices &notices, const QDateTime &now,
                                      QString *error) = 0;

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
    // Removes and returns the conversations expired by `now`; takes the
    // write lock only when there are some.
    virtual QList<Conversation> expireConversations(const QDateTime &now) = 0;
};

} // namespace Vigia

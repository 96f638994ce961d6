#pragma once

#include "PostgresSupport.h"
#include "SessionStore.h"

namespace Vigia {

// Sessions and conversations on PostgreSQL, shared by every instance (the
// bot may reach any of them). What SQLite's one writer at a time gave for
// free is asked for: a session ending is read FOR UPDATE, and reconciling a
// kind takes an advisory lock on it, so two instances applying snapshots of
// one kind at once apply them one after the other.
class PostgresSessionStore : public virtual SessionStore, protected virtual PostgresConnection
{
public:
    std::optional<Session> upsertSession(const Session &session, const QDateTime &now,
                                         bool *created) override;
    std::optional<EndedSession> endSession(const QString &kind, const QString &key,
                                           const SessionNotices &notices, const QDateTime &now,
                                           QString *error) override;
    QList<Session> sessions(const QString &kind) override;
    QList<Session> sessionsLastSeenBetween(qint64 fromMs, qint64 toMs) override;
    std::optional<Session> session(const QString &kind, const QString &key) override;
    std::optional<SessionPage> sessionsPage(const QString &kind, int limit,
                                            const QString &cursor) override;
    ReconcileResult reconcile(const QString &kind, const QList<PresentEntry> &present,
                              const SessionNotices &notices, const QDateTime &now,
                              QString *error) override;
    std::optional<Conversation> putConversation(const Conversation &conversation,
                                                const QDateTime &now) override;
    std::optional<Conversation> conversation(const QString &user, const QString &flow,
                                             const QDateTime &now) override;
    bool deleteConversation(const QString &user, const QString &flow) override;
    QList<Conversation> clearConversations(const QString &flow) override;
    QList<Conversation> conversations(const QDateTime &now) override;
    std::optional<ConversationPage> conversationsPage(const QDateTime &now, int limit,
                                                      const QString &cursor) override;
    QList<Conversation> expireConversations(const QDateTime &now) override;

    // The reconcile lock's first key; the second is the kind's hash.
    static constexpr int kReconcileLock = 0x76696704; // "vig", 4

protected:
    PostgresSessionStore() = default;
    // Queues a notification inside the caller's transaction; the outbox
    // aggregate owns the rows, so the composed store supplies this.
    virtual std::optional<Notification> queueInTransaction(const NotificationRequest &request,
                                                           int maxAttempts, const QDateTime &now,
                                                           QString *error) = 0;

private:
    bool queueNotices(ReconcileResult *result, const SessionNotices &notices, const QDateTime &now,
                      QString *error);
};

} // namespace Vigia

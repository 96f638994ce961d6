#pragma once

#include "SessionStore.h"
#include "SqliteSupport.h"

class QSqlQuery;

namespace Vigia {

// Sessions and conversations on SQLite.
class SqliteSessionStore : public virtual SessionStore, protected virtual SqliteConnection
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

    // A later page's query, public so a test can check its plan.
    static QString sessionsAfterSql(bool ofOneKind);
    static QString conversationsAfterSql();
    static QString sessionsLastSeenBetweenSql();

protected:
    SqliteSessionStore() = default;
    // Queues a notification inside the caller's transaction; the outbox
    // aggregate owns the rows, so the composed store supplies this.
    virtual std::optional<Notification> queueInTransaction(const NotificationRequest &request,
                                                           int maxAttempts, const QDateTime &now,
                                                           QString *error) = 0;
};

} // namespace Vigia

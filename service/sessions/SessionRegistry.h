#pragma once

#include "Clock.h"
#include "Notification.h"
#include "Session.h"
#include "SessionStore.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace Vigia {

class LiveJournal;
class Outbox;

struct SessionPolicy
{
    int staleAfterS = 3600; // no update from the bot for this long: suspect
    bool notifyMoves = false; // tell the channel when someone moved while the bot was down
};

// The bot's memory across restarts: who is where (sessions) and which
// multi-step conversation each user is in. Ending a session whose entry was
// announced owes the channel an exit notice, sent through the outbox.
class SessionRegistry final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionRegistry)

public:
    SessionRegistry(SessionStore *store, Outbox *outbox, LiveJournal *journal, const Clock *clock,
                    const SessionPolicy &policy, QObject *parent = nullptr);

    void start();
    QList<Session> sessions(const QString &kind) const;
    // One page of them (see SessionStore::sessionsPage); nullopt: a bad cursor.
    std::optional<SessionPage> sessionsPage(const QString &kind, int limit,
                                            const QString &cursor) const;
    std::optional<Session> upsert(const Session &session, bool *created);

    struct Ended
    {
        std::optional<Session> session;
        std::optional<Notification> notice;
    };
    Ended end(const QString &kind, const QString &key, bool notify);

    struct Reconciled
    {
        ReconcileResult result;
        QList<Notification> notices;
    };
    Reconciled reconcile(const QString &kind, const QList<PresentEntry> &present);

    std::optional<Conversation> putConversation(const Conversation &conversation);
    std::optional<Conversation> conversation(const QString &user, const QString &flow) const;
    bool deleteConversation(const QString &user, const QString &flow);
    int clearFlow(const QString &flow);
    QList<Conversation> conversations() const;
    std::optional<ConversationPage> conversationsPage(int limit, const QString &cursor) const;
    // Removes what expired; runs every second and may be called directly.
    void sweep();

    // Checks an exit_notice object; empty when fine, else "field: message".
    static QString validateNotice(const QJsonObject &notice, QString *field);

private:
    Session withSuspect(Session s) const;
    void publishSession(const Session &s, const QString &state);
    void publishConversation(const Conversation &c, const QString &state);
    std::optional<Notification> enqueueNotice(const Session &s, const QString &type,
                                              const QString &text);

    SessionStore *m_store;
    Outbox *m_outbox;
    LiveJournal *m_journal;
    const Clock *m_clock;
    SessionPolicy m_policy;
    QSet<QString> m_suspect; // "kind/key" already announced as suspect
    QTimer m_sweep;
    int m_ticks = 0;
};

} // namespace Vigia

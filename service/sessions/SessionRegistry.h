#pragma once

#include "Clock.h"
#include "Notification.h"
#include "Session.h"
#include "SessionStore.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <limits>

namespace Vigia {

class LiveJournal;
class Outbox;

// The texts vigiad writes itself about sessions, as templates with {name}
// placeholders. A reconcile appends `whileAway` to the exit notice of someone
// who left while the bot was down ({last_seen}, UTC), and, with notify_moves,
// sends `moved` for someone it finds elsewhere ({user}, {from}, {to}).
// Spanish and English ship; the config may replace either text.
struct SessionNoticeTexts
{
    QString whileAway;
    QString moved;

    static SessionNoticeTexts spanish();
    static SessionNoticeTexts english();
    // "es" or "en"; nullopt for a language that does not ship.
    static std::optional<SessionNoticeTexts> forLanguage(const QString &language);
    static QStringList whileAwayPlaceholders();
    static QStringList movedPlaceholders();
};

// What an exit notice's text may name; filled in when the notice is queued,
// so a notice set at entry still names the place the user left from.
QStringList exitNoticePlaceholders();

// {name} for each name in `values` replaced by its value; any other text,
// other braces included, is left as written.
QString renderNoticeTemplate(const QString &text, const QHash<QString, QString> &values);
// The first {name} in `text` that is not one of `known` (with its braces), so
// a typo such as {usr} is refused rather than sent; empty when there is none.
QString unknownPlaceholder(const QString &text, const QStringList &known);

struct SessionPolicy
{
    int staleAfterS = 3600; // no update from the bot for this long: suspect
    bool notifyMoves = false; // tell the channel when someone moved while the bot was down
    SessionNoticeTexts texts = SessionNoticeTexts::spanish();
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
    // One session, or nullopt when there is none.
    std::optional<Session> session(const QString &kind, const QString &key) const;
    std::optional<Session> upsert(const Session &session, bool *created);

    struct Ended
    {
        std::optional<Session> session;
        std::optional<Notification> notice;
    };
    // The session's end and its exit notice (when notify and owed) are
    // stored together. No session: nothing ended; *error set: the store
    // failed and nothing changed.
    Ended end(const QString &kind, const QString &key, bool notify, QString *error);

    // Everything the snapshot changes and every notice it owes, stored
    // together; on failure *error says why and nothing changed.
    ReconcileResult reconcile(const QString &kind, const QList<PresentEntry> &present,
                              QString *error);

    std::optional<Conversation> putConversation(const Conversation &conversation);
    std::optional<Conversation> conversation(const QString &user, const QString &flow) const;
    bool deleteConversation(const QString &user, const QString &flow);
    int clearFlow(const QString &flow);
    QList<Conversation> conversations() const;
    std::optional<ConversationPage> conversationsPage(int limit, const QString &cursor) const;
    // Removes what expired and announces the sessions newly gone stale; runs
    // every second and may be called directly. Its cost follows what changed
    // since the last sweep, not how many sessions and conversations are kept.
    void sweep();

    // Checks an exit_notice object; empty when fine, else the message, with
    // the offending field in *field. The text must leave room for the note a
    // reconcile appends, so the notice finally sent fits the text limit.
    QString validateNotice(const QJsonObject &notice, QString *field) const;
    // What a reconcile appends to an exit notice for someone who left while
    // the bot was down.
    QString whileAwayNote(const QDateTime &lastSeen) const;

private:
    Session withSuspect(Session s) const;
    void announceNewlyStale();
    void publishSession(const Session &s, const QString &state);
    void publishConversation(const Conversation &c, const QString &state);
    // The notice to queue, over the session's exit_notice (channel,
    // recipient); text cut to the limit, never dropped for its length.
    static std::optional<NotificationRequest> noticeRequest(const Session &s, const QString &type,
                                                            QString text);
    // The session's exit notice text with its placeholders filled in.
    static QString exitNoticeText(const Session &s);
    SessionNotices notices(bool notifyEnded) const;

    SessionStore *m_store;
    Outbox *m_outbox;
    LiveJournal *m_journal;
    const Clock *m_clock;
    SessionPolicy m_policy;
    // Sessions last seen before this were looked at: each look reads only the
    // ones gone stale since (with a margin for clocks of other instances).
    qint64 m_staleLookedUpToMs = std::numeric_limits<qint64>::min();
    // "kind/key" -> the last_seen announced as stale, so the margin never
    // announces one twice; forgotten once no later look can read it again.
    QHash<QString, qint64> m_announcedStale;
    QTimer m_sweep;
};

} // namespace Vigia

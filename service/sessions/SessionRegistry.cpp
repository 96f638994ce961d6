#include "SessionRegistry.h"

#include "LiveJournal.h"
#include "Outbox.h"

#include <QLoggingCategory>
#include <QRegularExpression>

Q_LOGGING_CATEGORY(lcSessions, "vigia.sessions", QtInfoMsg)

namespace Vigia {

namespace {
const QString kLastSeenFormat = QStringLiteral("yyyy-MM-dd HH:mm");

const QRegularExpression &placeholderPattern()
{
    static const QRegularExpression pattern(QStringLiteral("\\{([a-z_]+)\\}"));
    return pattern;
}
} // namespace

SessionNoticeTexts SessionNoticeTexts::spanish()
{
    return {QStringLiteral(" (mientras el bot estaba desconectado; visto por última vez: "
                           "{last_seen} UTC)"),
            QStringLiteral("{user} se movió de {from} a {to} mientras el bot estaba "
                           "desconectado.")};
}

SessionNoticeTexts SessionNoticeTexts::english()
{
    return {QStringLiteral(" (while the bot was offline; last seen {last_seen} UTC)"),
            QStringLiteral("{user} moved from {from} to {to} while the bot was offline.")};
}

std::optional<SessionNoticeTexts> SessionNoticeTexts::forLanguage(const QString &language)
{
    if (language == QLatin1String("es"))
        return spanish();
    if (language == QLatin1String("en"))
        return english();
    return std::nullopt;
}

QStringList SessionNoticeTexts::whileAwayPlaceholders()
{
    return {QStringLiteral("last_seen")};
}

QStringList SessionNoticeTexts::movedPlaceholders()
{
    return {QStringLiteral("user"), QStringLiteral("from"), QStringLiteral("to")};
}

QStringList exitNoticePlaceholders()
{
    return {QStringLiteral("user"), QStringLiteral("where")};
}

QString renderNoticeTemplate(const QString &text, const QHash<QString, QString> &values)
{
    // One pass over the template: a value that itself contains {where} is
    // text, never expanded again.
    QString out;
    out.reserve(text.size());
    qsizetype from = 0;
    QRegularExpressionMatchIterator it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const auto value = values.constFind(match.captured(1));
        if (value == values.constEnd())
            continue;
        out += QStringView(text).mid(from, match.capturedStart() - from);
        out += *value;
        from = match.capturedEnd();
    }
    out += QStringView(text).mid(from);
    return out;
}

QString unknownPlaceholder(const QString &text, const QStringList &known)
{
    QRegularExpressionMatchIterator it = placeholderPattern().globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        if (!known.contains(match.captured(1)))
            return match.captured(0);
    }
    return {};
}

SessionRegistry::SessionRegistry(SessionStore *store, Outbox *outbox, LiveJournal *journal,
                                 const Clock *clock, const SessionPolicy &policy, QObject *parent)
    : QObject(parent),
      m_store(store),
      m_outbox(outbox),
      m_journal(journal),
      m_clock(clock),
      m_policy(policy)
{
    m_sweep.setInterval(1000);
    connect(&m_sweep, &QTimer::timeout, this, &SessionRegistry::sweep);
}

void SessionRegistry::start()
{
    m_sweep.start();
}

Session SessionRegistry::withSuspect(Session s) const
{
    s.suspect = s.lastSeenAt.isValid()
            && s.lastSeenAt.msecsTo(m_clock->now()) > qint64(m_policy.staleAfterS) * 1000;
    return s;
}

QList<Session> SessionRegistry::sessions(const QString &kind) const
{
    QList<Session> out = m_store->sessions(kind);
    for (Session &s : out)
        s = withSuspect(s);
    return out;
}

std::optional<SessionPage> SessionRegistry::sessionsPage(const QString &kind, int limit,
                                                         const QString &cursor) const
{
    std::optional<SessionPage> page = m_store->sessionsPage(kind, limit, cursor);
    if (page) {
        for (Session &s : page->items)
            s = withSuspect(s);
    }
    return page;
}

void SessionRegistry::publishSession(const Session &s, const QString &state)
{
    if (!m_journal)
        return;
    QJsonObject data = s.toJson();
    data.insert(QStringLiteral("state"), state);
    m_journal->publish(LiveEventType::Session, data);
}

void SessionRegistry::publishConversation(const Conversation &c, const QString &state)
{
    if (!m_journal)
        return;
    QJsonObject data = c.toJson();
    data.insert(QStringLiteral("state"), state);
    m_journal->publish(LiveEventType::Conversation, data);
}

QString SessionRegistry::whileAwayNote(const QDateTime &lastSeen) const
{
    // The date is fixed width, so validateNotice can keep room for the note.
    return renderNoticeTemplate(
            m_policy.texts.whileAway,
            {{QStringLiteral("last_seen"), lastSeen.toUTC().toString(kLastSeenFormat)}});
}

QString SessionRegistry::exitNoticeText(const Session &s)
{
    return renderNoticeTemplate(
            s.exitNotice.value(QStringLiteral("text")).toString(),
            {{QStringLiteral("user"), s.username.isEmpty() ? s.key : s.username},
             {QStringLiteral("where"), s.where}});
}

QString SessionRegistry::validateNotice(const QJsonObject &notice, QString *field) const
{
    QJsonObject request = notice;
    if (!request.contains(QStringLiteral("type")))
        request.insert(QStringLiteral("type"), QStringLiteral("SESSION_EXIT"));
    std::optional<NotificationRequest::Error> error;
    const NotificationRequest parsed = NotificationRequest::parse(request, &error);
    if (error) {
        *field = QStringLiteral("exit_notice.") + error->field;
        return error->message;
    }
    const QString placeholder = unknownPlaceholder(parsed.text, exitNoticePlaceholders());
    if (!placeholder.isEmpty()) {
        *field = QStringLiteral("exit_notice.text");
        return QStringLiteral("exit_notice.text names %1, which is not a placeholder; the text "
                              "may use {user} and {where}")
                .arg(placeholder);
    }
    const qsizetype limit = NotificationRequest::maxTextLength(parsed.channel);
    const qsizetype room = limit - whileAwayNote(QDateTime::fromMSecsSinceEpoch(0, Qt::UTC)).size();
    if (parsed.text.size() > room) {
        *field = QStringLiteral("exit_notice.text");
        return QStringLiteral("exit_notice.text is longer than %1 characters (the rest of the %2 "
                              "this channel takes is kept for the note added when someone leaves "
                              "while the bot is down)")
                .arg(room)
                .arg(limit);
    }
    return {};
}

std::optional<NotificationRequest> SessionRegistry::noticeRequest(const Session &s,
                                                                  const QString &type, QString text)
{
    // Sessions stored before the text check, or a move message built from
    // long names, may not fit: cut, with a mark, rather than lose the notice.
    const auto channel = channelFromName(s.exitNotice.value(QStringLiteral("channel")).toString());
    const qsizetype limit = NotificationRequest::maxTextLength(channel.value_or(Channel::WhatsApp));
    if (text.size() > limit)
        text = text.left(limit - 1) + QChar(0x2026);
    QJsonObject request = s.exitNotice;
    request.insert(QStringLiteral("type"), type);
    request.insert(QStringLiteral("text"), text);
    std::optional<NotificationRequest::Error> error;
    const NotificationRequest parsed = NotificationRequest::parse(request, &error);
    if (error) {
        // Only a notice stored before today's checks can get here.
        qCWarning(lcSessions).noquote() << QStringLiteral("session %1/%2: notice not sent: %3")
                                                   .arg(s.kind, s.key, error->message);
        return std::nullopt;
    }
    return parsed;
}

SessionNotices SessionRegistry::notices(bool notifyEnded) const
{
    SessionNotices out;
    out.maxAttempts = m_outbox->maxAttempts();
    if (notifyEnded) {
        out.forEnded = [](const Session &s) -> std::optional<NotificationRequest> {
            if (!s.entryNotified || s.exitNotice.isEmpty())
                return std::nullopt;
            return noticeRequest(s,
                                 s.exitNotice.value(QStringLiteral("type"))
                                         .toString(QStringLiteral("SESSION_EXIT")),
                                 exitNoticeText(s));
        };
    }
    return out;
}

std::optional<Session> SessionRegistry::session(const QString &kind, const QString &key) const
{
    const std::optional<Session> stored = m_store->session(kind, key);
    if (!stored)
        return std::nullopt;
    return withSuspect(*stored);
}

std::optional<Session> SessionRegistry::upsert(const Session &session, bool *created)
{
    auto stored = m_store->upsertSession(session, m_clock->now(), created);
    if (stored) {
        publishSession(withSuspect(*stored), QStringLiteral("active"));
    }
    return stored;
}

SessionRegistry::Ended SessionRegistry::end(const QString &kind, const QString &key, bool notify,
                                            QString *error)
{
    Ended ended;
    const auto stored = m_store->endSession(kind, key, notices(notify), m_clock->now(), error);
    if (!stored)
        return ended;
    ended.session = stored->session;
    ended.notice = stored->notice;
    publishSession(stored->session, QStringLiteral("ended"));
    if (stored->notice)
        m_outbox->adopt({*stored->notice});
    return ended;
}

ReconcileResult SessionRegistry::reconcile(const QString &kind, const QList<PresentEntry> &present,
                                           QString *error)
{
    SessionNotices owed;
    owed.maxAttempts = m_outbox->maxAttempts();
    // The exit happened while the bot was down; say so, and when it was last seen.
    owed.forEnded = [this](const Session &s) -> std::optional<NotificationRequest> {
        if (!s.entryNotified || s.exitNotice.isEmpty())
            return std::nullopt;
        return noticeRequest(
                s,
                s.exitNotice.value(QStringLiteral("type")).toString(QStringLiteral("SESSION_EXIT")),
                exitNoticeText(s) + whileAwayNote(s.lastSeenAt));
    };
    if (m_policy.notifyMoves) {
        owed.forMoved = [this](const Session &before,
                               const Session &after) -> std::optional<NotificationRequest> {
            if (after.exitNotice.isEmpty())
                return std::nullopt;
            return noticeRequest(
                    after, QStringLiteral("SESSION_MOVED"),
                    renderNoticeTemplate(m_policy.texts.moved,
                                         {{QStringLiteral("user"),
                                           after.username.isEmpty() ? after.key : after.username},
                                          {QStringLiteral("from"), before.where},
                                          {QStringLiteral("to"), after.where}}));
        };
    }
    ReconcileResult result = m_store->reconcile(kind, present, owed, m_clock->now(), error);
    if (!error->isEmpty())
        return result;
    for (const Session &s : std::as_const(result.ended)) {
        publishSession(s, QStringLiteral("ended"));
    }
    for (const Session &s : std::as_const(result.created))
        publishSession(s, QStringLiteral("active"));
    for (const auto &[before, after] : std::as_const(result.moved))
        publishSession(after, QStringLiteral("active"));
    m_outbox->adopt(result.notices);
    qCInfo(lcSessions).noquote()
            << QStringLiteral("reconcile %1: %2 present, %3 ended, %4 created, %5 moved")
                       .arg(kind)
                       .arg(present.size())
                       .arg(result.ended.size())
                       .arg(result.created.size())
                       .arg(result.moved.size());
    return result;
}

std::optional<Conversation> SessionRegistry::putConversation(const Conversation &conversation)
{
    auto stored = m_store->putConversation(conversation, m_clock->now());
    if (stored)
        publishConversation(*stored, QStringLiteral("active"));
    return stored;
}

std::optional<Conversation> SessionRegistry::conversation(const QString &user,
                                                          const QString &flow) const
{
    return m_store->conversation(user, flow, m_clock->now());
}

bool SessionRegistry::deleteConversation(const QString &user, const QString &flow)
{
    const auto existing = m_store->conversation(user, flow, m_clock->now());
    if (!m_store->deleteConversation(user, flow))
        return false;
    Conversation gone = existing.value_or(Conversation{user, flow, {}, {}, 0, {}, {}});
    publishConversation(gone, QStringLiteral("ended"));
    return true;
}

int SessionRegistry::clearFlow(const QString &flow)
{
    const QList<Conversation> cleared = m_store->clearConversations(flow);
    for (const Conversation &c : cleared)
        publishConversation(c, QStringLiteral("ended"));
    return int(cleared.size());
}

QList<Conversation> SessionRegistry::conversations() const
{
    return m_store->conversations(m_clock->now());
}

std::optional<ConversationPage> SessionRegistry::conversationsPage(int limit,
                                                                   const QString &cursor) const
{
    return m_store->conversationsPage(m_clock->now(), limit, cursor);
}

void SessionRegistry::sweep()
{
    const QList<Conversation> expired = m_store->expireConversations(m_clock->now());
    for (const Conversation &c : expired)
        publishConversation(c, QStringLiteral("expired"));
    announceNewlyStale();
}

void SessionRegistry::announceNewlyStale()
{
    // Another instance's clock may run a little behind this one's: its
    // writes are read again for this long after the window has passed them.
    constexpr qint64 kLookBackMs = qint64(60) * 1000;
    // A session last seen before this instant is stale (withSuspect()).
    const qint64 staleBefore =
            m_clock->now().toMSecsSinceEpoch() - qint64(m_policy.staleAfterS) * 1000;
    if (staleBefore <= m_staleLookedUpToMs)
        return; // the clock stood still or went back: nothing new can be stale
    const qint64 from = m_staleLookedUpToMs == std::numeric_limits<qint64>::min()
            ? m_staleLookedUpToMs
            : m_staleLookedUpToMs - kLookBackMs;
    const QList<Session> stale = m_store->sessionsLastSeenBetween(from, staleBefore);
    for (const Session &stored : stale) {
        const QString id = stored.kind + u'/' + stored.key;
        const qint64 lastSeenMs = stored.lastSeenAt.toMSecsSinceEpoch();
        const auto announced = m_announcedStale.constFind(id);
        if (announced != m_announcedStale.cend() && *announced == lastSeenMs)
            continue;
        m_announcedStale.insert(id, lastSeenMs);
        publishSession(withSuspect(stored), QStringLiteral("active"));
    }
    m_staleLookedUpToMs = staleBefore;
    m_announcedStale.removeIf([forgetBefore = staleBefore - kLookBackMs](const auto &entry) {
        return entry.value() < forgetBefore;
    });
}

} // namespace Vigia

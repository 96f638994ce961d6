#include "PostgresSessionStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Vigia {

using namespace Pg;

namespace {
const QString kSessionColumns = QStringLiteral(
        "SELECT kind, key, user_id, username, place, confirmed, entry_notified, data,"
        " exit_notice, started_ms, last_seen_ms FROM sessions ");
const QString kConversationColumns =
        QStringLiteral("SELECT \"user\", flow, step, data, ttl_seconds, updated_ms, expires_ms "
                       "FROM conversations ");
} // namespace

std::optional<Session> PostgresSessionStore::session(const QString &kind, const QString &key)
{
    QSqlQuery q(m_db);
    if (!run(q, kSessionColumns + QStringLiteral("WHERE kind = ? AND key = ?"), {kind, key}))
        return std::nullopt;
    QList<Session> found = Rows::readSessions(q);
    if (found.isEmpty())
        return std::nullopt;
    return found.takeFirst();
}

std::optional<Session> PostgresSessionStore::upsertSession(const Session &s, const QDateTime &now,
                                                           bool *created)
{
    // ON CONFLICT keeps started_ms from the first PUT; xmax = 0 on the row
    // returned means this statement inserted it, however many instances
    // upserted the same key at once.
    QSqlQuery q(m_db);
    QString error;
    if (!run(q,
             QStringLiteral("INSERT INTO sessions (kind, key, user_id, username, place, confirmed,"
                            " entry_notified, data, exit_notice, started_ms, last_seen_ms)"
                            " VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (kind, key) DO UPDATE SET"
                            " user_id = EXCLUDED.user_id, username = EXCLUDED.username,"
                            " place = EXCLUDED.place, confirmed = EXCLUDED.confirmed,"
                            " entry_notified = EXCLUDED.entry_notified, data = EXCLUDED.data,"
                            " exit_notice = EXCLUDED.exit_notice,"
                            " last_seen_ms = EXCLUDED.last_seen_ms RETURNING (xmax = 0)"),
             {s.kind, s.key, s.userId, s.username, s.where, s.confirmed ? 1 : 0,
              s.entryNotified ? 1 : 0, Rows::compactJson(s.data), Rows::compactJson(s.exitNotice),
              ms(now), ms(now)},
             &error)
        || !q.next()) {
        qCWarning(lcStore) << "session upsert failed:" << error;
        return std::nullopt;
    }
    *created = q.value(0).toBool();
    return session(s.kind, s.key);
}

std::optional<EndedSession> PostgresSessionStore::endSession(const QString &kind,
                                                             const QString &key,
                                                             const SessionNotices &notices,
                                                             const QDateTime &now, QString *error)
{
    Transaction tx(m_db);
    if (!tx.ok()) {
        *error = m_db.lastError().text();
        return std::nullopt;
    }
    // Deleted and read back in one statement: of two instances ending it at
    // once, one gets the row (and queues the notice), the other nothing.
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("DELETE FROM sessions WHERE kind = ? AND key = ? RETURNING kind, key,"
                            " user_id, username, place, confirmed, entry_notified, data,"
                            " exit_notice, started_ms, last_seen_ms"),
             {kind, key}, error))
        return std::nullopt;
    QList<Session> found = Rows::readSessions(q);
    if (found.isEmpty())
        return std::nullopt;
    EndedSession ended{found.takeFirst(), std::nullopt};
    if (notices.forEnded) {
        if (const auto request = notices.forEnded(ended.session)) {
            ended.notice = queueInTransaction(*request, notices.maxAttempts, now, error);
            if (!ended.notice)
                return std::nullopt;
        }
    }
    if (!tx.commit()) {
        *error = tx.lastError();
        return std::nullopt;
    }
    return ended;
}

QList<Session> PostgresSessionStore::sessions(const QString &kind)
{
    QSqlQuery q(m_db);
    const bool ok = kind.isEmpty()
            ? run(q, kSessionColumns + QStringLiteral("ORDER BY kind, started_ms"), {})
            : run(q, kSessionColumns + QStringLiteral("WHERE kind = ? ORDER BY started_ms"),
                  {kind});
    return ok ? Rows::readSessions(q) : QList<Session>();
}

QList<Session> PostgresSessionStore::sessionsLastSeenBetween(qint64 fromMs, qint64 toMs)
{
    QSqlQuery q(m_db);
    return run(q,
               kSessionColumns
                       + QStringLiteral("WHERE last_seen_ms >= ? AND last_seen_ms < ?"
                                        " ORDER BY last_seen_ms"),
               {fromMs, toMs})
            ? Rows::readSessions(q)
            : QList<Session>();
}

std::optional<SessionPage> PostgresSessionStore::sessionsPage(const QString &kind, int limit,
                                                              const QString &cursor)
{
    // The primary key's order ("C" collation, SQLite's): each page a range of its index.
    QString sql;
    QVariantList binds;
    if (cursor.isEmpty()) {
        sql = kSessionColumns + (kind.isEmpty() ? QString() : QStringLiteral("WHERE kind = ? "))
                + QStringLiteral("ORDER BY kind, key LIMIT ?");
        if (!kind.isEmpty())
            binds << kind;
    } else {
        const auto after = Rows::decodeKeyCursor(cursor);
        if (!after || (!kind.isEmpty() && after->first != kind))
            return std::nullopt;
        sql = kSessionColumns
                + (kind.isEmpty() ? QStringLiteral("WHERE (kind, key) > (?, ?)")
                                  : QStringLiteral("WHERE kind = ? AND key > ?"))
                + QStringLiteral(" ORDER BY kind, key LIMIT ?");
        binds << after->first << after->second;
    }
    binds << limit + 1;
    QSqlQuery q(m_db);
    SessionPage page;
    QString error;
    if (!run(q, sql, binds, &error)) {
        qCWarning(lcStore) << "session list failed:" << error;
        return page;
    }
    page.items = Rows::readSessions(q);
    if (page.items.size() > limit) {
        page.items.resize(limit);
        page.nextCursor =
                Rows::encodeKeyCursor(page.items.constLast().kind, page.items.constLast().key);
    }
    return page;
}

bool PostgresSessionStore::queueNotices(ReconcileResult *result, const SessionNotices &notices,
                                        const QDateTime &now, QString *error)
{
    const auto queue = [&](const std::optional<NotificationRequest> &request) {
        if (!request)
            return true;
        const auto n = queueInTransaction(*request, notices.maxAttempts, now, error);
        if (n)
            result->notices.append(*n);
        return n.has_value();
    };
    for (const Session &s : std::as_const(result->ended)) {
        if (notices.forEnded && !queue(notices.forEnded(s)))
            return false;
    }
    for (const auto &[before, after] : std::as_const(result->moved)) {
        if (notices.forMoved && !queue(notices.forMoved(before, after)))
            return false;
    }
    return true;
}

ReconcileResult PostgresSessionStore::reconcile(const QString &kind,
                                                const QList<PresentEntry> &present,
                                                const SessionNotices &notices, const QDateTime &now,
                                                QString *error)
{
    Transaction tx(m_db);
    QSqlQuery lock(m_db);
    QSqlQuery q(m_db);
    if (!tx.ok()
        || !run(lock, QStringLiteral("SELECT pg_advisory_xact_lock(?, hashtext(?))"),
                {kReconcileLock, kind}, error)
        || !run(q, kSessionColumns + QStringLiteral("WHERE kind = ?"), {kind}, error))
        return {};
    // The rules (who ended, who is new, who moved) are the domain's; here
    // the plan is applied atomically.
    ReconcilePlan plan = planReconcile(kind, Rows::readSessions(q), present, now);
    for (const Session &s : plan.seen) {
        QSqlQuery seen(m_db);
        if (!run(seen,
                 QStringLiteral("UPDATE sessions SET last_seen_ms = ?, place = ?, user_id = ?,"
                                " username = ? WHERE kind = ? AND key = ?"),
                 {ms(now), s.where, s.userId, s.username, kind, s.key}, error))
            return {};
    }
    for (const Session &s : plan.result.created) {
        QSqlQuery insert(m_db);
        if (!run(insert,
                 QStringLiteral("INSERT INTO sessions (kind, key, user_id, username, place,"
                                " confirmed, entry_notified, data, exit_notice, started_ms,"
                                " last_seen_ms) VALUES (?,?,?,?,?,0,0,'{}','{}',?,?)"),
                 {kind, s.key, s.userId, s.username, s.where, ms(now), ms(now)}, error))
            return {};
    }
    for (const Session &s : plan.result.ended) {
        QSqlQuery remove(m_db);
        if (!run(remove, QStringLiteral("DELETE FROM sessions WHERE kind = ? AND key = ?"),
                 {kind, s.key}, error))
            return {};
    }
    if (!queueNotices(&plan.result, notices, now, error))
        return {};
    if (!tx.commit()) {
        *error = tx.lastError();
        return {};
    }
    return plan.result;
}

std::optional<Conversation> PostgresSessionStore::putConversation(const Conversation &c,
                                                                  const QDateTime &now)
{
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("INSERT INTO conversations (\"user\", flow, step, data, ttl_seconds,"
                            " updated_ms, expires_ms) VALUES (?,?,?,?,?,?,?)"
                            " ON CONFLICT (\"user\", flow) DO UPDATE SET step = EXCLUDED.step,"
                            " data = EXCLUDED.data, ttl_seconds = EXCLUDED.ttl_seconds,"
                            " updated_ms = EXCLUDED.updated_ms, expires_ms = EXCLUDED.expires_ms"),
             {c.user, c.flow, c.step, Rows::compactJson(c.data), c.ttlSeconds, ms(now),
              ms(now) + qint64(c.ttlSeconds) * 1000}))
        return std::nullopt;
    return conversation(c.user, c.flow, now);
}

std::optional<Conversation>
PostgresSessionStore::conversation(const QString &user, const QString &flow, const QDateTime &now)
{
    // Expired means gone, even before the sweeper has deleted the row.
    QSqlQuery q(m_db);
    if (!run(q,
             kConversationColumns
                     + QStringLiteral("WHERE \"user\" = ? AND flow = ? AND expires_ms > ?"),
             {user, flow, ms(now)}))
        return std::nullopt;
    QList<Conversation> found = Rows::readConversations(q);
    if (found.isEmpty())
        return std::nullopt;
    return found.takeFirst();
}

bool PostgresSessionStore::deleteConversation(const QString &user, const QString &flow)
{
    QSqlQuery q(m_db);
    return run(q, QStringLiteral("DELETE FROM conversations WHERE \"user\" = ? AND flow = ?"),
               {user, flow})
            && q.numRowsAffected() > 0;
}

QList<Conversation> PostgresSessionStore::clearConversations(const QString &flow)
{
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("DELETE FROM conversations WHERE flow = ? RETURNING \"user\", flow,"
                            " step, data, ttl_seconds, updated_ms, expires_ms"),
             {flow}))
        return {};
    return Rows::readConversations(q);
}

QList<Conversation> PostgresSessionStore::conversations(const QDateTime &now)
{
    QSqlQuery q(m_db);
    if (!run(q, kConversationColumns + QStringLiteral("WHERE expires_ms > ? ORDER BY expires_ms"),
             {ms(now)}))
        return {};
    return Rows::readConversations(q);
}

std::optional<ConversationPage>
PostgresSessionStore::conversationsPage(const QDateTime &now, int limit, const QString &cursor)
{
    QString sql = kConversationColumns + QStringLiteral("WHERE expires_ms > ?");
    QVariantList binds{ms(now)};
    if (!cursor.isEmpty()) {
        const auto after = Rows::decodeKeyCursor(cursor);
        if (!after)
            return std::nullopt;
        sql += QStringLiteral(" AND (\"user\", flow) > (?, ?)");
        binds << after->first << after->second;
    }
    sql += QStringLiteral(" ORDER BY \"user\", flow LIMIT ?");
    binds << limit + 1;
    QSqlQuery q(m_db);
    ConversationPage page;
    QString error;
    if (!run(q, sql, binds, &error)) {
        qCWarning(lcStore) << "conversation list failed:" << error;
        return page;
    }
    page.items = Rows::readConversations(q);
    if (page.items.size() > limit) {
        page.items.resize(limit);
        page.nextCursor =
                Rows::encodeKeyCursor(page.items.constLast().user, page.items.constLast().flow);
    }
    return page;
}

QList<Conversation> PostgresSessionStore::expireConversations(const QDateTime &now)
{
    // One statement: two instances sweeping at once each get different rows.
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("DELETE FROM conversations WHERE expires_ms <= ? RETURNING \"user\","
                            " flow, step, data, ttl_seconds, updated_ms, expires_ms"),
             {ms(now)}))
        return {};
    return Rows::readConversations(q);
}

} // namespace Vigia

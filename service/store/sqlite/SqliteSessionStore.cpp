#include "SqliteSessionStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace Vigia {

using namespace Sql;

namespace {
const QString kSessionColumns =
        QStringLiteral("SELECT kind, key, user_id, username, place, confirmed, entry_notified, "
                       "data, exit_notice, started_ms,"
                       " last_seen_ms FROM sessions ");
const QString kConversationColumns = QStringLiteral(
        "SELECT user, flow, step, data, ttl_seconds, updated_ms, expires_ms FROM conversations ");
} // namespace

std::optional<Session> SqliteSessionStore::session(const QString &kind, const QString &key)
{
    QSqlQuery q(m_db);
    q.prepare(kSessionColumns + QStringLiteral("WHERE kind = ? AND key = ?"));
    q.addBindValue(kind);
    q.addBindValue(key);
    if (!q.exec())
        return std::nullopt;
    QList<Session> found = Rows::readSessions(q);
    if (found.isEmpty())
        return std::nullopt;
    return found.takeFirst();
}

std::optional<Session> SqliteSessionStore::upsertSession(const Session &s, const QDateTime &now,
                                                         bool *created)
{
    Transaction tx(m_db);
    const auto existing = session(s.kind, s.key);
    *created = !existing;
    QSqlQuery q(m_db);
    // ON CONFLICT keeps started_ms from the first PUT.
    q.prepare(QStringLiteral("INSERT INTO sessions (kind, key, user_id, username, place, "
                             "confirmed, entry_notified, data, exit_notice,"
                             " started_ms, last_seen_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                             " ON CONFLICT(kind, key) DO UPDATE SET user_id = excluded.user_id, "
                             "username = excluded.username,"
                             " place = excluded.place, confirmed = excluded.confirmed, "
                             "entry_notified = excluded.entry_notified,"
                             " data = excluded.data, exit_notice = excluded.exit_notice, "
                             "last_seen_ms = excluded.last_seen_ms"));
    q.addBindValue(s.kind);
    q.addBindValue(s.key);
    q.addBindValue(s.userId);
    q.addBindValue(s.username);
    q.addBindValue(s.where);
    q.addBindValue(s.confirmed ? 1 : 0);
    q.addBindValue(s.entryNotified ? 1 : 0);
    q.addBindValue(compactJson(s.data));
    q.addBindValue(compactJson(s.exitNotice));
    q.addBindValue(ms(now));
    q.addBindValue(ms(now));
    if (!q.exec() || !tx.commit()) {
        qCWarning(lcStore) << "session upsert failed:" << q.lastError().text();
        return std::nullopt;
    }
    return session(s.kind, s.key);
}

std::optional<EndedSession> SqliteSessionStore::endSession(const QString &kind, const QString &key,
                                                           const SessionNotices &notices,
                                                           const QDateTime &now, QString *error)
{
    Transaction tx(m_db);
    if (!tx.ok()) {
        *error = m_db.lastError().text();
        return std::nullopt;
    }
    auto existing = session(kind, key);
    if (!existing)
        return std::nullopt;
    EndedSession ended{*existing, std::nullopt};
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM sessions WHERE kind = ? AND key = ?"));
    q.addBindValue(kind);
    q.addBindValue(key);
    if (!q.exec()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
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

QList<Session> SqliteSessionStore::sessions(const QString &kind)
{
    QSqlQuery q(m_db);
    if (kind.isEmpty()) {
        q.prepare(kSessionColumns + QStringLiteral("ORDER BY kind, started_ms"));
    } else {
        q.prepare(kSessionColumns + QStringLiteral("WHERE kind = ? ORDER BY started_ms"));
        q.addBindValue(kind);
    }
    if (!q.exec())
        return {};
    return Rows::readSessions(q);
}

QString SqliteSessionStore::sessionsLastSeenBetweenSql()
{
    return kSessionColumns
            + QStringLiteral("WHERE last_seen_ms >= ? AND last_seen_ms < ? ORDER BY last_seen_ms");
}

QList<Session> SqliteSessionStore::sessionsLastSeenBetween(qint64 fromMs, qint64 toMs)
{
    QSqlQuery q(m_db);
    q.prepare(sessionsLastSeenBetweenSql());
    q.addBindValue(fromMs);
    q.addBindValue(toMs);
    if (!q.exec())
        return {};
    return Rows::readSessions(q);
}

QString SqliteSessionStore::sessionsAfterSql(bool ofOneKind)
{
    return kSessionColumns
            + (ofOneKind ? QStringLiteral("WHERE kind = ? AND key > ?")
                         : QStringLiteral("WHERE (kind, key) > (?, ?)"))
            + QStringLiteral(" ORDER BY kind, key LIMIT ?");
}

std::optional<SessionPage> SqliteSessionStore::sessionsPage(const QString &kind, int limit,
                                                            const QString &cursor)
{
    // The primary key's order: each page is a range of its index.
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
        sql = sessionsAfterSql(!kind.isEmpty());
        binds << after->first << after->second;
    }
    binds << limit + 1;
    QSqlQuery q(m_db);
    q.prepare(sql);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    SessionPage page;
    if (!q.exec()) {
        qCWarning(lcStore) << "session list failed:" << q.lastError().text();
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

ReconcileResult SqliteSessionStore::reconcile(const QString &kind,
                                              const QList<PresentEntry> &present,
                                              const SessionNotices &notices, const QDateTime &now,
                                              QString *error)
{
    const auto failed = [error](const QString &why) {
        *error = why;
        return ReconcileResult{};
    };
    Transaction tx(m_db);
    if (!tx.ok())
        return failed(m_db.lastError().text());
    QSqlQuery q(m_db);
    q.prepare(kSessionColumns + QStringLiteral("WHERE kind = ?"));
    q.addBindValue(kind);
    if (!q.exec())
        return failed(q.lastError().text());
    // The rules (who ended, who is new, who moved) are the domain's; here
    // the plan is applied atomically.
    ReconcilePlan plan = planReconcile(kind, Rows::readSessions(q), present, now);
    QSqlQuery seen(m_db);
    seen.prepare(QStringLiteral(
            "UPDATE sessions SET last_seen_ms = ?, place = ?, user_id = ?, username = ?"
            " WHERE kind = ? AND key = ?"));
    for (const Session &s : plan.seen) {
        for (const QVariant &v : {QVariant(ms(now)), QVariant(s.where), QVariant(s.userId),
                                  QVariant(s.username), QVariant(kind), QVariant(s.key)})
            seen.addBindValue(v);
        if (!seen.exec())
            return failed(seen.lastError().text());
    }
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral(
            "INSERT INTO sessions (kind, key, user_id, username, place, confirmed, entry_notified,"
            " data, exit_notice, started_ms, last_seen_ms) VALUES (?,?,?,?,?,0,0,'{}','{}',?,?)"));
    for (const Session &s : plan.result.created) {
        for (const QVariant &v :
             {QVariant(kind), QVariant(s.key), QVariant(s.userId), QVariant(s.username),
              QVariant(s.where), QVariant(ms(now)), QVariant(ms(now))})
            insert.addBindValue(v);
        if (!insert.exec())
            return failed(insert.lastError().text());
    }
    QSqlQuery remove(m_db);
    remove.prepare(QStringLiteral("DELETE FROM sessions WHERE kind = ? AND key = ?"));
    for (const Session &s : plan.result.ended) {
        remove.addBindValue(kind);
        remove.addBindValue(s.key);
        if (!remove.exec())
            return failed(remove.lastError().text());
    }
    const auto queue = [&](const std::optional<NotificationRequest> &request) {
        if (!request)
            return true;
        const auto n = queueInTransaction(*request, notices.maxAttempts, now, error);
        if (n)
            plan.result.notices.append(*n);
        return n.has_value();
    };
    for (const Session &s : std::as_const(plan.result.ended)) {
        if (notices.forEnded && !queue(notices.forEnded(s)))
            return ReconcileResult{};
    }
    for (const auto &[before, after] : std::as_const(plan.result.moved)) {
        if (notices.forMoved && !queue(notices.forMoved(before, after)))
            return ReconcileResult{};
    }
    if (!tx.commit())
        return failed(tx.lastError());
    return plan.result;
}

std::optional<Conversation> SqliteSessionStore::putConversation(const Conversation &c,
                                                                const QDateTime &now)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO conversations (user, flow, step, data, ttl_seconds, updated_ms,"
            " expires_ms) VALUES (?,?,?,?,?,?,?)"));
    q.addBindValue(c.user);
    q.addBindValue(c.flow);
    q.addBindValue(c.step);
    q.addBindValue(compactJson(c.data));
    q.addBindValue(c.ttlSeconds);
    q.addBindValue(ms(now));
    q.addBindValue(ms(now) + qint64(c.ttlSeconds) * 1000);
    if (!q.exec())
        return std::nullopt;
    return conversation(c.user, c.flow, now);
}

std::optional<Conversation>
SqliteSessionStore::conversation(const QString &user, const QString &flow, const QDateTime &now)
{
    QSqlQuery q(m_db);
    // Expired means gone, even before the sweeper has deleted the row.
    q.prepare(kConversationColumns
              + QStringLiteral("WHERE user = ? AND flow = ? AND expires_ms > ?"));
    q.addBindValue(user);
    q.addBindValue(flow);
    q.addBindValue(ms(now));
    if (!q.exec())
        return std::nullopt;
    QList<Conversation> found = Rows::readConversations(q);
    if (found.isEmpty())
        return std::nullopt;
    return found.takeFirst();
}

bool SqliteSessionStore::deleteConversation(const QString &user, const QString &flow)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM conversations WHERE user = ? AND flow = ?"));
    q.addBindValue(user);
    q.addBindValue(flow);
    return q.exec() && q.numRowsAffected() > 0;
}

QList<Conversation> SqliteSessionStore::clearConversations(const QString &flow)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(kConversationColumns + QStringLiteral("WHERE flow = ?"));
    q.addBindValue(flow);
    if (!q.exec())
        return {};
    QList<Conversation> cleared = Rows::readConversations(q);
    QSqlQuery d(m_db);
    d.prepare(QStringLiteral("DELETE FROM conversations WHERE flow = ?"));
    d.addBindValue(flow);
    if (!d.exec() || !tx.commit())
        return {};
    return cleared;
}

QList<Conversation> SqliteSessionStore::conversations(const QDateTime &now)
{
    QSqlQuery q(m_db);
    q.prepare(kConversationColumns + QStringLiteral("WHERE expires_ms > ? ORDER BY expires_ms"));
    q.addBindValue(ms(now));
    if (!q.exec())
        return {};
    return Rows::readConversations(q);
}

QString SqliteSessionStore::conversationsAfterSql()
{
    return kConversationColumns
            + QStringLiteral("WHERE expires_ms > ? AND (user, flow) > (?, ?)"
                             " ORDER BY user, flow LIMIT ?");
}

std::optional<ConversationPage>
SqliteSessionStore::conversationsPage(const QDateTime &now, int limit, const QString &cursor)
{
    QString sql = kConversationColumns + QStringLiteral("WHERE expires_ms > ?");
    QVariantList binds{ms(now)};
    if (!cursor.isEmpty()) {
        const auto after = Rows::decodeKeyCursor(cursor);
        if (!after)
            return std::nullopt;
        sql = conversationsAfterSql();
        binds << after->first << after->second;
    } else {
        sql += QStringLiteral(" ORDER BY user, flow LIMIT ?");
    }
    binds << limit + 1;
    QSqlQuery q(m_db);
    q.prepare(sql);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    ConversationPage page;
    if (!q.exec()) {
        qCWarning(lcStore) << "conversation list failed:" << q.lastError().text();
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

QList<Conversation> SqliteSessionStore::expireConversations(const QDateTime &now)
{
    // Called every second: a plain read first (WAL readers never wait for
    // the writer), so the sweep takes the write lock, and waits for whoever
    // holds it, only when something has expired.
    {
        QSqlQuery due(m_db);
        due.prepare(QStringLiteral("SELECT 1 FROM conversations WHERE expires_ms <= ? LIMIT 1"));
        due.addBindValue(ms(now));
        if (!due.exec() || !due.next())
            return {};
    }
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(kConversationColumns + QStringLiteral("WHERE expires_ms <= ?"));
    q.addBindValue(ms(now));
    if (!q.exec())
        return {};
    QList<Conversation> expired = Rows::readConversations(q);
    if (expired.isEmpty())
        return {};
    QSqlQuery d(m_db);
    d.prepare(QStringLiteral("DELETE FROM conversations WHERE expires_ms <= ?"));
    d.addBindValue(ms(now));
    if (!d.exec() || !tx.commit())
        return {};
    return expired;
}

} // namespace Vigia

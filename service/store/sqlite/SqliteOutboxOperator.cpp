#include "SqliteOutboxStore.h"

#include <QSqlError>
#include <QSqlQuery>

// What operators do to a notification: retry, retry all, resolve, claim.
namespace Vigia {

using namespace Sql;

std::optional<Notification> SqliteOutboxStore::requeue(const QString &id, const QString &by,
                                                       const QDateTime &now, QString *error)
{
    Transaction tx(m_db);
    const auto current = notification(id, false);
    if (!current) {
        *error = QStringLiteral("not_found");
        return std::nullopt;
    }
    if (!mayRetry(current->state)) {
        *error = QStringLiteral("invalid_state");
        return std::nullopt;
    }
    // "Send again now" buys exactly one more immediate attempt.
    QSqlQuery u(m_db);
    // Only a failed notification that is delivered on retry counts as
    // "resolved by retry"; a pending one simply goes out sooner.
    u.prepare(QStringLiteral(
            "UPDATE notifications SET state = 'pending', next_attempt_ms = ?,"
            " max_attempts = MAX(max_attempts, attempts + 1),"
            " retry_requested_by = CASE WHEN state = 'failed' THEN ? ELSE retry_requested_by END,"
            " claimed_by = NULL, claimed_until_ms = NULL, updated_ms = ? WHERE id = ?"));
    u.addBindValue(ms(now));
    u.addBindValue(by);
    u.addBindValue(ms(now));
    u.addBindValue(id);
    if (!u.exec() || !tx.commit()) {
        *error = QStringLiteral("storage");
        return std::nullopt;
    }
    return notification(id, false);
}

BulkRequeue SqliteOutboxStore::requeueAllFailed(const QString &by, const QDateTime &now,
                                                int sampleIds)
{
    Transaction tx(m_db);
    BulkRequeue result;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM notifications WHERE state = 'failed'"
                             " ORDER BY created_ms, id LIMIT ?"));
    q.addBindValue(qMax(0, sampleIds));
    if (!q.exec())
        return {};
    while (q.next())
        result.ids << q.value(0).toString();
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral(
            "UPDATE notifications SET state = 'pending', next_attempt_ms = ?,"
            " max_attempts = MAX(max_attempts, attempts + 1), retry_requested_by = ?,"
            " claimed_by = NULL, claimed_until_ms = NULL, updated_ms = ? WHERE state = 'failed'"));
    u.addBindValue(ms(now));
    u.addBindValue(by);
    u.addBindValue(ms(now));
    if (!u.exec())
        return {};
    result.count = u.numRowsAffected();
    if (!tx.commit())
        return {};
    return result;
}

std::optional<Notification> SqliteOutboxStore::resolve(const QString &id,
                                                       const Resolution &resolution,
                                                       const QDateTime &now, QString *error)
{
    Transaction tx(m_db);
    const auto current = notification(id, false);
    if (!current) {
        *error = QStringLiteral("not_found");
        return std::nullopt;
    }
    if (!mayResolve(current->state)) {
        *error = QStringLiteral("invalid_state");
        return std::nullopt;
    }
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral(
            "UPDATE notifications SET state = 'resolved', resolution_method = ?,"
            " resolution_by = ?, resolution_note = ?, resolution_ms = ?, updated_ms = ?,"
            " next_attempt_ms = NULL, claimed_by = NULL, claimed_until_ms = NULL WHERE id = ?"));
    u.addBindValue(resolutionMethodName(resolution.method));
    u.addBindValue(resolution.by);
    u.addBindValue(textOrNull(resolution.note));
    u.addBindValue(ms(now));
    u.addBindValue(ms(now));
    u.addBindValue(id);
    if (!u.exec() || !tx.commit()) {
        *error = QStringLiteral("storage");
        return std::nullopt;
    }
    return notification(id, false);
}

std::optional<Notification> SqliteOutboxStore::setClaim(const QString &id, const QString &by,
                                                        const QDateTime &until,
                                                        const QDateTime &now, bool takeOver,
                                                        QString *error)
{
    Transaction tx(m_db);
    auto current = notification(id, false);
    if (!current) {
        *error = QStringLiteral("not_found");
        return std::nullopt;
    }
    const bool release = until <= now;
    if (!release && current->state != NotificationState::Failed) {
        *error = QStringLiteral("invalid_state");
        return std::nullopt;
    }
    // Another operator's live claim stands unless an admin takes it over;
    // an expired one is nobody's.
    if (current->isClaimedAt(now) && current->claimedBy != by && !takeOver) {
        *error = QStringLiteral("claimed");
        return current;
    }
    if (release && !current->isClaimedAt(now)) {
        *error = QStringLiteral("not_claimed");
        return std::nullopt;
    }
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral("UPDATE notifications SET claimed_by = ?, claimed_until_ms = ?,"
                             " updated_ms = updated_ms WHERE id = ?"));
    u.addBindValue(release ? QVariant(QMetaType::fromType<QString>()) : QVariant(by));
    u.addBindValue(release ? QVariant(QMetaType::fromType<qint64>()) : QVariant(ms(until)));
    u.addBindValue(id);
    if (!u.exec() || !tx.commit()) {
        *error = QStringLiteral("storage");
        return std::nullopt;
    }
    return notification(id, false);
}

} // namespace Vigia

// What operators do to a notification: retry, retry all, resolve, claim.
// As in SqliteOutboxStore, with one difference several instances need: the
// row is read FOR UPDATE, so that the check (mayRetry, mayResolve, the
// claim's holder) and the change happen on the same version of it, however
// many instances act on it at once (SQLite's BEGIN IMMEDIATE gives that for
// free, one writer at a time).
#include "PostgresOutboxStore.h"

#include <algorithm>

namespace Vigia {

using namespace Pg;

std::optional<Notification> PostgresOutboxStore::locked(const QString &id, QString *error)
{
    QSqlQuery q(m_db);
    if (!run(q, selectColumnsSql() + QStringLiteral("WHERE id = ? FOR UPDATE"), {id})) {
        *error = QStringLiteral("storage");
        return std::nullopt;
    }
    QList<Notification> rows = readNotifications(q);
    if (rows.isEmpty()) {
        *error = QStringLiteral("not_found");
        return std::nullopt;
    }
    return rows.takeFirst();
}

std::optional<Notification> PostgresOutboxStore::requeue(const QString &id, const QString &by,
                                                         const QDateTime &now, QString *error)
{
    Transaction tx(m_db);
    const auto current = locked(id, error);
    if (!current)
        return std::nullopt;
    if (!mayRetry(current->state)) {
        *error = QStringLiteral("invalid_state");
        return std::nullopt;
    }
    // "Send again now" buys exactly one more immediate attempt; only a
    // failed notification delivered on retry counts as "resolved by retry".
    QSqlQuery u(m_db);
    if (!run(u,
             QStringLiteral("UPDATE notifications SET state = 'pending', next_attempt_ms = ?,"
                            " max_attempts = GREATEST(max_attempts, attempts + 1),"
                            " retry_requested_by = CASE WHEN state = 'failed' THEN ?"
                            "   ELSE retry_requested_by END,"
                            " claimed_by = NULL, claimed_until_ms = NULL, updated_ms = ?"
                            " WHERE id = ?"),
             {ms(now), by, ms(now), id})
        || !tx.commit()) {
        *error = QStringLiteral("storage");
        return std::nullopt;
    }
    return notification(id, false);
}

BulkRequeue PostgresOutboxStore::requeueAllFailed(const QString &by, const QDateTime &now,
                                                  int sampleIds)
{
    Transaction tx(m_db);
    BulkRequeue result;
    // The sample and the update see the same rows: the update locks them
    // first, and the sample is read from what it returned.
    QSqlQuery u(m_db);
    if (!run(u,
             QStringLiteral("UPDATE notifications SET state = 'pending', next_attempt_ms = ?,"
                            " max_attempts = GREATEST(max_attempts, attempts + 1),"
                            " retry_requested_by = ?, claimed_by = NULL, claimed_until_ms = NULL,"
                            " updated_ms = ? WHERE state = 'failed' RETURNING id, created_ms"),
             {ms(now), by, ms(now)}))
        return {};
    QList<std::pair<qint64, QString>> requeued;
    while (u.next())
        requeued.append({u.value(1).toLongLong(), u.value(0).toString()});
    if (!tx.commit())
        return {};
    result.count = int(requeued.size());
    const qsizetype sample = qMin(qsizetype(qMax(0, sampleIds)), requeued.size());
    std::partial_sort(requeued.begin(), requeued.begin() + sample, requeued.end());
    for (qsizetype i = 0; i < sample; ++i)
        result.ids << requeued.at(i).second;
    return result;
}

std::optional<Notification> PostgresOutboxStore::resolve(const QString &id,
                                                         const Resolution &resolution,
                                                         const QDateTime &now, QString *error)
{
    Transaction tx(m_db);
    const auto current = locked(id, error);
    if (!current)
        return std::nullopt;
    if (!mayResolve(current->state)) {
        *error = QStringLiteral("invalid_state");
        return std::nullopt;
    }
    QSqlQuery u(m_db);
    if (!run(u,
             QStringLiteral("UPDATE notifications SET state = 'resolved', resolution_method = ?,"
                            " resolution_by = ?, resolution_note = ?, resolution_ms = ?,"
                            " updated_ms = ?, next_attempt_ms = NULL, claimed_by = NULL,"
                            " claimed_until_ms = NULL WHERE id = ?"),
             {resolutionMethodName(resolution.method), resolution.by, textOrNull(resolution.note),
              ms(now), ms(now), id})
        || !tx.commit()) {
        *error = QStringLiteral("storage");
        return std::nullopt;
    }
    return notification(id, false);
}

std::optional<Notification> PostgresOutboxStore::setClaim(const QString &id, const QString &by,
                                                          const QDateTime &until,
                                                          const QDateTime &now, bool takeOver,
                                                          QString *error)
{
    Transaction tx(m_db);
    auto current = locked(id, error);
    if (!current)
        return std::nullopt;
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
    if (!run(u,
             QStringLiteral("UPDATE notifications SET claimed_by = ?, claimed_until_ms = ?"
                            " WHERE id = ?"),
             {release ? QVariant(QMetaType::fromType<QString>()) : QVariant(by),
              release ? QVariant(QMetaType::fromType<qint64>()) : QVariant(ms(until)), id})
        || !tx.commit()) {
        *error = QStringLiteral("storage");
        return std::nullopt;
    }
    return notification(id, false);
}

} // namespace Vigia

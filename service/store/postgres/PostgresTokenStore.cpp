#include "PostgresTokenStore.h"

#include <QSqlError>
#include <QUuid>

namespace Vigia {

using namespace Pg;

namespace {
ApiToken tokenFromRow(const QSqlQuery &q)
{
    return ApiToken{q.value(0).toString(), q.value(1).toString(),
                    roleFromName(q.value(2).toString()).value_or(Role::Viewer), fromMs(q.value(3)),
                    q.value(4).toInt() != 0};
}
} // namespace

std::optional<ApiToken> PostgresTokenStore::addToken(const QString &name, Role role,
                                                     const QByteArray &secretHash,
                                                     const QDateTime &now, QString *error)
{
    ApiToken t{QUuid::createUuid().toString(QUuid::WithoutBraces), name, role, now, false};
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("INSERT INTO tokens (id, name, role, secret_hash, created_ms)"
                            " VALUES (?,?,?,?,?)"),
             {t.id, name, roleName(role), secretHash, ms(now)}, error)) {
        // 23505: unique_violation (the name; a secret's hash never repeats).
        if (q.lastError().nativeErrorCode() == QLatin1String("23505"))
            *error = QStringLiteral("a token named '%1' already exists").arg(name);
        return std::nullopt;
    }
    return t;
}

std::optional<ApiToken> PostgresTokenStore::tokenBySecretHash(const QByteArray &secretHash)
{
    QSqlQuery q(m_db);
    if (!run(q,
             QStringLiteral("SELECT id, name, role, created_ms, revoked FROM tokens"
                            " WHERE secret_hash = ?"),
             {secretHash})
        || !q.next())
        return std::nullopt;
    return tokenFromRow(q);
}

QList<ApiToken> PostgresTokenStore::tokens()
{
    QList<ApiToken> out;
    QSqlQuery q(m_db);
    if (run(q,
            QStringLiteral("SELECT id, name, role, created_ms, revoked FROM tokens"
                           " ORDER BY created_ms, id"),
            {})) {
        while (q.next())
            out.append(tokenFromRow(q));
    }
    return out;
}

bool PostgresTokenStore::revokeToken(const QString &idOrName)
{
    QSqlQuery q(m_db);
    return run(q,
               QStringLiteral("UPDATE tokens SET revoked = 1 WHERE (id = ? OR name = ?)"
                              " AND revoked = 0"),
               {idOrName, idOrName})
            && q.numRowsAffected() > 0;
}

} // namespace Vigia

#include "SqliteTokenStore.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Vigia {

using namespace Sql;

std::optional<ApiToken> SqliteTokenStore::addToken(const QString &name, Role role,
                                                   const QByteArray &secretHash,
                                                   const QDateTime &now, QString *error)
{
    ApiToken t{QUuid::createUuid().toString(QUuid::WithoutBraces), name, role, now, false};
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "INSERT INTO tokens (id, name, role, secret_hash, created_ms) VALUES (?,?,?,?,?)"));
    q.addBindValue(t.id);
    q.addBindValue(name);
    q.addBindValue(roleName(role));
    q.addBindValue(secretHash);
    q.addBindValue(ms(now));
    if (!q.exec()) {
        *error = q.lastError().text().contains(QLatin1String("UNIQUE"))
                ? QStringLiteral("a token named '%1' already exists").arg(name)
                : q.lastError().text();
        return std::nullopt;
    }
    return t;
}

std::optional<ApiToken> SqliteTokenStore::tokenBySecretHash(const QByteArray &secretHash)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "SELECT id, name, role, created_ms, revoked FROM tokens WHERE secret_hash = ?"));
    q.addBindValue(secretHash);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return ApiToken{q.value(0).toString(), q.value(1).toString(),
                    roleFromName(q.value(2).toString()).value_or(Role::Viewer), fromMs(q.value(3)),
                    q.value(4).toBool()};
}

QList<ApiToken> SqliteTokenStore::tokens()
{
    QList<ApiToken> out;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral(
                "SELECT id, name, role, created_ms, revoked FROM tokens ORDER BY created_ms"))) {
        while (q.next()) {
            out.append({q.value(0).toString(), q.value(1).toString(),
                        roleFromName(q.value(2).toString()).value_or(Role::Viewer),
                        fromMs(q.value(3)), q.value(4).toBool()});
        }
    }
    return out;
}

bool SqliteTokenStore::revokeToken(const QString &idOrName)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
            "UPDATE tokens SET revoked = 1 WHERE (id = ? OR name = ?) AND revoked = 0"));
    q.addBindValue(idOrName);
    q.addBindValue(idOrName);
    return q.exec() && q.numRowsAffected() > 0;
}

} // namespace Vigia

#pragma once

#include "SqliteSupport.h"
#include "TokenStore.h"

class QSqlQuery;

namespace Vigia {

// API tokens on SQLite.
class SqliteTokenStore : public virtual TokenStore, protected virtual SqliteConnection
{
public:
    std::optional<ApiToken> addToken(const QString &name, Role role, const QByteArray &secretHash,
                                     const QDateTime &now, QString *error) override;
    std::optional<ApiToken> tokenBySecretHash(const QByteArray &secretHash) override;
    QList<ApiToken> tokens() override;
    bool revokeToken(const QString &idOrName) override;

protected:
    SqliteTokenStore() = default;
};

} // namespace Vigia

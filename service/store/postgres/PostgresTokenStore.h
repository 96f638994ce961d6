#pragma once

#include "PostgresSupport.h"
#include "TokenStore.h"

namespace Vigia {

// API tokens on PostgreSQL, shared by every instance.
class PostgresTokenStore : public virtual TokenStore, protected virtual PostgresConnection
{
public:
    std::optional<ApiToken> addToken(const QString &name, Role role, const QByteArray &secretHash,
                                     const QDateTime &now, QString *error) override;
    std::optional<ApiToken> tokenBySecretHash(const QByteArray &secretHash) override;
    QList<ApiToken> tokens() override;
    bool revokeToken(const QString &idOrName) override;

protected:
    PostgresTokenStore() = default;
};

} // namespace Vigia

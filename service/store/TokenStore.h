#pragma once

#include "StoreTypes.h"

namespace Vigia {

// API tokens: only a hash of each secret is kept.
class TokenStore
{
public:
    virtual ~TokenStore() = default;

    virtual std::optional<ApiToken> addToken(const QString &name, Role role,
                                             const QByteArray &secretHash, const QDateTime &now,
                                             QString *error) = 0;
    virtual std::optional<ApiToken> tokenBySecretHash(const QByteArray &secretHash) = 0;
    virtual QList<ApiToken> tokens() = 0;
    virtual bool revokeToken(const QString &idOrName) = 0;
};

} // namespace Vigia

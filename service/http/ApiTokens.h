#pragma once

#include "TokenStore.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

namespace Vigia::ApiTokens {

// A fresh bearer secret: "vga_" and 32 random bytes, base64url.
QString generateSecret();
// Only this hash is stored; the secret is shown once when created.
QByteArray hashSecret(const QString &secret);
// The secret's hash from an "Authorization: Bearer <secret>" header, or
// empty when the header is not that.
QByteArray bearerHash(const QByteArray &authorization);
// The live token an "Authorization: Bearer <secret>" header names, if any.
std::optional<ApiToken> authenticate(TokenStore *store, const QByteArray &authorization);

} // namespace Vigia::ApiTokens

namespace Vigia {

class Clock;

// Checks bearer tokens without a store query per request. A token found in
// the store is remembered for a short while; tokens are added and revoked by
// `vigiad token` in another process, so a revocation takes effect here
// within kTokenCacheMs. Unknown secrets are never remembered: a token made
// a moment ago works at once.
class TokenCache final
{
    Q_DISABLE_COPY_MOVE(TokenCache)

public:
    static constexpr qint64 kTokenCacheMs = 1000;
    // Beyond this many distinct tokens the cache starts over, so memory
    // stays bounded whatever callers send.
    static constexpr qsizetype kMaxEntries = 1024;

    TokenCache(TokenStore *store, const Clock *clock);
    ~TokenCache() = default;

    std::optional<ApiToken> authenticate(const QByteArray &authorization);
    // The same for a secret's hash (ApiTokens::bearerHash): the live feed
    // asks again for the sockets it holds open.
    std::optional<ApiToken> authenticateHash(const QByteArray &secretHash);

private:
    struct Entry
    {
        ApiToken token;
        QDateTime checkedAt;
    };
    TokenStore *m_store;
    const Clock *m_clock;
    QHash<QByteArray, Entry> m_entries; // by the secret's SHA-256
};

} // namespace Vigia

#include "ApiTokens.h"

#include "Clock.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace Vigia::ApiTokens {

QString generateSecret()
{
    QByteArray bytes(32, Qt::Uninitialized);
    // QRandomGenerator::system() reads the OS CSPRNG.
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return QStringLiteral("vga_")
            + QString::fromLatin1(
                    bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray hashSecret(const QString &secret)
{
    return QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256);
}

QByteArray bearerHash(const QByteArray &authorization)
{
    if (!authorization.startsWith("Bearer "))
        return {};
    const QString secret = QString::fromLatin1(authorization.mid(7).trimmed());
    return secret.isEmpty() ? QByteArray() : hashSecret(secret);
}

std::optional<ApiToken> authenticate(TokenStore *store, const QByteArray &authorization)
{
    const QByteArray hash = bearerHash(authorization);
    if (hash.isEmpty())
        return std::nullopt;
    auto token = store->tokenBySecretHash(hash);
    if (!token || token->revoked)
        return std::nullopt;
    return token;
}

} // namespace Vigia::ApiTokens

namespace Vigia {

TokenCache::TokenCache(TokenStore *store, const Clock *clock) : m_store(store), m_clock(clock) { }

std::optional<ApiToken> TokenCache::authenticate(const QByteArray &authorization)
{
    return authenticateHash(ApiTokens::bearerHash(authorization));
}

std::optional<ApiToken> TokenCache::authenticateHash(const QByteArray &hash)
{
    if (hash.isEmpty())
        return std::nullopt;
    const QDateTime now = m_clock->now();
    const auto cached = m_entries.constFind(hash);
    if (cached != m_entries.cend()) {
        const qint64 age = cached->checkedAt.msecsTo(now);
        if (age >= 0 && age < kTokenCacheMs)
            return cached->token;
    }
    auto token = m_store->tokenBySecretHash(hash);
    if (!token || token->revoked) {
        m_entries.remove(hash);
        return std::nullopt;
    }
    if (m_entries.size() >= kMaxEntries)
        m_entries.clear();
    m_entries.insert(hash, Entry{*token, now});
    return token;
}

} // namespace Vigia

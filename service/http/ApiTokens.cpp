#include "ApiTokens.h"

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

std::optional<ApiToken> authenticate(TokenStore *store, const QByteArray &authorization)
{
    if (!authorization.startsWith("Bearer "))
        return std::nullopt;
    const QString secret = QString::fromLatin1(authorization.mid(7).trimmed());
    if (secret.isEmpty())
        return std::nullopt;
    auto token = store->tokenBySecretHash(hashSecret(secret));
    if (!token || token->revoked)
        return std::nullopt;
    return token;
}

} // namespace Vigia::ApiTokens

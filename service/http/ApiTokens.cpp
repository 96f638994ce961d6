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

} // namespace Vigia::ApiTokens

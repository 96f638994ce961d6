#pragma once

#include <QByteArray>
#include <QString>

namespace Vigia::ApiTokens {

// A fresh bearer secret: "vga_" and 32 random bytes, base64url.
QString generateSecret();
// Only this hash is stored; the secret is shown once when created.
QByteArray hashSecret(const QString &secret);

} // namespace Vigia::ApiTokens

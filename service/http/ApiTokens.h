#pragma once

#include "TokenStore.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Vigia::ApiTokens {

// A fresh bearer secret: "vga_" and 32 random bytes, base64url.
QString generateSecret();
// Only this hash is stored; the secret is shown once when created.
QByteArray hashSecret(const QString &secret);
// The live token an "Authorization: Bearer <secret>" header names, if any.
std::optional<ApiToken> authenticate(TokenStore *store, const QByteArray &authorization);

} // namespace Vigia::ApiTokens

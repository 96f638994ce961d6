#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringView>

// Secrets that can travel inside the data vigiad hands out: a Discord webhook
// URL holds its token in the path (whoever has the URL can post as the bot),
// and a vigiad API token ("vga_…") is a password. Only admins see them whole
// (Permission::SeeSecrets); everyone else gets them shortened to what still
// tells which target it was: https://discord.com/api/webhooks/123456/…
namespace Vigia::SecretRedaction {

// What a redacted secret ends with.
inline constexpr char16_t kMark = u'\u2026';

// A quick test before the real work: false means the text holds no secret.
bool mayHoldSecrets(QByteArrayView utf8);
bool mayHoldSecrets(QStringView text);

QString redact(const QString &text);
// Every string inside, keys excepted, redacted; the value is returned as it
// was (not copied) when nothing in it needed it.
QJsonValue redact(const QJsonValue &value);
QJsonObject redact(const QJsonObject &object);

// True when text is a webhook URL that went through redact(): storing it
// would silently lose the target.
bool isRedactedWebhook(const QString &text);

} // namespace Vigia::SecretRedaction

#include "SecretRedaction.h"

#include <QJsonArray>
#include <QLatin1StringView>
#include <QRegularExpression>

namespace Vigia::SecretRedaction {

namespace {

// .../webhooks/{id}/{token}: keep the id, drop the token. Case-insensitive and
// host-agnostic, so an error text quoting the URL is caught as well.
const QRegularExpression &webhookPattern()
{
    static const QRegularExpression pattern(
            QStringLiteral("(/webhooks/[^/?#\\s\"\\\\]+/)[^/?#\\s\"\\\\]+"),
            QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

const QRegularExpression &apiTokenPattern()
{
    static const QRegularExpression pattern(QStringLiteral("vga_[A-Za-z0-9_\\-]+"));
    return pattern;
}

constexpr QLatin1StringView kWebhooks("/webhooks/");
constexpr QLatin1StringView kApiToken("vga_");

QJsonValue redactValue(const QJsonValue &value, bool *changed);

QJsonObject redactObject(const QJsonObject &object, bool *changed)
{
    QJsonObject out = object;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        bool inner = false;
        const QJsonValue redacted = redactValue(it.value(), &inner);
        if (inner) {
            out.insert(it.key(), redacted);
            *changed = true;
        }
    }
    return out;
}

QJsonArray redactArray(const QJsonArray &array, bool *changed)
{
    QJsonArray out = array;
    for (qsizetype i = 0; i < array.size(); ++i) {
        bool inner = false;
        const QJsonValue redacted = redactValue(array.at(i), &inner);
        if (inner) {
            out.replace(i, redacted);
            *changed = true;
        }
    }
    return out;
}

QJsonValue redactValue(const QJsonValue &value, bool *changed)
{
    switch (value.type()) {
    case QJsonValue::String: {
        const QString text = value.toString();
        if (!mayHoldSecrets(text))
            return value;
        const QString redacted = redact(text);
        *changed = *changed || redacted != text;
        return redacted;
    }
    case QJsonValue::Object: return redactObject(value.toObject(), changed);
    case QJsonValue::Array: return redactArray(value.toArray(), changed);
    default: return value;
    }
}

} // namespace

bool mayHoldSecrets(QByteArrayView utf8)
{
    // ASCII needles: matching them in UTF-8 bytes read as Latin-1 is exact.
    const QLatin1StringView text(utf8.data(), utf8.size());
    return text.contains(kWebhooks, Qt::CaseInsensitive) || text.contains(kApiToken);
}

bool mayHoldSecrets(QStringView text)
{
    return text.contains(kWebhooks, Qt::CaseInsensitive) || text.contains(kApiToken);
}

QString redact(const QString &text)
{
    if (!mayHoldSecrets(text))
        return text;
    QString out = text;
    out.replace(webhookPattern(), QStringLiteral("\\1") + QChar(kMark));
    out.replace(apiTokenPattern(), QStringLiteral("vga_") + QChar(kMark));
    return out;
}

QJsonValue redact(const QJsonValue &value)
{
    bool changed = false;
    const QJsonValue redacted = redactValue(value, &changed);
    return changed ? redacted : value;
}

QJsonObject redact(const QJsonObject &object)
{
    bool changed = false;
    const QJsonObject redacted = redactObject(object, &changed);
    return changed ? redacted : object;
}

bool isRedactedWebhook(const QString &text)
{
    return text.endsWith(QChar(kMark)) && text.contains(kWebhooks, Qt::CaseInsensitive);
}

} // namespace Vigia::SecretRedaction

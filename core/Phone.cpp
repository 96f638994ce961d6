#include "Phone.h"

namespace Vigia::Phone {

namespace {

// QChar::isDigit() also takes Arabic-Indic, Devanagari, full-width... digits,
// which WAHA and WhatsApp do not read as a number.
bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

QString digits(const QString &phone)
{
    QString out;
    out.reserve(phone.size());
    for (QChar c : phone) {
        if (isAsciiDigit(c))
            out.append(c);
        else if (c != u'+' && c != u' ' && c != u'-' && c != u'(' && c != u')' && c != u'.')
            return {};
    }
    // E.164 numbers carry 8 to 15 digits including the country code.
    if (out.size() < 8 || out.size() > 15)
        return {};
    return out;
}

QUrl chatUrl(const QString &phone)
{
    if (!isInternational(phone))
        return {};
    return QUrl(QStringLiteral("https://wa.me/") + digits(phone.trimmed()));
}

bool isInternational(const QString &phone)
{
    const QString trimmed = phone.trimmed();
    // One "+", first; digits() refuses letters and other symbols.
    if (!trimmed.startsWith(u'+') || trimmed.lastIndexOf(u'+') != 0)
        return false;
    const QString d = digits(trimmed);
    // No country code starts with 0.
    return !d.isEmpty() && d.front() != u'0';
}

QString toWahaChatId(const QString &phone)
{
    // Accept a ready-made chat id only when its number part is a real number.
    const QString number = phone.endsWith(QLatin1String("@c.us")) ? phone.chopped(5) : phone;
    const QString d = digits(number);
    return d.isEmpty() ? QString() : d + QLatin1String("@c.us");
}

QString masked(const QString &phone)
{
    QString d;
    for (QChar c : phone) {
        if (isAsciiDigit(c))
            d.append(c);
    }
    if (d.size() <= 4)
        return QStringLiteral("****");
    return QStringLiteral("***") + d.right(4);
}

} // namespace Vigia::Phone

#include "Phone.h"

namespace Vigia::Phone {

QString digits(const QString &phone)
{
    QString out;
    out.reserve(phone.size());
    for (QChar c : phone) {
        if (c.isDigit())
            out.append(c);
        else if (c != u'+' && c != u' ' && c != u'-' && c != u'(' && c != u')' && c != u'.')
            return {};
    }
    // E.164 numbers carry 8 to 15 digits including the country code.
    if (out.size() < 8 || out.size() > 15)
        return {};
    return out;
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
        if (c.isDigit())
            d.append(c);
    }
    if (d.size() <= 4)
        return QStringLiteral("****");
    return QStringLiteral("***") + d.right(4);
}

} // namespace Vigia::Phone

#pragma once

#include <QString>
#include <QUrl>

namespace Vigia::Phone {

// "+58 424-1234567" -> "584241234567"; empty when there are not enough digits
// to be an international number.
QString digits(const QString &phone);

// What a producer must send: E.164 with its leading "+" and country code,
// 8 to 15 digits; spaces, dashes, dots and parentheses may separate them.
// "04241234567" (a local number) and "584241234567" (no "+") are not.
bool isInternational(const QString &phone);

// WAHA addresses a WhatsApp user as "<international number>@c.us".
QString toWahaChatId(const QString &phone);

// The WhatsApp chat with this number in a browser or the app
// (https://wa.me/<digits>); empty when the number is not international.
QUrl chatUrl(const QString &phone);
// Logs at info level may show only the last four digits of a phone number.
QString masked(const QString &phone);

} // namespace Vigia::Phone

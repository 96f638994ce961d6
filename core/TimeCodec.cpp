#include "TimeCodec.h"

namespace Vigia {

namespace {

// Days since 1970-01-01 to a proleptic Gregorian date (the "civil from
// days" algorithm, with eras of 400 years).
void civilFromDays(qint64 days, qint64 *year, int *month, int *day)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 dayOfEra = days - era * 146097;
    const qint64 yearOfEra =
            (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 shiftedMonth = (5 * dayOfYear + 2) / 153;
    *day = int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    *month = int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    *year = yearOfEra + era * 400 + (*month <= 2 ? 1 : 0);
}

void putDigits(char16_t *out, qint64 value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = char16_t(u'0' + value % 10);
        value /= 10;
    }
}

} // namespace

QString toRfc3339(const QDateTime &time)
{
    // Every notification, event and answer carries several of these: written
    // by hand, as QDateTime::toString() costs ten times as much.
    const qint64 msecs = time.toMSecsSinceEpoch();
    constexpr qint64 kDayMs = 86400000;
    const qint64 days = (msecs >= 0 ? msecs : msecs - (kDayMs - 1)) / kDayMs;
    const qint64 msOfDay = msecs - days * kDayMs;
    qint64 year = 0;
    int month = 0;
    int day = 0;
    civilFromDays(days, &year, &month, &day);
    if (!time.isValid() || year < 0 || year > 9999)
        return time.toUTC().toString(Qt::ISODateWithMs);
    QString text(24, Qt::Uninitialized); // 2024-05-01T12:00:00.000Z
    auto *out = reinterpret_cast<char16_t *>(text.data());
    putDigits(out, year, 4);
    out[4] = u'-';
    putDigits(out + 5, month, 2);
    out[7] = u'-';
    putDigits(out + 8, day, 2);
    out[10] = u'T';
    putDigits(out + 11, msOfDay / 3600000, 2);
    out[13] = u':';
    putDigits(out + 14, msOfDay / 60000 % 60, 2);
    out[16] = u':';
    putDigits(out + 17, msOfDay / 1000 % 60, 2);
    out[19] = u'.';
    putDigits(out + 20, msOfDay % 1000, 3);
    out[23] = u'Z';
    return text;
}

QDateTime fromRfc3339(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    return t.toUTC();
}

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(toRfc3339(time)) : QJsonValue(QJsonValue::Null);
}

} // namespace Vigia

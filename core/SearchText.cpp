#include "SearchText.h"

namespace Vigia {

namespace {
// Most of what producers send is ASCII, where decomposition changes nothing
// and folding is lowercasing; each new notification is folded at insert, so
// that case skips the Unicode tables.
bool isAscii(QStringView text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0x80)
            return false;
    }
    return true;
}
} // namespace

QString foldForSearch(QStringView text)
{
    if (isAscii(text)) {
        QString out(text.size(), Qt::Uninitialized);
        QChar *to = out.data();
        for (const QChar c : text) {
            const char16_t u = c.unicode();
            *to++ = QChar(u >= u'A' && u <= u'Z' ? char16_t(u + (u'a' - u'A')) : u);
        }
        return out;
    }
    // Canonical decomposition splits "é" into "e" and a combining mark;
    // dropping the marks leaves the base letters (ñ becomes n, as Spanish
    // speakers type it without the tilde on an English keyboard).
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        const QChar::Category category = c.category();
        if (category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
            || category == QChar::Mark_Enclosing)
            continue;
        out.append(c);
    }
    return out.toCaseFolded();
}

namespace {
QString digitsOf(QStringView text)
{
    QString digits;
    for (const QChar c : text) {
        if (c.isDigit())
            digits.append(c);
    }
    return digits;
}
} // namespace

QString notificationSearchText(const QString &orderId, const QString &customerName,
                               const QString &recipient, const QString &text)
{
    // A separator no query contains keeps one field's end from matching
    // with the next one's start.
    const QChar separator(0x1f);
    return foldForSearch(orderId) + separator + foldForSearch(customerName) + separator
            + foldForSearch(recipient) + separator + digitsOf(recipient) + separator
            + foldForSearch(text);
}

QString phoneDigits(QStringView query)
{
    const QStringView trimmed = query.trimmed();
    int digits = 0;
    for (const QChar c : trimmed) {
        if (c.isDigit())
            ++digits;
        else if (c != u'+' && c != u' ' && c != u'-' && c != u'(' && c != u')' && c != u'.')
            return {};
    }
    return digits >= 3 ? digitsOf(trimmed) : QString();
}

} // namespace Vigia

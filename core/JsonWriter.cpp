#include "JsonWriter.h"

#include "TimeCodec.h"

#include <algorithm>

namespace Vigia {

namespace {
char hexDigit(uint v)
{
    return char(v < 10 ? '0' + v : 'a' + (v - 10));
}

// QJsonDocument's escaping: the quote, the backslash and the control
// characters (the five with a short form use it, the others \u00XX in lower
// case); everything else is written as UTF-8.
void appendEscapedAscii(QByteArray &out, char16_t c)
{
    out.append('\\');
    switch (c) {
    case '"': out.append('"'); break;
    case '\\': out.append('\\'); break;
    case '\b': out.append('b'); break;
    case '\f': out.append('f'); break;
    case '\n': out.append('n'); break;
    case '\r': out.append('r'); break;
    case '\t': out.append('t'); break;
    default: out.append("u00").append(hexDigit(c >> 4)).append(hexDigit(c & 0xf)); break;
    }
}

bool plainAscii(char16_t c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

void appendEscaped(QByteArray &out, QStringView text)
{
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    while (p != end) {
        if (plainAscii(*p)) {
            // A run of plain ASCII, copied as it is.
            const char16_t *run = p;
            while (p != end && plainAscii(*p))
                ++p;
            const qsizetype at = out.size();
            out.resize(at + (p - run));
            std::copy(run, p, out.data() + at);
        } else if (*p < 0x80) {
            appendEscapedAscii(out, *p++);
        } else {
            // A run of anything else, whole surrogate pairs included: Qt's
            // own UTF-8 encoder.
            const char16_t *run = p;
            while (p != end && *p >= 0x80) {
                if (QChar::isHighSurrogate(*p) && p + 1 != end && QChar::isLowSurrogate(p[1]))
                    p += 2;
                else if (!QChar::isSurrogate(*p))
                    ++p;
                else
                    break;
            }
            if (p != run) {
                out.append(QStringView(run, p - run).toUtf8());
            } else {
                // Half a pair alone: no UTF-8 for it; escaped, as Qt does.
                const char16_t half = *p++;
                out.append("\\u");
                for (int shift = 12; shift >= 0; shift -= 4)
                    out.append(hexDigit((half >> shift) & 0xf));
            }
        }
    }
}

void appendEscaped(QByteArray &out, QLatin1StringView text)
{
    for (const char c : text) {
        if (uchar(c) >= 0x80) {
            appendEscaped(out, QString(text));
            return;
        }
    }
    for (const char c : text) {
        if (plainAscii(char16_t(uchar(c))))
            out.append(c);
        else
            appendEscapedAscii(out, char16_t(uchar(c)));
    }
}
} // namespace

JsonWriter::JsonWriter(qsizetype reserve)
{
    m_out.reserve(reserve);
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_first)
        m_out.append(',');
    m_first = false;
}

void JsonWriter::beginObject()
{
    beforeValue();
    m_out.append('{');
    m_first = true;
}

void JsonWriter::endObject()
{
    m_out.append('}');
    m_first = false;
}

void JsonWriter::beginArray()
{
    beforeValue();
    m_out.append('[');
    m_first = true;
}

void JsonWriter::endArray()
{
    m_out.append(']');
    m_first = false;
}

void JsonWriter::key(QLatin1StringView name)
{
    if (!m_first)
        m_out.append(',');
    m_first = false;
    m_out.append('"').append(name.data(), name.size()).append("\":");
    m_afterKey = true;
}

void JsonWriter::value(QStringView text)
{
    beforeValue();
    m_out.append('"');
    appendEscaped(m_out, text);
    m_out.append('"');
}

void JsonWriter::value(QLatin1StringView text)
{
    beforeValue();
    m_out.append('"');
    appendEscaped(m_out, text);
    m_out.append('"');
}

void JsonWriter::value(qint64 number)
{
    beforeValue();
    m_out.append(QByteArray::number(number));
}

void JsonWriter::null()
{
    beforeValue();
    m_out.append("null");
}

void JsonWriter::stringOrNull(QStringView text)
{
    if (text.isEmpty())
        null();
    else
        value(text);
}

void JsonWriter::timeOrNull(const QDateTime &time)
{
    if (time.isValid())
        value(toRfc3339(time));
    else
        null();
}

void JsonWriter::fieldOrNull(QLatin1StringView name, QStringView text)
{
    key(name);
    stringOrNull(text);
}

void JsonWriter::fieldOrNull(QLatin1StringView name, const QDateTime &time)
{
    key(name);
    timeOrNull(time);
}

} // namespace Vigia

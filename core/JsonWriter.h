#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QLatin1StringView>
#include <QStringView>

namespace Vigia {

// Writes compact JSON straight into bytes: what
// QJsonDocument::toJson(QJsonDocument::Compact) gives for the same object,
// byte for byte, when the keys are written in the order QJsonObject keeps
// them (sorted). Why not build a QJsonObject and serialise it: a
// notification goes out three times on its way (queued, sending, delivered),
// and building the object then serialising it was a fifth of vigiad's CPU
// under load; this writer takes 0.12 of that time (bench/vigia_json_bench,
// bench/results/2026-12-04-json-and-pipeline.md).
class JsonWriter final
{
public:
    explicit JsonWriter(qsizetype reserve = 512);

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    // Names are ours and plain ASCII: written as they are.
    void key(QLatin1StringView name);
    void value(QStringView text);
    void value(QLatin1StringView text);
    void value(qint64 number);
    void null();
    // The conventions of the wire contract: an empty text and an invalid
    // time are null.
    void stringOrNull(QStringView text);
    void timeOrNull(const QDateTime &time);

    // A member: its name, then its value (any value() takes).
    template<typename Value>
    void field(QLatin1StringView name, const Value &v)
    {
        key(name);
        value(v);
    }
    void fieldOrNull(QLatin1StringView name, QStringView text);
    void fieldOrNull(QLatin1StringView name, const QDateTime &time);

    QByteArray take() { return std::move(m_out); }

private:
    QByteArray m_out;
    bool m_first = true; // nothing written yet in the open object or array
    bool m_afterKey = false;

    void beforeValue();
};

} // namespace Vigia

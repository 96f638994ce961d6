#include "LiveJournal.h"

#include "SecretRedaction.h"

#include <QJsonDocument>

namespace Vigia {

namespace {
QByteArray toWire(qint64 seq, LiveEventType type, const QJsonObject &data)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("seq"), seq},
                                     {QStringLiteral("type"), liveEventTypeName(type)},
                                     {QStringLiteral("data"), data}})
            .toJson(QJsonDocument::Compact);
}

// The same bytes toWire() gives (QJsonObject keeps its keys sorted: data,
// seq, type), around data serialised already.
QByteArray toWire(qint64 seq, LiveEventType type, const QByteArray &dataWire)
{
    const QByteArray typeName = liveEventTypeName(type).toUtf8();
    QByteArray wire;
    wire.reserve(dataWire.size() + typeName.size() + 48);
    wire.append("{\"data\":").append(dataWire).append(",\"seq\":").append(QByteArray::number(seq));
    wire.append(",\"type\":\"").append(typeName).append("\"}");
    return wire;
}
} // namespace

LiveEvent LiveEvent::make(qint64 seq, LiveEventType type, const QJsonObject &data,
                          const QByteArray &dataWire)
{
    LiveEvent event{seq,
                    type,
                    dataWire.isEmpty() ? toWire(seq, type, data) : toWire(seq, type, dataWire),
                    {}};
    // Serialised a second time only when the first one shows a secret.
    event.redactedWire = SecretRedaction::mayHoldSecrets(event.wire)
            ? toWire(seq, type, SecretRedaction::redact(data))
            : event.wire;
    return event;
}

QJsonObject LiveEvent::data() const
{
    return QJsonDocument::fromJson(wire).object().value(QStringLiteral("data")).toObject();
}

qsizetype LiveEvent::bytes() const
{
    return wire.size() + (redactedWire.isSharedWith(wire) ? 0 : redactedWire.size());
}

LiveJournal::LiveJournal(qsizetype capacity, qint64 maxBytes, qint64 firstSeq, QObject *parent)
    : QObject(parent),
      m_capacity(qMax<qsizetype>(1, capacity)),
      m_maxBytes(qMax<qint64>(1, maxBytes)),
      m_nextSeq(firstSeq)
{ }

qint64 LiveJournal::publish(LiveEventType type, const QJsonObject &data, const QByteArray &dataWire)
{
    if (m_sharedAppend) {
        const QByteArray wire =
                dataWire.isEmpty() ? QJsonDocument(data).toJson(QJsonDocument::Compact) : dataWire;
        return m_sharedAppend(type, data, wire).value_or(currentSeq());
    }
    const LiveEvent event = LiveEvent::make(m_nextSeq++, type, data, dataWire);
    keep(event);
    return event.seq;
}

void LiveJournal::ingest(qint64 seq, LiveEventType type, const QByteArray &dataWire)
{
    if (seq < m_nextSeq)
        return; // had already
    m_nextSeq = seq + 1;
    // The data is parsed only when it may hold a secret to redact.
    const QJsonObject data = SecretRedaction::mayHoldSecrets(dataWire)
            ? QJsonDocument::fromJson(dataWire).object()
            : QJsonObject();
    keep(LiveEvent::make(seq, type, data, dataWire));
}

void LiveJournal::keep(const LiveEvent &event)
{
    m_events.push_back(event);
    m_bytes += event.bytes();
    // An event bigger than the whole budget is not kept either: a client
    // that missed it resyncs.
    while (!m_events.empty() && (qsizetype(m_events.size()) > m_capacity || m_bytes > m_maxBytes)) {
        m_bytes -= m_events.front().bytes();
        m_events.pop_front();
    }
    Q_EMIT published(event);
}

std::optional<QList<LiveEvent>> LiveJournal::since(qint64 seq) const
{
    if (seq == currentSeq())
        return QList<LiveEvent>{};
    if (seq > currentSeq())
        return std::nullopt; // a seq from another life of the service
    const qint64 oldest = m_events.empty() ? m_nextSeq : m_events.front().seq;
    if (seq < oldest - 1)
        return std::nullopt;
    QList<LiveEvent> out;
    for (const LiveEvent &e : m_events) {
        if (e.seq > seq)
            out.append(e);
    }
    return out;
}

} // namespace Vigia

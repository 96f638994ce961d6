#include "LiveJournal.h"

#include "SecretRedaction.h"
#include "TimeCodec.h"

#include <QJsonDocument>

namespace Vigia {

namespace {
// What QJsonDocument writes for {seq, type, data} (QJsonObject keeps its
// keys sorted: data, seq, type), around data serialised already.
QByteArray toWire(qint64 seq, LiveEventType type, const QByteArray &dataWire)
{
    const QByteArray typeName = liveEventTypeName(type).toUtf8();
    QByteArray wire;
    wire.reserve(dataWire.size() + typeName.size() + 48);
    wire.append("{\"data\":").append(dataWire).append(",\"seq\":").append(QByteArray::number(seq));
    wire.append(",\"type\":\"").append(typeName).append("\"}");
    return wire;
}

QByteArray compact(const QJsonObject &data)
{
    return QJsonDocument(data).toJson(QJsonDocument::Compact);
}
} // namespace

LiveEvent LiveEvent::make(qint64 seq, LiveEventType type, const QByteArray &dataWire)
{
    LiveEvent event{seq, type, toWire(seq, type, dataWire), {}};
    // Parsed and serialised a second time only when the bytes show a secret.
    event.redactedWire = SecretRedaction::mayHoldSecrets(dataWire)
            ? toWire(seq, type,
                     compact(SecretRedaction::redact(QJsonDocument::fromJson(dataWire).object())))
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

qint64 LiveJournal::publish(LiveEventType type, const QJsonObject &data)
{
    NotificationStamp stamp;
    if (type == LiveEventType::Notification) {
        stamp.updatedAt = fromRfc3339(data.value(QStringLiteral("updated_at")).toString());
        if (stamp.updatedAt.isValid())
            stamp.id = data.value(QStringLiteral("id")).toString();
    }
    return publishWire(type, compact(data), stamp);
}

qint64 LiveJournal::publishNotification(const Notification &n, const QByteArray &dataWire)
{
    NotificationStamp stamp;
    if (n.updatedAt.isValid())
        stamp = {n.id, n.updatedAt};
    return publishWire(LiveEventType::Notification, dataWire.isEmpty() ? n.toWire() : dataWire,
                       stamp);
}

qint64 LiveJournal::publishWire(LiveEventType type, const QByteArray &dataWire,
                                const NotificationStamp &stamp)
{
    if (m_sharedAppend)
        return m_sharedAppend(type, dataWire, stamp).value_or(currentSeq());
    const LiveEvent event = LiveEvent::make(m_nextSeq++, type, dataWire);
    keep(event);
    return event.seq;
}

void LiveJournal::ingest(qint64 seq, LiveEventType type, const QByteArray &dataWire)
{
    if (seq < m_nextSeq)
        return; // had already
    m_nextSeq = seq + 1;
    keep(LiveEvent::make(seq, type, dataWire));
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

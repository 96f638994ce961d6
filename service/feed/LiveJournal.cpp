#include "LiveJournal.h"

#include <QJsonDocument>

namespace Vigia {

QByteArray LiveEvent::toWire() const
{
    return QJsonDocument(QJsonObject{{QStringLiteral("seq"), seq},
                                     {QStringLiteral("type"), liveEventTypeName(type)},
                                     {QStringLiteral("data"), data}})
            .toJson(QJsonDocument::Compact);
}

LiveJournal::LiveJournal(qsizetype capacity, qint64 firstSeq, QObject *parent)
    : QObject(parent), m_capacity(qMax<qsizetype>(1, capacity)), m_nextSeq(firstSeq)
{ }

qint64 LiveJournal::publish(LiveEventType type, const QJsonObject &data)
{
    LiveEvent event{m_nextSeq++, type, data};
    m_events.push_back(event);
    while (qsizetype(m_events.size()) > m_capacity)
        m_events.pop_front();
    Q_EMIT published(event);
    return event.seq;
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

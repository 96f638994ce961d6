#pragma once

#include "WireContract.h"

#include <QJsonObject>
#include <QObject>

#include <deque>
#include <optional>

namespace Vigia {

struct LiveEvent
{
    qint64 seq = 0;
    LiveEventType type = LiveEventType::Notification;
    QJsonObject data;
    QByteArray toWire() const;
};

// Numbers every change and keeps the most recent ones so a client that
// reconnects with its last seq can catch up without reloading everything.
class LiveJournal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveJournal)

public:
    // firstSeq lets sequence numbers keep growing across restarts of vigiad:
    // a client holding a seq from an earlier run is told to resync.
    explicit LiveJournal(qsizetype capacity, qint64 firstSeq, QObject *parent = nullptr);

    qint64 publish(LiveEventType type, const QJsonObject &data);
    qint64 currentSeq() const { return m_nextSeq - 1; }
    // Events after seq, or nullopt when some of them are no longer kept.
    std::optional<QList<LiveEvent>> since(qint64 seq) const;

Q_SIGNALS:
    void published(const Vigia::LiveEvent &event);

private:
    qsizetype m_capacity;
    qint64 m_nextSeq;
    std::deque<LiveEvent> m_events;
};

} // namespace Vigia

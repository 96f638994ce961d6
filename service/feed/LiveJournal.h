#pragma once

#include "Notification.h"
#include "WireContract.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QObject>

#include <deque>
#include <functional>
#include <optional>

namespace Vigia {

// One change as the live feed sends it, serialised once when published:
// {seq, type, data} whole, and again with secrets redacted for the roles
// that may not see them (the same bytes, shared, when it holds none).
struct LiveEvent
{
    qint64 seq = 0;
    LiveEventType type = LiveEventType::Notification;
    QByteArray wire;
    QByteArray redactedWire;

    // Put together around the data serialised already (compact JSON); the
    // data is parsed only when the bytes may hold a secret to redact.
    static LiveEvent make(qint64 seq, LiveEventType type, const QByteArray &dataWire);
    // The data parsed back from the wire (for tests and tools; the feed
    // sends the bytes).
    QJsonObject data() const;
    // What keeping it costs: both forms, counted once when shared.
    qsizetype bytes() const;
};

// Numbers every change and keeps the most recent ones so a client that
// reconnects with its last seq can catch up without reloading everything.
// What it keeps is bounded both in events and in bytes.
class LiveJournal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveJournal)

public:
    // firstSeq lets sequence numbers keep growing across restarts of vigiad:
    // a client holding a seq from an earlier run is told to resync.
    LiveJournal(qsizetype capacity, qint64 maxBytes, qint64 firstSeq, QObject *parent = nullptr);

    // Several instances on one store share a journal (PostgreSQL): publish()
    // hands each event's data to `append`, which stores it and returns its
    // global seq (nullopt when it could not); the event comes back, from
    // whichever instance published it, through ingest() in seq order, and
    // only then is kept and emitted. Unset: this journal numbers its own.
    // `stamp` says which change of which notification a Notification event
    // is (empty for the other types), so that the shared journal can keep
    // an older change's event from coming after a newer one's.
    struct NotificationStamp
    {
        QString id;
        QDateTime updatedAt;
    };
    using SharedAppend = std::function<std::optional<qint64>(
            LiveEventType type, const QByteArray &dataWire, const NotificationStamp &stamp)>;
    void setShared(SharedAppend append) { m_sharedAppend = std::move(append); }
    // An event of the shared journal, seq above currentSeq().
    void ingest(qint64 seq, LiveEventType type, const QByteArray &dataWire);

    qint64 publish(LiveEventType type, const QJsonObject &data);
    // A notification's change; `dataWire` is n.toWire() when the caller has
    // it already.
    qint64 publishNotification(const Notification &n, const QByteArray &dataWire = {});
    qint64 currentSeq() const { return m_nextSeq - 1; }
    // Events after seq, or nullopt when some of them are no longer kept.
    std::optional<QList<LiveEvent>> since(qint64 seq) const;
    qsizetype size() const { return qsizetype(m_events.size()); }
    qint64 bytes() const { return m_bytes; }

Q_SIGNALS:
    void published(const Vigia::LiveEvent &event);

private:
    qsizetype m_capacity;
    qint64 m_maxBytes;
    qint64 m_bytes = 0;
    qint64 m_nextSeq;
    std::deque<LiveEvent> m_events;
    SharedAppend m_sharedAppend;

    qint64 publishWire(LiveEventType type, const QByteArray &dataWire,
                       const NotificationStamp &stamp);
    void keep(const LiveEvent &event);
};

} // namespace Vigia

#pragma once

#include "CommunicationStatus.h"
#include "History.h"

#include <QDateTime>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <vector>

namespace Vigia {

class Clock;
class HistoryStore;
class LiveJournal;
class Outbox;
struct Notification;
class StatusTracker;

// Keeps vigiad's history: counts what the outbox does during each minute
// (accepted, attempts and their outcomes, operator resolutions, delivery
// latency) per channel, and at the minute's end stores it with the queue
// and the status of that moment, announces it on the live feed
// ("history.minute"), and records every change of status as a period.
// Counting is a few additions per event; the minute's store write is one
// small transaction. A crash loses at most the minute under way (the
// notifications themselves are in the outbox), and a minute vigiad was not
// running is a gap, not zeros.
class HistoryRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryRecorder)

public:
    // Minutes are kept this long, their hourly rollup and the status'
    // periods kKeepHoursDays (retention runs once an hour).
    static constexpr int kKeepDays = 14;
    static constexpr int kKeepHoursDays = 366;
    // Latency samples kept per channel and minute for its percentiles.
    static constexpr int kMaxSamples = 4096;

    HistoryRecorder(Outbox *outbox, HistoryStore *store, StatusTracker *status,
                    LiveJournal *journal, const Clock *clock, QObject *parent = nullptr);

    void start();
    // Closes the minute under way if the clock has left it (the timer calls
    // it every second; tests call it after moving their clock).
    void tick();
    // What the minute under way holds so far (not stored yet).
    HistoryBucket currentMinute() const;
    // Stores what the minute under way holds so far, when vigiad stops: the
    // run after it adds its own part of the minute to it.
    void saveMinuteUnderWay();

Q_SIGNALS:
    void minuteStored(const Vigia::HistoryBucket &minute);

private:
    struct Counting
    {
        ChannelActivity activity;
        std::vector<int> latenciesMs;
        quint64 latenciesSeen = 0;
    };

    Counting &counting(const Notification &n);
    void onAttempt(const Notification &after);
    void onStatus(const CommunicationStatus &status);
    void addLatency(Counting &c, int ms);
    HistoryBucket bucket(const QDateTime &minute) const;
    void purgeOld();

    Outbox *m_outbox;
    HistoryStore *m_store;
    StatusTracker *m_status;
    LiveJournal *m_journal;
    const Clock *m_clock;
    QTimer m_timer;
    QDateTime m_minute; // start of the minute under way
    QMap<QString, Counting> m_channels;
    StatusState m_lastState = StatusState::Unknown;
    QDateTime m_lastPurge;
};

} // namespace Vigia

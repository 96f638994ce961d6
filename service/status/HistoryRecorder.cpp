#include "HistoryRecorder.h"

#include "Clock.h"
#include "HistoryStore.h"
#include "LiveJournal.h"
#include "Outbox.h"
#include "StatusTracker.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>
#include <climits>

Q_LOGGING_CATEGORY(lcHistory, "vigia.history", QtInfoMsg)

namespace Vigia {

namespace {
QDateTime minuteOf(const QDateTime &t)
{
    const qint64 ms = t.toMSecsSinceEpoch();
    return QDateTime::fromMSecsSinceEpoch(ms - ms % 60000, Qt::UTC);
}

// The value below which `share` of the sorted samples fall (nearest rank).
int percentile(std::vector<int> sorted, double share)
{
    if (sorted.empty())
        return -1;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = qsizetype(share * double(sorted.size()) + 0.999999) - 1;
    return sorted.at(size_t(qBound<qsizetype>(0, rank, qsizetype(sorted.size()) - 1)));
}
} // namespace

HistoryRecorder::HistoryRecorder(Outbox *outbox, HistoryStore *store, StatusTracker *status,
                                 LiveJournal *journal, const Clock *clock, QObject *parent)
    : QObject(parent),
      m_outbox(outbox),
      m_store(store),
      m_status(status),
      m_journal(journal),
      m_clock(clock),
      m_minute(minuteOf(clock->now()))
{
    connect(outbox, &Outbox::accepted, this,
            [this](const Notification &n) { ++counting(n).activity.enqueued; });
    connect(outbox, &Outbox::attemptStored, this, &HistoryRecorder::onAttempt);
    connect(outbox, &Outbox::resolvedByOperator, this,
            [this](const Notification &n) { ++counting(n).activity.resolved; });
    connect(status, &StatusTracker::changed, this, &HistoryRecorder::onStatus);
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &HistoryRecorder::tick);
}

void HistoryRecorder::start()
{
    onStatus(m_status->status());
    m_timer.start();
}

HistoryRecorder::Counting &HistoryRecorder::counting(const Notification &n)
{
    // An event belongs to the minute it happens in: close the last one first.
    tick();
    return m_channels[channelName(n.channel)];
}

void HistoryRecorder::onAttempt(const Notification &after)
{
    Counting &c = counting(after);
    ++c.activity.attempts;
    switch (after.state) {
    case NotificationState::Delivered:
    case NotificationState::Resolved: { // a failure delivered by its retry
        ++c.activity.delivered;
        const QDateTime at = after.deliveredAt.isValid() ? after.deliveredAt : m_clock->now();
        if (after.createdAt.isValid())
            addLatency(c, int(qBound(qint64(0), after.createdAt.msecsTo(at), qint64(INT_MAX))));
        break;
    }
    case NotificationState::Failed: ++c.activity.failed; break;
    case NotificationState::Pending:
    case NotificationState::Sending: ++c.activity.retried; break;
    }
}

void HistoryRecorder::addLatency(Counting &c, int ms)
{
    // A uniform sample of the minute's deliveries, however many there were.
    ++c.latenciesSeen;
    if (c.latenciesMs.size() < size_t(kMaxSamples)) {
        c.latenciesMs.push_back(ms);
        return;
    }
    const quint64 slot = QRandomGenerator::global()->bounded(quint64(c.latenciesSeen));
    if (slot < quint64(kMaxSamples))
        c.latenciesMs[size_t(slot)] = ms;
}

void HistoryRecorder::onStatus(const CommunicationStatus &status)
{
    if (status.state == m_lastState || status.state == StatusState::Unknown)
        return;
    m_lastState = status.state;
    const QDateTime since = status.since.isValid() ? status.since : m_clock->now();
    if (!m_store->saveStatusChange(since, status.state,
                                   status.reasonCode ? statusReasonName(*status.reasonCode)
                                                     : QString()))
        qCWarning(lcHistory) << "could not record the status change to"
                             << statusStateName(status.state);
}

HistoryBucket HistoryRecorder::bucket(const QDateTime &minute) const
{
    HistoryBucket b;
    b.at = minute;
    b.stepS = 60;
    for (auto it = m_channels.cbegin(); it != m_channels.cend(); ++it) {
        ChannelActivity a = it->activity;
        a.latencyP50Ms = percentile(it->latenciesMs, 0.50);
        a.latencyP95Ms = percentile(it->latenciesMs, 0.95);
        b.channels.insert(it.key(), a);
    }
    const CommunicationStatus &s = m_status->status();
    b.waiting = s.counts.waiting;
    b.failedTotal = s.counts.failed;
    b.state = s.state;
    return b;
}

HistoryBucket HistoryRecorder::currentMinute() const
{
    return bucket(m_minute);
}

void HistoryRecorder::tick()
{
    const QDateTime now = minuteOf(m_clock->now());
    if (now <= m_minute)
        return;
    const HistoryBucket done = bucket(m_minute);
    m_channels.clear();
    m_minute = now;
    if (!m_store->saveHistoryMinute(done)) {
        qCWarning(lcHistory) << "could not store the history of" << done.at;
        return;
    }
    if (m_journal)
        m_journal->publish(LiveEventType::HistoryMinute, done.toJson());
    Q_EMIT minuteStored(done);
    purgeOld();
}

void HistoryRecorder::saveMinuteUnderWay()
{
    if (m_channels.isEmpty())
        return;
    const HistoryBucket part = bucket(m_minute);
    m_channels.clear();
    if (!m_store->saveHistoryMinute(part))
        qCWarning(lcHistory) << "could not store the history of" << part.at;
}

void HistoryRecorder::purgeOld()
{
    const QDateTime now = m_clock->now();
    if (m_lastPurge.isValid() && m_lastPurge.secsTo(now) < 3600)
        return;
    m_lastPurge = now;
    // 14 days of minutes are about 20,000 rows a channel: a bounded batch
    // an hour keeps up with one minute (and one hour) a minute.
    const int removed =
            m_store->purgeHistory(now.addDays(-kKeepDays), now.addDays(-kKeepHoursDays), 5000);
    if (removed < 0)
        qCWarning(lcHistory) << "retention of the history failed";
}

} // namespace Vigia

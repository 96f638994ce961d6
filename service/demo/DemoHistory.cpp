#include "DemoHistory.h"

#include "HistoryStore.h"
#include "WireContract.h"

#include <QRandomGenerator>

namespace Vigia {

namespace {

// Minutes before start: the outage and the settling stretch.
constexpr int kOutageFrom = 48;
constexpr int kOutageTo = 43; // back online at this minute
constexpr int kSettlingFrom = 21;
constexpr int kSettlingTo = 18;

StatusState stateAt(int minutesAgo)
{
    if (minutesAgo <= kOutageFrom && minutesAgo > kOutageTo)
        return StatusState::Critical;
    if (minutesAgo <= kSettlingFrom && minutesAgo > kSettlingTo)
        return StatusState::Degraded;
    return StatusState::Online;
}

} // namespace

bool seedDemoHistory(HistoryStore *store, const QDateTime &now)
{
    QDateTime minute = now.toUTC();
    minute.setTime(QTime(minute.time().hour(), minute.time().minute()));
    QRandomGenerator random(20250113);
    const auto change = [&](int minutesAgo, StatusState state, StatusReason reason) {
        return store->saveStatusChange(minute.addSecs(qint64(-60) * minutesAgo), state,
                                       statusReasonName(reason));
    };
    if (!change(60, StatusState::Online, StatusReason::AllOk)
        || !change(kOutageFrom, StatusState::Critical, StatusReason::HealthAndDeliveriesFailing)
        || !change(kOutageTo, StatusState::Online, StatusReason::AllOk)
        || !change(kSettlingFrom, StatusState::Degraded, StatusReason::DeliveriesSettling)
        || !change(kSettlingTo, StatusState::Online, StatusReason::AllOk))
        return false;

    int backlog = 0;
    int failedTotal = 0;
    for (int ago = 60; ago >= 1; --ago) {
        HistoryBucket bucket;
        bucket.at = minute.addSecs(qint64(-60) * ago);
        bucket.state = stateAt(ago);
        ChannelActivity a;
        a.enqueued = 8 + int(random.bounded(9));
        if (bucket.state == StatusState::Critical) {
            // Held: one trial send per probe interval, each failing.
            a.attempts = 4;
            a.retried = 4;
            backlog += a.enqueued;
        } else {
            // The minute the outage ends replays its backlog as well.
            const int sent = a.enqueued + backlog;
            const int settling = bucket.state == StatusState::Degraded ? 5 : 0;
            const bool lost = random.bounded(8) == 0; // a number not on WhatsApp
            a.attempts = sent + settling;
            a.retried = settling;
            a.failed = lost ? 1 : 0;
            a.delivered = sent - a.failed;
            failedTotal += a.failed;
            a.latencyP50Ms = backlog > 0 ? 45000 : 900 + int(random.bounded(700));
            a.latencyP95Ms = backlog > 0 ? 280000 : 2200 + int(random.bounded(2500));
            backlog = 0;
        }
        bucket.channels.insert(QStringLiteral("whatsapp"), a);
        bucket.waiting = backlog + int(random.bounded(3));
        bucket.failedTotal = failedTotal;
        if (!store->saveHistoryMinute(bucket))
            return false;
    }
    return true;
}

} // namespace Vigia

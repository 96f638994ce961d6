#include "InstanceGroup.h"

#include "LiveJournal.h"
#include "Outbox.h"
#include "PostgresJournal.h"
#include "PostgresLeadership.h"
#include "PostgresStore.h"
#include "TimeCodec.h"

#include <QLoggingCategory>

#include <utility>

Q_LOGGING_CATEGORY(lcInstances, "vigia.instances", QtInfoMsg)

namespace Vigia {

namespace {
constexpr int kPullBatch = 1000;
// The leader keeps the shared journal to this many events, checked once a
// minute at the default poll: far more than any console resumes from.
constexpr qint64 kJournalKept = 100000;
constexpr int kPrunePolls = 60;
constexpr int kRecentLimit = 10000;
// A broken journal connection is tried again after 100 ms, then twice as
// long each time up to 5 s: quick after a brief restart, gentle on a server
// that stays down.
constexpr int kReconnectFirstMs = 100;
constexpr int kReconnectMaxMs = 5000;
} // namespace

InstanceGroup::InstanceGroup(const QString &url, PostgresStore *store, LiveJournal *journal,
                             Outbox *outbox, const Clock *clock, QObject *parent)
    : QObject(parent),
      m_store(store),
      m_journal(journal),
      m_outbox(outbox),
      m_clock(clock),
      m_shared(std::make_unique<PostgresJournal>(url)),
      m_leadership(std::make_unique<PostgresLeadership>(url)),
      m_reconnectDelayMs(kReconnectFirstMs)
{
    connect(&m_pollTimer, &QTimer::timeout, this, &InstanceGroup::pollLeadership);
    connect(&m_leaseTimer, &QTimer::timeout, this, &InstanceGroup::keepLeases);
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &InstanceGroup::reconnectJournal);
}

InstanceGroup::~InstanceGroup()
{
    // The journal outlives this bridge (VigiaService's parts publish until
    // they go); what they published this turn is shared now, what they
    // publish later is not.
    m_journal->setShared({});
    shareEvents();
    // A clean stop hands leadership over at the next instance's poll.
    m_leadership->resign();
}

QString InstanceGroup::instanceId() const
{
    return m_store->instanceId();
}

bool InstanceGroup::open(int replay, QString *error)
{
    if (!m_shared->open(error))
        return false;
    const std::optional<qint64> latest = m_shared->latestSeq();
    if (!latest) {
        *error = QStringLiteral("cannot read the shared live journal");
        return false;
    }
    // A console that resumes here after a failover finds the recent events.
    m_replay = qMax(1, replay);
    m_pulledSeq = qMax<qint64>(0, *latest - m_replay);
    m_joinedSeq = *latest;
    pullJournal();
    connect(m_shared.get(), &PostgresJournal::appended, this, &InstanceGroup::queuePull);
    m_journal->setShared([this](LiveEventType type, const QByteArray &dataWire,
                                const LiveJournal::NotificationStamp &stamp) {
        // Two instances may change one notification close together; the
        // older change's event must not come last.
        PostgresJournal::Append event{liveEventTypeName(type), dataWire, m_clock->now(), stamp.id,
                                      stamp.updatedAt};
        // The events of one turn of the event loop go out together,
        // in one round trip, when it ends (a burst of three per
        // notification took three before). Their seqs come with them.
        m_unshared.append(std::move(event));
        if (m_unshared.size() == 1)
            QMetaObject::invokeMethod(this, &InstanceGroup::shareEvents, Qt::QueuedConnection);
        return std::optional<qint64>();
    });
    return true;
}

void InstanceGroup::shareEvents()
{
    if (m_unshared.isEmpty())
        return;
    const QList<PostgresJournal::Append> events = std::exchange(m_unshared, {});
    QString why;
    const std::optional<QList<qint64>> seqs = m_shared->appendMany(events, &why);
    if (!seqs) {
        qCWarning(lcInstances) << events.size() << "live events could not be shared:" << why;
        checkJournal();
        return;
    }
    for (qint64 seq : *seqs) {
        if (seq > 0)
            m_ownSeqs.insert(seq); // not foreign when it comes back; 0: a late event, skipped
    }
    // Read back without waiting for the NOTIFY: libpq may have taken it in
    // with the call's answer, where no socket event tells Qt.
    queuePull();
}

void InstanceGroup::start(int pollMs, int leaseMs)
{
    m_pollTimer.start(pollMs);
    m_leaseTimer.start(qMax(1, leaseMs / 3));
    pollLeadership();
}

void InstanceGroup::queuePull()
{
    // A burst of events is one read.
    if (std::exchange(m_pullQueued, true))
        return;
    QMetaObject::invokeMethod(this, &InstanceGroup::pullJournal, Qt::QueuedConnection);
}

void InstanceGroup::pullJournal()
{
    m_pullQueued = false;
    if (journalBroken())
        return; // read once connected again
    for (;;) {
        bool ok = false;
        const QList<JournalEntry> entries = m_shared->since(m_pulledSeq, kPullBatch, &ok);
        if (!ok) {
            checkJournal();
            return;
        }
        for (const JournalEntry &e : entries) {
            m_pulledSeq = e.seq;
            const bool own = m_ownSeqs.remove(e.seq);
            const auto type = liveEventTypeFromName(e.type);
            if (!type)
                continue;
            m_journal->ingest(e.seq, *type, e.wire);
            if (!own && e.seq > m_joinedSeq)
                Q_EMIT foreignEvent(*type, e.wire);
        }
        if (entries.size() < kPullBatch)
            return;
    }
}

void InstanceGroup::pollLeadership()
{
    QString error;
    const bool leads = m_leadership->poll(&error);
    if (!error.isEmpty())
        qCWarning(lcInstances) << "cannot tell who leads:" << error;
    if (leads != m_leads) {
        m_leads = leads;
        qCInfo(lcInstances).noquote() << QStringLiteral("instance %1 %2")
                                                 .arg(instanceId(),
                                                      leads ? QStringLiteral("leads")
                                                            : QStringLiteral("no longer leads"));
        Q_EMIT leadershipChanged(leads);
    }
    // A NOTIFY missed while a connection was replaced is read here.
    pullJournal();
    if (m_leads && ++m_polls % kPrunePolls == 0 && m_shared->prune(kJournalKept) < 0)
        qCWarning(lcInstances) << "could not prune the shared live journal";
    Q_EMIT polled();
}

void InstanceGroup::announceRecentAgain(qint64 windowMs)
{
    const QDateTime now = m_clock->now();
    if (m_store->shareChangedAgain(now.addMSecs(-windowMs), kRecentLimit, now) < 0)
        qCWarning(lcInstances) << "could not announce the last changes again";
}

void InstanceGroup::checkJournal()
{
    if (journalBroken() || m_shared->alive())
        return;
    qCWarning(lcInstances) << "the shared live journal's connection to PostgreSQL broke;"
                              " connecting again";
    m_reconnectTimer.start(m_reconnectDelayMs);
}

void InstanceGroup::reconnectJournal()
{
    QString error;
    if (!m_shared->reopen(&error)) {
        m_reconnectDelayMs = qMin(m_reconnectDelayMs * 2, kReconnectMaxMs);
        qCWarning(lcInstances).noquote()
                << QStringLiteral("cannot connect the shared live journal again (next try in"
                                  " %1 ms): %2")
                           .arg(m_reconnectDelayMs)
                           .arg(error);
        m_reconnectTimer.start(m_reconnectDelayMs);
        return;
    }
    // Listening again before reading: what is appended from now on is
    // announced, and what was appended while nobody listened is read here,
    // from the last seq this instance took.
    qCInfo(lcInstances) << "the shared live journal is connected again; catching up from seq"
                        << m_pulledSeq;
    pullJournal();
    if (journalBroken())
        return; // broke again at once: the backoff goes on
    m_reconnectDelayMs = kReconnectFirstMs;
    Q_EMIT journalReconnected();
}

void InstanceGroup::keepLeases()
{
    if (m_store->renewLeases(m_clock->now()) < 0)
        qCWarning(lcInstances) << "could not renew this instance's leases";
    const int recovered = m_outbox->recoverLapsed();
    if (recovered > 0)
        qCInfo(lcInstances) << recovered
                            << "sends of a stopped instance are back in the queue (their lease"
                               " lapsed)";
}

} // namespace Vigia

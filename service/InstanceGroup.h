#pragma once

#include "Clock.h"
#include "PostgresJournal.h"
#include "WireContract.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>

namespace Vigia {

class LiveJournal;
class Outbox;
class PostgresLeadership;
class PostgresStore;

// What several vigiad instances on one PostgreSQL store share beyond the
// store itself, for VigiaService:
// - the live feed: this instance's LiveJournal publishes into the shared
//   PostgresJournal and takes every instance's events back from it in seq
//   order (NOTIFY), so a console on any instance sees every event and can
//   resume on another with the same seq. Its connection (LISTEN) is
//   checked at every poll and, broken (PostgreSQL restarted), connected
//   again with a bounded backoff; the events appended meanwhile are read
//   from the last seq taken, so none is missed;
// - who leads (PostgresLeadership, polled every pollMs): leadershipChanged
//   tells VigiaService when to start the prober, the status and the outage
//   supervisor;
// - the leases of this instance's sends, renewed every lease / 3 (a send
//   slower than the lease is not taken from a live instance), and the sends
//   of a dead one, put back once its lease lapsed.
class InstanceGroup final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstanceGroup)

public:
    InstanceGroup(const QString &url, PostgresStore *store, LiveJournal *journal, Outbox *outbox,
                  const Clock *clock, QObject *parent = nullptr);
    ~InstanceGroup() override;

    // Connects the shared journal and bridges the LiveJournal to it, with
    // the most recent `replay` events kept for consoles that resume here.
    bool open(int replay, QString *error);
    // Polls leadership at once and then every pollMs; renews leases every leaseMs / 3.
    void start(int pollMs, int leaseMs);
    bool leads() const { return m_leads; }
    QString instanceId() const;

    // One poll of leadership (the timer's); public for tests.
    void pollLeadership();
    // The leader died: what changed in the last `windowMs` is announced
    // again, since it may have committed a change and died before sharing
    // its live event. Consoles apply a notification event idempotently.
    void announceRecentAgain(qint64 windowMs);

    // The shared journal's connection broke and is being connected again.
    bool journalBroken() const { return m_reconnectTimer.isActive(); }

Q_SIGNALS:
    void leadershipChanged(bool leads);
    // An event another instance shared after this one joined, as it is
    // ingested: what the leader's status learns of others' sends.
    void foreignEvent(Vigia::LiveEventType type, const QByteArray &dataWire);
    // A poll of leadership ended (every pollMs): what instances share
    // outside the journal is read then.
    void polled();
    // The shared journal listens again after its connection broke, and has
    // caught up with what was appended meanwhile.
    void journalReconnected();

private:
    // Appends the events published since the last call to the shared journal.
    void shareEvents();
    void queuePull();
    void pullJournal();
    void keepLeases();
    // The shared journal failed a read or an append: connected again if
    // its connection is broken.
    void checkJournal();
    void reconnectJournal();

    PostgresStore *m_store;
    LiveJournal *m_journal;
    Outbox *m_outbox;
    const Clock *m_clock;
    std::unique_ptr<PostgresJournal> m_shared;
    std::unique_ptr<PostgresLeadership> m_leadership;
    QTimer m_pollTimer;
    QTimer m_leaseTimer;
    QTimer m_reconnectTimer; // single shot, armed while the journal's connection is broken
    int m_reconnectDelayMs = 0; // the next wait, doubled up to a bound
    qint64 m_pulledSeq = 0;
    qint64 m_joinedSeq = 0; // the last seq before this instance joined
    QSet<qint64> m_ownSeqs; // appended here and not pulled yet
    QList<PostgresJournal::Append> m_unshared; // published this turn, shared at its end
    int m_replay = 1000;
    int m_polls = 0;
    bool m_pullQueued = false;
    bool m_leads = false;
};

} // namespace Vigia

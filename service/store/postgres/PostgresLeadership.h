#pragma once

#include <QSqlDatabase>
#include <QString>

namespace Vigia {

// Which of several vigiad instances leads: runs the health prober, the
// status evaluation and the outage supervisor. The leader holds a
// session-level PostgreSQL advisory lock on a connection of its own; the
// server releases it when that connection ends (the process died, the host
// fell off the network and its TCP keepalive expired), and the next poll of
// another instance takes it. No clock and no table: the server is the judge.
// A leader notices a lost connection at its next poll and stops leading, so
// instances must poll more often than a takeover is allowed to take.
class PostgresLeadership final
{
    Q_DISABLE_COPY_MOVE(PostgresLeadership)

public:
    static constexpr qint64 kLeaderLock = 0x7669676961'0002; // "vigia", 2

    explicit PostgresLeadership(const QString &url, qint64 lockKey = kLeaderLock);
    ~PostgresLeadership();

    // Connects when needed, checks a held lock's connection is alive, and
    // tries to take the lock when it is not held. True while this instance
    // leads. *error says why a connection failed (then false).
    bool poll(QString *error);
    bool isLeader() const { return m_leader; }
    // Lets the lock go at once (a clean shutdown), so another instance
    // leads at its next poll instead of when this connection ends.
    void resign();
    // The server's process id of this connection, -1 when none (tests end
    // it with pg_terminate_backend to play a lost connection).
    int backendPid() const;

private:
    void disconnect();

    QString m_url;
    qint64 m_lockKey = kLeaderLock;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_leader = false;
};

} // namespace Vigia

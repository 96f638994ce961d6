// Sql::Transaction and the busy handler: how this process's connections
// take SQLite's write lock, and what a lock held elsewhere does to them.
#include "SqliteSupport.h"

#include <QSqlDriver>

#include <sqlite3.h>
#include <unistd.h>

namespace Vigia {

namespace Sql {
// Two connections of ours write to one file (the service's, and delivery's
// on its thread), each in short transactions. SQLite's own busy handler
// sleeps a whole millisecond at the first conflict, then longer: a wait
// that would cost more than the other's transaction itself. This one looks
// again after 20 microseconds, backing off to 1 ms, and gives up after the
// same 5 s as QSQLITE_BUSY_TIMEOUT, measured on the clock: 5,000 sleeps of
// 1 ms took 5.9 s here, each one waking late.
int waitForWriter(void *waitStart, int tries)
{
    using Clock = std::chrono::steady_clock;
    constexpr int kFirstWaitUs = 20;
    constexpr int kLongestWaitUs = 1000;
    constexpr int kShortTries = 6; // 20, 40 ... 640 us, then 1 ms each
    constexpr auto kGiveUpAfter = std::chrono::seconds(5);
    auto &since = *static_cast<Clock::time_point *>(waitStart);
    if (tries == 0) // SQLite counts the calls for one lock afresh
        since = Clock::now();
    else if (Clock::now() - since >= kGiveUpAfter)
        return 0;
    ::usleep(tries < kShortTries ? kFirstWaitUs << tries : kLongestWaitUs);
    return 1;
}

Transaction::Transaction(QSqlDatabase &db) : m_db(db)
{
    std::recursive_timed_mutex &turn = writerTurn(m_db.databaseName());
    if (turn.try_lock_for(std::chrono::seconds(5))) {
        m_turn = std::unique_lock(turn, std::adopt_lock);
        QSqlQuery begin(m_db);
        m_active = begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (m_active)
            return;
        m_error = begin.lastError().text();
        m_turn.unlock();
    } else {
        // Another writer of this process has had its turn for the whole
        // busy timeout: it is waiting for a lock held outside, or stuck.
        // Waiting as long again in BEGIN would double what a caller waits.
        m_error = QStringLiteral("database is locked (another writer of this process waited 5 s)");
    }
    const QVariant handle = m_db.driver()->handle();
    sqlite3 *raw = handle.typeName() == QByteArrayView("sqlite3*")
            ? *static_cast<sqlite3 *const *>(handle.constData())
            : nullptr;
    // Inside another transaction on this connection, its writes are that
    // one's: only a connection in autocommit would store them one by one.
    if (raw && sqlite3_get_autocommit(raw) != 0)
        m_heldReadOnly = QSqlQuery(m_db).exec(QStringLiteral("PRAGMA query_only = ON"));
}

Transaction::~Transaction()
{
    if (m_active)
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    if (m_heldReadOnly)
        QSqlQuery(m_db).exec(QStringLiteral("PRAGMA query_only = OFF"));
}

bool Transaction::commit()
{
    if (!m_active) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("no transaction to commit");
        return false;
    }
    QSqlQuery q(m_db);
    const bool done = q.exec(QStringLiteral("COMMIT"));
    if (!done)
        m_error = q.lastError().text();
    m_active = !done;
    if (done && m_turn.owns_lock())
        m_turn.unlock();
    return done;
}

std::recursive_timed_mutex &writerTurn(const QString &path)
{
    static std::mutex registryLock;
    static std::unordered_map<QString, std::unique_ptr<std::recursive_timed_mutex>> turns;
    const std::lock_guard guard(registryLock);
    std::unique_ptr<std::recursive_timed_mutex> &turn = turns[path];
    if (!turn)
        turn = std::make_unique<std::recursive_timed_mutex>();
    return *turn;
}
} // namespace Sql

} // namespace Vigia

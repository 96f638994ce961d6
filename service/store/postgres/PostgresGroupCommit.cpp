#include "PostgresGroupCommit.h"

#include "PostgresSupport.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <pthread.h>

namespace Vigia {

PostgresGroupCommit::PostgresGroupCommit(const QString &url, QObject *parent)
    : QObject(parent),
      m_url(url),
      m_connectionName(QStringLiteral("vigia-pg-flush-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_soonTimer.setSingleShot(true);
    m_soonTimer.setTimerType(Qt::PreciseTimer);
    m_soonTimer.setInterval(kSoonMs);
    connect(&m_soonTimer, &QTimer::timeout, this, &PostgresGroupCommit::askForFlush);
}

PostgresGroupCommit::~PostgresGroupCommit()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

bool PostgresGroupCommit::start(QString *error)
{
    // The connection is opened, used and closed on the flushing thread (a
    // QtSql connection belongs to the thread that made it); start() waits
    // for it to be open.
    std::mutex opened;
    std::condition_variable openedWake;
    bool done = false;
    bool ok = false;
    QString openError;
    m_thread = std::thread([&, this] {
        pthread_setname_np(pthread_self(), "vigiad pgflush");
        {
            QSqlDatabase db;
            const bool connected = openPostgres(&db, m_url, m_connectionName, &openError);
            {
                const std::lock_guard lock(opened);
                ok = connected;
                done = true;
            }
            openedWake.notify_one();
            if (connected)
                flushLoop();
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    });
    std::unique_lock lock(opened);
    openedWake.wait(lock, [&done] { return done; });
    if (!ok) {
        lock.unlock();
        m_thread.join();
        *error = openError;
    }
    return ok;
}

void PostgresGroupCommit::whenDurable(std::function<void()> then)
{
    if (m_waiting.empty() && m_asked >= m_committed) {
        bool flushed = false;
        {
            const std::lock_guard lock(m_mutex);
            flushed = m_flushed >= m_committed;
        }
        if (flushed) {
            then();
            return;
        }
    }
    m_waiting.emplace_back(m_committed, std::move(then));
    askForFlush();
}

void PostgresGroupCommit::whenDurableSoon(std::function<void()> then)
{
    if (m_waiting.empty() && m_asked >= m_committed) {
        bool flushed = false;
        {
            const std::lock_guard lock(m_mutex);
            flushed = m_flushed >= m_committed;
        }
        if (flushed) {
            then();
            return;
        }
    }
    m_waiting.emplace_back(m_committed, std::move(then));
    if (m_asked < m_committed && !m_soonTimer.isActive())
        m_soonTimer.start();
}

void PostgresGroupCommit::askForFlush()
{
    m_soonTimer.stop();
    if (m_asked >= m_committed)
        return;
    m_asked = m_committed;
    {
        const std::lock_guard lock(m_mutex);
        m_flushTarget = m_asked;
    }
    m_wake.notify_one();
}

quint64 PostgresGroupCommit::flushCount() const
{
    const std::lock_guard lock(m_mutex);
    return m_flushCount;
}

bool PostgresGroupCommit::flushOnce(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // A transaction that writes (an xid) commits a record of its own; with
    // synchronous_commit on, the commit returns once the WAL is flushed up to
    // it, and so past every commit that returned before it began.
    QSqlQuery q(db);
    if (!db.transaction() || !q.exec(QStringLiteral("SET LOCAL synchronous_commit TO on"))
        || !q.exec(QStringLiteral("SELECT pg_current_xact_id()")) || !db.commit()) {
        *error = q.lastError().isValid() ? q.lastError().text() : db.lastError().text();
        return false;
    }
    return true;
}

void PostgresGroupCommit::flushLoop()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || m_flushTarget > m_flushed; });
        if (m_flushTarget > m_flushed) {
            // Every commit up to the target returned before it was asked for.
            const quint64 target = m_flushTarget;
            lock.unlock();
            QString error;
            if (!flushOnce(&error)) {
                // The server may have lost what it took asynchronously (a
                // restart): nothing can be promised any more. Stop, and let
                // the next start recover what is on the server's disk.
                qFatal("vigiad: cannot make PostgreSQL commits durable (%s); stopping so that "
                       "nothing unsaved is reported as stored",
                       qPrintable(error));
            }
            lock.lock();
            m_flushed = target;
            ++m_flushCount;
            QMetaObject::invokeMethod(
                    this, [this, target] { runDurable(target); }, Qt::QueuedConnection);
            continue;
        }
        if (m_stopping)
            return;
    }
}

void PostgresGroupCommit::runDurable(quint64 flushed)
{
    while (!m_waiting.empty() && m_waiting.front().first <= flushed) {
        const std::function<void()> then = std::move(m_waiting.front().second);
        m_waiting.pop_front();
        then();
    }
}

} // namespace Vigia

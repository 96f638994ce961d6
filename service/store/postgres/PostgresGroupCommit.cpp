#include "PostgresGroupCommit.h"

#include "PostgresSupport.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <pthread.h>

namespace Vigia {

PostgresGroupCommit::PostgresGroupCommit(const QString &url, QObject *parent)
    : GroupCommit(parent),
      m_url(url),
      m_connectionName(QStringLiteral("vigia-pg-flush-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

PostgresGroupCommit::~PostgresGroupCommit()
{
    stopFlushing();
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
                runFlushLoop();
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

bool PostgresGroupCommit::flushDurably(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // A transaction that writes (an xid) commits a record of its own; with
    // synchronous_commit on, the commit returns once the WAL is flushed up to
    // it, and so past every commit that returned before it began. One round
    // trip: the server runs the four statements as one simple query.
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("BEGIN; SET LOCAL synchronous_commit TO on;"
                               " SELECT pg_current_xact_id(); COMMIT"))) {
        // The server may have lost what it took asynchronously (a restart).
        *error = QStringLiteral("cannot make PostgreSQL commits durable (%1)")
                         .arg(q.lastError().text());
        return false;
    }
    return true;
}

} // namespace Vigia

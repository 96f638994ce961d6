#include "PostgresLeadership.h"

#include "PostgresSupport.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Vigia {

PostgresLeadership::PostgresLeadership(const QString &url, qint64 lockKey)
    : m_url(url),
      m_lockKey(lockKey),
      m_connectionName(QStringLiteral("vigia-pg-leader-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

PostgresLeadership::~PostgresLeadership()
{
    resign();
    disconnect();
}

void PostgresLeadership::disconnect()
{
    m_leader = false;
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool PostgresLeadership::poll(QString *error)
{
    if (!m_db.isValid() || !m_db.isOpen()) {
        disconnect();
        if (!openPostgres(&m_db, m_url, m_connectionName, error)) {
            disconnect();
            return false;
        }
    }
    QSqlQuery q(m_db);
    if (m_leader) {
        // Still ours while the connection that took it lives.
        if (q.exec(QStringLiteral("SELECT 1")))
            return true;
        qCWarning(lcStore) << "leadership lost with its connection:" << q.lastError().text();
        *error = q.lastError().text();
        disconnect();
        return false;
    }
    q.prepare(QStringLiteral("SELECT pg_try_advisory_lock(?)"));
    q.addBindValue(m_lockKey);
    if (!q.exec() || !q.next()) {
        *error = q.lastError().text();
        disconnect(); // a broken connection is opened afresh at the next poll
        return false;
    }
    m_leader = q.value(0).toBool();
    if (m_leader)
        qCInfo(lcStore) << "this instance leads";
    return m_leader;
}

void PostgresLeadership::resign()
{
    if (!m_leader)
        return;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT pg_advisory_unlock(?)"));
    q.addBindValue(m_lockKey);
    if (!q.exec())
        disconnect(); // ending the connection lets it go as surely
    m_leader = false;
}

int PostgresLeadership::backendPid() const
{
    if (!m_db.isValid() || !m_db.isOpen())
        return -1;
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT pg_backend_pid()")) && q.next())
        return q.value(0).toInt();
    return -1;
}

} // namespace Vigia

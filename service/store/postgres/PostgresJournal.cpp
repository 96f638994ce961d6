#include "PostgresJournal.h"

#include "PostgresSupport.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Vigia {

using namespace Pg;

PostgresJournal::PostgresJournal(const QString &url, QObject *parent)
    : QObject(parent),
      m_url(url),
      m_connectionName(QStringLiteral("vigia-pg-journal-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{ }

PostgresJournal::~PostgresJournal()
{
    m_appendMany.reset();
    m_since.reset();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool PostgresJournal::open(QString *error)
{
    if (!openPostgres(&m_db, m_url, m_connectionName, error))
        return false;
    // The feed tells of changes the store made durable already: its events
    // need no flush of their own (on SQLite they are kept in memory only),
    // and appends, serialised by a lock, would each wait for one. A crash of
    // the server may lose the last few events, never reorder them.
    // Named, so that pg_stat_activity tells an operator which connection listens.
    for (const QString &sql :
         {QStringLiteral("SET synchronous_commit TO off"),
          QStringLiteral("SET application_name TO '%1'").arg(applicationName())}) {
        QSqlQuery q(m_db);
        if (!q.exec(sql)) {
            *error = q.lastError().text();
            return false;
        }
    }
    QSqlDriver *driver = m_db.driver();
    connect(driver, &QSqlDriver::notification, this,
            [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                if (name == channel())
                    Q_EMIT appended(payload.toLongLong());
            });
    if (!driver->subscribeToNotification(channel())) {
        *error = QStringLiteral("cannot LISTEN on %1: %2")
                         .arg(channel(), driver->lastError().text());
        return false;
    }
    return true;
}

bool PostgresJournal::alive()
{
    QSqlQuery q(m_db);
    return m_db.isOpen() && q.exec(QStringLiteral("SELECT 1"));
}

bool PostgresJournal::reopen(QString *error)
{
    // Closing also drops the driver's watch on the dead socket, and the
    // server forgets the prepared append with the session.
    m_appendMany.reset();
    m_since.reset();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    return open(error);
}

std::optional<qint64> PostgresJournal::append(const QString &type, const QByteArray &wire,
                                              const QDateTime &at, QString *error)
{
    const auto seqs = appendMany({{type, wire, at, {}, {}}}, error);
    return seqs ? std::optional<qint64>(seqs->constFirst()) : std::nullopt;
}

std::optional<QList<qint64>> PostgresJournal::appendMany(const QList<Append> &events,
                                                         QString *error)
{
    if (events.isEmpty())
        return QList<qint64>{};
    if (!m_appendMany) {
        m_appendMany = std::make_unique<QSqlQuery>(m_db);
        if (!m_appendMany->prepare(QStringLiteral(
                    "SELECT vigia_append_events(?, ?, ?::text[], ?::text[], ?::bigint[],"
                    " ?::text[], ?::bigint[])"))) {
            *error = m_appendMany->lastError().text();
            m_appendMany.reset();
            return std::nullopt;
        }
    }
    // Array literals; the driver quotes each one as a string.
    QStringList types;
    QStringList wires;
    QStringList ats;
    QStringList ids;
    QStringList updated;
    for (const Append &e : events) {
        types << e.type;
        wires << QString::fromUtf8(e.wire);
        ats << QString::number(ms(e.at));
        const bool guarded = !e.notificationId.isEmpty() && e.updatedAt.isValid();
        ids << (guarded ? textArray({e.notificationId}).mid(1).chopped(1) : QStringLiteral("NULL"));
        updated << (guarded ? QString::number(ms(e.updatedAt)) : QStringLiteral("NULL"));
    }
    const auto list = [](const QStringList &items) { return u'{' + items.join(u',') + u'}'; };
    const QVariantList binds{kAppendLock, channel(), textArray(types), textArray(wires),
                             list(ats),   list(ids), list(updated)};
    for (int i = 0; i < binds.size(); ++i)
        m_appendMany->bindValue(i, binds.at(i));
    if (!m_appendMany->exec() || !m_appendMany->next()) {
        *error = m_appendMany->lastError().text();
        return std::nullopt;
    }
    // A bigint[] comes back as its text: {12,0,13}.
    const QString text = m_appendMany->value(0).toString();
    QList<qint64> seqs;
    seqs.reserve(events.size());
    for (const QString &part : text.mid(1, text.size() - 2).split(u',', Qt::SkipEmptyParts))
        seqs << part.toLongLong();
    if (seqs.size() != events.size()) {
        *error = QStringLiteral("the journal answered %1 seqs for %2 events")
                         .arg(seqs.size())
                         .arg(events.size());
        return std::nullopt;
    }
    return seqs;
}

QList<JournalEntry> PostgresJournal::since(qint64 afterSeq, int limit, bool *ok)
{
    QList<JournalEntry> out;
    if (!m_since) {
        m_since = std::make_unique<QSqlQuery>(m_db);
        if (!m_since->prepare(QStringLiteral("SELECT seq, type, wire, at_ms FROM live_events"
                                             " WHERE seq > ? ORDER BY seq LIMIT ?"))) {
            m_since.reset();
            if (ok)
                *ok = false;
            return out;
        }
    }
    QSqlQuery &q = *m_since;
    q.bindValue(0, afterSeq);
    q.bindValue(1, limit);
    const bool read = q.exec();
    if (ok)
        *ok = read;
    if (!read)
        return out;
    out.reserve(q.size() > 0 ? q.size() : 0);
    while (q.next()) {
        out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toByteArray(),
                    fromMs(q.value(3))});
    }
    return out;
}

std::optional<qint64> PostgresJournal::latestSeq()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM live_events")) || !q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

int PostgresJournal::prune(qint64 keep)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM live_events WHERE seq <= (SELECT MAX(seq) FROM"
                             " live_events) - ?"));
    q.addBindValue(keep);
    return q.exec() ? q.numRowsAffected() : -1;
}

} // namespace Vigia

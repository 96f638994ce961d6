#include "StoreMigration.h"

#include "PostgresStore.h"
#include "SqliteBackup.h"
#include "SqliteStore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUuid>

namespace Vigia {

namespace {

// A table and the columns both stores have (quoted on PostgreSQL's side,
// where "user" is a keyword); `selects`, when given, is what SQLite gives
// for each of them.
struct CopiedTable
{
    const char *name;
    QStringList columns;
    QStringList selects = {};
};

// Parents before children (attempts reference notifications). The lease
// columns are PostgreSQL's own: a row sending at the time of the copy gets
// a lease that has lapsed (0), so the first claim recovers it. A key sent
// without a token is '' on PostgreSQL (its unique index holds for it too).
QList<CopiedTable> copiedTables()
{
    const auto split = [](const char *list) {
        return QString::fromLatin1(list).split(u',', Qt::SkipEmptyParts);
    };
    QStringList notificationColumns = split(
            "id,idem_key,idem_token_id,request_hash,first_response,channel,recipient,"
            "customer_name,order_id,type,text,state,attempts,max_attempts,next_attempt_ms,"
            "last_error,created_ms,updated_ms,delivered_ms,retry_requested_by,resolution_method,"
            "resolution_by,resolution_note,resolution_ms,failed_permanently,provider_message_id,"
            "ack,ack_deadline_ms,ack_retried,acked_ms,search_text,claimed_by,claimed_until_ms");
    QStringList notificationSelects = notificationColumns;
    notificationSelects[2] = QStringLiteral("COALESCE(idem_token_id, '')");
    notificationColumns << QStringLiteral("lease_until_ms");
    notificationSelects << QStringLiteral("CASE WHEN state = 'sending' THEN 0 END");
    return {
            {"notifications", notificationColumns, notificationSelects},
            {"attempts",
             split("notification_id,number,started_ms,finished_ms,outcome,http_status,detail")},
            {"tokens", split("id,name,role,secret_hash,created_ms,revoked")},
            {"audit", split("id,at_ms,actor,action,target,outcome,detail")},
            {"incidents", split("id,kind,reached,started_ms,ended_ms,resolution,notification_ids")},
            {"webhook_events", split("event_id,received_ms")},
            {"sessions",
             split("kind,key,user_id,username,place,confirmed,entry_notified,data,"
                   "exit_notice,started_ms,last_seen_ms")},
            {"conversations", split("user,flow,step,data,ttl_seconds,updated_ms,expires_ms")},
            {"service_state", split("key,value,updated_ms")},
            {"history_minutes",
             split("minute_ms,channel,enqueued,attempts,delivered,retried,"
                   "failed,resolved,latency_p50_ms,latency_p95_ms")},
            {"history_queue", split("minute_ms,waiting,failed_total,state")},
            {"history_hours",
             split("hour_ms,channel,enqueued,attempts,delivered,retried,failed,"
                   "resolved,latency_p50_ms,latency_p95_ms")},
            {"history_queue_hours", split("hour_ms,waiting,failed_total,state")},
            {"status_periods", split("started_ms,state,reason_code")},
    };
}

QString quoted(const QString &column)
{
    return u'"' + column + u'"';
}

// Copies one table; false and *error on the first row that fails.
bool copyTable(QSqlDatabase &from, QSqlDatabase &to, const CopiedTable &table, qint64 *copied,
               QString *error)
{
    const QStringList selects = table.selects.isEmpty() ? table.columns : table.selects;
    QSqlQuery read(from);
    read.setForwardOnly(true);
    if (!read.exec(QStringLiteral("SELECT %1 FROM %2")
                           .arg(selects.join(u','), QLatin1String(table.name)))) {
        *error = QStringLiteral("reading %1: %2")
                         .arg(QLatin1String(table.name), read.lastError().text());
        return false;
    }
    QStringList targets;
    for (const QString &column : table.columns)
        targets << quoted(column);
    QSqlQuery write(to);
    if (!write.prepare(
                QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                        .arg(QLatin1String(table.name), targets.join(u','),
                             QStringList(table.columns.size(), QStringLiteral("?")).join(u',')))) {
        *error = write.lastError().text();
        return false;
    }
    *copied = 0;
    while (read.next()) {
        for (int i = 0; i < int(table.columns.size()); ++i)
            write.bindValue(i, read.value(i));
        if (!write.exec()) {
            *error = QStringLiteral("writing %1: %2")
                             .arg(QLatin1String(table.name), write.lastError().text());
            return false;
        }
        ++*copied;
    }
    return true;
}

// Both stores opened once through their classes, so that each is at its
// latest schema before a row moves; then closed again.
bool bringUpToDate(const QString &sqliteCopy, const QString &postgresUrl, QString *error)
{
    {
        SqliteStore sqlite(sqliteCopy);
        if (!sqlite.open(error))
            return false;
    }
    PostgresStore postgres(postgresUrl);
    return postgres.open(error);
}

bool copyAll(QSqlDatabase &from, QSqlDatabase &to, StoreMigrationReport *report, QString *error)
{
    Pg::Transaction tx(to);
    // Into an empty store only: a second run, or the wrong database, must
    // not mix two stores' rows.
    QSqlQuery holds(to);
    if (!tx.ok()
        || !holds.exec(QStringLiteral(
                "SELECT (SELECT COUNT(*) FROM notifications) + (SELECT COUNT(*) FROM tokens)"
                " + (SELECT COUNT(*) FROM sessions) + (SELECT COUNT(*) FROM audit)"))
        || !holds.next()) {
        *error = holds.lastError().text();
        return false;
    }
    if (holds.value(0).toLongLong() > 0) {
        *error = QStringLiteral("the PostgreSQL database already holds a Vigía store;"
                                " migrate into an empty one");
        return false;
    }
    for (const CopiedTable &table : copiedTables()) {
        qint64 copied = 0;
        if (!copyTable(from, to, table, &copied, error))
            return false;
        report->rows.append({QLatin1String(table.name), copied});
    }
    // The audit's ids were copied: its sequence continues after them.
    QSqlQuery sequence(to);
    if (!sequence.exec(QStringLiteral(
                "SELECT setval(pg_get_serial_sequence('audit', 'id'), COALESCE(MAX(id), 1),"
                " MAX(id) IS NOT NULL) FROM audit"))) {
        *error = sequence.lastError().text();
        return false;
    }
    if (!tx.commit()) {
        *error = tx.lastError();
        return false;
    }
    return true;
}

} // namespace

bool migrateSqliteToPostgres(const QString &sqlitePath, const QString &postgresUrl,
                             StoreMigrationReport *report, QString *error)
{
    QTemporaryDir dir;
    if (!dir.isValid()) {
        *error = dir.errorString();
        return false;
    }
    const QString copy = dir.filePath(QStringLiteral("copy.db"));
    if (!backupSqlite(sqlitePath, copy, error) || !bringUpToDate(copy, postgresUrl, error))
        return false;
    const QString suffix = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString fromName = QStringLiteral("vigia-migrate-from-") + suffix;
    const QString toName = QStringLiteral("vigia-migrate-to-") + suffix;
    bool done = false;
    {
        QSqlDatabase from = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), fromName);
        from.setDatabaseName(copy);
        QSqlDatabase to;
        if (!from.open())
            *error = from.lastError().text();
        else if (openPostgres(&to, postgresUrl, toName, error))
            done = copyAll(from, to, report, error);
        from.close();
        if (to.isValid())
            to.close();
    }
    QSqlDatabase::removeDatabase(fromName);
    QSqlDatabase::removeDatabase(toName);
    return done;
}

} // namespace Vigia

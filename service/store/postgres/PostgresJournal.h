#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <memory>
#include <optional>

namespace Vigia {

// One event of the shared live-feed journal, as the feed sends it.
struct JournalEntry
{
    qint64 seq = 0;
    QString type;
    QByteArray wire;
    QDateTime at;
};

// The live feed's journal on PostgreSQL: every instance appends its events
// to one table with one sequence and announces each with NOTIFY, so a
// console connected to any instance hears every event and can resume from
// its last seq on another instance after a failover. LISTEN ties a
// connection to it, so the journal has a connection of its own.
// InstanceGroup bridges it to each instance's LiveJournal.
class PostgresJournal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostgresJournal)

public:
    static constexpr qint64 kAppendLock = 0x7669676961'0005; // "vigia", 5

    // url: a database PostgresStore has migrated (the table is its schema's).
    explicit PostgresJournal(const QString &url, QObject *parent = nullptr);
    ~PostgresJournal() override;

    // Connects and listens. False and *error when it cannot.
    bool open(QString *error);
    // Whether the connection still answers. Qt's driver never reconnects: a
    // restarted server or a terminated backend leaves it broken, and no
    // NOTIFY comes any more.
    bool alive();
    // Drops the connection and connects and listens again. What was appended
    // meanwhile is not announced: read it with since().
    bool reopen(QString *error);
    // Appends and announces one event; its seq, or nullopt and *error.
    std::optional<qint64> append(const QString &type, const QByteArray &wire, const QDateTime &at,
                                 QString *error);
    // Several events in one round trip, in order, each as append() would,
    // under one lock and with one NOTIFY: their seqs; nullopt and *error
    // when the server failed, and then none was appended. An entry with a
    // notification's id is skipped (0) when that notification changed after
    // its updatedAt: another instance's newer change then has its own event,
    // before or after, and this late one must not follow it and leave
    // consoles with the older state.
    struct Append
    {
        QString type;
        QByteArray wire;
        QDateTime at;
        QString notificationId; // empty: not guarded
        QDateTime updatedAt;
    };
    std::optional<QList<qint64>> appendMany(const QList<Append> &events, QString *error);
    // Up to `limit` events after `afterSeq`, oldest first; *ok (when given)
    // false when the server could not be read.
    QList<JournalEntry> since(qint64 afterSeq, int limit, bool *ok = nullptr);
    // The last seq appended, 0 when none; nullopt when the server failed.
    std::optional<qint64> latestSeq();
    // Deletes all but the last `keep` events (the leader's housekeeping: a
    // console further behind resyncs anyway). How many went, -1 on failure.
    int prune(qint64 keep);

    static QString channel() { return QStringLiteral("vigia_live"); }
    // Its connection's application_name in pg_stat_activity.
    static QString applicationName() { return QStringLiteral("vigia live journal"); }

Q_SIGNALS:
    // An event was appended, by any instance (this one's too): read it with since().
    void appended(qint64 seq);

private:
    QString m_url;
    // vigia_append_events(), prepared on this connection at the first append.
    std::unique_ptr<QSqlQuery> m_appendMany;
    std::unique_ptr<QSqlQuery> m_since;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace Vigia

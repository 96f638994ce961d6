#include "LocalSnapshot.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <limits>

#include <utility>

namespace Vigia {

namespace {

// The rows table's lists. Sessions and conversations came later: a console
// that does not know them reads past them.
enum class List { Failed = 0, Waiting = 1, Incidents = 2, Sessions = 3, Conversations = 4 };

// One connection for one call, on the calling thread: Qt Sql connections
// belong to the thread that opened them, and the snapshot is written on a
// worker while actions are kept on the GUI thread.
class Connection final
{
public:
    Q_DISABLE_COPY_MOVE(Connection)
    explicit Connection(const QString &path)
        : m_name(QStringLiteral("vigia-local-%1").arg(s_next.fetchAndAddRelaxed(1)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        // Another connection (the other thread) may hold the write lock for
        // as long as a snapshot of 100,000 rows takes: wait for it.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        if (!db.open()) {
            m_error = db.lastError().text();
            return;
        }
        QSqlQuery q(db);
        // WAL: a write killed half way leaves the last committed snapshot
        // whole; FULL: a kept action is on disk before the console says so.
        m_ok = q.exec(QStringLiteral("PRAGMA journal_mode=WAL"))
                && q.exec(QStringLiteral("PRAGMA synchronous=FULL"));
        if (!m_ok)
            m_error = q.lastError().text();
    }
    ~Connection()
    {
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    static inline QAtomicInteger<int> s_next{0};
    QString m_name;
    QString m_error;
    bool m_ok = false;
};

qint64 ms(const QDateTime &at)
{
    return at.isValid() ? at.toMSecsSinceEpoch() : 0;
}

QDateTime fromMs(qint64 at)
{
    return at > 0 ? QDateTime::fromMSecsSinceEpoch(at, Qt::UTC) : QDateTime();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

void readMeta(const QString &key, const QVariant &value, SnapshotContents *contents)
{
    if (key == QLatin1String("taken_ms"))
        contents->takenAt = fromMs(value.toLongLong());
    else if (key == QLatin1String("status"))
        contents->status = CommunicationStatus::fromJson(
                QJsonDocument::fromJson(value.toByteArray()).object());
    else if (key == QLatin1String("failed_more"))
        contents->failedMore = value.toBool();
    else if (key == QLatin1String("waiting_more"))
        contents->waitingMore = value.toBool();
    else if (key == QLatin1String("role"))
        contents->role = value.toString();
    else if (key == QLatin1String("operator"))
        contents->operatorName = value.toString();
}

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

} // namespace

LocalSnapshot::LocalSnapshot(QString filePath) : m_path(std::move(filePath)) { }

LocalSnapshot::~LocalSnapshot() = default;

QString LocalSnapshot::filePathFor(const QString &key)
{
    // Readable where it can be; a hash keeps two keys that differ only in
    // unsafe characters apart.
    QString safe;
    for (const QChar c : key)
        safe += c.isLetterOrNumber() && c.unicode() < 128 ? c : QChar(u'_');
    const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/snapshots/%1-%2.sqlite").arg(safe.left(60), hash);
}

QString LocalSnapshot::adoptFileFor(const ServerProfile &profile)
{
    QString path = filePathFor(profile.key);
    if (QFileInfo::exists(path) || !profile.url.isValid())
        return path;
    const QString old = filePathFor(urlKeyFor(profile.url));
    if (!QFileInfo::exists(old))
        return path;
    // No connection is open on either yet. The WAL goes with it (it may
    // hold the last commits); the shared-memory index is rebuilt from it.
    const QString wal = QStringLiteral("-wal");
    QFile::remove(old + QStringLiteral("-shm"));
    if (!QFile::rename(old, path))
        return path;
    if (QFileInfo::exists(old + wal) && !QFile::rename(old + wal, path + wal))
        QFile::rename(path, old); // both or neither: the old name keeps it whole
    return path;
}

QString LocalSnapshot::urlKeyFor(const QUrl &server)
{
    QUrl key = server.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveUserInfo);
    if (key.path() == QLatin1String("/")) // the same server with or without it
        key.setPath(QString());
    return key.toString();
}

bool LocalSnapshot::open(QString *error)
{
    m_open = false;
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return fail(error,
                    QStringLiteral("cannot create %1").arg(QFileInfo(m_path).absolutePath()));
    const Connection c(m_path);
    if (!c.ok())
        return fail(error, c.error());
    QSqlQuery q(c.db());
    int version = 0;
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        version = q.value(0).toInt();
    if (version > kSchemaVersion)
        return fail(error, QStringLiteral("written by a newer console (schema %1)").arg(version));
    if (version < 1) {
        const QStringList schema = {
                QStringLiteral("BEGIN IMMEDIATE"),
                QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value)"),
                QStringLiteral("CREATE TABLE IF NOT EXISTS rows (list INTEGER NOT NULL, pos "
                               "INTEGER NOT NULL, json BLOB NOT NULL, PRIMARY KEY (list, pos))"),
                QStringLiteral("CREATE TABLE IF NOT EXISTS pending (seq INTEGER PRIMARY KEY "
                               "AUTOINCREMENT, notification_id TEXT NOT NULL, order_id TEXT, "
                               "method TEXT NOT NULL, note TEXT, queued_ms INTEGER NOT NULL)"),
                QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion),
                QStringLiteral("COMMIT"),
        };
        for (const QString &statement : schema) {
            if (!q.exec(statement)) {
                const QString why = q.lastError().text();
                q.exec(QStringLiteral("ROLLBACK"));
                return fail(error, why);
            }
        }
    }
    m_open = true;
    return true;
}

std::optional<SnapshotContents> LocalSnapshot::read(int firstRows) const
{
    if (!m_open)
        return std::nullopt;
    const Connection c(m_path);
    if (!c.ok())
        return std::nullopt;
    QSqlDatabase db = c.db();
    // One read transaction: the rows and their time from the same snapshot,
    // even while a worker writes the next one.
    QSqlQuery q(db);
    q.exec(QStringLiteral("BEGIN"));
    SnapshotContents contents;
    if (!q.exec(QStringLiteral("SELECT key, value FROM meta")))
        return std::nullopt;
    while (q.next())
        readMeta(q.value(0).toString(), q.value(1), &contents);
    if (!contents.takenAt.isValid())
        return std::nullopt;
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
            "SELECT list, json FROM rows WHERE pos < ? OR list >= ? ORDER BY list, pos"));
    q.addBindValue(firstRows < 0 ? std::numeric_limits<int>::max() : firstRows);
    q.addBindValue(int(List::Sessions));
    if (!q.exec())
        return std::nullopt;
    while (q.next()) {
        const QJsonObject json = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
        switch (List(q.value(0).toInt())) {
        case List::Failed:
            if (auto n = Notification::fromJson(json))
                contents.failed.append(std::move(*n));
            break;
        case List::Waiting:
            if (auto n = Notification::fromJson(json))
                contents.waiting.append(std::move(*n));
            break;
        case List::Incidents:
            if (auto i = Incident::fromJson(json))
                contents.incidents.append(std::move(*i));
            break;
        case List::Sessions:
            if (auto session = Session::fromJson(json))
                contents.sessions.append(std::move(*session));
            break;
        case List::Conversations:
            if (auto conversation = Conversation::fromJson(json))
                contents.conversations.append(std::move(*conversation));
            break;
        }
    }
    q.finish();
    q.exec(QStringLiteral("COMMIT"));
    return contents;
}

QList<Notification> LocalSnapshot::readRows(bool waiting, int from, int count) const
{
    QList<Notification> rows;
    if (!m_open)
        return rows;
    const Connection c(m_path);
    if (!c.ok())
        return rows;
    QSqlQuery q(c.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
            "SELECT json FROM rows WHERE list = ? AND pos >= ? ORDER BY pos LIMIT ?"));
    q.addBindValue(int(waiting ? List::Waiting : List::Failed));
    q.addBindValue(from);
    q.addBindValue(count);
    if (!q.exec())
        return rows;
    rows.reserve(count);
    while (q.next()) {
        if (auto n = Notification::fromJson(
                    QJsonDocument::fromJson(q.value(0).toByteArray()).object()))
            rows.append(std::move(*n));
    }
    return rows;
}

int LocalSnapshot::rowCount(bool waiting) const
{
    if (!m_open)
        return 0;
    const Connection c(m_path);
    if (!c.ok())
        return 0;
    // The last position, from the primary key's index: no scan of the list.
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("SELECT max(pos) + 1 FROM rows WHERE list = ?"));
    q.addBindValue(int(waiting ? List::Waiting : List::Failed));
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

bool LocalSnapshot::write(const SnapshotContents &contents, QString *error) const
{
    if (!m_open)
        return fail(error, QStringLiteral("not open"));
    const Connection c(m_path);
    if (!c.ok())
        return fail(error, c.error());
    // Encoded before the write lock is taken: a Mark contacted kept on the
    // GUI thread meanwhile waits only for the inserts.
    struct Row
    {
        List list;
        int pos;
        QByteArray json;
    };
    QList<Row> rows;
    rows.reserve(contents.failed.size() + contents.waiting.size() + contents.incidents.size()
                 + contents.sessions.size() + contents.conversations.size());
    for (int i = 0; i < contents.failed.size(); ++i)
        rows.append({List::Failed, i, compact(contents.failed.at(i).toJson())});
    for (int i = 0; i < contents.waiting.size(); ++i)
        rows.append({List::Waiting, i, compact(contents.waiting.at(i).toJson())});
    for (int i = 0; i < contents.incidents.size(); ++i)
        rows.append({List::Incidents, i, compact(contents.incidents.at(i).toJson())});
    for (int i = 0; i < contents.sessions.size(); ++i)
        rows.append({List::Sessions, i, compact(contents.sessions.at(i).toJson())});
    for (int i = 0; i < contents.conversations.size(); ++i)
        rows.append({List::Conversations, i, compact(contents.conversations.at(i).toJson())});
    QSqlDatabase db = c.db();
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return fail(error, q.lastError().text());
    const auto rollback = [&q, error] {
        const QString why = q.lastError().text();
        q.exec(QStringLiteral("ROLLBACK"));
        return fail(error, why);
    };
    if (!q.exec(QStringLiteral("DELETE FROM rows")))
        return rollback();
    QSqlQuery insert(db);
    if (!insert.prepare(QStringLiteral("INSERT INTO rows (list, pos, json) VALUES (?, ?, ?)")))
        return rollback();
    for (const Row &row : std::as_const(rows)) {
        insert.bindValue(0, int(row.list));
        insert.bindValue(1, row.pos);
        insert.bindValue(2, row.json);
        if (!insert.exec())
            return rollback();
    }
    QSqlQuery meta(db);
    if (!meta.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")))
        return rollback();
    const QList<std::pair<QString, QVariant>> values = {
            {QStringLiteral("taken_ms"), ms(contents.takenAt)},
            {QStringLiteral("status"),
             contents.status ? compact(contents.status->toJson()) : QByteArray()},
            {QStringLiteral("failed_more"), contents.failedMore},
            {QStringLiteral("waiting_more"), contents.waitingMore},
            {QStringLiteral("role"), contents.role},
            {QStringLiteral("operator"), contents.operatorName},
    };
    for (const auto &[key, value] : values) {
        meta.bindValue(0, key);
        meta.bindValue(1, value);
        if (!meta.exec())
            return rollback();
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return rollback();
    return true;
}

qint64 LocalSnapshot::addPending(const PendingAction &action, QString *error) const
{
    if (!m_open) {
        fail(error, QStringLiteral("not open"));
        return 0;
    }
    const Connection c(m_path);
    if (!c.ok()) {
        fail(error, c.error());
        return 0;
    }
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("INSERT INTO pending (notification_id, order_id, method, note, "
                             "queued_ms) VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(action.notificationId);
    q.addBindValue(action.orderId);
    q.addBindValue(action.method);
    q.addBindValue(action.note);
    q.addBindValue(ms(action.queuedAt));
    if (!q.exec()) {
        fail(error, q.lastError().text());
        return 0;
    }
    return q.lastInsertId().toLongLong();
}

bool LocalSnapshot::removePending(qint64 seq) const
{
    if (!m_open)
        return false;
    const Connection c(m_path);
    if (!c.ok())
        return false;
    QSqlQuery q(c.db());
    q.prepare(QStringLiteral("DELETE FROM pending WHERE seq = ?"));
    q.addBindValue(seq);
    return q.exec();
}

QList<PendingAction> LocalSnapshot::pending() const
{
    QList<PendingAction> actions;
    if (!m_open)
        return actions;
    const Connection c(m_path);
    if (!c.ok())
        return actions;
    QSqlQuery q(c.db());
    if (!q.exec(QStringLiteral("SELECT seq, notification_id, order_id, method, note, queued_ms "
                               "FROM pending ORDER BY seq")))
        return actions;
    while (q.next()) {
        PendingAction a;
        a.seq = q.value(0).toLongLong();
        a.notificationId = q.value(1).toString();
        a.orderId = q.value(2).toString();
        a.method = q.value(3).toString();
        a.note = q.value(4).toString();
        a.queuedAt = fromMs(q.value(5).toLongLong());
        actions.append(a);
    }
    return actions;
}

} // namespace Vigia

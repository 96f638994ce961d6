#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

// What every SQLite aggregate shares: the connection (opened and migrated
// once), value conversions and a scoped transaction.
namespace Vigia {

namespace Sql {
qint64 ms(const QDateTime &t);
QVariant msOrNull(const QDateTime &t);
QDateTime fromMs(const QVariant &v);
QVariant textOrNull(const QString &s);
QString escapeLike(QString s);
QString compactJson(const QJsonObject &o);
QJsonObject parseObject(const QVariant &v);

// A scoped transaction: rolled back unless commit() succeeded.
class Transaction final
{
public:
    Q_DISABLE_COPY_MOVE(Transaction)
    explicit Transaction(QSqlDatabase &db) : m_db(db) { m_active = m_db.transaction(); }
    ~Transaction()
    {
        if (m_active)
            m_db.rollback();
    }
    bool ok() const { return m_active; }
    bool commit()
    {
        const bool done = m_db.commit();
        m_active = !done;
        return done;
    }

private:
    QSqlDatabase &m_db;
    bool m_active = false;
};
} // namespace Sql

// One SQLite file in WAL mode with synchronous=FULL, so a commit that
// returned survives kill -9 and power loss alike. A virtual base of every
// SQLite aggregate, so that they share one connection.
class SqliteConnection
{
    Q_DISABLE_COPY_MOVE(SqliteConnection)

public:
    static int latestSchemaVersion();

protected:
    SqliteConnection() = default;
    explicit SqliteConnection(const QString &path);
    virtual ~SqliteConnection();

    bool openConnection(QString *error);
    int userVersion() const;
    bool exec(const QString &sql, QString *error = nullptr);

    QSqlDatabase m_db;

private:
    bool migrate(QString *error);

    QString m_path;
    QString m_connectionName;
};

} // namespace Vigia

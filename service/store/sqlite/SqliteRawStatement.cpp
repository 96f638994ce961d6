#include "SqliteRawStatement.h"

#include <QLoggingCategory>

#include <sqlite3.h>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Vigia {

Sql::PreparedLease::~PreparedLease()
{
    if (m_statement)
        m_statement->reset();
    if (m_leased)
        *m_leased = false;
}

Sql::RawStatement::RawStatement(sqlite3 *db, const QString &sql) : m_db(db)
{
    const QByteArray utf8 = sql.toUtf8();
    if (!db
        || sqlite3_prepare_v3(db, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT,
                              &m_statement, nullptr)
                != SQLITE_OK) {
        qCWarning(lcStore) << "SQL failed to prepare:" << error() << sql;
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        m_ok = false;
    }
}

Sql::RawStatement::~RawStatement()
{
    sqlite3_finalize(m_statement);
}

void Sql::RawStatement::reset()
{
    if (!m_statement)
        return;
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
    m_ok = true;
}

void Sql::RawStatement::bind(int index, const QString &text)
{
    if (!m_statement)
        return;
    if (text.isNull())
        sqlite3_bind_null(m_statement, index);
    else
        sqlite3_bind_text16(m_statement, index, text.utf16(), int(text.size() * 2),
                            SQLITE_TRANSIENT);
}

void Sql::RawStatement::bind(int index, qint64 value)
{
    if (m_statement)
        sqlite3_bind_int64(m_statement, index, value);
}

void Sql::RawStatement::bindBlob(int index, const QByteArray &blob)
{
    if (!m_statement)
        return;
    if (blob.isNull())
        sqlite3_bind_null(m_statement, index);
    else
        sqlite3_bind_blob(m_statement, index, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
}

void Sql::RawStatement::bindTime(int index, const QDateTime &t)
{
    if (t.isValid())
        bind(index, t.toMSecsSinceEpoch());
    else
        bindNull(index);
}

void Sql::RawStatement::bindNull(int index)
{
    if (m_statement)
        sqlite3_bind_null(m_statement, index);
}

bool Sql::RawStatement::next()
{
    if (!m_statement || !m_ok)
        return false;
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    m_ok = rc == SQLITE_DONE;
    return false;
}

QString Sql::RawStatement::error() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("no connection");
}

bool Sql::RawStatement::isNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

QString Sql::RawStatement::text(int column) const
{
    const auto *chars = static_cast<const char16_t *>(sqlite3_column_text16(m_statement, column));
    if (!chars)
        return {};
    return QString(reinterpret_cast<const QChar *>(chars),
                   sqlite3_column_bytes16(m_statement, column) / 2);
}

qint64 Sql::RawStatement::int64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

QByteArray Sql::RawStatement::blob(int column) const
{
    const void *bytes = sqlite3_column_blob(m_statement, column);
    if (!bytes)
        return {};
    return QByteArray(static_cast<const char *>(bytes), sqlite3_column_bytes(m_statement, column));
}

QDateTime Sql::RawStatement::time(int column) const
{
    if (isNull(column))
        return {};
    return QDateTime::fromMSecsSinceEpoch(int64(column), Qt::UTC);
}

} // namespace Vigia

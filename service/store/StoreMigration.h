#pragma once

#include <QList>
#include <QString>

#include <utility>

namespace Vigia {

// `vigiad store migrate --from FILE --to URL`: an SQLite store copied into
// an empty PostgreSQL database, for an operator moving to several instances.
// The SQLite file is read through an online backup (vigiad may keep running
// on it until it is switched over) and brought to the latest schema on that
// copy, never on the original; PostgreSQL gets the whole copy in one
// transaction, or nothing. Rows that were being sent at the moment of the
// copy come back at the first claim on PostgreSQL, their attempt counted as
// interrupted, as after a restart on SQLite.
struct StoreMigrationReport
{
    QList<std::pair<QString, qint64>> rows; // table, rows copied; in copy order
};

bool migrateSqliteToPostgres(const QString &sqlitePath, const QString &postgresUrl,
                             StoreMigrationReport *report, QString *error);

} // namespace Vigia

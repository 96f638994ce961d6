#pragma once

#include <QString>

namespace Vigia {

// A consistent copy of a live SQLite store, through SQLite's online backup
// API: one read transaction, so vigiad keeps writing meanwhile (WAL readers
// do not block the writer) and the copy is the store as it was at one
// moment. The copy is written beside `to`, checked (quick_check), and then
// renamed over it: an interrupted backup never leaves a half file at `to`.
bool backupSqlite(const QString &from, const QString &to, QString *error);

} // namespace Vigia

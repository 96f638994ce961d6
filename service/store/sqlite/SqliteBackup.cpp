#include "SqliteBackup.h"

#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <memory>

namespace Vigia {

namespace {
struct CloseDb
{
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

Db open(const QString &path, int flags, QString *error)
{
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &raw, flags, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK) {
        *error = QStringLiteral("cannot open %1: %2")
                         .arg(path,
                              QString::fromUtf8(raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
        return nullptr;
    }
    sqlite3_busy_timeout(raw, 5000);
    return db;
}
} // namespace

bool backupSqlite(const QString &from, const QString &to, QString *error)
{
    if (!QFileInfo::exists(from)) {
        *error = QStringLiteral("%1 does not exist (is [store] sqlite the right file?)").arg(from);
        return false;
    }
    if (QFileInfo(from).canonicalFilePath() == QFileInfo(to).canonicalFilePath()) {
        *error = QStringLiteral("the backup cannot be the store itself");
        return false;
    }
    const QString partial = to + QStringLiteral(".partial");
    QFile::remove(partial);
    {
        Db source = open(from, SQLITE_OPEN_READONLY, error);
        if (!source)
            return false;
        Db copy = open(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
        if (!copy)
            return false;
        sqlite3_backup *backup = sqlite3_backup_init(copy.get(), "main", source.get(), "main");
        if (!backup) {
            *error = QStringLiteral("cannot start the backup: %1")
                             .arg(QString::fromUtf8(sqlite3_errmsg(copy.get())));
            QFile::remove(partial);
            return false;
        }
        // Every page in one step: one read transaction, one moment's store.
        const int step = sqlite3_backup_step(backup, -1);
        const int finish = sqlite3_backup_finish(backup);
        if (step != SQLITE_DONE || finish != SQLITE_OK) {
            *error = QStringLiteral("the backup failed: %1")
                             .arg(QString::fromUtf8(
                                     sqlite3_errstr(step != SQLITE_DONE ? step : finish)));
            copy.reset();
            QFile::remove(partial);
            return false;
        }
        // A copy that is not a sound database is no backup.
        sqlite3_stmt *check = nullptr;
        bool sound = sqlite3_prepare_v2(copy.get(), "PRAGMA quick_check", -1, &check, nullptr)
                        == SQLITE_OK
                && sqlite3_step(check) == SQLITE_ROW
                && QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(check, 0)))
                        == "ok";
        sqlite3_finalize(check);
        // The copy keeps the store's journal mode; one file is what a backup should be.
        sound = sound
                && sqlite3_exec(copy.get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr)
                        == SQLITE_OK;
        if (!sound) {
            *error = QStringLiteral("the copy failed its integrity check");
            copy.reset();
            QFile::remove(partial);
            return false;
        }
    }
    QFile::remove(to);
    if (!QFile::rename(partial, to)) {
        *error = QStringLiteral("cannot move the copy to %1").arg(to);
        QFile::remove(partial);
        return false;
    }
    return true;
}

} // namespace Vigia

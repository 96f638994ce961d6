#pragma once

#include "CommunicationStatus.h"
#include "Incident.h"
#include "Notification.h"
#include "ServerProfile.h"
#include "Session.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace Vigia {

// What the console last showed of one server, to paint at once on the next start.
struct SnapshotContents
{
    QDateTime takenAt; // when the console last had it live
    std::optional<CommunicationStatus> status;
    QList<Notification> failed;
    bool failedMore = false; // the server had further pages of it
    QList<Notification> waiting;
    bool waitingMore = false;
    QList<Incident> incidents;
    // The bot's active sessions and conversations (Sessions tab): always
    // read whole, they are hundreds or a few thousand.
    QList<Session> sessions;
    QList<Conversation> conversations;
    // Who the console was (role name, token name): what it may keep for
    // later before vigiad says so again, and which claims read "You".
    QString role;
    QString operatorName;
};

// "Mark contacted" as the operator asked for it, kept until vigiad answers it.
struct PendingAction
{
    qint64 seq = 0; // the file's key, in the order they were taken
    QString notificationId;
    QString orderId; // what the messages name; may be empty
    QString method; // the wire name (phone_call, sms, email, other)
    QString note;
    QDateTime queuedAt;
};

// The console's local file for one server profile (SQLite, Qt Sql): the
// last snapshot it showed and the operator's actions vigiad has not
// answered yet. WAL and one transaction per write: a console killed in
// the middle of a write leaves the previous snapshot (and every action
// already kept) readable. Each call opens its own connection, so the
// snapshot can be written off the GUI thread while an action is kept on it.
class LocalSnapshot final
{
public:
    static constexpr int kSchemaVersion = 1;

    explicit LocalSnapshot(QString filePath);
    ~LocalSnapshot();
    Q_DISABLE_COPY_MOVE(LocalSnapshot)

    // Where a file named after key lives: AppDataLocation/snapshots/<key>.sqlite,
    // the key made safe for a file name.
    static QString filePathFor(const QString &key);
    // The profile's file, named after its key: two profiles of one server
    // (another token, another operator) keep apart what each showed and
    // the actions each took. Consoles before profiles named the file after
    // the server's URL (urlKeyFor); when that file exists and the
    // profile's does not, it is renamed to the profile's, so the first
    // start after the update keeps the snapshot and the unsent actions.
    static QString adoptFileFor(const ServerProfile &profile);
    // The key older consoles named the file after: the server's URL.
    static QString urlKeyFor(const QUrl &server);

    QString filePath() const { return m_path; }
    // Creates the file and its tables when needed; false (and why) when it
    // cannot be used, or was written by a newer console.
    bool open(QString *error = nullptr);
    bool isOpen() const { return m_open; }

    // The last snapshot written; nullopt when none was. firstRows >= 0:
    // only the first rows of the notification and incident lists (what a
    // window shows first); the rest comes from readRows().
    std::optional<SnapshotContents> read(int firstRows = -1) const;
    // Rows of the Failed (or Waiting) list from position `from`, at most
    // count; fewer at the end.
    QList<Notification> readRows(bool waiting, int from, int count) const;
    // How many rows the Failed (or Waiting) list holds; 0 when none.
    int rowCount(bool waiting) const;
    // Replaces the snapshot in one transaction. Safe from any thread.
    bool write(const SnapshotContents &contents, QString *error = nullptr) const;

    // Kept durably (synchronous) before it returns; its seq, or 0 on failure.
    qint64 addPending(const PendingAction &action, QString *error = nullptr) const;
    bool removePending(qint64 seq) const;
    QList<PendingAction> pending() const;

private:
    QString m_path;
    bool m_open = false;
};

} // namespace Vigia

// The outbox operations not on PostgreSQL yet. Each answers what the
// interface calls a storage failure and says so in the log; ServiceConfig
// refuses `[store] postgres` until none is left, so vigiad never serves
// with them. Port one by one from the SQLite store (SqliteOutboxList.cpp,
// SqliteOutboxOperator.cpp, SqliteOutboxAcks.cpp,
// SqliteOutboxHousekeeping.cpp), each with its tests moved into
// tests/tst_outboxstore.cpp so that both stores run them.
#include "PostgresOutboxStore.h"

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Vigia {

namespace {
void notYet(const char *operation, QString *error = nullptr)
{
    qCWarning(lcStore, "PostgreSQL store: %s is not implemented yet", operation);
    if (error)
        *error = QStringLiteral("storage");
}
} // namespace

NotificationPage PostgresOutboxStore::notifications(const NotificationFilter &)
{
    notYet("notifications");
    return {};
}

std::optional<Notification> PostgresOutboxStore::setClaim(const QString &, const QString &,
                                                          const QDateTime &, const QDateTime &,
                                                          bool, QString *error)
{
    notYet("setClaim", error);
    return std::nullopt;
}

std::optional<Notification> PostgresOutboxStore::requeue(const QString &, const QString &,
                                                         const QDateTime &, QString *error)
{
    notYet("requeue", error);
    return std::nullopt;
}

BulkRequeue PostgresOutboxStore::requeueAllFailed(const QString &, const QDateTime &, int)
{
    notYet("requeueAllFailed");
    return {};
}

std::optional<Notification> PostgresOutboxStore::resolve(const QString &, const Resolution &,
                                                         const QDateTime &, QString *error)
{
    notYet("resolve", error);
    return std::nullopt;
}

int PostgresOutboxStore::cleanup(const QDateTime &)
{
    notYet("cleanup");
    return 0;
}

int PostgresOutboxStore::purgeFinished(const QDateTime &, int)
{
    notYet("purgeFinished");
    return -1;
}

OutboxCounts PostgresOutboxStore::outboxCounts(bool)
{
    notYet("outboxCounts");
    return {};
}

std::optional<Notification> PostgresOutboxStore::notificationByProviderId(const QString &)
{
    notYet("notificationByProviderId");
    return std::nullopt;
}

std::optional<Notification> PostgresOutboxStore::recordAck(const QString &, int, const QDateTime &)
{
    notYet("recordAck");
    return std::nullopt;
}

QList<AckTimeout> PostgresOutboxStore::ackTimeouts(const QDateTime &)
{
    notYet("ackTimeouts");
    return {};
}

std::optional<Notification> PostgresOutboxStore::retryUnacknowledged(const QString &,
                                                                     const QDateTime &)
{
    notYet("retryUnacknowledged");
    return std::nullopt;
}

bool PostgresOutboxStore::acceptUnacknowledged(const QString &, const QDateTime &)
{
    notYet("acceptUnacknowledged");
    return false;
}

QDateTime PostgresOutboxStore::lastAckAt()
{
    notYet("lastAckAt");
    return {};
}

std::optional<Notification>
PostgresOutboxStore::failUnacknowledged(const QString &, const QString &, const QDateTime &)
{
    notYet("failUnacknowledged");
    return std::nullopt;
}

QList<Notification> PostgresOutboxStore::requeueForRecovery(const QStringList &, const QString &,
                                                            const QDateTime &, int)
{
    notYet("requeueForRecovery");
    return {};
}

} // namespace Vigia

// The embedded SQLite store, against a real database file: migrations, WAL,
// query plans and backups. What every store must do alike (the outbox's
// behaviour, tokens, audit and incidents) is in tst_outboxstore, run on SQLite and
// PostgreSQL. Time comes
// from a ManualClock; nothing sleeps.

#include "Clock.h"
#include "SqliteBackup.h"
#include "SqliteStore.h"
#include "TestRequests.h"
#include "TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Vigia;
using Vigia::TestSupport::queryPlan;
using Vigia::TestSupport::whatsappOrder;

namespace {

const QDateTime kStart(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

// Runs one statement on a separate connection to the same file and returns
// the first column of the first row.
QVariant peek(const QString &path, const QString &sql)
{
    const QString name =
            QStringLiteral("tst-peek-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                result = q.value(0);
            else if (q.isActive())
                result = QStringLiteral("<ok>");
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

QStringList idsOf(const QList<Notification> &list)
{
    QStringList ids;
    for (const Notification &n : list)
        ids << n.id;
    return ids;
}

} // namespace

class TstSqliteStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    // Opening
    void openRunsMigrations();
    void journalModeIsWal();
    void ackSweepReadsOnlyWaitingRows();
    void claimReadsOnlyDueRows();
    void claimOfSomeChannelsReadsOnlyTheirPendingRows();
    void lookupsUsePartialIndexes_data();
    void lookupsUsePartialIndexes();
    void sweepsAndPagesUseIndexes_data();
    void sweepsAndPagesUseIndexes();
    void migrationSevenKeepsExistingKeys();
    void reopenKeepsData();
    void refusesNewerSchema();
    void openFailsWhenDirectoryCannotBeCreated();
    void aWriteLockHeldElsewhereFailsAWriteAfterFiveSeconds();
    void writesAfterAFailedBeginAreNotStoredOneByOne();
    void aClaimWithNothingDueLeavesTheWriteLockAlone();

    // Listing: query plans and migrations (the behaviour is tst_outboxstore's)
    void failedListPagesFromItsOwnIndex_data();
    void failedListPagesFromItsOwnIndex();
    void migrationNineMakesOldRowsSearchable();
    void migrationTwelveRollsUpTheMinutesKept();

    // Housekeeping and numbers
    void backupCopiesTheStoreWhileItIsOpen();
    void backupRefusesAMissingStoreAndLeavesNoFile();

private:
    QString dbPath() const { return m_dir->filePath(QStringLiteral("data/vigia.db")); }
    std::optional<Notification> add(const NotificationRequest &request, int maxAttempts = 4);
    // Claims exactly the notification id (it must be the only one due now)
    // and finishes the attempt with newState.
    std::optional<Notification> attempt(const QString &id, NotificationState newState,
                                        int httpStatus, const QString &error = {},
                                        const QDateTime &nextAttemptAt = {});
    std::optional<Notification> addInState(const NotificationRequest &request,
                                           NotificationState state);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteStore> m_store;
    ManualClock m_clock{kStart};
};

void TstSqliteStore::initTestCase()
{
    TestSupport::enterTestMode();
}

void TstSqliteStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_clock.setNow(kStart);
    m_store = std::make_unique<SqliteStore>(dbPath());
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
}

void TstSqliteStore::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

std::optional<Notification> TstSqliteStore::add(const NotificationRequest &request, int maxAttempts)
{
    QString error;
    const auto result = m_store->enqueue(request, {}, {}, maxAttempts, m_clock.now(), &error);
    if (!result || result->kind != EnqueueResult::Kind::Created) {
        qWarning("enqueue failed: %s", qPrintable(error));
        return std::nullopt;
    }
    return result->notification;
}

std::optional<Notification> TstSqliteStore::attempt(const QString &id, NotificationState newState,
                                                    int httpStatus, const QString &error,
                                                    const QDateTime &nextAttemptAt)
{
    const QList<Notification> claimed = m_store->claimDue(m_clock.now(), 100);
    if (claimed.size() != 1 || claimed.first().id != id) {
        qWarning("expected to claim only %s, claimed %s", qPrintable(id),
                 qPrintable(idsOf(claimed).join(u',')));
        return std::nullopt;
    }
    const QDateTime started = m_clock.now();
    m_clock.advance(250);
    AttemptRecord record;
    record.attempt.number = claimed.first().attempts;
    record.attempt.startedAt = started;
    record.attempt.finishedAt = m_clock.now();
    record.attempt.outcome = newState == NotificationState::Delivered ? QStringLiteral("delivered")
            : newState == NotificationState::Pending                  ? QStringLiteral("retryable")
                                                                      : QStringLiteral("permanent");
    record.attempt.httpStatus = httpStatus;
    record.attempt.detail = error;
    record.newState = newState;
    record.nextAttemptAt = nextAttemptAt;
    record.lastError = error;
    return m_store->completeAttempt(id, record, m_clock.now());
}

std::optional<Notification> TstSqliteStore::addInState(const NotificationRequest &request,
                                                       NotificationState state)
{
    const auto n = add(request);
    if (!n)
        return std::nullopt;
    switch (state) {
    case NotificationState::Pending: return n;
    case NotificationState::Sending: {
        const QList<Notification> claimed = m_store->claimDue(m_clock.now(), 100);
        if (claimed.size() != 1)
            return std::nullopt;
        return claimed.first();
    }
    case NotificationState::Delivered: return attempt(n->id, NotificationState::Delivered, 201);
    case NotificationState::Failed:
        return attempt(n->id, NotificationState::Failed, 403, QStringLiteral("HTTP 403: blocked"));
    case NotificationState::Resolved: {
        if (!attempt(n->id, NotificationState::Failed, 500, QStringLiteral("HTTP 500")))
            return std::nullopt;
        QString error;
        return m_store->resolve(n->id,
                                {ResolutionMethod::Sms, QStringLiteral("maria"), {}, m_clock.now()},
                                m_clock.now(), &error);
    }
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// Opening

void TstSqliteStore::openRunsMigrations()
{
    QVERIFY(SqliteStore::latestSchemaVersion() >= 1);
    QCOMPARE(m_store->schemaVersion(), SqliteStore::latestSchemaVersion());
    QVERIFY(QFile::exists(dbPath()));
    const QVariant tables =
            peek(dbPath(),
                 QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"
                                " AND name IN ('notifications','attempts','tokens','audit')"));
    QCOMPARE(tables.toInt(), 4);
}

void TstSqliteStore::journalModeIsWal()
{
    const QVariant mode = peek(dbPath(), QStringLiteral("PRAGMA journal_mode"));
    QCOMPARE(mode.toString().toLower(), QStringLiteral("wal"));
}

void TstSqliteStore::ackSweepReadsOnlyWaitingRows()
{
    // Runs every second: its cost must not grow with the delivered rows kept.
    const QString plan = queryPlan(dbPath(), SqliteOutboxStore::ackTimeoutsSql());
    QVERIFY2(plan.contains(QLatin1String("USING INDEX notifications_ack_waiting")),
             qPrintable(plan));
    QVERIFY2(!plan.contains(QLatin1String("SCAN")), qPrintable(plan));
}

void TstSqliteStore::claimReadsOnlyDueRows()
{
    // Runs each time something falls due: its cost must not grow with the
    // delivered rows kept either.
    // So must the read that asks first whether anything is due at all.
    for (const QString &sql : {SqliteOutboxStore::claimDueSql(), SqliteOutboxStore::anyDueSql()}) {
        // EXISTS reads its one constant row; anything else scanned is a table.
        const QString plan = queryPlan(dbPath(), sql).remove(QLatin1String("SCAN CONSTANT ROW"));
        QVERIFY2(plan.contains(QLatin1String("INDEX notifications_due")), qPrintable(plan));
        QVERIFY2(!plan.contains(QLatin1String("SCAN")), qPrintable(plan));
    }
}

void TstSqliteStore::claimOfSomeChannelsReadsOnlyTheirPendingRows()
{
    // During an outage on one channel the others are claimed on their own:
    // the held channel's backlog must not be read for them.
    for (qsizetype channels : {1, 2}) {
        for (const QString &sql :
             {SqliteOutboxStore::claimDueSql(channels), SqliteOutboxStore::anyDueSql(channels)}) {
            const QString plan = queryPlan(dbPath(), sql);
            QVERIFY2(plan.count(QLatin1String("INDEX notifications_pending_channel (channel=?"))
                             == channels,
                     qPrintable(plan));
            // What is scanned is each channel's rows up to the limit, never the table.
            QVERIFY2(!plan.contains(QLatin1String("SCAN notifications")), qPrintable(plan));
        }
    }
}

void TstSqliteStore::lookupsUsePartialIndexes_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("index");
    QTest::newRow("ack webhook") << SqliteOutboxStore::ackLookupSql()
                                 << QStringLiteral("notifications_provider");
    QTest::newRow("last ack") << SqliteOutboxStore::lastAckSql()
                              << QStringLiteral("notifications_acked");
    QTest::newRow("order filter") << QStringLiteral(
            "SELECT id FROM notifications WHERE order_id = ?")
                                  << QStringLiteral("notifications_order");
    QTest::newRow("idempotency key")
            << SqliteOutboxStore::idempotencyLookupSql() << QStringLiteral("notifications_idem");
}

void TstSqliteStore::sweepsAndPagesUseIndexes_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("index");
    QTest::newRow("notifications")
            << SqliteOutboxStore::purgeFinishedSql() << QStringLiteral("notifications_created");
    QTest::newRow("audit") << SqliteIncidentStore::purgeAuditSql() << QStringLiteral("audit_at");
    QTest::newRow("incidents") << SqliteIncidentStore::purgeIncidentsSql()
                               << QStringLiteral("incidents_started");
    QTest::newRow("sessions page") << SqliteSessionStore::sessionsAfterSql(false)
                                   << QStringLiteral("sqlite_autoindex_sessions_1");
    QTest::newRow("sessions page of a kind") << SqliteSessionStore::sessionsAfterSql(true)
                                             << QStringLiteral("sqlite_autoindex_sessions_1");
    QTest::newRow("conversations page") << SqliteSessionStore::conversationsAfterSql()
                                        << QStringLiteral("sqlite_autoindex_conversations_1");
    // Every second, the sessions gone stale since the last look.
    QTest::newRow("sessions newly stale") << SqliteSessionStore::sessionsLastSeenBetweenSql()
                                          << QStringLiteral("sessions_last_seen");
}

void TstSqliteStore::sweepsAndPagesUseIndexes()
{
    // Retention runs hourly over tables that only grow between runs: each
    // batch reads up to the cut-off through an index, never the whole table.
    // Each later page of a list likewise starts where the last one ended.
    QFETCH(QString, sql);
    QFETCH(QString, index);
    const QString plan = queryPlan(dbPath(), sql);
    QVERIFY2(plan.contains(QStringLiteral("INDEX ") + index), qPrintable(plan));
    QVERIFY2(!plan.contains(QLatin1String("SCAN")), qPrintable(plan));
    QVERIFY2(!plan.contains(QLatin1String("TEMP B-TREE")), qPrintable(plan));
}

void TstSqliteStore::migrationSevenKeepsExistingKeys()
{
    // A database as schema 6 left it, with a notification sent with a key.
    m_store.reset();
    QVERIFY(QFile::remove(dbPath()));
    for (int version = 1; version <= 6; ++version) {
        const QStringList statements =
                SqliteConnection::migrationScript(version).split(u';', Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            if (!statement.trimmed().isEmpty())
                QCOMPARE(peek(dbPath(), statement), QVariant(QStringLiteral("<ok>")));
        }
    }
    const QString firstResponse =
            QStringLiteral(R"({"id":"n-legacy","idempotency_key":"order-9","channel":"whatsapp",)"
                           R"("recipient":"+58 424-1234567","type":"ORDER_RECEIVED","text":"hola",)"
                           R"("state":"pending","attempts":0,"max_attempts":4})");
    peek(dbPath(),
         QStringLiteral("INSERT INTO notifications (id, idempotency_key, request_hash,"
                        " first_response, channel, recipient, type, text, state, max_attempts,"
                        " created_ms, updated_ms) VALUES ('n-legacy', 'order-9', X'AA', '%1',"
                        " 'whatsapp', '+58 424-1234567', 'ORDER_RECEIVED', 'hola', 'pending', 4,"
                        " %2, %2)")
                 .arg(firstResponse)
                 .arg(kStart.toMSecsSinceEpoch()));
    peek(dbPath(), QStringLiteral("PRAGMA user_version = 6"));

    m_store = std::make_unique<SqliteStore>(dbPath());
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    QCOMPARE(m_store->schemaVersion(), SqliteStore::latestSchemaVersion());
    QCOMPARE(m_store->notification(QStringLiteral("n-legacy"), false)->idempotencyKey,
             QStringLiteral("order-9"));
    QCOMPARE(peek(dbPath(),
                  QStringLiteral("SELECT COUNT(*) FROM notifications WHERE idempotency_key IS "
                                 "NULL AND idem_key = 'order-9' AND idem_token_id IS NULL"))
                     .toInt(),
             1);

    // Who sent it is not known: a producer retrying across the upgrade still
    // gets its first answer rather than a duplicate, as before the upgrade.
    for (const QString &token : {QStringLiteral("token-a"), QStringLiteral("token-b")}) {
        const auto replay =
                m_store->enqueue(whatsappOrder(QStringLiteral("9")), QStringLiteral("order-9"),
                                 QByteArray("\xAA", 1), 4, m_clock.now(), &error, token);
        QVERIFY2(replay, qPrintable(error));
        QCOMPARE(replay->kind, EnqueueResult::Kind::Replayed);
        QCOMPARE(replay->notification.id, QStringLiteral("n-legacy"));
    }
    // New keys are the sending token's own.
    const auto a = m_store->enqueue(whatsappOrder(QStringLiteral("10")), QStringLiteral("order-10"),
                                    QByteArrayLiteral("h"), 4, m_clock.now(), &error,
                                    QStringLiteral("token-a"));
    const auto b = m_store->enqueue(whatsappOrder(QStringLiteral("10")), QStringLiteral("order-10"),
                                    QByteArrayLiteral("h"), 4, m_clock.now(), &error,
                                    QStringLiteral("token-b"));
    QVERIFY(a && b);
    QCOMPARE(a->kind, EnqueueResult::Kind::Created);
    QCOMPARE(b->kind, EnqueueResult::Kind::Created);
}

void TstSqliteStore::lookupsUsePartialIndexes()
{
    // Indexed only where set (migration 6): each lookup must still find its
    // index rather than read every row.
    QFETCH(QString, sql);
    QFETCH(QString, index);
    const QString plan = queryPlan(dbPath(), sql);
    QVERIFY2(plan.contains(index), qPrintable(plan));
    QVERIFY2(!plan.contains(QLatin1String("SCAN")), qPrintable(plan));
}

void TstSqliteStore::reopenKeepsData()
{
    QString error;
    const auto created =
            m_store->enqueue(whatsappOrder(QStringLiteral("A-1")), QStringLiteral("key-1"),
                             QByteArrayLiteral("hash-1"), 4, m_clock.now(), &error);
    QVERIFY2(created, qPrintable(error));
    const QString id = created->notification.id;
    QVERIFY(attempt(id, NotificationState::Pending, 503, QStringLiteral("HTTP 503"),
                    m_clock.now().addSecs(2)));
    QVERIFY(m_store->addToken(QStringLiteral("bot"), Role::Bot, QByteArrayLiteral("secret-hash"),
                              m_clock.now(), &error));
    m_store->appendAudit({QString(),
                          m_clock.now(),
                          QStringLiteral("maria"),
                          QStringLiteral("retry"),
                          id,
                          QStringLiteral("ok"),
                          {}});
    const Notification before = *m_store->notification(id, true);

    m_store.reset();
    m_store = std::make_unique<SqliteStore>(dbPath());
    QVERIFY2(m_store->open(&error), qPrintable(error));
    QCOMPARE(m_store->schemaVersion(), SqliteStore::latestSchemaVersion());

    const auto after = m_store->notification(id, true);
    QVERIFY(after);
    QCOMPARE(after->state, NotificationState::Pending);
    QCOMPARE(after->attempts, 1);
    QCOMPARE(after->text, before.text);
    QCOMPARE(after->customerName, QStringLiteral("Ana Pérez"));
    QCOMPARE(after->lastError, QStringLiteral("HTTP 503"));
    QCOMPARE(after->nextAttemptAt, before.nextAttemptAt);
    QCOMPARE(after->createdAt, kStart);
    QCOMPARE(after->history.size(), 1);
    QCOMPARE(after->history.first().httpStatus, 503);

    // The idempotency key still answers after the restart.
    const auto replay =
            m_store->enqueue(whatsappOrder(QStringLiteral("A-1")), QStringLiteral("key-1"),
                             QByteArrayLiteral("hash-1"), 4, m_clock.now(), &error);
    QVERIFY(replay);
    QCOMPARE(replay->kind, EnqueueResult::Kind::Replayed);
    QCOMPARE(replay->notification.id, id);

    QVERIFY(m_store->tokenBySecretHash(QByteArrayLiteral("secret-hash")));
    QCOMPARE(m_store->audit(10).size(), 1);
}

void TstSqliteStore::refusesNewerSchema()
{
    m_store.reset();
    const int newer = SqliteStore::latestSchemaVersion() + 1;
    peek(dbPath(), QStringLiteral("PRAGMA user_version = %1").arg(newer));
    QCOMPARE(peek(dbPath(), QStringLiteral("PRAGMA user_version")).toInt(), newer);

    m_store = std::make_unique<SqliteStore>(dbPath());
    QString error;
    QVERIFY(!m_store->open(&error));
    QVERIFY2(error.contains(QStringLiteral("newer")), qPrintable(error));
    // It did not touch the version.
    m_store.reset();
    QCOMPARE(peek(dbPath(), QStringLiteral("PRAGMA user_version")).toInt(), newer);
}

void TstSqliteStore::openFailsWhenDirectoryCannotBeCreated()
{
    const QString blocker = m_dir->filePath(QStringLiteral("plain-file"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    SqliteStore store(blocker + QStringLiteral("/sub/vigia.db"));
    QString error;
    QVERIFY(!store.open(&error));
    QVERIFY(!error.isEmpty());
}

// ---------------------------------------------------------------------------
// Listing

void TstSqliteStore::aWriteLockHeldElsewhereFailsAWriteAfterFiveSeconds()
{
    // Another process in a write transaction (a backup, an sqlite3 shell):
    // a write waits for it, then gives up with an error the API turns into
    // 503 storage_unavailable, nothing changed, after the 5 s the docs
    // promise: one wait (it was two, BEGIN's and then the INSERT's own), timed
    // on the clock (5,000 sleeps of 1 ms took 5.9 s).
    {
        TestSupport::WriteLockHolder lock(dbPath());
        QVERIFY2(lock.holding(), qPrintable(lock.error()));
        QElapsedTimer waited;
        waited.start();
        QString error;
        QVERIFY(!m_store->enqueue(whatsappOrder(QStringLiteral("L-1")), {}, {}, 4, m_clock.now(),
                                  &error));
        const qint64 ms = waited.elapsed();
        QVERIFY2(!error.isEmpty(), "no error for a write that was not stored");
        QVERIFY2(ms >= 4900 && ms < 8000, qPrintable(QString::number(ms)));
    }
    // Nothing was stored, and the store writes again once the lock is free.
    QCOMPARE(m_store->stats(m_clock.now()).byState.value(NotificationState::Pending), 0);
    QVERIFY(add(whatsappOrder(QStringLiteral("L-2"))));
}

void TstSqliteStore::writesAfterAFailedBeginAreNotStoredOneByOne()
{
    // BEGIN gave up while another connection held the write lock, which was
    // freed a moment later. The block's writes must fail now, not each
    // commit by itself: its caller answers 503 "nothing was changed", and
    // a producer that sends the notification again would send it twice.
    const QString writer = QStringLiteral("tst-writer");
    const auto periods = [this] {
        return peek(dbPath(), QStringLiteral("SELECT COUNT(*) FROM status_periods")).toInt();
    };
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), writer);
        db.setDatabaseName(dbPath());
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=50"));
        QVERIFY(db.open());
        const QString insert = QStringLiteral(
                "INSERT INTO status_periods (started_ms, state) VALUES (%1, 'online')");

        TestSupport::WriteLockHolder lock(dbPath());
        QVERIFY2(lock.holding(), qPrintable(lock.error()));
        {
            Sql::Transaction tx(db);
            QVERIFY(!tx.ok());
            QVERIFY2(!tx.lastError().isEmpty(), "BEGIN failed without saying why");
            QVERIFY(lock.release()); // the lock is free again
            QSqlQuery q(db);
            QVERIFY2(!q.exec(insert.arg(1)), "a write after a failed BEGIN was stored");
            QVERIFY(!tx.commit());
        }
        QCOMPARE(periods(), 0);
        // Once the transaction object is gone, the connection writes again.
        {
            Sql::Transaction tx(db);
            QVERIFY2(tx.ok(), qPrintable(tx.lastError()));
            QVERIFY(QSqlQuery(db).exec(insert.arg(2)));
            QVERIFY(tx.commit());
        }
        QCOMPARE(periods(), 1);
    }
    QSqlDatabase::removeDatabase(writer);
}

void TstSqliteStore::aClaimWithNothingDueLeavesTheWriteLockAlone()
{
    // The dispatcher asks for due rows after every change and on a timer.
    // While another process holds the write lock, an ask that finds nothing
    // due must not wait for it: it would hold this process's writers' turn
    // meanwhile, and the producers' enqueues would wait twice as long.
    QVERIFY(add(whatsappOrder(QStringLiteral("later"))));
    QCOMPARE(m_store->claimDue(m_clock.now(), 10).size(), 1); // now sending
    QVERIFY(add(whatsappOrder(QStringLiteral("next"))));
    {
        TestSupport::WriteLockHolder lock(dbPath());
        QVERIFY2(lock.holding(), qPrintable(lock.error()));
        QElapsedTimer took;
        took.start();
        // Nothing due a second ago ("next" was added now), for every channel
        // and for some.
        QVERIFY(m_store->claimDue(m_clock.now().addSecs(-1), 10).isEmpty());
        QVERIFY(m_store->claimDue(m_clock.now().addSecs(-1), 10, {Channel::Discord}).isEmpty());
        QVERIFY2(took.elapsed() < 2500, qPrintable(QString::number(took.elapsed())));
    }
    const QList<Notification> claimed = m_store->claimDue(m_clock.now(), 10);
    QCOMPARE(claimed.size(), 1);
    QCOMPARE(claimed.constFirst().orderId, QStringLiteral("next"));
}

void TstSqliteStore::failedListPagesFromItsOwnIndex_data()
{
    QTest::addColumn<QString>("sort");
    QTest::addColumn<QString>("index");
    QTest::newRow("newest first") << QStringLiteral("-created_at")
                                  << QStringLiteral("notifications_failed_created");
    QTest::newRow("oldest first") << QStringLiteral("created_at")
                                  << QStringLiteral("notifications_failed_created");
    QTest::newRow("last failed first")
            << QStringLiteral("-updated_at") << QStringLiteral("notifications_failed_updated");
}

void TstSqliteStore::failedListPagesFromItsOwnIndex()
{
    // The failed list grows to 100,000 rows while delivered ones are kept by
    // the million: a page reads its index in order and stops, no sort step,
    // and the count reads the same index.
    QFETCH(QString, sort);
    QFETCH(QString, index);
    NotificationFilter filter;
    filter.states = {NotificationState::Failed};
    filter.sort = *NotificationSort::fromName(sort);
    for (const bool afterCursor : {false, true}) {
        QVariantList binds;
        const QString plan = queryPlan(
                dbPath(), SqliteOutboxStore::notificationsPageSql(filter, afterCursor, &binds));
        QVERIFY2(plan.contains(QStringLiteral("USING INDEX ") + index), qPrintable(plan));
        QVERIFY2(!plan.contains(QLatin1String("TEMP B-TREE")), qPrintable(plan));
    }
    QVariantList binds;
    const QString count = QStringLiteral("SELECT count(*) FROM notifications WHERE ")
            + SqliteOutboxStore::notificationsWhereSql(filter, &binds);
    const QString plan = queryPlan(dbPath(), count);
    QVERIFY2(plan.contains(QLatin1String("notifications_failed_")), qPrintable(plan));
}

void TstSqliteStore::migrationNineMakesOldRowsSearchable()
{
    // A database as schema 8 left it, with a customer written with accents.
    m_store.reset();
    QVERIFY(QFile::remove(dbPath()));
    for (int version = 1; version <= 8; ++version) {
        const QStringList statements =
                SqliteConnection::migrationScript(version).split(u';', Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            if (!statement.trimmed().isEmpty())
                QCOMPARE(peek(dbPath(), statement), QVariant(QStringLiteral("<ok>")));
        }
    }
    peek(dbPath(),
         QStringLiteral("INSERT INTO notifications (id, channel, recipient, customer_name, type,"
                        " text, state, max_attempts, created_ms, updated_ms) VALUES ('n-old',"
                        " 'whatsapp', '+58 424-1234567', 'José Gómez', 'ORDER_RECEIVED', 'hola',"
                        " 'failed', 4, %1, %1)")
                 .arg(kStart.toMSecsSinceEpoch()));
    peek(dbPath(), QStringLiteral("PRAGMA user_version = 8"));

    m_store = std::make_unique<SqliteStore>(dbPath());
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    NotificationFilter filter;
    filter.text = QStringLiteral("jose gomez");
    QCOMPARE(idsOf(m_store->notifications(filter).items), QStringList{QStringLiteral("n-old")});
    filter.text = QStringLiteral("4241234567");
    QCOMPARE(m_store->notifications(filter).total, qint64(1));
}

void TstSqliteStore::migrationTwelveRollsUpTheMinutesKept()
{
    // A database as schema 11 left it, with two minutes of one hour.
    m_store.reset();
    QVERIFY(QFile::remove(dbPath()));
    for (int version = 1; version <= 11; ++version) {
        const QStringList statements =
                SqliteConnection::migrationScript(version).split(u';', Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            if (!statement.trimmed().isEmpty())
                QCOMPARE(peek(dbPath(), statement), QVariant(QStringLiteral("<ok>")));
        }
    }
    const qint64 hour = kStart.toMSecsSinceEpoch() - kStart.toMSecsSinceEpoch() % 3600000;
    for (int minute : {5, 6}) {
        peek(dbPath(),
             QStringLiteral("INSERT INTO history_minutes (minute_ms, channel, enqueued, attempts,"
                            " delivered, retried, failed, resolved) VALUES (%1, 'telegram', 2,"
                            " 2, 2, 0, 0, 0)")
                     .arg(hour + minute * 60000));
        peek(dbPath(),
             QStringLiteral("INSERT INTO history_queue (minute_ms, waiting, failed_total, state)"
                            " VALUES (%1, %2, 3, 'online')")
                     .arg(hour + minute * 60000)
                     .arg(minute));
    }
    peek(dbPath(), QStringLiteral("PRAGMA user_version = 11"));

    m_store = std::make_unique<SqliteStore>(dbPath());
    QString error;
    QVERIFY2(m_store->open(&error), qPrintable(error));
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(hour, Qt::UTC);
    const QList<HistoryBucket> hours = m_store->hourlyHistory(from, from.addSecs(3600), 3600);
    QCOMPARE(hours.size(), 1);
    QCOMPARE(hours.first().channels.value(QStringLiteral("telegram")).delivered, 4);
    QCOMPARE(hours.first().waiting, 6);
    QCOMPARE(hours.first().failedTotal, 3);
}

// ---------------------------------------------------------------------------
// Housekeeping and numbers

// `vigiad backup`: a copy taken beside the store's open connection (as
// while vigiad runs) opens as a store with every row, and is one file.
void TstSqliteStore::backupCopiesTheStoreWhileItIsOpen()
{
    QVERIFY(add(whatsappOrder(QStringLiteral("B-1"))));
    QVERIFY(add(whatsappOrder(QStringLiteral("B-2"))));
    const QString to = m_dir->filePath(QStringLiteral("backup.db"));
    QVERIFY(QFile(to).open(QIODevice::WriteOnly)); // an older backup, replaced
    QString error;
    QVERIFY2(backupSqlite(dbPath(), to, &error), qPrintable(error));
    QVERIFY(!QFile::exists(to + QStringLiteral(".partial")));
    QVERIFY(!QFile::exists(to + QStringLiteral("-wal")));
    QVERIFY(add(whatsappOrder(QStringLiteral("B-3")))); // after the backup: not in it

    SqliteStore copy(to);
    QVERIFY2(copy.open(&error), qPrintable(error));
    QCOMPARE(copy.notifications(NotificationFilter{}).total, qint64(2));
    QCOMPARE(m_store->notifications(NotificationFilter{}).total, qint64(3));
}

void TstSqliteStore::backupRefusesAMissingStoreAndLeavesNoFile()
{
    const QString to = m_dir->filePath(QStringLiteral("backup.db"));
    QString error;
    QVERIFY(!backupSqlite(m_dir->filePath(QStringLiteral("nowhere.db")), to, &error));
    QVERIFY2(error.contains(QLatin1String("does not exist")), qPrintable(error));
    QVERIFY(!QFile::exists(to));
    // Over the store itself: refused, and the store is untouched.
    QVERIFY(add(whatsappOrder(QStringLiteral("B-1"))));
    QVERIFY(!backupSqlite(dbPath(), dbPath(), &error));
    QCOMPARE(m_store->notifications(NotificationFilter{}).total, qint64(1));
}

QTEST_GUILESS_MAIN(TstSqliteStore)
#include "tst_sqlitestore.moc"

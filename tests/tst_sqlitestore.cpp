// The embedded SQLite store, against a real database file: migrations, WAL,
// query plans, paging, filters, operator actions, housekeeping and audit.
// What every store must do alike (enqueue, idempotency, claims, attempts,
// tokens) is in tst_outboxstore, run on SQLite and PostgreSQL. Time comes
// from a ManualClock; nothing sleeps.

#include "Clock.h"
#include "SqliteBackup.h"
#include "SqliteStore.h"
#include "TestSupport.h"

#include <QDir>
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

namespace {

const QDateTime kStart(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
constexpr qint64 kDayMs = 24 * 3600 * 1000;

NotificationRequest makeRequest(const QString &orderId,
                                const QString &text = QStringLiteral("Your order was received"),
                                const QString &customer = QStringLiteral("Ana Pérez"),
                                const QString &recipient = QStringLiteral("+58 424-1234567"))
{
    NotificationRequest r;
    r.channel = Channel::WhatsApp;
    r.recipient = recipient;
    r.customerName = customer;
    r.orderId = orderId;
    r.type = QStringLiteral("ORDER_RECEIVED");
    r.text = text;
    return r;
}

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

QSet<QString> idSet(const QList<Notification> &list)
{
    const QStringList ids = idsOf(list);
    return QSet<QString>(ids.cbegin(), ids.cend());
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
    void lookupsUsePartialIndexes_data();
    void lookupsUsePartialIndexes();
    void sweepsAndPagesUseIndexes_data();
    void sweepsAndPagesUseIndexes();
    void migrationSevenKeepsExistingKeys();
    void reopenKeepsData();
    void refusesNewerSchema();
    void openFailsWhenDirectoryCannotBeCreated();

    // Enqueue and idempotency

    // Delivery state machine

    // Operator actions
    void requeueRefusals_data();
    void requeueRefusals();
    void requeueFailedThenDeliveryResolvesByRetry();
    void requeueFailedThenFailureStaysFailed();
    void requeueAllFailed();
    void resolveRecordsResolution_data();
    void resolveRecordsResolution();
    void resolveRefusals_data();
    void resolveRefusals();

    // Listing
    void cursorPaging_data();
    void cursorPaging();
    void pagingExactMultipleEndsWithoutCursor();
    void pagingKeepsFilters();
    void filters_data();
    void filters();
    void searchMatchesTheLastError();
    void sortedPagesGiveEachRowOnce_data();
    void sortedPagesGiveEachRowOnce();
    void cursorOfAnotherSortIsRejected();
    void failedListPagesFromItsOwnIndex_data();
    void failedListPagesFromItsOwnIndex();
    void migrationNineMakesOldRowsSearchable();
    void migrationTwelveRollsUpTheMinutesKept();
    void aClaimLapsesByItself();

    // Housekeeping and numbers
    void cleanupRemovesOnlyOldFinished();
    void backupCopiesTheStoreWhileItIsOpen();
    void backupRefusesAMissingStoreAndLeavesNoFile();
    void cleanupCutoffIsStrict();
    void purgeFinishedKeepsWhatIsNotFinished();
    void purgeFinishedDeletesInBatches();
    void purgeAuditAndClosedIncidents();
    void statsCounts();
    void statsEmptyStore();
    void affectedOrdersCountsDistinctFailedOrders();

    // Tokens and audit
    void audit();

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
    const QString plan = queryPlan(dbPath(), SqliteOutboxStore::claimDueSql());
    QVERIFY2(plan.contains(QLatin1String("USING INDEX notifications_due")), qPrintable(plan));
    QVERIFY2(!plan.contains(QLatin1String("SCAN")), qPrintable(plan));
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
                m_store->enqueue(makeRequest(QStringLiteral("9")), QStringLiteral("order-9"),
                                 QByteArray("\xAA", 1), 4, m_clock.now(), &error, token);
        QVERIFY2(replay, qPrintable(error));
        QCOMPARE(replay->kind, EnqueueResult::Kind::Replayed);
        QCOMPARE(replay->notification.id, QStringLiteral("n-legacy"));
    }
    // New keys are the sending token's own.
    const auto a = m_store->enqueue(makeRequest(QStringLiteral("10")), QStringLiteral("order-10"),
                                    QByteArrayLiteral("h"), 4, m_clock.now(), &error,
                                    QStringLiteral("token-a"));
    const auto b = m_store->enqueue(makeRequest(QStringLiteral("10")), QStringLiteral("order-10"),
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
            m_store->enqueue(makeRequest(QStringLiteral("A-1")), QStringLiteral("key-1"),
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
            m_store->enqueue(makeRequest(QStringLiteral("A-1")), QStringLiteral("key-1"),
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
// Enqueue and idempotency

// ---------------------------------------------------------------------------
// Delivery state machine

// ---------------------------------------------------------------------------
// Operator actions

void TstSqliteStore::requeueRefusals_data()
{
    QTest::addColumn<int>("state"); // -1: unknown id
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown id") << -1 << QStringLiteral("not_found");
    QTest::newRow("delivered") << int(NotificationState::Delivered)
                               << QStringLiteral("invalid_state");
    QTest::newRow("sending") << int(NotificationState::Sending) << QStringLiteral("invalid_state");
    QTest::newRow("resolved") << int(NotificationState::Resolved)
                              << QStringLiteral("invalid_state");
    QTest::newRow("failed is allowed") << int(NotificationState::Failed) << QString();
    QTest::newRow("pending is allowed") << int(NotificationState::Pending) << QString();
}

void TstSqliteStore::requeueRefusals()
{
    QFETCH(int, state);
    QFETCH(QString, code);

    QString id = QStringLiteral("no-such-id");
    std::optional<Notification> before;
    if (state >= 0) {
        before = addInState(makeRequest(QStringLiteral("A")), NotificationState(state));
        QVERIFY(before);
        id = before->id;
    }
    m_clock.advance(1000);
    QString error;
    const auto result = m_store->requeue(id, QStringLiteral("carlos"), m_clock.now(), &error);
    if (code.isEmpty()) {
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(result->state, NotificationState::Pending);
        QCOMPARE(result->nextAttemptAt, m_clock.now());
        QVERIFY(result->maxAttempts >= result->attempts + 1);
        return;
    }
    QVERIFY(!result);
    QCOMPARE(error, code);
    if (before) {
        const auto after = m_store->notification(id, false);
        QCOMPARE(after->state, before->state);
        QCOMPARE(after->updatedAt, before->updatedAt);
    }
}

void TstSqliteStore::requeueFailedThenDeliveryResolvesByRetry()
{
    const auto n = addInState(makeRequest(QStringLiteral("A")), NotificationState::Failed);
    QVERIFY(n);
    QCOMPARE(n->attempts, 1);
    m_clock.advance(60000);

    QString error;
    const auto requeued = m_store->requeue(n->id, QStringLiteral("carlos"), m_clock.now(), &error);
    QVERIFY2(requeued, qPrintable(error));
    QCOMPARE(requeued->state, NotificationState::Pending);
    QCOMPARE(requeued->nextAttemptAt, m_clock.now());
    QCOMPARE(requeued->attempts, 1);
    QVERIFY(requeued->maxAttempts >= 2);

    const auto done = attempt(n->id, NotificationState::Delivered, 201);
    QVERIFY(done);
    QCOMPARE(done->state, NotificationState::Resolved);
    QVERIFY(done->resolution);
    QCOMPARE(done->resolution->method, ResolutionMethod::Retry);
    QCOMPARE(done->resolution->by, QStringLiteral("carlos"));
    QCOMPARE(done->resolution->at, m_clock.now());
    QCOMPARE(done->deliveredAt, m_clock.now());
    QVERIFY(done->lastError.isEmpty());
    QCOMPARE(done->attempts, 2);
    QCOMPARE(m_store->notification(n->id, true)->history.size(), 2);
}

void TstSqliteStore::requeueFailedThenFailureStaysFailed()
{
    const auto n = addInState(makeRequest(QStringLiteral("A")), NotificationState::Failed);
    QVERIFY(n);
    QString error;
    QVERIFY(m_store->requeue(n->id, QStringLiteral("carlos"), m_clock.now(), &error));
    const auto done = attempt(n->id, NotificationState::Failed, 500, QStringLiteral("still down"));
    QVERIFY(done);
    QCOMPARE(done->state, NotificationState::Failed);
    QVERIFY(!done->resolution);
    QCOMPARE(done->lastError, QStringLiteral("still down"));
}

void TstSqliteStore::requeueAllFailed()
{
    const auto f1 = addInState(makeRequest(QStringLiteral("F1")), NotificationState::Failed);
    const auto f2 = addInState(makeRequest(QStringLiteral("F2")), NotificationState::Failed);
    const auto d = addInState(makeRequest(QStringLiteral("D")), NotificationState::Delivered);
    const auto r = addInState(makeRequest(QStringLiteral("R")), NotificationState::Resolved);
    const auto p = addInState(makeRequest(QStringLiteral("P")), NotificationState::Pending);
    QVERIFY(f1 && f2 && d && r && p);
    m_clock.advance(1000);

    // Asked for one id: both are queued, the answer names the oldest.
    const BulkRequeue requeued =
            m_store->requeueAllFailed(QStringLiteral("recovery"), m_clock.now(), 1);
    QCOMPARE(requeued.count, 2);
    QCOMPARE(requeued.ids, QStringList{f1->id});
    for (const QString &id : {f1->id, f2->id}) {
        const auto n = m_store->notification(id, false);
        QCOMPARE(n->state, NotificationState::Pending);
        QCOMPARE(n->nextAttemptAt, m_clock.now());
    }
    QCOMPARE(m_store->notification(d->id, false)->state, NotificationState::Delivered);
    QCOMPARE(m_store->notification(r->id, false)->state, NotificationState::Resolved);
    QCOMPARE(m_store->notification(p->id, false)->state, NotificationState::Pending);
    const BulkRequeue none =
            m_store->requeueAllFailed(QStringLiteral("recovery"), m_clock.now(), 10);
    QCOMPARE(none.count, 0);
    QVERIFY(none.ids.isEmpty());
}

void TstSqliteStore::resolveRecordsResolution_data()
{
    QTest::addColumn<ResolutionMethod>("method");
    QTest::addColumn<QString>("note");
    QTest::newRow("phone call") << ResolutionMethod::PhoneCall
                                << QStringLiteral("Customer contacted by phone");
    QTest::newRow("sms") << ResolutionMethod::Sms << QStringLiteral("Sent by SMS");
    QTest::newRow("email without note") << ResolutionMethod::Email << QString();
    QTest::newRow("other") << ResolutionMethod::Other << QStringLiteral("Came to the shop");
}

void TstSqliteStore::resolveRecordsResolution()
{
    QFETCH(ResolutionMethod, method);
    QFETCH(QString, note);

    const auto n = addInState(makeRequest(QStringLiteral("A")), NotificationState::Failed);
    QVERIFY(n);
    m_clock.advance(3600 * 1000);
    QString error;
    const auto resolved = m_store->resolve(
            n->id, {method, QStringLiteral("maria"), note, QDateTime()}, m_clock.now(), &error);
    QVERIFY2(resolved, qPrintable(error));

    const auto stored = m_store->notification(n->id, false);
    QCOMPARE(stored->state, NotificationState::Resolved);
    QVERIFY(stored->resolution);
    QCOMPARE(stored->resolution->method, method);
    QCOMPARE(stored->resolution->by, QStringLiteral("maria"));
    QCOMPARE(stored->resolution->note, note);
    QCOMPARE(stored->resolution->at, m_clock.now());
    QCOMPARE(stored->updatedAt, m_clock.now());
    QVERIFY(!stored->nextAttemptAt.isValid());
    QVERIFY(!stored->deliveredAt.isValid());
    // Resolved ones are no longer due and no longer affect orders.
    QVERIFY(m_store->claimDue(m_clock.now(), 10).isEmpty());
    QCOMPARE(m_store->affectedOrders(), 0);
}

void TstSqliteStore::resolveRefusals_data()
{
    QTest::addColumn<int>("state"); // -1: unknown id
    QTest::addColumn<QString>("code");
    QTest::newRow("unknown id") << -1 << QStringLiteral("not_found");
    QTest::newRow("delivered") << int(NotificationState::Delivered)
                               << QStringLiteral("invalid_state");
    QTest::newRow("already resolved")
            << int(NotificationState::Resolved) << QStringLiteral("invalid_state");
    QTest::newRow("sending") << int(NotificationState::Sending) << QStringLiteral("invalid_state");
}

void TstSqliteStore::resolveRefusals()
{
    QFETCH(int, state);
    QFETCH(QString, code);

    QString id = QStringLiteral("no-such-id");
    std::optional<Notification> before;
    if (state >= 0) {
        before = addInState(makeRequest(QStringLiteral("A")), NotificationState(state));
        QVERIFY(before);
        id = before->id;
    }
    m_clock.advance(1000);
    QString error;
    QVERIFY(!m_store->resolve(id,
                              {ResolutionMethod::PhoneCall, QStringLiteral("maria"),
                               QStringLiteral("note"), m_clock.now()},
                              m_clock.now(), &error));
    QCOMPARE(error, code);
    if (before) {
        const auto after = m_store->notification(id, false);
        QCOMPARE(after->state, before->state);
        QCOMPARE(after->updatedAt, before->updatedAt);
        QCOMPARE(after->resolution.has_value(), before->resolution.has_value());
        if (after->resolution)
            QCOMPARE(after->resolution->method, ResolutionMethod::Sms); // from addInState
    }
}

// ---------------------------------------------------------------------------
// Listing

void TstSqliteStore::cursorPaging_data()
{
    QTest::addColumn<bool>("sameTime");
    QTest::newRow("distinct creation times") << false;
    QTest::newRow("one creation time (batch)") << true;
}

void TstSqliteStore::cursorPaging()
{
    QFETCH(bool, sameTime);

    QList<Notification> created;
    if (sameTime) {
        QList<NotificationRequest> requests;
        for (int i = 0; i < 25; ++i)
            requests << makeRequest(QStringLiteral("P-%1").arg(i));
        QString error;
        created = m_store->enqueueBatch(requests, 4, m_clock.now(), &error);
        QVERIFY2(created.size() == 25, qPrintable(error));
    } else {
        for (int i = 0; i < 25; ++i) {
            const auto n = add(makeRequest(QStringLiteral("P-%1").arg(i)));
            QVERIFY(n);
            created << *n;
            m_clock.advance(1000);
        }
    }

    NotificationFilter filter;
    filter.limit = 10;
    QList<int> sizes;
    QList<Notification> seen;
    for (int page = 0; page < 10; ++page) {
        const NotificationPage p = m_store->notifications(filter);
        sizes << int(p.items.size());
        seen << p.items;
        if (p.nextCursor.isEmpty())
            break;
        filter.cursor = p.nextCursor;
    }
    QCOMPARE(sizes, QList<int>({10, 10, 5}));
    QCOMPARE(seen.size(), 25);
    QCOMPARE(idSet(seen).size(), 25); // no duplicates
    QCOMPARE(idSet(seen), idSet(created)); // no gaps

    // Newest first; ties broken the same way on every page.
    for (qsizetype i = 1; i < seen.size(); ++i) {
        const Notification &prev = seen[i - 1];
        const Notification &cur = seen[i];
        QVERIFY(prev.createdAt > cur.createdAt
                || (prev.createdAt == cur.createdAt && prev.id > cur.id));
    }
    if (!sameTime) {
        QCOMPARE(seen.first().id, created.last().id);
        QCOMPARE(seen.last().id, created.first().id);
    }
}

void TstSqliteStore::pagingExactMultipleEndsWithoutCursor()
{
    for (int i = 0; i < 20; ++i) {
        QVERIFY(add(makeRequest(QStringLiteral("P-%1").arg(i))));
        m_clock.advance(10);
    }
    NotificationFilter filter;
    filter.limit = 10;
    const NotificationPage first = m_store->notifications(filter);
    QCOMPARE(first.items.size(), 10);
    QVERIFY(!first.nextCursor.isEmpty());
    filter.cursor = first.nextCursor;
    const NotificationPage second = m_store->notifications(filter);
    QCOMPARE(second.items.size(), 10);
    QVERIFY(second.nextCursor.isEmpty());

    // One page big enough for everything has no cursor either.
    NotificationFilter all;
    all.limit = 50;
    const NotificationPage whole = m_store->notifications(all);
    QCOMPARE(whole.items.size(), 20);
    QVERIFY(whole.nextCursor.isEmpty());
}

void TstSqliteStore::pagingKeepsFilters()
{
    QSet<QString> wanted;
    for (int i = 0; i < 12; ++i) {
        const auto n = add(makeRequest(i % 2 ? QStringLiteral("ODD") : QStringLiteral("EVEN")));
        QVERIFY(n);
        if (i % 2)
            wanted << n->id;
        m_clock.advance(1000);
    }
    NotificationFilter filter;
    filter.orderId = QStringLiteral("ODD");
    filter.limit = 4;
    QList<Notification> seen;
    QList<int> sizes;
    for (int page = 0; page < 10; ++page) {
        const NotificationPage p = m_store->notifications(filter);
        sizes << int(p.items.size());
        seen << p.items;
        if (p.nextCursor.isEmpty())
            break;
        filter.cursor = p.nextCursor;
    }
    QCOMPARE(sizes, QList<int>({4, 2}));
    QCOMPARE(idSet(seen), wanted);
}

void TstSqliteStore::filters_data()
{
    QTest::addColumn<int>("state"); // -1: any
    QTest::addColumn<QString>("orderId");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<int>>("expected"); // row numbers below, newest first

    QTest::newRow("no filter") << -1 << QString() << QString() << QList<int>{6, 5, 4, 3, 2, 1};
    QTest::newRow("state failed") << int(NotificationState::Failed) << QString() << QString()
                                  << QList<int>{1};
    QTest::newRow("state delivered")
            << int(NotificationState::Delivered) << QString() << QString() << QList<int>{2};
    QTest::newRow("state pending")
            << int(NotificationState::Pending) << QString() << QString() << QList<int>{6, 5, 4, 3};
    QTest::newRow("order id") << -1 << QStringLiteral("P-1") << QString() << QList<int>{5, 1};
    QTest::newRow("order id is exact, not a pattern")
            << -1 << QStringLiteral("P_3") << QString() << QList<int>{3};
    QTest::newRow("order id prefix is no match")
            << -1 << QStringLiteral("P-") << QString() << QList<int>{};
    QTest::newRow("percent is literal")
            << -1 << QString() << QStringLiteral("100%") << QList<int>{1};
    QTest::newRow("lone percent") << -1 << QString() << QStringLiteral("%") << QList<int>{1};
    QTest::newRow("underscore is literal")
            << -1 << QString() << QStringLiteral("a_b") << QList<int>{3};
    QTest::newRow("lone underscore") << -1 << QString() << QStringLiteral("_") << QList<int>{3};
    QTest::newRow("backslash is literal")
            << -1 << QString() << QStringLiteral("C:\\temp") << QList<int>{6};
    QTest::newRow("customer name, any case")
            << -1 << QString() << QStringLiteral("ana") << QList<int>{4, 1};
    QTest::newRow("recipient") << -1 << QString() << QStringLiteral("600 111") << QList<int>{2};
    QTest::newRow("order id by text") << -1 << QString() << QStringLiteral("PX3") << QList<int>{4};
    QTest::newRow("state and text") << int(NotificationState::Pending) << QString()
                                    << QStringLiteral("ana") << QList<int>{4};
    QTest::newRow("order and text")
            << -1 << QStringLiteral("P-1") << QStringLiteral("second") << QList<int>{5};
    QTest::newRow("no match") << -1 << QString() << QStringLiteral("nothing like this")
                              << QList<int>{};
    QTest::newRow("accents ignored") << -1 << QString() << QStringLiteral("PEREZ") << QList<int>{1};
    QTest::newRow("accents in the query too")
            << -1 << QString() << QStringLiteral("maría") << QList<int>{4};
    QTest::newRow("accent-free query finds accented")
            << -1 << QString() << QStringLiteral("ana maria") << QList<int>{4};
    QTest::newRow("phone with other punctuation")
            << -1 << QString() << QStringLiteral("(600) 111-222") << QList<int>{2};
    QTest::newRow("surrounding blanks ignored")
            << -1 << QString() << QStringLiteral("  axb ") << QList<int>{4};
}

void TstSqliteStore::filters()
{
    QFETCH(int, state);
    QFETCH(QString, orderId);
    QFETCH(QString, text);
    QFETCH(QList<int>, expected);

    const NotificationRequest rows[] = {
            makeRequest(QStringLiteral("P-1"), QStringLiteral("Pedido 100% listo"),
                        QStringLiteral("Ana Pérez")),
            makeRequest(QStringLiteral("P-2"), QStringLiteral("Pedido 1000 listo"),
                        QStringLiteral("Luis"), QStringLiteral("+34 600 111 222")),
            makeRequest(QStringLiteral("P_3"), QStringLiteral("code a_b"), QStringLiteral("Marta")),
            makeRequest(QStringLiteral("PX3"), QStringLiteral("code axb"),
                        QStringLiteral("ANA María")),
            makeRequest(QStringLiteral("P-1"), QStringLiteral("second for the order"),
                        QStringLiteral("Otro")),
            makeRequest(QStringLiteral("P-6"), QStringLiteral("saved to C:\\temp\\x"),
                        QStringLiteral("Pedro")),
    };
    const NotificationState states[] = {NotificationState::Failed,  NotificationState::Delivered,
                                        NotificationState::Pending, NotificationState::Pending,
                                        NotificationState::Pending, NotificationState::Pending};
    QStringList ids; // ids[i] is row i + 1
    for (int i = 0; i < 6; ++i) {
        const auto n = addInState(rows[i], states[i]);
        QVERIFY(n);
        ids << n->id;
        m_clock.advance(1000);
    }

    NotificationFilter filter;
    if (state >= 0)
        filter.states = {NotificationState(state)};
    filter.orderId = orderId;
    filter.text = text;
    filter.limit = 50;
    const NotificationPage page = m_store->notifications(filter);
    QStringList expectedIds;
    for (int row : expected)
        expectedIds << ids[row - 1];
    QCOMPARE(idsOf(page.items), expectedIds);
    QVERIFY(page.nextCursor.isEmpty());
    QCOMPARE(page.total, qint64(expected.size()));
}

void TstSqliteStore::searchMatchesTheLastError()
{
    const auto n = addInState(makeRequest(QStringLiteral("P-9")), NotificationState::Failed);
    QVERIFY(n);
    QVERIFY(add(makeRequest(QStringLiteral("P-10"))));
    QVERIFY(peek(dbPath(),
                 QStringLiteral("UPDATE notifications SET last_error = 'HTTP 422: number not on "
                                "WhatsApp' WHERE id = '%1'")
                         .arg(n->id))
                    .isValid());
    NotificationFilter filter;
    filter.text = QStringLiteral("not on whatsapp");
    QCOMPARE(idsOf(m_store->notifications(filter).items), QStringList{n->id});
}

void TstSqliteStore::sortedPagesGiveEachRowOnce_data()
{
    QTest::addColumn<QString>("sort");
    for (const QString &key : NotificationSort::names()) {
        QTest::newRow(qPrintable(key)) << key;
        QTest::newRow(qPrintable(u'-' + key)) << u'-' + key;
    }
}

void TstSqliteStore::sortedPagesGiveEachRowOnce()
{
    QFETCH(QString, sort);
    // Ties and empty values on purpose: 3 customers, some without an order id.
    const QStringList customers = {QStringLiteral("Ana"), QStringLiteral("Luis"), QString()};
    QSet<QString> created;
    for (int i = 0; i < 23; ++i) {
        NotificationRequest r = makeRequest(i % 4 ? QStringLiteral("P-%1").arg(i % 5) : QString(),
                                            QStringLiteral("text %1").arg(i), customers[i % 3]);
        const auto n = addInState(r, NotificationState::Failed);
        QVERIFY(n);
        created << n->id;
        if (i % 2)
            m_clock.advance(1000);
    }
    NotificationFilter filter;
    filter.states = {NotificationState::Failed};
    filter.sort = *NotificationSort::fromName(sort);
    filter.limit = 5;
    QList<Notification> seen;
    for (int page = 0; page < 20; ++page) {
        const NotificationPage p = m_store->notifications(filter);
        QVERIFY(!p.cursorRejected);
        QCOMPARE(p.total, qint64(23));
        seen << p.items;
        if (p.nextCursor.isEmpty())
            break;
        filter.cursor = p.nextCursor;
    }
    QCOMPARE(seen.size(), 23);
    QCOMPARE(idSet(seen), created);
    const bool descending = sort.startsWith(u'-');
    for (qsizetype i = 1; i < seen.size(); ++i) {
        const Notification &a = seen[i - 1];
        const Notification &b = seen[i];
        QVariant va;
        QVariant vb;
        switch (filter.sort.key) {
        case NotificationSort::Key::CreatedAt:
            va = a.createdAt.toMSecsSinceEpoch();
            vb = b.createdAt.toMSecsSinceEpoch();
            break;
        case NotificationSort::Key::UpdatedAt:
            va = a.updatedAt.toMSecsSinceEpoch();
            vb = b.updatedAt.toMSecsSinceEpoch();
            break;
        case NotificationSort::Key::CustomerName:
            va = a.customerName;
            vb = b.customerName;
            break;
        case NotificationSort::Key::OrderId:
            va = a.orderId;
            vb = b.orderId;
            break;
        }
        const auto order = QVariant::compare(va, vb);
        const bool inOrder = descending
                ? (order == QPartialOrdering::Greater
                   || (order == QPartialOrdering::Equivalent && a.id > b.id))
                : (order == QPartialOrdering::Less
                   || (order == QPartialOrdering::Equivalent && a.id < b.id));
        QVERIFY2(inOrder, qPrintable(QStringLiteral("row %1 out of order").arg(i)));
    }
}

void TstSqliteStore::cursorOfAnotherSortIsRejected()
{
    for (int i = 0; i < 3; ++i) {
        QVERIFY(add(makeRequest(QStringLiteral("P-%1").arg(i))));
        m_clock.advance(1000);
    }
    NotificationFilter filter;
    filter.limit = 1;
    const NotificationPage first = m_store->notifications(filter);
    QVERIFY(!first.nextCursor.isEmpty());
    filter.cursor = first.nextCursor;
    filter.sort = *NotificationSort::fromName(QStringLiteral("customer_name"));
    QVERIFY(m_store->notifications(filter).cursorRejected);
    filter.sort = {};
    QVERIFY(!m_store->notifications(filter).cursorRejected);
    for (const QString &garbage :
         {QStringLiteral("not base64!"), QStringLiteral("W10"), QStringLiteral("MTIzOmFiYw")}) {
        filter.cursor = garbage;
        QVERIFY2(m_store->notifications(filter).cursorRejected, qPrintable(garbage));
    }
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

void TstSqliteStore::aClaimLapsesByItself()
{
    // Someone who took a failure and went home does not hold it forever.
    const auto n = addInState(makeRequest(QStringLiteral("P-1")), NotificationState::Failed);
    QVERIFY(n);
    QString error;
    const QDateTime now = m_clock.now();
    QVERIFY(m_store->setClaim(n->id, QStringLiteral("ana"), now.addSecs(600), now, false, &error));
    QVERIFY(error.isEmpty());
    const auto refused =
            m_store->setClaim(n->id, QStringLiteral("luis"), now.addSecs(600), now, false, &error);
    QCOMPARE(error, QStringLiteral("claimed"));
    QCOMPARE(refused->claimedBy, QStringLiteral("ana"));

    m_clock.advance(601 * 1000);
    const QDateTime later = m_clock.now();
    error.clear();
    QVERIFY(!m_store->setClaim(n->id, QStringLiteral("ana"), later, later, false, &error));
    QCOMPARE(error, QStringLiteral("not_claimed"));
    error.clear();
    const auto taken = m_store->setClaim(n->id, QStringLiteral("luis"), later.addSecs(60), later,
                                         false, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(taken->claimedBy, QStringLiteral("luis"));
    QVERIFY(taken->isClaimedAt(later));
    QCOMPARE(taken->updatedAt, n->updatedAt); // "failed at" stays what it was
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
    QVERIFY(add(makeRequest(QStringLiteral("B-1"))));
    QVERIFY(add(makeRequest(QStringLiteral("B-2"))));
    const QString to = m_dir->filePath(QStringLiteral("backup.db"));
    QVERIFY(QFile(to).open(QIODevice::WriteOnly)); // an older backup, replaced
    QString error;
    QVERIFY2(backupSqlite(dbPath(), to, &error), qPrintable(error));
    QVERIFY(!QFile::exists(to + QStringLiteral(".partial")));
    QVERIFY(!QFile::exists(to + QStringLiteral("-wal")));
    QVERIFY(add(makeRequest(QStringLiteral("B-3")))); // after the backup: not in it

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
    QVERIFY(add(makeRequest(QStringLiteral("B-1"))));
    QVERIFY(!backupSqlite(dbPath(), dbPath(), &error));
    QCOMPARE(m_store->notifications(NotificationFilter{}).total, qint64(1));
}

void TstSqliteStore::cleanupRemovesOnlyOldFinished()
{
    const auto oldDelivered =
            addInState(makeRequest(QStringLiteral("D")), NotificationState::Delivered);
    const auto oldResolved =
            addInState(makeRequest(QStringLiteral("R")), NotificationState::Resolved);
    const auto oldFailed = addInState(makeRequest(QStringLiteral("F")), NotificationState::Failed);
    // Pending in a long backoff, so that it is not due when the new one is sent.
    const auto oldPending = add(makeRequest(QStringLiteral("P")));
    QVERIFY(oldDelivered && oldResolved && oldFailed && oldPending);
    QVERIFY(attempt(oldPending->id, NotificationState::Pending, 503, QStringLiteral("HTTP 503"),
                    m_clock.now().addMSecs(100 * kDayMs)));

    m_clock.advance(40 * kDayMs);
    const auto newDelivered =
            addInState(makeRequest(QStringLiteral("N")), NotificationState::Delivered);
    QVERIFY(newDelivered);

    const int removed = m_store->cleanup(m_clock.now().addMSecs(-30 * kDayMs));
    QCOMPARE(removed, 2);
    QVERIFY(!m_store->notification(oldDelivered->id, false));
    QVERIFY(!m_store->notification(oldResolved->id, false));
    QVERIFY(m_store->notification(oldFailed->id, false));
    QVERIFY(m_store->notification(oldPending->id, false));
    QVERIFY(m_store->notification(newDelivered->id, false));

    // Their attempt history went with them.
    QCOMPARE(peek(dbPath(),
                  QStringLiteral(
                          "SELECT COUNT(*) FROM attempts WHERE notification_id IN ('%1','%2')")
                          .arg(oldDelivered->id, oldResolved->id))
                     .toInt(),
             0);
    QCOMPARE(m_store->notification(oldFailed->id, true)->history.size(), 1);

    QCOMPARE(m_store->cleanup(m_clock.now().addMSecs(-30 * kDayMs)), 0);
}

void TstSqliteStore::purgeFinishedKeepsWhatIsNotFinished()
{
    const auto oldDelivered =
            addInState(makeRequest(QStringLiteral("D")), NotificationState::Delivered);
    const auto oldResolved =
            addInState(makeRequest(QStringLiteral("R")), NotificationState::Resolved);
    const auto oldFailed = addInState(makeRequest(QStringLiteral("F")), NotificationState::Failed);
    const auto oldSending =
            addInState(makeRequest(QStringLiteral("S")), NotificationState::Sending);
    // Pending in a long backoff (a claim now would take it).
    const auto oldPending = add(makeRequest(QStringLiteral("P")));
    QVERIFY(oldDelivered && oldResolved && oldFailed && oldSending && oldPending);
    QVERIFY(m_store->claimDue(m_clock.now(), 10).size() == 1);
    AttemptRecord later;
    later.attempt = {1, m_clock.now(), m_clock.now(), QStringLiteral("retryable"), 503, {}};
    later.newState = NotificationState::Pending;
    later.nextAttemptAt = m_clock.now().addMSecs(100 * kDayMs);
    QVERIFY(m_store->completeAttempt(oldPending->id, later, m_clock.now()));
    // Created long ago, resolved only now: kept as long as a fresh one.
    const auto lateResolved =
            addInState(makeRequest(QStringLiteral("L")), NotificationState::Failed);
    QVERIFY(lateResolved);

    m_clock.advance(40 * kDayMs);
    QString error;
    QVERIFY(m_store->resolve(
            lateResolved->id,
            {ResolutionMethod::PhoneCall, QStringLiteral("maria"), {}, m_clock.now()},
            m_clock.now(), &error));
    const auto newDelivered =
            addInState(makeRequest(QStringLiteral("N")), NotificationState::Delivered);
    QVERIFY(newDelivered);

    QCOMPARE(m_store->purgeFinished(m_clock.now().addMSecs(-30 * kDayMs), 100), 2);
    QVERIFY(!m_store->notification(oldDelivered->id, false));
    QVERIFY(!m_store->notification(oldResolved->id, false));
    for (const auto &kept : {oldFailed, oldSending, oldPending, lateResolved, newDelivered})
        QVERIFY2(m_store->notification(kept->id, false), qPrintable(kept->orderId));
    QCOMPARE(peek(dbPath(),
                  QStringLiteral(
                          "SELECT COUNT(*) FROM attempts WHERE notification_id IN ('%1','%2')")
                          .arg(oldDelivered->id, oldResolved->id))
                     .toInt(),
             0);
    QCOMPARE(m_store->notification(oldFailed->id, true)->history.size(), 1);
    QCOMPARE(m_store->purgeFinished(m_clock.now().addMSecs(-30 * kDayMs), 100), 0);
}

void TstSqliteStore::purgeFinishedDeletesInBatches()
{
    for (int i = 0; i < 5; ++i) {
        QVERIFY(addInState(makeRequest(QStringLiteral("D-%1").arg(i)),
                           NotificationState::Delivered));
        m_clock.advance(1000);
    }
    const QDateTime cutoff = m_clock.now();
    QCOMPARE(m_store->purgeFinished(cutoff, 2), 2);
    QCOMPARE(m_store->notifications({}).items.size(), 3);
    QCOMPARE(m_store->purgeFinished(cutoff, 2), 2);
    QCOMPARE(m_store->purgeFinished(cutoff, 2), 1);
    QCOMPARE(m_store->purgeFinished(cutoff, 2), 0);
    QVERIFY(m_store->notifications({}).items.isEmpty());
}

void TstSqliteStore::purgeAuditAndClosedIncidents()
{
    for (int i = 0; i < 3; ++i) {
        m_store->appendAudit({QString(),
                              m_clock.now(),
                              QStringLiteral("maria"),
                              QStringLiteral("retry"),
                              QString(),
                              QStringLiteral("ok"),
                              {}});
        m_clock.advance(kDayMs);
    }
    Incident closedOld{QStringLiteral("i-old"),
                       Incident::Kind::WebhookOnly,
                       Incident::Reached::Admin,
                       kStart,
                       kStart.addSecs(600),
                       {},
                       {}};
    Incident openOld{QStringLiteral("i-open"),
                     Incident::Kind::TotalCommunicationLoss,
                     Incident::Reached::None,
                     kStart.addSecs(60),
                     {},
                     {},
                     {}};
    Incident closedLate{QStringLiteral("i-late"),
                        Incident::Kind::WebhookOnly,
                        Incident::Reached::None,
                        kStart.addSecs(120),
                        kStart.addMSecs(3 * kDayMs),
                        {},
                        {}};
    QVERIFY(m_store->saveIncident(closedOld) && m_store->saveIncident(openOld)
            && m_store->saveIncident(closedLate));

    const QDateTime cutoff = kStart.addMSecs(kDayMs + 1);
    QCOMPARE(m_store->purgeAudit(cutoff, 1), 1);
    QCOMPARE(m_store->purgeAudit(cutoff, 10), 1);
    QCOMPARE(m_store->purgeAudit(cutoff, 10), 0);
    QCOMPARE(m_store->audit(10).size(), 1);
    QCOMPARE(m_store->purgeIncidents(cutoff, 10), 1);
    QStringList left;
    const QList<Incident> incidents = m_store->incidents(10);
    for (const Incident &i : incidents)
        left << i.id;
    left.sort();
    QCOMPARE(left, (QStringList{QStringLiteral("i-late"), QStringLiteral("i-open")}));
}

void TstSqliteStore::cleanupCutoffIsStrict()
{
    const auto d = addInState(makeRequest(QStringLiteral("D")), NotificationState::Delivered);
    QVERIFY(d);
    const QDateTime finishedAt = d->updatedAt;
    QCOMPARE(m_store->cleanup(finishedAt), 0);
    QVERIFY(m_store->notification(d->id, false));
    QCOMPARE(m_store->cleanup(finishedAt.addMSecs(1)), 1);
    QVERIFY(!m_store->notification(d->id, false));
}

void TstSqliteStore::statsCounts()
{
    const auto delivered =
            addInState(makeRequest(QStringLiteral("D")), NotificationState::Delivered);
    const auto failed = addInState(makeRequest(QStringLiteral("F")), NotificationState::Failed);
    const auto resolved = addInState(makeRequest(QStringLiteral("R")), NotificationState::Resolved);
    QVERIFY(delivered && failed && resolved);
    const QDateTime firstPending = m_clock.now();
    QVERIFY(add(makeRequest(QStringLiteral("P1"))));
    m_clock.advance(10000);
    QVERIFY(add(makeRequest(QStringLiteral("P2"))));
    m_clock.setNow(firstPending.addSecs(70));

    const QueueStats s = m_store->stats(m_clock.now());
    QCOMPARE(s.byState.value(NotificationState::Delivered), 1);
    QCOMPARE(s.byState.value(NotificationState::Failed), 1);
    QCOMPARE(s.byState.value(NotificationState::Pending), 2);
    QCOMPARE(s.byState.value(NotificationState::Resolved), 1);
    QCOMPARE(s.byState.value(NotificationState::Sending), 0);
    QCOMPARE(s.oldestPendingAgeSeconds, qint64(70));
    QCOMPARE(s.attemptsLastHour, 3); // delivered, failed, and the resolved one's failure
    QCOMPARE(s.deliveredLastHour, 1);
    QCOMPARE(s.failedLastHour, 1);

    // Two hours later nothing happened in the last hour.
    m_clock.setNow(firstPending.addSecs(7200));
    const QueueStats later = m_store->stats(m_clock.now());
    QCOMPARE(later.attemptsLastHour, 0);
    QCOMPARE(later.deliveredLastHour, 0);
    QCOMPARE(later.failedLastHour, 0);
    QCOMPARE(later.oldestPendingAgeSeconds, qint64(7200));
    QCOMPARE(later.byState.value(NotificationState::Pending), 2);
}

void TstSqliteStore::statsEmptyStore()
{
    const QueueStats s = m_store->stats(m_clock.now());
    QVERIFY(s.byState.isEmpty() || s.byState.value(NotificationState::Pending) == 0);
    QCOMPARE(s.oldestPendingAgeSeconds, qint64(-1));
    QCOMPARE(s.attemptsLastHour, 0);
    QCOMPARE(s.deliveredLastHour, 0);
    QCOMPARE(s.failedLastHour, 0);
    QCOMPARE(m_store->affectedOrders(), 0);
}

void TstSqliteStore::affectedOrdersCountsDistinctFailedOrders()
{
    const auto a1 = addInState(makeRequest(QStringLiteral("A")), NotificationState::Failed);
    const auto a2 = addInState(makeRequest(QStringLiteral("A"), QStringLiteral("second notice")),
                               NotificationState::Failed);
    const auto b = addInState(makeRequest(QStringLiteral("B")), NotificationState::Failed);
    QVERIFY(a1 && a2 && b);
    QVERIFY(addInState(makeRequest(QStringLiteral("C")), NotificationState::Delivered));
    QVERIFY(addInState(makeRequest(QStringLiteral("E")), NotificationState::Resolved));
    QVERIFY(addInState(makeRequest(QStringLiteral("D")), NotificationState::Pending));
    QCOMPARE(m_store->affectedOrders(), 2);

    QString error;
    QVERIFY(m_store->resolve(b->id, {ResolutionMethod::PhoneCall, QStringLiteral("maria"), {}, {}},
                             m_clock.now(), &error));
    QCOMPARE(m_store->affectedOrders(), 1);
    QVERIFY(m_store->resolve(a1->id, {ResolutionMethod::PhoneCall, QStringLiteral("maria"), {}, {}},
                             m_clock.now(), &error));
    QCOMPARE(m_store->affectedOrders(), 1); // order A still has a failed notification
    QVERIFY(m_store->requeue(a2->id, QStringLiteral("carlos"), m_clock.now(), &error));
    QCOMPARE(m_store->affectedOrders(), 0);
}

// ---------------------------------------------------------------------------
// Tokens and audit

void TstSqliteStore::audit()
{
    QVERIFY(m_store->audit(10).isEmpty());
    const char *const actions[] = {"retry", "resolve", "cleanup"};
    for (const char *action : actions) {
        m_store->appendAudit({QString(), m_clock.now(), QStringLiteral("maria"),
                              QLatin1String(action),
                              QStringLiteral("n-%1").arg(QLatin1String(action)),
                              QStringLiteral("ok"), QJsonObject{{QStringLiteral("count"), 3}}});
        m_clock.advance(1000);
    }
    m_store->appendAudit({QString(),
                          m_clock.now(),
                          QStringLiteral("admin"),
                          QStringLiteral("bot_restart"),
                          QString(),
                          QStringLiteral("failed"),
                          {}});

    const QList<AuditEntry> entries = m_store->audit(10);
    QCOMPARE(entries.size(), 4);
    QCOMPARE(entries[0].action, QStringLiteral("bot_restart"));
    QCOMPARE(entries[0].outcome, QStringLiteral("failed"));
    QVERIFY(entries[0].target.isEmpty());
    QCOMPARE(entries[1].action, QStringLiteral("cleanup"));
    QCOMPARE(entries[2].action, QStringLiteral("resolve"));
    QCOMPARE(entries[3].action, QStringLiteral("retry"));
    QCOMPARE(entries[3].actor, QStringLiteral("maria"));
    QCOMPARE(entries[3].target, QStringLiteral("n-retry"));
    QCOMPARE(entries[3].at, kStart);
    QCOMPARE(entries[3].detail.value(QStringLiteral("count")).toInt(), 3);
    for (qsizetype i = 1; i < entries.size(); ++i) {
        QVERIFY(entries[i - 1].id.toLongLong() > entries[i].id.toLongLong());
        QVERIFY(entries[i - 1].at > entries[i].at);
    }

    const QList<AuditEntry> two = m_store->audit(2);
    QCOMPARE(two.size(), 2);
    QCOMPARE(two[0].action, QStringLiteral("bot_restart"));
    QCOMPARE(two[1].action, QStringLiteral("cleanup"));
}

QTEST_GUILESS_MAIN(TstSqliteStore)
#include "tst_sqlitestore.moc"

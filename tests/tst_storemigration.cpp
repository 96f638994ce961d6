// `vigiad store migrate`: an SQLite store with something of everything,
// copied into a real PostgreSQL database (the ctest fixture `postgres`) and
// read back through PostgresStore: the same answers, keys that still replay,
// a send that was under way recovered at the first claim, and a second copy
// into the same database refused.

#include "ApiTokens.h"
#include "PostgresStore.h"
#include "SqliteStore.h"
#include "StoreMigration.h"
#include "TestRequests.h"
#include "TestStores.h"
#include "TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Vigia;
using Vigia::TestSupport::TestStores;
using Vigia::TestSupport::whatsappOrder;

namespace {
const QDateTime kStart(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

} // namespace

class TstStoreMigration final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void copiesEverythingOnce();

private:
    // An SQLite store with a delivered, a pending, a sending and a keyed
    // notification, a token, audit, an incident, a session, a conversation
    // and history; the ids of interest in *ids.
    void fill(SqliteStore &store, QStringList *ids);

    TestStores m_stores;
    QTemporaryDir m_dir;
};

void TstStoreMigration::initTestCase()
{
    TestSupport::enterTestMode();
    QVERIFY2(m_stores.backend() == TestStores::Backend::Postgres,
             "run with VIGIA_TEST_STORE=postgres (ctest does)");
    QString error;
    QVERIFY2(m_stores.setUp(&error), qPrintable(error));
    QVERIFY2(m_stores.reset(&error), qPrintable(error));
    QVERIFY(m_dir.isValid());
}

void TstStoreMigration::fill(SqliteStore &store, QStringList *ids)
{
    QString error;
    const auto keyed = store.enqueue(whatsappOrder(QStringLiteral("K-1")), QStringLiteral("key-1"),
                                     QByteArrayLiteral("hash-1"), 4, kStart, &error);
    const auto withToken = store.enqueue(whatsappOrder(QStringLiteral("K-2")),
                                         QStringLiteral("key-2"), QByteArrayLiteral("hash-2"), 4,
                                         kStart, &error, QStringLiteral("token-a"));
    QVERIFY2(keyed && withToken, qPrintable(error));
    // keyed is claimed and delivered; the next one is left sending (vigiad
    // stopped, or still running, mid-send); a third stays pending.
    QCOMPARE(store.claimDue(kStart, 1).size(), 1);
    AttemptRecord delivered;
    delivered.attempt = {1, kStart, kStart.addSecs(1), QStringLiteral("delivered"), 201, {}};
    delivered.newState = NotificationState::Delivered;
    QVERIFY(store.completeAttempt(keyed->notification.id, delivered, kStart.addSecs(1)));
    QCOMPARE(store.claimDue(kStart, 1).size(), 1); // withToken: left sending
    const auto pending = store.enqueue(whatsappOrder(QStringLiteral("P-1")), {}, {}, 4,
                                       kStart.addSecs(2), &error);
    QVERIFY(pending);
    *ids << keyed->notification.id << withToken->notification.id << pending->notification.id;

    QVERIFY(store.addToken(QStringLiteral("shop-bot"), Role::Bot,
                           ApiTokens::hashSecret(QStringLiteral("vga_secret")), kStart, &error));
    store.appendAudit({QString(),
                       kStart,
                       QStringLiteral("maria"),
                       QStringLiteral("retry"),
                       keyed->notification.id,
                       QStringLiteral("ok"),
                       {}});
    Incident incident;
    incident.id = QStringLiteral("inc-1");
    incident.startedAt = kStart;
    incident.notificationIds = {keyed->notification.id};
    QVERIFY(store.saveIncident(incident));
    Session session;
    session.kind = QStringLiteral("gym");
    session.key = QStringLiteral("ana");
    bool created = false;
    QVERIFY(store.upsertSession(session, kStart, &created));
    Conversation conversation;
    conversation.user = QStringLiteral("ana");
    conversation.flow = QStringLiteral("tariff");
    conversation.ttlSeconds = 3600;
    QVERIFY(store.putConversation(conversation, kStart));
    HistoryBucket minute;
    minute.at = kStart;
    minute.channels.insert(QStringLiteral("whatsapp"), ChannelActivity{1, 1, 1, 0, 0, 0, 80, 90});
    QVERIFY(store.saveHistoryMinute(minute));
    QVERIFY(store.saveStatusChange(kStart, StatusState::Online, {}));
}

void TstStoreMigration::copiesEverythingOnce()
{
    const QString path = m_dir.filePath(QStringLiteral("vigia.db"));
    QStringList ids;
    {
        SqliteStore sqlite(path);
        QString error;
        QVERIFY2(sqlite.open(&error), qPrintable(error));
        fill(sqlite, &ids);
        if (QTest::currentTestFailed())
            return;
    }
    StoreMigrationReport report;
    QString error;
    QVERIFY2(migrateSqliteToPostgres(path, m_stores.postgresUrl(), &report, &error),
             qPrintable(error));
    QCOMPARE(report.rows.constFirst(),
             (std::pair<QString, qint64>(QStringLiteral("notifications"), 3)));

    PostgresStore pg(m_stores.postgresUrl(), QStringLiteral("after-migration"));
    QVERIFY2(pg.open(&error), qPrintable(error));
    const QDateTime now = kStart.addSecs(60);
    const QueueStats stats = pg.stats(now);
    QCOMPARE(stats.byState.value(NotificationState::Delivered), 1);
    QCOMPARE(stats.byState.value(NotificationState::Sending), 1);
    QCOMPARE(stats.byState.value(NotificationState::Pending), 1);
    const auto delivered = pg.notification(ids.at(0), true);
    QVERIFY(delivered);
    QCOMPARE(delivered->customerName, QStringLiteral("Ana Pérez"));
    QCOMPARE(delivered->history.size(), 1);

    // Keys still replay: with no token, and with the token that sent them.
    auto replay = pg.enqueue(whatsappOrder(QStringLiteral("K-1")), QStringLiteral("key-1"),
                             QByteArrayLiteral("hash-1"), 4, now, &error);
    QVERIFY(replay);
    QCOMPARE(replay->kind, EnqueueResult::Kind::Replayed);
    QCOMPARE(replay->notification.id, ids.at(0));
    replay = pg.enqueue(whatsappOrder(QStringLiteral("K-2")), QStringLiteral("key-2"),
                        QByteArrayLiteral("other"), 4, now, &error, QStringLiteral("token-a"));
    QVERIFY(replay);
    QCOMPARE(replay->kind, EnqueueResult::Kind::Conflict);

    // The send under way at the copy is recovered at the first claim.
    const QList<Notification> claimed = pg.claimDue(now, 10);
    QCOMPARE(claimed.size(), 2);
    const auto interrupted = pg.notification(ids.at(1), true);
    QCOMPARE(interrupted->attempts, 2);
    QCOMPARE(interrupted->history.constFirst().outcome, QStringLiteral("interrupted"));

    QVERIFY(pg.tokenBySecretHash(ApiTokens::hashSecret(QStringLiteral("vga_secret"))));
    pg.appendAudit({QString(),
                    now,
                    QStringLiteral("luis"),
                    QStringLiteral("resolve"),
                    {},
                    QStringLiteral("ok"),
                    {}});
    const QList<AuditEntry> audit = pg.audit(10);
    QCOMPARE(audit.size(), 2);
    QVERIFY(audit.at(0).id.toLongLong() > audit.at(1).id.toLongLong()); // the sequence went on
    QCOMPARE(pg.incidents(10).size(), 1);
    QVERIFY(pg.openIncident());
    QVERIFY(pg.session(QStringLiteral("gym"), QStringLiteral("ana")));
    QVERIFY(pg.conversation(QStringLiteral("ana"), QStringLiteral("tariff"), now));
    QCOMPARE(pg.history(kStart, now, 60).size(), 1);
    QCOMPARE(pg.hourlyHistory(kStart, now, 3600).size(), 1);
    QCOMPARE(pg.statusPeriods(kStart, now).size(), 1);

    // A second copy into a store that holds rows is refused, and adds nothing.
    StoreMigrationReport again;
    QVERIFY(!migrateSqliteToPostgres(path, m_stores.postgresUrl(), &again, &error));
    QVERIFY2(error.contains(QStringLiteral("already holds")), qPrintable(error));
    QCOMPARE(pg.stats(now).byState.value(NotificationState::Delivered), 1);
}

QTEST_GUILESS_MAIN(TstStoreMigration)
#include "tst_storemigration.moc"

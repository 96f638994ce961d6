// The console's local file: a snapshot written and read back whole, actions
// kept until removed, and a writer killed (SIGKILL) in the middle of a
// write leaving the previous snapshot readable.
#include "LocalSnapshot.h"
#include "TestMode.h"

#include <QApplication>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Vigia;

namespace {

Notification make(int i, NotificationState state)
{
    Notification n;
    n.id = QStringLiteral("n-%1").arg(i);
    n.orderId = QStringLiteral("ORD-%1").arg(i);
    n.customerName = QStringLiteral("Cliente %1").arg(i);
    n.recipient = QStringLiteral("+34600%1").arg(i, 6, 10, QChar(u'0'));
    n.type = QStringLiteral("ORDER_SHIPPED");
    n.text = QStringLiteral("Tu pedido ORD-%1 va en camino").arg(i);
    n.state = state;
    n.attempts = 4;
    n.lastError = QStringLiteral("WAHA answered 500");
    n.createdAt = QDateTime::fromMSecsSinceEpoch(1'780'000'000'000 + qint64(i) * 1000, Qt::UTC);
    n.updatedAt = n.createdAt;
    return n;
}

SnapshotContents contents(int failed, int waiting)
{
    SnapshotContents c;
    c.takenAt = QDateTime::fromMSecsSinceEpoch(1'780'000'500'000, Qt::UTC);
    CommunicationStatus status;
    status.state = StatusState::Degraded;
    status.counts.failed = failed;
    c.status = status;
    for (int i = 0; i < failed; ++i)
        c.failed.append(make(i, NotificationState::Failed));
    for (int i = 0; i < waiting; ++i)
        c.waiting.append(make(failed + i, NotificationState::Pending));
    c.failedMore = true;
    Incident incident;
    incident.id = QStringLiteral("inc-1");
    incident.startedAt = c.takenAt.addSecs(-600);
    c.incidents.append(incident);
    for (int i = 0; i < 12; ++i) {
        Session session;
        session.kind = QStringLiteral("voice");
        session.key = QStringLiteral("pino-%1").arg(i);
        session.userId = QStringLiteral("1234");
        session.username = QStringLiteral("Pino");
        session.where = QStringLiteral("General");
        session.startedAt = c.takenAt.addSecs(-300 - i);
        session.lastSeenAt = c.takenAt.addSecs(-10);
        c.sessions.append(session);
    }
    Conversation conversation;
    conversation.user = QStringLiteral("luz");
    conversation.flow = QStringLiteral("refund");
    conversation.step = QStringLiteral("order");
    conversation.expiresAt = c.takenAt.addSecs(900);
    conversation.updatedAt = c.takenAt.addSecs(-20);
    c.conversations.append(conversation);
    return c;
}

// The child of killedMidWrite(): writes ever larger snapshots until killed.
int writeForever(const QString &path)
{
    LocalSnapshot file(path);
    if (!file.open())
        return 2;
    for (int round = 1;; ++round) {
        if (!file.write(contents(2000 * round, 0)))
            return 3;
    }
}

} // namespace

class TstLocalSnapshot final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        TestSupport::enterTestMode();
        QVERIFY(m_dir.isValid());
    }

    void pathIsPerProfile()
    {
        const QString a = LocalSnapshot::filePathFor(QStringLiteral("http://a:8765"));
        const QString b = LocalSnapshot::filePathFor(QStringLiteral("http://b:8765"));
        QVERIFY(a != b);
        QVERIFY(a.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
        QVERIFY(a.endsWith(QStringLiteral(".sqlite")));
        QCOMPARE(LocalSnapshot::urlKeyFor(QUrl(QStringLiteral("http://a:8765/"))),
                 LocalSnapshot::urlKeyFor(QUrl(QStringLiteral("http://a:8765"))));
        // Named after the profile's key, not its URL: two profiles of one
        // server have a file each.
        const QUrl server(QStringLiteral("http://127.0.0.1:8765"));
        const ServerProfile admin{QStringLiteral("0b6d3c1e-admin"), QStringLiteral("Admin"),
                                  server};
        const ServerProfile viewer{QStringLiteral("7f21aa90-viewer"), QStringLiteral("Viewer"),
                                   server};
        QCOMPARE(LocalSnapshot::adoptFileFor(admin), LocalSnapshot::filePathFor(admin.key));
        QVERIFY(LocalSnapshot::adoptFileFor(admin) != LocalSnapshot::adoptFileFor(viewer));
    }

    // A console before profiles named the file after the server's URL: the
    // first profile of that server to start takes it over, snapshot and
    // unsent actions included; once it has its own, an old one is left be.
    void fileNamedAfterTheUrlIsAdoptedByTheProfile()
    {
        const QUrl server(QStringLiteral("http://127.0.0.1:8766"));
        const ServerProfile profile{QStringLiteral("5c9e2b44-prod"), QStringLiteral("Producción"),
                                    server};
        const ServerProfile other{QStringLiteral("a1d07f3e-staging"), QStringLiteral("Staging"),
                                  server};
        const QString old = LocalSnapshot::filePathFor(LocalSnapshot::urlKeyFor(server));
        const QString path = LocalSnapshot::filePathFor(profile.key);
        for (const QString &f : {old, path, LocalSnapshot::filePathFor(other.key)})
            QFile::remove(f);
        {
            LocalSnapshot file(old);
            QVERIFY(file.open());
            QVERIFY(file.write(contents(30, 0)));
            PendingAction action;
            action.notificationId = QStringLiteral("n-3");
            action.method = QStringLiteral("sms");
            action.queuedAt = QDateTime::currentDateTimeUtc();
            QVERIFY(file.addPending(action) > 0);
        }
        QCOMPARE(LocalSnapshot::adoptFileFor(profile), path);
        QVERIFY(!QFile::exists(old));
        {
            LocalSnapshot adopted(path);
            QVERIFY(adopted.open());
            const auto read = adopted.read();
            QVERIFY(read);
            QCOMPARE(read->failed.size(), 30);
            QCOMPARE(adopted.pending().size(), 1);
        }
        // Nothing left to adopt for a second profile of the server.
        const QString otherPath = LocalSnapshot::adoptFileFor(other);
        QVERIFY(otherPath != path);
        QVERIFY(!QFile::exists(otherPath));
        // An old one written again (an older console ran) is left alone.
        {
            LocalSnapshot file(old);
            QVERIFY(file.open());
            QVERIFY(file.write(contents(2, 0)));
        }
        QCOMPARE(LocalSnapshot::adoptFileFor(profile), path);
        QVERIFY(QFile::exists(old));
        LocalSnapshot kept(path);
        QVERIFY(kept.open());
        QCOMPARE(kept.read()->failed.size(), 30);
        for (const QString &f : {old, path})
            QFile::remove(f);
    }

    void emptyFileHasNoSnapshot()
    {
        LocalSnapshot file(m_dir.filePath(QStringLiteral("empty.sqlite")));
        QVERIFY(file.open());
        QVERIFY(!file.read());
        QVERIFY(file.pending().isEmpty());
    }

    void roundTrip()
    {
        const QString path = m_dir.filePath(QStringLiteral("round.sqlite"));
        const SnapshotContents written = contents(300, 20);
        {
            LocalSnapshot file(path);
            QVERIFY(file.open());
            QString error;
            QVERIFY2(file.write(written, &error), qPrintable(error));
        }
        LocalSnapshot again(path);
        QVERIFY(again.open());
        const auto read = again.read();
        QVERIFY(read);
        QCOMPARE(read->takenAt, written.takenAt);
        QVERIFY(read->status);
        QCOMPARE(read->status->state, StatusState::Degraded);
        QCOMPARE(read->status->counts.failed, 300);
        QCOMPARE(read->failed.size(), 300);
        QCOMPARE(read->waiting.size(), 20);
        QVERIFY(read->failedMore);
        QVERIFY(!read->waitingMore);
        QCOMPARE(read->failed.first().toJson(), written.failed.first().toJson());
        QCOMPARE(read->failed.last().toJson(), written.failed.last().toJson()); // order kept
        QCOMPARE(read->waiting.at(7).toJson(), written.waiting.at(7).toJson());
        QCOMPARE(read->incidents.size(), 1);
        QCOMPARE(read->incidents.first().id, QStringLiteral("inc-1"));
        QCOMPARE(read->sessions.size(), 12);
        QCOMPARE(read->sessions.last().toJson(), written.sessions.last().toJson());
        QCOMPARE(read->conversations.size(), 1);
        QCOMPARE(read->conversations.first().toJson(), written.conversations.first().toJson());
        // The first rows only: the notification lists are cut, sessions and
        // conversations never are.
        const auto first = again.read(10);
        QCOMPARE(first->failed.size(), 10);
        QCOMPARE(first->sessions.size(), 12);
        QCOMPARE(first->conversations.size(), 1);

        // A smaller one replaces it whole.
        QVERIFY(again.write(contents(5, 0)));
        QCOMPARE(again.read()->failed.size(), 5);
        QCOMPARE(again.read()->waiting.size(), 0);
    }

    void pendingActionsAreKeptUntilRemoved()
    {
        const QString path = m_dir.filePath(QStringLiteral("pending.sqlite"));
        qint64 first = 0;
        {
            LocalSnapshot file(path);
            QVERIFY(file.open());
            PendingAction a;
            a.notificationId = QStringLiteral("n-1");
            a.orderId = QStringLiteral("ORD-1");
            a.method = QStringLiteral("phone_call");
            a.note = QStringLiteral("Llamó, todo bien");
            a.queuedAt = QDateTime::fromMSecsSinceEpoch(1'780'000'600'000, Qt::UTC);
            first = file.addPending(a);
            QVERIFY(first > 0);
            a.notificationId = QStringLiteral("n-2");
            QVERIFY(file.addPending(a) > first);
        }
        LocalSnapshot again(path);
        QVERIFY(again.open());
        QList<PendingAction> kept = again.pending();
        QCOMPARE(kept.size(), 2);
        QCOMPARE(kept.first().notificationId, QStringLiteral("n-1"));
        QCOMPARE(kept.first().method, QStringLiteral("phone_call"));
        QCOMPARE(kept.first().note, QStringLiteral("Llamó, todo bien"));
        QCOMPARE(kept.first().queuedAt, QDateTime::fromMSecsSinceEpoch(1'780'000'600'000, Qt::UTC));
        QVERIFY(again.removePending(first));
        kept = again.pending();
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().notificationId, QStringLiteral("n-2"));
        // The snapshot's writes leave the actions alone.
        QVERIFY(again.write(contents(3, 0)));
        QCOMPARE(again.pending().size(), 1);
    }

    void newerSchemaIsRefused()
    {
        const QString path = m_dir.filePath(QStringLiteral("newer.sqlite"));
        LocalSnapshot file(path);
        QVERIFY(file.open());
        QVERIFY(file.write(contents(1, 0)));
        {
            // As a later console would leave it.
            QSqlDatabase db =
                    QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version=99")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("newer"));
        LocalSnapshot later(path);
        QString error;
        QVERIFY(!later.open(&error));
        QVERIFY(error.contains(QStringLiteral("newer")));
    }

    void killedMidWriteLeavesTheLastSnapshot()
    {
        const QString path = m_dir.filePath(QStringLiteral("killed.sqlite"));
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("VIGIA_SNAPSHOT_WRITER"), path);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        LocalSnapshot file(path);
        // A few snapshots are in, and the next (bigger) one is being written.
        QTRY_VERIFY_WITH_TIMEOUT(file.open() && file.read() && file.read()->failed.size() >= 6000,
                                 60000);
        child.kill(); // SIGKILL: no rollback, no close
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        LocalSnapshot after(path);
        QVERIFY(after.open());
        const auto read = after.read();
        QVERIFY(read);
        // Whole: as many rows as one of the snapshots written, in order.
        QCOMPARE(read->failed.size() % 2000, 0);
        QCOMPARE(read->status->counts.failed, read->failed.size());
        QCOMPARE(read->failed.last().id, QStringLiteral("n-%1").arg(read->failed.size() - 1));
    }
};

int main(int argc, char *argv[])
{
    const QString writer = qEnvironmentVariable("VIGIA_SNAPSHOT_WRITER");
    if (!writer.isEmpty()) {
        const QCoreApplication app(argc, argv);
        return writeForever(writer);
    }
    QApplication app(argc, argv);
    TstLocalSnapshot test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_localsnapshot.moc"

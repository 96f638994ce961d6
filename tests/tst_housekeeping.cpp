// Retention: the timer's runs delete finished notifications, old audit
// entries and ended incidents in bounded batches and audit what they did,
// against a real SQLite file. Time comes from a ManualClock.
#include "Clock.h"
#include "Housekeeping.h"
#include "LiveJournal.h"
#include "SqliteStore.h"
#include "TestRequests.h"
#include "TestSupport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Vigia;
using Vigia::TestSupport::whatsappOrder;

namespace {

const QDateTime kStart(QDate(2025, 3, 1), QTime(9, 0), Qt::UTC);
constexpr qint64 kDayMs = qint64(24) * 3600 * 1000;

} // namespace

class TstHousekeeping final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqliteStore> m_store;
    std::unique_ptr<LiveJournal> m_journal;
    ManualClock m_clock{kStart};

    // A notification sent now and finished with `state` (delivered or failed).
    QString addFinished(const QString &orderId, NotificationState state)
    {
        QString error;
        const auto created =
                m_store->enqueue(whatsappOrder(orderId), {}, {}, 4, m_clock.now(), &error);
        if (!created)
            return {};
        const QList<Notification> claimed = m_store->claimDue(m_clock.now(), 10);
        if (claimed.size() != 1)
            return {};
        AttemptRecord record;
        record.attempt = {1,
                          m_clock.now(),
                          m_clock.now(),
                          state == NotificationState::Delivered ? QStringLiteral("delivered")
                                                                : QStringLiteral("permanent"),
                          state == NotificationState::Delivered ? 201 : 403,
                          {}};
        record.newState = state;
        if (!m_store->completeAttempt(created->notification.id, record, m_clock.now()))
            return {};
        return created->notification.id;
    }

    int count(const QString &table)
    {
        if (table == QLatin1String("audit"))
            return int(m_store->audit(100000).size());
        if (table == QLatin1String("incidents"))
            return int(m_store->incidents(100000).size());
        NotificationFilter all;
        all.limit = 1000;
        return int(m_store->notifications(all).items.size());
    }

    Housekeeping::Counts run(Housekeeping &housekeeping)
    {
        QSignalSpy finished(&housekeeping, &Housekeeping::runFinished);
        housekeeping.runNow();
        if (finished.isEmpty() && !finished.wait(10000))
            qWarning("the run did not finish");
        return housekeeping.lastRun();
    }

    QList<AuditEntry> retentionEntries()
    {
        QList<AuditEntry> found;
        const QList<AuditEntry> all = m_store->audit(100000);
        for (const AuditEntry &e : all) {
            if (e.action == QLatin1String("retention"))
                found << e;
        }
        return found;
    }

private Q_SLOTS:
    void initTestCase() { TestSupport::enterTestMode(); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_clock.setNow(kStart);
        m_store = std::make_unique<SqliteStore>(m_dir->filePath(QStringLiteral("vigia.db")));
        QString error;
        QVERIFY2(m_store->open(&error), qPrintable(error));
        m_journal = std::make_unique<LiveJournal>(1000, 16 * 1024 * 1024, 1);
    }

    void cleanup()
    {
        m_journal.reset();
        m_store.reset();
        m_dir.reset();
    }

    void deletesOnlyWhatIsOldAndFinished()
    {
        const QString oldDelivered = addFinished(QStringLiteral("D"), NotificationState::Delivered);
        const QString oldFailed = addFinished(QStringLiteral("F"), NotificationState::Failed);
        QVERIFY(!oldDelivered.isEmpty() && !oldFailed.isEmpty());
        m_store->appendAudit({QString(),
                              m_clock.now(),
                              QStringLiteral("maria"),
                              QStringLiteral("retry"),
                              oldFailed,
                              QStringLiteral("ok"),
                              {}});
        QVERIFY(m_store->saveIncident({QStringLiteral("i-1"),
                                       Incident::Kind::WebhookOnly,
                                       Incident::Reached::Admin,
                                       m_clock.now(),
                                       m_clock.now().addSecs(600),
                                       {},
                                       {}}));
        QVERIFY(m_store->saveIncident({QStringLiteral("i-open"),
                                       Incident::Kind::TotalCommunicationLoss,
                                       Incident::Reached::None,
                                       m_clock.now(),
                                       {},
                                       {},
                                       {}}));

        RetentionPolicy policy;
        policy.notificationsDays = 30;
        policy.auditDays = 60;
        policy.incidentsDays = 90;
        Housekeeping housekeeping(m_store.get(), m_journal.get(), &m_clock, policy);

        // 31 days on: only the delivered notification is old enough.
        m_clock.advance(31 * kDayMs);
        const QString recent = addFinished(QStringLiteral("N"), NotificationState::Delivered);
        const qint64 seqBefore = m_journal->currentSeq();
        Housekeeping::Counts counts = run(housekeeping);
        QCOMPARE(counts.notifications, 1);
        QCOMPARE(counts.audit, 0);
        QCOMPARE(counts.incidents, 0);
        QVERIFY(!counts.failed);
        QVERIFY(!m_store->notification(oldDelivered, false));
        QVERIFY(m_store->notification(oldFailed, false)); // failed, unresolved: kept
        QVERIFY(m_store->notification(recent, false));
        // Consoles hear that rows went, and the run is in the audit log.
        const auto events = m_journal->since(seqBefore);
        QVERIFY(events);
        QStringList types;
        for (const LiveEvent &e : *events)
            types << liveEventTypeName(e.type);
        QVERIFY2(types.contains(liveEventTypeName(LiveEventType::QueueCleanup)),
                 qPrintable(types.join(u',')));
        QList<AuditEntry> entries = retentionEntries();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().actor, QStringLiteral("vigiad"));
        QCOMPARE(entries.first().outcome, QStringLiteral("ok"));
        QCOMPARE(entries.first().detail.value(QStringLiteral("notifications")).toInt(), 1);
        QCOMPARE(entries.first().detail.value(QStringLiteral("notifications_days")).toInt(), 30);

        // Nothing more to delete: no new audit entry.
        counts = run(housekeeping);
        QCOMPARE(counts.notifications + counts.audit + counts.incidents, 0);
        QCOMPARE(retentionEntries().size(), 1);

        // 91 days from the start: the old audit entry and the ended incident go;
        // the open incident and the failed notification stay.
        m_clock.setNow(kStart.addMSecs(91 * kDayMs));
        counts = run(housekeeping);
        QCOMPARE(counts.audit, 1);
        QCOMPARE(counts.incidents, 1);
        QCOMPARE(counts.notifications, 1); // the recent one is old too by now
        QVERIFY(m_store->notification(oldFailed, false));
        QCOMPARE(m_store->incidents(10).size(), 1);
        QCOMPARE(m_store->incidents(10).first().id, QStringLiteral("i-open"));
        entries = retentionEntries();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.first().detail.value(QStringLiteral("audit")).toInt(), 1);
        QCOMPARE(entries.first().detail.value(QStringLiteral("incidents")).toInt(), 1);
    }

    void zeroDaysKeepsForever()
    {
        QVERIFY(!addFinished(QStringLiteral("D"), NotificationState::Delivered).isEmpty());
        m_store->appendAudit({QString(),
                              m_clock.now(),
                              QStringLiteral("maria"),
                              QStringLiteral("retry"),
                              QString(),
                              QStringLiteral("ok"),
                              {}});
        RetentionPolicy policy;
        policy.notificationsDays = 0;
        policy.auditDays = 0;
        policy.incidentsDays = 0;
        Housekeeping housekeeping(m_store.get(), m_journal.get(), &m_clock, policy);
        m_clock.advance(20000 * kDayMs);
        const Housekeeping::Counts counts = run(housekeeping);
        QCOMPARE(counts.notifications + counts.audit + counts.incidents, 0);
        QCOMPARE(count(QStringLiteral("notifications")), 1);
        QCOMPARE(count(QStringLiteral("audit")), 1);
    }

    void deletesInBatchesBetweenEventLoopPasses()
    {
        for (int i = 0; i < 7; ++i)
            QVERIFY(!addFinished(QStringLiteral("D-%1").arg(i), NotificationState::Delivered)
                             .isEmpty());
        RetentionPolicy policy;
        policy.batchSize = 2;
        Housekeeping housekeeping(m_store.get(), m_journal.get(), &m_clock, policy);
        m_clock.advance(31 * kDayMs);

        // Count the batches: each is its own pass, so a posted call gets in between.
        int passes = 0;
        QSignalSpy finished(&housekeeping, &Housekeeping::runFinished);
        housekeeping.runNow();
        QVERIFY(housekeeping.isRunning());
        QCOMPARE(count(QStringLiteral("notifications")),
                 7); // nothing yet: runNow() returned at once
        std::function<void()> tick = [&] {
            ++passes;
            if (!housekeeping.isRunning())
                return;
            QMetaObject::invokeMethod(this, tick, Qt::QueuedConnection);
        };
        QMetaObject::invokeMethod(this, tick, Qt::QueuedConnection);
        QVERIFY(finished.wait(10000));
        QCOMPARE(housekeeping.lastRun().notifications, 7);
        QCOMPARE(count(QStringLiteral("notifications")), 0);
        // 4 batches of notifications, then audit and incidents: the event loop ran between.
        QVERIFY2(passes >= 4, qPrintable(QString::number(passes)));
    }

    void timerRunsSoonAfterStartThenOnTheInterval()
    {
        QVERIFY(!addFinished(QStringLiteral("D"), NotificationState::Delivered).isEmpty());
        m_clock.advance(31 * kDayMs);
        RetentionPolicy policy;
        policy.firstRunDelayMs = 10;
        policy.intervalMs = 50;
        Housekeeping housekeeping(m_store.get(), m_journal.get(), &m_clock, policy);
        QSignalSpy finished(&housekeeping, &Housekeeping::runFinished);
        housekeeping.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(housekeeping.lastRun().notifications, 1);
        // And again on the interval, with what became old meanwhile.
        QVERIFY(!addFinished(QStringLiteral("E"), NotificationState::Delivered).isEmpty());
        m_clock.advance(31 * kDayMs);
        QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 2, 5000);
        QCOMPARE(count(QStringLiteral("notifications")), 0);
    }
};

QTEST_GUILESS_MAIN(TstHousekeeping)
#include "tst_housekeeping.moc"

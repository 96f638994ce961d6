// LiveJournal: numbering, what it keeps (bounded in events and in bytes) and
// the two serialised forms of each event.
#include "LiveJournal.h"
#include "SecretRedaction.h"
#include "TestMode.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Vigia;

class TstLiveJournal final : public QObject
{
    Q_OBJECT

private:
    static QJsonObject payload(int bytes)
    {
        return {{QStringLiteral("text"), QString(bytes, u'x')}};
    }

private Q_SLOTS:
    void initTestCase() { TestSupport::enterTestMode(); }

    void keepsWithinItsByteBudget()
    {
        const qint64 budget = qint64(64) * 1024;
        LiveJournal journal(1000000, budget, 1);
        for (int i = 0; i < 1000; ++i)
            journal.publish(LiveEventType::Status, payload(1024));
        QVERIFY(journal.bytes() <= budget);
        // Roughly as many events as fit, not the 1000 the count would allow.
        QVERIFY(journal.size() < 70);
        QVERIFY(journal.size() > 50);
        const auto recent = journal.since(journal.currentSeq() - journal.size());
        QVERIFY(recent);
        QCOMPARE(recent->size(), journal.size());
        // Older than what is kept: the client must resync.
        QVERIFY(!journal.since(journal.currentSeq() - journal.size() - 1));
    }

    // Several instances (PostgreSQL): publish() only hands the event to the
    // shared journal; what comes back from it, from any instance, is kept
    // and emitted in the shared seq order, secrets redacted as ever.
    void aSharedJournalNumbersTheEvents()
    {
        LiveJournal journal(100, qint64(1024) * 1024, 1);
        QList<std::pair<LiveEventType, QByteArray>> appended;
        QList<LiveJournal::NotificationStamp> stamps;
        journal.setShared([&appended, &stamps](LiveEventType type, const QByteArray &dataWire,
                                               const LiveJournal::NotificationStamp &stamp) {
            appended.append({type, dataWire});
            stamps.append(stamp);
            return std::optional<qint64>(40 + appended.size());
        });
        QSignalSpy published(&journal, &LiveJournal::published);
        QCOMPARE(journal.publish(LiveEventType::Status, {{QStringLiteral("state"), 1}}), 41);
        QCOMPARE(appended.size(), 1);
        QCOMPARE(appended.constFirst().first, LiveEventType::Status);
        QCOMPARE(appended.constFirst().second, QByteArrayLiteral("{\"state\":1}"));
        QCOMPARE(published.size(), 0); // not until it comes back
        QCOMPARE(journal.currentSeq(), 0);
        QVERIFY(stamps.constFirst().id.isEmpty());

        // A notification's change goes with which change it is, so the
        // shared journal can keep an older one from coming last.
        Notification n;
        n.id = QStringLiteral("n-7");
        n.recipient = QStringLiteral("+584241234567");
        n.updatedAt = QDateTime(QDate(2026, 12, 4), QTime(10, 0, 0, 5), Qt::UTC);
        QCOMPARE(journal.publishNotification(n), 42);
        QCOMPARE(appended.constLast().second, n.toWire());
        QCOMPARE(stamps.constLast().id, n.id);
        QCOMPARE(stamps.constLast().updatedAt, n.updatedAt);

        const QByteArray secret =
                QByteArrayLiteral("{\"target\":\"https://discord.com/api/webhooks/1/s3cret\"}");
        journal.ingest(41, LiveEventType::Status, appended.constFirst().second);
        journal.ingest(45, LiveEventType::Notification, secret); // another instance's
        journal.ingest(43, LiveEventType::Status, QByteArrayLiteral("{}")); // late: had it
        QCOMPARE(published.size(), 2);
        QCOMPARE(journal.currentSeq(), 45);
        const auto event = published.at(1).at(0).value<LiveEvent>();
        QCOMPARE(event.seq, 45);
        QVERIFY(event.wire.contains("s3cret"));
        QVERIFY(!event.redactedWire.contains("s3cret"));
        const auto since = journal.since(41);
        QVERIFY(since);
        QCOMPARE(since->size(), 1);
        QCOMPARE(since->constFirst().seq, 45);
        QVERIFY(!journal.since(46)); // a seq this instance has not seen: resync
    }

    void keepsWithinItsEventCount()
    {
        LiveJournal journal(3, qint64(16) * 1024 * 1024, 1);
        for (int i = 0; i < 10; ++i)
            journal.publish(LiveEventType::Status, payload(10));
        QCOMPARE(journal.size(), 3);
        QVERIFY(journal.since(7));
        QVERIFY(!journal.since(6));
    }

    void anEventBiggerThanTheBudgetIsNotKept()
    {
        LiveJournal journal(100, qint64(64) * 1024, 1);
        journal.publish(LiveEventType::Status, payload(10));
        QSignalSpy published(&journal, &LiveJournal::published);
        journal.publish(LiveEventType::Status, payload(100 * 1024));
        QCOMPARE(published.size(), 1); // still sent to whoever is connected
        QCOMPARE(journal.size(), 0);
        QCOMPARE(journal.bytes(), 0);
        QVERIFY(!journal.since(journal.currentSeq() - 1));
        QVERIFY(journal.since(journal.currentSeq()));
    }

    void eventsWithoutSecretsShareOneForm()
    {
        LiveJournal journal(10, qint64(1024) * 1024, 1);
        QSignalSpy published(&journal, &LiveJournal::published);
        journal.publish(LiveEventType::Notification,
                        {{QStringLiteral("recipient"), QStringLiteral("+58 424-1234567")}});
        const auto event = published.first().first().value<LiveEvent>();
        QVERIFY(event.redactedWire.isSharedWith(event.wire));
        QCOMPARE(event.bytes(), event.wire.size());
        QCOMPARE(event.data().value(QStringLiteral("recipient")).toString(),
                 QStringLiteral("+58 424-1234567"));
    }

    void anEventAroundSerialisedDataIsTheSameBytes()
    {
        // The event is put together around its data serialised once; the
        // bytes must be what serialising the whole event gives.
        const QJsonObject data{{QStringLiteral("id"), QStringLiteral("n-1")},
                               {QStringLiteral("text"), QStringLiteral("Pedido \"42\" listo")},
                               {QStringLiteral("attempts"), 2}};
        const QByteArray dataWire = QJsonDocument(data).toJson(QJsonDocument::Compact);
        for (const LiveEventType type : {LiveEventType::Notification, LiveEventType::Session}) {
            const LiveEvent event = LiveEvent::make(41, type, dataWire);
            const QJsonObject whole{{QStringLiteral("seq"), 41},
                                    {QStringLiteral("type"), liveEventTypeName(type)},
                                    {QStringLiteral("data"), data}};
            QCOMPARE(event.wire, QJsonDocument(whole).toJson(QJsonDocument::Compact));
            QCOMPARE(event.data(), data);
        }
        // A secret inside is still redacted in the second form.
        const QJsonObject secret{{QStringLiteral("recipient"),
                                  QStringLiteral("https://discord.com/api/webhooks/1/s3cret")}};
        const LiveEvent withSecret =
                LiveEvent::make(42, LiveEventType::Notification,
                                QJsonDocument(secret).toJson(QJsonDocument::Compact));
        QVERIFY(withSecret.wire.contains("s3cret"));
        QVERIFY(!withSecret.redactedWire.contains("s3cret"));
        QVERIFY(withSecret.redactedWire.contains("webhooks"));
    }

    void aNotificationIsPublishedAsItsWire()
    {
        LiveJournal journal(10, qint64(1024) * 1024, 1);
        QSignalSpy published(&journal, &LiveJournal::published);
        Notification n;
        n.id = QStringLiteral("n-9");
        n.channel = Channel::Discord;
        n.recipient = QStringLiteral("https://discord.com/api/webhooks/9/s3cret");
        n.text = QStringLiteral("Ana \"left\"");
        journal.publishNotification(n);
        const auto event = published.first().first().value<LiveEvent>();
        QCOMPARE(event.data(), n.toJson());
        QVERIFY(event.wire.contains("s3cret"));
        QVERIFY(!event.redactedWire.contains("s3cret"));
    }

    void secretsAreRedactedInTheSecondForm()
    {
        LiveJournal journal(10, qint64(1024) * 1024, 1);
        QSignalSpy published(&journal, &LiveJournal::published);
        const QString url = QStringLiteral("https://discord.com/api/webhooks/123/s3cret");
        journal.publish(
                LiveEventType::Session,
                {{QStringLiteral("exit_notice"), QJsonObject{{QStringLiteral("recipient"), url}}}});
        const auto event = published.first().first().value<LiveEvent>();
        QVERIFY(event.wire.contains("s3cret"));
        QVERIFY(!event.redactedWire.contains("s3cret"));
        QCOMPARE(QJsonDocument::fromJson(event.redactedWire)
                         .object()
                         .value(QStringLiteral("seq"))
                         .toInteger(),
                 event.seq);
        QCOMPARE(event.bytes(), event.wire.size() + event.redactedWire.size());
        QCOMPARE(journal.bytes(), event.bytes());
    }
};

QTEST_GUILESS_MAIN(TstLiveJournal)
#include "tst_livejournal.moc"

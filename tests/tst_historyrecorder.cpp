// vigiad's history: what a minute held, per channel, stored when the minute
// ends, announced on the live feed and served by GET /v1/history, with the
// status' periods. A real vigiad on a real SQLite file and a WAHA double on
// loopback; time comes from a ManualClock, moved instead of waited for.
#include "Clock.h"
#include "HistoryRecorder.h"
#include "LiveJournal.h"
#include "ServiceFixture.h"
#include "SqliteHistoryStore.h"
#include "StatusTracker.h"
#include "Store.h"
#include "TestSupport.h"
#include "TimeCodec.h"

#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Vigia;
using namespace Vigia::TestSupport;

namespace {
// Five seconds into a minute, so the test's own steps stay inside it.
const QDateTime kStart(QDate(2026, 3, 2), QTime(9, 0, 5), Qt::UTC);
const QDateTime kMinute(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
} // namespace

class TstHistoryRecorder final : public QObject
{
    Q_OBJECT

    ManualClock m_clock{kStart}; // outlives every fixture
    std::unique_ptr<ServiceFixture> m_fixture;
    Http *m_http = nullptr;
    QString m_bot;
    QString m_viewer;
    QString m_support;

    QString enqueue(const QString &orderId)
    {
        const HttpReply r =
                m_http->post(QStringLiteral("/v1/notifications"), m_bot, whatsappBody(orderId));
        return r.status == 201 ? r.json.value(QStringLiteral("id")).toString() : QString();
    }
    QString stateOf(const QString &id)
    {
        const auto n = m_fixture->store()->notification(id, false);
        return n ? stateName(n->state) : QString();
    }
    HistoryRecorder *recorder() const { return m_fixture->service()->history(); }
    HttpReply history(const QUrlQuery &query)
    {
        return m_http->get(QStringLiteral("/v1/history?") + query.toString(QUrl::FullyEncoded),
                           m_viewer);
    }

    static void configure(ServiceConfig &c)
    {
        c.delivery.ackTimeoutMs = 0; // the double sends no acks
        c.maxAttempts = 1;
    }

private Q_SLOTS:
    void initTestCase() { enterTestMode(); }

    void init()
    {
        m_clock.setNow(kStart);
        m_fixture = std::make_unique<ServiceFixture>();
        m_fixture->setClock(&m_clock);
        QVERIFY(m_fixture->start(&configure));
        m_http = &m_fixture->http();
        m_bot = m_fixture->token(Role::Bot);
        m_viewer = m_fixture->token(Role::Viewer);
        m_support = m_fixture->token(Role::Support);
    }

    void cleanup()
    {
        m_http = nullptr;
        m_fixture.reset();
    }

    void aMinuteCountsWhatHappenedInIt()
    {
        m_fixture->waha()->setApiKey(QByteArrayLiteral("rotated")); // the next send fails
        const QString failed = enqueue(QStringLiteral("H-F"));
        QTRY_COMPARE(stateOf(failed), QStringLiteral("failed"));
        QTRY_COMPARE(m_fixture->service()->dispatcher()->inFlight(), 0); // outcome heard
        m_fixture->waha()->setApiKey(QByteArray());
        const QString a = enqueue(QStringLiteral("H-1"));
        const QString b = enqueue(QStringLiteral("H-2"));
        QTRY_COMPARE(stateOf(a), QStringLiteral("delivered"));
        QTRY_COMPARE(stateOf(b), QStringLiteral("delivered"));
        QTRY_COMPARE(m_fixture->service()->dispatcher()->inFlight(), 0); // outcome heard
        QCOMPARE(m_http->post(QStringLiteral("/v1/notifications/%1/resolve").arg(failed), m_support,
                              {{QStringLiteral("method"), QStringLiteral("phone_call")}})
                         .status,
                 200);

        ChannelActivity expected;
        expected.enqueued = 3;
        expected.attempts = 3;
        expected.delivered = 2;
        expected.failed = 1;
        expected.resolved = 1;
        expected.latencyP50Ms = 0; // the clock did not move
        expected.latencyP95Ms = 0;
        QCOMPARE(recorder()->currentMinute().channels.value(QStringLiteral("whatsapp")), expected);

        // Served before the minute ends: the minute under way is in its bucket.
        const HttpReply now = history({});
        QCOMPARE(now.status, 200);
        const QJsonArray buckets = now.json.value(QStringLiteral("buckets")).toArray();
        QCOMPARE(buckets.size(), 1);
        const auto served = HistoryBucket::fromJson(buckets.first().toObject());
        QVERIFY(served);
        QCOMPARE(served->at, kMinute);
        QCOMPARE(served->channels.value(QStringLiteral("whatsapp")), expected);

        // The minute ends: stored, announced, and the next one starts empty.
        // Its queue figures are the status' (recounted at most every 250 ms).
        QTRY_COMPARE(m_fixture->service()->statusTracker()->status().counts.failed, 0);
        QTRY_COMPARE(m_fixture->service()->statusTracker()->status().counts.waiting, 0);
        const qint64 seq = m_fixture->service()->journal()->currentSeq();
        m_clock.advance(60 * 1000);
        recorder()->tick();
        const QList<HistoryBucket> stored =
                m_fixture->store()->history(kMinute, kMinute.addSecs(3600), 60);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().channels.value(QStringLiteral("whatsapp")), expected);
        QCOMPARE(stored.first().waiting, 0);
        QCOMPARE(stored.first().failedTotal, 0); // resolved
        const auto events = m_fixture->service()->journal()->since(seq);
        QVERIFY(events);
        int minutes = 0;
        for (const LiveEvent &e : *events) {
            if (e.type == LiveEventType::HistoryMinute) {
                ++minutes;
                QCOMPARE(fromRfc3339(e.data().value(QStringLiteral("at")).toString()), kMinute);
            }
        }
        QCOMPARE(minutes, 1);
        QVERIFY(recorder()->currentMinute().channels.isEmpty());

        // An hour's bucket sums the stored minute and the one under way.
        const QString c = enqueue(QStringLiteral("H-3"));
        QTRY_COMPARE(stateOf(c), QStringLiteral("delivered"));
        QTRY_COMPARE(m_fixture->service()->dispatcher()->inFlight(), 0); // outcome heard
        const HttpReply hourly = history({{QStringLiteral("step"), QStringLiteral("3600")},
                                          {QStringLiteral("from"), toRfc3339(kMinute)}});
        QCOMPARE(hourly.status, 200);
        const QJsonArray hours = hourly.json.value(QStringLiteral("buckets")).toArray();
        QCOMPARE(hours.size(), 1);
        const auto hour = HistoryBucket::fromJson(hours.first().toObject());
        QCOMPARE(hour->stepS, 3600);
        QCOMPARE(hour->total().enqueued, 4);
        QCOMPARE(hour->total().delivered, 3);
    }

    // vigiad stopped and started again within a minute: the minute holds
    // what both runs did, not only the second's.
    void aRestartWithinTheMinuteKeepsBothParts()
    {
        const QString before = enqueue(QStringLiteral("R-1"));
        QTRY_COMPARE(stateOf(before), QStringLiteral("delivered"));
        QTRY_COMPARE(m_fixture->service()->dispatcher()->inFlight(), 0); // outcome heard
        QVERIFY(m_fixture->restart(&configure));
        m_http = &m_fixture->http();
        const QString after = enqueue(QStringLiteral("R-2"));
        QTRY_COMPARE(stateOf(after), QStringLiteral("delivered"));
        // Stored on the delivery store thread, the outcome reaches the
        // recorder a moment later, with the dispatcher's answer.
        QTRY_COMPARE(m_fixture->service()->dispatcher()->inFlight(), 0);
        m_clock.advance(60 * 1000);
        recorder()->tick();
        const QList<HistoryBucket> stored =
                m_fixture->store()->history(kMinute, kMinute.addSecs(60), 60);
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.first().channels.value(QStringLiteral("whatsapp")).delivered, 2);
        QCOMPARE(stored.first().channels.value(QStringLiteral("whatsapp")).enqueued, 2);
    }

    void aMinuteWithNothingIsStillAPointOfTheQueue()
    {
        m_clock.advance(60 * 1000);
        recorder()->tick();
        const QList<HistoryBucket> stored =
                m_fixture->store()->history(kMinute, kMinute.addSecs(600), 60);
        QCOMPARE(stored.size(), 1);
        QVERIFY(stored.first().channels.isEmpty());
        QCOMPARE(stored.first().waiting, 0);
    }

    void badParametersAreRefusedAndChangeNothing_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::newRow("step not in minutes") << "step=90"
                                             << "step";
        QTest::newRow("step too short") << "step=30"
                                        << "step";
        QTest::newRow("step not a number") << "step=hour"
                                           << "step";
        QTest::newRow("from not a time") << "from=yesterday"
                                         << "from";
        QTest::newRow("to not a time") << "to=2026-13-01T00:00:00Z"
                                       << "to";
        QTest::newRow("from after to") << "from=2026-03-02T10:00:00Z&to=2026-03-02T09:00:00Z"
                                       << "from";
        QTest::newRow("too many buckets")
                << "from=2026-01-01T00:00:00Z&to=2026-03-02T00:00:00Z&step=60"
                << "step";
    }

    void badParametersAreRefusedAndChangeNothing()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        const HttpReply r = history(QUrlQuery(query));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_parameter"));
        QCOMPARE(r.json.value(QStringLiteral("field")).toString(), field);
        QVERIFY(!r.json.value(QStringLiteral("message")).toString().isEmpty());
    }

    void statusPeriodsFollowTheStatus()
    {
        Store *store = m_fixture->store();
        const QDateTime t0 = kStart.addSecs(100);
        QVERIFY(store->saveStatusChange(t0, StatusState::Critical,
                                        QStringLiteral("nobody_reached")));
        QVERIFY(store->saveStatusChange(t0.addSecs(300), StatusState::Online, QString()));
        // The period under way at `from` is included, ended by the next one.
        const QList<StatusPeriod> periods = store->statusPeriods(t0.addSecs(60), t0.addSecs(3600));
        QCOMPARE(periods.size(), 2);
        QCOMPARE(periods.at(0).state, StatusState::Critical);
        QCOMPARE(periods.at(0).from, t0);
        QCOMPARE(periods.at(0).to, t0.addSecs(300));
        QCOMPARE(periods.at(1).state, StatusState::Online);
        QVERIFY(!periods.at(1).to.isValid());

        const HttpReply r = history({{QStringLiteral("from"), toRfc3339(t0)},
                                     {QStringLiteral("to"), toRfc3339(t0.addSecs(3600))}});
        QCOMPARE(r.status, 200);
        const QJsonArray served = r.json.value(QStringLiteral("periods")).toArray();
        QCOMPARE(served.size(), 2);
        QCOMPARE(served.first().toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("critical"));
        QCOMPARE(served.first().toObject().value(QStringLiteral("reason_code")).toString(),
                 QStringLiteral("nobody_reached"));
    }

    void retentionKeepsFourteenDays()
    {
        Store *store = m_fixture->store();
        HistoryBucket old;
        old.at = kMinute.addDays(-20);
        old.channels.insert(QStringLiteral("discord"), ChannelActivity{1, 1, 1, 0, 0, 0, 5, 5});
        HistoryBucket recent = old;
        recent.at = kMinute.addDays(-1);
        QVERIFY(store->saveHistoryMinute(old));
        QVERIFY(store->saveHistoryMinute(recent));
        QVERIFY(store->purgeHistory(kMinute.addDays(-HistoryRecorder::kKeepDays),
                                    kMinute.addDays(-HistoryRecorder::kKeepHoursDays), 100)
                > 0);
        QVERIFY(store->history(old.at, old.at.addSecs(60), 60).isEmpty());
        QCOMPARE(store->history(recent.at, recent.at.addSecs(60), 60).size(), 1);
        // The minute's hour outlives it: a month back is still on the charts.
        const QList<HistoryBucket> hours = store->hourlyHistory(old.at, old.at.addSecs(60), 3600);
        QCOMPARE(hours.size(), 1);
        QCOMPARE(hours.first().total().delivered, 1);
        const HttpReply served =
                history({{QStringLiteral("from"), toRfc3339(old.at.addSecs(-3600))},
                         {QStringLiteral("to"), toRfc3339(old.at.addSecs(3600))},
                         {QStringLiteral("step"), QStringLiteral("3600")}});
        QCOMPARE(served.status, 200);
        QCOMPARE(served.json.value(QStringLiteral("buckets")).toArray().size(), 1);
    }

    // Minutes roll up into hours as they are stored: sums per channel, the
    // p50 weighted by deliveries, the worst p95, the queue's peak and its
    // last figures; a minute written again replaces its share, and the hours
    // go after a year, with the status periods.
    void hoursRollUpTheirMinutesAndOutliveThem()
    {
        Store *store = m_fixture->store();
        // After the fixture's own start, so the purge takes its status period too.
        const QDateTime hour(QDate(2026, 3, 4), QTime(14, 0), Qt::UTC);
        const auto minute = [&](int m, int delivered, int p50, int p95, int waiting,
                                StatusState state) {
            HistoryBucket b;
            b.at = hour.addSecs(60 * m);
            b.channels.insert(
                    QStringLiteral("whatsapp"),
                    ChannelActivity{delivered + 1, delivered + 1, delivered, 0, 1, 0, p50, p95});
            b.waiting = waiting;
            b.failedTotal = m; // the last minute's is the hour's
            b.state = state;
            return b;
        };
        QVERIFY(store->saveHistoryMinute(minute(0, 1, 100, 900, 7, StatusState::Degraded)));
        QVERIFY(store->saveHistoryMinute(minute(30, 3, 200, 400, 40, StatusState::Critical)));
        // Written in two parts (vigiad restarted within the minute): added up.
        QVERIFY(store->saveHistoryMinute(minute(59, 0, -1, -1, 3, StatusState::Critical)));
        HistoryBucket rest = minute(59, 0, -1, -1, 2, StatusState::Online);
        rest.channels[QStringLiteral("whatsapp")].enqueued = 0;
        QVERIFY(store->saveHistoryMinute(rest));
        HistoryBucket otherChannel;
        otherChannel.at = hour.addSecs(60 * 10);
        otherChannel.channels.insert(QStringLiteral("discord"),
                                     ChannelActivity{5, 5, 5, 0, 0, 0, 50, 60});
        QVERIFY(store->saveHistoryMinute(otherChannel));
        // The next hour is an hour of its own.
        QVERIFY(store->saveHistoryMinute(minute(60, 9, 10, 10, 0, StatusState::Online)));

        const QList<HistoryBucket> hours =
                store->hourlyHistory(hour.addSecs(1800), hour.addSecs(3600), 3600);
        QCOMPARE(hours.size(), 1); // the hour holding `from` counts whole
        const HistoryBucket &h = hours.first();
        QCOMPARE(h.at, hour);
        QCOMPARE(h.stepS, 3600);
        const ChannelActivity wa = h.channels.value(QStringLiteral("whatsapp"));
        QCOMPARE(wa.enqueued, 2 + 4 + 1);
        QCOMPARE(wa.delivered, 4);
        QCOMPARE(wa.failed, 4);
        QCOMPARE(wa.attempts, 2 + 4 + 1 + 1);
        QCOMPARE(wa.latencyP50Ms, (100 * 1 + 200 * 3) / 4);
        QCOMPARE(wa.latencyP95Ms, 900);
        QCOMPARE(h.channels.value(QStringLiteral("discord")).delivered, 5);
        QCOMPARE(h.waiting, 40);
        QCOMPARE(h.failedTotal, 59);
        QCOMPARE(h.state, StatusState::Online);
        // A day's bucket sums its hours the same way.
        const QList<HistoryBucket> days = store->hourlyHistory(hour, hour.addDays(1), 86400);
        QCOMPARE(days.size(), 1);
        QCOMPARE(days.first().total().delivered, 4 + 5 + 9);
        QCOMPARE(days.first().stepS, 86400);

        // A year on, the minutes (long gone) and hours go, with the periods.
        QVERIFY(store->saveStatusChange(hour, StatusState::Critical, QString()));
        QVERIFY(store->saveStatusChange(hour.addSecs(600), StatusState::Online, QString()));
        const QDateTime later = hour.addDays(400);
        QVERIFY(store->saveStatusChange(later, StatusState::Degraded, QString()));
        QVERIFY(store->purgeHistory(later.addDays(-HistoryRecorder::kKeepDays),
                                    later.addDays(-HistoryRecorder::kKeepHoursDays), 1000)
                > 0);
        QVERIFY(store->hourlyHistory(hour, hour.addDays(1), 3600).isEmpty());
        const QList<StatusPeriod> periods = store->statusPeriods(hour, later.addSecs(1));
        QCOMPARE(periods.size(), 2); // the one under way at the cut, and the last
        QCOMPARE(periods.first().state, StatusState::Online);
    }

    // A console back after a gap asks what changed since it last saw vigiad.
    void theDigestSaysWhatChangedSince()
    {
        const QDateTime away = m_clock.now();
        m_fixture->waha()->setApiKey(QByteArrayLiteral("rotated"));
        const QString failed = enqueue(QStringLiteral("D-F"));
        QTRY_COMPARE(stateOf(failed), QStringLiteral("failed"));
        QTRY_COMPARE(m_fixture->service()->dispatcher()->inFlight(), 0); // outcome heard
        m_fixture->waha()->setApiKey(QByteArray());
        const QString delivered = enqueue(QStringLiteral("D-1"));
        QTRY_COMPARE(stateOf(delivered), QStringLiteral("delivered"));
        QTRY_COMPARE(m_fixture->service()->dispatcher()->inFlight(), 0); // outcome heard
        m_clock.advance(60 * 1000);
        recorder()->tick(); // one minute stored, the next one under way
        const QString later = enqueue(QStringLiteral("D-2"));
        QTRY_COMPARE(stateOf(later), QStringLiteral("delivered"));
        QTRY_COMPARE(m_fixture->service()->dispatcher()->inFlight(), 0); // outcome heard
        QCOMPARE(m_http->post(QStringLiteral("/v1/notifications/%1/resolve").arg(failed),
                              m_fixture->token(Role::Admin),
                              {{QStringLiteral("method"), QStringLiteral("phone_call")}})
                         .status,
                 200);

        const QString path = QStringLiteral("/v1/digest?since=") + toRfc3339(away);
        const HttpReply viewer = m_http->get(path, m_viewer);
        QCOMPARE(viewer.status, 200);
        const ChannelActivity activity =
                ChannelActivity::fromJson(viewer.json.value(QStringLiteral("activity")).toObject());
        QCOMPARE(activity.enqueued, 3);
        QCOMPARE(activity.delivered, 2);
        QCOMPARE(activity.failed, 1);
        QCOMPARE(activity.resolved, 1);
        QCOMPARE(viewer.json.value(QStringLiteral("since_truncated")).toBool(true), false);
        QVERIFY(!viewer.json.contains(QStringLiteral("actions"))); // the audit is for admins
        const HttpReply admin = m_http->get(path, m_fixture->token(Role::Admin));
        const QJsonArray actions = admin.json.value(QStringLiteral("actions")).toArray();
        QCOMPARE(actions.size(), 1);
        QCOMPARE(actions.first().toObject().value(QStringLiteral("action")).toString(),
                 QStringLiteral("resolve"));

        // Since a later time, less; a bad or future `since` is refused.
        const HttpReply recent = m_http->get(
                QStringLiteral("/v1/digest?since=") + toRfc3339(m_clock.now()), m_viewer);
        QCOMPARE(ChannelActivity::fromJson(recent.json.value(QStringLiteral("activity")).toObject())
                         .enqueued,
                 1);
        QCOMPARE(m_http->get(QStringLiteral("/v1/digest"), m_viewer).status, 400);
        QCOMPARE(m_http->get(QStringLiteral("/v1/digest?since=")
                                     + toRfc3339(m_clock.now().addSecs(60)),
                             m_viewer)
                         .status,
                 400);
        // Older than the history keeps: moved up, and said so.
        const HttpReply old = m_http->get(
                QStringLiteral("/v1/digest?since=") + toRfc3339(away.addDays(-30)), m_viewer);
        QCOMPARE(old.json.value(QStringLiteral("since_truncated")).toBool(), true);
    }

    // What operators did comes with the history, for the charts to mark:
    // a cleanup yes, a claim no; who did it only for those who read the audit.
    void operatorActionsComeWithTheHistory()
    {
        m_fixture->waha()->setApiKey(QByteArrayLiteral("rotated"));
        const QString failed = enqueue(QStringLiteral("A-F"));
        QTRY_COMPARE(stateOf(failed), QStringLiteral("failed"));
        QTRY_COMPARE(m_fixture->service()->dispatcher()->inFlight(), 0); // outcome heard
        const QString admin = m_fixture->token(Role::Admin);
        QCOMPARE(m_http->post(QStringLiteral("/v1/notifications/%1/claim").arg(failed), admin, {})
                         .status,
                 200);
        QCOMPARE(m_http->post(QStringLiteral("/v1/queue/cleanup"), admin,
                              {{QStringLiteral("older_than_days"), 30}})
                         .status,
                 200);
        m_clock.advance(1000); // the range ends now, and now is after them
        const auto actionsFor = [&](const QString &token) {
            return m_http
                    ->get(QStringLiteral("/v1/history?from=")
                                  + QString::fromLatin1(
                                          QUrl::toPercentEncoding(toRfc3339(kMinute))),
                          token)
                    .json.value(QStringLiteral("actions"))
                    .toArray();
        };
        const QJsonArray seen = actionsFor(admin);
        QCOMPARE(seen.size(), 1);
        const QJsonObject cleanup = seen.first().toObject();
        QCOMPARE(cleanup.value(QStringLiteral("action")).toString(), QStringLiteral("cleanup"));
        QCOMPARE(cleanup.value(QStringLiteral("outcome")).toString(), QStringLiteral("ok"));
        QCOMPARE(cleanup.value(QStringLiteral("actor")).toString(), QStringLiteral("ana-admin"));
        const QJsonArray anonymous = actionsFor(m_viewer);
        QCOMPARE(anonymous.size(), 1);
        QVERIFY(!anonymous.first().toObject().contains(QStringLiteral("actor")));
    }

    // A read over a range of minutes walks that range of the key, however
    // many days are kept.
    void theHistoryReadUsesItsKey()
    {
        const QString plan = queryPlan(m_fixture->dir().filePath(QStringLiteral("vigia.db")),
                                       SqliteHistoryStore::historySql());
        QVERIFY2(plan.contains(QLatin1String("SEARCH history_minutes")), qPrintable(plan));
        QVERIFY2(!plan.contains(QLatin1String("SCAN history_minutes")), qPrintable(plan));
        const QString hourly = queryPlan(m_fixture->dir().filePath(QStringLiteral("vigia.db")),
                                         SqliteHistoryStore::hourlyHistorySql());
        QVERIFY2(hourly.contains(QLatin1String("SEARCH history_hours")), qPrintable(hourly));
        QVERIFY2(!hourly.contains(QLatin1String("SCAN history_hours")), qPrintable(hourly));
    }
};

QTEST_GUILESS_MAIN(TstHistoryRecorder)
#include "tst_historyrecorder.moc"

// Sessions and conversations that survive bot restarts, end to end through
// the REST API of a real vigiad, with a Discord double as the channel.
#include "DiscordDouble.h"
#include "LiveJournal.h"
#include "ServiceFixture.h"
#include "SessionRegistry.h"
#include "Store.h"
#include "TestSupport.h"
#include "VigiaService.h"
#include "WahaDouble.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrlQuery>

using namespace Vigia;
using namespace Vigia::TestSupport;

class TstSessionRegistry final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<DiscordDouble> m_discord;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<ServiceFixture> m_fixture;
    VigiaService *m_service = nullptr;
    Http *m_http = nullptr;
    QString m_bot;
    QString m_admin;
    bool m_notifyMoves = false;
    std::optional<SessionNoticeTexts> m_texts; // unset: the default (Spanish)

    // Again after stopService(): the same store, as a restarted vigiad.
    void startService()
    {
        const bool notifyMoves = m_notifyMoves;
        const std::optional<SessionNoticeTexts> texts = m_texts;
        QVERIFY(m_fixture->start([notifyMoves, texts](ServiceConfig &config) {
            config.sessions.staleAfterS = 600;
            config.sessions.notifyMoves = notifyMoves;
            if (texts)
                config.sessions.texts = *texts;
            config.probeIntervalMs = 0;
        }));
        m_service = m_fixture->service();
        m_http = &m_fixture->http();
        m_bot = m_fixture->token(Role::Bot);
        m_admin = m_fixture->token(Role::Admin);
    }
    void stopService()
    {
        m_http = nullptr;
        m_service = nullptr;
        m_fixture->stop();
    }

    QJsonObject voiceBody(const QString &user, const QString &channel, bool notified) const
    {
        return {{QStringLiteral("user_id"), user},
                {QStringLiteral("username"), user},
                {QStringLiteral("where"), channel},
                {QStringLiteral("confirmed"), true},
                {QStringLiteral("entry_notified"), notified},
                {QStringLiteral("exit_notice"),
                 QJsonObject{{QStringLiteral("channel"), QStringLiteral("discord")},
                             {QStringLiteral("recipient"), m_discord->webhookUrl().toString()},
                             {QStringLiteral("text"),
                              QStringLiteral("%1 salió de %2").arg(user, channel)}}}};
    }

    // What `count` sweeps (the timer's, run by hand) published on the live feed.
    QList<LiveEvent> sweep(int count = 1)
    {
        const qint64 before = m_service->journal()->currentSeq();
        for (int i = 0; i < count; ++i)
            m_service->sessions()->sweep();
        return m_service->journal()->since(before).value_or(QList<LiveEvent>());
    }
    bool firstSessionIsSuspect()
    {
        return m_http->get(QStringLiteral("/v1/sessions"), m_bot)
                .json.value(QStringLiteral("items"))
                .toArray()
                .at(0)
                .toObject()
                .value(QStringLiteral("suspect"))
                .toBool();
    }

    HttpReply put(const QString &path, const QJsonObject &body)
    {
        return m_http->request("PUT", path, m_bot,
                               QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    HttpReply patch(const QString &path, const QJsonObject &body)
    {
        return m_http->request("PATCH", path, m_bot,
                               QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    // A voice session whose exit notice names the place through {where}.
    QJsonObject voiceBodyWithPlaceholders(const QString &user, const QString &channel) const
    {
        QJsonObject body = voiceBody(user, channel, true);
        QJsonObject notice = body.value(QStringLiteral("exit_notice")).toObject();
        notice.insert(QStringLiteral("text"), QStringLiteral("{user} salió de {where}"));
        body.insert(QStringLiteral("exit_notice"), notice);
        return body;
    }
    QString discordText(qsizetype i) const
    {
        return m_discord->accepted().at(i).value(QStringLiteral("content")).toString();
    }

    static QJsonObject present(const QString &key, const QString &where)
    {
        return {{QStringLiteral("key"), key},
                {QStringLiteral("user_id"), key},
                {QStringLiteral("username"), key},
                {QStringLiteral("where"), where}};
    }

    // Runs SQL on vigiad's store file through a connection of the test's
    // own, as another process would: how a failing store is made real.
    bool onStoreFile(const QString &sql)
    {
        const QString name = QStringLiteral("tst_sessionregistry_injector");
        bool ok = false;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_service->config().sqlitePath);
            QSqlQuery q(db);
            ok = db.open() && q.exec(sql);
            if (!ok)
                qWarning("%ls", qUtf16Printable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(name);
        return ok;
    }
    static QString refuseNotifications()
    {
        return QStringLiteral("CREATE TRIGGER refuse_notifications BEFORE INSERT ON notifications"
                              " BEGIN SELECT RAISE(ABORT, 'injected: disk full'); END");
    }

    HttpReply reconcile(const QString &kind, const QJsonArray &presentList)
    {
        return m_http->post(QStringLiteral("/v1/sessions/%1/reconcile").arg(kind), m_bot,
                            {{QStringLiteral("present"), presentList}});
    }

    // Both lists page like the notifications: limit, an opaque cursor, next_cursor
    // null on the last page; following the cursors gives each row exactly once.
    QStringList allPages(const QString &path, const QString &token, int limit, int *pages)
    {
        QStringList keys;
        QString cursor;
        *pages = 0;
        do {
            QUrlQuery query(QUrl(path).query());
            query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
            if (!cursor.isEmpty())
                query.addQueryItem(QStringLiteral("cursor"), cursor);
            const HttpReply r = m_http->get(
                    QUrl(path).path() + u'?' + query.toString(QUrl::FullyEncoded), token);
            if (r.status != 200) {
                qWarning() << r.status << r.body;
                return {};
            }
            const QJsonArray items = r.json.value(QStringLiteral("items")).toArray();
            if (items.size() > limit)
                return {};
            for (const auto &v : items) {
                const QJsonObject o = v.toObject();
                keys << (o.contains(QStringLiteral("kind"))
                                 ? o.value(QStringLiteral("kind")).toString() + u'/'
                                         + o.value(QStringLiteral("key")).toString()
                                 : o.value(QStringLiteral("user")).toString() + u'/'
                                         + o.value(QStringLiteral("flow")).toString());
            }
            const QJsonValue next = r.json.value(QStringLiteral("next_cursor"));
            if (!next.isNull() && !next.isString())
                return {};
            cursor = next.toString();
            ++*pages;
        } while (!cursor.isEmpty() && *pages < 100);
        return keys;
    }

private Q_SLOTS:
    void initTestCase() { enterTestMode(); }

    void init()
    {
        m_discord = std::make_unique<DiscordDouble>();
        QVERIFY(m_discord->start());
        m_clock = std::make_unique<ManualClock>(QDateTime::currentDateTimeUtc());
        m_fixture = std::make_unique<ServiceFixture>();
        m_fixture->setClock(m_clock.get());
        startService();
    }

    void cleanup()
    {
        stopService();
        m_fixture.reset();
        m_discord.reset();
    }

    // Field case 1: "Pino joined General" was announced, the bot restarted,
    // Pino left meanwhile: exactly one retroactive exit notice.
    void leftDuringRestartGetsOneRetroactiveExitNotice()
    {
        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/pino"),
                     voiceBody(QStringLiteral("pino"), QStringLiteral("General"), true))
                         .status,
                 201);
        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/luz"),
                     voiceBody(QStringLiteral("luz"), QStringLiteral("General"), true))
                         .status,
                 201);
        m_clock->advance(qint64(5) * 60 * 1000);
        const HttpReply r = reconcile(QStringLiteral("voice"),
                                      {present(QStringLiteral("luz"), QStringLiteral("General"))});
        QCOMPARE(r.status, 200);
        const QJsonArray ended = r.json.value(QStringLiteral("ended")).toArray();
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended.at(0).toObject().value(QStringLiteral("key")).toString(),
                 QStringLiteral("pino"));
        QCOMPARE(r.json.value(QStringLiteral("created")).toArray().size(), 0);
        QCOMPARE(r.json.value(QStringLiteral("exit_notifications")).toArray().size(), 1);

        QTRY_COMPARE(m_discord->accepted().size(), 1);
        const QString text =
                m_discord->accepted().constFirst().value(QStringLiteral("content")).toString();
        QVERIFY2(text.startsWith(QStringLiteral("pino salió de General")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("desconectado")), qPrintable(text));

        // The same snapshot again (a bot retrying) owes nothing more.
        const HttpReply again =
                reconcile(QStringLiteral("voice"),
                          {present(QStringLiteral("luz"), QStringLiteral("General"))});
        QCOMPARE(again.json.value(QStringLiteral("ended")).toArray().size(), 0);
        QCOMPARE(m_discord->accepted().size(), 1);
        const QJsonArray active = m_http->get(QStringLiteral("/v1/sessions?kind=voice"), m_bot)
                                          .json.value(QStringLiteral("items"))
                                          .toArray();
        QCOMPARE(active.size(), 1);
    }

    // Field case 2: someone joined while the bot was down: a silent session.
    void joinedDuringRestartGetsSilentSession()
    {
        const HttpReply r = reconcile(QStringLiteral("voice"),
                                      {present(QStringLiteral("nuevo"), QStringLiteral("Juegos"))});
        QCOMPARE(r.status, 200);
        const QJsonArray created = r.json.value(QStringLiteral("created")).toArray();
        QCOMPARE(created.size(), 1);
        QCOMPARE(created.at(0).toObject().value(QStringLiteral("entry_notified")).toBool(), false);
        QCOMPARE(r.json.value(QStringLiteral("exit_notifications")).toArray().size(), 0);
        // Leaving later sends nothing either: the entry was never announced.
        const HttpReply del = m_http->request(
                "DELETE", QStringLiteral("/v1/sessions/voice/nuevo?notify=true"), m_bot);
        QCOMPARE(del.status, 200);
        QVERIFY(del.json.value(QStringLiteral("exit_notification")).isNull());
        QCOMPARE(m_discord->requestCount(), 0);
    }

    // Field case 3: someone moved channel during the restart.
    void movedDuringRestartIsUpdated()
    {
        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/ana"),
                     voiceBody(QStringLiteral("ana"), QStringLiteral("General"), true))
                         .status,
                 201);
        const QDateTime started =
                fromRfc3339(m_http->get(QStringLiteral("/v1/sessions?kind=voice"), m_bot)
                                    .json.value(QStringLiteral("items"))
                                    .toArray()
                                    .at(0)
                                    .toObject()
                                    .value(QStringLiteral("started_at"))
                                    .toString());
        m_clock->advance(qint64(60) * 1000);
        const HttpReply r = reconcile(QStringLiteral("voice"),
                                      {present(QStringLiteral("ana"), QStringLiteral("Música"))});
        const QJsonArray moved = r.json.value(QStringLiteral("moved")).toArray();
        QCOMPARE(moved.size(), 1);
        QCOMPARE(moved.at(0).toObject().value(QStringLiteral("from")).toString(),
                 QStringLiteral("General"));
        QCOMPARE(moved.at(0).toObject().value(QStringLiteral("where")).toString(),
                 QStringLiteral("Música"));
        const QJsonObject now = m_http->get(QStringLiteral("/v1/sessions?kind=voice"), m_bot)
                                        .json.value(QStringLiteral("items"))
                                        .toArray()
                                        .at(0)
                                        .toObject();
        QCOMPARE(now.value(QStringLiteral("where")).toString(), QStringLiteral("Música"));
        QCOMPARE(fromRfc3339(now.value(QStringLiteral("started_at")).toString()),
                 started); // time tracking keeps its start
        QCOMPARE(m_discord->requestCount(), 0); // moves are not announced unless configured
    }

    void movesAreAnnouncedWhenConfigured()
    {
        stopService();
        m_notifyMoves = true;
        startService();
        m_notifyMoves = false;
        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/ana"),
                     voiceBody(QStringLiteral("ana"), QStringLiteral("General"), true))
                         .status,
                 201);
        const HttpReply r = reconcile(QStringLiteral("voice"),
                                      {present(QStringLiteral("ana"), QStringLiteral("Música"))});
        QCOMPARE(r.json.value(QStringLiteral("moved")).toArray().size(), 1);
        QTRY_COMPARE(m_discord->accepted().size(), 1);
        const QString text =
                m_discord->accepted().constFirst().value(QStringLiteral("content")).toString();
        QVERIFY2(text.contains(QStringLiteral("General"))
                         && text.contains(QStringLiteral("Música")),
                 qPrintable(text));
    }

    // Field case: the bot sent a move as a PUT without the exit notice, which
    // dropped the notice it owed. A PATCH changes only what it names.
    void patchMovesAndKeepsTheOwedNotice()
    {
        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/pino"),
                     voiceBodyWithPlaceholders(QStringLiteral("Pino"), QStringLiteral("General")))
                         .status,
                 201);
        const HttpReply moved = patch(QStringLiteral("/v1/sessions/voice/pino"),
                                      {{QStringLiteral("where"), QStringLiteral("Música")}});
        QCOMPARE(moved.status, 200);
        QCOMPARE(moved.json.value(QStringLiteral("where")).toString(), QStringLiteral("Música"));
        QCOMPARE(moved.json.value(QStringLiteral("entry_notified")).toBool(), true);
        QVERIFY(moved.json.value(QStringLiteral("exit_notice")).isObject());
        QCOMPARE(moved.json.value(QStringLiteral("username")).toString(), QStringLiteral("Pino"));

        // data merges member by member; null removes one.
        QCOMPARE(patch(QStringLiteral("/v1/sessions/voice/pino"),
                       {{QStringLiteral("data"),
                         QJsonObject{{QStringLiteral("mic"), true},
                                     {QStringLiteral("deaf"), false}}}})
                         .status,
                 200);
        const HttpReply merged = patch(
                QStringLiteral("/v1/sessions/voice/pino"),
                {{QStringLiteral("data"), QJsonObject{{QStringLiteral("deaf"), QJsonValue()}}}});
        QCOMPARE(merged.json.value(QStringLiteral("data")).toObject(),
                 (QJsonObject{{QStringLiteral("mic"), true}}));

        const HttpReply del = m_http->request(
                "DELETE", QStringLiteral("/v1/sessions/voice/pino?notify=true"), m_bot);
        QCOMPARE(del.status, 200);
        QTRY_COMPARE(m_discord->accepted().size(), 1);
        // The notice set at entry names the place the user left from.
        QCOMPARE(discordText(0), QStringLiteral("Pino salió de Música"));
    }

    void patchNeedsASessionAndKeepsItsRules()
    {
        const HttpReply missing = patch(QStringLiteral("/v1/sessions/voice/nadie"),
                                        {{QStringLiteral("where"), QStringLiteral("General")}});
        QCOMPARE(missing.status, 404);
        QVERIFY(m_service->store()->sessions(QString()).isEmpty());

        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/pino"),
                     voiceBody(QStringLiteral("pino"), QStringLiteral("General"), true))
                         .status,
                 201);
        // Removing what a session is made of is refused, as a PUT without it is.
        const HttpReply noPlace = patch(QStringLiteral("/v1/sessions/voice/pino"),
                                        {{QStringLiteral("where"), QJsonValue()}});
        QCOMPARE(noPlace.status, 422);
        QCOMPARE(noPlace.json.value(QStringLiteral("field")).toString(), QStringLiteral("where"));
        const HttpReply typo = patch(QStringLiteral("/v1/sessions/voice/pino"),
                                     {{QStringLiteral("wher"), QStringLiteral("Música")}});
        QCOMPARE(typo.status, 422);
        QCOMPARE(typo.json.value(QStringLiteral("field")).toString(), QStringLiteral("wher"));
        const HttpReply badNotice =
                patch(QStringLiteral("/v1/sessions/voice/pino"),
                      {{QStringLiteral("exit_notice"),
                        QJsonObject{{QStringLiteral("text"), QStringLiteral("{usr} se fue")}}}});
        QCOMPARE(badNotice.status, 422);
        QCOMPARE(badNotice.json.value(QStringLiteral("field")).toString(),
                 QStringLiteral("exit_notice.text"));
        QVERIFY2(badNotice.json.value(QStringLiteral("message"))
                         .toString()
                         .contains(QStringLiteral("{usr}")),
                 qPrintable(badNotice.json.value(QStringLiteral("message")).toString()));
        // Nothing of the refused patches was kept.
        const HttpReply now = m_http->get(QStringLiteral("/v1/sessions/voice/pino"), m_bot);
        QCOMPARE(now.status, 200);
        QCOMPARE(now.json.value(QStringLiteral("where")).toString(), QStringLiteral("General"));
        QCOMPARE(now.json.value(QStringLiteral("exit_notice"))
                         .toObject()
                         .value(QStringLiteral("text"))
                         .toString(),
                 QStringLiteral("pino salió de General"));

        // null removes the exit notice: ending it later owes nothing.
        QCOMPARE(patch(QStringLiteral("/v1/sessions/voice/pino"),
                       {{QStringLiteral("exit_notice"), QJsonValue()}})
                         .status,
                 200);
        const HttpReply del = m_http->request(
                "DELETE", QStringLiteral("/v1/sessions/voice/pino?notify=true"), m_bot);
        QVERIFY(del.json.value(QStringLiteral("exit_notification")).isNull());
    }

    // After a reconcile move the owed notice follows the new place, and the
    // texts vigiad writes itself come in the configured language.
    void reconcileMoveThenLeaveNamesTheNewPlaceInEnglish()
    {
        stopService();
        m_notifyMoves = true;
        m_texts = SessionNoticeTexts::english();
        startService();
        m_notifyMoves = false;
        m_texts.reset();
        QJsonObject body =
                voiceBodyWithPlaceholders(QStringLiteral("Ana"), QStringLiteral("General"));
        QJsonObject notice = body.value(QStringLiteral("exit_notice")).toObject();
        notice.insert(QStringLiteral("text"), QStringLiteral("{user} left {where}"));
        body.insert(QStringLiteral("exit_notice"), notice);
        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/ana"), body).status, 201);

        QCOMPARE(reconcile(QStringLiteral("voice"),
                           {present(QStringLiteral("ana"), QStringLiteral("Music"))})
                         .json.value(QStringLiteral("moved"))
                         .toArray()
                         .size(),
                 1);
        QTRY_COMPARE(m_discord->accepted().size(), 1);
        QCOMPARE(discordText(0),
                 QStringLiteral("ana moved from General to Music while the bot was offline."));

        m_clock->advance(qint64(60) * 1000);
        const HttpReply r = reconcile(QStringLiteral("voice"), {});
        QCOMPARE(r.json.value(QStringLiteral("ended")).toArray().size(), 1);
        QTRY_COMPARE(m_discord->accepted().size(), 2);
        QVERIFY2(discordText(1).startsWith(QStringLiteral("ana left Music (while the bot was "
                                                          "offline; last seen ")),
                 qPrintable(discordText(1)));
    }

    // A username is the user's to choose: one spelled "{where}" is text.
    void templatesFillInOnePass()
    {
        const QHash<QString, QString> values{{QStringLiteral("user"), QStringLiteral("{where}")},
                                             {QStringLiteral("where"), QStringLiteral("General")}};
        QCOMPARE(renderNoticeTemplate(QStringLiteral("{user} salió de {where} {otra}"), values),
                 QStringLiteral("{where} salió de General {otra}"));
        QCOMPARE(unknownPlaceholder(QStringLiteral("{user} {x y} {usr}"), exitNoticePlaceholders()),
                 QStringLiteral("{usr}"));
        QVERIFY(unknownPlaceholder(QStringLiteral("{user} :-{ }"), exitNoticePlaceholders())
                        .isEmpty());
    }

    void startedAtSurvivesVigiadRestart()
    {
        QCOMPARE(put(QStringLiteral("/v1/sessions/game/pino"),
                     voiceBody(QStringLiteral("pino"), QStringLiteral("Minecraft"), true))
                         .status,
                 201);
        const QString started = m_http->get(QStringLiteral("/v1/sessions?kind=game"), m_bot)
                                        .json.value(QStringLiteral("items"))
                                        .toArray()
                                        .at(0)
                                        .toObject()
                                        .value(QStringLiteral("started_at"))
                                        .toString();
        stopService();
        m_clock->advance(qint64(3600) * 1000);
        startService();
        // A later update from the bot does not move the start either.
        QCOMPARE(put(QStringLiteral("/v1/sessions/game/pino"),
                     voiceBody(QStringLiteral("pino"), QStringLiteral("Minecraft"), true))
                         .status,
                 200);
        const QJsonObject s = m_http->get(QStringLiteral("/v1/sessions?kind=game"), m_bot)
                                      .json.value(QStringLiteral("items"))
                                      .toArray()
                                      .at(0)
                                      .toObject();
        QCOMPARE(s.value(QStringLiteral("started_at")).toString(), started);
    }

    void deleteWithNotifySendsTheExitNotice()
    {
        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/pino"),
                     voiceBody(QStringLiteral("pino"), QStringLiteral("General"), true))
                         .status,
                 201);
        const HttpReply del = m_http->request(
                "DELETE", QStringLiteral("/v1/sessions/voice/pino?notify=true"), m_bot);
        QCOMPARE(del.status, 200);
        QVERIFY(del.json.value(QStringLiteral("exit_notification")).isObject());
        QTRY_COMPARE(m_discord->accepted().size(), 1);
        QCOMPARE(m_discord->accepted().constFirst().value(QStringLiteral("content")).toString(),
                 QStringLiteral("pino salió de General"));
        QCOMPARE(m_http->request("DELETE", QStringLiteral("/v1/sessions/voice/pino"), m_bot).status,
                 404);
    }

    // Ending a session and queueing its exit notice are one commit: when the
    // notice cannot be stored, the session is still there to end again.
    void endAndItsNoticeCommitTogether()
    {
        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/pino"),
                     voiceBody(QStringLiteral("pino"), QStringLiteral("General"), true))
                         .status,
                 201);
        QVERIFY(onStoreFile(refuseNotifications()));
        const HttpReply refused = m_http->request(
                "DELETE", QStringLiteral("/v1/sessions/voice/pino?notify=true"), m_bot);
        QCOMPARE(refused.status, 503);
        QCOMPARE(refused.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("storage_unavailable"));
        QVERIFY2(!refused.body.contains("injected"), refused.body.constData()); // no SQL text out
        QCOMPARE(m_service->store()->sessions(QStringLiteral("voice")).size(), 1);
        QVERIFY(m_http->get(QStringLiteral("/v1/notifications"), m_admin)
                        .json.value(QStringLiteral("items"))
                        .toArray()
                        .isEmpty());

        QVERIFY(onStoreFile(QStringLiteral("DROP TRIGGER refuse_notifications")));
        const HttpReply ended = m_http->request(
                "DELETE", QStringLiteral("/v1/sessions/voice/pino?notify=true"), m_bot);
        QCOMPARE(ended.status, 200);
        QVERIFY(ended.json.value(QStringLiteral("exit_notification")).isObject());
        QVERIFY(m_service->store()->sessions(QStringLiteral("voice")).isEmpty());
        QTRY_COMPARE(m_discord->accepted().size(), 1);
    }

    void reconcileAndItsNoticesCommitTogether()
    {
        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/pino"),
                     voiceBody(QStringLiteral("pino"), QStringLiteral("General"), true))
                         .status,
                 201);
        QVERIFY(onStoreFile(refuseNotifications()));
        QCOMPARE(reconcile(QStringLiteral("voice"), {}).status, 503);
        QCOMPARE(m_service->store()->sessions(QStringLiteral("voice")).size(), 1);

        QVERIFY(onStoreFile(QStringLiteral("DROP TRIGGER refuse_notifications")));
        const HttpReply r = reconcile(QStringLiteral("voice"), {});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("ended")).toArray().size(), 1);
        QCOMPARE(r.json.value(QStringLiteral("exit_notifications")).toArray().size(), 1);
        QTRY_COMPARE(m_discord->accepted().size(), 1);
    }

    // The text is checked as it will finally be sent: with the note a
    // reconcile appends. A notice that fits at PUT fits when it goes out.
    void exitNoticeKeepsRoomForTheWhileAwayNote()
    {
        // The channel here is Discord, whose messages take 2000 characters.
        const qsizetype limit = NotificationRequest::maxTextLength(Channel::Discord);
        const qsizetype room = limit - m_service->sessions()->whileAwayNote(m_clock->now()).size();
        QJsonObject body = voiceBody(QStringLiteral("pino"), QStringLiteral("General"), true);
        QJsonObject notice = body.value(QStringLiteral("exit_notice")).toObject();
        notice.insert(QStringLiteral("text"), QString(room + 1, u'x'));
        body.insert(QStringLiteral("exit_notice"), notice);
        const HttpReply tooLong = put(QStringLiteral("/v1/sessions/voice/pino"), body);
        QCOMPARE(tooLong.status, 422);
        QCOMPARE(tooLong.json.value(QStringLiteral("field")).toString(),
                 QStringLiteral("exit_notice.text"));
        QVERIFY(m_service->store()->sessions(QString()).isEmpty());

        notice.insert(QStringLiteral("text"), QString(room, u'x'));
        body.insert(QStringLiteral("exit_notice"), notice);
        const HttpReply fits = put(QStringLiteral("/v1/sessions/voice/pino"), body);
        QVERIFY2(fits.status == 201, fits.body.constData());
        const HttpReply r = reconcile(QStringLiteral("voice"), {});
        QCOMPARE(r.json.value(QStringLiteral("exit_notifications")).toArray().size(), 1);
        QTRY_COMPARE(m_discord->accepted().size(), 1);
        const QString sent =
                m_discord->accepted().constFirst().value(QStringLiteral("content")).toString();
        QCOMPARE(sent.size(), limit);
        QVERIFY(sent.endsWith(QStringLiteral("UTC)")));
    }

    void badInputChangesNothing_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("party of one")
                << "/v1/sessions/party/p1"
                << QJsonObject{{QStringLiteral("data"),
                                QJsonObject{{QStringLiteral("players"),
                                             QJsonArray{QStringLiteral("a")}}}}}
                << "data.players";
        QTest::newRow("kind with capitals") << "/v1/sessions/Voice/x" << QJsonObject{} << "kind";
        QTest::newRow("confirmed not bool")
                << "/v1/sessions/voice/x"
                << QJsonObject{{QStringLiteral("confirmed"), QStringLiteral("yes")}} << "confirmed";
        QTest::newRow("exit notice channel")
                << "/v1/sessions/voice/x"
                << QJsonObject{{QStringLiteral("exit_notice"),
                                QJsonObject{{QStringLiteral("channel"), QStringLiteral("pigeon")},
                                            {QStringLiteral("recipient"), QStringLiteral("x")},
                                            {QStringLiteral("text"), QStringLiteral("bye")}}}}
                << "exit_notice.channel";
    }

    void badInputChangesNothing()
    {
        QFETCH(QString, path);
        QFETCH(QJsonObject, body);
        QFETCH(QString, field);
        // Who and where are required; each row breaks something else.
        QJsonObject full{{QStringLiteral("user_id"), QStringLiteral("u1")},
                         {QStringLiteral("where"), QStringLiteral("General")}};
        for (auto it = body.begin(); it != body.end(); ++it)
            full.insert(it.key(), it.value());
        const HttpReply r = put(path, full);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value(QStringLiteral("field")).toString(), field);
        QVERIFY(m_service->store()->sessions(QString()).isEmpty());
    }

    void partyWithPlayersIsKept()
    {
        const QJsonObject party{
                {QStringLiteral("user_id"), QStringLiteral("pino")},
                {QStringLiteral("where"), QStringLiteral("Among Us")},
                {QStringLiteral("data"),
                 QJsonObject{{QStringLiteral("game"), QStringLiteral("Among Us")},
                             {QStringLiteral("players"),
                              QJsonArray{QStringLiteral("pino"), QStringLiteral("luz"),
                                         QStringLiteral("ana")}}}}};
        QCOMPARE(put(QStringLiteral("/v1/sessions/party/among-1"), party).status, 201);
        const QJsonObject s = m_http->get(QStringLiteral("/v1/sessions?kind=party"), m_bot)
                                      .json.value(QStringLiteral("items"))
                                      .toArray()
                                      .at(0)
                                      .toObject();
        QCOMPARE(s.value(QStringLiteral("data"))
                         .toObject()
                         .value(QStringLiteral("players"))
                         .toArray()
                         .size(),
                 3);
    }

    void staleSessionsAreSuspect()
    {
        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/pino"),
                     voiceBody(QStringLiteral("pino"), QStringLiteral("General"), true))
                         .status,
                 201);
        QVERIFY(!firstSessionIsSuspect());
        m_clock->advance(qint64(601) * 1000);
        QVERIFY(firstSessionIsSuspect());
        // The live feed hears of it too.
        const QList<LiveEvent> events = sweep();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.constFirst().type, LiveEventType::Session);
        QVERIFY(events.constFirst().data().value(QStringLiteral("suspect")).toBool());
        // Once: later sweeps, a minute of them, say nothing more of it.
        for (int second = 0; second < 60; ++second) {
            m_clock->advance(1000);
            QCOMPARE(sweep().size(), 0);
        }
        // An update from the bot clears it.
        QCOMPARE(put(QStringLiteral("/v1/sessions/voice/pino"),
                     voiceBody(QStringLiteral("pino"), QStringLiteral("General"), true))
                         .status,
                 200);
        QVERIFY(!firstSessionIsSuspect());
        // Silent again for as long: suspect again, and said again, once.
        m_clock->advance(qint64(601) * 1000);
        const QList<LiveEvent> again = sweep(2);
        QCOMPARE(again.size(), 1);
        QVERIFY(again.constFirst().data().value(QStringLiteral("suspect")).toBool());
    }

    void sweepWithNothingDueLeavesTheWriteLockAlone()
    {
        // The sweep runs every second on the event loop. Another holder of
        // the database's write lock (a backup, an operator's sqlite3 shell)
        // must not stop the API for as long as it holds it when the sweep
        // has nothing to remove: an expiry still on its way is not "due".
        const QString path = QStringLiteral("/v1/conversations/admin-42/create-tariff");
        QCOMPARE(put(path,
                     QJsonObject{{QStringLiteral("step"), QStringLiteral("duration")},
                                 {QStringLiteral("ttl_seconds"), 300}})
                         .status,
                 201);
        {
            WriteLockHolder lock(m_fixture->dir().filePath(QStringLiteral("vigia.db")));
            QVERIFY2(lock.holding(), qPrintable(lock.error()));
            QElapsedTimer took;
            took.start();
            QCOMPARE(sweep().size(), 0);
            // Waiting for the lock would take the store's busy timeout (5 s).
            QVERIFY2(took.elapsed() < 2500, qPrintable(QString::number(took.elapsed())));
            // Reads go on meanwhile, through the API as well.
            QCOMPARE(m_http->get(path, m_bot).status, 200);
        }
        // With the lock free, what expires is removed as before.
        m_clock->advance(qint64(301) * 1000);
        const QList<LiveEvent> events = sweep();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.constFirst().data().value(QStringLiteral("state")).toString(),
                 QStringLiteral("expired"));
    }

    void conversationExpiresByTtl()
    {
        const QString path = QStringLiteral("/v1/conversations/admin-42/create-tariff");
        const QJsonObject body{{QStringLiteral("step"), QStringLiteral("duration")},
                               {QStringLiteral("data"), QJsonObject{{QStringLiteral("price"), 15}}},
                               {QStringLiteral("ttl_seconds"), 300}};
        QCOMPARE(put(path, body).status, 201);
        const HttpReply got = m_http->get(path, m_bot);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.json.value(QStringLiteral("step")).toString(), QStringLiteral("duration"));
        QCOMPARE(got.json.value(QStringLiteral("data"))
                         .toObject()
                         .value(QStringLiteral("price"))
                         .toInt(),
                 15);

        m_clock->advance(qint64(301) * 1000);
        // Gone at once, before the sweeper has run.
        QCOMPARE(m_http->get(path, m_bot).status, 404);
        const QList<LiveEvent> events = sweep();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.constFirst().data().value(QStringLiteral("state")).toString(),
                 QStringLiteral("expired"));
        QCOMPARE(m_http->get(QStringLiteral("/v1/conversations"), m_admin)
                         .json.value(QStringLiteral("items"))
                         .toArray()
                         .size(),
                 0);
    }

    void conversationValidationAndClearing()
    {
        QCOMPARE(put(QStringLiteral("/v1/conversations/u1/create-tariff"),
                     {{QStringLiteral("step"), QStringLiteral("price")}})
                         .status,
                 422);
        const QJsonObject body{{QStringLiteral("step"), QStringLiteral("price")},
                               {QStringLiteral("ttl_seconds"), 600}};
        QCOMPARE(put(QStringLiteral("/v1/conversations/u1/create-tariff"), body).status, 201);
        QCOMPARE(put(QStringLiteral("/v1/conversations/u2/create-tariff"), body).status, 201);
        QCOMPARE(put(QStringLiteral("/v1/conversations/u3/other-flow"), body).status, 201);
        // Clearing a whole flow is an admin action, and audited.
        QCOMPARE(m_http->request("DELETE", QStringLiteral("/v1/conversations?flow=create-tariff"),
                                 m_bot)
                         .status,
                 403);
        const HttpReply cleared = m_http->request(
                "DELETE", QStringLiteral("/v1/conversations?flow=create-tariff"), m_admin);
        QCOMPARE(cleared.status, 200);
        QCOMPARE(cleared.json.value(QStringLiteral("cleared")).toInt(), 2);
        QCOMPARE(m_http->get(QStringLiteral("/v1/conversations"), m_admin)
                         .json.value(QStringLiteral("items"))
                         .toArray()
                         .size(),
                 1);
        QCOMPARE(m_http->request("DELETE", QStringLiteral("/v1/conversations/u3/other-flow"),
                                 m_admin)
                         .status,
                 200);
        QCOMPARE(m_http->get(QStringLiteral("/v1/conversations/u3/other-flow"), m_bot).status, 404);
        const QJsonArray audit = m_http->get(QStringLiteral("/v1/audit"), m_admin)
                                         .json.value(QStringLiteral("items"))
                                         .toArray();
        QCOMPARE(audit.at(0).toObject().value(QStringLiteral("action")).toString(),
                 QStringLiteral("conversation_clear"));
        QCOMPARE(audit.at(1).toObject().value(QStringLiteral("action")).toString(),
                 QStringLiteral("conversation_clear_flow"));
    }

    void sessionsAndConversationsArePaged()
    {
        QJsonArray voice;
        for (int i = 0; i < 7; ++i)
            voice.append(present(QStringLiteral("user %1 ñ").arg(i), QStringLiteral("General")));
        QCOMPARE(reconcile(QStringLiteral("voice"), voice).status, 200);
        QCOMPARE(reconcile(QStringLiteral("game"),
                           {present(QStringLiteral("a"), QStringLiteral("Minecraft")),
                            present(QStringLiteral("b"), QStringLiteral("Minecraft"))})
                         .status,
                 200);
        int pages = 0;
        const QStringList sessions = allPages(QStringLiteral("/v1/sessions"), m_bot, 3, &pages);
        QCOMPARE(sessions.size(), 9);
        QCOMPARE(QSet<QString>(sessions.cbegin(), sessions.cend()).size(), 9);
        QCOMPARE(pages, 3);
        const QStringList voiceOnly =
                allPages(QStringLiteral("/v1/sessions?kind=voice"), m_bot, 2, &pages);
        QCOMPARE(voiceOnly.size(), 7);
        QCOMPARE(pages, 4);
        QVERIFY(voiceOnly.contains(QStringLiteral("voice/user 6 ñ")));

        const QJsonObject body{{QStringLiteral("step"), QStringLiteral("price")},
                               {QStringLiteral("ttl_seconds"), 600}};
        for (const char *path :
             {"/v1/conversations/u1/f", "/v1/conversations/u1/g", "/v1/conversations/u2/f"})
            QCOMPARE(put(QLatin1String(path), body).status, 201);
        const QStringList conversations =
                allPages(QStringLiteral("/v1/conversations"), m_admin, 2, &pages);
        QCOMPARE(conversations,
                 (QStringList{QStringLiteral("u1/f"), QStringLiteral("u1/g"),
                              QStringLiteral("u2/f")}));
        QCOMPARE(pages, 2);

        // Without a limit: 50 and a cursor to the rest, as for notifications.
        QJsonArray many;
        for (int i = 0; i < 60; ++i)
            many.append(present(QStringLiteral("p%1").arg(i), QStringLiteral("General")));
        QCOMPARE(reconcile(QStringLiteral("party"), many).status, 200);
        const HttpReply first = m_http->get(QStringLiteral("/v1/sessions?kind=party"), m_bot);
        QCOMPARE(first.json.value(QStringLiteral("items")).toArray().size(), 50);
        QVERIFY(first.json.value(QStringLiteral("next_cursor")).isString());
        QVERIFY(first.json.contains(QStringLiteral("live_seq")));
    }

    void badPageParametersAre400_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("field");
        for (const char *list : {"/v1/sessions", "/v1/conversations"}) {
            const QString base = QLatin1String(list);
            QTest::addRow("%s limit 0", list)
                    << base + QStringLiteral("?limit=0") << QStringLiteral("limit");
            QTest::addRow("%s limit 501", list)
                    << base + QStringLiteral("?limit=501") << QStringLiteral("limit");
            QTest::addRow("%s limit word", list)
                    << base + QStringLiteral("?limit=ten") << QStringLiteral("limit");
            QTest::addRow("%s cursor garbage", list)
                    << base + QStringLiteral("?cursor=%25%25not-base64")
                    << QStringLiteral("cursor");
            QTest::addRow("%s cursor not ours", list) << base + QStringLiteral("?cursor=")
                            + QString::fromLatin1(QByteArrayLiteral("{\"a\":1}")
                                                          .toBase64(QByteArray::Base64UrlEncoding))
                                                      << QStringLiteral("cursor");
        }
    }

    void badPageParametersAre400()
    {
        QFETCH(QString, path);
        QFETCH(QString, field);
        const HttpReply r = m_http->get(path, m_admin);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_parameter"));
        QCOMPARE(r.json.value(QStringLiteral("field")).toString(), field);
    }

    // A big server after a restart: 10,000 people in one snapshot.
    void tenThousandInOneReconcile()
    {
        QJsonArray everyone;
        for (int i = 0; i < 10000; ++i)
            everyone.append(present(QStringLiteral("user-%1").arg(i),
                                    QStringLiteral("room-%1").arg(i % 50)));
        const HttpReply first = reconcile(QStringLiteral("voice"), everyone);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json.value(QStringLiteral("created")).toArray().size(), 10000);

        QJsonArray after;
        for (int i = 10; i < 10000; ++i)
            after.append(present(QStringLiteral("user-%1").arg(i),
                                 QStringLiteral("room-%1").arg(i < 20 ? 99 : i % 50)));
        const HttpReply second = reconcile(QStringLiteral("voice"), after);
        QCOMPARE(second.status, 200);
        QCOMPARE(second.json.value(QStringLiteral("ended")).toArray().size(), 10);
        QCOMPARE(second.json.value(QStringLiteral("created")).toArray().size(), 0);
        QCOMPARE(second.json.value(QStringLiteral("moved")).toArray().size(), 10);
        QCOMPARE(m_service->store()->sessions(QStringLiteral("voice")).size(), 9990);
    }
};

QTEST_GUILESS_MAIN(TstSessionRegistry)
#include "tst_sessionregistry.moc"

// REST API of vigiad over real loopback HTTP, with a WAHA double behind it.
#include "ApiServer.h"
#include "ApiTokens.h"
#include "DiscordDouble.h"
#include "LiveJournal.h"
#include "Outbox.h"
#include "ServiceFixture.h"
#include "Store.h"
#include "TestMode.h"
#include "TestSupport.h"
#include "VigiaService.h"
#include "WahaDouble.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Vigia;
using namespace Vigia::TestSupport;

class TstApiServer final : public QObject
{
    Q_OBJECT

private:
    // For tests that move time themselves; outlives the fixture using it.
    ManualClock m_manualClock{QDateTime::currentDateTimeUtc()};
    std::unique_ptr<ServiceFixture> m_fixture;
    VigiaService *m_service = nullptr;
    WahaDouble *m_waha = nullptr;
    Http *m_http = nullptr;
    QString m_admin, m_viewer, m_support, m_bot;

    int storedCount()
    {
        return int(m_service->store()->notifications({{}, {}, {}, 500, {}, {}}).items.size());
    }
    QString create(const QJsonObject &body)
    {
        const HttpReply r = m_http->post(QStringLiteral("/v1/notifications"), m_bot, body);
        if (r.status != 201)
            qWarning() << r.body;
        return r.json.value(QStringLiteral("id")).toString();
    }
    QString stateOf(const QString &id)
    {
        return m_http->get(QStringLiteral("/v1/notifications/") + id, m_admin)
                .json.value(QStringLiteral("state"))
                .toString();
    }

private Q_SLOTS:
    void initTestCase() { enterTestMode(); }

    void init()
    {
        m_fixture = std::make_unique<ServiceFixture>();
        QVERIFY(m_fixture->start([](ServiceConfig &c) { c.maxBodyBytes = 4096; }));
        m_service = m_fixture->service();
        m_waha = m_fixture->waha();
        m_http = &m_fixture->http();
        m_admin = m_fixture->token(Role::Admin);
        m_viewer = m_fixture->token(Role::Viewer);
        m_support = m_fixture->token(Role::Support);
        m_bot = m_fixture->token(Role::Bot);
    }

    void cleanup() { m_fixture.reset(); }

    void healthzNeedsNoToken()
    {
        const HttpReply r = m_http->get(QStringLiteral("/healthz"), QString());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(r.json.value(QStringLiteral("version")).toString(), QStringLiteral(VIGIA_VERSION));
        // One instance on SQLite: it leads, and has no name to tell apart.
        QCOMPARE(r.json.value(QStringLiteral("leader")), QJsonValue(true));
        QVERIFY(!r.json.contains(QStringLiteral("instance")));
        const HttpReply metrics = m_http->get(QStringLiteral("/metrics"), m_viewer);
        QVERIFY2(metrics.body.contains("\nvigia_leader 1\n"), metrics.body.constData());
    }

    void missingOrBadTokenIs401_data()
    {
        QTest::addColumn<QString>("token");
        QTest::newRow("none") << QString();
        QTest::newRow("unknown") << QStringLiteral("vga_not-a-real-token");
    }

    void missingOrBadTokenIs401()
    {
        QFETCH(QString, token);
        const HttpReply r = m_http->post(QStringLiteral("/v1/notifications"), token,
                                         whatsappBody(QStringLiteral("A1")));
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(), QStringLiteral("unauthorized"));
        QVERIFY(!r.json.value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(r.header("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
        QCOMPARE(storedCount(), 0);
    }

    void revokedTokenIs401()
    {
        m_manualClock.setNow(QDateTime::currentDateTimeUtc());
        m_fixture->setClock(&m_manualClock);
        QVERIFY(m_fixture->restart());
        m_http = &m_fixture->http();
        QCOMPARE(m_http->get(QStringLiteral("/v1/status"), m_viewer).status, 200);
        QVERIFY(m_fixture->service()->store()->revokeToken(QStringLiteral("victor-viewer")));
        // `vigiad token revoke` runs in another process: vigiad sees it once
        // its remembered copy of the token expires.
        m_manualClock.advance(TokenCache::kTokenCacheMs);
        QCOMPARE(m_http->get(QStringLiteral("/v1/status"), m_viewer).status, 401);
    }

    void rolesAreEnforced_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::newRow("viewer may not enqueue")
                << "viewer" << QByteArrayLiteral("POST") << "/v1/notifications" << 403;
        QTest::newRow("viewer may read status")
                << "viewer" << QByteArrayLiteral("GET") << "/v1/status" << 200;
        QTest::newRow("support may not retry all") << "support" << QByteArrayLiteral("POST")
                                                   << "/v1/notifications/retry-failed" << 403;
        QTest::newRow("support may not clean up")
                << "support" << QByteArrayLiteral("POST") << "/v1/queue/cleanup" << 403;
        QTest::newRow("bot may not read audit")
                << "bot" << QByteArrayLiteral("GET") << "/v1/audit" << 403;
        QTest::newRow("bot may not retry all")
                << "bot" << QByteArrayLiteral("POST") << "/v1/notifications/retry-failed" << 403;
        QTest::newRow("viewer may not heartbeat")
                << "viewer" << QByteArrayLiteral("POST") << "/v1/heartbeat" << 403;
        QTest::newRow("bot may heartbeat")
                << "bot" << QByteArrayLiteral("POST") << "/v1/heartbeat" << 200;
        QTest::newRow("admin may read audit")
                << "admin" << QByteArrayLiteral("GET") << "/v1/audit" << 200;
        QTest::newRow("viewer may read metrics")
                << "viewer" << QByteArrayLiteral("GET") << "/metrics" << 200;
    }

    void rolesAreEnforced()
    {
        QFETCH(QString, who);
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(int, status);
        const QHash<QString, QString> tokens{{QStringLiteral("viewer"), m_viewer},
                                             {QStringLiteral("support"), m_support},
                                             {QStringLiteral("bot"), m_bot},
                                             {QStringLiteral("admin"), m_admin}};
        const QByteArray body = verb == "POST" && path.endsWith(QLatin1String("notifications"))
                ? QJsonDocument(whatsappBody(QStringLiteral("A1"))).toJson()
                : QByteArray();
        const HttpReply r = m_http->request(verb, path, tokens.value(who), body);
        QCOMPARE(r.status, status);
        if (status == 403)
            QCOMPARE(r.json.value(QStringLiteral("error")).toString(), QStringLiteral("forbidden"));
        QCOMPARE(storedCount(), 0);
    }

    void whoAmITellsRole()
    {
        const HttpReply r = m_http->get(QStringLiteral("/v1/whoami"), m_support);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("role")).toString(), QStringLiteral("support"));
        QCOMPARE(r.json.value(QStringLiteral("name")).toString(), QStringLiteral("sofia-support"));
    }

    void malformedJsonIs400AndStoresNothing()
    {
        const HttpReply r = m_http->request("POST", QStringLiteral("/v1/notifications"), m_bot,
                                            QByteArrayLiteral("{\"channel\": "));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("malformed_json"));
        const HttpReply notObject = m_http->request("POST", QStringLiteral("/v1/notifications"),
                                                    m_bot, QByteArrayLiteral("[1,2]"));
        QCOMPARE(notObject.status, 400);
        QCOMPARE(storedCount(), 0);
    }

    void oversizedBodyIs413AndStoresNothing()
    {
        QJsonObject body = whatsappBody(QStringLiteral("A1"));
        body.insert(QStringLiteral("text"), QString(5000, u'x'));
        const HttpReply r = m_http->post(QStringLiteral("/v1/notifications"), m_bot, body);
        QCOMPARE(r.status, 413);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("payload_too_large"));
        QCOMPARE(storedCount(), 0);
    }

    void validationNamesTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("channel unknown") << "channel" << QJsonValue(QStringLiteral("sms"));
        QTest::newRow("recipient not a phone")
                << "recipient" << QJsonValue(QStringLiteral("call me"));
        QTest::newRow("text missing") << "text" << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("text not a string") << "text" << QJsonValue(42);
        QTest::newRow("type lowercase") << "type" << QJsonValue(QStringLiteral("order received"));
        QTest::newRow("order_id wrong type") << "order_id" << QJsonValue(QJsonArray{1});
    }

    void validationNamesTheField()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QJsonObject body = whatsappBody(QStringLiteral("A1"));
        if (value.isUndefined())
            body.remove(field);
        else
            body.insert(field, value);
        const HttpReply r = m_http->post(QStringLiteral("/v1/notifications"), m_bot, body);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("validation_failed"));
        QCOMPARE(r.json.value(QStringLiteral("field")).toString(), field);
        QCOMPARE(storedCount(), 0);
    }

    void unknownFieldIs422AndStoresNothing()
    {
        QJsonObject body = whatsappBody(QStringLiteral("A1"));
        body.remove(QStringLiteral("order_id"));
        body.insert(QStringLiteral("orderid"), QStringLiteral("A1"));
        const HttpReply r = m_http->post(QStringLiteral("/v1/notifications"), m_bot, body);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(), QStringLiteral("unknown_field"));
        QCOMPARE(r.json.value(QStringLiteral("field")).toString(), QStringLiteral("orderid"));
        QCOMPARE(r.json.value(QStringLiteral("message")).toString(),
                 QStringLiteral("unknown field \"orderid\" (did you mean \"order_id\"?)"));
        QCOMPARE(storedCount(), 0);
    }

    void unknownFieldIsRefusedOnEveryBody_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("heartbeat takes none")
                << QByteArrayLiteral("POST") << "/v1/heartbeat"
                << "status" << QByteArrayLiteral("{\"status\":\"ok\"}");
        QTest::newRow("resolve") << QByteArrayLiteral("POST") << "/v1/notifications/x/resolve"
                                 << "notes"
                                 << QByteArrayLiteral("{\"method\":\"sms\",\"notes\":\"x\"}");
        QTest::newRow("cleanup") << QByteArrayLiteral("POST") << "/v1/queue/cleanup"
                                 << "older_than" << QByteArrayLiteral("{\"older_than\":3}");
        QTest::newRow("session") << QByteArrayLiteral("PUT") << "/v1/sessions/voice/pino"
                                 << "channel"
                                 << QByteArrayLiteral("{\"user_id\":\"1\",\"where\":\"G\","
                                                      "\"channel\":\"G\"}");
        QTest::newRow("session exit notice")
                << QByteArrayLiteral("PUT") << "/v1/sessions/voice/pino"
                << "exit_notice.txt"
                << QByteArrayLiteral("{\"user_id\":\"1\",\"where\":\"G\",\"exit_notice\":"
                                     "{\"channel\":\"whatsapp\",\"recipient\":\"+58 424-"
                                     "1234567\",\"text\":\"bye\",\"txt\":\"bye\"}}");
        QTest::newRow("reconcile entry")
                << QByteArrayLiteral("POST") << "/v1/sessions/voice/reconcile"
                << "present[0].name"
                << QByteArrayLiteral("{\"present\":[{\"key\":\"a\",\"name\":\"A\"}]}");
        QTest::newRow("conversation") << QByteArrayLiteral("PUT") << "/v1/conversations/u/f"
                                      << "ttl" << QByteArrayLiteral("{\"step\":\"a\",\"ttl\":60}");
    }

    void unknownFieldIsRefusedOnEveryBody()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QString, field);
        QFETCH(QByteArray, body);
        const HttpReply r = m_http->request(verb, path, m_admin, body);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(), QStringLiteral("unknown_field"));
        QCOMPARE(r.json.value(QStringLiteral("field")).toString(), field);
        QVERIFY(m_http->get(QStringLiteral("/v1/sessions"), m_admin)
                        .json.value(QStringLiteral("items"))
                        .toArray()
                        .isEmpty());
        QCOMPARE(m_http->get(QStringLiteral("/v1/conversations/u/f"), m_admin).status, 404);
    }

    // Someone present is someone somewhere: an entry without user_id or
    // where would create a session no PATCH could change.
    void reconcileEntriesNameWhoAndWhere_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QString>("field");
        QTest::newRow("key alone") << QByteArrayLiteral("{\"key\":\"a\"}") << "present[1].user_id";
        QTest::newRow("no where") << QByteArrayLiteral("{\"key\":\"a\",\"user_id\":\"1\"}")
                                  << "present[1].where";
        QTest::newRow("blank where")
                << QByteArrayLiteral("{\"key\":\"a\",\"user_id\":\"1\",\"where\":\" \"}")
                << "present[1].where";
        QTest::newRow("username not text") << QByteArrayLiteral(
                "{\"key\":\"a\",\"user_id\":\"1\",\"where\":\"G\",\"username\":5}")
                                           << "present[1].username";
    }

    void reconcileEntriesNameWhoAndWhere()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QString, field);
        const QByteArray body = QByteArrayLiteral("{\"present\":[{\"key\":\"b\",\"user_id\":\"2\","
                                                  "\"where\":\"G\"},")
                + entry + QByteArrayLiteral("]}");
        const HttpReply r =
                m_http->request(QByteArrayLiteral("POST"),
                                QStringLiteral("/v1/sessions/voice/reconcile"), m_bot, body);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value(QStringLiteral("field")).toString(), field);
        QVERIFY(m_http->get(QStringLiteral("/v1/sessions"), m_admin)
                        .json.value(QStringLiteral("items"))
                        .toArray()
                        .isEmpty()); // not even the good first entry
    }

    void localNumberIs422WithAHint()
    {
        const HttpReply r =
                m_http->post(QStringLiteral("/v1/notifications"), m_bot,
                             whatsappBody(QStringLiteral("A1"), QStringLiteral("04241234567")));
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value(QStringLiteral("field")).toString(), QStringLiteral("recipient"));
        QVERIFY2(r.json.value(QStringLiteral("message"))
                         .toString()
                         .contains(QLatin1String("country code")),
                 r.body.constData());
        QCOMPARE(storedCount(), 0);
    }

    void channelWithoutGatewayIs422()
    {
        // The fixture configures no Telegram bot token.
        const QJsonObject body{{QStringLiteral("channel"), QStringLiteral("telegram")},
                               {QStringLiteral("recipient"), QStringLiteral("@vigia_admins")},
                               {QStringLiteral("text"), QStringLiteral("hola")},
                               {QStringLiteral("type"), QStringLiteral("ADMIN_NOTICE")}};
        const HttpReply r = m_http->post(QStringLiteral("/v1/notifications"), m_bot, body);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("channel_not_configured"));
        QCOMPARE(r.json.value(QStringLiteral("field")).toString(), QStringLiteral("channel"));
        QCOMPARE(storedCount(), 0);

        const QJsonObject session{{QStringLiteral("user_id"), QStringLiteral("1")},
                                  {QStringLiteral("where"), QStringLiteral("General")},
                                  {QStringLiteral("exit_notice"), body}};
        const HttpReply put = m_http->request("PUT", QStringLiteral("/v1/sessions/voice/pino"),
                                              m_bot, QJsonDocument(session).toJson());
        QCOMPARE(put.status, 422);
        QCOMPARE(put.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("channel_not_configured"));
        QCOMPARE(put.json.value(QStringLiteral("field")).toString(),
                 QStringLiteral("exit_notice.channel"));

        // With a bot token the same notification is queued.
        QVERIFY(m_fixture->restart(
                [](ServiceConfig &c) { c.telegramBotToken = QStringLiteral("1:x"); }));
        m_service = m_fixture->service();
        m_http = &m_fixture->http();
        QCOMPARE(m_http->post(QStringLiteral("/v1/notifications"), m_bot, body).status, 201);
    }

    void tokenWithoutBearerIs401SayingHow()
    {
        const HttpReply r =
                m_http->request("GET", QStringLiteral("/v1/status"), QString(), {},
                                {{QByteArrayLiteral("Authorization"), m_viewer.toUtf8()}});
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(), QStringLiteral("unauthorized"));
        QVERIFY2(r.json.value(QStringLiteral("message"))
                         .toString()
                         .contains(QLatin1String("Authorization: Bearer <token>")),
                 r.body.constData());
        QCOMPARE(r.header("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
    }

    void sessionNeedsUserAndWhere_data()
    {
        QTest::addColumn<QString>("missing");
        QTest::newRow("user_id") << "user_id";
        QTest::newRow("where") << "where";
    }

    void sessionNeedsUserAndWhere()
    {
        QFETCH(QString, missing);
        QJsonObject body{{QStringLiteral("user_id"), QStringLiteral("1")},
                         {QStringLiteral("where"), QStringLiteral("General")}};
        body.remove(missing);
        const HttpReply r = m_http->request("PUT", QStringLiteral("/v1/sessions/voice/pino"), m_bot,
                                            QJsonDocument(body).toJson());
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("validation_failed"));
        QCOMPARE(r.json.value(QStringLiteral("field")).toString(), missing);
        QVERIFY(m_http->get(QStringLiteral("/v1/sessions"), m_bot)
                        .json.value(QStringLiteral("items"))
                        .toArray()
                        .isEmpty());
    }

    // A Discord-only bot: [waha] enabled = false, no webhook key, no WAHA
    // anywhere. Deliveries alone make the status online, WhatsApp is refused
    // at the door and the WAHA webhook says WhatsApp is off.
    void whatsappOffRunsOnDiscordAlone()
    {
        m_fixture.reset();
        DiscordDouble discord;
        QVERIFY(discord.start());
        ServiceFixture fixture;
        QVERIFY(fixture.start([](ServiceConfig &c) {
            c.wahaEnabled = false;
            c.wahaUrl = QUrl();
            c.wahaWebhookHmacKey.clear();
            c.wahaAllowUnsignedWebhooks = false;
        }));
        QVERIFY(fixture.service()->config().refusalToServe().isEmpty());
        QCOMPARE(fixture.service()->prober(), nullptr);
        Http &http = fixture.http();
        const QString bot = fixture.token(Role::Bot);
        const QString admin = fixture.token(Role::Admin);

        const HttpReply refused = http.post(QStringLiteral("/v1/notifications"), bot,
                                            whatsappBody(QStringLiteral("A1")));
        QCOMPARE(refused.status, 422);
        QCOMPARE(refused.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("channel_not_configured"));
        QVERIFY2(refused.json.value(QStringLiteral("message"))
                         .toString()
                         .contains(QLatin1String("waha/enabled")),
                 refused.body.constData());
        const QJsonObject notice{{QStringLiteral("channel"), QStringLiteral("whatsapp")},
                                 {QStringLiteral("recipient"), QStringLiteral("+584241234567")},
                                 {QStringLiteral("text"), QStringLiteral("adios")},
                                 {QStringLiteral("type"), QStringLiteral("VOICE_LEAVE")}};
        const QJsonObject session{{QStringLiteral("user_id"), QStringLiteral("1")},
                                  {QStringLiteral("where"), QStringLiteral("General")},
                                  {QStringLiteral("exit_notice"), notice}};
        const HttpReply put = http.request("PUT", QStringLiteral("/v1/sessions/voice/pino"), bot,
                                           QJsonDocument(session).toJson());
        QCOMPARE(put.status, 422);
        QCOMPARE(put.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("channel_not_configured"));

        const HttpReply hook =
                http.post(QStringLiteral("/v1/gateway/waha/webhook"), QString(),
                          {{QStringLiteral("event"), QStringLiteral("message.ack")}});
        QCOMPARE(hook.status, 404);
        QCOMPARE(hook.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("whatsapp_disabled"));

        const HttpReply sent =
                http.post(QStringLiteral("/v1/notifications"), bot,
                          {{QStringLiteral("channel"), QStringLiteral("discord")},
                           {QStringLiteral("recipient"), discord.webhookUrl().toString()},
                           {QStringLiteral("text"), QStringLiteral("Pino left General")},
                           {QStringLiteral("type"), QStringLiteral("VOICE_LEAVE")}});
        QCOMPARE(sent.status, 201);
        const QString id = sent.json.value(QStringLiteral("id")).toString();
        QTRY_COMPARE(http.get(QStringLiteral("/v1/notifications/") + id, admin)
                             .json.value(QStringLiteral("state"))
                             .toString(),
                     QStringLiteral("delivered"));
        QTRY_COMPARE(http.get(QStringLiteral("/v1/status"), admin)
                             .json.value(QStringLiteral("state"))
                             .toString(),
                     QStringLiteral("online"));
        const QJsonObject status = http.get(QStringLiteral("/v1/status"), admin).json;
        const QJsonObject health = status.value(QStringLiteral("signals"))
                                           .toObject()
                                           .value(QStringLiteral("healthcheck"))
                                           .toObject();
        QCOMPARE(health.value(QStringLiteral("failing")).toBool(), false);
        QVERIFY2(!status.value(QStringLiteral("reason")).toString().contains(QLatin1String("WAHA")),
                 qPrintable(status.value(QStringLiteral("reason")).toString()));
    }

    void discordWebhookHostMustBeAllowed()
    {
        const QJsonObject body{
                {QStringLiteral("channel"), QStringLiteral("discord")},
                {QStringLiteral("recipient"), QStringLiteral("https://10.1.2.3/api/webhooks/1/x")},
                {QStringLiteral("text"), QStringLiteral("hi")},
                {QStringLiteral("type"), QStringLiteral("VOICE_LEAVE")}};
        const HttpReply r = m_http->post(QStringLiteral("/v1/notifications"), m_bot, body);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value(QStringLiteral("field")).toString(), QStringLiteral("recipient"));
    }

    void secretsStayWithAdmins_data()
    {
        QTest::addColumn<Role>("role");
        QTest::addColumn<bool>("whole");
        QTest::newRow("viewer") << Role::Viewer << false;
        QTest::newRow("support") << Role::Support << false;
        QTest::newRow("bot, even its own") << Role::Bot << false;
        QTest::newRow("admin") << Role::Admin << true;
    }

    void secretsStayWithAdmins()
    {
        QFETCH(Role, role);
        QFETCH(bool, whole);
        const QString token = m_fixture->token(role);
        const QString author = roleAllows(role, Permission::Ingest) ? token : m_bot;
        const QString url = QStringLiteral("https://127.0.0.1:1/api/webhooks/123456/s3cret-tok");
        const QString shown = whole
                ? url
                : QStringLiteral("https://127.0.0.1:1/api/webhooks/123456/") + QChar(u'\u2026');
        const auto recipientOf = [](const QJsonValue &v) {
            return v.toObject().value(QStringLiteral("recipient")).toString();
        };

        // A notification: its create answer, one read, the list.
        const HttpReply created =
                m_http->post(QStringLiteral("/v1/notifications"), author,
                             {{QStringLiteral("channel"), QStringLiteral("discord")},
                              {QStringLiteral("recipient"), url},
                              {QStringLiteral("text"), QStringLiteral("hola")},
                              {QStringLiteral("type"), QStringLiteral("VOICE_LEAVE")}});
        QCOMPARE(created.status, 201);
        if (author == token)
            QCOMPARE(recipientOf(created.json), shown);
        const QString id = created.json.value(QStringLiteral("id")).toString();
        const HttpReply one = m_http->get(QStringLiteral("/v1/notifications/") + id, token);
        QCOMPARE(recipientOf(one.json), shown);
        const HttpReply list = m_http->get(QStringLiteral("/v1/notifications"), token);
        QCOMPARE(recipientOf(list.json.value(QStringLiteral("items")).toArray().at(0)), shown);

        // A session's exit notice: the PUT answer and the list.
        const HttpReply put = m_http->request(
                "PUT", QStringLiteral("/v1/sessions/voice/pino"), author,
                QJsonDocument(QJsonObject{{QStringLiteral("user_id"), QStringLiteral("pino")},
                                          {QStringLiteral("username"), QStringLiteral("Pino")},
                                          {QStringLiteral("where"), QStringLiteral("General")},
                                          {QStringLiteral("entry_notified"), true},
                                          {QStringLiteral("exit_notice"),
                                           QJsonObject{{QStringLiteral("channel"),
                                                        QStringLiteral("discord")},
                                                       {QStringLiteral("recipient"), url},
                                                       {QStringLiteral("text"),
                                                        QStringLiteral("Pino salió")}}}})
                        .toJson());
        QCOMPARE(put.status, 201);
        if (author == token)
            QCOMPARE(recipientOf(put.json.value(QStringLiteral("exit_notice"))), shown);
        const HttpReply sessions = m_http->get(QStringLiteral("/v1/sessions"), token);
        QCOMPARE(recipientOf(sessions.json.value(QStringLiteral("items"))
                                     .toArray()
                                     .at(0)
                                     .toObject()
                                     .value(QStringLiteral("exit_notice"))),
                 shown);
        for (const HttpReply *r : {&one, &list, &sessions})
            QCOMPARE(r->body.contains("s3cret-tok"), whole);
        // Redaction is only in what is shown: the store keeps the whole URL.
        QCOMPARE(m_service->store()->notification(id, false)->recipient, url);
    }

    void redactedWebhookIsRefused()
    {
        const HttpReply r = m_http->post(
                QStringLiteral("/v1/notifications"), m_bot,
                {{QStringLiteral("channel"), QStringLiteral("discord")},
                 {QStringLiteral("recipient"),
                  QStringLiteral("https://127.0.0.1:1/api/webhooks/123456/") + QChar(u'\u2026')},
                 {QStringLiteral("text"), QStringLiteral("hola")},
                 {QStringLiteral("type"), QStringLiteral("VOICE_LEAVE")}});
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value(QStringLiteral("field")).toString(), QStringLiteral("recipient"));
        QCOMPARE(storedCount(), 0);
    }

    void enqueueIsDeliveredThroughWaha()
    {
        const HttpReply r = m_http->post(QStringLiteral("/v1/notifications"), m_bot,
                                         whatsappBody(QStringLiteral("A100")));
        QCOMPARE(r.status, 201);
        const QString id = r.json.value(QStringLiteral("id")).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(r.json.value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
        QCOMPARE(r.header("Location"), (QStringLiteral("/v1/notifications/") + id).toUtf8());
        QTRY_COMPARE(stateOf(id), QStringLiteral("delivered"));
        QCOMPARE(m_waha->accepted().size(), 1);
        QCOMPARE(m_waha->accepted().constFirst().value(QStringLiteral("chatId")).toString(),
                 QStringLiteral("584241234567@c.us"));

        const HttpReply one = m_http->get(QStringLiteral("/v1/notifications/") + id, m_viewer);
        const QJsonArray history = one.json.value(QStringLiteral("attempt_history")).toArray();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.at(0).toObject().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("delivered"));
        QCOMPARE(history.at(0).toObject().value(QStringLiteral("http_status")).toInt(), 201);
        QVERIFY(!one.json.value(QStringLiteral("delivered_at")).isNull());
    }

    void idempotencyKeyReplaysOrConflicts()
    {
        const QList<QPair<QByteArray, QByteArray>> key{
                {QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("order-77-received")}};
        const HttpReply first = m_http->post(QStringLiteral("/v1/notifications"), m_bot,
                                             whatsappBody(QStringLiteral("A77")), key);
        QCOMPARE(first.status, 201);
        // Same body, fields in another order: still the same request.
        QJsonObject reordered;
        const QJsonObject original = whatsappBody(QStringLiteral("A77"));
        for (auto it = original.end(); it != original.begin();) {
            --it;
            reordered.insert(it.key(), it.value());
        }
        const HttpReply replay =
                m_http->post(QStringLiteral("/v1/notifications"), m_bot, reordered, key);
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.json, first.json);
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArrayLiteral("true"));

        const HttpReply conflict = m_http->post(QStringLiteral("/v1/notifications"), m_bot,
                                                whatsappBody(QStringLiteral("A78")), key);
        QCOMPARE(conflict.status, 409);
        QCOMPARE(conflict.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("idempotency_conflict"));
        QCOMPARE(storedCount(), 1);
        QTRY_COMPARE(m_waha->accepted().size(), 1);
    }

    void idempotencyKeysArePerToken()
    {
        // A second producer (another bot token) that happens to use the same key.
        const QString otherBot =
                addToken(m_fixture->store(), Role::Bot, QStringLiteral("second-bot"));
        const QList<QPair<QByteArray, QByteArray>> key{
                {QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("order-1-received")}};
        const HttpReply mine = m_http->post(QStringLiteral("/v1/notifications"), m_bot,
                                            whatsappBody(QStringLiteral("A1")), key);
        QCOMPARE(mine.status, 201);
        // Neither the first one's answer nor a conflict: its own notification.
        const HttpReply theirs = m_http->post(QStringLiteral("/v1/notifications"), otherBot,
                                              whatsappBody(QStringLiteral("B1")), key);
        QCOMPARE(theirs.status, 201);
        QVERIFY(theirs.header("Idempotent-Replayed").isEmpty());
        QVERIFY(theirs.json.value(QStringLiteral("id")) != mine.json.value(QStringLiteral("id")));
        QCOMPARE(theirs.json.value(QStringLiteral("order_id")).toString(), QStringLiteral("B1"));
        QCOMPARE(storedCount(), 2);

        // Each one's retry still replays its own.
        const HttpReply myRetry = m_http->post(QStringLiteral("/v1/notifications"), m_bot,
                                               whatsappBody(QStringLiteral("A1")), key);
        QCOMPARE(myRetry.status, 201);
        QCOMPARE(myRetry.header("Idempotent-Replayed"), QByteArrayLiteral("true"));
        QCOMPARE(myRetry.json.value(QStringLiteral("id")), mine.json.value(QStringLiteral("id")));
        const HttpReply theirRetry = m_http->post(QStringLiteral("/v1/notifications"), otherBot,
                                                  whatsappBody(QStringLiteral("B1")), key);
        QCOMPARE(theirRetry.header("Idempotent-Replayed"), QByteArrayLiteral("true"));
        QCOMPARE(theirRetry.json.value(QStringLiteral("id")),
                 theirs.json.value(QStringLiteral("id")));
        QCOMPARE(storedCount(), 2);
    }

    // Requests that arrive together share one commit; each still gets its own
    // answer, and one idempotency key used twice in the batch is one notification.
    void concurrentCreatesShareACommit()
    {
        m_service->dispatcher()->stop();
        QNetworkAccessManager network;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 6; ++i) {
            QUrl url = m_service->baseUrl();
            url.setPath(QStringLiteral("/v1/notifications"));
            QNetworkRequest request(url);
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/json"));
            request.setRawHeader("Authorization", "Bearer " + m_bot.toUtf8());
            const bool twin = i >= 4;
            if (twin)
                request.setRawHeader("Idempotency-Key", "same-order-twice");
            const QJsonObject body =
                    whatsappBody(twin ? QStringLiteral("TWIN") : QStringLiteral("C%1").arg(i));
            replies << network.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        }
        for (QNetworkReply *reply : std::as_const(replies))
            QTRY_VERIFY(reply->isFinished());
        QStringList twinIds;
        for (int i = 0; i < replies.size(); ++i) {
            QCOMPARE(replies.at(i)->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                     201);
            if (i >= 4)
                twinIds << QJsonDocument::fromJson(replies.at(i)->readAll())
                                   .object()
                                   .value(QStringLiteral("id"))
                                   .toString();
        }
        QCOMPARE(twinIds.at(0), twinIds.at(1));
        QCOMPARE(storedCount(), 5);
        qDeleteAll(replies);
    }

    void listFiltersAndPages()
    {
        m_service->dispatcher()->stop();
        for (int i = 0; i < 7; ++i)
            QVERIFY(!create(whatsappBody(QStringLiteral("P%1").arg(i))).isEmpty());
        QStringList seen;
        QString cursor;
        int pages = 0;
        do {
            const HttpReply page = m_http->get(
                    QStringLiteral("/v1/notifications?limit=3")
                            + (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor),
                    m_viewer);
            QCOMPARE(page.status, 200);
            const QJsonArray items = page.json.value(QStringLiteral("items")).toArray();
            for (const auto &v : items)
                seen << v.toObject().value(QStringLiteral("order_id")).toString();
            cursor = page.json.value(QStringLiteral("next_cursor")).toString();
            ++pages;
        } while (!cursor.isEmpty() && pages < 10);
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), 7);
        QCOMPARE(QSet<QString>(seen.cbegin(), seen.cend()).size(), 7);

        const HttpReply byOrder =
                m_http->get(QStringLiteral("/v1/notifications?order_id=P3"), m_viewer);
        QCOMPARE(byOrder.json.value(QStringLiteral("items")).toArray().size(), 1);
        const HttpReply byText = m_http->get(QStringLiteral("/v1/notifications?q=P5"), m_viewer);
        QCOMPARE(byText.json.value(QStringLiteral("items")).toArray().size(), 1);
        const HttpReply badState =
                m_http->get(QStringLiteral("/v1/notifications?state=lost"), m_viewer);
        QCOMPARE(badState.status, 400);
        QCOMPARE(badState.json.value(QStringLiteral("field")).toString(), QStringLiteral("state"));
        QCOMPARE(m_http->get(QStringLiteral("/v1/notifications?limit=0"), m_viewer).status, 400);
    }

    // The console's list: search without accents or case, any sort, the true
    // total on every page, and a cursor that belongs to its sort.
    void listSearchesSortsAndCounts()
    {
        m_service->dispatcher()->stop();
        QJsonObject jose = whatsappBody(QStringLiteral("Z1"));
        jose.insert(QStringLiteral("customer_name"), QStringLiteral("José Núñez"));
        QVERIFY(!create(jose).isEmpty());
        for (int i = 0; i < 4; ++i)
            QVERIFY(!create(whatsappBody(QStringLiteral("Y%1").arg(i))).isEmpty());

        const HttpReply found =
                m_http->get(QStringLiteral("/v1/notifications?q=jose%20nunez"), m_viewer);
        QCOMPARE(found.status, 200);
        QCOMPARE(found.json.value(QStringLiteral("total")).toInt(), 1);
        QCOMPARE(found.json.value(QStringLiteral("items"))
                         .toArray()
                         .at(0)
                         .toObject()
                         .value(QStringLiteral("order_id"))
                         .toString(),
                 QStringLiteral("Z1"));

        const HttpReply first =
                m_http->get(QStringLiteral("/v1/notifications?sort=order_id&limit=2"), m_viewer);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json.value(QStringLiteral("total")).toInt(), 5);
        const QJsonArray items = first.json.value(QStringLiteral("items")).toArray();
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("order_id")).toString(),
                 QStringLiteral("Y0"));
        QCOMPARE(items.at(1).toObject().value(QStringLiteral("order_id")).toString(),
                 QStringLiteral("Y1"));
        const QString cursor = first.json.value(QStringLiteral("next_cursor")).toString();
        QVERIFY(!cursor.isEmpty());
        const HttpReply next = m_http->get(
                QStringLiteral("/v1/notifications?sort=order_id&limit=2&cursor=") + cursor,
                m_viewer);
        QCOMPARE(next.json.value(QStringLiteral("total")).toInt(), 5);
        QCOMPARE(next.json.value(QStringLiteral("items"))
                         .toArray()
                         .at(0)
                         .toObject()
                         .value(QStringLiteral("order_id"))
                         .toString(),
                 QStringLiteral("Y2"));

        const HttpReply otherSort = m_http->get(
                QStringLiteral("/v1/notifications?sort=-created_at&cursor=") + cursor, m_viewer);
        QCOMPARE(otherSort.status, 400);
        QCOMPARE(otherSort.json.value(QStringLiteral("field")).toString(),
                 QStringLiteral("cursor"));
        const HttpReply badSort =
                m_http->get(QStringLiteral("/v1/notifications?sort=price"), m_viewer);
        QCOMPARE(badSort.status, 400);
        QCOMPARE(badSort.json.value(QStringLiteral("field")).toString(), QStringLiteral("sort"));
        QVERIFY(badSort.json.value(QStringLiteral("message"))
                        .toString()
                        .contains(QLatin1String("customer_name")));
    }

    // The Waiting tab searches on the server as the Failed one does: what
    // waits (pending and sending) and matches, in pages, with the true total.
    void waitingListSearchesLikeTheFailedOne()
    {
        m_service->dispatcher()->stop(); // nothing leaves: everything waits
        QStringList joses;
        for (int i = 0; i < 3; ++i) {
            QJsonObject jose = whatsappBody(QStringLiteral("W%1").arg(i));
            jose.insert(QStringLiteral("customer_name"), QStringLiteral("José Núñez %1").arg(i));
            joses << create(jose);
            QVERIFY(!joses.constLast().isEmpty());
        }
        for (int i = 0; i < 4; ++i)
            QVERIFY(!create(whatsappBody(QStringLiteral("X%1").arg(i))).isEmpty());
        // One of them no longer waits: the customer was reached another way.
        QCOMPARE(m_http->post(QStringLiteral("/v1/notifications/%1/resolve").arg(joses.at(0)),
                              m_admin, {{QStringLiteral("method"), QStringLiteral("phone_call")}})
                         .status,
                 200);

        const QString query =
                QStringLiteral("/v1/notifications?state=pending,sending&q=JOSE%20nunez"
                               "&sort=created_at&limit=1");
        const HttpReply first = m_http->get(query, m_viewer);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json.value(QStringLiteral("total")).toInt(), 2);
        const QJsonArray items = first.json.value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 1);
        const QString cursor = first.json.value(QStringLiteral("next_cursor")).toString();
        QVERIFY(!cursor.isEmpty());
        const HttpReply next = m_http->get(query + QStringLiteral("&cursor=") + cursor, m_viewer);
        QCOMPARE(next.status, 200);
        QCOMPARE(next.json.value(QStringLiteral("total")).toInt(), 2);
        // The two that still wait, one a page, whatever their order (two
        // created in the same millisecond are ordered by id).
        const QSet<QString> found{items.at(0).toObject().value(QStringLiteral("id")).toString(),
                                  next.json.value(QStringLiteral("items"))
                                          .toArray()
                                          .at(0)
                                          .toObject()
                                          .value(QStringLiteral("id"))
                                          .toString()};
        QCOMPARE(found, (QSet<QString>{joses.at(1), joses.at(2)}));
        QVERIFY(next.json.value(QStringLiteral("next_cursor")).isNull());

        // Without a search: every waiting row, the same number the status counts.
        const HttpReply all = m_http->get(
                QStringLiteral("/v1/notifications?state=pending,sending&limit=1"), m_viewer);
        QCOMPARE(all.json.value(QStringLiteral("total")).toInt(), 6);
    }

    void failedThenRetriedIsResolvedByRetry()
    {
        // A wrong API key is a permanent failure: nothing retries it by itself,
        // so only the operator's retry can bring it through.
        m_waha->setApiKey(QByteArrayLiteral("rotated-key"));
        const QString id = create(whatsappBody(QStringLiteral("A200")));
        QTRY_COMPARE(stateOf(id), QStringLiteral("failed"));
        const HttpReply failed = m_http->get(QStringLiteral("/v1/notifications/") + id, m_viewer);
        QCOMPARE(failed.json.value(QStringLiteral("attempts")).toInt(), 1);
        QVERIFY(failed.json.value(QStringLiteral("last_error"))
                        .toString()
                        .contains(QLatin1String("401")));

        m_waha->setApiKey(QByteArray());
        const HttpReply retry = m_http->post(
                QStringLiteral("/v1/notifications/") + id + QStringLiteral("/retry"), m_admin, {});
        QCOMPARE(retry.status, 202);
        QTRY_COMPARE(stateOf(id), QStringLiteral("resolved"));
        const QJsonObject resolution =
                m_http->get(QStringLiteral("/v1/notifications/") + id, m_viewer)
                        .json.value(QStringLiteral("resolution"))
                        .toObject();
        QCOMPARE(resolution.value(QStringLiteral("method")).toString(), QStringLiteral("retry"));
        QCOMPARE(resolution.value(QStringLiteral("by")).toString(), QStringLiteral("ana-admin"));

        const QJsonArray audit = m_http->get(QStringLiteral("/v1/audit"), m_admin)
                                         .json.value(QStringLiteral("items"))
                                         .toArray();
        QVERIFY(!audit.isEmpty());
        QCOMPARE(audit.at(0).toObject().value(QStringLiteral("action")).toString(),
                 QStringLiteral("retry"));
        QCOMPARE(audit.at(0).toObject().value(QStringLiteral("actor")).toString(),
                 QStringLiteral("ana-admin"));
        QCOMPARE(audit.at(0).toObject().value(QStringLiteral("target")).toString(), id);

        // One notification's entries alone, for the console's details pane.
        const HttpReply other = m_http->post(QStringLiteral("/v1/queue/cleanup"), m_admin,
                                             {{QStringLiteral("older_than_days"), 30}});
        QVERIFY(other.status < 300);
        const QJsonArray forIt = m_http->get(QStringLiteral("/v1/audit?target=") + id, m_admin)
                                         .json.value(QStringLiteral("items"))
                                         .toArray();
        QCOMPARE(forIt.size(), 1);
        QCOMPARE(forIt.at(0).toObject().value(QStringLiteral("target")).toString(), id);
        QVERIFY(m_http->get(QStringLiteral("/v1/audit"), m_admin)
                        .json.value(QStringLiteral("items"))
                        .toArray()
                        .size()
                > 1);
    }

    // "I'm handling this": two support operators, one failure. The second
    // sees who has it; resolving clears it; an admin may take it over.
    void claimKeepsTwoOperatorsOffTheSameCustomer()
    {
        m_waha->setMode(GatewayDouble::Mode::Reject);
        const QString id = create(whatsappBody(QStringLiteral("C100")));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("failed"), 15000);
        const QString claimPath =
                QStringLiteral("/v1/notifications/") + id + QStringLiteral("/claim");
        const QString luis = addToken(m_fixture->store(), Role::Support, QStringLiteral("luis"));

        QCOMPARE(m_http->post(claimPath, m_viewer, {}).status, 403);
        QCOMPARE(m_http->post(claimPath, m_support, {{QStringLiteral("minutes"), 0}}).status, 422);
        const HttpReply mine = m_http->post(claimPath, m_support, {});
        QCOMPARE(mine.status, 200);
        const QJsonObject claim = mine.json.value(QStringLiteral("claim")).toObject();
        const QString holder = claim.value(QStringLiteral("by")).toString();
        QVERIFY(!holder.isEmpty());
        const QDateTime until = fromRfc3339(claim.value(QStringLiteral("until")).toString());
        QVERIFY(until > QDateTime::currentDateTimeUtc().addSecs(29 * 60));

        const HttpReply theirs = m_http->post(claimPath, luis, {});
        QCOMPARE(theirs.status, 409);
        QCOMPARE(theirs.json.value(QStringLiteral("error")).toString(), QStringLiteral("claimed"));
        QCOMPARE(theirs.json.value(QStringLiteral("claimed_by")).toString(), holder);
        QCOMPARE(m_http->request("DELETE", claimPath, luis).status, 409);
        QCOMPARE(m_http->post(claimPath, luis, {{QStringLiteral("take_over"), true}}).status, 403);
        // The holder may extend it; the list shows it to every console.
        QCOMPARE(m_http->post(claimPath, m_support, {{QStringLiteral("minutes"), 60}}).status, 200);
        const QJsonObject listed =
                m_http->get(QStringLiteral("/v1/notifications?state=failed"), m_viewer)
                        .json.value(QStringLiteral("items"))
                        .toArray()
                        .at(0)
                        .toObject();
        QCOMPARE(listed.value(QStringLiteral("claim")).toObject().value(QStringLiteral("by")),
                 QJsonValue(holder));

        // An admin takes it over (the holder went home), then releases it.
        const HttpReply taken =
                m_http->post(claimPath, m_admin, {{QStringLiteral("take_over"), true}});
        QCOMPARE(taken.status, 200);
        QVERIFY(taken.json.value(QStringLiteral("claim")).toObject().value(QStringLiteral("by"))
                != QJsonValue(holder));
        QCOMPARE(m_http->request("DELETE", claimPath, m_admin).status, 200);
        QVERIFY(m_http->get(QStringLiteral("/v1/notifications/") + id, m_viewer)
                        .json.value(QStringLiteral("claim"))
                        .isNull());
        QCOMPARE(m_http->request("DELETE", claimPath, m_admin).status, 409);

        // Resolving ends the claim; a claim needs a failure.
        QCOMPARE(m_http->post(claimPath, luis, {}).status, 200);
        QCOMPARE(
                m_http->post(QStringLiteral("/v1/notifications/") + id + QStringLiteral("/resolve"),
                             luis,
                             {{QStringLiteral("method"), QStringLiteral("phone_call")},
                              {QStringLiteral("note"), QStringLiteral("Llamé, todo bien")}})
                        .status,
                200);
        const HttpReply resolved = m_http->get(QStringLiteral("/v1/notifications/") + id, m_viewer);
        QVERIFY(resolved.json.value(QStringLiteral("claim")).isNull());
        const HttpReply late = m_http->post(claimPath, m_support, {});
        QCOMPARE(late.status, 409);
        QCOMPARE(late.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_state"));

        // The audit names the order, the customer and the note.
        const QJsonArray audit = m_http->get(QStringLiteral("/v1/audit?target=") + id, m_admin)
                                         .json.value(QStringLiteral("items"))
                                         .toArray();
        QJsonObject resolveEntry;
        for (const QJsonValue v : audit) {
            if (v.toObject().value(QStringLiteral("action"))
                == QJsonValue(QStringLiteral("resolve")))
                resolveEntry = v.toObject();
        }
        const QJsonObject detail = resolveEntry.value(QStringLiteral("detail")).toObject();
        QCOMPARE(detail.value(QStringLiteral("order_id")).toString(), QStringLiteral("C100"));
        QCOMPARE(detail.value(QStringLiteral("customer_name")).toString(),
                 QStringLiteral("Ana Pérez"));
        QCOMPARE(detail.value(QStringLiteral("note")).toString(),
                 QStringLiteral("Llamé, todo bien"));
    }

    void resolveRecordsHowAndWho()
    {
        m_waha->setMode(GatewayDouble::Mode::Reject);
        const QString id = create(whatsappBody(QStringLiteral("A300")));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("failed"), 15000);

        const HttpReply bad =
                m_http->post(QStringLiteral("/v1/notifications/") + id + QStringLiteral("/resolve"),
                             m_support, {{QStringLiteral("method"), QStringLiteral("pigeon")}});
        QCOMPARE(bad.status, 422);
        QCOMPARE(bad.json.value(QStringLiteral("field")).toString(), QStringLiteral("method"));
        QCOMPARE(stateOf(id), QStringLiteral("failed"));

        const HttpReply ok = m_http->post(
                QStringLiteral("/v1/notifications/") + id + QStringLiteral("/resolve"), m_support,
                {{QStringLiteral("method"), QStringLiteral("phone_call")},
                 {QStringLiteral("note"), QStringLiteral("Called, order confirmed")}});
        QCOMPARE(ok.status, 200);
        const QJsonObject resolution = ok.json.value(QStringLiteral("resolution")).toObject();
        QCOMPARE(resolution.value(QStringLiteral("method")).toString(),
                 QStringLiteral("phone_call"));
        QCOMPARE(resolution.value(QStringLiteral("by")).toString(),
                 QStringLiteral("sofia-support"));
        QCOMPARE(resolution.value(QStringLiteral("note")).toString(),
                 QStringLiteral("Called, order confirmed"));
        QVERIFY(fromRfc3339(resolution.value(QStringLiteral("at")).toString()).isValid());

        const HttpReply again =
                m_http->post(QStringLiteral("/v1/notifications/") + id + QStringLiteral("/resolve"),
                             m_support, {{QStringLiteral("method"), QStringLiteral("sms")}});
        QCOMPARE(again.status, 409);
        const HttpReply missing =
                m_http->post(QStringLiteral("/v1/notifications/nope/resolve"), m_support,
                             {{QStringLiteral("method"), QStringLiteral("sms")}});
        QCOMPARE(missing.status, 404);
    }

    void retryFailedRequeuesAll()
    {
        m_waha->setApiKey(QByteArrayLiteral("rotated-key"));
        const QString a = create(whatsappBody(QStringLiteral("B1")));
        const QString b = create(whatsappBody(QStringLiteral("B2")));
        QTRY_COMPARE(stateOf(a), QStringLiteral("failed"));
        QTRY_COMPARE(stateOf(b), QStringLiteral("failed"));
        m_waha->setApiKey(QByteArray());
        LiveJournal *journal = m_fixture->service()->journal();
        const qint64 seqBefore = journal->currentSeq();
        const HttpReply r =
                m_http->post(QStringLiteral("/v1/notifications/retry-failed"), m_admin, {});
        QCOMPARE(r.status, 202);
        QCOMPARE(r.json.value(QStringLiteral("requeued")).toInt(), 2);
        QCOMPARE(r.json.value(QStringLiteral("ids")).toArray(), QJsonArray({a, b}));
        QCOMPARE(r.json.value(QStringLiteral("ids_truncated")).toBool(true), false);
        // One event for the lot, however many: the requeue itself is not
        // announced row by row (each row is again once the dispatcher sends it).
        const auto events = journal->since(seqBefore);
        QVERIFY(events);
        int bulk = 0;
        for (const LiveEvent &e : *events) {
            if (e.type == LiveEventType::BulkRetry) {
                ++bulk;
                QCOMPARE(e.data().value(QStringLiteral("requeued")).toInt(), 2);
            }
            if (e.type == LiveEventType::Notification)
                QVERIFY(e.data().value(QStringLiteral("state")).toString() != u"pending");
        }
        QCOMPARE(bulk, 1);
        QTRY_COMPARE(stateOf(a), QStringLiteral("resolved"));
        QTRY_COMPARE(stateOf(b), QStringLiteral("resolved"));
    }

    void queueStatsAndCleanup()
    {
        const QString id = create(whatsappBody(QStringLiteral("C1")));
        QTRY_COMPARE(stateOf(id), QStringLiteral("delivered"));
        const HttpReply stats = m_http->get(QStringLiteral("/v1/queue/stats"), m_viewer);
        QCOMPARE(stats.status, 200);
        QCOMPARE(stats.json.value(QStringLiteral("counts"))
                         .toObject()
                         .value(QStringLiteral("delivered"))
                         .toInt(),
                 1);
        QCOMPARE(stats.json.value(QStringLiteral("last_hour"))
                         .toObject()
                         .value(QStringLiteral("delivered"))
                         .toInt(),
                 1);

        const HttpReply bad =
                m_http->post(QStringLiteral("/v1/queue/cleanup"), m_admin,
                             {{QStringLiteral("older_than_days"), QStringLiteral("7")}});
        QCOMPARE(bad.status, 422);
        QCOMPARE(bad.json.value(QStringLiteral("field")).toString(),
                 QStringLiteral("older_than_days"));
        const HttpReply keep = m_http->post(QStringLiteral("/v1/queue/cleanup"), m_admin,
                                            {{QStringLiteral("older_than_days"), 1}});
        QCOMPARE(keep.status, 200);
        QCOMPARE(keep.json.value(QStringLiteral("removed")).toInt(), 0);
        QCOMPARE(storedCount(), 1);
    }

    // Each path segment is percent-decoded exactly once.
    void pathSegmentsAreDecodedOnce_data()
    {
        QTest::addColumn<QString>("segment");
        QTest::addColumn<QString>("key");
        QTest::newRow("plain") << QStringLiteral("pino") << QStringLiteral("pino");
        // A slash in a key travels as %2F; the empty segment is refused (422).
        QTest::newRow("escaped slash") << QStringLiteral("a%2Fb") << QStringLiteral("a/b");
        QTest::newRow("too long") << QString(129, u'k') << QString();
        QTest::newRow("escaped escape") << QStringLiteral("a%252Fb") << QStringLiteral("a%2Fb");
        QTest::newRow("escaped percent") << QStringLiteral("100%25") << QStringLiteral("100%");
        QTest::newRow("utf-8") << QStringLiteral("jos%C3%A9") << QStringLiteral("josé");
        QTest::newRow("escaped space") << QStringLiteral("a%20b") << QStringLiteral("a b");
    }

    void pathSegmentsAreDecodedOnce()
    {
        QFETCH(QString, segment);
        QFETCH(QString, key);
        const QJsonObject body{{QStringLiteral("user_id"), QStringLiteral("u1")},
                               {QStringLiteral("username"), QStringLiteral("u1")},
                               {QStringLiteral("where"), QStringLiteral("General")},
                               {QStringLiteral("confirmed"), true},
                               {QStringLiteral("entry_notified"), false}};
        const HttpReply put =
                m_http->request("PUT", QStringLiteral("/v1/sessions/voice/") + segment, m_bot,
                                QJsonDocument(body).toJson(QJsonDocument::Compact));
        if (key.isEmpty()) {
            QCOMPARE(put.status, 422);
            QCOMPARE(put.json.value(QStringLiteral("field")).toString(), QStringLiteral("key"));
            return;
        }
        QVERIFY2(put.status == 201, put.body.constData());
        const QJsonArray items = m_http->get(QStringLiteral("/v1/sessions?kind=voice"), m_bot)
                                         .json.value(QStringLiteral("items"))
                                         .toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("key")).toString(), key);
    }

    void oneSessionByItsKey()
    {
        // A key with a slash, sent as %2F, on every session route.
        const QString path = QStringLiteral("/v1/sessions/voice/guild-1%2Fpino");
        const QJsonObject body{{QStringLiteral("user_id"), QStringLiteral("u1")},
                               {QStringLiteral("where"), QStringLiteral("General")}};
        const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
        QCOMPARE(m_http->request("PUT", path, m_bot, bytes).status, 201);
        QCOMPARE(m_http->request("PUT", path, m_bot, bytes).status, 200);
        const HttpReply one = m_http->get(path, m_viewer);
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json.value(QStringLiteral("key")).toString(), QStringLiteral("guild-1/pino"));
        QCOMPARE(one.json.value(QStringLiteral("where")).toString(), QStringLiteral("General"));
        const HttpReply absent = m_http->get(QStringLiteral("/v1/sessions/voice/luz"), m_viewer);
        QCOMPARE(absent.status, 404);
        QCOMPARE(absent.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("not_found"));
        QCOMPARE(m_http->request("DELETE", path, m_bot).status, 200);
        QCOMPARE(m_http->get(path, m_viewer).status, 404);
    }

    void conversationPutCreatesThenUpdates()
    {
        const QString path = QStringLiteral("/v1/conversations/u1/create-tariff");
        const auto put = [&](const QString &step) {
            return m_http
                    ->request("PUT", path, m_bot,
                              QJsonDocument(QJsonObject{{QStringLiteral("step"), step},
                                                        {QStringLiteral("ttl_seconds"), 600}})
                                      .toJson())
                    .status;
        };
        QCOMPARE(put(QStringLiteral("price")), 201);
        QCOMPARE(put(QStringLiteral("duration")), 200);
        QCOMPARE(m_http->get(path, m_bot).json.value(QStringLiteral("step")).toString(),
                 QStringLiteral("duration"));
    }

    // The store's own words (SQL, schema, paths) stay in the log: the client
    // hears that nothing was stored, with a reference to find the detail.
    void storeFailureAnswersAGenericMessage()
    {
        const QString connection = QStringLiteral("tst_apiserver_fault");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(m_service->config().sqlitePath);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY2(q.exec(QStringLiteral(
                             "CREATE TRIGGER fault_injection BEFORE INSERT ON notifications "
                             "BEGIN SELECT RAISE(ABORT, 'secret-detail in /var/lib/vigia'); "
                             "END")),
                     qPrintable(q.lastError().text()));
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);

        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("storage failure .*secret-detail")));
        const HttpReply r = m_http->post(QStringLiteral("/v1/notifications"), m_bot,
                                         whatsappBody(QStringLiteral("F500")));
        QCOMPARE(r.status, 503);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("storage_unavailable"));
        QCOMPARE(r.header("Retry-After"), QByteArray("1"));
        const QString ref = r.json.value(QStringLiteral("ref")).toString();
        QVERIFY(!ref.isEmpty());
        QVERIFY2(r.json.value(QStringLiteral("message")).toString().contains(ref),
                 r.body.constData());
        QVERIFY2(!r.body.contains("secret-detail"), r.body.constData());
        QVERIFY2(!r.body.contains("notifications"), r.body.constData());
        QVERIFY2(!r.body.contains("/var/lib"), r.body.constData());
        QCOMPARE(storedCount(), 0);
    }

    // The store's work that the event loop should not wait on runs on
    // threads of its own, each named for top -H: the producers' enqueues,
    // the dispatcher's claims and outcomes, the counts of a large backlog.
    void storeWorkRunsOnNamedThreadsOfItsOwn()
    {
        if (!QDir(QStringLiteral("/proc/self/task")).exists())
            QSKIP("no /proc on this system");
        const QStringList names = threadNames();
        // Linux keeps 15 bytes of a thread's name.
        for (const QString &name :
             {QStringLiteral("vigiad intake"), QStringLiteral("vigiad delivery store").left(15),
              QStringLiteral("vigiad counts")})
            QVERIFY2(names.contains(name), qPrintable(names.join(QStringLiteral(", "))));
        // Enqueued there and answered here, as before.
        QVERIFY(!create(whatsappBody(QStringLiteral("T-1"))).isEmpty());
        QCOMPARE(storedCount(), 1);
    }

    void unknownPathAndMethod()
    {
        const HttpReply missing = m_http->get(QStringLiteral("/v1/nothing-here"), m_admin);
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("not_found"));
        const HttpReply wrong = m_http->request("DELETE", QStringLiteral("/v1/status"), m_admin);
        QCOMPARE(wrong.status, 405);
        QCOMPARE(wrong.header("Allow"), QByteArrayLiteral("GET"));
    }

    // A route's path matches segment by segment: a {parameter} takes one
    // non-empty segment, literals match exactly, and nothing else passes.
    void pathsMatchWholeSegments_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("routeFound");
        QTest::newRow("the route itself") << QStringLiteral("/v1/status") << 200 << true;
        QTest::newRow("a trailing slash") << QStringLiteral("/v1/status/") << 404 << false;
        QTest::newRow("an empty segment") << QStringLiteral("/v1//status") << 404 << false;
        QTest::newRow("another case") << QStringLiteral("/V1/status") << 404 << false;
        QTest::newRow("a prefix of a route") << QStringLiteral("/v1/stat") << 404 << false;
        QTest::newRow("an empty parameter") << QStringLiteral("/v1/notifications/") << 404 << false;
        QTest::newRow("a segment too many")
                << QStringLiteral("/v1/notifications/abc/def/ghi") << 404 << false;
        QTest::newRow("a parameter: no such notification")
                << QStringLiteral("/v1/notifications/no-such-id") << 404 << true;
    }

    void pathsMatchWholeSegments()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(bool, routeFound);
        const HttpReply r = m_http->get(path, m_admin);
        QCOMPARE(r.status, status);
        // The router's own 404 names the endpoint; a handler's names the thing.
        const bool noEndpoint = r.json.value(QStringLiteral("message"))
                                        .toString()
                                        .startsWith(QStringLiteral("no such endpoint"));
        QCOMPARE(noEndpoint, !routeFound);
    }

    void metricsArePrometheusText()
    {
        const HttpReply r = m_http->get(QStringLiteral("/metrics"), m_viewer);
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("Content-Type").startsWith("text/plain"));
        QVERIFY(r.body.contains("# TYPE vigia_notifications gauge"));
        QVERIFY(r.body.contains("vigia_notifications{state=\"failed\"} 0"));
        QVERIFY(r.body.contains("vigia_incidents{open=\"true\"} 0"));
        QVERIFY(r.body.contains("vigia_status{state=\""));
    }

    void heartbeatMarksBotAlive()
    {
        QCOMPARE(m_http->get(QStringLiteral("/v1/status"), m_viewer)
                         .json.value(QStringLiteral("signals"))
                         .toObject()
                         .value(QStringLiteral("bot"))
                         .toObject()
                         .value(QStringLiteral("state"))
                         .toString(),
                 QStringLiteral("unknown"));
        QCOMPARE(m_http->post(QStringLiteral("/v1/heartbeat"), m_bot, {}).status, 200);
        QCOMPARE(m_http->get(QStringLiteral("/v1/status"), m_viewer)
                         .json.value(QStringLiteral("signals"))
                         .toObject()
                         .value(QStringLiteral("bot"))
                         .toObject()
                         .value(QStringLiteral("state"))
                         .toString(),
                 QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TstApiServer)
#include "tst_apiserver.moc"

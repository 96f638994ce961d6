// WAHA calling vigiad (signed webhooks: session.status, message.ack) and the
// operator endpoints that call WAHA (health check, gateway restart), through a
// real VigiaService on loopback with a WAHA double behind it.
#include "CannedHttpPeer.h"
#include "Outbox.h"
#include "ServiceFixture.h"
#include "StatusTracker.h"
#include "Store.h"
#include "TestSupport.h"
#include "VigiaService.h"
#include "WahaDouble.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <functional>
#include <memory>

using namespace Vigia;
using namespace Vigia::TestSupport;

namespace {

const QByteArray HmacKey = QByteArrayLiteral("waha-webhook-secret");

// WAHA stamps events in milliseconds since the epoch; vigiad refuses stale ones.
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QJsonObject statusEvent(const QString &id, const QString &status,
                        const QString &session = QStringLiteral("default"))
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("timestamp"), nowMs()},
            {QStringLiteral("event"), QStringLiteral("session.status")},
            {QStringLiteral("session"), session},
            {QStringLiteral("payload"),
             QJsonObject{{QStringLiteral("name"), session}, {QStringLiteral("status"), status}}}};
}

QJsonObject ackEvent(const QString &id, const QJsonValue &messageId, int ack)
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("timestamp"), nowMs()},
            {QStringLiteral("event"), QStringLiteral("message.ack")},
            {QStringLiteral("session"), QStringLiteral("default")},
            {QStringLiteral("payload"),
             QJsonObject{{QStringLiteral("id"), messageId},
                         {QStringLiteral("from"), QStringLiteral("584241234567@c.us")},
                         {QStringLiteral("fromMe"), true},
                         {QStringLiteral("ack"), ack}}}};
}

QString newEventId()
{
    return QStringLiteral("evt_") + QUuid::createUuid().toString(QUuid::Id128);
}

} // namespace

class TstWahaWebhook final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServiceFixture> m_fixture;
    WahaDouble *m_waha = nullptr;
    VigiaService *m_service = nullptr;
    Http *m_http = nullptr;
    QString m_admin, m_viewer, m_bot;

    static ServiceFixture::Tweak signedOnly(const ServiceFixture::Tweak &tweak)
    {
        return [tweak](ServiceConfig &config) {
            config.wahaWebhookHmacKey = QString::fromLatin1(HmacKey);
            // Only the webhooks (and explicit checks) drive the health signal here.
            config.probeIntervalMs = 0;
            if (tweak)
                tweak(config);
        };
    }
    bool startService(const ServiceFixture::Tweak &tweak = {})
    {
        return m_fixture->start(signedOnly(tweak)) && attach();
    }
    bool restartService(const ServiceFixture::Tweak &tweak = {})
    {
        return m_fixture->restart(signedOnly(tweak)) && attach();
    }
    bool attach()
    {
        m_service = m_fixture->service();
        m_http = &m_fixture->http();
        m_admin = m_fixture->token(Role::Admin);
        m_viewer = m_fixture->token(Role::Viewer);
        m_bot = m_fixture->token(Role::Bot);
        return true;
    }

    HttpReply webhook(const QByteArray &body, const QByteArray &signature)
    {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!signature.isNull())
            headers.append({QByteArrayLiteral("X-Webhook-Hmac"), signature});
        return m_http->request("POST", QStringLiteral("/v1/gateway/waha/webhook"), QString(), body,
                               headers);
    }
    HttpReply signedWebhook(const QJsonObject &event)
    {
        const QByteArray body = QJsonDocument(event).toJson(QJsonDocument::Compact);
        return webhook(body, WahaDouble::hmacSha512Hex(HmacKey, body));
    }

    SignalDetail health() const { return m_service->statusTracker()->status().healthcheck; }

    QString create(const QJsonObject &body)
    {
        const HttpReply r = m_http->post(QStringLiteral("/v1/notifications"), m_bot, body);
        if (r.status != 201)
            qWarning() << r.status << r.body;
        return r.json.value(QStringLiteral("id")).toString();
    }
    QJsonObject notification(const QString &id)
    {
        return m_http->get(QStringLiteral("/v1/notifications/") + id, m_admin).json;
    }
    QString stateOf(const QString &id)
    {
        return notification(id).value(QStringLiteral("state")).toString();
    }
    int sendsWithText(const QString &text) const
    {
        int n = 0;
        const QList<QJsonObject> accepted = m_waha->accepted();
        for (const QJsonObject &body : accepted)
            n += body.value(QStringLiteral("text")).toString() == text ? 1 : 0;
        return n;
    }

    // The WAHA message id vigiad stored for a notification, read through a
    // connection of our own (the API does not expose it).
    QVariantList storedAck(const QString &id)
    {
        QVariantList row;
        const QString connection =
                QStringLiteral("tst_wahawebhook_") + QUuid::createUuid().toString(QUuid::Id128);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(m_service->config().sqlitePath);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            if (db.open()) {
                QSqlQuery q(db);
                q.prepare(QStringLiteral("SELECT provider_message_id, ack, ack_deadline_ms FROM "
                                         "notifications WHERE id = ?"));
                q.addBindValue(id);
                if (q.exec() && q.next())
                    row = {q.value(0), q.value(1), q.value(2)};
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(connection);
        return row;
    }
    QString providerIdOf(const QString &id)
    {
        const QVariantList row = storedAck(id);
        return row.isEmpty() ? QString() : row.at(0).toString();
    }

    QString writeScript(const QString &name, const QString &body)
    {
        const QString path = m_fixture->dir().filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write("#!/bin/sh\n" + body.toUtf8() + "\n");
        file.close();
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                            | QFileDevice::ExeOwner);
        return path;
    }

private Q_SLOTS:
    void initTestCase() { enterTestMode(); }

    void init()
    {
        m_fixture = std::make_unique<ServiceFixture>();
        m_waha = m_fixture->waha();
    }

    void cleanup() { m_fixture.reset(); }

    // ---- signatures

    void correctSignatureIsAccepted()
    {
        QVERIFY(startService());
        const HttpReply r = signedWebhook(statusEvent(newEventId(), QStringLiteral("WORKING")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("ok")).toBool(), true);
        QVERIFY(!r.json.contains(QStringLiteral("duplicate")));
        QVERIFY(health().known);
        QVERIFY(!health().failing);
    }

    void badSignatureIs401AndChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("signature");
        QTest::newRow("missing") << QByteArray();
        QTest::newRow("empty") << QByteArrayLiteral("");
        QTest::newRow("garbage") << QByteArrayLiteral("not-a-signature");
        QTest::newRow("another key") << QByteArrayLiteral("another-key");
        QTest::newRow("another body") << QByteArrayLiteral("another-body");
        QTest::newRow("truncated") << QByteArrayLiteral("truncated");
    }

    void badSignatureIs401AndChangesNothing()
    {
        QFETCH(QByteArray, signature);
        QVERIFY(startService());
        const QString eventId = newEventId();
        const QByteArray body = QJsonDocument(statusEvent(eventId, QStringLiteral("STOPPED")))
                                        .toJson(QJsonDocument::Compact);
        const QByteArray good = WahaDouble::hmacSha512Hex(HmacKey, body);
        if (signature == "another-key")
            signature = WahaDouble::hmacSha512Hex(QByteArrayLiteral("not-the-key"), body);
        else if (signature == "another-body")
            signature = WahaDouble::hmacSha512Hex(HmacKey, body + ' ');
        else if (signature == "truncated")
            signature = good.left(good.size() - 2);

        const HttpReply r = webhook(body, signature);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_signature"));
        QVERIFY(!r.json.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(!health().known);
        QCOMPARE(health().consecutiveFailures, 0);

        // The rejected call did not even use up its event id.
        const HttpReply ok = webhook(body, good);
        QCOMPARE(ok.status, 200);
        QVERIFY(!ok.json.value(QStringLiteral("duplicate")).toBool());
        QCOMPARE(health().consecutiveFailures, 1);
    }

    void uppercaseSignatureIsAccepted()
    {
        QVERIFY(startService());
        const QByteArray body = QJsonDocument(statusEvent(newEventId(), QStringLiteral("STOPPED")))
                                        .toJson(QJsonDocument::Compact);
        const HttpReply r = webhook(body, WahaDouble::hmacSha512Hex(HmacKey, body).toUpper());
        QCOMPARE(r.status, 200);
        QCOMPARE(health().consecutiveFailures, 1);
    }

    void unsignedIsAcceptedWhenAllowedOnLoopback()
    {
        QVERIFY(startService([](ServiceConfig &c) {
            c.wahaWebhookHmacKey.clear();
            c.wahaAllowUnsignedWebhooks = true;
        }));
        const QByteArray body = QJsonDocument(statusEvent(newEventId(), QStringLiteral("STOPPED")))
                                        .toJson(QJsonDocument::Compact);
        const HttpReply r = webhook(body, QByteArray());
        QCOMPARE(r.status, 200);
        QCOMPARE(health().consecutiveFailures, 1);
    }

    void startupRefusesUnsignedWebhooks_data()
    {
        QTest::addColumn<bool>("allowUnsigned");
        QTest::addColumn<QHostAddress>("listen");
        QTest::addColumn<QString>("named");
        QTest::newRow("not allowed") << false << QHostAddress(QHostAddress::LocalHost)
                                     << QStringLiteral("waha/allow_unsigned_webhooks");
        QTest::newRow("allowed, every address")
                << true << QHostAddress(QHostAddress::AnyIPv4) << QStringLiteral("server/listen");
        QTest::newRow("allowed, a LAN address")
                << true << QHostAddress(QStringLiteral("192.168.1.10"))
                << QStringLiteral("server/listen");
    }

    void startupRefusesUnsignedWebhooks()
    {
        QFETCH(bool, allowUnsigned);
        QFETCH(QHostAddress, listen);
        QFETCH(QString, named);
        ServiceConfig config = testConfig(m_fixture->dir(), m_waha->baseUrl());
        config.wahaWebhookHmacKey.clear();
        config.wahaAllowUnsignedWebhooks = allowUnsigned;
        config.listenAddress = listen;
        VigiaService service(config);
        QString error;
        QVERIFY(!service.start(&error));
        QVERIFY2(error.contains(QLatin1String("waha/webhook_hmac_key")), qPrintable(error));
        QVERIFY2(error.contains(named), qPrintable(error));
        QVERIFY(service.store() == nullptr); // refused before the store was opened
        QCOMPARE(service.port(), quint16(0));
    }

    // The attack the key stops: an unsigned "message.ack -1" for a delivered
    // message would mark it failed and have the recovery send it again.
    void forgedUnsignedAckMinusOneIsRefused()
    {
        QVERIFY(startService());
        const QString id = create(whatsappBody(QStringLiteral("F1")));
        QTRY_COMPARE(stateOf(id), QStringLiteral("delivered"));
        const QByteArray forged = QJsonDocument(ackEvent(newEventId(), providerIdOf(id), -1))
                                          .toJson(QJsonDocument::Compact);
        const HttpReply r = webhook(forged, QByteArray());
        QCOMPARE(r.status, 401);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_signature"));
        QCOMPARE(stateOf(id), QStringLiteral("delivered"));
        QVERIFY(storedAck(id).at(1).isNull());
        QCOMPARE(m_service->store()->affectedOrders(), 0);
    }

    void staleEventIsRefusedAndChangesNothing_data()
    {
        QTest::addColumn<QJsonValue>("timestamp");
        QTest::addColumn<QString>("error");
        const qint64 minute = 60000;
        QTest::newRow("six minutes old")
                << QJsonValue(nowMs() - 6 * minute) << QStringLiteral("stale_event");
        QTest::newRow("a day old")
                << QJsonValue(nowMs() - 24 * (60 * minute)) << QStringLiteral("stale_event");
        QTest::newRow("six minutes ahead")
                << QJsonValue(nowMs() + 6 * minute) << QStringLiteral("stale_event");
        QTest::newRow("seconds, not milliseconds")
                << QJsonValue(nowMs() / 1000) << QStringLiteral("stale_event");
        QTest::newRow("far future") << QJsonValue(1e300) << QStringLiteral("stale_event");
        QTest::newRow("far past") << QJsonValue(-1e300) << QStringLiteral("stale_event");
        QTest::newRow("missing") << QJsonValue(QJsonValue::Undefined)
                                 << QStringLiteral("validation_failed");
        QTest::newRow("text") << QJsonValue(QString::number(nowMs()))
                              << QStringLiteral("validation_failed");
        QTest::newRow("null") << QJsonValue(QJsonValue::Null)
                              << QStringLiteral("validation_failed");
    }

    void staleEventIsRefusedAndChangesNothing()
    {
        QFETCH(QJsonValue, timestamp);
        QFETCH(QString, error);
        QVERIFY(startService());
        const QString eventId = newEventId();
        QJsonObject event = statusEvent(eventId, QStringLiteral("STOPPED"));
        if (timestamp.isUndefined())
            event.remove(QStringLiteral("timestamp"));
        else
            event.insert(QStringLiteral("timestamp"), timestamp);
        const HttpReply r = signedWebhook(event);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(), error);
        QCOMPARE(r.json.value(QStringLiteral("field")).toString(), QStringLiteral("timestamp"));
        QVERIFY2(r.json.value(QStringLiteral("message"))
                         .toString()
                         .contains(QLatin1String("timestamp")),
                 r.body.constData());
        QVERIFY(!health().known);
        QCOMPARE(health().consecutiveFailures, 0);

        // The refused event did not use up its id: the same event, fresh, counts once.
        event.insert(QStringLiteral("timestamp"), nowMs());
        const HttpReply fresh = signedWebhook(event);
        QCOMPARE(fresh.status, 200);
        QVERIFY(!fresh.json.value(QStringLiteral("duplicate")).toBool());
        QCOMPARE(health().consecutiveFailures, 1);
    }

    void skewWindowIsConfigurable()
    {
        QVERIFY(startService([](ServiceConfig &c) { c.wahaWebhookMaxSkewS = 3600; }));
        QJsonObject event = statusEvent(newEventId(), QStringLiteral("STOPPED"));
        event.insert(QStringLiteral("timestamp"), nowMs() - qint64(30) * 60 * 1000);
        QCOMPARE(signedWebhook(event).status, 200);
        QCOMPARE(health().consecutiveFailures, 1);
        event.insert(QStringLiteral("id"), newEventId());
        event.insert(QStringLiteral("timestamp"), nowMs() - qint64(61) * 60 * 1000);
        QCOMPARE(signedWebhook(event).status, 422);
        QCOMPARE(health().consecutiveFailures, 1);
    }

    void eventIsRequired()
    {
        QVERIFY(startService());
        QJsonObject event = statusEvent(newEventId(), QStringLiteral("STOPPED"));
        event.remove(QStringLiteral("event"));
        const HttpReply r = signedWebhook(event);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("validation_failed"));
        QVERIFY(!health().known);
    }

    void duplicateEventHasNoSecondEffect()
    {
        QVERIFY(startService());
        const QJsonObject event =
                statusEvent(QStringLiteral("evt-dup-1"), QStringLiteral("STOPPED"));
        const HttpReply first = signedWebhook(event);
        QCOMPARE(first.status, 200);
        QVERIFY(!first.json.value(QStringLiteral("duplicate")).toBool());
        QCOMPARE(health().consecutiveFailures, 1);

        const HttpReply again = signedWebhook(event);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json.value(QStringLiteral("duplicate")).toBool(), true);
        // A second effect would have reached the threshold of 2.
        QCOMPARE(health().consecutiveFailures, 1);
        QVERIFY(!health().failing);
    }

    // ---- session.status

    void sessionStatusDrivesTheHealthSignal()
    {
        QVERIFY(startService());
        QCOMPARE(signedWebhook(statusEvent(newEventId(), QStringLiteral("STOPPED"))).status, 200);
        QCOMPARE(health().consecutiveFailures, 1);
        QVERIFY(!health().failing);

        // The threshold (2) is reached by the second event, at once.
        QCOMPARE(signedWebhook(statusEvent(newEventId(), QStringLiteral("STOPPED"))).status, 200);
        QVERIFY(health().failing);
        QVERIFY2(health().lastError.contains(QLatin1String("STOPPED")),
                 qPrintable(health().lastError));
        const HttpReply failing = m_http->get(QStringLiteral("/v1/status"), m_viewer);
        QCOMPARE(failing.json.value(QStringLiteral("signals"))
                         .toObject()
                         .value(QStringLiteral("healthcheck"))
                         .toObject()
                         .value(QStringLiteral("state"))
                         .toString(),
                 QStringLiteral("failing"));
        QCOMPARE(failing.json.value(QStringLiteral("state")).toString(),
                 QStringLiteral("degraded"));

        QCOMPARE(signedWebhook(statusEvent(newEventId(), QStringLiteral("WORKING"))).status, 200);
        QVERIFY(!health().failing);
        QCOMPARE(health().consecutiveFailures, 0);
        const HttpReply ok = m_http->get(QStringLiteral("/v1/status"), m_viewer);
        QCOMPARE(ok.json.value(QStringLiteral("signals"))
                         .toObject()
                         .value(QStringLiteral("healthcheck"))
                         .toObject()
                         .value(QStringLiteral("state"))
                         .toString(),
                 QStringLiteral("ok"));
        QCOMPARE(ok.json.value(QStringLiteral("state")).toString(), QStringLiteral("online"));
    }

    // A pushed failure is acted on at once: a confirming probe, so the
    // signal changes within the probe timeout, not at the next interval.
    void pushedFailureIsConfirmedAtOnce()
    {
        QVERIFY(startService([](ServiceConfig &config) {
            config.probeIntervalMs = 60000; // production-like: the next probe is a minute away
            config.probeTimeoutMs = 2000;
        }));
        QTRY_VERIFY(health().known); // the probe at start-up
        const int probesBefore = m_waha->statusRequestCount();
        m_waha->setSessionStatus(QStringLiteral("STOPPED"));

        QElapsedTimer pushed;
        pushed.start();
        QCOMPARE(signedWebhook(statusEvent(newEventId(), QStringLiteral("STOPPED"))).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(health().failing, 2000);
        QVERIFY(pushed.elapsed() < 2000 + 500);
        QCOMPARE(m_waha->statusRequestCount(), probesBefore + 1);
        QCOMPARE(m_service->statusTracker()->status().state, StatusState::Degraded);

        // A pushed WORKING ends it as fast.
        m_waha->setSessionStatus(QStringLiteral("WORKING"));
        QCOMPARE(signedWebhook(statusEvent(newEventId(), QStringLiteral("WORKING"))).status, 200);
        QVERIFY(!health().failing);
        QCOMPARE(m_service->statusTracker()->status().state, StatusState::Online);
    }

    // WAHA's own answer outweighs one pushed event: a failure the confirming
    // probe denies raises no alarm, however often it is pushed.
    void pushedFailureTheGatewayDeniesRaisesNoAlarm()
    {
        QVERIFY(startService([](ServiceConfig &config) {
            config.probeIntervalMs = 60000;
            config.probeTimeoutMs = 2000;
        }));
        QTRY_VERIFY(health().known);
        for (int i = 0; i < 3; ++i) {
            const int probesBefore = m_waha->statusRequestCount();
            QCOMPARE(signedWebhook(statusEvent(newEventId(), QStringLiteral("STOPPED"))).status,
                     200);
            QTRY_COMPARE(m_waha->statusRequestCount(), probesBefore + 1);
            QTRY_COMPARE(health().consecutiveFailures, 0);
            QVERIFY(!health().failing);
        }
        QCOMPARE(m_service->statusTracker()->status().state, StatusState::Online);
    }

    void unknownSessionStatusCountsAsFailing()
    {
        QVERIFY(startService());
        QCOMPARE(signedWebhook(statusEvent(newEventId(), QStringLiteral("SOME_FUTURE_STATUS")))
                         .status,
                 200);
        QCOMPARE(signedWebhook(statusEvent(newEventId(), QStringLiteral("SCAN_QR_CODE"))).status,
                 200);
        QVERIFY(health().failing);
    }

    void anotherSessionIsIgnored()
    {
        QVERIFY(startService());
        for (int i = 0; i < 3; ++i) {
            const HttpReply r = signedWebhook(
                    statusEvent(newEventId(), QStringLiteral("STOPPED"), QStringLiteral("sales")));
            QCOMPARE(r.status, 200);
            QVERIFY(r.json.contains(QStringLiteral("ignored")));
        }
        QVERIFY(!health().known);
        QCOMPARE(health().consecutiveFailures, 0);
        QVERIFY(!health().failing);
    }

    // ---- message.ack

    void ackMatchesTheDeliveredMessage()
    {
        QVERIFY(startService());
        const QString id = create(whatsappBody(QStringLiteral("A1")));
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE(stateOf(id), QStringLiteral("delivered"));
        const QString messageId = providerIdOf(id);
        QVERIFY2(messageId.startsWith(QLatin1String("true_584241234567@c.us_")),
                 qPrintable(messageId));
        const QVariantList waiting = storedAck(id);
        QCOMPARE(waiting.size(), 3);
        QVERIFY(waiting.at(1).isNull());
        QVERIFY(!waiting.at(2).isNull()); // an ack deadline: delivery not proven yet

        const HttpReply r = signedWebhook(ackEvent(newEventId(), messageId, 3));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("matched")).toBool(), true);
        const QVariantList row = storedAck(id);
        QCOMPARE(row.size(), 3);
        QCOMPARE(row.at(1).toInt(), 3);
        QVERIFY(row.at(2).isNull()); // no longer waiting
        QCOMPARE(stateOf(id), QStringLiteral("delivered"));

        // An ack that moves backwards changes nothing.
        QCOMPARE(signedWebhook(ackEvent(newEventId(), messageId, 1)).status, 200);
        QCOMPARE(storedAck(id).at(1).toInt(), 3);

        const HttpReply unknown =
                signedWebhook(ackEvent(newEventId(), QStringLiteral("true_1@c.us_NOPE"), 3));
        QCOMPARE(unknown.status, 200);
        QCOMPARE(unknown.json.value(QStringLiteral("matched")).toBool(), false);
    }

    void ackIdMayBeAnObject()
    {
        QVERIFY(startService());
        const QString id = create(whatsappBody(QStringLiteral("A2")));
        QTRY_COMPARE(stateOf(id), QStringLiteral("delivered"));
        const QString messageId = providerIdOf(id);
        const QJsonObject serialized{
                {QStringLiteral("fromMe"), true},
                {QStringLiteral("remote"), QStringLiteral("584241234567@c.us")},
                {QStringLiteral("_serialized"), messageId}};
        const HttpReply r = signedWebhook(ackEvent(newEventId(), serialized, 2));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("matched")).toBool(), true);
        QCOMPARE(storedAck(id).at(1).toInt(), 2);
    }

    void ackWithoutIdIs422()
    {
        QVERIFY(startService());
        QJsonObject event = ackEvent(newEventId(), QString(), 3);
        const HttpReply r = signedWebhook(event);
        QCOMPARE(r.status, 422);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("validation_failed"));
    }

    void ackMinusOneFailsThatNotification()
    {
        QVERIFY(startService());
        const QString keep = create(whatsappBody(QStringLiteral("B1")));
        const QString lose =
                create(whatsappBody(QStringLiteral("B2"), QStringLiteral("+58 414-7654321")));
        QTRY_COMPARE(stateOf(keep), QStringLiteral("delivered"));
        QTRY_COMPARE(stateOf(lose), QStringLiteral("delivered"));
        const QString keepMessage = providerIdOf(keep);
        const QString loseMessage = providerIdOf(lose);
        QVERIFY(!loseMessage.isEmpty());
        QVERIFY(keepMessage != loseMessage);

        QCOMPARE(signedWebhook(ackEvent(newEventId(), keepMessage, 3)).status, 200);
        const HttpReply r = signedWebhook(ackEvent(newEventId(), loseMessage, -1));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("matched")).toBool(), true);

        const QJsonObject lost = notification(lose);
        QCOMPARE(lost.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QVERIFY2(lost.value(QStringLiteral("last_error"))
                         .toString()
                         .contains(QLatin1String("ack -1")),
                 qPrintable(lost.value(QStringLiteral("last_error")).toString()));
        QCOMPARE(stateOf(keep), QStringLiteral("delivered"));
        QCOMPARE(m_service->store()->affectedOrders(), 1);
    }

    void ackMinusOneFailsEvenWhenAckTimeoutIsOff()
    {
        // ack_timeout_s = 0 means "do not wait for an ack"; an explicit error
        // ack from WhatsApp still says the message did not get through.
        QVERIFY(startService([](ServiceConfig &c) { c.delivery.ackTimeoutMs = 0; }));
        const QString id = create(whatsappBody(QStringLiteral("B3")));
        QTRY_COMPARE(stateOf(id), QStringLiteral("delivered"));
        const QString messageId = providerIdOf(id);
        QVERIFY(!messageId.isEmpty());
        const HttpReply r = signedWebhook(ackEvent(newEventId(), messageId, -1));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("matched")).toBool(), true);
        const QJsonObject lost = notification(id);
        QCOMPARE(lost.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QVERIFY2(lost.value(QStringLiteral("last_error"))
                         .toString()
                         .contains(QLatin1String("ack -1")),
                 qPrintable(lost.value(QStringLiteral("last_error")).toString()));
    }

    // Acks reach vigiad: one message acked proves WAHA's webhooks are wired.
    void wireAcks(const QString &tag)
    {
        const QString id = create(whatsappBody(tag));
        QTRY_COMPARE(stateOf(id), QStringLiteral("delivered"));
        QCOMPARE(signedWebhook(ackEvent(newEventId(), providerIdOf(id), 1)).status, 200);
        QVERIFY(m_service->statusTracker()->acksWired());
    }

    void missingAckWithoutWiredWebhooksIsNeverSentAgain()
    {
        // A first install: WAHA's webhooks do not point at vigiad, so no ack
        // ever comes. The customer must get the message once, not twice.
        QVERIFY(startService([](ServiceConfig &c) { c.delivery.ackTimeoutMs = 300; }));
        const QJsonObject body = whatsappBody(QStringLiteral("N1"));
        const QString text = body.value(QStringLiteral("text")).toString();
        const QString id = create(body);
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE(stateOf(id), QStringLiteral("delivered"));
        QVERIFY(!storedAck(id).at(2).isNull()); // waiting for an ack
        // The sweep passed the deadline and let it stand as sent.
        QTRY_VERIFY_WITH_TIMEOUT(storedAck(id).at(2).isNull(), 10000);
        QTRY_COMPARE(m_service->statusTracker()->status().whatsappAcks.unconfirmed, 1);
        QCOMPARE(sendsWithText(text), 1);
        QCOMPARE(stateOf(id), QStringLiteral("delivered"));
        QCOMPARE(m_service->store()->affectedOrders(), 0);

        const QJsonObject status = m_http->get(QStringLiteral("/v1/status"), m_viewer).json;
        const QJsonObject acks = status.value(QStringLiteral("whatsapp_acks")).toObject();
        QCOMPARE(acks.value(QStringLiteral("wired")).toBool(true), false);
        QVERIFY(acks.value(QStringLiteral("last_ack_at")).isNull());
        QCOMPARE(acks.value(QStringLiteral("unconfirmed")).toInt(), 1);
        QVERIFY(status.value(QStringLiteral("state")).toString() != QLatin1String("incommunicado"));
        QVERIFY(status.value(QStringLiteral("state")).toString() != QLatin1String("critical"));
    }

    void ackWiringSurvivesARestart()
    {
        QVERIFY(startService([](ServiceConfig &c) { c.delivery.ackTimeoutMs = 300; }));
        wireAcks(QStringLiteral("R1"));
        const QDateTime lastAck = m_service->statusTracker()->status().whatsappAcks.lastAck;
        QVERIFY(lastAck.isValid());
        // Same store, new process state: only the disk remembers the ack.
        QVERIFY(restartService([](ServiceConfig &c) { c.delivery.ackTimeoutMs = 300; }));
        QVERIFY(m_service->statusTracker()->acksWired());
        QCOMPARE(m_service->statusTracker()->status().whatsappAcks.lastAck, lastAck);
    }

    void missingAckIsSentOnceMoreThenFails()
    {
        QVERIFY(startService([](ServiceConfig &c) { c.delivery.ackTimeoutMs = 300; }));
        // Acks flow (one arrived), so a message whose ack never comes is lost.
        wireAcks(QStringLiteral("C0"));
        const QJsonObject body = whatsappBody(QStringLiteral("C1"));
        const QString text = body.value(QStringLiteral("text")).toString();
        const QString id = create(body);
        QVERIFY(!id.isEmpty());

        QTRY_COMPARE_WITH_TIMEOUT(sendsWithText(text), 2, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), QStringLiteral("failed"), 10000);
        const QJsonObject failed = notification(id);
        const QString lastError = failed.value(QStringLiteral("last_error")).toString();
        QVERIFY2(lastError.contains(QLatin1String("acknowledged"))
                         || lastError.contains(QLatin1String("ack")),
                 qPrintable(lastError));
        QCOMPARE(sendsWithText(text), 2);
        QCOMPARE(failed.value(QStringLiteral("attempt_history")).toArray().size(), 2);
    }

    void ackInTimeKeepsItDelivered()
    {
        // Long enough for the test to ack the first message before its deadline.
        QVERIFY(startService([](ServiceConfig &c) { c.delivery.ackTimeoutMs = 2000; }));
        // The first message's ack is the one that shows acks are wired.
        const QJsonObject first = whatsappBody(QStringLiteral("D1"));
        const QString acked = create(first);
        QTRY_COMPARE(stateOf(acked), QStringLiteral("delivered"));
        QCOMPARE(signedWebhook(ackEvent(newEventId(), providerIdOf(acked), 1)).status, 200);

        // A second message without an ack paces the test: once it was sent
        // again, the sweep has long passed the first one's deadline too.
        const QJsonObject second = whatsappBody(QStringLiteral("D2"));
        const QString unacked = create(second);
        QTRY_COMPARE_WITH_TIMEOUT(sendsWithText(second.value(QStringLiteral("text")).toString()), 2,
                                  10000);
        QCOMPARE(sendsWithText(first.value(QStringLiteral("text")).toString()), 1);
        QCOMPARE(stateOf(acked), QStringLiteral("delivered"));
        QVERIFY(!unacked.isEmpty());
    }

    // ---- operator endpoints that talk to WAHA

    void healthCheckProbesNow()
    {
        QVERIFY(startService());
        const int before = m_waha->statusRequestCount();
        const HttpReply ok = m_http->post(QStringLiteral("/v1/health/check"), m_admin, {});
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.json.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(ok.json.value(QStringLiteral("status")).toString(), QStringLiteral("WORKING"));
        QVERIFY(ok.json.value(QStringLiteral("latency_ms")).isDouble());
        QVERIFY(ok.json.value(QStringLiteral("latency_ms")).toInt() >= 0);
        QCOMPARE(m_waha->statusRequestCount(), before + 1);

        m_waha->setSessionStatus(QStringLiteral("SCAN_QR_CODE"));
        const HttpReply bad = m_http->post(QStringLiteral("/v1/health/check"), m_admin, {});
        QCOMPARE(bad.status, 200);
        QCOMPARE(bad.json.value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(bad.json.value(QStringLiteral("status")).toString(),
                 QStringLiteral("SCAN_QR_CODE"));
        QVERIFY(bad.json.value(QStringLiteral("error"))
                        .toString()
                        .contains(QLatin1String("SCAN_QR_CODE")));
        QCOMPARE(health().consecutiveFailures, 1);

        // The check feeds the health signal: the second failure marks it failing.
        const HttpReply again = m_http->post(QStringLiteral("/v1/health/check"), m_admin, {});
        QCOMPARE(again.json.value(QStringLiteral("signal"))
                         .toObject()
                         .value(QStringLiteral("state"))
                         .toString(),
                 QStringLiteral("failing"));
        QVERIFY(health().failing);
    }

    void healthCheckOfAHungGatewayTimesOut()
    {
        QVERIFY(startService());
        m_waha->setMode(GatewayDouble::Mode::Hang);
        const HttpReply r = m_http->post(QStringLiteral("/v1/health/check"), m_admin, {});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("ok")).toBool(true), false);
        QVERIFY2(r.json.value(QStringLiteral("error")).toString().contains(QLatin1String("500 ms")),
                 qPrintable(r.json.value(QStringLiteral("error")).toString()));
        QCOMPARE(health().consecutiveFailures, 1);
        m_waha->releaseHungRequests();
    }

    void healthCheckNeedsAdmin()
    {
        QVERIFY(startService());
        const int before = m_waha->statusRequestCount();
        const HttpReply r = m_http->post(QStringLiteral("/v1/health/check"), m_viewer, {});
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(), QStringLiteral("forbidden"));
        QCOMPARE(m_http->post(QStringLiteral("/v1/health/check"), m_bot, {}).status, 403);
        QCOMPARE(m_http->post(QStringLiteral("/v1/health/check"), QString(), {}).status, 401);
        QCOMPARE(m_waha->statusRequestCount(), before);
    }

    void gatewayRestart()
    {
        QVERIFY(startService());
        const HttpReply denied = m_http->post(QStringLiteral("/v1/gateway/restart"), m_viewer, {});
        QCOMPARE(denied.status, 403);
        QCOMPARE(m_waha->restartCount(), 0);

        const HttpReply r = m_http->post(QStringLiteral("/v1/gateway/restart"), m_admin, {});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(m_waha->restartCount(), 1);
    }

    void gatewayRestartSendsTheApiKey()
    {
        m_waha->setApiKey(QByteArrayLiteral("waha-api-key"));
        QVERIFY(startService(
                [](ServiceConfig &c) { c.wahaApiKey = QStringLiteral("waha-api-key"); }));
        const HttpReply r = m_http->post(QStringLiteral("/v1/gateway/restart"), m_admin, {});
        QCOMPARE(r.status, 200);
        QCOMPARE(m_waha->restartCount(), 1);
        QCOMPARE(m_waha->sessionStatus(), QStringLiteral("WORKING"));
    }

    void gatewayRestartRefusedIs502()
    {
        m_waha->setApiKey(QByteArrayLiteral("waha-api-key"));
        QVERIFY(startService([](ServiceConfig &c) { c.wahaApiKey = QStringLiteral("stale-key"); }));
        const HttpReply r = m_http->post(QStringLiteral("/v1/gateway/restart"), m_admin, {});
        QCOMPARE(r.status, 502);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(), QStringLiteral("action_failed"));
        QCOMPARE(r.json.value(QStringLiteral("http_status")).toInt(), 401);
    }

    void botRestartNotConfigured()
    {
        QVERIFY(startService());
        const HttpReply r = m_http->post(QStringLiteral("/v1/bot/restart"), m_admin, {});
        QCOMPARE(r.status, 503);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("not_configured"));
        QVERIFY(!r.json.value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(m_http->post(QStringLiteral("/v1/bot/restart"), m_viewer, {}).status, 403);
    }

    void botRestartRunsTheConfiguredCommand()
    {
        const QString program =
                writeScript(QStringLiteral("restart-ok"), QStringLiteral("echo restarted \"$1\""));
        QVERIFY(startService([program](ServiceConfig &c) {
            c.botRestartCommand = {program, QStringLiteral("mybot")};
        }));
        const HttpReply r = m_http->post(QStringLiteral("/v1/bot/restart"), m_admin, {});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(r.json.value(QStringLiteral("exit_code")).toInt(), 0);
        QCOMPARE(r.json.value(QStringLiteral("output")).toString(),
                 QStringLiteral("restarted mybot"));
    }

    void secondRestartWhileOneRunsIs409()
    {
        const QString started = m_fixture->dir().filePath(QStringLiteral("started"));
        const QString release = m_fixture->dir().filePath(QStringLiteral("release"));
        const QString program = writeScript(
                QStringLiteral("restart-slow"),
                QStringLiteral(
                        "echo run >> '%1'\nwhile [ ! -e '%2' ]; do sleep 0.02; done\necho ok")
                        .arg(started, release));
        QVERIFY(startService([program](ServiceConfig &c) { c.botRestartCommand = {program}; }));

        // The first restart, left running; the test's own client, not the blocking helper.
        QNetworkAccessManager network;
        QNetworkRequest request(
                m_service->baseUrl().resolved(QUrl(QStringLiteral("/v1/bot/restart"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + m_admin.toUtf8());
        QNetworkReply *first = network.post(request, QByteArrayLiteral("{}"));
        QTRY_VERIFY(QFileInfo::exists(started));

        for (const QString &path :
             {QStringLiteral("/v1/bot/restart"), QStringLiteral("/v1/gateway/restart")}) {
            const HttpReply r = m_http->post(path, m_admin, {});
            QCOMPARE(r.status, 409);
            QCOMPARE(r.json.value(QStringLiteral("error")).toString(),
                     QStringLiteral("action_running"));
            QCOMPARE(r.json.value(QStringLiteral("message")).toString(),
                     QStringLiteral("the bot restart is still running; try again when it has "
                                    "finished"));
        }
        // Refused: nothing ran, nothing was audited.
        QCOMPARE(m_waha->restartCount(), 0);
        QCOMPARE(m_http->get(QStringLiteral("/v1/audit"), m_admin)
                         .json.value(QStringLiteral("items"))
                         .toArray()
                         .size(),
                 0);

        QFile releaseFile(release);
        QVERIFY(releaseFile.open(QIODevice::WriteOnly));
        releaseFile.close();
        QTRY_VERIFY(first->isFinished());
        QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        first->deleteLater();
        QFile runs(started);
        QVERIFY(runs.open(QIODevice::ReadOnly));
        QCOMPARE(runs.readAll(), QByteArrayLiteral("run\n"));
        QCOMPARE(m_http->get(QStringLiteral("/v1/audit"), m_admin)
                         .json.value(QStringLiteral("items"))
                         .toArray()
                         .size(),
                 1);
        // Free again.
        QCOMPARE(m_http->post(QStringLiteral("/v1/gateway/restart"), m_admin, {}).status, 200);
    }

    void botRestartCommandFailingIs502()
    {
        const QString program = writeScript(QStringLiteral("restart-bad"),
                                            QStringLiteral("echo no such unit >&2\nexit 5"));
        QVERIFY(startService([program](ServiceConfig &c) { c.botRestartCommand = {program}; }));
        const HttpReply r = m_http->post(QStringLiteral("/v1/bot/restart"), m_admin, {});
        QCOMPARE(r.status, 502);
        QCOMPARE(r.json.value(QStringLiteral("error")).toString(), QStringLiteral("action_failed"));
        QCOMPARE(r.json.value(QStringLiteral("exit_code")).toInt(), 5);
        QVERIFY(r.json.value(QStringLiteral("output"))
                        .toString()
                        .contains(QLatin1String("no such unit")));
        const QJsonArray audit = m_http->get(QStringLiteral("/v1/audit"), m_admin)
                                         .json.value(QStringLiteral("items"))
                                         .toArray();
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.at(0).toObject().value(QStringLiteral("action")).toString(),
                 QStringLiteral("bot_restart"));
        QCOMPARE(audit.at(0).toObject().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("failed"));
    }

    void auditListsOperatorActions()
    {
        QVERIFY(startService());
        QCOMPARE(m_http->post(QStringLiteral("/v1/health/check"), m_admin, {}).status, 200);
        QCOMPARE(m_http->post(QStringLiteral("/v1/gateway/restart"), m_admin, {}).status, 200);
        QCOMPARE(m_http->post(QStringLiteral("/v1/bot/restart"), m_admin, {}).status, 503);
        // Refused by role: not an action, not audited.
        QCOMPARE(m_http->post(QStringLiteral("/v1/gateway/restart"), m_viewer, {}).status, 403);

        const HttpReply r = m_http->get(QStringLiteral("/v1/audit"), m_admin);
        QCOMPARE(r.status, 200);
        const QJsonArray items = r.json.value(QStringLiteral("items")).toArray();
        QStringList actions;
        for (const QJsonValue &v : items) {
            const QJsonObject e = v.toObject();
            actions << e.value(QStringLiteral("action")).toString();
            QCOMPARE(e.value(QStringLiteral("actor")).toString(), QStringLiteral("ana-admin"));
        }
        // Newest first.
        QCOMPARE(actions,
                 (QStringList{QStringLiteral("bot_restart"), QStringLiteral("gateway_restart"),
                              QStringLiteral("health_check")}));
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("failed"));
        QCOMPARE(items.at(1).toObject().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("ok"));
        QCOMPARE(items.at(2).toObject().value(QStringLiteral("outcome")).toString(),
                 QStringLiteral("ok"));
        QCOMPARE(m_http->get(QStringLiteral("/v1/audit"), m_viewer).status, 403);
    }

    // A 3xx from WAHA or the bot's restart URL is a failure that says so; the
    // redirect is never followed, so the API key goes nowhere else.
    void redirectsAreNeverFollowed()
    {
        CannedHttpPeer elsewhere;
        QVERIFY(elsewhere.start());
        CannedHttpPeer redirecting;
        QVERIFY(redirecting.start());
        redirecting.setAnswer(
                302,
                {{QByteArrayLiteral("Location"), elsewhere.baseUrl().toEncoded() + "/api/stolen"}});
        QUrl restartUrl = redirecting.baseUrl();
        restartUrl.setPath(QStringLiteral("/restart-bot"));
        QVERIFY(startService([&](ServiceConfig &c) {
            c.wahaUrl = redirecting.baseUrl();
            c.wahaApiKey = QStringLiteral("waha-api-key");
            c.botRestartUrl = restartUrl;
        }));

        const HttpReply probe = m_http->post(QStringLiteral("/v1/health/check"), m_admin, {});
        QCOMPARE(probe.status, 200);
        QCOMPARE(probe.json.value(QStringLiteral("ok")).toBool(true), false);
        QVERIFY2(probe.json.value(QStringLiteral("error"))
                         .toString()
                         .contains(QLatin1String("redirect")),
                 probe.body.constData());

        for (const QString &action :
             {QStringLiteral("/v1/gateway/restart"), QStringLiteral("/v1/bot/restart")}) {
            const HttpReply r = m_http->post(action, m_admin, {});
            QCOMPARE(r.status, 502);
            QCOMPARE(r.json.value(QStringLiteral("http_status")).toInt(), 302);
            QVERIFY2(r.json.value(QStringLiteral("message"))
                             .toString()
                             .contains(QLatin1String("redirect")),
                     r.body.constData());
        }

        const QString id = create(whatsappBody(QStringLiteral("R1")));
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE(stateOf(id), QStringLiteral("failed"));
        QVERIFY2(notification(id)
                         .value(QStringLiteral("last_error"))
                         .toString()
                         .contains(QLatin1String("redirect")),
                 qPrintable(notification(id).value(QStringLiteral("last_error")).toString()));

        QCOMPARE(redirecting.requestCount(), 4);
        QCOMPARE(elsewhere.requestCount(), 0);
    }

    void incidentsStartEmpty()
    {
        QVERIFY(startService());
        const HttpReply r = m_http->get(QStringLiteral("/v1/incidents"), m_viewer);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json.value(QStringLiteral("items")).isArray());
        QCOMPARE(r.json.value(QStringLiteral("items")).toArray().size(), 0);
        QCOMPARE(m_http->get(QStringLiteral("/v1/incidents"), QString()).status, 401);
    }
};

QTEST_GUILESS_MAIN(TstWahaWebhook)
#include "tst_wahawebhook.moc"

// Core domain types: request validation, the notification JSON contract,
// phone numbers, the role ladder, secret redaction, RFC 3339 times and status names.

#include "CommunicationStatus.h"
#include "Notification.h"
#include "Phone.h"
#include "Role.h"
#include "SecretRedaction.h"
#include "TestMode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Vigia;

namespace {

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

QJsonObject validBody(const QString &channel)
{
    if (channel == QLatin1String("discord")) {
        return {{QStringLiteral("channel"), channel},
                {QStringLiteral("recipient"),
                 QStringLiteral("https://discord.com/api/webhooks/123456/abcdef")},
                {QStringLiteral("text"), QStringLiteral("Backup failed on srv-1")},
                {QStringLiteral("type"), QStringLiteral("BACKUP_ERROR")}};
    }
    if (channel == QLatin1String("telegram")) {
        return {{QStringLiteral("channel"), channel},
                {QStringLiteral("recipient"), QStringLiteral("-1001234567890")},
                {QStringLiteral("text"), QStringLiteral("Tariff created")},
                {QStringLiteral("type"), QStringLiteral("ADMIN_NOTICE")}};
    }
    return {{QStringLiteral("channel"), QStringLiteral("whatsapp")},
            {QStringLiteral("recipient"), QStringLiteral("+58 424-1234567")},
            {QStringLiteral("text"), QStringLiteral("Your order A-100 was received")},
            {QStringLiteral("type"), QStringLiteral("ORDER_RECEIVED")},
            {QStringLiteral("order_id"), QStringLiteral("A-100")},
            {QStringLiteral("customer_name"), QStringLiteral("Ana Pérez")}};
}

// One field changed (or removed, when value is undefined) in a valid body.
QJsonObject withField(const QString &channel, const QString &field, const QJsonValue &value)
{
    QJsonObject body = validBody(channel);
    if (value.isUndefined())
        body.remove(field);
    else
        body.insert(field, value);
    return body;
}

QString repeated(QChar c, qsizetype n)
{
    return QString(n, c);
}

// Rows of parseRejects_data: what each channel refuses as a recipient (and
// Discord's text limit).
void addRecipientRejects()
{
    const QString wa = QStringLiteral("whatsapp");
    const QString dc = QStringLiteral("discord");
    const QString tg = QStringLiteral("telegram");

    // WhatsApp recipients must be international phone numbers.
    // E.164 only, with its "+": local numbers, bare digits and WAHA chat ids are refused.
    for (const char *phone :
         {"abc", "1234567", "+58 424 123456789012", "+58-424-CALL-NOW", "+58/424/1234567",
          "ana@example.com", "@c.us", "hello@c.us", "04241234567", "584241234567",
          "584241234567@c.us", "+0424 1234567", "58+4241234567", "++584241234567"}) {
        QTest::addRow("whatsapp recipient '%s'", phone)
                << withField(wa, QStringLiteral("recipient"), QLatin1String(phone))
                << QStringLiteral("recipient");
    }

    // Discord recipients must be http(s) webhook URLs.
    for (const char *url :
         {"discord.com/api/webhooks/1/a", "ftp://discord.com/api/webhooks/1/a", "https://",
          "not a url", "javascript:alert(1)", "file:///etc/passwd", "12345",
          // Not the webhook path, or a query the gateway does not use.
          "https://discord.com/hook", "https://discord.com/api/webhooks/1",
          "https://discord.com/api/webhooks/abc/tok", "https://discord.com/api/channels/1/messages",
          "https://discord.com/api/webhooks/1/a?thread_id=x",
          "https://discord.com/api/webhooks/1/a?username=evil"}) {
        QTest::addRow("discord recipient '%s'", url)
                << withField(dc, QStringLiteral("recipient"), QLatin1String(url))
                << QStringLiteral("recipient");
    }
    QTest::newRow("discord text 2001 chars")
            << withField(dc, QStringLiteral("text"), repeated(u'x', 2001))
            << QStringLiteral("text");
    QTest::newRow("discord text 4096 chars")
            << withField(dc, QStringLiteral("text"), repeated(u'x', 4096))
            << QStringLiteral("text");

    // Telegram recipients: numeric chat id or @channelname (5+ characters).
    for (const char *chat : {"abc", "12a34", "@abc", "@with space", "--100", "+123456",
                             "123456789012345678901", "@name-with-dash"}) {
        QTest::addRow("telegram recipient '%s'", chat)
                << withField(tg, QStringLiteral("recipient"), QLatin1String(chat))
                << QStringLiteral("recipient");
    }
}

Notification fullNotification()
{
    Notification n;
    n.id = QStringLiteral("0b6f2c1e-9d7a-4a55-8f3e-2f1a7c9b0d11");
    n.idempotencyKey = QStringLiteral("order-A-100-received");
    n.channel = Channel::Telegram;
    n.recipient = QStringLiteral("@vigia_admins");
    n.customerName = QStringLiteral("José Núñez");
    n.orderId = QStringLiteral("A-100");
    n.type = QStringLiteral("ORDER_SHIPPED");
    n.text = QStringLiteral("Tu pedido A-100 fue enviado 🚚");
    n.state = NotificationState::Resolved;
    n.attempts = 5;
    n.maxAttempts = 5;
    n.nextAttemptAt = utc(2024, 5, 1, 12, 0, 30, 250);
    n.lastError = QStringLiteral("HTTP 503 from gateway");
    n.createdAt = utc(2024, 5, 1, 12, 0, 0, 1);
    n.updatedAt = utc(2024, 5, 1, 12, 5, 0, 999);
    n.deliveredAt = utc(2024, 5, 1, 12, 4, 59, 500);
    n.resolution = Resolution{ResolutionMethod::PhoneCall, QStringLiteral("maria"),
                              QStringLiteral("Called the customer, all good"),
                              utc(2024, 5, 1, 12, 5, 0, 999)};
    n.history = {
            {1, utc(2024, 5, 1, 12, 0, 0, 10), utc(2024, 5, 1, 12, 0, 1, 20),
             QStringLiteral("retryable"), 503, QStringLiteral("Service Unavailable")},
            {2, utc(2024, 5, 1, 12, 0, 3), utc(2024, 5, 1, 12, 0, 4), QStringLiteral("permanent"),
             403, QStringLiteral("Forbidden: bot was blocked by the user")},
            {3, utc(2024, 5, 1, 12, 4, 59), utc(2024, 5, 1, 12, 4, 59, 500),
             QStringLiteral("delivered"), 200, QString()},
    };
    return n;
}

void compareNotifications(const Notification &a, const Notification &b)
{
    QCOMPARE(a.id, b.id);
    QCOMPARE(a.idempotencyKey, b.idempotencyKey);
    QCOMPARE(a.channel, b.channel);
    QCOMPARE(a.recipient, b.recipient);
    QCOMPARE(a.customerName, b.customerName);
    QCOMPARE(a.orderId, b.orderId);
    QCOMPARE(a.type, b.type);
    QCOMPARE(a.text, b.text);
    QCOMPARE(a.state, b.state);
    QCOMPARE(a.attempts, b.attempts);
    QCOMPARE(a.maxAttempts, b.maxAttempts);
    QCOMPARE(a.nextAttemptAt, b.nextAttemptAt);
    QCOMPARE(a.lastError, b.lastError);
    QCOMPARE(a.createdAt, b.createdAt);
    QCOMPARE(a.updatedAt, b.updatedAt);
    QCOMPARE(a.deliveredAt, b.deliveredAt);
    QCOMPARE(a.resolution.has_value(), b.resolution.has_value());
    if (a.resolution) {
        QCOMPARE(a.resolution->method, b.resolution->method);
        QCOMPARE(a.resolution->by, b.resolution->by);
        QCOMPARE(a.resolution->note, b.resolution->note);
        QCOMPARE(a.resolution->at, b.resolution->at);
    }
    QCOMPARE(a.history.size(), b.history.size());
    for (qsizetype i = 0; i < a.history.size(); ++i) {
        QCOMPARE(a.history[i].number, b.history[i].number);
        QCOMPARE(a.history[i].startedAt, b.history[i].startedAt);
        QCOMPARE(a.history[i].finishedAt, b.history[i].finishedAt);
        QCOMPARE(a.history[i].outcome, b.history[i].outcome);
        QCOMPARE(a.history[i].httpStatus, b.history[i].httpStatus);
        QCOMPARE(a.history[i].detail, b.history[i].detail);
    }
}

} // namespace

class TstNotification final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // NotificationRequest::parse
    void parseAcceptsValid_data();
    void parseAcceptsValid();
    void parseTrimsAndKeepsOptionalFields();
    void parseRejects_data();
    void parseRejects();
    void localNumberHintsAtTheCountryCode();
    void discordPlainHttpIsRefused_data();
    void discordPlainHttpIsRefused();
    void parseResetsPreviousError();

    // Notification JSON
    void jsonHasContractFields();
    void jsonRoundTripFull();
    void jsonRoundTripMinimal();
    void wireIsTheJsonSerialised_data();
    void wireIsTheJsonSerialised();
    void wireEscapesEveryCharacterAsQtDoes();
    void jsonNullsForEmptyOptionalFields();
    void fromJsonRejectsIncomplete_data();
    void fromJsonRejectsIncomplete();

    // Enum names
    void channelStateMethodNamesRoundTrip();
    void statusStateNamesRoundTrip_data();
    void statusStateNamesRoundTrip();
    void statusSeverityOrder();
    void communicationStatusJsonRoundTrip();

    // Phone
    void phoneDigits_data();
    void phoneDigits();
    void wahaChatId_data();
    void wahaChatId();
    void phoneMasked_data();
    void phoneMasked();

    // Roles
    void roleAllows_data();
    void roleAllows();
    void roleNamesRoundTrip();

    // Secrets
    void secretRedaction_data();
    void secretRedaction();
    void secretRedactionInJson();
    void redactedWebhookIsNotARecipient();

    // RFC 3339
    void rfc3339Format_data();
    void rfc3339Format();
    void rfc3339FormatMatchesQt();
    void rfc3339Parse_data();
    void rfc3339Parse();
    void rfc3339RoundTrip();
};

void TstNotification::initTestCase()
{
    TestSupport::enterTestMode();
}

// ---------------------------------------------------------------------------
// NotificationRequest::parse

void TstNotification::parseAcceptsValid_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<Channel>("channel");
    QTest::addColumn<QString>("recipient");

    QTest::newRow("whatsapp") << validBody(QStringLiteral("whatsapp")) << Channel::WhatsApp
                              << QStringLiteral("+58 424-1234567");
    QTest::newRow("whatsapp E.164 digits")
            << withField(QStringLiteral("whatsapp"), QStringLiteral("recipient"),
                         QStringLiteral("+584241234567"))
            << Channel::WhatsApp << QStringLiteral("+584241234567");
    QTest::newRow("whatsapp parentheses and dots")
            << withField(QStringLiteral("whatsapp"), QStringLiteral("recipient"),
                         QStringLiteral("+1 (415) 555.0100"))
            << Channel::WhatsApp << QStringLiteral("+1 (415) 555.0100");
    QTest::newRow("discord") << validBody(QStringLiteral("discord")) << Channel::Discord
                             << QStringLiteral("https://discord.com/api/webhooks/123456/abcdef");
    QTest::newRow("discord http loopback")
            << withField(QStringLiteral("discord"), QStringLiteral("recipient"),
                         QStringLiteral("http://127.0.0.1:8080/api/webhooks/1/a"))
            << Channel::Discord << QStringLiteral("http://127.0.0.1:8080/api/webhooks/1/a");
    QTest::newRow("discord http localhost")
            << withField(QStringLiteral("discord"), QStringLiteral("recipient"),
                         QStringLiteral("http://localhost:8080/api/webhooks/1/a"))
            << Channel::Discord << QStringLiteral("http://localhost:8080/api/webhooks/1/a");
    QTest::newRow("discord http ipv6 loopback")
            << withField(QStringLiteral("discord"), QStringLiteral("recipient"),
                         QStringLiteral("http://[::1]:8080/api/webhooks/1/a"))
            << Channel::Discord << QStringLiteral("http://[::1]:8080/api/webhooks/1/a");
    QTest::newRow("discord versioned webhook into a thread")
            << withField(
                       QStringLiteral("discord"), QStringLiteral("recipient"),
                       QStringLiteral("https://discord.com/api/v10/webhooks/1/a-B_c?thread_id=42"))
            << Channel::Discord
            << QStringLiteral("https://discord.com/api/v10/webhooks/1/a-B_c?thread_id=42");
    QTest::newRow("discord exactly 2000 chars")
            << withField(QStringLiteral("discord"), QStringLiteral("text"), repeated(u'x', 2000))
            << Channel::Discord << QStringLiteral("https://discord.com/api/webhooks/123456/abcdef");
    QTest::newRow("telegram negative chat id")
            << validBody(QStringLiteral("telegram")) << Channel::Telegram
            << QStringLiteral("-1001234567890");
    QTest::newRow("telegram positive chat id") << withField(
            QStringLiteral("telegram"), QStringLiteral("recipient"), QStringLiteral("123456789"))
                                               << Channel::Telegram << QStringLiteral("123456789");
    QTest::newRow("telegram channel name")
            << withField(QStringLiteral("telegram"), QStringLiteral("recipient"),
                         QStringLiteral("@vigia_admins"))
            << Channel::Telegram << QStringLiteral("@vigia_admins");
    QTest::newRow("whatsapp text 4096 chars")
            << withField(QStringLiteral("whatsapp"), QStringLiteral("text"), repeated(u'y', 4096))
            << Channel::WhatsApp << QStringLiteral("+58 424-1234567");
    QTest::newRow("type with digits and underscores")
            << withField(QStringLiteral("whatsapp"), QStringLiteral("type"),
                         QStringLiteral("ORDER_2_STEP_3"))
            << Channel::WhatsApp << QStringLiteral("+58 424-1234567");
    QTest::newRow("order_id null is absent")
            << withField(QStringLiteral("whatsapp"), QStringLiteral("order_id"), QJsonValue())
            << Channel::WhatsApp << QStringLiteral("+58 424-1234567");
    QTest::newRow("customer_name empty is fine")
            << withField(QStringLiteral("whatsapp"), QStringLiteral("customer_name"), QString())
            << Channel::WhatsApp << QStringLiteral("+58 424-1234567");
}

void TstNotification::parseAcceptsValid()
{
    QFETCH(QJsonObject, body);
    QFETCH(Channel, channel);
    QFETCH(QString, recipient);

    std::optional<NotificationRequest::Error> error;
    const NotificationRequest r = NotificationRequest::parse(body, &error);
    QVERIFY2(!error, error ? qPrintable(error->field + QStringLiteral(": ") + error->message) : "");
    QCOMPARE(r.channel, channel);
    QCOMPARE(r.recipient, recipient);
    QCOMPARE(r.text, body.value(QStringLiteral("text")).toString());
    QCOMPARE(r.type, body.value(QStringLiteral("type")).toString());
}

void TstNotification::parseTrimsAndKeepsOptionalFields()
{
    const QJsonObject body{{QStringLiteral("channel"), QStringLiteral("whatsapp")},
                           {QStringLiteral("recipient"), QStringLiteral("  +58 424-1234567 ")},
                           {QStringLiteral("text"), QStringLiteral("\tHola Ana\n")},
                           {QStringLiteral("type"), QStringLiteral(" PAYMENT_CONFIRMED ")},
                           {QStringLiteral("order_id"), QStringLiteral(" B-7 ")},
                           {QStringLiteral("customer_name"), QStringLiteral("Ana Pérez")}};
    std::optional<NotificationRequest::Error> error;
    const NotificationRequest r = NotificationRequest::parse(body, &error);
    QVERIFY(!error);
    QCOMPARE(r.channel, Channel::WhatsApp);
    QCOMPARE(r.recipient, QStringLiteral("+58 424-1234567"));
    QCOMPARE(r.text, QStringLiteral("Hola Ana"));
    QCOMPARE(r.type, QStringLiteral("PAYMENT_CONFIRMED"));
    QCOMPARE(r.orderId, QStringLiteral("B-7"));
    QCOMPARE(r.customerName, QStringLiteral("Ana Pérez"));

    // Without the optional fields they stay empty.
    const QJsonObject minimal = validBody(QStringLiteral("discord"));
    const NotificationRequest m = NotificationRequest::parse(minimal, &error);
    QVERIFY(!error);
    QVERIFY(m.orderId.isEmpty());
    QVERIFY(m.customerName.isEmpty());
}

void TstNotification::parseRejects_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("field");

    const QString wa = QStringLiteral("whatsapp");
    const QJsonValue missing(QJsonValue::Undefined);
    const QJsonValue null(QJsonValue::Null);

    // Required string fields: missing, null, empty, blank, wrong type, too long.
    struct Limit
    {
        const char *field;
        qsizetype max;
        QChar fill;
    };
    const Limit required[] = {{"channel", 16, u'w'},
                              {"recipient", 512, u'5'},
                              {"text", 4096, u't'},
                              {"type", 64, u'T'}};
    for (const Limit &l : required) {
        const QString f = QLatin1String(l.field);
        QTest::addRow("%s missing", l.field) << withField(wa, f, missing) << f;
        QTest::addRow("%s null", l.field) << withField(wa, f, null) << f;
        QTest::addRow("%s empty", l.field) << withField(wa, f, QString()) << f;
        QTest::addRow("%s blank", l.field) << withField(wa, f, QStringLiteral("   ")) << f;
        QTest::addRow("%s number", l.field) << withField(wa, f, 42) << f;
        QTest::addRow("%s bool", l.field) << withField(wa, f, true) << f;
        QTest::addRow("%s array", l.field)
                << withField(wa, f, QJsonArray{QStringLiteral("x")}) << f;
        QTest::addRow("%s object", l.field)
                << withField(wa, f, QJsonObject{{QStringLiteral("x"), 1}}) << f;
        QTest::addRow("%s too long", l.field) << withField(wa, f, repeated(l.fill, l.max + 1)) << f;
    }

    // Optional string fields: wrong type and too long.
    const Limit optional[] = {{"order_id", 128, u'o'}, {"customer_name", 256, u'c'}};
    for (const Limit &l : optional) {
        const QString f = QLatin1String(l.field);
        QTest::addRow("%s number", l.field) << withField(wa, f, 7) << f;
        QTest::addRow("%s bool", l.field) << withField(wa, f, false) << f;
        QTest::addRow("%s array", l.field) << withField(wa, f, QJsonArray{}) << f;
        QTest::addRow("%s too long", l.field) << withField(wa, f, repeated(l.fill, l.max + 1)) << f;
    }

    // Channel names.
    for (const char *name :
         {"sms", "WhatsApp", "DISCORD", "email", "tele gram", "whatsapp,discord"}) {
        QTest::addRow("channel '%s'", name)
                << withField(wa, QStringLiteral("channel"), QLatin1String(name))
                << QStringLiteral("channel");
    }

    // Type pattern: an uppercase word.
    for (const char *type : {"order_received", "Order_Received", "ORDER-RECEIVED", "ORDER RECEIVED",
                             "1ORDER", "_ORDER", "ORDER.SHIPPED", "PEDIDO_RECIBIDÓ"}) {
        QTest::addRow("type '%s'", type)
                << withField(wa, QStringLiteral("type"), QString::fromUtf8(type))
                << QStringLiteral("type");
    }

    addRecipientRejects();
}

void TstNotification::localNumberHintsAtTheCountryCode()
{
    std::optional<NotificationRequest::Error> error;
    NotificationRequest::parse(withField(QStringLiteral("whatsapp"), QStringLiteral("recipient"),
                                         QStringLiteral("04241234567")),
                               &error);
    QVERIFY(error);
    QCOMPARE(error->field, QStringLiteral("recipient"));
    QVERIFY2(error->message.contains(QLatin1String("country code")), qPrintable(error->message));
    QVERIFY2(error->message.contains(QLatin1String("local number")), qPrintable(error->message));
}

void TstNotification::parseRejects()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, field);

    std::optional<NotificationRequest::Error> error;
    NotificationRequest::parse(body, &error);
    QVERIFY2(error.has_value(), "the request was accepted");
    QCOMPARE(error->field, field);
    QVERIFY(!error->message.isEmpty());
}

// A webhook URL is a password: plain http only to a loopback host.
void TstNotification::discordPlainHttpIsRefused_data()
{
    QTest::addColumn<QString>("url");
    for (const char *url :
         {"http://discord.com/api/webhooks/1/a", "http://DISCORD.COM/api/webhooks/1/a",
          "http://127.0.0.2/hook", "http://192.168.1.5/hook", "http://localhost.evil.invalid/hook",
          "http://[::2]/hook"})
        QTest::newRow(url) << QString::fromLatin1(url);
}

void TstNotification::discordPlainHttpIsRefused()
{
    QFETCH(QString, url);
    std::optional<NotificationRequest::Error> error;
    NotificationRequest::parse(
            withField(QStringLiteral("discord"), QStringLiteral("recipient"), url), &error);
    QVERIFY2(error.has_value(), "the request was accepted");
    QCOMPARE(error->field, QStringLiteral("recipient"));
    QVERIFY2(error->message.contains(QLatin1String("https")), qPrintable(error->message));
}

void TstNotification::parseResetsPreviousError()
{
    std::optional<NotificationRequest::Error> error =
            NotificationRequest::Error{QStringLiteral("stale"), QStringLiteral("left over")};
    NotificationRequest::parse(validBody(QStringLiteral("telegram")), &error);
    QVERIFY(!error.has_value());
}

// ---------------------------------------------------------------------------
// Notification JSON

void TstNotification::jsonHasContractFields()
{
    const QJsonObject json = fullNotification().toJson();
    const char *const fields[] = {"id",
                                  "idempotency_key",
                                  "channel",
                                  "recipient",
                                  "customer_name",
                                  "order_id",
                                  "type",
                                  "text",
                                  "state",
                                  "attempts",
                                  "max_attempts",
                                  "next_attempt_at",
                                  "last_error",
                                  "created_at",
                                  "updated_at",
                                  "delivered_at",
                                  "resolution"};
    for (const char *field : fields)
        QVERIFY2(json.contains(QLatin1String(field)), field);

    QCOMPARE(json.value(QStringLiteral("channel")).toString(), QStringLiteral("telegram"));
    QCOMPARE(json.value(QStringLiteral("state")).toString(), QStringLiteral("resolved"));
    QCOMPARE(json.value(QStringLiteral("attempts")).toInt(), 5);
    QCOMPARE(json.value(QStringLiteral("created_at")).toString(),
             QStringLiteral("2024-05-01T12:00:00.001Z"));
    const QJsonObject resolution = json.value(QStringLiteral("resolution")).toObject();
    QCOMPARE(resolution.value(QStringLiteral("method")).toString(), QStringLiteral("phone_call"));
    QCOMPARE(resolution.value(QStringLiteral("by")).toString(), QStringLiteral("maria"));
    QCOMPARE(resolution.value(QStringLiteral("at")).toString(),
             QStringLiteral("2024-05-01T12:05:00.999Z"));
    const QJsonArray history = json.value(QStringLiteral("attempt_history")).toArray();
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.at(1).toObject().value(QStringLiteral("http_status")).toInt(), 403);
    QCOMPARE(history.at(1).toObject().value(QStringLiteral("outcome")).toString(),
             QStringLiteral("permanent"));
}

void TstNotification::jsonRoundTripFull()
{
    const Notification original = fullNotification();
    const auto back = Notification::fromJson(original.toJson());
    QVERIFY(back.has_value());
    compareNotifications(*back, original);
    if (QTest::currentTestFailed())
        return;

    // Every resolution method survives.
    for (ResolutionMethod method :
         {ResolutionMethod::Retry, ResolutionMethod::PhoneCall, ResolutionMethod::Sms,
          ResolutionMethod::Email, ResolutionMethod::Other}) {
        Notification n = original;
        n.resolution->method = method;
        const auto again = Notification::fromJson(n.toJson());
        QVERIFY(again && again->resolution);
        QCOMPARE(again->resolution->method, method);
    }
}

void TstNotification::wireIsTheJsonSerialised_data()
{
    QTest::addColumn<Notification>("notification");
    Notification minimal;
    minimal.id = QStringLiteral("n-1");
    minimal.channel = Channel::Telegram;
    minimal.recipient = QStringLiteral("-1001234567890");
    minimal.type = QStringLiteral("ADMIN_NOTICE");
    minimal.state = NotificationState::Pending; // text empty: a string, not null
    QTest::newRow("minimal") << minimal;
    QTest::newRow("full: history, resolution, claim") << fullNotification();
    for (const NotificationState state : {NotificationState::Sending, NotificationState::Delivered,
                                          NotificationState::Failed, NotificationState::Resolved}) {
        Notification n = fullNotification();
        n.state = state;
        n.claimedBy.clear();
        n.resolution.reset();
        n.history.append({n.attempts + 1, {}, {}, QStringLiteral("retryable"), 0, {}});
        QTest::addRow("state %s", qPrintable(stateName(state))) << n;
    }
    Notification nasty = fullNotification();
    nasty.channel = Channel::WhatsApp;
    nasty.text = QStringLiteral("Pedido \"42\" \\ listo\n\tá ñ € 🍕 عربى 中文 </script> \u007f");
    nasty.customerName = QStringLiteral("José \"Pepe\" Pérez\r\n");
    nasty.lastError = QString(QChar(0)) + QStringLiteral("\u0001\u001f\b\f");
    nasty.attempts = 2147483647;
    nasty.maxAttempts = -1;
    QTest::newRow("quotes, controls, non-ASCII, extremes") << nasty;
}

void TstNotification::wireIsTheJsonSerialised()
{
    // toWire() skips building a QJsonObject; what it writes must still be
    // exactly what Qt writes for toJson(), so the two can be mixed.
    QFETCH(Notification, notification);
    QCOMPARE(notification.toWire(),
             QJsonDocument(notification.toJson()).toJson(QJsonDocument::Compact));
}

void TstNotification::wireEscapesEveryCharacterAsQtDoes()
{
    // Every BMP character one by one (surrogates in valid pairs), against
    // Qt's own serialiser.
    Notification n = fullNotification();
    for (char32_t c = 0; c < 0x10000; ++c) {
        if (c >= 0xd800 && c < 0xe000)
            continue;
        n.text = QString::fromUcs4(&c, 1) + QStringLiteral("x");
        const QByteArray ours = n.toWire();
        const QByteArray qts = QJsonDocument(n.toJson()).toJson(QJsonDocument::Compact);
        if (ours != qts)
            QFAIL(qPrintable(QStringLiteral("U+%1: %2 != %3")
                                     .arg(uint(c), 4, 16, QLatin1Char('0'))
                                     .arg(QString::fromUtf8(ours), QString::fromUtf8(qts))));
    }
    const char32_t pizza = 0x1f355;
    n.text = QString::fromUcs4(&pizza, 1) + QStringLiteral("\"a\"") + QString::fromUcs4(&pizza, 1);
    QCOMPARE(n.toWire(), QJsonDocument(n.toJson()).toJson(QJsonDocument::Compact));
    // Half a pair, as a broken client may send: whatever Qt writes for it.
    for (const char16_t half : {char16_t(0xd83c), char16_t(0xdf55)}) {
        n.text = QStringLiteral("a") + QChar(half) + QStringLiteral("b");
        QCOMPARE(n.toWire(), QJsonDocument(n.toJson()).toJson(QJsonDocument::Compact));
    }
}

void TstNotification::jsonRoundTripMinimal()
{
    Notification n;
    n.id = QStringLiteral("n-1");
    n.channel = Channel::Discord;
    n.recipient = QStringLiteral("https://discord.com/api/webhooks/1/a");
    n.type = QStringLiteral("VOICE_LEAVE");
    n.text = QStringLiteral("Ana left General");
    n.state = NotificationState::Pending;
    n.maxAttempts = 4;
    n.createdAt = utc(2024, 1, 2, 3, 4, 5, 6);
    n.updatedAt = n.createdAt;

    const auto back = Notification::fromJson(n.toJson());
    QVERIFY(back.has_value());
    compareNotifications(*back, n);
    QVERIFY(!back->resolution.has_value());
    QVERIFY(back->history.isEmpty());
    QVERIFY(!back->deliveredAt.isValid());
    QVERIFY(!back->nextAttemptAt.isValid());
}

void TstNotification::jsonNullsForEmptyOptionalFields()
{
    Notification n;
    n.id = QStringLiteral("n-2");
    n.recipient = QStringLiteral("+58 424-1234567");
    n.type = QStringLiteral("ORDER_RECEIVED");
    n.text = QStringLiteral("hola");
    const QJsonObject json = n.toJson();
    for (const char *field : {"idempotency_key", "customer_name", "order_id", "last_error",
                              "next_attempt_at", "created_at", "delivered_at", "resolution"})
        QVERIFY2(json.value(QLatin1String(field)).isNull(), field);
    QVERIFY2(!json.contains(QStringLiteral("attempt_history")),
             "attempt_history only appears when the history was read");
}

void TstNotification::fromJsonRejectsIncomplete_data()
{
    QTest::addColumn<QJsonObject>("json");
    const QJsonObject good = fullNotification().toJson();
    auto without = [&](const char *field) {
        QJsonObject j = good;
        j.remove(QLatin1String(field));
        return j;
    };
    auto with = [&](const char *field, const QJsonValue &v) {
        QJsonObject j = good;
        j.insert(QLatin1String(field), v);
        return j;
    };
    QTest::newRow("empty object") << QJsonObject();
    QTest::newRow("no id") << without("id");
    QTest::newRow("empty id") << with("id", QString());
    QTest::newRow("no channel") << without("channel");
    QTest::newRow("unknown channel") << with("channel", QStringLiteral("sms"));
    QTest::newRow("no state") << without("state");
    QTest::newRow("unknown state") << with("state", QStringLiteral("lost"));
}

void TstNotification::fromJsonRejectsIncomplete()
{
    QFETCH(QJsonObject, json);
    QVERIFY(!Notification::fromJson(json).has_value());
}

// ---------------------------------------------------------------------------
// Names

void TstNotification::channelStateMethodNamesRoundTrip()
{
    const QHash<Channel, QString> channels{{Channel::WhatsApp, QStringLiteral("whatsapp")},
                                           {Channel::Discord, QStringLiteral("discord")},
                                           {Channel::Telegram, QStringLiteral("telegram")}};
    for (auto it = channels.cbegin(); it != channels.cend(); ++it) {
        QCOMPARE(channelName(it.key()), it.value());
        QCOMPARE(channelFromName(it.value()), std::optional<Channel>(it.key()));
    }
    QVERIFY(!channelFromName(QStringLiteral("sms")));
    QVERIFY(!channelFromName(QString()));

    const QHash<NotificationState, QString> states{
            {NotificationState::Pending, QStringLiteral("pending")},
            {NotificationState::Sending, QStringLiteral("sending")},
            {NotificationState::Delivered, QStringLiteral("delivered")},
            {NotificationState::Failed, QStringLiteral("failed")},
            {NotificationState::Resolved, QStringLiteral("resolved")}};
    for (auto it = states.cbegin(); it != states.cend(); ++it) {
        QCOMPARE(stateName(it.key()), it.value());
        QCOMPARE(stateFromName(it.value()), std::optional<NotificationState>(it.key()));
    }
    QVERIFY(!stateFromName(QStringLiteral("Pending")));

    const QHash<ResolutionMethod, QString> methods{
            {ResolutionMethod::Retry, QStringLiteral("retry")},
            {ResolutionMethod::PhoneCall, QStringLiteral("phone_call")},
            {ResolutionMethod::Sms, QStringLiteral("sms")},
            {ResolutionMethod::Email, QStringLiteral("email")},
            {ResolutionMethod::Other, QStringLiteral("other")}};
    for (auto it = methods.cbegin(); it != methods.cend(); ++it) {
        QCOMPARE(resolutionMethodName(it.key()), it.value());
        QCOMPARE(resolutionMethodFromName(it.value()), std::optional<ResolutionMethod>(it.key()));
    }
    QVERIFY(!resolutionMethodFromName(QStringLiteral("carrier_pigeon")));
}

void TstNotification::statusStateNamesRoundTrip_data()
{
    QTest::addColumn<StatusState>("state");
    QTest::addColumn<QString>("name");
    QTest::newRow("unknown") << StatusState::Unknown << QStringLiteral("unknown");
    QTest::newRow("online") << StatusState::Online << QStringLiteral("online");
    QTest::newRow("degraded") << StatusState::Degraded << QStringLiteral("degraded");
    QTest::newRow("incommunicado") << StatusState::Incommunicado << QStringLiteral("incommunicado");
    QTest::newRow("critical") << StatusState::Critical << QStringLiteral("critical");
    QTest::newRow("offline") << StatusState::Offline << QStringLiteral("offline");
}

void TstNotification::statusStateNamesRoundTrip()
{
    QFETCH(StatusState, state);
    QFETCH(QString, name);
    QCOMPARE(statusStateName(state), name);
    QCOMPARE(statusStateFromName(name), std::optional<StatusState>(state));
    QVERIFY(!statusStateFromName(name.toUpper()));
    QVERIFY(!statusStateFromName(name + u'x'));
}

void TstNotification::statusSeverityOrder()
{
    // Online is the best, critical the worst; every other state in between.
    const int online = statusSeverity(StatusState::Online);
    const int critical = statusSeverity(StatusState::Critical);
    for (StatusState s : {StatusState::Unknown, StatusState::Degraded, StatusState::Incommunicado,
                          StatusState::Offline}) {
        QVERIFY(statusSeverity(s) > online);
        QVERIFY(statusSeverity(s) < critical);
    }
    QVERIFY(statusSeverity(StatusState::Degraded) < statusSeverity(StatusState::Incommunicado));
}

void TstNotification::communicationStatusJsonRoundTrip()
{
    CommunicationStatus s;
    s.state = StatusState::Degraded;
    s.reason = QStringLiteral("webhook-only failure");
    s.confidence = 0.75;
    s.since = utc(2024, 5, 1, 10, 0, 0, 123);
    s.lastCommunication = utc(2024, 5, 1, 9, 59, 0);
    s.counts.affectedOrders = 3;
    s.healthcheck.known = true;
    s.healthcheck.failing = false;
    s.healthcheck.lastSuccess = utc(2024, 5, 1, 10, 0, 1);
    s.deliveries.known = true;
    s.deliveries.failing = true;
    s.deliveries.consecutiveFailures = 4;
    s.deliveries.lastFailure = utc(2024, 5, 1, 10, 0, 2);
    s.deliveries.lastError = QStringLiteral("HTTP 500");
    // bot left unknown

    const QJsonObject json = s.toJson();
    QCOMPARE(json.value(QStringLiteral("state")).toString(), QStringLiteral("degraded"));
    const QJsonObject signalsJson = json.value(QStringLiteral("signals")).toObject();
    QCOMPARE(signalsJson.value(QStringLiteral("healthcheck"))
                     .toObject()
                     .value(QStringLiteral("state")),
             QJsonValue(QStringLiteral("ok")));
    QCOMPARE(signalsJson.value(QStringLiteral("deliveries"))
                     .toObject()
                     .value(QStringLiteral("state")),
             QJsonValue(QStringLiteral("failing")));
    QCOMPARE(signalsJson.value(QStringLiteral("bot")).toObject().value(QStringLiteral("state")),
             QJsonValue(QStringLiteral("unknown")));

    const CommunicationStatus back = CommunicationStatus::fromJson(json);
    QCOMPARE(back.state, s.state);
    QCOMPARE(back.reason, s.reason);
    QCOMPARE(back.confidence, s.confidence);
    QCOMPARE(back.since, s.since);
    QCOMPARE(back.lastCommunication, s.lastCommunication);
    QCOMPARE(back.counts.affectedOrders, 3);
    QCOMPARE(back.healthcheck.known, true);
    QCOMPARE(back.healthcheck.failing, false);
    QCOMPARE(back.healthcheck.lastSuccess, s.healthcheck.lastSuccess);
    QCOMPARE(back.deliveries.failing, true);
    QCOMPARE(back.deliveries.consecutiveFailures, 4);
    QCOMPARE(back.deliveries.lastFailure, s.deliveries.lastFailure);
    QCOMPARE(back.deliveries.lastError, QStringLiteral("HTTP 500"));
    QCOMPARE(back.bot.known, false);

    // An unknown state name from a newer server reads as unknown, not as online.
    QJsonObject future = json;
    future.insert(QStringLiteral("state"), QStringLiteral("on_fire"));
    QCOMPARE(CommunicationStatus::fromJson(future).state, StatusState::Unknown);
}

// ---------------------------------------------------------------------------
// Phone

void TstNotification::phoneDigits_data()
{
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("digits");
    QTest::newRow("design example")
            << QStringLiteral("+58 424-1234567") << QStringLiteral("584241234567");
    QTest::newRow("plain") << QStringLiteral("584241234567") << QStringLiteral("584241234567");
    QTest::newRow("us formatting")
            << QStringLiteral("+1 (415) 555.0100") << QStringLiteral("14155550100");
    QTest::newRow("8 digits minimum") << QStringLiteral("+12345678") << QStringLiteral("12345678");
    QTest::newRow("15 digits maximum")
            << QStringLiteral("+123 456 789 012 345") << QStringLiteral("123456789012345");
    QTest::newRow("7 digits too short") << QStringLiteral("+1234567") << QString();
    QTest::newRow("16 digits too long") << QStringLiteral("1234567890123456") << QString();
    QTest::newRow("letters") << QStringLiteral("+58 424 CALLNOW") << QString();
    QTest::newRow("slash") << QStringLiteral("+58/424/1234567") << QString();
    QTest::newRow("empty") << QString() << QString();
    // Digits only in ASCII: other scripts' digits are no WhatsApp number.
    QTest::newRow("arabic-indic digits")
            << QStringLiteral("+\u0665\u0668 \u0664\u0662\u0664-\u0661\u0662\u0663\u0664"
                              "\u0665\u0666\u0667")
            << QString();
    QTest::newRow("full-width digits")
            << QStringLiteral("+\uFF15\uFF18\uFF14\uFF12\uFF14\uFF11\uFF12\uFF13\uFF14"
                              "\uFF15\uFF16\uFF17")
            << QString();
    QTest::newRow("one devanagari digit among ascii")
            << QStringLiteral("+58 424-123456\u0967") << QString();
    QTest::newRow("superscript digit") << QStringLiteral("+58 424-123456\u00B2") << QString();
}

void TstNotification::phoneDigits()
{
    QFETCH(QString, phone);
    QFETCH(QString, digits);
    QCOMPARE(Phone::digits(phone), digits);
}

void TstNotification::wahaChatId_data()
{
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("chatId");
    QTest::newRow("design example")
            << QStringLiteral("+58 424-1234567") << QStringLiteral("584241234567@c.us");
    QTest::newRow("digits") << QStringLiteral("584241234567")
                            << QStringLiteral("584241234567@c.us");
    QTest::newRow("already a chat id")
            << QStringLiteral("584241234567@c.us") << QStringLiteral("584241234567@c.us");
    QTest::newRow("spain") << QStringLiteral("+34 612 34 56 78")
                           << QStringLiteral("34612345678@c.us");
    QTest::newRow("too short") << QStringLiteral("+58 424") << QString();
    QTest::newRow("not a number") << QStringLiteral("ana") << QString();
    QTest::newRow("chat id without number") << QStringLiteral("@c.us") << QString();
    QTest::newRow("chat id with letters") << QStringLiteral("hello@c.us") << QString();
    QTest::newRow("chat id with arabic-indic digits")
            << QStringLiteral("\u0665\u0668\u0664\u0662\u0664\u0661\u0662\u0663\u0664"
                              "\u0665\u0666\u0667@c.us")
            << QString();
}

void TstNotification::wahaChatId()
{
    QFETCH(QString, phone);
    QFETCH(QString, chatId);
    QCOMPARE(Phone::toWahaChatId(phone), chatId);
}

void TstNotification::phoneMasked_data()
{
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("masked");
    QTest::newRow("design example")
            << QStringLiteral("+58 424-1234567") << QStringLiteral("***4567");
    QTest::newRow("chat id") << QStringLiteral("584241234567@c.us") << QStringLiteral("***4567");
    QTest::newRow("admin contact") << QStringLiteral("+584240000000") << QStringLiteral("***0000");
    QTest::newRow("five digits") << QStringLiteral("12345") << QStringLiteral("***2345");
    QTest::newRow("four digits hide all") << QStringLiteral("1234") << QStringLiteral("****");
    QTest::newRow("empty") << QString() << QStringLiteral("****");
}

void TstNotification::phoneMasked()
{
    QFETCH(QString, phone);
    QFETCH(QString, masked);
    const QString m = Phone::masked(phone);
    QCOMPARE(m, masked);
    // Never more than four digits visible.
    qsizetype digitCount = 0;
    for (QChar c : m)
        digitCount += c.isDigit() ? 1 : 0;
    QVERIFY(digitCount <= 4);
}

// ---------------------------------------------------------------------------
// Roles

void TstNotification::roleAllows_data()
{
    QTest::addColumn<Role>("role");
    QTest::addColumn<Permission>("permission");
    QTest::addColumn<bool>("allowed");

    struct Row
    {
        Role role;
        const char *name;
        bool read, ingest, resolve, operate, audit, secrets;
    };
    const Row table[] = {
            {Role::Viewer, "viewer", true, false, false, false, false, false},
            {Role::Support, "support", true, false, true, false, false, false},
            {Role::Admin, "admin", true, true, true, true, true, true},
            {Role::Bot, "bot", true, true, false, false, false, false},
    };
    for (const Row &r : table) {
        QTest::addRow("%s read", r.name) << r.role << Permission::Read << r.read;
        QTest::addRow("%s ingest", r.name) << r.role << Permission::Ingest << r.ingest;
        QTest::addRow("%s resolve", r.name) << r.role << Permission::Resolve << r.resolve;
        QTest::addRow("%s operate", r.name) << r.role << Permission::Operate << r.operate;
        QTest::addRow("%s audit", r.name) << r.role << Permission::Audit << r.audit;
        QTest::addRow("%s secrets", r.name) << r.role << Permission::SeeSecrets << r.secrets;
    }
}

void TstNotification::roleAllows()
{
    QFETCH(Role, role);
    QFETCH(Permission, permission);
    QFETCH(bool, allowed);
    QCOMPARE(Vigia::roleAllows(role, permission), allowed);
}

void TstNotification::roleNamesRoundTrip()
{
    const QHash<Role, QString> roles{{Role::Viewer, QStringLiteral("viewer")},
                                     {Role::Support, QStringLiteral("support")},
                                     {Role::Admin, QStringLiteral("admin")},
                                     {Role::Bot, QStringLiteral("bot")}};
    for (auto it = roles.cbegin(); it != roles.cend(); ++it) {
        QCOMPARE(roleName(it.key()), it.value());
        QCOMPARE(roleFromName(it.value()), std::optional<Role>(it.key()));
    }
    QVERIFY(!roleFromName(QStringLiteral("root")));
    QVERIFY(!roleFromName(QString()));
}

// ---------------------------------------------------------------------------
// Secrets

void TstNotification::secretRedaction_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("redacted");
    const QString mark{QChar(SecretRedaction::kMark)};
    QTest::newRow("discord webhook")
            << QStringLiteral("https://discord.com/api/webhooks/123456/AbC-de_F.gh")
            << QStringLiteral("https://discord.com/api/webhooks/123456/") + mark;
    QTest::newRow("versioned api, query kept")
            << QStringLiteral("https://discordapp.com/api/v10/webhooks/42/tok?wait=true")
            << QStringLiteral("https://discordapp.com/api/v10/webhooks/42/") + mark
                    + QStringLiteral("?wait=true");
    QTest::newRow("quoted in an error")
            << QStringLiteral("Error transferring https://discord.com/API/Webhooks/9/s3cr3t - "
                              "server replied: Not Found")
            << QStringLiteral("Error transferring https://discord.com/API/Webhooks/9/") + mark
                    + QStringLiteral(" - server replied: Not Found");
    QTest::newRow("api token") << QStringLiteral("token vga_AbCdEf-123_x leaked")
                               << QStringLiteral("token vga_") + mark + QStringLiteral(" leaked");
    QTest::newRow("webhook id only") << QStringLiteral("https://discord.com/api/webhooks/123456")
                                     << QStringLiteral("https://discord.com/api/webhooks/123456");
    QTest::newRow("phone") << QStringLiteral("+58 424-1234567")
                           << QStringLiteral("+58 424-1234567");
}

void TstNotification::secretRedaction()
{
    QFETCH(QString, text);
    QFETCH(QString, redacted);
    QCOMPARE(SecretRedaction::redact(text), redacted);
    // The quick test may say "maybe", never "no" to a secret.
    if (redacted != text)
        QVERIFY(SecretRedaction::mayHoldSecrets(text.toUtf8()));
    // Redacting twice changes nothing more.
    QCOMPARE(SecretRedaction::redact(redacted), redacted);
}

void TstNotification::secretRedactionInJson()
{
    const QString url = QStringLiteral("https://discord.com/api/webhooks/77/secret-token");
    const QJsonObject session{
            {QStringLiteral("key"), QStringLiteral("pino")},
            {QStringLiteral("exit_notice"),
             QJsonObject{{QStringLiteral("channel"), QStringLiteral("discord")},
                         {QStringLiteral("recipient"), url}}},
            {QStringLiteral("history"),
             QJsonArray{QJsonObject{{QStringLiteral("detail"), QStringLiteral("POST ") + url}}}}};
    const QJsonObject redacted = SecretRedaction::redact(session);
    QVERIFY(!QJsonDocument(redacted).toJson().contains("secret-token"));
    QCOMPARE(redacted.value(QStringLiteral("exit_notice"))
                     .toObject()
                     .value(QStringLiteral("recipient"))
                     .toString(),
             QStringLiteral("https://discord.com/api/webhooks/77/")
                     + QChar(SecretRedaction::kMark));
    QCOMPARE(redacted.value(QStringLiteral("key")).toString(), QStringLiteral("pino"));
    const QJsonObject plain{{QStringLiteral("recipient"), QStringLiteral("+58 424-1234567")}};
    QCOMPARE(SecretRedaction::redact(plain), plain);
}

void TstNotification::redactedWebhookIsNotARecipient()
{
    // A redacted URL read back and sent again must not replace the real one.
    std::optional<NotificationRequest::Error> error;
    NotificationRequest::parse({{QStringLiteral("channel"), QStringLiteral("discord")},
                                {QStringLiteral("recipient"),
                                 QStringLiteral("https://discord.com/api/webhooks/77/")
                                         + QChar(SecretRedaction::kMark)},
                                {QStringLiteral("order_id"), QStringLiteral("O1")},
                                {QStringLiteral("type"), QStringLiteral("ORDER_RECEIVED")},
                                {QStringLiteral("text"), QStringLiteral("hola")}},
                               &error);
    QVERIFY(error);
    QCOMPARE(error->field, QStringLiteral("recipient"));
    QVERIFY(error->message.contains(QStringLiteral("redacted")));
}

// ---------------------------------------------------------------------------
// RFC 3339

void TstNotification::rfc3339Format_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QString>("text");
    QTest::newRow("utc with ms") << utc(2024, 3, 5, 14, 7, 9, 123)
                                 << QStringLiteral("2024-03-05T14:07:09.123Z");
    QTest::newRow("utc whole second")
            << utc(2024, 12, 31, 23, 59, 59) << QStringLiteral("2024-12-31T23:59:59.000Z");
    QTest::newRow("offset converted to utc")
            << QDateTime(QDate(2024, 3, 5), QTime(10, 7, 9, 5), Qt::OffsetFromUTC, -4 * 3600)
            << QStringLiteral("2024-03-05T14:07:09.005Z");
    QTest::newRow("offset crossing midnight")
            << QDateTime(QDate(2024, 1, 1), QTime(1, 30), Qt::OffsetFromUTC, 2 * 3600)
            << QStringLiteral("2023-12-31T23:30:00.000Z");
    QTest::newRow("leap day") << utc(2024, 2, 29, 0, 0, 0, 1)
                              << QStringLiteral("2024-02-29T00:00:00.001Z");
    QTest::newRow("leap century") << utc(2000, 2, 29, 12, 0, 0)
                                  << QStringLiteral("2000-02-29T12:00:00.000Z");
    QTest::newRow("no leap century")
            << utc(1900, 3, 1, 0, 0, 0) << QStringLiteral("1900-03-01T00:00:00.000Z");
    QTest::newRow("epoch") << utc(1970, 1, 1, 0, 0, 0)
                           << QStringLiteral("1970-01-01T00:00:00.000Z");
    QTest::newRow("before the epoch")
            << utc(1969, 12, 31, 23, 59, 59, 999) << QStringLiteral("1969-12-31T23:59:59.999Z");
}

void TstNotification::rfc3339FormatMatchesQt()
{
    // The hand-written formatter against QDateTime's own, over four
    // centuries in uneven steps (every month, hour and millisecond field).
    const qint64 first = utc(1850, 1, 1, 0, 0, 0).toMSecsSinceEpoch();
    const qint64 last = utc(2250, 1, 1, 0, 0, 0).toMSecsSinceEpoch();
    for (qint64 ms = first; ms < last; ms += 86'400'000LL * 3 + 3'723'457) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        QCOMPARE(toRfc3339(t), t.toString(Qt::ISODateWithMs));
    }
}

void TstNotification::rfc3339Format()
{
    QFETCH(QDateTime, time);
    QFETCH(QString, text);
    QCOMPARE(toRfc3339(time), text);
}

void TstNotification::rfc3339Parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("time");
    QTest::newRow("ms z") << QStringLiteral("2024-03-05T14:07:09.123Z")
                          << utc(2024, 3, 5, 14, 7, 9, 123);
    QTest::newRow("no ms") << QStringLiteral("2024-03-05T14:07:09Z") << utc(2024, 3, 5, 14, 7, 9);
    QTest::newRow("positive offset")
            << QStringLiteral("2024-03-05T16:07:09.500+02:00") << utc(2024, 3, 5, 14, 7, 9, 500);
    QTest::newRow("negative offset")
            << QStringLiteral("2024-03-05T10:07:09-04:00") << utc(2024, 3, 5, 14, 7, 9);
    QTest::newRow("garbage") << QStringLiteral("yesterday") << QDateTime();
    QTest::newRow("empty") << QString() << QDateTime();
    QTest::newRow("invalid month") << QStringLiteral("2024-13-05T14:07:09Z") << QDateTime();
}

void TstNotification::rfc3339Parse()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, time);
    const QDateTime parsed = fromRfc3339(text);
    QCOMPARE(parsed.isValid(), time.isValid());
    if (time.isValid()) {
        QCOMPARE(parsed, time);
        QCOMPARE(parsed.timeSpec(), Qt::UTC);
    }
}

void TstNotification::rfc3339RoundTrip()
{
    const QDateTime t = utc(2031, 7, 15, 6, 5, 4, 321);
    QCOMPARE(fromRfc3339(toRfc3339(t)), t);
    QVERIFY(toRfc3339(QDateTime()).isEmpty());
}

QTEST_GUILESS_MAIN(TstNotification)
#include "tst_notification.moc"

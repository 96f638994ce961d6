#include "Notification.h"

#include "EnumNames.h"
#include "JsonWriter.h"
#include "Phone.h"
#include "SecretRedaction.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace Vigia {

using EnumNames::nameOf;
using namespace Qt::StringLiterals;

namespace {
constexpr std::pair<Channel, const char *> kChannels[] = {{Channel::WhatsApp, "whatsapp"},
                                                          {Channel::Discord, "discord"},
                                                          {Channel::Telegram, "telegram"}};
constexpr std::pair<NotificationState, const char *> kStates[] = {
        {NotificationState::Pending, "pending"},
        {NotificationState::Sending, "sending"},
        {NotificationState::Delivered, "delivered"},
        {NotificationState::Failed, "failed"},
        {NotificationState::Resolved, "resolved"}};
constexpr std::pair<ResolutionMethod, const char *> kMethods[] = {
        {ResolutionMethod::Retry, "retry"},
        {ResolutionMethod::PhoneCall, "phone_call"},
        {ResolutionMethod::Sms, "sms"},
        {ResolutionMethod::Email, "email"},
        {ResolutionMethod::Other, "other"}};

// The name of a value the table holds (every enum value has one), as the
// table spells it, without the QString nameOf() makes.
template<typename Enum, std::size_t N>
const char *nameOfKnown(Enum value, const std::pair<Enum, const char *> (&table)[N])
{
    for (const auto &[v, text] : table) {
        if (v == value)
            return text;
    }
    return "";
}

QJsonValue stringOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}
} // namespace

QString channelName(Channel channel)
{
    return nameOf(channel, kChannels);
}
std::optional<Channel> channelFromName(const QString &name)
{
    return EnumNames::valueOf(name, kChannels);
}
QString stateName(NotificationState state)
{
    return nameOf(state, kStates);
}
std::optional<NotificationState> stateFromName(const QString &name)
{
    return EnumNames::valueOf(name, kStates);
}
bool mayRetry(NotificationState state)
{
    return state == NotificationState::Failed || state == NotificationState::Pending;
}

bool mayResolve(NotificationState state)
{
    return state == NotificationState::Failed || state == NotificationState::Pending;
}

QString resolutionMethodName(ResolutionMethod method)
{
    return nameOf(method, kMethods);
}
std::optional<ResolutionMethod> resolutionMethodFromName(const QString &name)
{
    return EnumNames::valueOf(name, kMethods);
}

QJsonObject Notification::toJson() const
{
    QJsonObject json{
            {QStringLiteral("id"), id},
            {QStringLiteral("idempotency_key"), stringOrNull(idempotencyKey)},
            {QStringLiteral("channel"), channelName(channel)},
            {QStringLiteral("recipient"), recipient},
            {QStringLiteral("customer_name"), stringOrNull(customerName)},
            {QStringLiteral("order_id"), stringOrNull(orderId)},
            {QStringLiteral("type"), type},
            {QStringLiteral("text"), text},
            {QStringLiteral("state"), stateName(state)},
            {QStringLiteral("attempts"), attempts},
            {QStringLiteral("max_attempts"), maxAttempts},
            {QStringLiteral("next_attempt_at"), timeOrNull(nextAttemptAt)},
            {QStringLiteral("last_error"), stringOrNull(lastError)},
            {QStringLiteral("created_at"), timeOrNull(createdAt)},
            {QStringLiteral("updated_at"), timeOrNull(updatedAt)},
            {QStringLiteral("delivered_at"), timeOrNull(deliveredAt)},
    };
    if (resolution) {
        json.insert(
                QStringLiteral("resolution"),
                QJsonObject{{QStringLiteral("method"), resolutionMethodName(resolution->method)},
                            {QStringLiteral("by"), resolution->by},
                            {QStringLiteral("note"), stringOrNull(resolution->note)},
                            {QStringLiteral("at"), timeOrNull(resolution->at)}});
    } else {
        json.insert(QStringLiteral("resolution"), QJsonValue::Null);
    }
    json.insert(QStringLiteral("claim"),
                claimedBy.isEmpty() ? QJsonValue(QJsonValue::Null)
                                    : QJsonValue(QJsonObject{
                                            {QStringLiteral("by"), claimedBy},
                                            {QStringLiteral("until"), timeOrNull(claimedUntil)}}));
    if (!history.isEmpty()) {
        QJsonArray attemptsJson;
        for (const DeliveryAttempt &a : history) {
            attemptsJson.append(
                    QJsonObject{{QStringLiteral("number"), a.number},
                                {QStringLiteral("started_at"), timeOrNull(a.startedAt)},
                                {QStringLiteral("finished_at"), timeOrNull(a.finishedAt)},
                                {QStringLiteral("outcome"), a.outcome},
                                {QStringLiteral("http_status"), a.httpStatus},
                                {QStringLiteral("detail"), stringOrNull(a.detail)}});
        }
        json.insert(QStringLiteral("attempt_history"), attemptsJson);
    }
    return json;
}

namespace {
void writeAttempts(JsonWriter &w, const QList<DeliveryAttempt> &history)
{
    w.beginArray();
    for (const DeliveryAttempt &a : history) {
        w.beginObject();
        w.fieldOrNull("detail"_L1, a.detail);
        w.fieldOrNull("finished_at"_L1, a.finishedAt);
        w.field("http_status"_L1, qint64(a.httpStatus));
        w.field("number"_L1, qint64(a.number));
        w.field("outcome"_L1, a.outcome);
        w.fieldOrNull("started_at"_L1, a.startedAt);
        w.endObject();
    }
    w.endArray();
}
} // namespace

QByteArray Notification::toWire() const
{
    // The keys in the order QJsonObject keeps them (sorted), so that the
    // bytes are those of toJson() serialised (tst_notification checks).
    JsonWriter w(384 + text.size() * 2);
    w.beginObject();
    if (!history.isEmpty()) {
        w.key("attempt_history"_L1);
        writeAttempts(w, history);
    }
    w.field("attempts"_L1, qint64(attempts));
    w.field("channel"_L1, QLatin1StringView(nameOfKnown(channel, kChannels)));
    w.key("claim"_L1);
    if (claimedBy.isEmpty()) {
        w.null();
    } else {
        w.beginObject();
        w.field("by"_L1, claimedBy);
        w.fieldOrNull("until"_L1, claimedUntil);
        w.endObject();
    }
    w.fieldOrNull("created_at"_L1, createdAt);
    w.fieldOrNull("customer_name"_L1, customerName);
    w.fieldOrNull("delivered_at"_L1, deliveredAt);
    w.field("id"_L1, id);
    w.fieldOrNull("idempotency_key"_L1, idempotencyKey);
    w.fieldOrNull("last_error"_L1, lastError);
    w.field("max_attempts"_L1, qint64(maxAttempts));
    w.fieldOrNull("next_attempt_at"_L1, nextAttemptAt);
    w.fieldOrNull("order_id"_L1, orderId);
    w.field("recipient"_L1, recipient);
    w.key("resolution"_L1);
    if (resolution) {
        w.beginObject();
        w.fieldOrNull("at"_L1, resolution->at);
        w.field("by"_L1, resolution->by);
        w.field("method"_L1, QLatin1StringView(nameOfKnown(resolution->method, kMethods)));
        w.fieldOrNull("note"_L1, resolution->note);
        w.endObject();
    } else {
        w.null();
    }
    w.field("state"_L1, QLatin1StringView(nameOfKnown(state, kStates)));
    w.field("text"_L1, text);
    w.field("type"_L1, type);
    w.fieldOrNull("updated_at"_L1, updatedAt);
    w.endObject();
    return w.take();
}

std::optional<Notification> Notification::fromJson(const QJsonObject &json)
{
    Notification n;
    n.id = json.value(QStringLiteral("id")).toString();
    const auto channel = channelFromName(json.value(QStringLiteral("channel")).toString());
    const auto state = stateFromName(json.value(QStringLiteral("state")).toString());
    if (n.id.isEmpty() || !channel || !state)
        return std::nullopt;
    n.channel = *channel;
    n.state = *state;
    n.idempotencyKey = json.value(QStringLiteral("idempotency_key")).toString();
    n.recipient = json.value(QStringLiteral("recipient")).toString();
    n.customerName = json.value(QStringLiteral("customer_name")).toString();
    n.orderId = json.value(QStringLiteral("order_id")).toString();
    n.type = json.value(QStringLiteral("type")).toString();
    n.text = json.value(QStringLiteral("text")).toString();
    n.attempts = json.value(QStringLiteral("attempts")).toInt();
    n.maxAttempts = json.value(QStringLiteral("max_attempts")).toInt();
    n.nextAttemptAt = fromRfc3339(json.value(QStringLiteral("next_attempt_at")).toString());
    n.lastError = json.value(QStringLiteral("last_error")).toString();
    n.createdAt = fromRfc3339(json.value(QStringLiteral("created_at")).toString());
    n.updatedAt = fromRfc3339(json.value(QStringLiteral("updated_at")).toString());
    n.deliveredAt = fromRfc3339(json.value(QStringLiteral("delivered_at")).toString());
    const QJsonObject r = json.value(QStringLiteral("resolution")).toObject();
    if (!r.isEmpty()) {
        Resolution res;
        res.method = resolutionMethodFromName(r.value(QStringLiteral("method")).toString())
                             .value_or(ResolutionMethod::Other);
        res.by = r.value(QStringLiteral("by")).toString();
        res.note = r.value(QStringLiteral("note")).toString();
        res.at = fromRfc3339(r.value(QStringLiteral("at")).toString());
        n.resolution = res;
    }
    const QJsonObject claim = json.value(QStringLiteral("claim")).toObject();
    n.claimedBy = claim.value(QStringLiteral("by")).toString();
    n.claimedUntil = fromRfc3339(claim.value(QStringLiteral("until")).toString());
    const QJsonArray attemptsJson = json.value(QStringLiteral("attempt_history")).toArray();
    for (const QJsonValue v : attemptsJson) {
        const QJsonObject a = v.toObject();
        n.history.append({a.value(QStringLiteral("number")).toInt(),
                          fromRfc3339(a.value(QStringLiteral("started_at")).toString()),
                          fromRfc3339(a.value(QStringLiteral("finished_at")).toString()),
                          a.value(QStringLiteral("outcome")).toString(),
                          a.value(QStringLiteral("http_status")).toInt(),
                          a.value(QStringLiteral("detail")).toString()});
    }
    return n;
}

bool isSecureWebhookUrl(const QUrl &url)
{
    if (url.scheme() == QLatin1String("https"))
        return true;
    const QString host = url.host().toLower();
    return url.scheme() == QLatin1String("http")
            && (host == QLatin1String("127.0.0.1") || host == QLatin1String("localhost")
                || host == QLatin1String("::1"));
}

namespace {

using RequestError = NotificationRequest::Error;

// A string field: trimmed, within maxLength, present when required.
bool readString(const QJsonObject &json, const QString &field, bool required, qsizetype maxLength,
                QString *out, std::optional<RequestError> *error)
{
    const QJsonValue v = json.value(field);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            *error = RequestError{field, QStringLiteral("%1 is required").arg(field)};
        return !required;
    }
    if (!v.isString()) {
        *error = RequestError{field, QStringLiteral("%1 must be a string").arg(field)};
        return false;
    }
    *out = v.toString().trimmed();
    if (required && out->isEmpty()) {
        *error = RequestError{field, QStringLiteral("%1 must not be empty").arg(field)};
        return false;
    }
    if (out->size() > maxLength) {
        *error = RequestError{
                field, QStringLiteral("%1 is longer than %2 characters").arg(field).arg(maxLength)};
        return false;
    }
    return true;
}

std::optional<RequestError> whatsappError(const QString &recipient)
{
    if (Phone::isInternational(recipient))
        return std::nullopt;
    QString message = QStringLiteral("recipient must be an international phone number with a "
                                     "leading + and the country code, such as +58 424-1234567");
    const QString trimmed = recipient.trimmed();
    if (!trimmed.startsWith(u'+') && !Phone::digits(trimmed).isEmpty())
        message += trimmed.startsWith(u'0')
                ? QStringLiteral(" (%1 looks like a local number: add the country code and "
                                 "drop the leading 0)")
                          .arg(trimmed)
                : QStringLiteral(" (add the + before the country code)");
    return RequestError{QStringLiteral("recipient"), message};
}

// A Discord webhook as the gateway posts to it: /api[/v<n>]/webhooks/<id>/<token>,
// optionally ?thread_id=<id> (the message goes into that thread); the gateway
// sets wait=true itself.
std::optional<RequestError> discordError(const NotificationRequest &r)
{
    const QString recipient = QStringLiteral("recipient");
    if (SecretRedaction::isRedactedWebhook(r.recipient))
        return RequestError{recipient,
                            QStringLiteral("recipient is a redacted webhook URL (as vigiad "
                                           "shows it to non-admins); send the whole URL")};
    const QUrl url(r.recipient, QUrl::StrictMode);
    if (!url.isValid()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        || url.host().isEmpty())
        return RequestError{recipient, QStringLiteral("recipient must be a Discord webhook URL")};
    if (!isSecureWebhookUrl(url))
        return RequestError{recipient,
                            QStringLiteral("recipient must be an https:// webhook URL (plain "
                                           "http only to 127.0.0.1, localhost or ::1)")};
    static const QRegularExpression path(
            QStringLiteral("^/api(/v[0-9]+)?/webhooks/[0-9]+/[A-Za-z0-9_.-]+/?$"));
    if (!path.match(url.path()).hasMatch())
        return RequestError{recipient,
                            QStringLiteral("recipient must be a Discord webhook URL "
                                           "(…/api/webhooks/<id>/<token>)")};
    static const QRegularExpression snowflake(QStringLiteral("^[0-9]{1,20}$"));
    const QList<QPair<QString, QString>> items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        const bool known = (name == QLatin1String("thread_id") && snowflake.match(value).hasMatch())
                || name == QLatin1String("wait");
        if (!known)
            return RequestError{recipient,
                                QStringLiteral("the webhook URL may carry only ?thread_id=<id> "
                                               "(and wait, which vigiad sets); not %1")
                                        .arg(name)};
    }
    if (r.text.size() > NotificationRequest::maxTextLength(Channel::Discord))
        return RequestError{QStringLiteral("text"),
                            QStringLiteral("Discord messages are limited to %1 characters")
                                    .arg(NotificationRequest::maxTextLength(Channel::Discord))};
    return std::nullopt;
}

// What each channel asks of its recipient (and of the text).
std::optional<RequestError> channelError(const NotificationRequest &r)
{
    switch (r.channel) {
    case Channel::WhatsApp: return whatsappError(r.recipient);
    case Channel::Discord: return discordError(r);
    case Channel::Telegram: {
        static const QRegularExpression chatPattern(
                QStringLiteral("^(-?[0-9]{1,20}|@[A-Za-z0-9_]{5,64})$"));
        if (!chatPattern.match(r.recipient).hasMatch())
            return RequestError{QStringLiteral("recipient"),
                                QStringLiteral("recipient must be a Telegram chat id (digits, "
                                               "- for groups) or @channelusername")};
        break;
    }
    }
    return std::nullopt;
}

} // namespace

qsizetype NotificationRequest::maxTextLength(Channel channel)
{
    return channel == Channel::Discord ? 2000 : kMaxTextLength;
}

QStringList NotificationRequest::fieldNames()
{
    return {QStringLiteral("channel"),  QStringLiteral("recipient"),
            QStringLiteral("text"),     QStringLiteral("type"),
            QStringLiteral("order_id"), QStringLiteral("customer_name")};
}

NotificationRequest NotificationRequest::parse(const QJsonObject &json, std::optional<Error> *error)
{
    NotificationRequest r;
    error->reset();
    QString channel;
    if (!readString(json, QStringLiteral("channel"), true, 16, &channel, error))
        return r;
    const auto parsedChannel = channelFromName(channel);
    if (!parsedChannel) {
        *error = Error{QStringLiteral("channel"),
                       QStringLiteral("channel must be one of whatsapp, discord, telegram")};
        return r;
    }
    r.channel = *parsedChannel;
    if (!readString(json, QStringLiteral("recipient"), true, 512, &r.recipient, error)
        || !readString(json, QStringLiteral("text"), true, kMaxTextLength, &r.text, error)
        || !readString(json, QStringLiteral("type"), true, 64, &r.type, error)
        || !readString(json, QStringLiteral("order_id"), false, 128, &r.orderId, error)
        || !readString(json, QStringLiteral("customer_name"), false, 256, &r.customerName, error))
        return r;
    static const QRegularExpression typePattern(QStringLiteral("^[A-Z][A-Z0-9_]*$"));
    if (!typePattern.match(r.type).hasMatch()) {
        *error = Error{QStringLiteral("type"),
                       QStringLiteral("type must be an uppercase word such as ORDER_RECEIVED")};
        return r;
    }
    *error = channelError(r);
    return r;
}

} // namespace Vigia

#include "ApiClient.h"

#include "TimeCodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Vigia {

ApiClient::ApiClient(QObject *parent) : QObject(parent), m_network(new QNetworkAccessManager(this))
{ }

ApiClient::~ApiClient() = default;

void ApiClient::setServer(const QUrl &baseUrl)
{
    m_baseUrl = baseUrl;
}

void ApiClient::setToken(const QString &token)
{
    m_token = token;
}

QNetworkReply *ApiClient::send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                               const QByteArray &body, int timeoutMs)
{
    QUrl url = m_baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + path);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs > 0 ? timeoutMs : m_timeoutMs);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return m_network->sendCustomRequest(request, verb, body);
}

void ApiClient::finish(QNetworkReply *reply, Callback callback)
{
    connect(reply, &QNetworkReply::finished, this, [reply, callback = std::move(callback)] {
        reply->deleteLater();
        ApiResult result;
        result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.networkError = static_cast<int>(reply->error());
        const QByteArray data = reply->readAll();
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
        result.body = doc.object();
        if (result.httpStatus == 0) {
            result.errorCode = QStringLiteral("network");
            result.message = reply->errorString();
        } else if (!result.ok()) {
            result.errorCode = result.body.value(QStringLiteral("error")).toString();
            result.message = result.body.value(QStringLiteral("message")).toString();
            if (result.message.isEmpty())
                result.message = reply->errorString();
        }
        if (callback)
            callback(result);
    });
}

void ApiClient::get(const QString &path, const QUrlQuery &query, Callback callback)
{
    finish(send("GET", path, query, {}), std::move(callback));
}

void ApiClient::post(const QString &path, const QJsonObject &body, Callback callback)
{
    finish(send("POST", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact)),
           std::move(callback));
}

void ApiClient::deleteResource(const QString &path, const QUrlQuery &query, Callback callback)
{
    finish(send("DELETE", path, query, {}), std::move(callback));
}

namespace {

// The rows of an {items: [...]} answer; rows that do not decode are skipped.
template<typename Item>
QList<Item> itemsOf(const QJsonObject &body)
{
    QList<Item> out;
    const QJsonArray items = body.value(QStringLiteral("items")).toArray();
    out.reserve(items.size());
    for (const QJsonValue v : items) {
        if (std::optional<Item> item = Item::fromJson(v.toObject()))
            out.append(*item);
    }
    return out;
}

// Adapts a typed callback to the raw one, decoding only a successful answer.
template<typename T, typename Decode>
ApiClient::Callback decoded(ApiClient::Reply<T> callback, Decode decode)
{
    return [callback = std::move(callback), decode](const ApiResult &r) {
        ApiReply<T> reply{r, {}};
        if (r.ok())
            reply.value = decode(r.body);
        if (callback)
            callback(reply);
    };
}

} // namespace

void ApiClient::whoAmI(Reply<Caller> callback)
{
    get(QStringLiteral("/v1/whoami"), {}, decoded(std::move(callback), [](const QJsonObject &b) {
            return Caller{b.value(QStringLiteral("name")).toString(),
                          roleFromName(b.value(QStringLiteral("role")).toString()),
                          b.value(QStringLiteral("live_seq")).toInteger()};
        }));
}

void ApiClient::fetchStatus(Reply<CommunicationStatus> callback)
{
    get(QStringLiteral("/v1/status"), {},
        decoded(std::move(callback), &CommunicationStatus::fromJson));
}

void ApiClient::listNotifications(const QString &state, const QString &cursor,
                                  Reply<NotificationSlice> callback)
{
    NotificationQuery query;
    query.states = state;
    query.cursor = cursor;
    listNotifications(query, std::move(callback));
}

void ApiClient::listNotifications(const NotificationQuery &query, Reply<NotificationSlice> callback)
{
    QUrlQuery url;
    const auto add = [&url](const QString &name, const QString &value) {
        // Encoded first: QUrlQuery would keep a "%XX" or a "+" someone typed as it is.
        if (!value.isEmpty())
            url.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add(QStringLiteral("state"), query.states);
    add(QStringLiteral("q"), query.text);
    add(QStringLiteral("sort"), query.sort);
    add(QStringLiteral("cursor"), query.cursor);
    url.addQueryItem(QStringLiteral("limit"), QString::number(query.limit));
    get(QStringLiteral("/v1/notifications"), url,
        decoded(std::move(callback), [](const QJsonObject &b) {
            const QJsonValue total = b.value(QStringLiteral("total"));
            return NotificationSlice{itemsOf<Notification>(b),
                                     b.value(QStringLiteral("next_cursor")).toString(),
                                     total.isDouble() ? total.toInteger() : -1};
        }));
}

void ApiClient::fetchNotification(const QString &id, Reply<Notification> callback)
{
    get(QStringLiteral("/v1/notifications/%1")
                .arg(QString::fromLatin1(QUrl::toPercentEncoding(id))),
        {}, decoded(std::move(callback), [](const QJsonObject &b) {
            return Notification::fromJson(b).value_or(Notification());
        }));
}

void ApiClient::retryAllFailed(Callback callback)
{
    post(QStringLiteral("/v1/notifications/retry-failed"), {}, std::move(callback));
}

void ApiClient::retryNotification(const QString &id, Callback callback)
{
    post(QStringLiteral("/v1/notifications/%1/retry")
                 .arg(QString::fromLatin1(QUrl::toPercentEncoding(id))),
         {}, std::move(callback));
}

void ApiClient::resolveNotification(const QString &id, const QString &method, const QString &note,
                                    Callback callback)
{
    QJsonObject body{{QStringLiteral("method"), method}};
    if (!note.isEmpty())
        body.insert(QStringLiteral("note"), note);
    post(QStringLiteral("/v1/notifications/%1/resolve")
                 .arg(QString::fromLatin1(QUrl::toPercentEncoding(id))),
         body, std::move(callback));
}

void ApiClient::claimNotification(const QString &id, Callback callback)
{
    // The server's default length (30 min): an operator extends it by claiming again.
    post(QStringLiteral("/v1/notifications/%1/claim")
                 .arg(QString::fromLatin1(QUrl::toPercentEncoding(id))),
         {}, std::move(callback));
}

void ApiClient::releaseNotification(const QString &id, Callback callback)
{
    deleteResource(QStringLiteral("/v1/notifications/%1/claim")
                           .arg(QString::fromLatin1(QUrl::toPercentEncoding(id))),
                   {}, std::move(callback));
}

void ApiClient::fetchQueueStats(Reply<QueueFigures> callback)
{
    get(QStringLiteral("/v1/queue/stats"), {},
        decoded(std::move(callback), [](const QJsonObject &b) {
            return QueueFigures::fromJson(b).value_or(QueueFigures{});
        }));
}

void ApiClient::cleanupQueue(int days, Callback callback)
{
    post(QStringLiteral("/v1/queue/cleanup"), {{QStringLiteral("older_than_days"), days}},
         std::move(callback));
}

void ApiClient::fetchIncidents(int limit, Reply<QList<Incident>> callback)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    get(QStringLiteral("/v1/incidents"), query, decoded(std::move(callback), &itemsOf<Incident>));
}

void ApiClient::fetchAudit(int limit, Reply<QList<AuditEntry>> callback)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    get(QStringLiteral("/v1/audit"), query, decoded(std::move(callback), [](const QJsonObject &b) {
            QList<AuditEntry> entries = itemsOf<AuditEntry>(b);
            entries.removeIf([](const AuditEntry &e) { return e.id.isEmpty(); });
            return entries;
        }));
}

void ApiClient::digest(const QDateTime &since, Reply<Digest> callback)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("since"),
                       QString::fromLatin1(QUrl::toPercentEncoding(toRfc3339(since))));
    get(QStringLiteral("/v1/digest"), query, decoded(std::move(callback), [](const QJsonObject &b) {
            return Digest::fromJson(b).value_or(Digest{});
        }));
}

void ApiClient::fetchAuditFor(const QString &target, int limit, Reply<QList<AuditEntry>> callback)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("target"),
                       QString::fromLatin1(QUrl::toPercentEncoding(target)));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    get(QStringLiteral("/v1/audit"), query,
        decoded(std::move(callback), [target](const QJsonObject &b) {
            QList<AuditEntry> entries = itemsOf<AuditEntry>(b);
            // A vigiad that ignores target answers the whole log: keep this one's.
            entries.removeIf([&target](const AuditEntry &e) { return e.target != target; });
            return entries;
        }));
}

void ApiClient::postSlow(const QString &path, Callback callback)
{
    // A restart may legitimately take tens of seconds (systemctl waits for the
    // unit to stop); the ordinary timeout would report a failure that is not one.
    finish(send("POST", path, {}, QByteArrayLiteral("{}"), m_slowTimeoutMs), std::move(callback));
}

void ApiClient::checkHealthNow(Callback callback)
{
    // The probe has its own timeout on the server; give it room on top of ours.
    postSlow(QStringLiteral("/v1/health/check"), std::move(callback));
}

void ApiClient::restartBot(Callback callback)
{
    postSlow(QStringLiteral("/v1/bot/restart"), std::move(callback));
}

void ApiClient::restartGateway(Callback callback)
{
    postSlow(QStringLiteral("/v1/gateway/restart"), std::move(callback));
}

namespace {
// User names and flows are chosen by the bot: a space or a '?' must stay
// inside its path segment.
QString segment(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}
} // namespace

void ApiClient::getAllPages(const QString &path, const QUrlQuery &query, Callback callback)
{
    getPagesFrom(path, query, QString(), std::make_shared<QJsonArray>(), std::move(callback));
}

void ApiClient::getPagesFrom(const QString &path, const QUrlQuery &query, const QString &cursor,
                             const std::shared_ptr<QJsonArray> &collected, Callback callback)
{
    QUrlQuery page = query;
    page.addQueryItem(QStringLiteral("limit"), QStringLiteral("500"));
    if (!cursor.isEmpty())
        page.addQueryItem(QStringLiteral("cursor"), cursor);
    get(path, page,
        [this, path, query, cursor, collected, callback = std::move(callback)](ApiResult r) {
            if (!r.ok()) {
                if (callback)
                    callback(r);
                return;
            }
            const QJsonArray items = r.body.value(QStringLiteral("items")).toArray();
            for (const QJsonValue v : items)
                collected->append(v);
            const QString next = r.body.value(QStringLiteral("next_cursor")).toString();
            // An empty page with a cursor would loop; so would a server that keeps answering.
            if (!next.isEmpty() && next != cursor && !items.isEmpty()
                && collected->size() < kMaxListItems) {
                getPagesFrom(path, query, next, collected, callback);
                return;
            }
            r.body.insert(QStringLiteral("items"), *collected);
            r.body.remove(QStringLiteral("next_cursor"));
            if (callback)
                callback(r);
        });
}

void ApiClient::fetchSessions(const QString &kind, Reply<QList<Session>> callback)
{
    QUrlQuery query;
    if (!kind.isEmpty())
        query.addQueryItem(QStringLiteral("kind"), kind);
    getAllPages(QStringLiteral("/v1/sessions"), query,
                decoded(std::move(callback), &itemsOf<Session>));
}

void ApiClient::fetchConversations(Reply<QList<Conversation>> callback)
{
    getAllPages(QStringLiteral("/v1/conversations"), {},
                decoded(std::move(callback), &itemsOf<Conversation>));
}

void ApiClient::clearConversation(const QString &user, const QString &flow, Callback callback)
{
    deleteResource(QStringLiteral("/v1/conversations/%1/%2").arg(segment(user), segment(flow)), {},
                   std::move(callback));
}

void ApiClient::clearFlow(const QString &flow, Callback callback)
{
    QUrlQuery query;
    // QUrlQuery keeps a valid "%XX" as it is; encoding the value first makes a
    // flow name that contains one reach vigiad intact.
    query.addQueryItem(QStringLiteral("flow"), segment(flow));
    deleteResource(QStringLiteral("/v1/conversations"), query, std::move(callback));
}

void ApiClient::history(const QDateTime &from, const QDateTime &to, int stepS,
                        Reply<HistorySlice> callback)
{
    QUrlQuery query;
    // Encoded first: a "+hh:mm" offset would otherwise arrive as a space.
    query.addQueryItem(QStringLiteral("from"),
                       QString::fromLatin1(QUrl::toPercentEncoding(toRfc3339(from))));
    query.addQueryItem(QStringLiteral("to"),
                       QString::fromLatin1(QUrl::toPercentEncoding(toRfc3339(to))));
    query.addQueryItem(QStringLiteral("step"), QString::number(stepS));
    get(QStringLiteral("/v1/history"), query,
        decoded(std::move(callback), [](const QJsonObject &b) {
            HistorySlice slice;
            slice.from = fromRfc3339(b.value(QStringLiteral("from")).toString());
            slice.to = fromRfc3339(b.value(QStringLiteral("to")).toString());
            slice.stepS = b.value(QStringLiteral("step_s")).toInt();
            const QJsonArray buckets = b.value(QStringLiteral("buckets")).toArray();
            slice.buckets.reserve(buckets.size());
            for (const QJsonValue v : buckets) {
                if (auto bucket = HistoryBucket::fromJson(v.toObject()))
                    slice.buckets.append(*bucket);
            }
            const QJsonArray periods = b.value(QStringLiteral("periods")).toArray();
            for (const QJsonValue v : periods) {
                if (auto period = StatusPeriod::fromJson(v.toObject()))
                    slice.periods.append(*period);
            }
            const QJsonArray actions = b.value(QStringLiteral("actions")).toArray();
            for (const QJsonValue v : actions) {
                if (auto action = AuditEntry::fromJson(v.toObject()))
                    slice.actions.append(*action);
            }
            return slice;
        }));
}

} // namespace Vigia

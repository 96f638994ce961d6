#pragma once

#include "AuditEntry.h"
#include "CommunicationStatus.h"
#include "Digest.h"
#include "History.h"
#include "Incident.h"
#include "Notification.h"
#include "QueueFigures.h"
#include "Role.h"
#include "Session.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace Vigia {

struct ApiResult
{
    int httpStatus = 0; // 0 when the server could not be reached
    QJsonObject body;
    QString errorCode; // the API's "error" field, or "network"
    QString message; // a human sentence to show
    // QNetworkReply::NetworkError of the call (0: none), so a caller can tell
    // a refused connection from a name that did not resolve or a TLS failure.
    int networkError = 0;
    bool ok() const { return httpStatus >= 200 && httpStatus < 300; }
};

// A read answered and decoded: the call's outcome and, when it succeeded,
// the typed value (rows that do not decode are left out).
template<typename T>
struct ApiReply
{
    ApiResult result;
    T value{};
    bool ok() const { return result.ok(); }
};

// GET /v1/history: the buckets where something was recorded (a gap is a
// time vigiad was not running) and the status periods over the range.
struct HistorySlice
{
    QDateTime from;
    QDateTime to;
    int stepS = 0;
    QList<HistoryBucket> buckets;
    QList<StatusPeriod> periods;
    QList<AuditEntry> actions; // what operators did over the range
};

struct Caller
{
    QString name;
    std::optional<Role> role;
    qint64 liveSeq = 0;
};

struct NotificationSlice
{
    QList<Notification> items;
    QString nextCursor; // empty on the last page
    // How many rows match the query over every page; -1 when the server
    // does not say (a vigiad older than the field).
    qint64 total = -1;
};

// One page of GET /v1/notifications. An empty field is left out of the
// request; a cursor belongs to the states, text and sort it was given with.
struct NotificationQuery
{
    QString states; // "failed", "pending,sending", …
    QString text; // q: order, customer, recipient, text or last error
    QString sort; // created_at, updated_at, customer_name, order_id; "-" descending
    QString cursor;
    int limit = 200;
};

// REST client for vigiad. Shared by the console and the tests; holds no
// domain state of its own.
class ApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    using Callback = std::function<void(const ApiResult &)>;

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    void setServer(const QUrl &baseUrl);
    QUrl server() const { return m_baseUrl; }
    void setToken(const QString &token);
    bool hasToken() const { return !m_token.isEmpty(); }
    void setTimeout(int ms) { m_timeoutMs = ms; }

    void get(const QString &path, const QUrlQuery &query, Callback callback);
    void post(const QString &path, const QJsonObject &body, Callback callback);
    void deleteResource(const QString &path, const QUrlQuery &query, Callback callback);

    template<typename T>
    using Reply = std::function<void(const ApiReply<T> &)>;

    void whoAmI(Reply<Caller> callback);
    void fetchStatus(Reply<CommunicationStatus> callback);
    void listNotifications(const QString &state, const QString &cursor,
                           Reply<NotificationSlice> callback);
    void listNotifications(const NotificationQuery &query, Reply<NotificationSlice> callback);
    // One notification with its attempt history.
    void fetchNotification(const QString &id, Reply<Notification> callback);
    // Admin only: every failed notification is queued again ({requeued, ids}).
    void retryAllFailed(Callback callback);
    void retryNotification(const QString &id, Callback callback);
    void resolveNotification(const QString &id, const QString &method, const QString &note,
                             Callback callback);
    // "I'm handling this" (support, admin): answers the notification with its
    // claim; 409 `claimed` names the operator who holds it (claimed_by).
    void claimNotification(const QString &id, Callback callback);
    // The holder's (or an admin's) end of a claim; answers the notification.
    void releaseNotification(const QString &id, Callback callback);
    void fetchQueueStats(Reply<QueueFigures> callback);
    // Operators: removes delivered and resolved notifications older than
    // `days` ({removed}); failed and waiting ones are never removed.
    void cleanupQueue(int days, Callback callback);
    // Newest first; limit is bounded by the server.
    void fetchIncidents(int limit, Reply<QList<Incident>> callback);
    // Admin only: other roles get 403.
    void fetchAudit(int limit, Reply<QList<AuditEntry>> callback);
    // The entries about one target (a notification id), newest first.
    void fetchAuditFor(const QString &target, int limit, Reply<QList<AuditEntry>> callback);
    // What changed since then (GET /v1/digest); any role, actions for admins.
    void digest(const QDateTime &since, Reply<Digest> callback);
    // Admin actions. The restarts run a command or call the gateway on the
    // server side, so they get a longer timeout than ordinary calls.
    void checkHealthNow(Callback callback);
    void restartBot(Callback callback);
    void restartGateway(Callback callback);
    // Active sessions; an empty kind lists every kind. Both follow the
    // server's pages to the end (up to kMaxListItems) and answer once.
    void fetchSessions(const QString &kind, Reply<QList<Session>> callback);
    void fetchConversations(Reply<QList<Conversation>> callback);
    static constexpr int kMaxListItems = 100000;
    // Bot or admin; a conversation that already ended or expired answers 404.
    void clearConversation(const QString &user, const QString &flow, Callback callback);
    // Admin only: every conversation of one flow.
    void clearFlow(const QString &flow, Callback callback);
    // Any role: vigiad's history from..to in buckets of stepS seconds (a
    // multiple of 60; at most 1500 buckets), with the status periods.
    void history(const QDateTime &from, const QDateTime &to, int stepS,
                 Reply<HistorySlice> callback);

private:
    QNetworkReply *send(const QByteArray &verb, const QString &path, const QUrlQuery &query,
                        const QByteArray &body, int timeoutMs = -1);
    void postSlow(const QString &path, Callback callback);
    void finish(QNetworkReply *reply, Callback callback);
    // GETs a paged list page after page; answers with every page's items as
    // one {items} body, or with the first failure.
    void getAllPages(const QString &path, const QUrlQuery &query, Callback callback);
    void getPagesFrom(const QString &path, const QUrlQuery &query, const QString &cursor,
                      const std::shared_ptr<QJsonArray> &collected, Callback callback);

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_token;
    int m_timeoutMs = 10000;
    int m_slowTimeoutMs = 90000;
};

} // namespace Vigia

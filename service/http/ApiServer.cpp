#include "ApiServer.h"

#include "ApiTokens.h"
#include "DeliveryGateway.h"
#include "HealthProber.h"
#include "LiveJournal.h"
#include "OperatorActions.h"
#include "Outbox.h"
#include "SessionRegistry.h"
#include "StatusTracker.h"

#include <QCryptographicHash>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QPointer>
#include <QTcpServer>
#include <QUrlQuery>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcApi, "vigia.api")

namespace Vigia {

using Status = QHttpServerResponder::StatusCode;
using Method = QHttpServerRequest::Method;

namespace {

QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

// A JSON number that is a whole number within [min, max].
bool isWholeNumberIn(const QJsonValue &v, int min, int max)
{
    return v.isDouble() && v.toDouble() == double(v.toInt()) && v.toInt() >= min
            && v.toInt() <= max;
}

ApiServer::Reply json(const QJsonObject &object, Status status = Status::Ok)
{
    ApiServer::Reply r;
    r.status = status;
    r.body = QJsonDocument(object);
    return r;
}

QString methodName(Method method)
{
    switch (method) {
    case Method::Get: return QStringLiteral("GET");
    case Method::Post: return QStringLiteral("POST");
    case Method::Put: return QStringLiteral("PUT");
    case Method::Delete: return QStringLiteral("DELETE");
    case Method::Patch: return QStringLiteral("PATCH");
    default: return QStringLiteral("OTHER");
    }
}

} // namespace

ApiServer::Reply jsonError(Status status, const QString &code, const QString &message,
                           const QJsonObject &extra)
{
    QJsonObject body = extra;
    body.insert(QStringLiteral("error"), code);
    body.insert(QStringLiteral("message"), message);
    return json(body, status);
}

ApiServer::ApiServer(const ApiContext &context, QObject *parent)
    : QAbstractHttpServer(parent), m_context(context)
{
    const QString id = QStringLiteral("([^/]+)");
    addRoute(Method::Get, QStringLiteral("/healthz"), Access::Public, false, &ApiServer::healthz);
    addRoute(Method::Get, QStringLiteral("/v1/whoami"), Access::Read, false, &ApiServer::whoAmI);
    addRoute(Method::Get, QStringLiteral("/v1/status"), Access::Read, false, &ApiServer::status);
    addRoute(Method::Post, QStringLiteral("/v1/heartbeat"), Access::Ingest, true,
             &ApiServer::heartbeat);
    addAsyncRoute(Method::Post, QStringLiteral("/v1/notifications"), Access::Ingest,
                  &ApiServer::createNotification);
    addRoute(Method::Get, QStringLiteral("/v1/notifications"), Access::Read, false,
             &ApiServer::listNotifications);
    addRoute(Method::Post, QStringLiteral("/v1/notifications/retry-failed"), Access::Operate, true,
             &ApiServer::retryFailed);
    addRoute(Method::Get, QStringLiteral("/v1/notifications/") + id, Access::Read, false,
             &ApiServer::getNotification);
    addRoute(Method::Post, QStringLiteral("/v1/notifications/") + id + QStringLiteral("/retry"),
             Access::Operate, true, &ApiServer::retryNotification);
    addRoute(Method::Post, QStringLiteral("/v1/notifications/") + id + QStringLiteral("/resolve"),
             Access::Resolve, true, &ApiServer::resolveNotification);
    addRoute(Method::Get, QStringLiteral("/v1/queue/stats"), Access::Read, false,
             &ApiServer::queueStats);
    addRoute(Method::Post, QStringLiteral("/v1/queue/cleanup"), Access::Operate, true,
             &ApiServer::queueCleanup);
    addRoute(Method::Get, QStringLiteral("/v1/audit"), Access::Audit, false, &ApiServer::auditLog);
    addRoute(Method::Get, QStringLiteral("/metrics"), Access::Read, false, &ApiServer::metrics);
    addRoute(Method::Get, QStringLiteral("/v1/incidents"), Access::Read, false,
             &ApiServer::incidents);
    // The webhook parses its body itself, after checking the signature.
    addRoute(Method::Post, QStringLiteral("/v1/gateway/waha/webhook"), Access::Public, false,
             &ApiServer::wahaWebhook);
    const QString segment = QStringLiteral("([^/]+)");
    addRoute(Method::Get, QStringLiteral("/v1/sessions"), Access::Read, false,
             &ApiServer::listSessions);
    addRoute(Method::Post, QStringLiteral("/v1/sessions/") + segment + QStringLiteral("/reconcile"),
             Access::Ingest, true, &ApiServer::reconcileSessions);
    m_routes.last().maxBodyBytes = m_context.maxReconcileBytes;
    addRoute(Method::Put, QStringLiteral("/v1/sessions/") + segment + u'/' + segment,
             Access::Ingest, true, &ApiServer::putSession);
    addRoute(Method::Delete, QStringLiteral("/v1/sessions/") + segment + u'/' + segment,
             Access::Ingest, false, &ApiServer::deleteSession);
    addRoute(Method::Get, QStringLiteral("/v1/conversations"), Access::Read, false,
             &ApiServer::listConversations);
    addRoute(Method::Delete, QStringLiteral("/v1/conversations"), Access::Operate, false,
             &ApiServer::clearConversations);
    addRoute(Method::Put, QStringLiteral("/v1/conversations/") + segment + u'/' + segment,
             Access::Ingest, true, &ApiServer::putConversation);
    addRoute(Method::Get, QStringLiteral("/v1/conversations/") + segment + u'/' + segment,
             Access::Read, false, &ApiServer::getConversation);
    addRoute(Method::Delete, QStringLiteral("/v1/conversations/") + segment + u'/' + segment,
             Access::Ingest, false, &ApiServer::deleteConversation);
    addAsyncRoute(Method::Post, QStringLiteral("/v1/health/check"), Access::Operate,
                  &ApiServer::healthCheck);
    addAsyncRoute(Method::Post, QStringLiteral("/v1/bot/restart"), Access::Operate,
                  &ApiServer::restartBot);
    addAsyncRoute(Method::Post, QStringLiteral("/v1/gateway/restart"), Access::Operate,
                  &ApiServer::restartGateway);

    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &ApiServer::acceptWebSockets);
    if (m_context.journal)
        connect(m_context.journal, &LiveJournal::published, this, &ApiServer::broadcast);
}

ApiServer::~ApiServer()
{
    for (QWebSocket *socket : std::as_const(m_liveClients)) {
        socket->disconnect(this);
        socket->abort();
        delete socket;
    }
}

bool ApiServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    m_tcpServer = new QTcpServer(this);
    if (!m_tcpServer->listen(address, port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(address.toString())
                         .arg(port)
                         .arg(m_tcpServer->errorString());
        return false;
    }
    bind(m_tcpServer);
    return true;
}

quint16 ApiServer::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

void ApiServer::addRoute(Method method, const QString &pattern, Access access, bool takesBody,
                         Reply (ApiServer::*handler)(const Call &))
{
    m_routes.append({method,
                     QRegularExpression(QStringLiteral("^") + pattern + QStringLiteral("$")),
                     access, takesBody,
                     [handler](ApiServer *self, const Call &call, const Respond &respond) {
                         respond((self->*handler)(call));
                     }});
}

void ApiServer::addAsyncRoute(Method method, const QString &pattern, Access access,
                              void (ApiServer::*handler)(const Call &, const Respond &))
{
    m_routes.append(
            {method, QRegularExpression(QStringLiteral("^") + pattern + QStringLiteral("$")),
             access, true, [handler](ApiServer *self, const Call &call, const Respond &respond) {
                 (self->*handler)(call, respond);
             }});
}

std::optional<ApiToken> ApiServer::authenticate(const QByteArray &authorization) const
{
    if (!authorization.startsWith("Bearer "))
        return std::nullopt;
    const QString secret = QString::fromLatin1(authorization.mid(7).trimmed());
    if (secret.isEmpty())
        return std::nullopt;
    auto token = m_context.store->tokenBySecretHash(ApiTokens::hashSecret(secret));
    if (!token || token->revoked)
        return std::nullopt;
    return token;
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Qt 6.4 hands a WebSocket upgrade to its WebSocket server only when this
    // returns true without answering; anywhere but /v1/live it gets a 404.
    // The token is checked once the socket is open (acceptWebSockets).
    if (header(request, "Upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
        return request.url().path() == QLatin1String("/v1/live");
    // The responder outlives this call when a handler answers later; the
    // socket may be gone by then, so it is checked before writing.
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    QPointer<QTcpSocket> guard(socket);
    const QString line = methodName(request.method()) + u' ' + request.url().path();
    dispatch(request, [responder, guard, line](const Reply &reply) {
        if (!guard || guard->state() != QAbstractSocket::ConnectedState)
            return;
        QByteArray payload = reply.text;
        QByteArray contentType = reply.contentType;
        if (payload.isEmpty() && !reply.body.isNull()) {
            payload = reply.body.toJson(QJsonDocument::Compact);
            contentType = QByteArrayLiteral("application/json");
        }
        responder->writeStatusLine(reply.status);
        if (!contentType.isEmpty())
            responder->writeHeader(QByteArrayLiteral("Content-Type"), contentType);
        responder->writeHeader(QByteArrayLiteral("Content-Length"),
                               QByteArray::number(payload.size()));
        for (const auto &[name, value] : reply.headers)
            responder->writeHeader(name, value);
        responder->writeBody(payload);
        qCDebug(lcApi).noquote() << line << int(reply.status);
    });
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const Reply reply = jsonError(Status::NotFound, QStringLiteral("not_found"),
                                  QStringLiteral("no such endpoint"));
    makeResponder(request, socket).write(reply.body, reply.status);
}

void ApiServer::dispatch(const QHttpServerRequest &request, const Respond &respond)
{
    const QString path = request.url().path();
    const Route *match = nullptr;
    QStringList args;
    QStringList allowed;
    for (const Route &route : std::as_const(m_routes)) {
        const QRegularExpressionMatch m = route.pattern.match(path);
        if (!m.hasMatch())
            continue;
        if (route.method != request.method()) {
            allowed << methodName(route.method);
            continue;
        }
        match = &route;
        for (int i = 1; i <= m.lastCapturedIndex(); ++i)
            args << QUrl::fromPercentEncoding(m.captured(i).toUtf8());
        break;
    }
    if (!match) {
        if (!allowed.isEmpty()) {
            Reply r = jsonError(Status::MethodNotAllowed, QStringLiteral("method_not_allowed"),
                                QStringLiteral("%1 is not allowed on %2; use %3")
                                        .arg(methodName(request.method()), path,
                                             allowed.join(QStringLiteral(", "))));
            r.headers.append(
                    {QByteArrayLiteral("Allow"), allowed.join(QStringLiteral(", ")).toLatin1()});
            respond(r);
            return;
        }
        respond(jsonError(Status::NotFound, QStringLiteral("not_found"),
                          QStringLiteral("no such endpoint: %1").arg(path)));
        return;
    }

    ApiToken caller;
    if (match->access != Access::Public) {
        const QByteArray authorization = header(request, "Authorization");
        const auto token = authenticate(authorization);
        if (!token) {
            Reply r = jsonError(
                    Status::Unauthorized, QStringLiteral("unauthorized"),
                    authorization.isEmpty()
                            ? QStringLiteral("send an Authorization: Bearer <token> header")
                            : QStringLiteral("the token is unknown or revoked"));
            r.headers.append({QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
            respond(r);
            return;
        }
        caller = *token;
        const Permission needed = match->access == Access::Read ? Permission::Read
                : match->access == Access::Ingest               ? Permission::Ingest
                : match->access == Access::Resolve              ? Permission::Resolve
                : match->access == Access::Audit                ? Permission::Audit
                                                                : Permission::Operate;
        if (!roleAllows(caller.role, needed)) {
            respond(jsonError(
                    Status::Forbidden, QStringLiteral("forbidden"),
                    QStringLiteral("role %1 may not do this").arg(roleName(caller.role))));
            return;
        }
    }

    QJsonObject body;
    if (match->takesBody) {
        const qint64 declared = header(request, "Content-Length").toLongLong();
        const QByteArray raw = request.body();
        const int cap = match->maxBodyBytes > 0 ? match->maxBodyBytes : m_context.maxBodyBytes;
        if (declared > cap || raw.size() > cap) {
            respond(jsonError(
                    Status::PayloadTooLarge, QStringLiteral("payload_too_large"),
                    QStringLiteral("request bodies are limited to %1 bytes here").arg(cap)));
            return;
        }
        if (!raw.trimmed().isEmpty()) {
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(raw, &parseError);
            if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
                respond(jsonError(
                        Status::BadRequest, QStringLiteral("malformed_json"),
                        parseError.error != QJsonParseError::NoError
                                ? QStringLiteral("body is not valid JSON: %1 at offset %2")
                                          .arg(parseError.errorString())
                                          .arg(parseError.offset)
                                : QStringLiteral("body must be a JSON object")));
                return;
            }
            body = doc.object();
        }
    }
    match->handler(this, Call{request, args, caller, body}, respond);
}

void ApiServer::audit(const Call &call, const QString &action, const QString &target,
                      const QString &outcome, const QJsonObject &detail)
{
    recordAudit(call.caller.name, action, target, outcome, detail);
}

void ApiServer::recordAudit(const QString &actor, const QString &action, const QString &target,
                            const QString &outcome, const QJsonObject &detail)
{
    m_context.store->appendAudit(
            {0, m_context.outbox->clock()->now(), actor, action, target, outcome, detail});
    if (m_context.journal) {
        // Read the stored entry back so the live row carries the same id as GET /v1/audit.
        const QList<AuditEntry> latest = m_context.store->audit(1);
        if (!latest.isEmpty())
            m_context.journal->publish(QStringLiteral("audit"), latest.constFirst().toJson());
    }
}

// ---- handlers

ApiServer::Reply ApiServer::healthz(const Call &)
{
    return json({{QStringLiteral("ok"), true},
                 {QStringLiteral("version"), QStringLiteral(VIGIA_VERSION)}});
}

ApiServer::Reply ApiServer::whoAmI(const Call &call)
{
    return json(
            {{QStringLiteral("name"), call.caller.name},
             {QStringLiteral("role"), roleName(call.caller.role)},
             {QStringLiteral("live_seq"), m_context.journal ? m_context.journal->currentSeq() : 0},
             {QStringLiteral("version"), QStringLiteral(VIGIA_VERSION)}});
}

ApiServer::Reply ApiServer::status(const Call &)
{
    return json(m_context.status->status().toJson());
}

ApiServer::Reply ApiServer::heartbeat(const Call &)
{
    m_context.status->recordHeartbeat();
    return json({{QStringLiteral("ok"), true},
                 {QStringLiteral("at"), toRfc3339(m_context.outbox->clock()->now())}});
}

void ApiServer::createNotification(const Call &call, const Respond &respond)
{
    std::optional<NotificationRequest::Error> error;
    const NotificationRequest request = NotificationRequest::parse(call.body, &error);
    if (error) {
        respond(jsonError(Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                          error->message, {{QStringLiteral("field"), error->field}}));
        return;
    }
    if (request.channel == Channel::Discord && m_context.discord
        && !m_context.discord->isAllowedWebhook(QUrl(request.recipient))) {
        respond(jsonError(Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                          QStringLiteral("recipient host is not an allowed Discord webhook host "
                                         "(discord/allowed_hosts)"),
                          {{QStringLiteral("field"), QStringLiteral("recipient")}}));
        return;
    }
    const QString key = QString::fromUtf8(header(call.request, "Idempotency-Key")).trimmed();
    if (key.size() > 255) {
        respond(jsonError(Status::BadRequest, QStringLiteral("invalid_idempotency_key"),
                          QStringLiteral("Idempotency-Key is limited to 255 characters")));
        return;
    }
    // QJsonObject keeps keys sorted, so the same body hashes the same
    // whatever order the producer wrote the fields in.
    const QByteArray hash = key.isEmpty()
            ? QByteArray()
            : QCryptographicHash::hash(QJsonDocument(call.body).toJson(QJsonDocument::Compact),
                                       QCryptographicHash::Sha256);
    m_pendingCreates.append({EnqueueItem{request, key, hash}, respond});
    if (!m_flushQueued) {
        m_flushQueued = true;
        QMetaObject::invokeMethod(this, &ApiServer::flushCreates, Qt::QueuedConnection);
    }
}

void ApiServer::flushCreates()
{
    m_flushQueued = false;
    const QList<PendingCreate> batch = std::exchange(m_pendingCreates, {});
    QList<EnqueueItem> items;
    items.reserve(batch.size());
    for (const PendingCreate &p : batch)
        items.append(p.item);
    QString storeError;
    const QList<EnqueueResult> results = m_context.outbox->enqueueMany(items, &storeError);
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const Respond &respond = batch.at(i).respond;
        if (results.size() != batch.size()) {
            respond(jsonError(Status::ServiceUnavailable, QStringLiteral("storage_unavailable"),
                              QStringLiteral("the notification could not be stored; nothing was "
                                             "queued: %1")
                                      .arg(storeError)));
            continue;
        }
        const EnqueueResult &result = results.at(i);
        switch (result.kind) {
        case EnqueueResult::Kind::Conflict:
            respond(jsonError(
                    Status::Conflict, QStringLiteral("idempotency_conflict"),
                    QStringLiteral("Idempotency-Key %1 was already used with a different body")
                            .arg(batch.at(i).item.idempotencyKey)));
            break;
        case EnqueueResult::Kind::Replayed: {
            Reply r = json(result.notification.toJson(), Status::Created);
            r.headers.append({QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")});
            respond(r);
            break;
        }
        case EnqueueResult::Kind::Created: {
            Reply r = json(result.notification.toJson(), Status::Created);
            r.headers.append(
                    {QByteArrayLiteral("Location"),
                     QStringLiteral("/v1/notifications/%1").arg(result.notification.id).toUtf8()});
            respond(r);
            break;
        }
        }
    }
}

ApiServer::Reply ApiServer::listNotifications(const Call &call)
{
    const QUrlQuery query(call.request.url());
    NotificationFilter filter;
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (!state.isEmpty()) {
        filter.state = stateFromName(state);
        if (!filter.state) {
            return jsonError(
                    Status::BadRequest, QStringLiteral("invalid_parameter"),
                    QStringLiteral(
                            "state must be one of pending, sending, delivered, failed, resolved"),
                    {{QStringLiteral("field"), QStringLiteral("state")}});
        }
    }
    filter.orderId = query.queryItemValue(QStringLiteral("order_id"), QUrl::FullyDecoded);
    filter.text = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
    filter.cursor = query.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        filter.limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || filter.limit < 1 || filter.limit > 500) {
            return jsonError(Status::BadRequest, QStringLiteral("invalid_parameter"),
                             QStringLiteral("limit must be a whole number from 1 to 500"),
                             {{QStringLiteral("field"), QStringLiteral("limit")}});
        }
    }
    const NotificationPage page = m_context.store->notifications(filter);
    QJsonArray items;
    for (const Notification &n : page.items)
        items.append(n.toJson());
    return json({{QStringLiteral("items"), items},
                 {QStringLiteral("next_cursor"),
                  page.nextCursor.isEmpty() ? QJsonValue(QJsonValue::Null)
                                            : QJsonValue(page.nextCursor)},
                 {QStringLiteral("live_seq"),
                  m_context.journal ? m_context.journal->currentSeq() : 0}});
}

ApiServer::Reply ApiServer::getNotification(const Call &call)
{
    const auto n = m_context.store->notification(call.args.value(0), true);
    if (!n)
        return jsonError(Status::NotFound, QStringLiteral("not_found"),
                         QStringLiteral("no notification %1").arg(call.args.value(0)));
    return json(n->toJson());
}

static ApiServer::Reply refusal(const QString &code, const QString &id)
{
    if (code == QLatin1String("not_found"))
        return jsonError(Status::NotFound, code, QStringLiteral("no notification %1").arg(id));
    if (code == QLatin1String("invalid_state"))
        return jsonError(
                Status::Conflict, code,
                QStringLiteral(
                        "notification %1 is not failed or pending, so there is nothing to do")
                        .arg(id));
    return jsonError(Status::ServiceUnavailable, QStringLiteral("storage_unavailable"),
                     QStringLiteral("the change could not be stored"));
}

ApiServer::Reply ApiServer::retryNotification(const Call &call)
{
    const QString id = call.args.value(0);
    QString error;
    const auto n = m_context.outbox->retry(id, call.caller.name, &error);
    audit(call, QStringLiteral("retry"), id, n ? QStringLiteral("ok") : error);
    if (!n)
        return refusal(error, id);
    return json(n->toJson(), Status::Accepted);
}

ApiServer::Reply ApiServer::resolveNotification(const Call &call)
{
    const QString id = call.args.value(0);
    const QString methodText = call.body.value(QStringLiteral("method")).toString();
    const auto method = resolutionMethodFromName(methodText);
    if (!method || *method == ResolutionMethod::Retry) {
        return jsonError(Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                         QStringLiteral("method must be one of phone_call, sms, email, other"),
                         {{QStringLiteral("field"), QStringLiteral("method")}});
    }
    const QJsonValue noteValue = call.body.value(QStringLiteral("note"));
    if (!noteValue.isUndefined() && !noteValue.isNull() && !noteValue.isString()) {
        return jsonError(Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                         QStringLiteral("note must be a string"),
                         {{QStringLiteral("field"), QStringLiteral("note")}});
    }
    const QString note = noteValue.toString().trimmed();
    if (note.size() > 2000) {
        return jsonError(Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                         QStringLiteral("note is longer than 2000 characters"),
                         {{QStringLiteral("field"), QStringLiteral("note")}});
    }
    QString error;
    const auto n = m_context.outbox->resolve(id, {*method, call.caller.name, note, {}}, &error);
    audit(call, QStringLiteral("resolve"), id, n ? QStringLiteral("ok") : error,
          {{QStringLiteral("method"), methodText}});
    if (!n)
        return refusal(error, id);
    return json(n->toJson());
}

ApiServer::Reply ApiServer::retryFailed(const Call &call)
{
    const QList<Notification> requeued = m_context.outbox->retryAllFailed(call.caller.name);
    QJsonArray ids;
    for (const Notification &n : requeued)
        ids.append(n.id);
    audit(call, QStringLiteral("retry_failed"), QString(), QStringLiteral("ok"),
          {{QStringLiteral("count"), int(requeued.size())}});
    return json({{QStringLiteral("requeued"), int(requeued.size())}, {QStringLiteral("ids"), ids}},
                Status::Accepted);
}

ApiServer::Reply ApiServer::queueStats(const Call &)
{
    const QueueStats s = m_context.store->stats(m_context.outbox->clock()->now());
    QJsonObject counts;
    for (NotificationState state :
         {NotificationState::Pending, NotificationState::Sending, NotificationState::Delivered,
          NotificationState::Failed, NotificationState::Resolved})
        counts.insert(stateName(state), s.byState.value(state));
    return json({{QStringLiteral("counts"), counts},
                 {QStringLiteral("oldest_pending_age_s"),
                  s.oldestPendingAgeSeconds < 0 ? QJsonValue(QJsonValue::Null)
                                                : QJsonValue(s.oldestPendingAgeSeconds)},
                 {QStringLiteral("last_hour"),
                  QJsonObject{{QStringLiteral("attempts"), s.attemptsLastHour},
                              {QStringLiteral("delivered"), s.deliveredLastHour},
                              {QStringLiteral("failed"), s.failedLastHour}}}});
}

ApiServer::Reply ApiServer::queueCleanup(const Call &call)
{
    const QJsonValue days = call.body.value(QStringLiteral("older_than_days"));
    if (!isWholeNumberIn(days, 1, 3650)) {
        return jsonError(Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                         QStringLiteral("older_than_days must be a whole number from 1 to 3650"),
                         {{QStringLiteral("field"), QStringLiteral("older_than_days")}});
    }
    const int removed = m_context.outbox->cleanup(days.toInt());
    audit(call, QStringLiteral("cleanup"), QString(),
          removed >= 0 ? QStringLiteral("ok") : QStringLiteral("storage"),
          {{QStringLiteral("older_than_days"), days.toInt()},
           {QStringLiteral("removed"), removed}});
    if (removed < 0)
        return refusal(QStringLiteral("storage"), QString());
    return json({{QStringLiteral("removed"), removed}});
}

ApiServer::Reply ApiServer::auditLog(const Call &call)
{
    const QUrlQuery query(call.request.url());
    int limit = 100;
    if (query.hasQueryItem(QStringLiteral("limit")))
        limit = qBound(1, query.queryItemValue(QStringLiteral("limit")).toInt(), 1000);
    QJsonArray items;
    const QList<AuditEntry> entries = m_context.store->audit(limit);
    for (const AuditEntry &e : entries)
        items.append(e.toJson());
    return json({{QStringLiteral("items"), items}});
}

ApiServer::Reply ApiServer::metrics(const Call &)
{
    const QueueStats s = m_context.store->stats(m_context.outbox->clock()->now());
    const CommunicationStatus st = m_context.status->status();
    QString text;
    text += QStringLiteral("# HELP vigia_notifications Notifications in the outbox by state.\n"
                           "# TYPE vigia_notifications gauge\n");
    for (NotificationState state :
         {NotificationState::Pending, NotificationState::Sending, NotificationState::Delivered,
          NotificationState::Failed, NotificationState::Resolved})
        text += QStringLiteral("vigia_notifications{state=\"%1\"} %2\n")
                        .arg(stateName(state))
                        .arg(s.byState.value(state));
    text += QStringLiteral(
                    "# HELP vigia_attempts_last_hour Delivery attempts finished in the last hour.\n"
                    "# TYPE vigia_attempts_last_hour gauge\nvigia_attempts_last_hour %1\n")
                    .arg(s.attemptsLastHour);
    text += QStringLiteral("# HELP vigia_status Communication status (1 for the current state).\n# "
                           "TYPE vigia_status gauge\n");
    for (StatusState state :
         {StatusState::Unknown, StatusState::Online, StatusState::Degraded,
          StatusState::Incommunicado, StatusState::Critical, StatusState::Offline})
        text += QStringLiteral("vigia_status{state=\"%1\"} %2\n")
                        .arg(statusStateName(state))
                        .arg(state == st.state ? 1 : 0);
    text += QStringLiteral(
                    "# HELP vigia_affected_orders Orders with an unresolved failed notification.\n"
                    "# TYPE vigia_affected_orders gauge\nvigia_affected_orders %1\n")
                    .arg(st.affectedOrders);
    const QList<Incident> recent = m_context.store->incidents(1000);
    const auto open = std::count_if(recent.cbegin(), recent.cend(),
                                    [](const Incident &i) { return i.isOpen(); });
    text += QStringLiteral("# HELP vigia_incidents Communication incidents recorded (last 1000), "
                           "and open now.\n"
                           "# TYPE vigia_incidents gauge\nvigia_incidents{open=\"false\"} "
                           "%1\nvigia_incidents{open=\"true\"} %2\n")
                    .arg(recent.size() - open)
                    .arg(open);
    const int latency = m_context.status->lastProbeLatencyMs();
    if (latency >= 0) {
        text += QStringLiteral(
                        "# HELP vigia_probe_latency_ms Latency of the last gateway health probe.\n"
                        "# TYPE vigia_probe_latency_ms gauge\nvigia_probe_latency_ms %1\n")
                        .arg(latency);
    }
    text += QStringLiteral("# HELP vigia_live_clients Connected live-feed clients.\n# TYPE "
                           "vigia_live_clients gauge\n"
                           "vigia_live_clients %1\n")
                    .arg(m_liveClients.size());
    Reply r;
    r.text = text.toUtf8();
    r.contentType = QByteArrayLiteral("text/plain; version=0.0.4");
    return r;
}

ApiServer::Reply ApiServer::incidents(const Call &call)
{
    const QUrlQuery query(call.request.url());
    int limit = 100;
    if (query.hasQueryItem(QStringLiteral("limit")))
        limit = qBound(1, query.queryItemValue(QStringLiteral("limit")).toInt(), 1000);
    QJsonArray items;
    const QList<Incident> list = m_context.store->incidents(limit);
    for (const Incident &i : list)
        items.append(i.toJson());
    return json({{QStringLiteral("items"), items}});
}

ApiServer::Reply ApiServer::wahaWebhook(const Call &call)
{
    const QByteArray raw = call.request.body();
    if (!m_context.wahaHmacKey.isEmpty()) {
        const QByteArray expected = QMessageAuthenticationCode::hash(raw, m_context.wahaHmacKey,
                                                                     QCryptographicHash::Sha512)
                                            .toHex();
        const QByteArray given = header(call.request, "X-Webhook-Hmac").trimmed().toLower();
        // Compare in constant time so the signature cannot be guessed byte by byte.
        bool same = given.size() == expected.size();
        unsigned char diff = 0;
        for (qsizetype i = 0; same && i < expected.size(); ++i)
            diff |= static_cast<unsigned char>(given.at(i) ^ expected.at(i));
        if (!same || diff != 0) {
            return jsonError(Status::Unauthorized, QStringLiteral("invalid_signature"),
                             QStringLiteral("X-Webhook-Hmac does not match the body signed with "
                                            "waha/webhook_hmac_key"));
        }
    }
    if (raw.size() > m_context.maxBodyBytes) {
        return jsonError(Status::PayloadTooLarge, QStringLiteral("payload_too_large"),
                         QStringLiteral("request bodies are limited to %1 bytes")
                                 .arg(m_context.maxBodyBytes));
    }
    QJsonParseError parseError;
    const QJsonObject body = QJsonDocument::fromJson(raw, &parseError).object();
    if (parseError.error != QJsonParseError::NoError) {
        return jsonError(
                Status::BadRequest, QStringLiteral("malformed_json"),
                QStringLiteral("body is not valid JSON: %1").arg(parseError.errorString()));
    }
    const QString eventId = body.value(QStringLiteral("id")).toString();
    const QString event = body.value(QStringLiteral("event")).toString();
    const QJsonObject payload = body.value(QStringLiteral("payload")).toObject();
    if (event.isEmpty()) {
        return jsonError(Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                         QStringLiteral("event is required"),
                         {{QStringLiteral("field"), QStringLiteral("event")}});
    }
    const QDateTime now = m_context.outbox->clock()->now();
    if (!eventId.isEmpty() && !m_context.store->rememberWebhookEvent(eventId, now))
        return json({{QStringLiteral("ok"), true}, {QStringLiteral("duplicate"), true}});
    const QString session = body.value(QStringLiteral("session")).toString();
    if (!session.isEmpty() && session != m_context.wahaSession)
        return json({{QStringLiteral("ok"), true},
                     {QStringLiteral("ignored"), QStringLiteral("another session")}});

    if (event == QLatin1String("session.status")) {
        ProbeResult r;
        r.source = QStringLiteral("webhook");
        r.status = payload.value(QStringLiteral("status")).toString();
        r.passed = r.status == QLatin1String("WORKING");
        if (!r.passed)
            r.error = QStringLiteral("WhatsApp session is %1, not WORKING (webhook)").arg(r.status);
        m_context.status->recordProbe(r);
        return json({{QStringLiteral("ok"), true}});
    }
    if (event == QLatin1String("message.ack")) {
        const QJsonValue idValue = payload.value(QStringLiteral("id"));
        const QString messageId = idValue.isObject()
                ? idValue.toObject().value(QStringLiteral("_serialized")).toString()
                : idValue.toString();
        const QJsonValue ack = payload.value(QStringLiteral("ack"));
        if (messageId.isEmpty() || !ack.isDouble()) {
            return jsonError(
                    Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                    QStringLiteral("message.ack needs payload.id and a numeric payload.ack"),
                    {{QStringLiteral("field"), QStringLiteral("payload")}});
        }
        const auto n = m_context.outbox->applyAck(messageId, ack.toInt());
        return json({{QStringLiteral("ok"), true}, {QStringLiteral("matched"), n.has_value()}});
    }
    return json({{QStringLiteral("ok"), true}, {QStringLiteral("ignored"), event}});
}

void ApiServer::healthCheck(const Call &call, const Respond &respond)
{
    if (!m_context.prober) {
        respond(jsonError(Status::ServiceUnavailable, QStringLiteral("not_configured"),
                          QStringLiteral("no gateway to probe")));
        return;
    }
    QPointer<ApiServer> self(this);
    const QString actor = call.caller.name;
    m_context.prober->probeNow([self, respond, actor](const ProbeResult &r) {
        if (!self)
            return;
        QJsonObject body = r.toJson();
        body.insert(QStringLiteral("signal"),
                    self->m_context.status->status().healthcheck.toJson());
        self->recordAudit(actor, QStringLiteral("health_check"), QString(),
                          r.passed ? QStringLiteral("ok") : QStringLiteral("failing"), body);
        respond(json(body));
    });
}

static ApiServer::Reply actionReply(const ActionResult &r)
{
    if (r.ok)
        return json(r.toJson());
    if (!r.configured)
        return jsonError(Status::ServiceUnavailable, QStringLiteral("not_configured"), r.error);
    return jsonError(Status::BadGateway, QStringLiteral("action_failed"), r.error, r.toJson());
}

void ApiServer::restartBot(const Call &call, const Respond &respond)
{
    QPointer<ApiServer> self(this);
    const QString actor = call.caller.name;
    m_context.actions->restartBot([self, respond, actor](const ActionResult &r) {
        if (!self)
            return;
        self->recordAudit(actor, QStringLiteral("bot_restart"), QString(),
                          r.ok ? QStringLiteral("ok") : QStringLiteral("failed"), r.toJson());
        respond(actionReply(r));
    });
}

void ApiServer::restartGateway(const Call &call, const Respond &respond)
{
    QPointer<ApiServer> self(this);
    const QString actor = call.caller.name;
    m_context.actions->restartGateway([self, respond, actor](const ActionResult &r) {
        if (!self)
            return;
        self->recordAudit(actor, QStringLiteral("gateway_restart"), QString(),
                          r.ok ? QStringLiteral("ok") : QStringLiteral("failed"), r.toJson());
        respond(actionReply(r));
    });
}

// ---- sessions and conversations

namespace {
const QRegularExpression kKindPattern(QStringLiteral("^[a-z][a-z0-9_-]{0,31}$"));

std::optional<ApiServer::Reply> badName(const QString &field, const QString &value, qsizetype max)
{
    if (value.isEmpty() || value.size() > max || value.contains(u'/')) {
        return jsonError(
                Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                QStringLiteral("%1 must be 1 to %2 characters without /").arg(field).arg(max),
                {{QStringLiteral("field"), field}});
    }
    return std::nullopt;
}

std::optional<ApiServer::Reply> badKind(const QString &kind)
{
    if (!kKindPattern.match(kind).hasMatch()) {
        return jsonError(
                Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                QStringLiteral("kind must be a lowercase word such as voice, game or party"),
                {{QStringLiteral("field"), QStringLiteral("kind")}});
    }
    return std::nullopt;
}

ApiServer::Reply fieldError(const QString &field, const QString &message)
{
    return jsonError(Status::UnprocessableEntity, QStringLiteral("validation_failed"), message,
                     {{QStringLiteral("field"), field}});
}

// An optional string field; false (with *error) when present but not a string.
bool optionalString(const QJsonObject &body, const QString &field, qsizetype max, QString *out,
                    std::optional<ApiServer::Reply> *error)
{
    const QJsonValue v = body.value(field);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString() || v.toString().size() > max) {
        *error = fieldError(
                field,
                QStringLiteral("%1 must be a string of at most %2 characters").arg(field).arg(max));
        return false;
    }
    *out = v.toString();
    return true;
}

bool optionalBool(const QJsonObject &body, const QString &field, bool *out,
                  std::optional<ApiServer::Reply> *error)
{
    const QJsonValue v = body.value(field);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isBool()) {
        *error = fieldError(field, QStringLiteral("%1 must be true or false").arg(field));
        return false;
    }
    *out = v.toBool();
    return true;
}

QJsonArray sessionsJson(const QList<Session> &list)
{
    QJsonArray out;
    for (const Session &s : list)
        out.append(s.toJson());
    return out;
}
} // namespace

ApiServer::Reply ApiServer::listSessions(const Call &call)
{
    const QString kind = QUrlQuery(call.request.url())
                                 .queryItemValue(QStringLiteral("kind"), QUrl::FullyDecoded);
    if (!kind.isEmpty()) {
        if (auto error = badKind(kind))
            return *error;
    }
    return json({{QStringLiteral("items"), sessionsJson(m_context.sessions->sessions(kind))}});
}

ApiServer::Reply ApiServer::putSession(const Call &call)
{
    Session s;
    s.kind = call.args.value(0);
    s.key = call.args.value(1);
    if (auto error = badKind(s.kind))
        return *error;
    if (auto error = badName(QStringLiteral("key"), s.key, 128))
        return *error;
    std::optional<Reply> error;
    if (!optionalString(call.body, QStringLiteral("user_id"), 128, &s.userId, &error)
        || !optionalString(call.body, QStringLiteral("username"), 256, &s.username, &error)
        || !optionalString(call.body, QStringLiteral("where"), 256, &s.where, &error)
        || !optionalBool(call.body, QStringLiteral("confirmed"), &s.confirmed, &error)
        || !optionalBool(call.body, QStringLiteral("entry_notified"), &s.entryNotified, &error))
        return *error;
    const QJsonValue data = call.body.value(QStringLiteral("data"));
    if (!data.isUndefined() && !data.isNull() && !data.isObject())
        return fieldError(QStringLiteral("data"), QStringLiteral("data must be a JSON object"));
    s.data = data.toObject();
    // A party is a game with its players: at least two of them.
    if (s.kind == QLatin1String("party")) {
        const QJsonValue players = s.data.value(QStringLiteral("players"));
        if (!players.isArray() || players.toArray().size() < 2)
            return fieldError(QStringLiteral("data.players"),
                              QStringLiteral("a party needs data.players with at least 2 players"));
    }
    const QJsonValue notice = call.body.value(QStringLiteral("exit_notice"));
    if (!notice.isUndefined() && !notice.isNull()) {
        if (!notice.isObject())
            return fieldError(QStringLiteral("exit_notice"),
                              QStringLiteral("exit_notice must be {channel, recipient, text}"));
        QString field;
        const QString message = SessionRegistry::validateNotice(notice.toObject(), &field);
        if (!message.isEmpty())
            return fieldError(field, message);
        s.exitNotice = notice.toObject();
    }
    bool created = false;
    const auto stored = m_context.sessions->upsert(s, &created);
    if (!stored)
        return refusal(QStringLiteral("storage"), QString());
    return json(stored->toJson(), created ? Status::Created : Status::Ok);
}

ApiServer::Reply ApiServer::deleteSession(const Call &call)
{
    const QString kind = call.args.value(0);
    const QString key = call.args.value(1);
    if (auto error = badKind(kind))
        return *error;
    const QString notify = QUrlQuery(call.request.url()).queryItemValue(QStringLiteral("notify"));
    if (!notify.isEmpty() && notify != QLatin1String("true") && notify != QLatin1String("false"))
        return jsonError(Status::BadRequest, QStringLiteral("invalid_parameter"),
                         QStringLiteral("notify must be true or false"),
                         {{QStringLiteral("field"), QStringLiteral("notify")}});
    const auto ended = m_context.sessions->end(kind, key, notify == QLatin1String("true"));
    if (!ended.session)
        return jsonError(Status::NotFound, QStringLiteral("not_found"),
                         QStringLiteral("no active %1 session %2").arg(kind, key));
    return json(
            {{QStringLiteral("ended"), ended.session->toJson()},
             {QStringLiteral("exit_notification"),
              ended.notice ? QJsonValue(ended.notice->toJson()) : QJsonValue(QJsonValue::Null)}});
}

ApiServer::Reply ApiServer::reconcileSessions(const Call &call)
{
    const QString kind = call.args.value(0);
    if (auto error = badKind(kind))
        return *error;
    const QJsonValue presentValue = call.body.value(QStringLiteral("present"));
    if (!presentValue.isArray())
        return fieldError(
                QStringLiteral("present"),
                QStringLiteral("present must be a list of {key, user_id, username, where}"));
    const QJsonArray presentArray = presentValue.toArray();
    QList<PresentEntry> present;
    present.reserve(presentArray.size());
    for (qsizetype i = 0; i < presentArray.size(); ++i) {
        const QJsonObject o = presentArray.at(i).toObject();
        const QString field = QStringLiteral("present[%1].key").arg(i);
        const QJsonValue key = o.value(QStringLiteral("key"));
        if (!key.isString() || key.toString().isEmpty() || key.toString().size() > 128)
            return fieldError(
                    field,
                    QStringLiteral("%1 must be a non-empty string of at most 128 characters")
                            .arg(field));
        present.append({key.toString(), o.value(QStringLiteral("user_id")).toString(),
                        o.value(QStringLiteral("username")).toString(),
                        o.value(QStringLiteral("where")).toString()});
    }
    const auto outcome = m_context.sessions->reconcile(kind, present);
    QJsonArray moved;
    for (const auto &[before, after] : outcome.result.moved) {
        QJsonObject m = after.toJson();
        m.insert(QStringLiteral("from"), before.where);
        moved.append(m);
    }
    QJsonArray notices;
    for (const Notification &n : outcome.notices)
        notices.append(n.toJson());
    return json({{QStringLiteral("ended"), sessionsJson(outcome.result.ended)},
                 {QStringLiteral("created"), sessionsJson(outcome.result.created)},
                 {QStringLiteral("moved"), moved},
                 {QStringLiteral("exit_notifications"), notices}});
}

ApiServer::Reply ApiServer::listConversations(const Call &)
{
    QJsonArray items;
    const QList<Conversation> list = m_context.sessions->conversations();
    for (const Conversation &c : list)
        items.append(c.toJson());
    return json({{QStringLiteral("items"), items}});
}

ApiServer::Reply ApiServer::putConversation(const Call &call)
{
    Conversation c;
    c.user = call.args.value(0);
    c.flow = call.args.value(1);
    if (auto error = badName(QStringLiteral("user"), c.user, 128))
        return *error;
    if (auto error = badName(QStringLiteral("flow"), c.flow, 64))
        return *error;
    const QJsonValue step = call.body.value(QStringLiteral("step"));
    if (!step.isString() || step.toString().isEmpty() || step.toString().size() > 128)
        return fieldError(QStringLiteral("step"),
                          QStringLiteral("step must be a non-empty string"));
    c.step = step.toString();
    const QJsonValue data = call.body.value(QStringLiteral("data"));
    if (!data.isUndefined() && !data.isNull() && !data.isObject())
        return fieldError(QStringLiteral("data"), QStringLiteral("data must be a JSON object"));
    c.data = data.toObject();
    const QJsonValue ttl = call.body.value(QStringLiteral("ttl_seconds"));
    if (!isWholeNumberIn(ttl, 1, 30 * 86400))
        return fieldError(QStringLiteral("ttl_seconds"),
                          QStringLiteral("ttl_seconds must be a whole number from 1 to 2592000"));
    c.ttlSeconds = ttl.toInt();
    const auto stored = m_context.sessions->putConversation(c);
    if (!stored)
        return refusal(QStringLiteral("storage"), QString());
    return json(stored->toJson());
}

ApiServer::Reply ApiServer::getConversation(const Call &call)
{
    const auto c = m_context.sessions->conversation(call.args.value(0), call.args.value(1));
    if (!c)
        return jsonError(Status::NotFound, QStringLiteral("not_found"),
                         QStringLiteral("no active conversation (it may have expired)"));
    return json(c->toJson());
}

ApiServer::Reply ApiServer::deleteConversation(const Call &call)
{
    if (!m_context.sessions->deleteConversation(call.args.value(0), call.args.value(1)))
        return jsonError(Status::NotFound, QStringLiteral("not_found"),
                         QStringLiteral("no such conversation"));
    // A bot ending its own flow is routine; an operator clearing one is an action.
    if (call.caller.role != Role::Bot)
        audit(call, QStringLiteral("conversation_clear"),
              call.args.value(0) + u'/' + call.args.value(1), QStringLiteral("ok"));
    return json({{QStringLiteral("ok"), true}});
}

ApiServer::Reply ApiServer::clearConversations(const Call &call)
{
    const QString flow = QUrlQuery(call.request.url())
                                 .queryItemValue(QStringLiteral("flow"), QUrl::FullyDecoded);
    if (auto error = badName(QStringLiteral("flow"), flow, 64))
        return *error;
    const int cleared = m_context.sessions->clearFlow(flow);
    audit(call, QStringLiteral("conversation_clear_flow"), flow, QStringLiteral("ok"),
          {{QStringLiteral("cleared"), cleared}});
    return json({{QStringLiteral("cleared"), cleared}});
}

// ---- live feed

void ApiServer::acceptWebSockets()
{
    while (hasPendingWebSocketConnections()) {
        QWebSocket *socket = nextPendingWebSocketConnection().release();
        socket->setParent(this);
        const QUrl url = socket->requestUrl();
        if (url.path() != QLatin1String("/v1/live")) {
            socket->close(QWebSocketProtocol::CloseCodeProtocolError,
                          QStringLiteral("no such endpoint"));
            socket->deleteLater();
            continue;
        }
        QByteArray authorization = socket->request().rawHeader("Authorization");
        const QUrlQuery query(url);
        // Browsers cannot set headers on a WebSocket; accept the token in the query too.
        if (authorization.isEmpty() && query.hasQueryItem(QStringLiteral("access_token")))
            authorization =
                    "Bearer " + query.queryItemValue(QStringLiteral("access_token")).toUtf8();
        const auto token = authenticate(authorization);
        if (!token) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                          QStringLiteral("unauthorized"));
            socket->deleteLater();
            continue;
        }
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_liveClients.removeAll(socket);
            m_liveRoles.remove(socket);
            socket->deleteLater();
        });
        m_liveRoles.insert(socket, token->role);
        bool ok = false;
        const qint64 since = query.queryItemValue(QStringLiteral("since")).toLongLong(&ok);
        const auto missed = ok ? m_context.journal->since(since) : std::nullopt;
        if (!missed) {
            socket->sendTextMessage(QString::fromUtf8(LiveEvent{
                    m_context.journal->currentSeq(),
                    QStringLiteral("resync"),
                    {}}.toWire()));
        } else {
            for (const LiveEvent &e : *missed) {
                if (mayReceive(token->role, e))
                    socket->sendTextMessage(QString::fromUtf8(e.toWire()));
            }
        }
        m_liveClients.append(socket);
    }
}

bool ApiServer::mayReceive(Role role, const LiveEvent &event)
{
    // The audit log is admin-only over REST; the feed must not leak it.
    return event.type != QLatin1String("audit") || roleAllows(role, Permission::Audit);
}

void ApiServer::broadcast(const LiveEvent &event)
{
    if (m_liveClients.isEmpty())
        return;
    const QString wire = QString::fromUtf8(event.toWire());
    const QList<QWebSocket *> clients = m_liveClients;
    for (QWebSocket *socket : clients) {
        // A client that stopped reading gets dropped; it resumes or resyncs.
        if (socket->bytesToWrite() > 8 * 1024 * 1024) {
            socket->close(QWebSocketProtocol::CloseCodeTooMuchData, QStringLiteral("too slow"));
            continue;
        }
        if (mayReceive(m_liveRoles.value(socket, Role::Viewer), event))
            socket->sendTextMessage(wire);
    }
}

} // namespace Vigia

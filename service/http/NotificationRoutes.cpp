#include "NotificationRoutes.h"

#include "AuditTrail.h"
#include "DeliveryGateway.h"
#include "InputValidation.h"
#include "LiveJournal.h"
#include "Outbox.h"
#include "Paging.h"
#include "Router.h"
#include "StoreConnectionThread.h"
#include <QCryptographicHash>
#include <QJsonArray>
#include <QPointer>
#include <QUrlQuery>

namespace Vigia {

using namespace Api;

NotificationRoutes::NotificationRoutes(const ApiContext &context, AuditTrail *audit,
                                       QObject *parent)
    : QObject(parent), m_context(context), m_audit(audit)
{ }

void NotificationRoutes::addRoutes(Router &router)
{
    using B = Router::Body;
    const QString id = QStringLiteral("/v1/notifications/{id}");
    router.add(Method::Post, QStringLiteral("/v1/notifications"), Access::Ingest, B::Json,
               Router::async(this, &NotificationRoutes::createNotification),
               NotificationRequest::fieldNames());
    router.add(Method::Get, QStringLiteral("/v1/notifications"), Access::Read, B::None,
               Router::sync(this, &NotificationRoutes::listNotifications));
    router.add(Method::Post, QStringLiteral("/v1/notifications/retry-failed"), Access::Operate,
               B::Json, Router::sync(this, &NotificationRoutes::retryFailed));
    router.add(Method::Get, id, Access::Read, B::None,
               Router::sync(this, &NotificationRoutes::getNotification));
    router.add(Method::Post, id + QStringLiteral("/retry"), Access::Operate, B::Json,
               Router::sync(this, &NotificationRoutes::retryNotification));
    router.add(Method::Post, id + QStringLiteral("/claim"), Access::Resolve, B::Json,
               Router::sync(this, &NotificationRoutes::claimNotification),
               {QStringLiteral("minutes"), QStringLiteral("take_over")});
    router.add(Method::Delete, id + QStringLiteral("/claim"), Access::Resolve, B::None,
               Router::sync(this, &NotificationRoutes::releaseNotification));
    router.add(Method::Post, id + QStringLiteral("/resolve"), Access::Resolve, B::Json,
               Router::sync(this, &NotificationRoutes::resolveNotification),
               {QStringLiteral("method"), QStringLiteral("note")});
    router.add(Method::Get, QStringLiteral("/v1/queue/stats"), Access::Read, B::None,
               Router::sync(this, &NotificationRoutes::queueStats));
    router.add(Method::Post, QStringLiteral("/v1/queue/cleanup"), Access::Operate, B::Json,
               Router::sync(this, &NotificationRoutes::queueCleanup),
               {QStringLiteral("older_than_days")});
}

void NotificationRoutes::createNotification(const Call &call, const Respond &respond)
{
    std::optional<NotificationRequest::Error> error;
    const NotificationRequest request = NotificationRequest::parse(call.body, &error);
    if (error) {
        respond(jsonError(Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                          error->message, {{QStringLiteral("field"), error->field}}));
        return;
    }
    if (auto refusal =
                channelNotConfigured(m_context, request.channel, QStringLiteral("channel"))) {
        respond(*refusal);
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
    m_pendingCreates.append({EnqueueItem{request, key, hash, call.caller.id}, respond});
    m_flushPass.request();
}

void NotificationRoutes::flushCreates()
{
    if (m_intakeBusy || m_pendingCreates.isEmpty())
        return; // the batch on the intake thread asks again when it is back
    QList<PendingCreate> batch = std::exchange(m_pendingCreates, {});
    QList<EnqueueItem> items;
    items.reserve(batch.size());
    for (const PendingCreate &p : std::as_const(batch))
        items.append(p.item);
    Outbox *outbox = m_context.outbox;
    if (!m_context.intake) {
        QString storeError;
        const QList<EnqueueResult> results = outbox->enqueueMany(items, &storeError);
        answerCreates(batch, results, storeError);
        return;
    }
    m_intakeBusy = true;
    using Stored = std::pair<QList<EnqueueResult>, QString>;
    m_context.intake->run(
            [items, maxAttempts = outbox->maxAttempts(),
             now = outbox->clock()->now()](OutboxStore &store) {
                QString error;
                QList<EnqueueResult> results = store.enqueueMany(items, maxAttempts, now, &error);
                // Serialised there too: once, for the live feed and the answer.
                for (EnqueueResult &r : results) {
                    if (r.kind == EnqueueResult::Kind::Created)
                        r.wire = r.notification.toWire();
                }
                return Stored{std::move(results), std::move(error)};
            },
            [self = QPointer<NotificationRoutes>(this), outbox, batch](Stored stored) {
                // Published even when the routes are gone: the rows are stored.
                outbox->publishEnqueued(stored.first);
                if (!self)
                    return;
                self->m_intakeBusy = false;
                self->answerCreates(batch, stored.first, stored.second);
                if (!self->m_pendingCreates.isEmpty())
                    self->m_flushPass.request();
            });
}

void NotificationRoutes::answerCreates(const QList<PendingCreate> &batch,
                                       const QList<EnqueueResult> &results,
                                       const QString &storeError)
{
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const Respond &respond = batch.at(i).respond;
        if (results.size() != batch.size()) {
            respond(storageUnavailable(storeError));
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
            Reply r = jsonBytes(result.notification.toWire(), Status::Created);
            r.headers.append({QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")});
            respond(r);
            break;
        }
        case EnqueueResult::Kind::Created: {
            Reply r = jsonBytes(result.wire.isEmpty() ? result.notification.toWire() : result.wire,
                                Status::Created);
            r.headers.append(
                    {QByteArrayLiteral("Location"),
                     QStringLiteral("/v1/notifications/%1").arg(result.notification.id).toUtf8()});
            respond(r);
            break;
        }
        }
    }
}

Reply NotificationRoutes::listNotifications(const Call &call)
{
    const QUrlQuery query(call.request.url());
    NotificationFilter filter;
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (!state.isEmpty()) {
        // One state or several, comma-separated: "pending,sending" is what
        // waits (the status' waiting count).
        for (const QString &name : state.split(u',')) {
            const auto one = stateFromName(name.trimmed());
            if (!one) {
                return jsonError(Status::BadRequest, QStringLiteral("invalid_parameter"),
                                 QStringLiteral("state must be one or more (comma-separated) of "
                                                "pending, sending, delivered, failed, resolved"),
                                 {{QStringLiteral("field"), QStringLiteral("state")}});
            }
            if (!filter.states.contains(*one))
                filter.states << *one;
        }
    }
    filter.orderId = query.queryItemValue(QStringLiteral("order_id"), QUrl::FullyDecoded);
    filter.text = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
    if (filter.text.size() > 200)
        return jsonError(Status::BadRequest, QStringLiteral("invalid_parameter"),
                         QStringLiteral("q must be at most 200 characters"),
                         {{QStringLiteral("field"), QStringLiteral("q")}});
    if (query.hasQueryItem(QStringLiteral("sort"))) {
        const auto sort = NotificationSort::fromName(
                query.queryItemValue(QStringLiteral("sort"), QUrl::FullyDecoded));
        if (!sort)
            return jsonError(Status::BadRequest, QStringLiteral("invalid_parameter"),
                             QStringLiteral("sort must be one of %1, each optionally with - "
                                            "before it for descending order")
                                     .arg(NotificationSort::names().join(QStringLiteral(", "))),
                             {{QStringLiteral("field"), QStringLiteral("sort")}});
        filter.sort = *sort;
    }
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
    // The live sequence before the read: events after it may already be in
    // the page, and applying them again is harmless.
    const qint64 liveSeq = m_context.journal ? m_context.journal->currentSeq() : 0;
    const NotificationPage page = m_context.store->notifications(filter);
    if (page.cursorRejected)
        return invalidCursor();
    QJsonArray items;
    for (const Notification &n : page.items)
        items.append(n.toJson());
    return json({{QStringLiteral("items"), items},
                 {QStringLiteral("next_cursor"),
                  page.nextCursor.isEmpty() ? QJsonValue(QJsonValue::Null)
                                            : QJsonValue(page.nextCursor)},
                 {QStringLiteral("live_seq"), liveSeq},
                 {QStringLiteral("total"), page.total}});
}

Reply NotificationRoutes::getNotification(const Call &call)
{
    const auto n = m_context.store->notification(call.args.value(0), true);
    if (!n)
        return jsonError(Status::NotFound, QStringLiteral("not_found"),
                         QStringLiteral("no notification %1").arg(call.args.value(0)));
    return json(n->toJson());
}

namespace {
// What an audit entry about a notification says besides its id, so the log
// names the order and the customer rather than a UUID.
QJsonObject auditAbout(const std::optional<Notification> &n, QJsonObject detail = {})
{
    if (n) {
        if (!n->orderId.isEmpty())
            detail.insert(QStringLiteral("order_id"), n->orderId);
        if (!n->customerName.isEmpty())
            detail.insert(QStringLiteral("customer_name"), n->customerName);
    }
    return detail;
}
} // namespace

static Reply refusal(const QString &code, const QString &id)
{
    if (code == QLatin1String("not_found"))
        return jsonError(Status::NotFound, code, QStringLiteral("no notification %1").arg(id));
    if (code == QLatin1String("invalid_state"))
        return jsonError(
                Status::Conflict, code,
                QStringLiteral(
                        "notification %1 is not failed or pending, so there is nothing to do")
                        .arg(id));
    return storageUnavailable();
}

Reply NotificationRoutes::retryNotification(const Call &call)
{
    const QString id = call.args.value(0);
    QString error;
    const auto n = m_context.outbox->retry(id, call.caller.name, &error);
    m_audit->record(call.caller.name, AuditAction::Retry, id, n ? QStringLiteral("ok") : error,
                    auditAbout(n));
    if (!n)
        return refusal(error, id);
    return json(n->toJson(), Status::Accepted);
}

Reply NotificationRoutes::resolveNotification(const Call &call)
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
    QJsonObject detail{{QStringLiteral("method"), methodText}};
    if (!note.isEmpty())
        detail.insert(QStringLiteral("note"), note);
    m_audit->record(call.caller.name, AuditAction::Resolve, id, n ? QStringLiteral("ok") : error,
                    auditAbout(n, detail));
    if (!n)
        return refusal(error, id);
    return json(n->toJson());
}

namespace {
Reply claimRefusal(const QString &code, const QString &id, const std::optional<Notification> &n)
{
    if (code == QLatin1String("claimed") && n) {
        return jsonError(Status::Conflict, code,
                         QStringLiteral("%1 is handling notification %2 until %3")
                                 .arg(n->claimedBy, id, toRfc3339(n->claimedUntil)),
                         {{QStringLiteral("claimed_by"), n->claimedBy},
                          {QStringLiteral("claimed_until"), toRfc3339(n->claimedUntil)}});
    }
    if (code == QLatin1String("invalid_state"))
        return jsonError(Status::Conflict, code,
                         QStringLiteral("notification %1 is not failed: only a failure is "
                                        "handled by someone")
                                 .arg(id));
    if (code == QLatin1String("not_claimed"))
        return jsonError(Status::Conflict, code,
                         QStringLiteral("nobody is handling notification %1").arg(id));
    if (code == QLatin1String("not_found"))
        return jsonError(Status::NotFound, code, QStringLiteral("no notification %1").arg(id));
    return storageUnavailable();
}
} // namespace

Reply NotificationRoutes::claimNotification(const Call &call)
{
    const QString id = call.args.value(0);
    int minutes = 30;
    const QJsonValue minutesValue = call.body.value(QStringLiteral("minutes"));
    if (!minutesValue.isUndefined() && !minutesValue.isNull()) {
        if (!isWholeNumberIn(minutesValue, 1, 480))
            return fieldError(QStringLiteral("minutes"),
                              QStringLiteral("minutes must be a whole number from 1 to 480"));
        minutes = minutesValue.toInt();
    }
    const QJsonValue takeOverValue = call.body.value(QStringLiteral("take_over"));
    if (!takeOverValue.isUndefined() && !takeOverValue.isNull() && !takeOverValue.isBool())
        return fieldError(QStringLiteral("take_over"),
                          QStringLiteral("take_over must be true or false"));
    // Taking over someone else's claim is for admins (the one who took it is away).
    const bool takeOver = takeOverValue.toBool();
    if (takeOver && call.caller.role != Role::Admin)
        return jsonError(Status::Forbidden, QStringLiteral("forbidden"),
                         QStringLiteral("only an admin may take over another operator's claim"));
    QString error;
    const auto n = m_context.outbox->claim(id, call.caller.name, minutes, takeOver, &error);
    m_audit->record(call.caller.name, AuditAction::Claim, id,
                    error.isEmpty() ? QStringLiteral("ok") : error, auditAbout(n));
    if (!error.isEmpty())
        return claimRefusal(error, id, n);
    return json(n->toJson());
}

Reply NotificationRoutes::releaseNotification(const Call &call)
{
    const QString id = call.args.value(0);
    const auto current = m_context.store->notification(id, false);
    // Someone else's claim is theirs to release, or an admin's.
    const bool takeOver = call.caller.role == Role::Admin;
    QString error;
    const auto n = m_context.outbox->claim(id, call.caller.name, 0, takeOver, &error);
    m_audit->record(call.caller.name, AuditAction::Release, id,
                    error.isEmpty() ? QStringLiteral("ok") : error, auditAbout(current));
    if (!error.isEmpty())
        return claimRefusal(error, id, n);
    return json(n->toJson());
}

Reply NotificationRoutes::retryFailed(const Call &call)
{
    // The answer names at most this many: the count says how many there were.
    constexpr int kIdsInAnswer = 1000;
    const BulkRequeue requeued =
            m_context.outbox->retryAllFailed(call.caller.name, kIdsInAnswer + 1);
    QJsonArray ids;
    for (const QString &id : requeued.ids.mid(0, kIdsInAnswer))
        ids.append(id);
    m_audit->record(call.caller.name, AuditAction::RetryFailed, QString(), QStringLiteral("ok"),
                    {{QStringLiteral("count"), requeued.count}});
    return json({{QStringLiteral("requeued"), requeued.count},
                 {QStringLiteral("ids"), ids},
                 {QStringLiteral("ids_truncated"), requeued.ids.size() > kIdsInAnswer}},
                Status::Accepted);
}

Reply NotificationRoutes::queueStats(const Call &)
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

Reply NotificationRoutes::queueCleanup(const Call &call)
{
    const QJsonValue days = call.body.value(QStringLiteral("older_than_days"));
    if (!isWholeNumberIn(days, 1, 3650)) {
        return jsonError(Status::UnprocessableEntity, QStringLiteral("validation_failed"),
                         QStringLiteral("older_than_days must be a whole number from 1 to 3650"),
                         {{QStringLiteral("field"), QStringLiteral("older_than_days")}});
    }
    const int removed = m_context.outbox->cleanup(days.toInt());
    m_audit->record(call.caller.name, AuditAction::Cleanup, QString(),
                    removed >= 0 ? QStringLiteral("ok") : QStringLiteral("storage"),
                    {{QStringLiteral("older_than_days"), days.toInt()},
                     {QStringLiteral("removed"), removed}});
    if (removed < 0)
        return storageUnavailable();
    return json({{QStringLiteral("removed"), removed}});
}

} // namespace Vigia

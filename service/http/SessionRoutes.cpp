#include "SessionRoutes.h"

#include "InputValidation.h"
#include "LiveJournal.h"
#include "Paging.h"
#include "Router.h"
#include "SessionRegistry.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QUrlQuery>

Q_LOGGING_CATEGORY(lcSessionRoutes, "vigia.api.sessions", QtInfoMsg)

namespace Vigia {

using namespace Api;

namespace {
const QStringList kSessionFields = {QStringLiteral("user_id"),        QStringLiteral("username"),
                                    QStringLiteral("where"),          QStringLiteral("confirmed"),
                                    QStringLiteral("entry_notified"), QStringLiteral("data"),
                                    QStringLiteral("exit_notice")};
const QStringList kPresentFields = {QStringLiteral("key"), QStringLiteral("user_id"),
                                    QStringLiteral("username"), QStringLiteral("where")};
} // namespace

SessionRoutes::SessionRoutes(const ApiContext &context) : m_context(context) { }

void SessionRoutes::addRoutes(Router &router)
{
    using B = Router::Body;
    const QString one = QStringLiteral("/v1/sessions/{kind}/{key}");
    router.add(Method::Get, QStringLiteral("/v1/sessions"), Access::Read, B::None,
               Router::sync(this, &SessionRoutes::listSessions));
    router.add(Method::Post, QStringLiteral("/v1/sessions/{kind}/reconcile"), Access::Ingest,
               B::Json, Router::sync(this, &SessionRoutes::reconcileSessions),
               {QStringLiteral("present")}, m_context.maxReconcileBytes);
    router.add(Method::Get, one, Access::Read, B::None,
               Router::sync(this, &SessionRoutes::getSession));
    router.add(Method::Put, one, Access::Ingest, B::Json,
               Router::sync(this, &SessionRoutes::putSession), kSessionFields);
    router.add(Method::Patch, one, Access::Ingest, B::Json,
               Router::sync(this, &SessionRoutes::patchSession), kSessionFields);
    router.add(Method::Delete, one, Access::Ingest, B::None,
               Router::sync(this, &SessionRoutes::deleteSession));
}

namespace {
QJsonArray sessionsJson(const QList<Session> &list)
{
    QJsonArray out;
    for (const Session &s : list)
        out.append(s.toJson());
    return out;
}
} // namespace

Reply SessionRoutes::listSessions(const Call &call)
{
    const QString kind = QUrlQuery(call.request.url())
                                 .queryItemValue(QStringLiteral("kind"), QUrl::FullyDecoded);
    if (!kind.isEmpty()) {
        if (auto error = badKind(kind))
            return *error;
    }
    Reply error;
    const auto request = pageRequest(QUrlQuery(call.request.url()), &error);
    if (!request)
        return error;
    // The live sequence before the read: events after it may already be in the page,
    // and applying them again is harmless.
    const qint64 liveSeq = m_context.journal ? m_context.journal->currentSeq() : 0;
    const auto page = m_context.sessions->sessionsPage(kind, request->limit, request->cursor);
    if (!page)
        return invalidCursor();
    return pageReply(sessionsJson(page->items), page->nextCursor, liveSeq);
}

std::optional<Reply> SessionRoutes::sessionFromBody(const QJsonObject &body, Session *s) const
{
    // Who and where are what a session is; without them the console shows nobody nowhere.
    if (auto error = missingField(body, {QStringLiteral("user_id"), QStringLiteral("where")}))
        return error;
    std::optional<Reply> error;
    if (!optionalString(body, QStringLiteral("user_id"), 128, &s->userId, &error)
        || !optionalString(body, QStringLiteral("username"), 256, &s->username, &error)
        || !optionalString(body, QStringLiteral("where"), 256, &s->where, &error)
        || !optionalBool(body, QStringLiteral("confirmed"), &s->confirmed, &error)
        || !optionalBool(body, QStringLiteral("entry_notified"), &s->entryNotified, &error))
        return error;
    const QJsonValue data = body.value(QStringLiteral("data"));
    if (!data.isUndefined() && !data.isNull() && !data.isObject())
        return fieldError(QStringLiteral("data"), QStringLiteral("data must be a JSON object"));
    s->data = data.toObject();
    QString shapeField;
    const QString shapeError = s->shapeError(&shapeField);
    if (!shapeError.isEmpty())
        return fieldError(shapeField, shapeError);
    const QJsonValue notice = body.value(QStringLiteral("exit_notice"));
    if (!notice.isUndefined() && !notice.isNull()) {
        if (!notice.isObject())
            return fieldError(QStringLiteral("exit_notice"),
                              QStringLiteral("exit_notice must be {channel, recipient, text}"));
        if (auto unknown = unknownField(notice.toObject(), NotificationRequest::fieldNames(),
                                        QStringLiteral("exit_notice.")))
            return unknown;
        QString field;
        const QString message = m_context.sessions->validateNotice(notice.toObject(), &field);
        if (!message.isEmpty())
            return fieldError(field, message);
        const auto channel =
                channelFromName(notice.toObject().value(QStringLiteral("channel")).toString());
        if (auto refusal = channelNotConfigured(m_context, channel.value_or(Channel::WhatsApp),
                                                QStringLiteral("exit_notice.channel")))
            return refusal;
        s->exitNotice = notice.toObject();
    }
    return std::nullopt;
}

Reply SessionRoutes::store(const Session &session)
{
    bool created = false;
    const auto stored = m_context.sessions->upsert(session, &created);
    if (!stored)
        return storageUnavailable();
    return json(stored->toJson(), created ? Status::Created : Status::Ok);
}

namespace {
// A session's address from its path, /v1/sessions/{kind}/{key}, checked.
std::optional<Reply> sessionAddress(const Call &call, QString *kind, QString *key)
{
    *kind = call.args.value(0);
    *key = call.args.value(1);
    if (auto error = badKind(*kind))
        return error;
    return badKey(*key);
}
} // namespace

Reply SessionRoutes::putSession(const Call &call)
{
    Session s;
    if (auto error = sessionAddress(call, &s.kind, &s.key))
        return *error;
    if (auto error = sessionFromBody(call.body, &s))
        return *error;
    return store(s);
}

namespace {
// RFC 7396: an object merges member by member, null removes a member, any
// other value replaces what was there.
QJsonValue mergePatch(const QJsonValue &target, const QJsonValue &patch)
{
    if (!patch.isObject())
        return patch;
    QJsonObject merged = target.isObject() ? target.toObject() : QJsonObject();
    const QJsonObject changes = patch.toObject();
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            merged.remove(it.key());
        else
            merged.insert(it.key(), mergePatch(merged.value(it.key()), it.value()));
    }
    return merged;
}

// The stored session as the body a PUT would send, so a patch merges over it.
QJsonObject asPutBody(const Session &s)
{
    QJsonObject body{{QStringLiteral("user_id"), s.userId},
                     {QStringLiteral("username"), s.username},
                     {QStringLiteral("where"), s.where},
                     {QStringLiteral("confirmed"), s.confirmed},
                     {QStringLiteral("entry_notified"), s.entryNotified},
                     {QStringLiteral("data"), s.data}};
    if (!s.exitNotice.isEmpty())
        body.insert(QStringLiteral("exit_notice"), s.exitNotice);
    return body;
}
} // namespace

Reply SessionRoutes::patchSession(const Call &call)
{
    QString kind;
    QString key;
    if (auto error = sessionAddress(call, &kind, &key))
        return *error;
    // A move or a name change leaves the rest, the owed exit notice
    // included, as it was; a PUT would replace the whole session.
    const std::optional<Session> existing = m_context.sessions->session(kind, key);
    if (!existing)
        return jsonError(Status::NotFound, QStringLiteral("not_found"),
                         QStringLiteral("no active %1 session %2; PUT creates one").arg(kind, key));
    Session s;
    s.kind = kind;
    s.key = key;
    const QJsonObject merged = mergePatch(asPutBody(*existing), call.body).toObject();
    if (auto error = sessionFromBody(merged, &s))
        return *error;
    return store(s);
}

Reply SessionRoutes::getSession(const Call &call)
{
    QString kind;
    QString key;
    if (auto error = sessionAddress(call, &kind, &key))
        return *error;
    if (const std::optional<Session> s = m_context.sessions->session(kind, key))
        return json(s->toJson());
    return jsonError(Status::NotFound, QStringLiteral("not_found"),
                     QStringLiteral("no active %1 session %2").arg(kind, key));
}

Reply SessionRoutes::deleteSession(const Call &call)
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
    QString error;
    const auto ended = m_context.sessions->end(kind, key, notify == QLatin1String("true"), &error);
    if (!error.isEmpty()) {
        qCWarning(lcSessionRoutes).noquote()
                << QStringLiteral("ending session %1/%2 failed: %3").arg(kind, key, error);
        return storageUnavailable();
    }
    if (!ended.session)
        return jsonError(Status::NotFound, QStringLiteral("not_found"),
                         QStringLiteral("no active %1 session %2").arg(kind, key));
    return json(
            {{QStringLiteral("ended"), ended.session->toJson()},
             {QStringLiteral("exit_notification"),
              ended.notice ? QJsonValue(ended.notice->toJson()) : QJsonValue(QJsonValue::Null)}});
}

Reply SessionRoutes::reconcileSessions(const Call &call)
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
        if (auto unknown = unknownField(o, kPresentFields, QStringLiteral("present[%1].").arg(i)))
            return *unknown;
        const QString field = QStringLiteral("present[%1].key").arg(i);
        const QJsonValue key = o.value(QStringLiteral("key"));
        if (!key.isString() || key.toString().isEmpty() || key.toString().size() > 128)
            return fieldError(
                    field,
                    QStringLiteral("%1 must be a non-empty string of at most 128 characters")
                            .arg(field));
        // Who is present and where: a reconcile creates the session of
        // someone it does not know, and one without them could then be
        // changed by no PATCH (a session needs both).
        for (const QString &name : {QStringLiteral("user_id"), QStringLiteral("where")}) {
            const QJsonValue v = o.value(name);
            const QString path = QStringLiteral("present[%1].%2").arg(i).arg(name);
            if (!v.isString() || v.toString().trimmed().isEmpty())
                return fieldError(path,
                                  QStringLiteral("%1 is required, a non-empty string "
                                                 "(each entry: key, user_id, where, and "
                                                 "optionally username)")
                                          .arg(path));
        }
        if (o.contains(QStringLiteral("username"))
            && !o.value(QStringLiteral("username")).isString())
            return fieldError(QStringLiteral("present[%1].username").arg(i),
                              QStringLiteral("present[%1].username must be a string").arg(i));
        present.append({key.toString(), o.value(QStringLiteral("user_id")).toString(),
                        o.value(QStringLiteral("username")).toString(),
                        o.value(QStringLiteral("where")).toString()});
    }
    QString error;
    const ReconcileResult outcome = m_context.sessions->reconcile(kind, present, &error);
    if (!error.isEmpty()) {
        qCWarning(lcSessionRoutes).noquote()
                << QStringLiteral("reconcile of %1 failed: %2").arg(kind, error);
        return storageUnavailable();
    }
    QJsonArray moved;
    for (const auto &[before, after] : outcome.moved) {
        QJsonObject m = after.toJson();
        m.insert(QStringLiteral("from"), before.where);
        moved.append(m);
    }
    QJsonArray notices;
    for (const Notification &n : outcome.notices)
        notices.append(n.toJson());
    return json({{QStringLiteral("ended"), sessionsJson(outcome.ended)},
                 {QStringLiteral("created"), sessionsJson(outcome.created)},
                 {QStringLiteral("moved"), moved},
                 {QStringLiteral("exit_notifications"), notices}});
}

} // namespace Vigia

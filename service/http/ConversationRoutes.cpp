#include "ConversationRoutes.h"

#include "AuditTrail.h"
#include "InputValidation.h"
#include "LiveJournal.h"
#include "Paging.h"
#include "Router.h"
#include "SessionRegistry.h"
#include <QJsonArray>
#include <QUrlQuery>

namespace Vigia {

using namespace Api;

ConversationRoutes::ConversationRoutes(const ApiContext &context, AuditTrail *audit)
    : m_context(context), m_audit(audit)
{ }

void ConversationRoutes::addRoutes(Router &router)
{
    using B = Router::Body;
    const QString one = QStringLiteral("/v1/conversations/{user}/{flow}");
    router.add(Method::Get, QStringLiteral("/v1/conversations"), Access::Read, B::None,
               Router::sync(this, &ConversationRoutes::listConversations));
    router.add(Method::Delete, QStringLiteral("/v1/conversations"), Access::Operate, B::None,
               Router::sync(this, &ConversationRoutes::clearConversations));
    router.add(Method::Put, one, Access::Ingest, B::Json,
               Router::sync(this, &ConversationRoutes::putConversation),
               {QStringLiteral("step"), QStringLiteral("data"), QStringLiteral("ttl_seconds")});
    router.add(Method::Get, one, Access::Read, B::None,
               Router::sync(this, &ConversationRoutes::getConversation));
    router.add(Method::Delete, one, Access::Ingest, B::None,
               Router::sync(this, &ConversationRoutes::deleteConversation));
}

Reply ConversationRoutes::listConversations(const Call &call)
{
    Reply error;
    const auto request = pageRequest(QUrlQuery(call.request.url()), &error);
    if (!request)
        return error;
    const qint64 liveSeq = m_context.journal ? m_context.journal->currentSeq() : 0;
    const auto page = m_context.sessions->conversationsPage(request->limit, request->cursor);
    if (!page)
        return invalidCursor();
    QJsonArray items;
    for (const Conversation &c : page->items)
        items.append(c.toJson());
    return pageReply(items, page->nextCursor, liveSeq);
}

Reply ConversationRoutes::putConversation(const Call &call)
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
    // An expired conversation is gone: putting it again starts a new one.
    const bool existed = m_context.sessions->conversation(c.user, c.flow).has_value();
    const auto stored = m_context.sessions->putConversation(c);
    if (!stored)
        return storageUnavailable();
    return json(stored->toJson(), existed ? Status::Ok : Status::Created);
}

Reply ConversationRoutes::getConversation(const Call &call)
{
    const auto c = m_context.sessions->conversation(call.args.value(0), call.args.value(1));
    if (!c)
        return jsonError(Status::NotFound, QStringLiteral("not_found"),
                         QStringLiteral("no active conversation (it may have expired)"));
    return json(c->toJson());
}

Reply ConversationRoutes::deleteConversation(const Call &call)
{
    if (!m_context.sessions->deleteConversation(call.args.value(0), call.args.value(1)))
        return jsonError(Status::NotFound, QStringLiteral("not_found"),
                         QStringLiteral("no such conversation"));
    // A bot ending its own flow is routine; an operator clearing one is an action.
    if (call.caller.role != Role::Bot)
        m_audit->record(call.caller.name, AuditAction::ConversationClear,
                        call.args.value(0) + u'/' + call.args.value(1), QStringLiteral("ok"));
    return json({{QStringLiteral("ok"), true}});
}

Reply ConversationRoutes::clearConversations(const Call &call)
{
    const QString flow = QUrlQuery(call.request.url())
                                 .queryItemValue(QStringLiteral("flow"), QUrl::FullyDecoded);
    if (auto error = badName(QStringLiteral("flow"), flow, 64))
        return *error;
    const int cleared = m_context.sessions->clearFlow(flow);
    m_audit->record(call.caller.name, AuditAction::ConversationClearFlow, flow,
                    QStringLiteral("ok"), {{QStringLiteral("cleared"), cleared}});
    return json({{QStringLiteral("cleared"), cleared}});
}

} // namespace Vigia

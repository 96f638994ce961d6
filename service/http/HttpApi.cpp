#include "HttpApi.h"

#include <QLoggingCategory>
#include <QUrlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcApiErrors, "vigia.api.errors", QtInfoMsg)

namespace Vigia::Api {

Reply json(const QJsonObject &object, Status status)
{
    Reply r;
    r.status = status;
    r.body = QJsonDocument(object);
    return r;
}

Reply jsonBytes(const QByteArray &compactJson, Status status)
{
    Reply r;
    r.status = status;
    r.text = compactJson;
    r.contentType = QByteArrayLiteral("application/json");
    r.textIsData = true;
    return r;
}

Reply jsonError(Status status, const QString &code, const QString &message,
                const QJsonObject &extra)
{
    QJsonObject body = extra;
    body.insert(QStringLiteral("error"), code);
    body.insert(QStringLiteral("message"), message);
    return json(body, status);
}

Reply fieldError(const QString &field, const QString &message)
{
    return jsonError(Status::UnprocessableEntity, QStringLiteral("validation_failed"), message,
                     {{QStringLiteral("field"), field}});
}

Reply storageUnavailable(const QString &detail)
{
    const QString ref = QUuid::createUuid().toString(QUuid::Id128).left(12);
    if (!detail.isEmpty())
        qCWarning(lcApiErrors).noquote()
                << QStringLiteral("storage failure [%1]: %2").arg(ref, detail);
    Reply reply = jsonError(Status::ServiceUnavailable, QStringLiteral("storage_unavailable"),
                            QStringLiteral("the change could not be stored; nothing was changed "
                                           "(reference %1 in vigiad's log)")
                                    .arg(ref),
                            {{QStringLiteral("ref"), ref}});
    // Most such failures pass (a write lock held elsewhere, a full disk being
    // cleared): HTTP clients that honour Retry-After try again by themselves.
    reply.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
    return reply;
}

Permission permissionFor(Access access)
{
    switch (access) {
    case Access::Public:
    case Access::Read: return Permission::Read;
    case Access::Ingest: return Permission::Ingest;
    case Access::Resolve: return Permission::Resolve;
    case Access::Audit: return Permission::Audit;
    case Access::Operate: return Permission::Operate;
    }
    return Permission::Operate;
}

QString accessName(Access access)
{
    switch (access) {
    case Access::Public: return QStringLiteral("public");
    case Access::Read: return QStringLiteral("read");
    case Access::Ingest: return QStringLiteral("ingest");
    case Access::Resolve: return QStringLiteral("resolve");
    case Access::Operate: return QStringLiteral("operate");
    case Access::Audit: return QStringLiteral("audit");
    }
    return {};
}

QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
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

bool isWholeNumberIn(const QJsonValue &value, int min, int max)
{
    return value.isDouble() && value.toDouble() == double(value.toInt()) && value.toInt() >= min
            && value.toInt() <= max;
}

QString queryValue(const Call &call, const QString &name)
{
    return QUrlQuery(call.request.url()).queryItemValue(name, QUrl::FullyDecoded);
}

} // namespace Vigia::Api

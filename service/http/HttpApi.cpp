#include "HttpApi.h"

#include <QUrlQuery>

namespace Vigia::Api {

Reply json(const QJsonObject &object, Status status)
{
    Reply r;
    r.status = status;
    r.body = QJsonDocument(object);
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

Reply storageUnavailable()
{
    return jsonError(Status::ServiceUnavailable, QStringLiteral("storage_unavailable"),
                     QStringLiteral("the change could not be stored"));
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

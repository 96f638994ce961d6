#pragma once

#include "StoreTypes.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>

#include <functional>

// What every route handler speaks: a call in (with the authenticated
// caller and the parsed body), a reply out, and the one JSON error shape
// {"error": code, "message": sentence, ...} the contract promises.
namespace Vigia::Api {

using Status = QHttpServerResponder::StatusCode;
using Method = QHttpServerRequest::Method;

struct Reply
{
    Status status = Status::Ok;
    QJsonDocument body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray text; // a non-JSON body, such as Prometheus metrics
    QByteArray contentType; // of text
    bool textIsData = false; // text is JSON made from stored data (jsonBytes()), not a document
    // Set by the router when the caller may not see secrets: Discord
    // webhook URLs and tokens in the body are shortened when it is written.
    bool redactSecrets = false;
};

struct Call
{
    const QHttpServerRequest &request;
    QStringList args; // the route's captured path segments, percent-decoded
    ApiToken caller;
    QJsonObject body;
};

// Answers a request, possibly later, from a handler that waits for something.
using Respond = std::function<void(const Reply &)>;

// Who may call a route; the router checks it before any handler runs.
enum class Access { Public, Read, Ingest, Resolve, Operate, Audit };
// The permission a route's access needs (Public needs none: Read is returned).
Permission permissionFor(Access access);
// "public", "read", "ingest", "resolve", "operate", "audit" (x-vigia-access in docs/openapi.json).
QString accessName(Access access);

Reply json(const QJsonObject &object, Status status = Status::Ok);
// A JSON body serialised already (compact), sent as it is.
Reply jsonBytes(const QByteArray &compactJson, Status status = Status::Ok);
Reply jsonError(Status status, const QString &code, const QString &message,
                const QJsonObject &extra = {});
// 422 validation_failed naming the field.
Reply fieldError(const QString &field, const QString &message);
// 503: the store refused the change; nothing was changed. The store's own
// words (SQL, paths, schema) go to the log under a reference the answer
// carries, never to the client.
Reply storageUnavailable(const QString &detail = {});

QByteArray header(const QHttpServerRequest &request, const QByteArray &name);
QString methodName(Method method);
// A JSON number that is a whole number within [min, max].
bool isWholeNumberIn(const QJsonValue &value, int min, int max);
QString queryValue(const Call &call, const QString &name);

} // namespace Vigia::Api

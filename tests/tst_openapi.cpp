// docs/openapi.json against the running vigiad: every route the router
// serves is documented with its methods, roles and body fields, every
// documented route answers, and GET /v1/openapi.json serves the document.
#include "ApiServer.h"
#include "Router.h"
#include "ServiceFixture.h"
#include "TestSupport.h"
#include "VigiaService.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace Vigia;
using namespace Vigia::TestSupport;

namespace {

const Role kRoles[] = {Role::Viewer, Role::Support, Role::Admin, Role::Bot};

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList rolesFor(Api::Access access)
{
    QStringList out;
    if (access == Api::Access::Public)
        return out;
    for (Role role : kRoles) {
        if (roleAllows(role, Api::permissionFor(access)))
            out << roleName(role);
    }
    return sorted(out);
}

QStringList strings(const QJsonValue &value)
{
    QStringList out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue v : array)
        out << v.toString();
    return sorted(out);
}

// Every documented operation: "GET /v1/status" -> the operation object.
QMap<QString, QJsonObject> operations(const QJsonObject &doc)
{
    QMap<QString, QJsonObject> out;
    const QJsonObject paths = doc.value(QStringLiteral("paths")).toObject();
    for (auto p = paths.begin(); p != paths.end(); ++p) {
        const QJsonObject methods = p.value().toObject();
        for (auto m = methods.begin(); m != methods.end(); ++m)
            out.insert(m.key().toUpper() + u' ' + p.key(), m.value().toObject());
    }
    return out;
}

// "/v1/sessions/{kind}/{key}" with each parameter a plausible segment.
QString concrete(const QString &path)
{
    QString out = path;
    out.replace(QRegularExpression(QStringLiteral("\\{[a-z_]+\\}")), QStringLiteral("x"));
    return out;
}

} // namespace

class TstOpenApi final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServiceFixture> m_fixture;
    QJsonObject m_doc;

    QJsonObject resolve(QJsonObject schema) const
    {
        const QString ref = schema.value(QStringLiteral("$ref")).toString();
        if (ref.isEmpty())
            return schema;
        const QStringList parts = ref.mid(2).split(u'/');
        QJsonObject at = m_doc;
        for (const QString &part : parts)
            at = at.value(part).toObject();
        return at;
    }

private Q_SLOTS:
    void initTestCase()
    {
        enterTestMode();
        QFile file(QStringLiteral(VIGIA_SOURCE_DIR "/docs/openapi.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        m_doc = doc.object();
        QCOMPARE(m_doc.value(QStringLiteral("openapi")).toString(), QStringLiteral("3.1.0"));
    }

    void init()
    {
        m_fixture = std::make_unique<ServiceFixture>();
        QVERIFY(m_fixture->start());
    }

    void cleanup() { m_fixture.reset(); }

    void everyRouteIsDocumentedWithItsRoles()
    {
        const QMap<QString, QJsonObject> documented = operations(m_doc);
        const QList<Router::RouteInfo> routes =
                m_fixture->service()->apiServer()->router().routes();
        QVERIFY(routes.size() > 20);
        for (const Router::RouteInfo &route : routes) {
            const QString name = Api::methodName(route.method) + u' ' + route.path;
            QVERIFY2(documented.contains(name),
                     qPrintable(name + QStringLiteral(" is not in docs/openapi.json")));
            const QJsonObject op = documented.value(name);
            QCOMPARE(op.value(QStringLiteral("x-vigia-access")).toString(),
                     Api::accessName(route.access));
            QVERIFY2(strings(op.value(QStringLiteral("x-vigia-roles"))) == rolesFor(route.access),
                     qPrintable(name + QStringLiteral(": x-vigia-roles differ from the router's")));
            // Public routes say so; the others take the bearer scheme of the document.
            QCOMPARE(op.contains(QStringLiteral("security")), route.access == Api::Access::Public);
            QVERIFY2(op.value(QStringLiteral("responses")).toObject().size() > 0, qPrintable(name));
        }
    }

    void documentedBodiesAreTheAcceptedFields()
    {
        const QMap<QString, QJsonObject> documented = operations(m_doc);
        const QList<Router::RouteInfo> routes =
                m_fixture->service()->apiServer()->router().routes();
        for (const Router::RouteInfo &route : routes) {
            if (route.body != Router::Body::Json)
                continue;
            const QString name = Api::methodName(route.method) + u' ' + route.path;
            const QJsonObject schema = resolve(documented.value(name)
                                                       .value(QStringLiteral("requestBody"))
                                                       .toObject()
                                                       .value(QStringLiteral("content"))
                                                       .toObject()
                                                       .value(QStringLiteral("application/json"))
                                                       .toObject()
                                                       .value(QStringLiteral("schema"))
                                                       .toObject());
            QVERIFY2(!schema.isEmpty(),
                     qPrintable(name + QStringLiteral(" documents no request body")));
            QCOMPARE(schema.value(QStringLiteral("additionalProperties")).toBool(true), false);
            QVERIFY2(sorted(schema.value(QStringLiteral("properties")).toObject().keys())
                             == sorted(route.fields),
                     qPrintable(name
                                + QStringLiteral(
                                        ": documented fields differ from the accepted ones")));
        }
    }

    void everyDocumentedRouteAnswers()
    {
        // Without a token every non-public route answers 401 (so it exists:
        // no 404 or 405), and with a role the document leaves out, 403.
        const QMap<QString, QJsonObject> documented = operations(m_doc);
        QVERIFY(documented.size() > 20);
        Http &http = m_fixture->http();
        for (auto it = documented.begin(); it != documented.end(); ++it) {
            const QJsonObject &op = it.value();
            if (op.value(QStringLiteral("x-vigia-websocket")).toBool()
                || op.value(QStringLiteral("x-vigia-access")).toString() == QLatin1String("public"))
                continue;
            const QByteArray verb = it.key().section(u' ', 0, 0).toLatin1();
            const QString path = concrete(it.key().section(u' ', 1));
            const HttpReply anonymous = http.request(verb, path, QString());
            QVERIFY2(anonymous.status == 401,
                     qPrintable(it.key() + QStringLiteral(" answers ")
                                + QString::number(anonymous.status)));
            const QStringList allowed = strings(op.value(QStringLiteral("x-vigia-roles")));
            for (Role role : kRoles) {
                if (allowed.contains(roleName(role)))
                    continue;
                const HttpReply r = http.request(verb, path, m_fixture->token(role));
                QVERIFY2(r.status == 403,
                         qPrintable(it.key() + QStringLiteral(" for ") + roleName(role)
                                    + QStringLiteral(" answers ") + QString::number(r.status)));
            }
        }
    }

    void publicRoutesNeedNoToken()
    {
        Http &http = m_fixture->http();
        QCOMPARE(http.get(QStringLiteral("/healthz"), QString()).status, 200);
        // The webhook is public but signed: no 401 unauthorized, a 401 invalid_signature.
        const HttpReply hook = http.request("POST", QStringLiteral("/v1/gateway/waha/webhook"),
                                            QString(), QByteArrayLiteral("{}"));
        QCOMPARE(hook.json.value(QStringLiteral("error")).toString(),
                 QStringLiteral("invalid_signature"));
    }

    void servesTheDocument()
    {
        const HttpReply r = m_fixture->http().get(QStringLiteral("/v1/openapi.json"), QString());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("Content-Type"), QByteArrayLiteral("application/json"));
        QCOMPARE(QJsonDocument::fromJson(r.body).object(), m_doc);
    }

    void liveFeedIsTheDocumentedWebSocket()
    {
        const QJsonObject live = operations(m_doc).value(QStringLiteral("GET /v1/live"));
        QVERIFY(live.value(QStringLiteral("x-vigia-websocket")).toBool());
        QUrl url = m_fixture->service()->baseUrl();
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/v1/live"));
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + m_fixture->token(Role::Viewer).toUtf8());
        QWebSocket socket;
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(request);
        QVERIFY(connected.wait(10000));
        socket.close();
    }
};

QTEST_GUILESS_MAIN(TstOpenApi)
#include "tst_openapi.moc"

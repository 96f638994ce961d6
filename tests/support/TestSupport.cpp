#include "TestSupport.h"

#include "ApiTokens.h"
#include "Store.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

namespace Vigia::TestSupport {

// SQLite's plan for a query, one line per step ("SEARCH … USING INDEX …").
QString queryPlan(const QString &path, const QString &sql)
{
    const QString name =
            QStringLiteral("tst-plan-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QStringList steps;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + sql);
            for (qsizetype i = 0; i < sql.count(u'?'); ++i)
                q.addBindValue(0);
            if (q.exec()) {
                while (q.next())
                    steps << q.value(3).toString();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return steps.join(u'\n');
}

WriteLockHolder::WriteLockHolder(const QString &path)
    : m_name(QStringLiteral("tst-lock-holder-")
             + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
    db.setDatabaseName(path);
    QSqlQuery begin(db);
    m_holding = db.open() && begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
    if (!m_holding)
        m_error = db.lastError().text() + begin.lastError().text();
}

WriteLockHolder::~WriteLockHolder()
{
    release();
    QSqlDatabase::removeDatabase(m_name);
}

bool WriteLockHolder::release()
{
    if (!m_holding)
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_name, false);
    m_holding = !QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
    db.close();
    return !m_holding;
}

ServiceConfig testConfig(const QTemporaryDir &dir, const QUrl &wahaUrl)
{
    ServiceConfig c;
    c.listenAddress = QHostAddress::LocalHost;
    c.listenPort = 0;
    c.sqlitePath = dir.filePath(QStringLiteral("vigia.db"));
    c.wahaUrl = wahaUrl;
    // vigiad refuses to serve unsigned webhooks unless told; tests that sign
    // webhooks set their own key.
    c.wahaWebhookHmacKey = QStringLiteral("fixture-webhook-key");
    c.discordAllowedHosts = {QStringLiteral("127.0.0.1")};
    c.telegramApiUrl = wahaUrl;
    c.delivery.attemptTimeoutMs = 2000;
    c.delivery.backoffInitialMs = 20;
    c.delivery.backoffMaxMs = 100;
    c.delivery.pollIntervalMs = 20;
    c.delivery.heldTrialIntervalMs = 50;
    c.probeIntervalMs = 100;
    c.probeTimeoutMs = 500;
    return c;
}

QString addToken(Store *store, Role role, const QString &name)
{
    const QString secret = ApiTokens::generateSecret();
    QString error;
    const auto token = store->addToken(name, role, ApiTokens::hashSecret(secret),
                                       QDateTime::currentDateTimeUtc(), &error);
    if (!token)
        qFatal("cannot add token: %s", qPrintable(error));
    return secret;
}

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpReply Http::request(const QByteArray &verb, const QString &path, const QString &token,
                        const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QUrl url = m_base;
    const qsizetype q = path.indexOf(u'?');
    // As written on the wire: "%2F" stays an escape, not a literal percent sign.
    url.setPath(q < 0 ? path : path.left(q), QUrl::TolerantMode);
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest request(url);
    request.setTransferTimeout(15000);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(20000);
    HttpReply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.json = QJsonDocument::fromJson(r.body).object();
    r.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return r;
}

HttpReply Http::post(const QString &path, const QString &token, const QJsonObject &body,
                     const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return request("POST", path, token, QJsonDocument(body).toJson(QJsonDocument::Compact),
                   headers);
}

QJsonObject whatsappBody(const QString &orderId, const QString &phone)
{
    return {{QStringLiteral("channel"), QStringLiteral("whatsapp")},
            {QStringLiteral("recipient"), phone},
            {QStringLiteral("text"), QStringLiteral("Your order %1 was received").arg(orderId)},
            {QStringLiteral("type"), QStringLiteral("ORDER_RECEIVED")},
            {QStringLiteral("order_id"), orderId},
            {QStringLiteral("customer_name"), QStringLiteral("Ana Pérez")}};
}

} // namespace Vigia::TestSupport

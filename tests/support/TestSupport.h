#pragma once

#include "Role.h"
#include "ServiceConfig.h"
#include "TestMode.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QUrl>

namespace Vigia {

class Store;

namespace TestSupport {

// A config that listens on a free loopback port, stores in dir and sends
// WhatsApp through wahaUrl, with short delays so tests run fast.
ServiceConfig testConfig(const QTemporaryDir &dir, const QUrl &wahaUrl);

// Creates a token in the store and returns its secret.
QString addToken(Store *store, Role role, const QString &name);

struct HttpReply
{
    int status = 0;
    QJsonObject json;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray header(const QByteArray &name) const;
};

// A blocking HTTP call for tests, waiting with QSignalSpy (no sleeps).
class Http
{
public:
    explicit Http(const QUrl &base) : m_base(base) { }
    HttpReply request(const QByteArray &verb, const QString &path, const QString &token,
                      const QByteArray &body = {},
                      const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpReply get(const QString &path, const QString &token) { return request("GET", path, token); }
    HttpReply post(const QString &path, const QString &token, const QJsonObject &body,
                   const QList<QPair<QByteArray, QByteArray>> &headers = {});

private:
    QUrl m_base;
    QNetworkAccessManager m_network;
};

// SQLite's plan for `sql` (its ? bound to 0) on a separate connection to
// the file at path, one line per step ("SEARCH … USING INDEX …").
QString queryPlan(const QString &path, const QString &sql);

// Another process's write transaction on an SQLite file (a backup tool, an
// sqlite3 shell left open): holds the write lock from construction until
// release() or destruction. holding() says whether it got it.
class WriteLockHolder final
{
public:
    explicit WriteLockHolder(const QString &path);
    ~WriteLockHolder();
    Q_DISABLE_COPY_MOVE(WriteLockHolder)

    bool holding() const { return m_holding; }
    QString error() const { return m_error; }
    bool release();

private:
    QString m_name;
    bool m_holding = false;
    QString m_error;
};

// A valid WhatsApp notification body.
QJsonObject whatsappBody(const QString &orderId,
                         const QString &phone = QStringLiteral("+58 424-1234567"));

} // namespace TestSupport
} // namespace Vigia

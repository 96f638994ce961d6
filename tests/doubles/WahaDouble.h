#pragma once

#include "GatewayDouble.h"

#include <QByteArray>
#include <QString>

namespace Vigia {

// WAHA (WhatsApp HTTP API), single-session flavour:
//   POST /api/sendText                  send (body {session, chatId, text})
//   GET  /api/sessions/<name>           session status probe
//   POST /api/sessions/<name>/restart   restart the session
//   GET  /ping                          liveness probe, no API key needed
//
// sendText checks, after the shared Hang/ServerError/RateLimit modes: the
// X-Api-Key header (401), the body (400), then the session: Reject, a session
// other than sessionName(), or a status other than WORKING all give the 422
// WAHA sends when the session is not ready.
class WahaDouble final : public GatewayDouble
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WahaDouble)

public:
    explicit WahaDouble(QObject *parent = nullptr);
    ~WahaDouble() override;

    // Empty means the API is open, as WAHA is without WHATSAPP_API_KEY.
    void setApiKey(const QByteArray &apiKey);
    QByteArray apiKey() const { return m_apiKey; }
    void setSessionName(const QString &name);
    QString sessionName() const { return m_sessionName; }
    // STOPPED, STARTING, SCAN_QR_CODE, WORKING or FAILED.
    void setSessionStatus(const QString &status);
    QString sessionStatus() const { return m_sessionStatus; }
    // The status a restart leaves behind (the restart answer itself always
    // says STARTING); WORKING by default, FAILED for a restart that fails.
    void setStatusAfterRestart(const QString &status);
    QString statusAfterRestart() const { return m_statusAfterRestart; }

    // Numbers WhatsApp does not know: sends to them get a permanent 400.
    void addUnregisteredNumber(const QString &chatId) { m_unregistered.append(chatId); }

    // Requests to each endpoint, whatever the answer, like requestCount().
    int statusRequestCount() const { return m_statusRequestCount; }
    int restartCount() const { return m_restartCount; }

    // The X-Webhook-Hmac header WAHA puts on webhook calls (HMAC-SHA512,
    // lowercase hex), for tests that play WAHA calling us.
    static QByteArray hmacSha512Hex(const QByteArray &key, const QByteArray &body);

Q_SIGNALS:
    void restartRequested();
    void statusRequested();

protected:
    Reply serverErrorReply() const override;
    QJsonObject notFoundBody(const QHttpServerRequest &request) const override;

private:
    QStringList m_unregistered;
    Reply answerSend(Mode mode, const QHttpServerRequest &request, const QJsonObject &body) const;
    void handleStatus(const QString &name, const QHttpServerRequest &request,
                      QHttpServerResponder &&responder);
    void handleRestart(const QString &name, const QHttpServerRequest &request,
                       QHttpServerResponder &&responder);
    bool authorized(const QHttpServerRequest &request) const;
    Reply sessionNotFoundReply(const QString &name) const;

    QByteArray m_apiKey;
    QString m_sessionName;
    QString m_sessionStatus;
    QString m_statusAfterRestart;
    int m_statusRequestCount = 0;
    int m_restartCount = 0;
};

} // namespace Vigia

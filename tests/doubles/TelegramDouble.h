#pragma once

#include "GatewayDouble.h"

#include <QString>
#include <QUrl>

namespace Vigia {

// The Telegram Bot API:
//   POST /bot<token>/sendMessage   send (JSON body {chat_id, text})
//   GET  /bot<token>/getMe         bot identity probe
//
// sendMessage checks, after the shared Hang/ServerError/RateLimit modes: the
// token (401), chat_id and text (400), then Reject (403, the user blocked the
// bot). Only JSON bodies are understood, not form-encoded ones.
class TelegramDouble final : public GatewayDouble
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TelegramDouble)

public:
    static constexpr int MaxTextLength = 4096;

    explicit TelegramDouble(QObject *parent = nullptr);
    ~TelegramDouble() override;

    void setBotToken(const QString &token);
    QString botToken() const { return m_botToken; }
    // http://127.0.0.1:<port>/bot<token>/sendMessage
    QUrl sendMessageUrl() const;

    void setRetryAfterSeconds(int seconds);
    int retryAfterSeconds() const { return m_retryAfterSeconds; }

    int getMeCount() const { return m_getMeCount; }

protected:
    Reply serverErrorReply() const override;
    QJsonObject notFoundBody(const QHttpServerRequest &request) const override;

private:
    Reply answerSend(Mode mode, const QString &token, const QJsonObject &body);
    QJsonObject botUser() const;
    static Reply failure(QHttpServerResponder::StatusCode status, const QString &description);

    QString m_botToken;
    int m_retryAfterSeconds = 1;
    int m_getMeCount = 0;
    int m_nextMessageId = 1;
};

} // namespace Vigia

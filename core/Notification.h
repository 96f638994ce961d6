#pragma once

#include "TimeCodec.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Vigia {

enum class Channel { WhatsApp, Discord, Telegram };
enum class NotificationState { Pending, Sending, Delivered, Failed, Resolved };
enum class ResolutionMethod { Retry, PhoneCall, Sms, Email, Other };

QString channelName(Channel channel);
std::optional<Channel> channelFromName(const QString &name);
QString stateName(NotificationState state);
std::optional<NotificationState> stateFromName(const QString &name);
// The outbox's rules, in one place for every store: an operator may send
// again, or record that the customer was reached another way, only while
// the notification has not gone out (failed, or still waiting).
bool mayRetry(NotificationState state);
bool mayResolve(NotificationState state);
// A Discord webhook URL is a password: it travels over https only, except to
// a loopback host (127.0.0.1, localhost, ::1) where local doubles listen.
bool isSecureWebhookUrl(const QUrl &url);

QString resolutionMethodName(ResolutionMethod method);
std::optional<ResolutionMethod> resolutionMethodFromName(const QString &name);

struct Resolution
{
    ResolutionMethod method = ResolutionMethod::Other;
    QString by;
    QString note;
    QDateTime at;
};

struct DeliveryAttempt
{
    int number = 0;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString outcome; // delivered | retryable | permanent
    int httpStatus = 0;
    QString detail;
};

struct Notification
{
    QString id;
    QString idempotencyKey;
    Channel channel = Channel::WhatsApp;
    QString recipient;
    QString customerName;
    QString orderId;
    QString type;
    QString text;
    NotificationState state = NotificationState::Pending;
    int attempts = 0;
    int maxAttempts = 4;
    QDateTime nextAttemptAt;
    QString lastError;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime deliveredAt;
    std::optional<Resolution> resolution;
    // "I'm handling this": an operator took the failure until then, so two
    // people do not call the same customer. Void once `claimedUntil` passes;
    // cleared when the notification leaves the failed state.
    QString claimedBy;
    QDateTime claimedUntil;
    QList<DeliveryAttempt> history; // filled only when one notification is read in full

    // Whether someone holds the claim at `now`.
    bool isClaimedAt(const QDateTime &now) const
    {
        return !claimedBy.isEmpty() && claimedUntil.isValid() && claimedUntil > now;
    }

    QJsonObject toJson() const;
    // toJson() serialised compact, the same bytes, written directly: what
    // the live feed and the answers send, three times per notification.
    QByteArray toWire() const;
    static std::optional<Notification> fromJson(const QJsonObject &json);
};

// What a producer hands in; validated before anything is stored.
struct NotificationRequest
{
    // The longest text accepted, in UTF-16 code units (QString::size()).
    static constexpr qsizetype kMaxTextLength = 4096;
    // The longest a channel takes (Discord: 2000), never above kMaxTextLength.
    static qsizetype maxTextLength(Channel channel);
    // The fields a request may carry; parse() reads these and no others.
    static QStringList fieldNames();

    Channel channel = Channel::WhatsApp;
    QString recipient;
    QString customerName;
    QString orderId;
    QString type;
    QString text;

    struct Error
    {
        QString field;
        QString message;
    };
    // Returns the request or the first field that is wrong.
    static NotificationRequest parse(const QJsonObject &json, std::optional<Error> *error);
};

} // namespace Vigia

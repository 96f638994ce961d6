#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace Vigia {

enum class StatusState { Unknown, Online, Degraded, Incommunicado, Critical, Offline };

QString statusStateName(StatusState state);
std::optional<StatusState> statusStateFromName(const QString &name);
// Higher is worse; the console raises a desktop alert when severity grows.
int statusSeverity(StatusState state);

struct SignalDetail
{
    bool failing = false;
    bool known = false;
    int consecutiveFailures = 0;
    QDateTime lastSuccess;
    QDateTime lastFailure;
    QString lastError;

    QJsonObject toJson() const;
    static SignalDetail fromJson(const QJsonObject &json);
};

struct CommunicationStatus
{
    StatusState state = StatusState::Unknown;
    QString reason; // an English sentence, for logs and API users
    QString reasonCode; // stable id of the rule that decided the state, for translation
    QJsonObject reasonArgs; // what that rule's sentence needs (counts, who was reached)
    double confidence = 0.0;
    QDateTime since;
    QDateTime lastCommunication;
    int affectedOrders = 0;
    SignalDetail healthcheck;
    SignalDetail deliveries;
    SignalDetail bot;

    QJsonObject toJson() const;
    static CommunicationStatus fromJson(const QJsonObject &json);
};

} // namespace Vigia

#pragma once

#include "WireContract.h"

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
// Incommunicado and critical: the gateway is known down, deliveries are held
// instead of burned, and what waits counts as affected.
bool holdsDeliveries(StatusState state);

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

// Whether WAHA's message.ack webhooks reach vigiad. Only then does a
// missing ack mean a lost message; otherwise WAHA's 201 is the best proof.
struct AckFlow
{
    bool wired = false; // an ack arrived within windowS
    QDateTime lastAck;
    int windowS = 0;
    int unconfirmed = 0; // WhatsApp messages taken as sent without an ack since start

    bool operator==(const AckFlow &other) const = default;
    QJsonObject toJson() const;
    static AckFlow fromJson(const QJsonObject &json);
};

// What is not delivered yet, counted so that every number the console shows
// matches a list an operator can open.
struct OutboxCounts
{
    // Distinct order ids with an undelivered notification that failed (not
    // resolved), or that is waiting past its first attempt while the state is
    // incommunicado or critical (held by the outage).
    int affectedOrders = 0;
    // Notifications counted the same way that carry no order id: counted as
    // notifications, never folded into the orders.
    int affectedWithoutOrder = 0;
    // Failed and not resolved (the Failed list).
    int failed = 0;
    // Failed for their recipient (an invalid number, a blocked bot): the
    // gateway works, the message cannot reach that person.
    int failedForRecipient = 0;
    // Pending or sending (the Waiting list), and since when the oldest waits.
    int waiting = 0;
    QDateTime oldestWaitingSince;
    // Whether deliveries are held back by an outage (one trial at a time),
    // and on which channels ("whatsapp", ...): the others keep their pace.
    bool held = false;
    QStringList heldChannels;

    bool operator==(const OutboxCounts &other) const = default;
};

struct CommunicationStatus
{
    StatusState state = StatusState::Unknown;
    QString reason; // an English sentence, for logs and API users
    // The rule that decided the state, for translation; empty when a newer
    // vigiad sent a code this build does not know (reason then stands alone).
    std::optional<StatusReason> reasonCode;
    QJsonObject reasonArgs; // what that rule's sentence needs (counts, who was reached)
    double confidence = 0.0;
    QDateTime since;
    QDateTime lastCommunication;
    OutboxCounts counts;
    // Restored from the store at start-up and not confirmed by a fresh
    // signal yet ("since restart, re-checking").
    bool restored = false;
    SignalDetail healthcheck;
    SignalDetail deliveries;
    SignalDetail bot;
    // vigiad's own store: failing while a write it must make (an attempt's
    // outcome) cannot be made; it is retried until it can.
    SignalDetail store;
    AckFlow whatsappAcks;
    // Whether vigiad has a WhatsApp gateway at all: false with [waha]
    // enabled = false, where nothing probes it (the health check stays
    // unknown for good and "check now" has nothing to check).
    bool whatsappEnabled = true;
    // `vigiad --demo`: a simulated bot and gateway on a temporary store. The
    // console marks it everywhere so a demo is never taken for production.
    bool demo = false;

    QJsonObject toJson() const;
    static CommunicationStatus fromJson(const QJsonObject &json);
};

} // namespace Vigia

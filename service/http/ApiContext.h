#pragma once

#include "CommunicationStatus.h"
#include "HttpLimits.h"
#include "LiveFeedLimits.h"
#include "Notification.h"
#include "Store.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace Vigia {

class AuditTrail;
class DiscordWebhookGateway;
class HealthProber;
class HistoryRecorder;
class LiveJournal;
class OperatorActions;
class Outbox;
class SessionRegistry;
class StatusTracker;
class StoreConnectionThread;

// What the HTTP layer reaches into; VigiaService fills it in.
struct ApiContext
{
    Store *store = nullptr;
    Outbox *outbox = nullptr;
    // Where the producers' enqueues are written (a second connection on a
    // thread of its own); null: on this thread, through `outbox`.
    StoreConnectionThread *intake = nullptr;
    LiveJournal *journal = nullptr;
    StatusTracker *status = nullptr;
    const DiscordWebhookGateway *discord = nullptr;
    HealthProber *prober = nullptr;
    OperatorActions *actions = nullptr;
    SessionRegistry *sessions = nullptr;
    HistoryRecorder *history = nullptr;
    // The channels with a gateway configured; a notification for another
    // answers 422 channel_not_configured instead of failing later.
    QList<Channel> channels = {Channel::WhatsApp, Channel::Discord, Channel::Telegram};
    // [waha] enabled = false: the WAHA webhook answers 404 whatsapp_disabled.
    bool whatsappEnabled = true;
    QByteArray wahaHmacKey; // empty: webhooks are not signed (loopback only)
    QString wahaSession;
    qint64 webhookMaxSkewMs = 300000; // an event's timestamp vs our clock
    int maxBodyBytes = 64 * 1024;
    int maxReconcileBytes = 8 * 1024 * 1024; // a snapshot of 10,000+ people
    HttpLimits httpLimits;
    LiveFeedLimits liveLimits;
    // Several instances on one PostgreSQL store: this one's name and whether
    // it leads. A follower evaluates no status: it answers the leader's, as
    // last saved in the store. Empty and unset: the only instance (SQLite).
    QString instanceId;
    std::function<bool()> leads;

    bool isLeader() const { return !leads || leads(); }
    CommunicationStatus currentStatus() const;
};

} // namespace Vigia

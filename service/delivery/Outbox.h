#pragma once

#include "Clock.h"
#include "OutboxStore.h"

#include <QObject>
#include <QSet>

namespace Vigia {

class LiveJournal;

// The one door to the outbox: every change goes through here, so every
// change is stored, logged once and published to the live feed.
class Outbox final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Outbox)

public:
    Outbox(OutboxStore *store, LiveJournal *journal, const Clock *clock, int maxAttempts,
           QObject *parent = nullptr);

    OutboxStore *store() const { return m_store; }
    const Clock *clock() const { return m_clock; }
    int maxAttempts() const { return m_maxAttempts; }

    // One durable transaction for all of them; empty when nothing was stored.
    QList<EnqueueResult> enqueueMany(const QList<EnqueueItem> &items, QString *error);
    // The same transaction on another connection (the intake thread's),
    // published here as if made here: logged, announced and signalled. Fills
    // in each created one's wire form, for the producer's answer.
    void publishEnqueued(QList<EnqueueResult> &results);
    std::optional<EnqueueResult> enqueue(const NotificationRequest &request, const QString &key,
                                         const QByteArray &requestHash, QString *error);
    QList<Notification> claimDue(int limit, const QList<Channel> &channels = {});
    std::optional<Notification> completeAttempt(const Notification &claimed,
                                                const AttemptRecord &record);
    // One transaction for all of them; nullopt for those no longer sending.
    // When the store cannot write them, nothing is written, *error says why
    // and the caller keeps them to try again.
    QList<std::optional<Notification>>
    completeAttempts(const QList<std::pair<Notification, AttemptRecord>> &attempts, QString *error);
    // The same two changes made on another connection (DeliveryStoreThread),
    // published here as if made here: logged, announced and signalled.
    void publishClaimed(const QList<Notification> &claimed);
    // `updated` as completeAttempts() returned it; `error` empty when written.
    void publishAttempts(const QList<std::pair<Notification, AttemptRecord>> &attempts,
                         const QList<std::optional<Notification>> &updated, const QString &error);
    int recoverInterrupted();
    // Several instances on one store: sends whose instance died (its lease
    // lapsed), put back or failed, and announced like a restart's.
    int recoverLapsed();
    std::optional<Notification> retry(const QString &id, const QString &by, QString *error);
    // One statement and one live event ("notification.bulk_retry") for all
    // of them, however many: consoles reload their lists on it, and each
    // notification is announced again as the dispatcher sends it.
    BulkRequeue retryAllFailed(const QString &by, int sampleIds);
    std::optional<Notification> resolve(const QString &id, const Resolution &resolution,
                                        QString *error);
    // "I'm handling this" for `minutes` (0 releases); see OutboxStore::setClaim.
    std::optional<Notification> claim(const QString &id, const QString &by, int minutes,
                                      bool takeOver, QString *error);
    int cleanup(int olderThanDays);
    // WAHA message.ack: ack >= 1 proves delivery, -1 means WhatsApp failed it.
    std::optional<Notification> applyAck(const QString &providerMessageId, int ack);
    std::optional<Notification> retryUnacknowledged(const QString &id);
    std::optional<Notification> failUnacknowledged(const QString &id, const QString &error);
    // Acks are not wired: the deadline passed, WAHA's 201 stands as the proof.
    bool acceptUnacknowledged(const QString &id);
    QList<Notification> requeueForRecovery(const QStringList &ids, int spacingMs);
    // OutboxStore::spacePending from now; announced as one bulk change.
    int spacePending(const QSet<Channel> &channels, int spacingMs);
    // Notifications another aggregate's transaction queued (a session's exit
    // notice): logged, published and sent like any other.
    void adopt(const QList<Notification> &queued);

Q_SIGNALS:
    void changed(const Vigia::Notification &notification);
    void enqueued();
    // Many notifications changed at once, announced as one event.
    void changedInBulk();
    // For the history: a notification accepted (from a producer or queued by
    // a session), an attempt's outcome stored, a failure closed by an operator.
    void accepted(const Vigia::Notification &notification);
    void attemptStored(const Vigia::Notification &after);
    void resolvedByOperator(const Vigia::Notification &notification);
    // New notifications from a producer, emitted outside any transaction and
    // before the producer's answer asks for its flush.
    void created();
    // A message.ack webhook matched one of our messages.
    void ackReceived(const QDateTime &at);

private:
    // `wire` is n.toWire() when the caller has it already.
    void announce(const Notification &n, const QString &why, const QByteArray &wire = {});

    OutboxStore *m_store;
    LiveJournal *m_journal;
    const Clock *m_clock;
    int m_maxAttempts;
};

} // namespace Vigia

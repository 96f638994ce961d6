#pragma once

#include "ApiClient.h"
#include "AuditEntry.h"
#include "Clock.h"
#include "CommunicationStatus.h"
#include "History.h"
#include "HistoryModel.h"
#include "Incident.h"
#include "LiveFeedClient.h"
#include "LocalSnapshot.h"
#include "Notification.h"
#include "Role.h"
#include "Session.h"
#include "SnapshotLoad.h"

#include <QHash>
#include <QObject>
#include <QSet>

class QThreadPool;
class QTimer;

#include <functional>
#include <memory>

namespace Vigia {

class AuditModel;
class ConversationModel;
class IncidentModel;
class NotificationModel;
class NotificationPager;
class SessionModel;
class SnapshotRestore;

// The console's state: the connection to vigiad, the live feed, the models
// it feeds and the operator's actions. Knows nothing about widgets.
class ConsoleController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleController)

public:
    // The link to vigiad, as the window shows it.
    enum class Link {
        NotConnected, // no server yet, the operator cancelled, or the token was refused
        Connecting,
        Live,
        Lost, // was asked to connect; vigiad does not answer, the feed retries
    };
    Q_ENUM(Link)

    // How vigiad answered an action the console kept (pendingActionSettled).
    enum class ActionOutcome {
        Done,
        AlreadyResolved, // someone else resolved it first; this one was not applied
        Refused,
    };
    Q_ENUM(ActionOutcome)

    // The local snapshot is written at most this often while live (and when
    // the controller goes).
    static constexpr int kSaveIntervalMs = 5000;
    // At start, the local snapshot's first rows of each list are painted at
    // once; the rest is read on a worker (SnapshotRestore) and inserted this
    // many at a time, between events, until vigiad answers (its own rows
    // follow).
    static constexpr int kRestoreFirstRows = 500;
    static constexpr int kRestoreChunkRows = 250;

    explicit ConsoleController(const Clock *clock, QObject *parent = nullptr);
    ~ConsoleController() override;

    NotificationModel *failedModel() const { return m_failedModel; }
    // Pending and sending: the Waiting tab.
    NotificationModel *waitingModel() const { return m_waitingModel; }
    IncidentModel *incidentModel() const { return m_incidentModel; }
    AuditModel *auditModel() const { return m_auditModel; }
    SessionModel *sessionModel() const { return m_sessionModel; }
    ConversationModel *conversationModel() const { return m_conversationModel; }
    // The Charts tab: vigiad's history over historyRange().
    HistoryModel *historyModel() const { return m_historyModel; }
    HistoryModel::Range historyRange() const { return m_historyRange; }
    ApiClient *api() const { return m_api; }
    LiveFeedClient *liveFeed() const { return m_live; }

    void connectTo(const QUrl &server, const QString &token);
    // The local file of the server profile about to be used
    // (LocalSnapshot::filePathFor): its snapshot is painted at once, as of
    // when it was taken, until vigiad answers; its pending actions are
    // shown and sent when the link is up. The same path again does nothing.
    void useLocalSnapshot(const QString &filePath);
    QString localSnapshotPath() const;
    // When the data shown was taken, while it comes from the local file
    // rather than vigiad (invalid otherwise).
    QDateTime shownAsOf() const { return m_shownAsOf; }
    // When the local file's snapshot was last taken live (read at start,
    // then each write): how long the console was away, should the
    // settings not know (AwayWatch's fallback).
    QDateTime localSnapshotTakenAt() const { return m_localTakenAt; }
    // Actions kept in the local file that vigiad has not answered yet.
    int pendingActionCount() const { return int(m_pendingActions.size()); }
    // Writes the snapshot now, on this thread (tests, quitting).
    bool saveLocalSnapshotNow();
    // Mark contacted may be kept for later: there is a local file and a server.
    bool canResolveOffline() const;
    void disconnectFromServer();

    bool isLive() const { return m_isLive; }
    Link link() const { return m_link; }
    std::optional<Role> role() const { return m_role; }
    // The name the server knows this console's token by.
    QString callerName() const { return m_tokenName; }
    CommunicationStatus status() const { return m_status; }
    QString connectionText() const { return m_connectionText; }
    bool canRetry() const;
    bool canResolve() const;
    // Health check and restarts.
    bool canOperate() const;
    bool canReadAudit() const;
    // Clearing someone's conversation is an admin action, like the others.
    bool canClearConversations() const;
    QString permissionHint() const;
    bool isOperationRunning() const { return m_operationRunning; }

public Q_SLOTS:
    // Lost: try again now rather than at the end of the backoff.
    void reconnectNow();
    void retry(const QStringList &ids);
    void resolve(const QStringList &ids, const QString &method, const QString &note);
    // One of these at a time; each reports its outcome through message().
    void checkHealthNow();
    void restartBot();
    void restartGateway();
    // Makes the bot forget one conversation; the outcome goes to message().
    void clearConversation(const QString &user, const QString &flow);
    // The Failed list answers this search (the server matches order,
    // customer, phone, text and error); empty: every failure.
    void searchFailed(const QString &text);
    // The server's order for the Failed list: a field of
    // NotificationModel::sortField(), descending or not.
    void sortFailed(const QString &field, bool descending);
    // The Waiting list answers this search, as the Failed one does.
    void searchWaiting(const QString &text);
    void sortWaiting(const QString &field, bool descending);
    // Admin only: queue every failed notification again.
    void retryAllFailed();
    // "I'm handling this" for one failure, and its end. The row shows the
    // answer; a refusal (another operator got there first) goes to message()
    // and the row shows who holds it.
    void claim(const QString &id);
    void release(const QString &id);
    // One notification in full (attempts) and, for admins, its audit entries:
    // answered by detailsLoaded().
    void loadDetails(const QString &id);
    // The span the Charts tab shows: its history is loaded again (at once
    // when connected, else when the link comes up).
    void setHistoryRange(Vigia::HistoryModel::Range range);

Q_SIGNALS:
    void statusChanged(const Vigia::CommunicationStatus &status);
    void liveChanged(bool live);
    void linkChanged(Vigia::ConsoleController::Link link);
    void connectionTextChanged(const QString &text);
    void permissionsChanged(bool canRetry, bool canResolve, const QString &whyNot);
    // How many notifications have failed, as the server counts them; when it
    // does not say, the rows loaded, atLeast when more pages remain.
    void failedCountChanged(qint64 count, bool atLeast);
    // How many match the current search (-1: no search).
    void failedMatchCountChanged(qint64 count, bool atLeast);
    // The same two for the Waiting list (pending and sending).
    void waitingCountChanged(qint64 count, bool atLeast);
    void waitingMatchCountChanged(qint64 count, bool atLeast);
    void detailsLoaded(const Vigia::Notification &notification,
                       const QList<Vigia::AuditEntry> &audit);
    void sessionCountChanged(int count);
    void operationsAllowedChanged(bool canOperate, bool canReadAudit, const QString &whyNot);
    // A health check or restart was sent and has not answered yet.
    void operationRunningChanged(bool running);
    void message(const QString &text);
    void authenticationFailed(const QString &reason);
    // The first full snapshot after (re)connecting is in the models.
    void snapshotLoaded();
    // The history of the current range is in historyModel().
    void historyLoaded();
    // The local snapshot is in the models (before vigiad answered).
    void localSnapshotRestored(const QDateTime &takenAt);
    // Every row of the local snapshot is in the models (it came in chunks).
    void localSnapshotRestoreFinished();
    // The local snapshot was written (by the worker or saveLocalSnapshotNow()).
    void localSnapshotSaved(bool ok);
    void pendingActionsChanged(int count);
    void resolveOfflineChanged(bool allowed);
    // vigiad answered an action the console kept: text says how, as message() does.
    void pendingActionSettled(const QString &id, Vigia::ConsoleController::ActionOutcome outcome,
                              const QString &text);

private:
    void onWhoAmI(const ApiReply<Caller> &reply);
    void loadSnapshot();
    // The Failed and Waiting pagers' order, counts and messages.
    void setUpLists();
    void applyNotification(const Notification &notification);
    // The row as the server answered a claim or release (or as a 409 says it is).
    // The order a message names, or the id when the row has none (or is not shown).
    QString orderOrId(const QString &id) const;
    void applyClaimAnswer(const QString &id, const ApiResult &result);
    // One timer for the earliest claim to lapse in the Failed list: a claim
    // ends by time alone, with no event to repaint the row. Looks at rows
    // first to last (every row when last is -1) for an earlier one.
    void scheduleClaimExpiry(int first, int last);
    void loadIncidents(int generation);
    void loadAudit(int generation);
    void loadSessions(int generation);
    void loadConversations(int generation);
    void loadHistory();
    void applyHistoryMinute(const QJsonObject &data);
    void onEvent(qint64 seq, const QString &type, const QJsonObject &data);
    void applyIncident(const Incident &incident);
    void applyAudit(AuditEntry record, qint64 seq);
    void applySession(const QJsonObject &event);
    void applyConversation(const QJsonObject &event);
    void setLive(bool live);
    void setConnectionText(const QString &text);
    // "As of 10:32 — text" while the rows come from the local file.
    QString asOf(const QString &text) const;
    QString connectedText() const;
    // ConsoleControllerLocal.cpp: the local file.
    void setUpLocalSnapshot();
    void restoreLocalSnapshot();
    void restoreMoreRows(bool waiting, const QList<Notification> &rows);
    void stopRestoring();
    void loadPendingActions();
    SnapshotContents localContents() const;
    void markDirty();
    void saveLocalSnapshot();
    void sendPendingActions();
    void sendPendingAction(const PendingAction &action);
    void settleAction(const PendingAction &action, const ApiResult &result);
    void settleConflict(const PendingAction &action, const ApiResult &result);
    void finishAction(const PendingAction &action, ActionOutcome outcome, const QString &text,
                      const QString &reason = {});
    QString pendingText(const PendingAction &action) const;
    void resolveNow(const QStringList &ids, const QString &method, const QString &note);
    void setLink(Link link);
    void emitPermissions();
    // Runs an admin action unless one is already running or the role forbids it.
    bool beginOperation();
    void endOperation();

    const Clock *m_clock;
    ApiClient *m_api;
    LiveFeedClient *m_live;
    NotificationModel *m_failedModel;
    NotificationModel *m_waitingModel;
    IncidentModel *m_incidentModel;
    AuditModel *m_auditModel;
    SessionModel *m_sessionModel;
    ConversationModel *m_conversationModel;
    QUrl m_server;
    std::optional<Role> m_role;
    // The role the local file remembers: what the console may do before
    // vigiad says who this is (keep Mark contacted while offline).
    std::optional<Role> m_knownRole;
    QString m_tokenName;
    CommunicationStatus m_status;
    QString m_connectionText;
    bool m_isLive = false;
    Link m_link = Link::NotConnected;
    int m_snapshotGeneration = 0;
    // Live events that arrive while a snapshot is on its way are applied at
    // once and again after the snapshot replaces the model, so the snapshot
    // (possibly older than they are) cannot undo them.
    SnapshotLoad<Incident> m_incidentsLoad;
    SnapshotLoad<AuditEntry> m_auditLoad;
    // Session and conversation events carry removals too ("ended"), so the
    // events themselves are kept and replayed in order.
    SnapshotLoad<QJsonObject> m_sessionsLoad;
    SnapshotLoad<QJsonObject> m_conversationsLoad;
    bool m_operationRunning = false;
    // Each list's query, pages and counts.
    NotificationPager *m_failedPager;
    NotificationPager *m_waitingPager;
    QTimer *m_claimExpiry;
    QDateTime m_claimExpiryAt; // when m_claimExpiry fires, while it runs
    HistoryModel *m_historyModel;
    HistoryModel::Range m_historyRange = HistoryModel::Range::LastHour;
    int m_historyGeneration = 0;
    // Minutes that end while the range loads are added on top of it (those
    // it already counts are ignored by the model).
    SnapshotLoad<HistoryBucket> m_historyLoad;
    QString m_detailsId;
    int m_detailsGeneration = 0;
    std::unique_ptr<LocalSnapshot> m_local;
    QDateTime m_shownAsOf;
    QDateTime m_localTakenAt;
    int m_localGeneration = 0; // one per file used
    // The local snapshot's rows still to restore, while it runs; a file
    // switched to or vigiad answering stops it.
    std::unique_ptr<SnapshotRestore> m_restore;
    QTimer *m_saveTimer;
    // One worker: the snapshot of 100,000 rows is written off the GUI thread.
    QThreadPool *m_savePool;
    bool m_dirty = false;
    bool m_saving = false;
    QHash<qint64, PendingAction> m_pendingActions; // by seq
    QSet<qint64> m_sending;
};

} // namespace Vigia

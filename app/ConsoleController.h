#pragma once

#include "ApiClient.h"
#include "Clock.h"
#include "CommunicationStatus.h"
#include "LiveFeedClient.h"
#include "Notification.h"
#include "Role.h"

#include <QObject>

namespace Vigia {

class NotificationModel;

// The console's state: the connection to vigiad, the live feed, the models
// it feeds and the operator's actions. Knows nothing about widgets.
class ConsoleController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleController)

public:
    explicit ConsoleController(const Clock *clock, QObject *parent = nullptr);
    ~ConsoleController() override;

    NotificationModel *failedModel() const { return m_failedModel; }
    ApiClient *api() const { return m_api; }
    LiveFeedClient *liveFeed() const { return m_live; }

    void connectTo(const QUrl &server, const QString &token);
    void disconnectFromServer();

    bool isLive() const { return m_isLive; }
    std::optional<Role> role() const { return m_role; }
    CommunicationStatus status() const { return m_status; }
    QString connectionText() const { return m_connectionText; }
    bool canRetry() const;
    bool canResolve() const;
    QString permissionHint() const;

public Q_SLOTS:
    void retry(const QStringList &ids);
    void resolve(const QStringList &ids, const QString &method, const QString &note);

Q_SIGNALS:
    void statusChanged(const Vigia::CommunicationStatus &status);
    void liveChanged(bool live);
    void connectionTextChanged(const QString &text);
    void permissionsChanged(bool canRetry, bool canResolve, const QString &whyNot);
    void failedCountChanged(int count);
    void message(const QString &text);
    void authenticationFailed(const QString &reason);
    // The first full snapshot after (re)connecting is in the models.
    void snapshotLoaded();

private:
    void onWhoAmI(const ApiResult &result);
    void loadSnapshot();
    void loadFailedPage(const QString &cursor, QList<Notification> collected, int generation);
    void onEvent(qint64 seq, const QString &type, const QJsonObject &data);
    void setLive(bool live);
    void setConnectionText(const QString &text);

    const Clock *m_clock;
    ApiClient *m_api;
    LiveFeedClient *m_live;
    NotificationModel *m_failedModel;
    QUrl m_server;
    std::optional<Role> m_role;
    QString m_tokenName;
    CommunicationStatus m_status;
    QString m_connectionText;
    bool m_isLive = false;
    int m_snapshotGeneration = 0;
};

} // namespace Vigia

#include "ConsoleController.h"

#include "NotificationModel.h"

#include <QJsonArray>
#include <QLocale>

namespace Vigia {

ConsoleController::ConsoleController(const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_api(new ApiClient(this))
    , m_live(new LiveFeedClient(this))
    , m_failedModel(new NotificationModel(clock, {NotificationState::Failed}, this))
{
    connect(m_live, &LiveFeedClient::connected, this, [this] {
        if (!m_role) // vigiad was down when we first asked who we are
            m_api->whoAmI([this](const ApiResult &r) { onWhoAmI(r); });
        setLive(true);
        setConnectionText(tr("Connected to %1 as %2 (%3)")
                              .arg(m_server.toDisplayString(), m_role ? roleName(*m_role) : QStringLiteral("?"), m_tokenName));
    });
    connect(m_live, &LiveFeedClient::disconnected, this, [this](const QDateTime &since, const QDateTime &retryAt) {
        setLive(false);
        const QLocale locale;
        setConnectionText(tr("Disconnected from %1 since %2, retrying at %3")
                              .arg(m_server.toDisplayString(),
                                   locale.toString(since.toLocalTime().time(), QLocale::LongFormat),
                                   locale.toString(retryAt.toLocalTime().time(), QLocale::LongFormat)));
    });
    connect(m_live, &LiveFeedClient::resyncRequired, this, &ConsoleController::loadSnapshot);
    connect(m_live, &LiveFeedClient::eventReceived, this, &ConsoleController::onEvent);
    connect(m_live, &LiveFeedClient::authenticationFailed, this, [this] {
        Q_EMIT authenticationFailed(tr("vigiad refused the token for the live feed"));
    });
    connect(m_failedModel, &QAbstractItemModel::rowsInserted, this, [this] { Q_EMIT failedCountChanged(m_failedModel->rowCount()); });
    connect(m_failedModel, &QAbstractItemModel::rowsRemoved, this, [this] { Q_EMIT failedCountChanged(m_failedModel->rowCount()); });
    connect(m_failedModel, &QAbstractItemModel::modelReset, this, [this] { Q_EMIT failedCountChanged(m_failedModel->rowCount()); });
}

ConsoleController::~ConsoleController() = default;

void ConsoleController::connectTo(const QUrl &server, const QString &token)
{
    disconnectFromServer();
    m_server = server;
    m_api->setServer(server);
    m_api->setToken(token);
    m_live->setServer(server);
    m_live->setToken(token);
    m_live->setLastSeq(0);
    setConnectionText(tr("Connecting to %1…").arg(server.toDisplayString()));
    m_api->whoAmI([this](const ApiResult &r) { onWhoAmI(r); });
}

void ConsoleController::disconnectFromServer()
{
    m_live->stop();
    setLive(false);
    m_role.reset();
    Q_EMIT permissionsChanged(false, false, permissionHint());
}

void ConsoleController::onWhoAmI(const ApiResult &result)
{
    if (result.httpStatus == 401 || result.httpStatus == 403) {
        setConnectionText(tr("Not connected: %1").arg(result.message));
        Q_EMIT authenticationFailed(result.message);
        return;
    }
    if (!result.ok()) {
        // vigiad is not up yet: the live feed keeps trying and reports when it gets through.
        setConnectionText(tr("Cannot reach %1: %2").arg(m_server.toDisplayString(), result.message));
        m_live->start();
        return;
    }
    m_role = roleFromName(result.body.value(QStringLiteral("role")).toString());
    m_tokenName = result.body.value(QStringLiteral("name")).toString();
    Q_EMIT permissionsChanged(canRetry(), canResolve(), permissionHint());
    m_live->start();
}

bool ConsoleController::canRetry() const
{
    return m_role && roleAllows(*m_role, Permission::Operate);
}

bool ConsoleController::canResolve() const
{
    return m_role && roleAllows(*m_role, Permission::Resolve);
}

QString ConsoleController::permissionHint() const
{
    if (!m_role)
        return tr("Not connected");
    return tr("Your role (%1) may not do this; ask an admin").arg(roleName(*m_role));
}

void ConsoleController::loadSnapshot()
{
    const int generation = ++m_snapshotGeneration;
    m_api->fetchStatus([this, generation](const ApiResult &r) {
        if (generation != m_snapshotGeneration || !r.ok())
            return;
        m_status = CommunicationStatus::fromJson(r.body);
        Q_EMIT statusChanged(m_status);
    });
    loadFailedPage(QString(), {}, generation);
}

void ConsoleController::loadFailedPage(const QString &cursor, QList<Notification> collected, int generation)
{
    m_api->listNotifications(stateName(NotificationState::Failed), cursor,
                             [this, collected, generation](const ApiResult &r) mutable {
        if (generation != m_snapshotGeneration)
            return;
        if (!r.ok()) {
            Q_EMIT message(tr("Could not load failed notifications: %1").arg(r.message));
            return;
        }
        const QJsonArray items = r.body.value(QStringLiteral("items")).toArray();
        for (const QJsonValue &v : items) {
            if (auto n = Notification::fromJson(v.toObject()))
                collected.append(*n);
        }
        const QString next = r.body.value(QStringLiteral("next_cursor")).toString();
        // Bounded: an operator does not page through more than 5000 failures here.
        if (!next.isEmpty() && collected.size() < 5000) {
            loadFailedPage(next, collected, generation);
            return;
        }
        m_failedModel->replaceAll(collected);
        m_failedModel->setStale(!m_isLive);
        Q_EMIT snapshotLoaded();
    });
}

void ConsoleController::onEvent(qint64, const QString &type, const QJsonObject &data)
{
    if (type == QLatin1String("notification")) {
        if (auto n = Notification::fromJson(data))
            m_failedModel->upsert(*n);
    } else if (type == QLatin1String("status")) {
        m_status = CommunicationStatus::fromJson(data);
        Q_EMIT statusChanged(m_status);
    }
}

void ConsoleController::setLive(bool live)
{
    if (m_isLive == live)
        return;
    m_isLive = live;
    m_failedModel->setStale(!live);
    Q_EMIT liveChanged(live);
}

void ConsoleController::setConnectionText(const QString &text)
{
    m_connectionText = text;
    Q_EMIT connectionTextChanged(text);
}

void ConsoleController::retry(const QStringList &ids)
{
    for (const QString &id : ids) {
        m_api->retryNotification(id, [this, id](const ApiResult &r) {
            if (!r.ok())
                Q_EMIT message(tr("Retry of %1 was refused: %2").arg(id, r.message));
        });
    }
    Q_EMIT message(tr("Retry requested for %n notification(s)", nullptr, int(ids.size())));
}

void ConsoleController::resolve(const QStringList &ids, const QString &method, const QString &note)
{
    for (const QString &id : ids) {
        m_api->resolveNotification(id, method, note, [this, id](const ApiResult &r) {
            if (!r.ok())
                Q_EMIT message(tr("Could not mark %1 as contacted: %2").arg(id, r.message));
        });
    }
    Q_EMIT message(tr("Marked %n notification(s) as contacted", nullptr, int(ids.size())));
}

} // namespace Vigia

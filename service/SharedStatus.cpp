#include "SharedStatus.h"

#include "InstanceGroup.h"
#include "PostgresStore.h"
#include "StatusTracker.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcShared, "vigia.instances.status", QtInfoMsg)

namespace Vigia {

SharedStatus::SharedStatus(PostgresStore *store, InstanceGroup *group, StatusTracker *status,
                           QObject *parent)
    : QObject(parent), m_store(store), m_group(group), m_status(status)
{
    // A bot talks to whichever instance the proxy picks; only the leader's
    // tracker makes the status.
    connect(m_status, &StatusTracker::heartbeatRecorded, this, [this](const QDateTime &at) {
        if (!m_store->saveHeartbeat(at))
            qCWarning(lcShared) << "could not share the bot's heartbeat";
    });
    connect(m_group, &InstanceGroup::polled, this, &SharedStatus::onPolled);
}

void SharedStatus::onPolled()
{
    if (!m_group->leads())
        return;
    // Its own heartbeats come back too, and count once: only a later one counts.
    m_status->recordHeartbeatAt(m_store->lastHeartbeat());
}

} // namespace Vigia

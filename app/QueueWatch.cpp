#include "QueueWatch.h"

#include "ConsoleController.h"

#include <QPointer>

namespace Vigia {

QueueWatch::QueueWatch(ConsoleController *controller, QObject *parent)
    : QObject(parent), m_controller(controller)
{
    m_timer.setInterval(kRefreshInterval);
    connect(&m_timer, &QTimer::timeout, this, &QueueWatch::refresh);
    connect(controller, &ConsoleController::liveChanged, this, &QueueWatch::onLive);
}

void QueueWatch::onLive(bool live)
{
    if (!live) {
        m_timer.stop();
        return;
    }
    m_timer.start();
    refresh();
}

void QueueWatch::refresh()
{
    if (m_asking || !m_controller->isLive())
        return; // one question at a time: a slow server is not asked twice
    m_asking = true;
    m_controller->api()->fetchQueueStats(
            [self = QPointer<QueueWatch>(this)](const ApiReply<QueueFigures> &reply) {
                if (!self)
                    return;
                self->m_asking = false;
                if (!reply.ok())
                    return; // the figures shown stay until the next answer
                self->m_figures = reply.value;
                Q_EMIT self->figuresChanged(reply.value);
            });
}

void QueueWatch::cleanUp(int olderThanDays)
{
    m_controller->api()->cleanupQueue(
            olderThanDays, [self = QPointer<QueueWatch>(this)](const ApiResult &r) {
                if (!self)
                    return;
                if (!r.ok()) {
                    Q_EMIT self->message(tr("The cleanup was refused: %1").arg(r.message));
                    return;
                }
                Q_EMIT self->message(tr("Removed %n delivered or resolved notification(s)", nullptr,
                                        r.body.value(QStringLiteral("removed")).toInt()));
                self->refresh();
            });
}

} // namespace Vigia

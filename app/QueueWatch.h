#pragma once

#include "ApiClient.h"
#include "QueueFigures.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>

namespace Vigia {

class ConsoleController;

// The queue's figures (GET /v1/queue/stats) while the console is live:
// read on connecting, then every kRefreshInterval and after a cleanup; and
// the cleanup itself (POST /v1/queue/cleanup), for operators.
class QueueWatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueWatch)

public:
    // Counts change with every delivery; a glance every half minute is
    // enough for a panel beside the charts, and costs the server one
    // grouped count.
    static constexpr std::chrono::seconds kRefreshInterval{30};

    explicit QueueWatch(ConsoleController *controller, QObject *parent = nullptr);

    std::optional<QueueFigures> figures() const { return m_figures; }

public Q_SLOTS:
    void refresh();
    void cleanUp(int olderThanDays);

Q_SIGNALS:
    void figuresChanged(const Vigia::QueueFigures &figures);
    // A sentence for the status bar: what a cleanup did, or why it did not.
    void message(const QString &text);

private:
    void onLive(bool live);

    ConsoleController *m_controller;
    QTimer m_timer;
    std::optional<QueueFigures> m_figures;
    bool m_asking = false;
};

} // namespace Vigia

#pragma once

#include "Clock.h"
#include "CommunicationStatus.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QTimer;

namespace Vigia {

// The colour-coded strip across the top: the bot's communication state, why,
// since when, how long ago the bot last got a message through, and how many
// orders are affected. Grey with "no live data" while the console is disconnected.
class StatusBanner final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBanner)

public:
    explicit StatusBanner(QWidget *parent = nullptr);

    void setStatus(const CommunicationStatus &status);
    void setLive(bool live);
    bool isLive() const { return m_live; }
    StatusState state() const { return m_status.state; }
    QString title() const;
    QString lastCommunicationText() const;

    // Relative times are computed from clock (the system clock by default)
    // and recomputed every intervalMs.
    void setClock(const Clock *clock);
    void setTickInterval(int intervalMs);

    static QString stateTitle(StatusState state);
    // The reason in the operator's language, from vigiad's reason code; the
    // gateway's own error text stays as it came.
    static QString localizedReason(const CommunicationStatus &status);

public Q_SLOTS:
    void refreshTimes();

Q_SIGNALS:
    // The operator wants to see the orders counted as affected.
    void showAffectedRequested();

private:
    void refresh();

    SystemClock m_systemClock;
    const Clock *m_clock = &m_systemClock;
    CommunicationStatus m_status;
    bool m_live = false;
    bool m_hasStatus = false;
    QLabel *m_title;
    QLabel *m_reason;
    QLabel *m_since;
    QLabel *m_lastCommunication;
    QLabel *m_affected;
    QPushButton *m_showAffected;
    QTimer *m_tick;
};

} // namespace Vigia

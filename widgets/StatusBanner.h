#pragma once

#include "Clock.h"
#include "CommunicationStatus.h"

#include <QFrame>

class QLabel;
class QPushButton;
class QTimer;

namespace Vigia {

// The colour-coded strip across the top: the bot's communication state, why,
// since when, how long ago the bot last got a message through, how many
// orders are affected and how much waits, each count with a button to the
// list it counts. Grey with "no live data" while the console is disconnected.
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
    // Whether the DEMO mark shows: the status came from `vigiad --demo`.
    bool showsDemo() const;
    QString title() const;
    QString lastCommunicationText() const;

    // Relative times are computed from clock (the system clock by default)
    // and recomputed every intervalMs.
    void setClock(const Clock *clock);
    void setTickInterval(int intervalMs);

    static QString stateTitle(StatusState state);
    // stateTitle(), except that an online bot with unresolved failures says so.
    static QString statusTitle(const CommunicationStatus &status);
    // (The reason's sentence is StatusTexts::reasonText(), shared with the tray.)
    // "3 orders affected and 2 notifications without an order" (the Failed list).
    static QString affectedText(const OutboxCounts &counts);
    // "12 waiting, oldest 4 min, held by the outage" (the Waiting list).
    static QString waitingText(const OutboxCounts &counts, const QDateTime &now);

public Q_SLOTS:
    void refreshTimes();

Q_SIGNALS:
    // The operator wants the Failed list; onlyOrders when every affected
    // notification counted belongs to an order.
    void showFailedRequested(bool onlyOrders);
    // The operator wants the Waiting list (what waits, or what the outage holds).
    void showWaitingRequested();

private:
    void layOut();
    void refresh();
    void refreshCounts();
    void showAffected();

    SystemClock m_systemClock;
    const Clock *m_clock = &m_systemClock;
    CommunicationStatus m_status;
    bool m_live = false;
    bool m_hasStatus = false;
    QLabel *m_title;
    QLabel *m_demo;
    QLabel *m_restored;
    QLabel *m_reason;
    QLabel *m_since;
    QLabel *m_lastCommunication;
    QLabel *m_affected;
    QPushButton *m_showAffected;
    QLabel *m_waiting;
    QPushButton *m_showWaiting;
    QTimer *m_tick;
};

} // namespace Vigia

#pragma once

#include "CommunicationStatus.h"

#include <QFrame>

class QLabel;

namespace Vigia {

// The colour-coded strip across the top: the bot's communication state, why,
// and since when. Grey with "no live data" while the console is disconnected.
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

    static QString stateTitle(StatusState state);

private:
    void refresh();

    CommunicationStatus m_status;
    bool m_live = false;
    bool m_hasStatus = false;
    QLabel *m_title;
    QLabel *m_reason;
    QLabel *m_since;
};

} // namespace Vigia

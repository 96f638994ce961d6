#pragma once

#include <QWidget>

class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace Vigia {

class IncidentModel;

// The incident history: every outage the diagnosis confirmed, newest first,
// open ones in bold with a duration that keeps counting.
class IncidentsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentsPanel)

public:
    explicit IncidentsPanel(IncidentModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }

private:
    void fitColumnsOnce();

    IncidentModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    bool m_fitted = false;
    QTimer *m_durationTimer;
};

} // namespace Vigia

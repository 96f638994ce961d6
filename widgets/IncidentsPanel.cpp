#include "IncidentsPanel.h"

#include "IncidentModel.h"
#include "TableLayout.h"
#include "VigiaPalette.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Vigia {

IncidentsPanel::IncidentsPanel(IncidentModel *model, QWidget *parent)
    : QWidget(parent),
      m_model(model),
      m_proxy(new QSortFilterProxyModel(this)),
      m_view(new QTableView(this)),
      m_durationTimer(new QTimer(this))
{
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(IncidentModel::SortRole);
    m_view->setObjectName(QStringLiteral("incidentTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    // A selected row bolds every header label (highlighted sections), wider
    // than the fitted widths allow for: in Spanish the labels were cut.
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(IncidentModel::StartedColumn, Qt::DescendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    // The last column is a count: stretched, it would sit far from its row.
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->setWordWrap(false);
    m_view->setAccessibleName(tr("Communication incidents"));
    // Fit the columns once a snapshot arrives; after that the operator's widths win.
    // Fit the columns to the first rows shown (a snapshot, or the first live
    // one on an empty table); after that the operator's own widths win.
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_fitted = false;
        fitColumnsOnce();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &IncidentsPanel::fitColumnsOnce);
    // An incident that ends gains an end time and a duration: its columns
    // grow to show them rather than cut them short.
    const auto widen = [this] { TableLayout::widenToContents(m_view); };
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, widen);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, widen);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, widen);

    auto *hint = new QLabel(tr("Outages the diagnosis confirmed after a notification used up its "
                               "attempts. Hover a row for how it ended."),
                            this);
    hint->setWordWrap(true);
    QPalette p = hint->palette();
    p.setColor(QPalette::WindowText, VigiaPalette::color(VigiaPalette::Role::HintText));
    hint->setPalette(p);

    // Open incidents' durations are relative to now, so they move on their own.
    m_durationTimer->setInterval(15000);
    connect(m_durationTimer, &QTimer::timeout, m_model, &IncidentModel::refreshDurations);
    m_durationTimer->start();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(hint);
    layout->addWidget(m_view, 1);
    fitColumnsOnce(); // the model may already hold rows
}

void IncidentsPanel::fitColumnsOnce()
{
    if (m_fitted || m_proxy->rowCount() == 0)
        return;
    TableLayout::fitColumns(m_view);
    m_fitted = true;
}

} // namespace Vigia

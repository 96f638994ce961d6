#include "AuditPanel.h"

#include "AuditModel.h"
#include "TableLayout.h"
#include "VigiaPalette.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Vigia {

AuditPanel::AuditPanel(AuditModel *model, QWidget *parent)
    : QWidget(parent),
      m_proxy(new QSortFilterProxyModel(this)),
      m_pages(new QStackedWidget(this)),
      m_view(new QTableView(this)),
      m_search(new QLineEdit(this))
{
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(AuditModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_view->setObjectName(QStringLiteral("auditTable"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    // A selected row bolds every header label (highlighted sections), wider
    // than the fitted widths allow for: in Spanish the labels were cut.
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(AuditModel::TimeColumn, Qt::DescendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setAccessibleName(tr("Audit log"));
    // Fit the columns to the first rows shown (a snapshot, or the first live
    // one on an empty table); after that the operator's own widths win.
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_fitted = false;
        fitColumnsOnce();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &AuditPanel::fitColumnsOnce);
    m_search->setObjectName(QStringLiteral("auditSearch"));
    m_search->setPlaceholderText(tr("Filter by who, action, target or outcome"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);

    auto *logPage = new QWidget(m_pages);
    auto *logLayout = new QVBoxLayout(logPage);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->addWidget(m_search);
    logLayout->addWidget(m_view, 1);

    auto *placeholder = new QLabel(tr("Only admins can read the audit log."), m_pages);
    placeholder->setObjectName(QStringLiteral("auditPlaceholder"));
    placeholder->setAlignment(Qt::AlignCenter);
    placeholder->setWordWrap(true);
    QPalette p = placeholder->palette();
    p.setColor(QPalette::WindowText, VigiaPalette::color(VigiaPalette::Role::HintText));
    placeholder->setPalette(p);

    m_pages->addWidget(logPage);
    m_pages->addWidget(placeholder);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);
    setAllowed(false);
    fitColumnsOnce(); // the model may already hold rows
}

void AuditPanel::setAllowed(bool allowed)
{
    m_allowed = allowed;
    m_pages->setCurrentIndex(allowed ? 0 : 1);
}

void AuditPanel::fitColumnsOnce()
{
    if (m_fitted || m_proxy->rowCount() == 0)
        return;
    TableLayout::fitColumns(m_view);
    m_fitted = true;
}

} // namespace Vigia

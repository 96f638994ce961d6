#include "FilterModels.h"

#include "NotificationModel.h"
#include "SessionModel.h"

namespace Vigia {

void OrderFilterModel::setOnlyOrders(bool onlyOrders)
{
    if (m_onlyOrders == onlyOrders)
        return;
    m_onlyOrders = onlyOrders;
    invalidateRowsFilter();
}

bool OrderFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_onlyOrders) {
        const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
        if (index.data(NotificationModel::OrderIdRole).toString().isEmpty())
            return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

void SessionKindFilterModel::setKind(const QString &kind)
{
    if (m_kind == kind)
        return;
    m_kind = kind;
    invalidateRowsFilter();
}

bool SessionKindFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_kind.isEmpty())
        return true;
    return sourceModel()->index(sourceRow, 0, sourceParent).data(SessionModel::KindRole).toString()
            == m_kind;
}

} // namespace Vigia

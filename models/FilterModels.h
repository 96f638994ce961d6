#pragma once

#include <QSortFilterProxyModel>

namespace Vigia {

// The failed-notifications table's filter: QSortFilterProxyModel's text
// filter plus "only rows with an order id" (NotificationModel::OrderIdRole).
class OrderFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderFilterModel)

public:
    explicit OrderFilterModel(QObject *parent = nullptr) : QSortFilterProxyModel(parent) { }

    bool onlyOrders() const { return m_onlyOrders; }
    void setOnlyOrders(bool onlyOrders);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_onlyOrders = false;
};

// Sessions of one kind (SessionModel::KindRole), or all when the kind is empty.
class SessionKindFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionKindFilterModel)

public:
    explicit SessionKindFilterModel(QObject *parent = nullptr) : QSortFilterProxyModel(parent) { }

    QString kind() const { return m_kind; }
    void setKind(const QString &kind);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_kind;
};

} // namespace Vigia

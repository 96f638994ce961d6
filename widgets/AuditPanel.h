#pragma once

#include <QWidget>

class QLineEdit;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace Vigia {

class AuditModel;

// Who did what and when. Only admins may read the log; everyone else sees
// why the tab is empty instead of an unexplained blank table.
class AuditPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditPanel)

public:
    explicit AuditPanel(AuditModel *model, QWidget *parent = nullptr);

    void setAllowed(bool allowed);
    bool isAllowed() const { return m_allowed; }
    QTableView *view() const { return m_view; }

private:
    void fitColumnsOnce();

    QSortFilterProxyModel *m_proxy;
    QStackedWidget *m_pages;
    QTableView *m_view;
    bool m_fitted = false;
    QLineEdit *m_search;
    bool m_allowed = false;
};

} // namespace Vigia

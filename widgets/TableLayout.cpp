#include "TableLayout.h"

#include <QAbstractItemModel>
#include <QAbstractProxyModel>
#include <QHeaderView>
#include <QHelpEvent>
#include <QSettings>
#include <QSplitter>
#include <QStringList>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QToolTip>

namespace Vigia::TableLayout {

namespace {

const char *const kRestoredProperty = "vigiaWidthsRestored";
// Widths worth keeping: fitted to rows, or set by the operator.
const char *const kFittedProperty = "vigiaWidthsFitted";
const char *const kFittingProperty = "vigiaWidthsFitting";
const char *const kMaxFittedProperty = "vigiaMaxFittedWidth";
const char *const kUnlimitedProperty = "vigiaUnlimitedColumns";
// Below this many pixels in all, a splitter was never laid out.
constexpr int kLaidOutSplitter = 100;

QStringList numbers(const QList<int> &values)
{
    QStringList out;
    out.reserve(values.size());
    for (const int v : values)
        out.append(QString::number(v));
    return out;
}

// Every entry a number, as many as expected; else empty.
QList<int> numbersFrom(const QVariant &value, qsizetype expected)
{
    const QStringList texts = value.toStringList();
    if (texts.size() != expected)
        return {};
    QList<int> out;
    out.reserve(texts.size());
    for (const QString &text : texts) {
        bool ok = false;
        const int v = text.trimmed().toInt(&ok);
        if (!ok)
            return {};
        out.append(v);
    }
    return out;
}

// The model's tooltip, else the cell's text when the cell shows it elided.
class ElidedToolTipDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    Q_DISABLE_COPY_MOVE(ElidedToolTipDelegate)
    ~ElidedToolTipDelegate() override = default;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override
    {
        if (event->type() != QEvent::ToolTip || !index.isValid()
            || !index.data(Qt::ToolTipRole).toString().isEmpty())
            return QStyledItemDelegate::helpEvent(event, view, option, index);
        QStyleOptionViewItem shown = option;
        initStyleOption(&shown, index);
        if (sizeHint(option, index).width() <= option.rect.width()) {
            QToolTip::hideText();
            return true;
        }
        QToolTip::showText(event->globalPos(), shown.text, view);
        return true;
    }
};

} // namespace

void save(QSettings &settings, const QTableView *view)
{
    if (!view->property(kRestoredProperty).toBool() && !view->property(kFittedProperty).toBool())
        return;
    const QHeaderView *header = view->horizontalHeader();
    QList<int> widths;
    QList<int> order;
    for (int i = 0; i < header->count(); ++i) {
        widths.append(header->sectionSize(i));
        order.append(header->logicalIndex(i));
    }
    settings.beginGroup(view->objectName());
    settings.setValue(QStringLiteral("widths"), numbers(widths));
    settings.setValue(QStringLiteral("order"), numbers(order));
    if (header->isSortIndicatorShown()) {
        settings.setValue(QStringLiteral("sort_column"), header->sortIndicatorSection());
        settings.setValue(QStringLiteral("sort_order"),
                          header->sortIndicatorOrder() == Qt::AscendingOrder
                                  ? QStringLiteral("ascending")
                                  : QStringLiteral("descending"));
    }
    settings.endGroup();
}

bool restore(QSettings &settings, QTableView *view)
{
    QHeaderView *header = view->horizontalHeader();
    const int count = header->count();
    settings.beginGroup(view->objectName());
    const QList<int> widths = numbersFrom(settings.value(QStringLiteral("widths")), count);
    const QList<int> order = numbersFrom(settings.value(QStringLiteral("order")), count);
    const QVariant sortColumn = settings.value(QStringLiteral("sort_column"));
    const QString sortOrder = settings.value(QStringLiteral("sort_order")).toString();
    settings.endGroup();
    if (count == 0 || widths.isEmpty())
        return false;
    for (int visual = 0; visual < order.size(); ++visual) {
        const int logical = order.at(visual);
        if (logical >= 0 && logical < count)
            header->moveSection(header->visualIndex(logical), visual);
    }
    const bool stretch = header->stretchLastSection();
    view->setProperty(kFittingProperty, true);
    header->setStretchLastSection(false);
    for (int i = 0; i < count; ++i) {
        if (widths.at(i) > 0)
            header->resizeSection(i, widths.at(i));
    }
    header->setStretchLastSection(stretch);
    view->setProperty(kFittingProperty, false);
    if (sortColumn.isValid() && header->isSortIndicatorShown()) {
        const int column = sortColumn.toInt();
        if (column >= 0 && column < count)
            header->setSortIndicator(column,
                                     sortOrder == QLatin1String("ascending") ? Qt::AscendingOrder
                                                                             : Qt::DescendingOrder);
    }
    view->setProperty(kRestoredProperty, true);
    return true;
}

void save(QSettings &settings, const QSplitter *splitter)
{
    const QList<int> sizes = splitter->sizes();
    int total = 0;
    for (const int size : sizes)
        total += size;
    if (total < kLaidOutSplitter)
        return;
    settings.setValue(splitter->objectName() + QStringLiteral("/sizes"), numbers(sizes));
}

bool restore(QSettings &settings, QSplitter *splitter)
{
    const QList<int> sizes = numbersFrom(
            settings.value(splitter->objectName() + QStringLiteral("/sizes")), splitter->count());
    if (sizes.isEmpty())
        return false;
    splitter->setSizes(sizes);
    return true;
}

void fitColumns(QTableView *view)
{
    if (view->property(kRestoredProperty).toBool())
        return;
    view->setProperty(kFittingProperty, true);
    view->resizeColumnsToContents();
    if (const int most = view->property(kMaxFittedProperty).toInt(); most > 0) {
        QHeaderView *header = view->horizontalHeader();
        const QVariantList exempt = view->property(kUnlimitedProperty).toList();
        for (int visual = 0; visual + 1 < header->count(); ++visual) {
            const int logical = header->logicalIndex(visual);
            if (header->sectionSize(logical) > most && !exempt.contains(logical))
                header->resizeSection(logical, most);
        }
    }
    view->setProperty(kFittingProperty, false);
    if (view->model() && view->model()->rowCount() > 0)
        view->setProperty(kFittedProperty, true);
}

void widenToContents(QTableView *view)
{
    if (!view->model())
        return;
    QHeaderView *header = view->horizontalHeader();
    const int most = view->property(kMaxFittedProperty).toInt();
    const QVariantList exempt = view->property(kUnlimitedProperty).toList();
    view->setProperty(kFittingProperty, true);
    for (int visual = 0; visual + 1 < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (header->isSectionHidden(logical))
            continue;
        // Public on QAbstractItemView, protected on QTableView.
        const QAbstractItemView *items = view;
        int wanted = qMax(items->sizeHintForColumn(logical), header->sectionSizeHint(logical));
        if (most > 0 && !exempt.contains(logical))
            wanted = qMin(wanted, most);
        if (wanted > header->sectionSize(logical))
            header->resizeSection(logical, wanted);
    }
    view->setProperty(kFittingProperty, false);
}

void fitOnFirstRows(QTableView *view)
{
    // A column the operator resized is theirs, rows or not; the stretched
    // last one follows the window, not the operator.
    QHeaderView *header = view->horizontalHeader();
    QObject::connect(header, &QHeaderView::sectionResized, view,
                     [view, header](int logical, int oldSize, int newSize) {
                         // Hiding or showing a column, the stretched last one
                         // following the window, a header nobody can see:
                         // none of these is the operator's choice.
                         if (view->property(kFittingProperty).toBool() || oldSize == 0
                             || newSize == 0 || !header->isVisible()
                             || (header->stretchLastSection()
                                 && header->visualIndex(logical) == header->count() - 1))
                             return;
                         view->setProperty(kFittedProperty, true);
                     });
    QObject::connect(view->model(), &QAbstractItemModel::rowsInserted, view, [view] {
        if (!view->property(kRestoredProperty).toBool()
            && !view->property(kFittedProperty).toBool())
            fitColumns(view);
    });
}

void limitFittedWidth(QTableView *view, int pixels, const QList<int> &exempt)
{
    QVariantList columns;
    for (const int column : exempt)
        columns.append(column);
    view->setProperty(kMaxFittedProperty, pixels);
    view->setProperty(kUnlimitedProperty, columns);
    view->setItemDelegate(new ElidedToolTipDelegate(view));
}

std::pair<int, int> shownSourceRows(const QTableView *view)
{
    const QAbstractItemModel *model = view->model();
    if (!model || model->rowCount() == 0)
        return {0, -1};
    const int top = qMax(0, view->rowAt(0));
    int bottom = view->rowAt(view->viewport()->height() - 1);
    if (bottom < 0)
        bottom = model->rowCount() - 1;
    const auto *proxy = qobject_cast<const QAbstractProxyModel *>(model);
    if (!proxy)
        return {top, bottom};
    // A sorting proxy may scatter them: the span that holds them all.
    int first = -1;
    int last = -1;
    for (int row = top; row <= bottom; ++row) {
        const int source = proxy->mapToSource(model->index(row, 0)).row();
        if (source < 0)
            continue;
        first = first < 0 ? source : qMin(first, source);
        last = qMax(last, source);
    }
    return first < 0 ? std::pair{0, -1} : std::pair{first, last};
}

} // namespace Vigia::TableLayout

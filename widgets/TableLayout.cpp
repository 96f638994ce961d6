#include "TableLayout.h"

#include <QHeaderView>
#include <QSettings>
#include <QSplitter>
#include <QStringList>
#include <QTableView>

namespace Vigia::TableLayout {

namespace {

const char *const kRestoredProperty = "vigiaWidthsRestored";

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

} // namespace

void save(QSettings &settings, const QTableView *view)
{
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
    header->setStretchLastSection(false);
    for (int i = 0; i < count; ++i) {
        if (widths.at(i) > 0)
            header->resizeSection(i, widths.at(i));
    }
    header->setStretchLastSection(stretch);
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
    settings.setValue(splitter->objectName() + QStringLiteral("/sizes"),
                      numbers(splitter->sizes()));
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
    view->resizeColumnsToContents();
}

} // namespace Vigia::TableLayout

#pragma once

class QSettings;
class QSplitter;
class QTableView;

namespace Vigia {

// What the operator arranged in a table or splitter, kept in QSettings as
// readable values under a group named after the widget (objectName):
// column widths, order and sort for a table's header; pane
// sizes for a splitter.
namespace TableLayout {

void save(QSettings &settings, const QTableView *view);
// False when nothing was saved for this table (or it no longer fits its model).
bool restore(QSettings &settings, QTableView *view);
void save(QSettings &settings, const QSplitter *splitter);
bool restore(QSettings &settings, QSplitter *splitter);

// Fits the columns to their contents, unless the operator's own widths
// were restored into the table: those win.
void fitColumns(QTableView *view);

} // namespace TableLayout

} // namespace Vigia

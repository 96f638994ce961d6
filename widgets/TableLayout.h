#pragma once

class QSettings;
class QSplitter;
class QTableView;

#include <QList>

#include <utility>

namespace Vigia {

// What the operator arranged in a table or splitter, kept in QSettings as
// readable values under a group named after the widget (objectName):
// column widths, order and sort for a table's header; pane
// sizes for a splitter.
namespace TableLayout {

// Saves nothing for a table never fitted to rows nor restored: widths that
// only fit the headers would stop the next start from fitting the content.
void save(QSettings &settings, const QTableView *view);
// False when nothing was saved for this table (or it no longer fits its model).
bool restore(QSettings &settings, QTableView *view);
// Saves nothing for a splitter never laid out (on a tab never opened).
void save(QSettings &settings, const QSplitter *splitter);
bool restore(QSettings &settings, QSplitter *splitter);

// Fits the columns to their contents, unless the operator's own widths
// were restored into the table: those win. An empty table is fitted to its
// headers only, and fitted again when rows arrive (fitOnFirstRows).
void fitColumns(QTableView *view);
// Widens the columns whose cells are wider than them (an incident that
// ended now has an end time), never narrows one, restored widths included:
// a width saved while a cell was short must not cut it once it is longer.
void widenToContents(QTableView *view);
// Fits the columns once the first rows arrive, for tables that fill from
// the live feed after an empty first load.
void fitOnFirstRows(QTableView *view);

// No column but the last (and the exempt ones, whose text must be read
// whole, such as a phone number) is fitted wider than this many pixels: on
// a laptop's 1024 px a long customer name, claim or type would push the
// next columns out of sight. Such a cell shows its text elided, and the
// whole text as its tooltip (where the model gives none of its own).
void limitFittedWidth(QTableView *view, int pixels, const QList<int> &exempt = {});

// The rows of the view's source model (under its proxy, if any) that are on
// screen, first and last; {0, -1} when none is. For changes that only the
// rows shown need to hear of, such as ages moving with time.
std::pair<int, int> shownSourceRows(const QTableView *view);

} // namespace TableLayout

} // namespace Vigia

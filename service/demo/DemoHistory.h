#pragma once

#include <QDateTime>

namespace Vigia {

class HistoryStore;

// The hour before `vigiad --demo` started, invented: steady orders, one
// five-minute outage with its backlog replayed, and a few minutes of
// settling failures. Without it the Charts tab of a demo a minute old is a
// dot at the right edge. Written before the service opens the store, so
// the live history carries on from it. False when the store refused.
bool seedDemoHistory(HistoryStore *store, const QDateTime &now);

} // namespace Vigia

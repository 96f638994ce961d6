#pragma once

#include <QString>

namespace Vigia {

// A UUID of version 7 (RFC 9562) as text, the form QUuid prints: 48 bits of
// Unix milliseconds, then random bits. Ids made later sort after earlier
// ones, so each new row lands at the end of the store's id index instead
// of at a random leaf: a batch of inserts dirties a page or two of it, not
// one page per row, and the index stays dense as it grows.
// Within one millisecond ids made by one process still increase (a counter
// takes the place of the first random bits).
QString timeOrderedId(qint64 unixMs);

} // namespace Vigia

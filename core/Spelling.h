#pragma once

#include <QString>
#include <QStringList>

namespace Vigia {

// Edits (insertions, deletions, substitutions) between a and b, ignoring case.
qsizetype editDistance(const QString &a, const QString &b);

// The candidate closest to `word` when it is close enough to be the one
// meant (a typo such as "lisen" for "listen", not another word); empty
// otherwise. For the "did you mean" of config keys and JSON fields.
QString closestMatch(const QString &word, const QStringList &candidates);

} // namespace Vigia

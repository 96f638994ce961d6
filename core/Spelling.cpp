#include "Spelling.h"

#include <algorithm>

namespace Vigia {

qsizetype editDistance(const QString &a, const QString &b)
{
    // One row of the Levenshtein table at a time.
    QList<qsizetype> row(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (qsizetype i = 1; i <= a.size(); ++i) {
        qsizetype diagonal = row[0];
        row[0] = i;
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const qsizetype above = row[j];
            const bool same = a.at(i - 1).toLower() == b.at(j - 1).toLower();
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

QString closestMatch(const QString &word, const QStringList &candidates)
{
    // A third of the word may be wrong, at least two letters.
    const qsizetype allowed = std::max<qsizetype>(2, word.size() / 3);
    QString best;
    qsizetype bestDistance = allowed + 1;
    for (const QString &candidate : candidates) {
        const qsizetype d = editDistance(word, candidate);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

} // namespace Vigia

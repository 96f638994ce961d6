#pragma once

#include <QString>
#include <QStringView>

namespace Vigia {

// Text as search compares it: case folded and without accents, so "jose"
// finds "José" and "NIÑO" finds "niño". The store keeps each notification's
// searchable fields folded once, at insert, and folds each query the same way.
QString foldForSearch(QStringView text);

// What a notification is searched by, folded: order id, customer, recipient
// (with its digits alone, so "+58 424-123" and "58424123" meet) and text.
QString notificationSearchText(const QString &orderId, const QString &customerName,
                               const QString &recipient, const QString &text);

// The digits of a query that looks like a phone number ("+58 (424) 123-45"),
// as recipients are also matched by their digits; empty for any other query.
QString phoneDigits(QStringView query);

} // namespace Vigia

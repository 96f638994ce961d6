#pragma once

#include "HttpApi.h"

#include <QJsonArray>
#include <QUrlQuery>

#include <optional>

// The contract of every paged list (notifications, sessions, conversations):
// ?limit=1..500 (default 50) and ?cursor= from the previous answer's
// next_cursor; the answer is {items, next_cursor (null on the last page),
// live_seq}.
namespace Vigia::Api {

struct PageRequest
{
    static constexpr int kDefaultLimit = 50;
    static constexpr int kMaxLimit = 500;
    int limit = kDefaultLimit;
    QString cursor;
};

// nullopt with *error set to a 400 naming the parameter.
std::optional<PageRequest> pageRequest(const QUrlQuery &query, Reply *error);
Reply pageReply(const QJsonArray &items, const QString &nextCursor, qint64 liveSeq);
// 400: a cursor this server did not give (or from another list).
Reply invalidCursor();

} // namespace Vigia::Api

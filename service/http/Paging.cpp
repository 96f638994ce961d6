#include "Paging.h"

namespace Vigia::Api {

std::optional<PageRequest> pageRequest(const QUrlQuery &query, Reply *error)
{
    PageRequest page;
    page.cursor = query.queryItemValue(QStringLiteral("cursor"), QUrl::FullyDecoded);
    if (query.hasQueryItem(QStringLiteral("limit"))) {
        bool ok = false;
        page.limit = query.queryItemValue(QStringLiteral("limit")).toInt(&ok);
        if (!ok || page.limit < 1 || page.limit > PageRequest::kMaxLimit) {
            *error = jsonError(Status::BadRequest, QStringLiteral("invalid_parameter"),
                               QStringLiteral("limit must be a whole number from 1 to %1")
                                       .arg(PageRequest::kMaxLimit),
                               {{QStringLiteral("field"), QStringLiteral("limit")}});
            return std::nullopt;
        }
    }
    return page;
}

Reply pageReply(const QJsonArray &items, const QString &nextCursor, qint64 liveSeq)
{
    return json({{QStringLiteral("items"), items},
                 {QStringLiteral("next_cursor"),
                  nextCursor.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(nextCursor)},
                 {QStringLiteral("live_seq"), liveSeq}});
}

Reply invalidCursor()
{
    return jsonError(Status::BadRequest, QStringLiteral("invalid_parameter"),
                     QStringLiteral("cursor is not one a previous page of this list gave"),
                     {{QStringLiteral("field"), QStringLiteral("cursor")}});
}

} // namespace Vigia::Api

// The notification list the console pages through, as in SqliteOutboxStore
// (filters, sorts, cursors and the total) and with the same cursors
// (ListCursor). The search matches search_text, folded in C++ at insert,
// with strpos; the last error with ILIKE, as SQLite's LIKE ignores case.
#include "PostgresOutboxStore.h"

#include "ListCursor.h"
#include "SearchText.h"

#include <QSqlError>

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace Vigia {

using namespace Pg;

namespace {
// The sort's column as SQL; text sorts its NULLs as empty text, so a cursor
// can name them (the columns collate as "C": the schema).
QString sortExpression(NotificationSort::Key key)
{
    switch (key) {
    case NotificationSort::Key::CreatedAt: return QStringLiteral("created_ms");
    case NotificationSort::Key::UpdatedAt: return QStringLiteral("updated_ms");
    case NotificationSort::Key::CustomerName: return QStringLiteral("coalesce(customer_name, '')");
    case NotificationSort::Key::OrderId: return QStringLiteral("coalesce(order_id, '')");
    }
    return QStringLiteral("created_ms");
}

QString escapeLike(QString s)
{
    s.replace(u'\\', QStringLiteral("\\\\"));
    s.replace(u'%', QStringLiteral("\\%"));
    s.replace(u'_', QStringLiteral("\\_"));
    return s;
}

QString whereSql(const NotificationFilter &filter, QVariantList *binds)
{
    QStringList where;
    if (!filter.states.isEmpty()) {
        // From the enum, never from the caller: written into the SQL so the
        // planner sees "state = 'failed'" and its partial indexes.
        QStringList names;
        for (NotificationState state : filter.states)
            names << u'\'' + stateName(state) + u'\'';
        where << QStringLiteral("state IN (%1)").arg(names.join(u','));
    }
    if (!filter.orderId.isEmpty()) {
        where << QStringLiteral("order_id = ?");
        *binds << filter.orderId;
    }
    const QString folded = foldForSearch(filter.text).trimmed();
    if (!folded.isEmpty()) {
        QString match = QStringLiteral("strpos(search_text, ?) > 0");
        *binds << folded;
        const QString digits = phoneDigits(filter.text);
        if (!digits.isEmpty() && digits != folded) {
            match += QStringLiteral(" OR strpos(search_text, ?) > 0");
            *binds << digits;
        }
        match += QStringLiteral(" OR last_error ILIKE ? ESCAPE '\\'");
        *binds << QStringLiteral("%") + escapeLike(filter.text.trimmed()) + QStringLiteral("%");
        where << u'(' + match + u')';
    }
    return where.join(QStringLiteral(" AND "));
}
} // namespace

NotificationPage PostgresOutboxStore::notifications(const NotificationFilter &filter)
{
    NotificationPage page;
    std::optional<ListCursor> cursor;
    if (!filter.cursor.isEmpty()) {
        cursor = decodeListCursor(filter.cursor, filter.sort);
        if (!cursor) {
            page.cursorRejected = true;
            return page;
        }
    }
    QVariantList binds;
    QString where = whereSql(filter, &binds);
    const QString column = sortExpression(filter.sort.key);
    const QString before = filter.sort.descending ? QStringLiteral("<") : QStringLiteral(">");
    if (cursor) {
        if (!where.isEmpty())
            where += QStringLiteral(" AND ");
        where += QStringLiteral("(%1 %2 ? OR (%1 = ? AND id %2 ?))").arg(column, before);
        binds << cursor->value << cursor->value << cursor->id;
    }
    binds << filter.limit + 1;
    const QString direction = filter.sort.descending ? QStringLiteral(" DESC") : QString();
    QSqlQuery q(m_db);
    QString error;
    if (!run(q,
             selectColumnsSql() + (where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where)
                     + QStringLiteral(" ORDER BY ") + column + direction + QStringLiteral(", id")
                     + direction + QStringLiteral(" LIMIT ?"),
             binds, &error)) {
        qCWarning(lcStore) << "list failed:" << error;
        return page;
    }
    page.items = readNotifications(q);
    if (page.items.size() > filter.limit) {
        page.items.resize(filter.limit);
        const Notification &last = page.items.constLast();
        page.nextCursor =
                encodeListCursor(filter.sort, listSortValue(last, filter.sort.key), last.id);
    }
    // A first page that holds everything is its own count.
    if (!cursor && page.nextCursor.isEmpty()) {
        page.total = page.items.size();
        return page;
    }
    QVariantList countBinds;
    const QString countWhere = whereSql(filter, &countBinds);
    QSqlQuery count(m_db);
    if (run(count,
            QStringLiteral("SELECT count(*) FROM notifications")
                    + (countWhere.isEmpty() ? QString() : QStringLiteral(" WHERE ") + countWhere),
            countBinds)
        && count.next())
        page.total = count.value(0).toLongLong();
    return page;
}

} // namespace Vigia

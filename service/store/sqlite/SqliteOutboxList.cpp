#include "SqliteOutboxStore.h"

#include "ListCursor.h"
#include "SearchText.h"

#include <QSqlError>
#include <QSqlQuery>

// The notification list the console pages through: filters, sorts, cursors
// and the total, each backed by an index (see the schema's migrations).
namespace Vigia {

using namespace Sql;

namespace {
// The sort's column as SQL. Text columns sort their NULLs as empty text,
// so a cursor can name them.
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
} // namespace

QString SqliteOutboxStore::notificationsWhereSql(const NotificationFilter &filter,
                                                 QVariantList *binds)
{
    QStringList where;
    if (!filter.states.isEmpty()) {
        // State names are written into the SQL (they come from the enum, never
        // from the caller), so "state = 'failed'" lets SQLite use the indexes
        // that only failed rows enter.
        QStringList names;
        for (NotificationState state : filter.states)
            names << u'\'' + stateName(state) + u'\'';
        where << (names.size() == 1 ? QStringLiteral("state = %1").arg(names.constFirst())
                                    : QStringLiteral("state IN (%1)").arg(names.join(u',')));
    }
    if (!filter.orderId.isEmpty()) {
        where << QStringLiteral("order_id = ?");
        *binds << filter.orderId;
    }
    const QString folded = foldForSearch(filter.text).trimmed();
    if (!folded.isEmpty()) {
        // A substring of text kept folded at insert. Errors are the gateways'
        // own words, matched as they are (LIKE ignores ASCII case).
        QString match = QStringLiteral("instr(search_text, ?) > 0");
        *binds << folded;
        const QString digits = phoneDigits(filter.text);
        if (!digits.isEmpty() && digits != folded) {
            match += QStringLiteral(" OR instr(search_text, ?) > 0");
            *binds << digits;
        }
        match += QStringLiteral(" OR last_error LIKE ? ESCAPE '\\'");
        *binds << QStringLiteral("%") + escapeLike(filter.text.trimmed()) + QStringLiteral("%");
        where << u'(' + match + u')';
    }
    return where.join(QStringLiteral(" AND "));
}

QString SqliteOutboxStore::notificationsPageSql(const NotificationFilter &filter, bool afterCursor,
                                                QVariantList *binds)
{
    QString where = notificationsWhereSql(filter, binds);
    const QString column = sortExpression(filter.sort.key);
    const QString before = filter.sort.descending ? QStringLiteral("<") : QStringLiteral(">");
    if (afterCursor) {
        if (!where.isEmpty())
            where += QStringLiteral(" AND ");
        where += QStringLiteral("(%1 %2 ? OR (%1 = ? AND id %2 ?))").arg(column, before);
    }
    const QString direction = filter.sort.descending ? QStringLiteral(" DESC") : QString();
    return selectColumnsSql() + (where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where)
            + QStringLiteral(" ORDER BY ") + column + direction + QStringLiteral(", id") + direction
            + QStringLiteral(" LIMIT ?");
}

NotificationPage SqliteOutboxStore::notifications(const NotificationFilter &filter)
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
    QSqlQuery q(m_db);
    q.prepare(notificationsPageSql(filter, cursor.has_value(), &binds));
    for (const QVariant &v : std::as_const(binds))
        q.addBindValue(v);
    if (cursor) {
        q.addBindValue(cursor->value);
        q.addBindValue(cursor->value);
        q.addBindValue(cursor->id);
    }
    q.addBindValue(filter.limit + 1);
    if (!q.exec()) {
        qCWarning(lcStore) << "list failed:" << q.lastError().text();
        return page;
    }
    page.items = readNotifications(q);
    if (page.items.size() > filter.limit) {
        page.items.resize(filter.limit);
        const Notification &last = page.items.constLast();
        page.nextCursor =
                encodeListCursor(filter.sort, listSortValue(last, filter.sort.key), last.id);
    }

    // The true size of the list, for "Failed (20,000)"; the failed list
    // counts from its own index. A first page that holds everything is its
    // own count: a search with few matches reads the rows once, not twice.
    if (!cursor && page.nextCursor.isEmpty()) {
        page.total = page.items.size();
        return page;
    }
    QVariantList countBinds;
    const QString where = notificationsWhereSql(filter, &countBinds);
    QSqlQuery count(m_db);
    count.prepare(QStringLiteral("SELECT count(*) FROM notifications")
                  + (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where));
    for (const QVariant &v : std::as_const(countBinds))
        count.addBindValue(v);
    if (count.exec() && count.next())
        page.total = count.value(0).toLongLong();
    return page;
}

} // namespace Vigia

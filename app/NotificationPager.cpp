#include "NotificationPager.h"

#include "NotificationModel.h"

#include <utility>

namespace Vigia {

NotificationPager::NotificationPager(ApiClient *api, NotificationModel *model, QString states,
                                     QObject *parent)
    : QObject(parent), m_api(api), m_model(model), m_states(std::move(states))
{
    connect(m_model, &NotificationModel::moreRequested, this, &NotificationPager::loadMore);
}

bool NotificationPager::setSort(const QString &field, bool descending)
{
    const QString sort = (descending ? QStringLiteral("-") : QString()) + field;
    if (field.isEmpty() || sort == m_sort)
        return false;
    m_sort = sort;
    // Where a live row goes: the model places it as the server would.
    m_model->setSortOrder(field, descending);
    return true;
}

bool NotificationPager::setSearch(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text)
        return false;
    m_text = trimmed;
    return true;
}

NotificationQuery NotificationPager::query() const
{
    NotificationQuery request;
    request.states = m_states;
    request.text = m_text;
    request.sort = m_sort;
    return request;
}

void NotificationPager::load()
{
    // The first page only: the rest comes as the operator scrolls. Changes
    // heard meanwhile are applied again on top of it.
    const int query = ++m_query;
    m_firstPage.begin();
    m_api->listNotifications(this->query(), [this, query](const ApiReply<NotificationSlice> &r) {
        if (query != m_query)
            return;
        const QList<Notification> during = m_firstPage.finish();
        if (!r.ok()) {
            Q_EMIT failed(false, r.result.message);
            return;
        }
        m_cursor = r.value.nextCursor;
        if (m_text.isEmpty()) {
            if (r.value.total >= 0)
                m_total = r.value.total;
            m_matches = -1;
        } else {
            m_matches = r.value.total;
        }
        // A search shows what the server matched; only it can tell whether
        // a new notification matches too.
        m_model->setTakesNewRows(m_text.isEmpty());
        m_model->replaceAll(r.value.items, !m_cursor.isEmpty());
        if (!m_cursor.isEmpty())
            m_model->expectRows(r.value.total);
        for (const Notification &n : during)
            apply(n);
        emitCounts();
        Q_EMIT loaded();
    });
}

void NotificationPager::loadMore()
{
    if (m_cursor.isEmpty()) {
        m_model->appendPage({}, false);
        return;
    }
    const int query = m_query;
    NotificationQuery request = this->query();
    request.cursor = m_cursor;
    m_api->listNotifications(request, [this, query](const ApiReply<NotificationSlice> &r) {
        if (query != m_query)
            return;
        if (r.result.httpStatus == 400) {
            // The cursor no longer belongs to the list (another sort or
            // query, a restarted vigiad): start again from its first page.
            load();
            return;
        }
        if (!r.ok()) {
            m_model->pageFailed();
            Q_EMIT failed(true, r.result.message);
            return;
        }
        m_cursor = r.value.nextCursor;
        m_model->appendPage(r.value.items, !m_cursor.isEmpty());
        emitCounts();
    });
}

void NotificationPager::apply(const Notification &notification)
{
    m_firstPage.hold(notification);
    const bool wasShown = m_model->rowOf(notification.id) >= 0;
    m_model->upsert(notification);
    const bool shown = m_model->rowOf(notification.id) >= 0;
    if (wasShown == shown)
        return;
    // A row the model took is new to the list (one that sorts past the
    // loaded pages, or may not match the search, is left to them); a row
    // it let go has left the list. What cannot be told from here (a row
    // never loaded leaving) the next total from the server corrects.
    const int delta = shown ? 1 : -1;
    if (m_total >= 0)
        m_total = qMax<qint64>(0, m_total + delta);
    if (!m_text.isEmpty() && m_matches >= 0)
        m_matches = qMax<qint64>(0, m_matches + delta);
    emitCounts();
}

void NotificationPager::setTotal(qint64 total)
{
    m_total = total;
    emitCounts();
}

void NotificationPager::emitCounts()
{
    const qint64 loaded = m_model->rowCount();
    const bool more = m_model->moreAvailable();
    if (m_text.isEmpty()) {
        // A total below what is shown is out of date (the status lags a moment).
        if (m_total >= loaded)
            Q_EMIT countChanged(m_total, false);
        else
            Q_EMIT countChanged(loaded, more);
        Q_EMIT matchCountChanged(-1, false);
        return;
    }
    if (m_total >= 0)
        Q_EMIT countChanged(m_total, false);
    if (m_matches >= loaded)
        Q_EMIT matchCountChanged(m_matches, false);
    else
        Q_EMIT matchCountChanged(loaded, more);
}

} // namespace Vigia

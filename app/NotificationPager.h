#pragma once

#include "ApiClient.h"
#include "Notification.h"
#include "SnapshotLoad.h"

#include <QObject>

namespace Vigia {

class NotificationModel;

// One list of notifications that vigiad pages (the Failed tab, the Waiting
// tab): its query (states, search, sort), the cursor of its next page and
// its counts. load() replaces the model's rows with the query's first page;
// the model asking for more (moreRequested) brings the next page. An answer
// for an older query is dropped. Live changes go through apply(), so the
// counts follow them and a first page on its way cannot undo them.
class NotificationPager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationPager)

public:
    // states: the server's filter ("failed", "pending,sending").
    NotificationPager(ApiClient *api, NotificationModel *model, QString states,
                      QObject *parent = nullptr);

    // The server's order: a field of NotificationModel::sortField(). False
    // when it is already the order; the caller then need not load().
    bool setSort(const QString &field, bool descending);
    // What the server matches (trimmed); empty: the whole list. False when unchanged.
    bool setSearch(const QString &text);
    QString search() const { return m_text; }
    // The first page of the current query, replacing the model's rows.
    void load();

    // A change from the live feed: the model takes it (or lets the row go)
    // and the counts follow.
    void apply(const Notification &notification);
    // The whole list's size as the server counts it elsewhere (the status).
    void setTotal(qint64 total);
    // Every row of the list (no search); -1 unknown.
    qint64 total() const { return m_total; }
    // The current search's matches; -1 without a search or unknown.
    qint64 matches() const { return m_matches; }

Q_SIGNALS:
    // The first page of a query is in the model.
    void loaded();
    // A page did not come (more: a next page; else the first).
    void failed(bool more, const QString &reason);
    // Every row of the list: the server's total, or the rows loaded when it
    // is not known (atLeast while more pages remain).
    void countChanged(qint64 count, bool atLeast);
    // The current search's matches, likewise; -1 without a search.
    void matchCountChanged(qint64 count, bool atLeast);

private:
    NotificationQuery query() const;
    void loadMore();
    void emitCounts();

    ApiClient *m_api;
    NotificationModel *m_model;
    QString m_states;
    QString m_text;
    QString m_sort;
    QString m_cursor;
    // Each load() starts a query; an answer for an older one is dropped.
    int m_query = 0;
    qint64 m_total = -1;
    qint64 m_matches = -1;
    SnapshotLoad<Notification> m_firstPage;
};

} // namespace Vigia

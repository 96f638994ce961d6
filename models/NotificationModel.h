#pragma once

#include "Clock.h"
#include "KeyedRows.h"
#include "Notification.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

namespace Vigia {

// Notifications in a table, fed incrementally: each change from the live
// feed becomes one insert, update or removal. Rows are found by id in O(1).
//
// A long list comes a page at a time: the model says when the server has
// more (canFetchMore) and, asked for it (fetchMore), emits moreRequested();
// whoever talks to the server answers with appendPage(). The rows are in
// the server's order (setSortOrder); a live row is placed by it, or left for
// a later page when it sorts after the loaded tail.
class NotificationModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationModel)

public:
    enum Column {
        OrderColumn,
        CustomerColumn,
        ClaimColumn, // who is handling it ("I'm handling this"), while the claim lasts
        ChannelColumn,
        RecipientColumn,
        TypeColumn,
        StateColumn, // hidden where every row has the same state (the Failed tab)
        AttemptsColumn,
        AgeColumn,
        LastErrorColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole,
        StateRole,
        CreatedAtRole,
        OrderIdRole,
        StaleRole, // shown data may be out of date: the console is not live
        SortRole,
        // The operator handling the row while the claim lasts by the
        // console's clock; empty when nobody is (or the claim has lapsed).
        ClaimedByRole,
        ClaimedUntilRole, // QDateTime, invalid when ClaimedByRole is empty
        ClaimedByMeRole, // bool: the holder is this console's operator
        TypeCodeRole, // the raw type code (ORDER_SHIPPED) the Type column names
        // What a filter matches: the shown text, and for the type its code too.
        FilterRole,
        // PendingMark: an operator's action on the row that vigiad has not
        // taken yet (kept by the console while it could not send it).
        PendingMarkRole,
    };
    Q_ENUM(Role)

    // Where an action taken on a row stands, until vigiad answers it.
    enum class PendingMark {
        None,
        Queued, // kept locally, to send when the link is back
        Sending, // sent, no answer yet
        Refused, // vigiad said no; the text says why
    };
    Q_ENUM(PendingMark)

    // clock decides the Age column; states chooses which notifications belong here.
    explicit NotificationModel(const Clock *clock, QSet<NotificationState> states,
                               QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // The server field a column sorts by (created_at, customer_name,
    // order_id), empty when the server cannot sort by it. The Age column
    // sorts by created_at: ascending age is newest first.
    static QString sortField(int column);
    // What the server is asked for when the operator sorts by `column` in
    // `order`: the field (empty when the server cannot sort by it) and,
    // in *descending, the direction (age grows as created_at falls).
    static QString serverSort(int column, Qt::SortOrder order, bool *descending);
    // A notification's type code in the operator's language ("Order shipped"
    // for ORDER_SHIPPED); a code this console does not know is shown as it is.
    static QString typeText(const QString &code);
    // The type codes typeText() names (the bot's documented ones and vigiad's own).
    static QStringList knownTypeCodes();
    // The order the rows come in, as the server sorts them (field, descending):
    // where a live row goes. Empty field: live rows are appended.
    void setSortOrder(const QString &field, bool descending);
    QString sortOrderField() const { return m_sortField; }
    bool sortDescending() const { return m_sortDescending; }
    // Whether a notification not shown yet may enter from the live feed; off
    // while the rows answer a search only the server can match.
    void setTakesNewRows(bool takes) { m_takesNewRows = takes; }

    // Adds, updates or removes the row, depending on whether the
    // notification's state belongs in this model.
    void upsert(const Notification &notification);
    void remove(const QString &id);
    // Replaces everything: for the first load, a new search and after a
    // resync only. moreAvailable: the server has further pages.
    void replaceAll(const QList<Notification> &notifications, bool moreAvailable = false);
    // The next page, as asked for by moreRequested(); rows already shown
    // (moved by a live change) are not added twice.
    void appendPage(const QList<Notification> &notifications, bool moreAvailable);
    // The server says the list holds this many rows: room is made for them
    // (up to a bound) before the pages come, so none moves the rows loaded.
    void expectRows(qint64 rows);
    // The page asked for did not come: fetchMore may ask again.
    void pageFailed() { setFetching(false); }
    // A page asked for by moreRequested() has not come yet.
    bool isFetching() const { return m_fetching; }
    bool moreAvailable() const { return m_moreAvailable; }
    void setStale(bool stale);
    bool isStale() const { return m_stale; }
    // The Age column moves with time; the view calls this on a timer for
    // the rows it shows (first to last; every row when last is -1): telling
    // every view and proxy about 100,000 rows would hold the GUI thread.
    void refreshAges(int first = 0, int last = -1);
    // The token name this console acts as: its own claims read "You".
    void setOperatorName(const QString &name);
    QString operatorName() const { return m_operatorName; }
    // A claim lapses by time alone, with no event: whoever owns a timer
    // calls this at claimExpiryAfter() so the rows stop showing it. Only
    // rows that carry a claim change.
    void refreshClaims();
    // The earliest end of a claim still running at `now`, among rows first
    // to last (every row when last is -1); invalid when none.
    QDateTime claimExpiryAfter(const QDateTime &now, int first = 0, int last = -1) const;

    // A row's pending action: the Handled by column names where it stands
    // (over any claim), and its tooltip says the rest (detail). Kept by id:
    // a row reloaded from vigiad keeps it.
    void setPendingMark(const QString &id, PendingMark mark, const QString &detail);
    void clearPendingMark(const QString &id) { setPendingMark(id, PendingMark::None, {}); }
    PendingMark pendingMark(const QString &id) const;

    std::optional<Notification> notification(const QString &id) const;
    // Every row, in order: a shared copy (O(1)) for the console's local snapshot.
    const QList<Notification> &rows() const { return m_rows.rows(); }
    int rowOf(const QString &id) const { return m_rows.rowOf(id); }
    QStringList ids() const;

Q_SIGNALS:
    // The view scrolled to the end of what is loaded: fetch the next page.
    void moreRequested();
    // A next page started or stopped being fetched (isFetching()).
    void fetchingChanged(bool fetching);

private:
    // Where a notification goes in the current order; size() past the end.
    int insertionRow(const Notification &n) const;
    bool sortsBefore(const Notification &a, const Notification &b) const;
    void setFetching(bool fetching);
    // Empties m_rows; a long list is freed off the GUI thread.
    void releaseRows();
    bool accepts(const Notification &n) const { return m_states.contains(n.state); }
    QString ageText(const QDateTime &since) const;
    QString claimText(const Notification &n) const;
    QString displayText(const Notification &n, int column) const;
    QString claimToolTip(const Notification &n) const;
    static QString channelText(Channel channel);
    static QString stateText(NotificationState state);
    static QString pendingText(PendingMark mark);

    const Clock *m_clock;
    QSet<NotificationState> m_states;
    struct IdOf
    {
        QString operator()(const Notification &n) const { return n.id; }
    };
    KeyedRows<Notification, IdOf> m_rows;
    bool m_stale = true;
    bool m_moreAvailable = false;
    bool m_fetching = false;
    bool m_takesNewRows = true;
    QString m_sortField;
    bool m_sortDescending = true;
    QString m_operatorName;
    struct Pending
    {
        PendingMark mark = PendingMark::None;
        QString detail;
    };
    QHash<QString, Pending> m_pending;
};

} // namespace Vigia

#pragma once

#include "Clock.h"
#include "Session.h"

#include "KeyedRows.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

namespace Vigia {

// The sessions vigiad keeps for the bot (voice, game, party, …), fed
// incrementally: a live "session" event becomes one insert, update or
// removal. Rows are found by id (kind + "/" + key) in O(1); the order is the
// arrival order, so the view sorts and filters through a proxy.
class SessionModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionModel)

public:
    enum Column {
        KindColumn,
        UserColumn,
        WhereColumn,
        PlayersColumn,
        StartedColumn,
        DurationColumn,
        ConfirmedColumn,
        EntryNotifiedColumn,
        SuspectColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole,
        KindRole, // the API name, untranslated
        KeyRole,
        PlayersRole, // QStringList: a party's players, empty otherwise
        StartedAtRole,
        LastSeenAtRole,
        SuspectRole, // bool: no update from the bot for longer than vigiad's limit
        SortRole,
    };
    Q_ENUM(Role)

    // clock decides the Duration column.
    explicit SessionModel(const Clock *clock, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Adds the session or updates its row in place. A report older than the
    // row (a snapshot that raced the feed) is ignored.
    void upsert(const Session &session);
    void remove(const QString &kind, const QString &key);
    // A live "session" event: state "ended" removes the row, anything else upserts.
    void apply(const QJsonObject &event);
    // Replaces everything: for the first load and after a resync only.
    void replaceAll(const QList<Session> &sessions);
    // Every row in the model's order (what the local snapshot keeps).
    const QList<Session> &rows() const { return m_rows.rows(); }
    // Durations are relative to now; the view calls this on a timer.
    void refreshDurations();

    static QString idOf(const QString &kind, const QString &key) { return kind + u'/' + key; }
    std::optional<Session> session(const QString &kind, const QString &key) const;
    int rowOf(const QString &kind, const QString &key) const;
    // Every kind that has at least one row, sorted.
    QStringList kinds() const;
    int suspectCount() const { return m_suspectCount; }

    // The operator-facing name of a kind ("voice" → "Voice"); unknown kinds as they come.
    static QString kindText(const QString &kind);
    // "pino, luz, ana (3)".
    static QString playersText(const QStringList &players);

Q_SIGNALS:
    // A kind appeared or its last session ended.
    void kindsChanged(const QStringList &kinds);
    void suspectCountChanged(int suspect);

private:
    static QStringList playersOf(const Session &session);
    // Keep the per-kind and suspect counts; true when a kind appeared or vanished.
    bool countIn(const Session &session);
    bool countOut(const Session &session);
    void emitCountChanges(bool kindsChanged, int suspectBefore);
    QString durationText(const Session &session) const;
    QString whereText(const Session &session) const;

    const Clock *m_clock;
    struct IdOf
    {
        QString operator()(const Session &s) const { return idOf(s.kind, s.key); }
    };
    KeyedRows<Session, IdOf> m_rows;
    // Rows per kind, kept as rows come and go so the kind filter never rescans.
    QHash<QString, int> m_kindCounts;
    int m_suspectCount = 0;
};

} // namespace Vigia

#pragma once

#include "Clock.h"
#include "Session.h"

#include "KeyedRows.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>

namespace Vigia {

// Multi-step conversations in progress (create a tariff: price → duration →
// name), fed incrementally from the snapshot and the live feed. Rows are
// found by id (user + "/" + flow) in O(1). A row whose expiry passes is shown
// as expired until vigiad's sweeper reports it and the row goes.
class ConversationModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationModel)

public:
    enum Column { UserColumn, FlowColumn, StepColumn, ExpiresInColumn, UpdatedColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole,
        UserIdRole, // the conversation's user, as the bot names it
        FlowRole,
        StepRole,
        ExpiresAtRole,
        ExpiredRole, // bool: past its expiry by our clock, not yet removed by vigiad
        DataRole, // QVariantMap: what the flow collected so far
        SortRole,
    };
    Q_ENUM(Role)

    // clock decides the countdowns and when a row counts as expired.
    explicit ConversationModel(const Clock *clock, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Adds the conversation or updates its row in place; a report older than
    // the row is ignored.
    void upsert(const Conversation &conversation);
    void remove(const QString &user, const QString &flow);
    // A live "conversation" event: "ended" and "expired" remove the row.
    void apply(const QJsonObject &event);
    // Replaces everything: for the first load and after a resync only.
    void replaceAll(const QList<Conversation> &conversations);
    // Every row in the model's order (what the local snapshot keeps).
    const QList<Conversation> &rows() const { return m_rows.rows(); }
    // Countdowns move with time, and rows expire; the view calls this on a timer.
    void refreshCountdowns();

    static QString idOf(const QString &user, const QString &flow) { return user + u'/' + flow; }
    std::optional<Conversation> conversation(const QString &user, const QString &flow) const;
    int rowOf(const QString &user, const QString &flow) const;
    bool isExpired(const Conversation &conversation) const;

private:
    void trackExpiry(const Conversation &conversation);
    QString countdownText(const Conversation &conversation) const;

    const Clock *m_clock;
    struct IdOf
    {
        QString operator()(const Conversation &c) const { return idOf(c.user, c.flow); }
    };
    KeyedRows<Conversation, IdOf> m_rows;
    // Rows last shown as expired: a tick repaints the whole row only when this changes.
    QSet<QString> m_shownExpired;
};

} // namespace Vigia

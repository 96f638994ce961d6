#include "SessionModel.h"

#include <QJsonArray>
#include <QLocale>

namespace Vigia {

SessionModel::SessionModel(const Clock *clock, QObject *parent)
    : QAbstractTableModel(parent), m_clock(clock)
{ }

int SessionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int SessionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int SessionModel::rowOf(const QString &kind, const QString &key) const
{
    return m_rows.rowOf(idOf(kind, key));
}

std::optional<Session> SessionModel::session(const QString &kind, const QString &key) const
{
    const int row = rowOf(kind, key);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row);
}

QStringList SessionModel::kinds() const
{
    QStringList out = m_kindCounts.keys();
    out.sort();
    return out;
}

QString SessionModel::kindText(const QString &kind)
{
    // The kinds the docs name; a bot may invent others, shown as they come.
    if (kind == QLatin1String("voice"))
        return tr("Voice");
    if (kind == QLatin1String("game"))
        return tr("Game");
    if (kind == QLatin1String("party"))
        return tr("Party");
    if (kind == QLatin1String("conversation"))
        return tr("Conversation");
    return kind;
}

QString SessionModel::playersText(const QStringList &players)
{
    if (players.isEmpty())
        return {};
    return tr("%1 (%2)").arg(players.join(QStringLiteral(", "))).arg(players.size());
}

QStringList SessionModel::playersOf(const Session &session)
{
    // Bots list players by name; one that sends objects gets their name shown.
    QStringList out;
    const QJsonArray players = session.data.value(QStringLiteral("players")).toArray();
    for (const QJsonValue p : players) {
        QString name = p.toString();
        if (name.isEmpty() && p.isObject()) {
            const QJsonObject o = p.toObject();
            name = o.value(QStringLiteral("username"))
                           .toString(o.value(QStringLiteral("name")).toString());
        }
        if (!name.isEmpty())
            out << name;
    }
    return out;
}

QString SessionModel::whereText(const Session &session) const
{
    // A party is in a game: the game is where it is.
    QString game = session.data.value(QStringLiteral("game")).toString();
    if (session.kind == QLatin1String("party") && !game.isEmpty())
        return game;
    return session.where.isEmpty() ? game : session.where;
}

QString SessionModel::durationText(const Session &session) const
{
    if (!session.startedAt.isValid())
        return {};
    const qint64 seconds = qMax<qint64>(0, session.startedAt.secsTo(m_clock->now()));
    if (seconds < 60)
        return tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return tr("%n min", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
}

QVariant SessionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Session &s = m_rows.at(index.row());
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KindColumn: return kindText(s.kind);
        case UserColumn:
            if (!s.username.isEmpty())
                return s.username;
            return s.userId.isEmpty() ? s.key : s.userId;
        case WhereColumn: return whereText(s);
        case PlayersColumn: return playersText(playersOf(s));
        case StartedColumn:
            return s.startedAt.isValid()
                    ? locale.toString(s.startedAt.toLocalTime(), QLocale::ShortFormat)
                    : QString();
        case DurationColumn: return durationText(s);
        case ConfirmedColumn: return s.confirmed ? tr("Yes") : tr("No");
        case EntryNotifiedColumn: return s.entryNotified ? tr("Yes") : tr("No");
        case SuspectColumn: return s.suspect ? tr("Yes") : tr("No");
        default: return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case UserColumn:
            return tr("Key: %1\nUser id: %2").arg(s.key, s.userId.isEmpty() ? tr("—") : s.userId);
        case PlayersColumn: {
            const QStringList players = playersOf(s);
            return players.isEmpty() ? QVariant() : QVariant(players.join(u'\n'));
        }
        case StartedColumn:
            return s.startedAt.isValid()
                    ? QVariant(locale.toString(s.startedAt.toLocalTime(), QLocale::LongFormat))
                    : QVariant();
        case ConfirmedColumn:
            return s.confirmed ? tr("The bot confirmed this session")
                               : tr("The bot has not confirmed this session");
        case EntryNotifiedColumn:
            // What an operator wants to know: will anyone be told when it ends?
            return s.entryNotified ? tr("The arrival was announced: the exit will be too")
                                   : tr("Silent session: no exit notice is owed");
        default:
            if (!s.lastSeenAt.isValid())
                return {};
            return s.suspect
                    ? tr("No update from the bot since %1")
                              .arg(locale.toString(s.lastSeenAt.toLocalTime(), QLocale::LongFormat))
                    : tr("Last update from the bot: %1")
                              .arg(locale.toString(s.lastSeenAt.toLocalTime(),
                                                   QLocale::LongFormat));
        }
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole: return idOf(s.kind, s.key);
    case KindRole: return s.kind;
    case KeyRole: return s.key;
    case PlayersRole: return playersOf(s);
    case StartedAtRole: return s.startedAt;
    case LastSeenAtRole: return s.lastSeenAt;
    case SuspectRole: return s.suspect;
    case SortRole:
        switch (index.column()) {
        case StartedColumn: return s.startedAt.toMSecsSinceEpoch();
        // Longest first when descending: the same order as Started, reversed.
        case DurationColumn: return -s.startedAt.toMSecsSinceEpoch();
        case WhereColumn: return whereText(s).toCaseFolded();
        case PlayersColumn: return int(playersOf(s).size());
        case ConfirmedColumn: return s.confirmed;
        case EntryNotifiedColumn: return s.entryNotified;
        case SuspectColumn: return s.suspect;
        default: return data(index, Qt::DisplayRole);
        }
    default: return {};
    }
}

QVariant SessionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole && section == SuspectColumn)
        return tr("No update from the bot for longer than vigiad's limit: the person may have "
                  "left while nobody was watching");
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KindColumn: return tr("Kind");
    case UserColumn: return tr("User");
    case WhereColumn: return tr("Where");
    case PlayersColumn: return tr("Players");
    case StartedColumn: return tr("Started");
    case DurationColumn: return tr("Duration");
    case ConfirmedColumn: return tr("Confirmed");
    case EntryNotifiedColumn: return tr("Entry notified");
    case SuspectColumn: return tr("Suspect");
    default: return {};
    }
}

QHash<int, QByteArray> SessionModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "sessionId");
    names.insert(KindRole, "kind");
    names.insert(KeyRole, "key");
    names.insert(PlayersRole, "players");
    names.insert(StartedAtRole, "startedAt");
    names.insert(LastSeenAtRole, "lastSeenAt");
    names.insert(SuspectRole, "suspect");
    return names;
}

bool SessionModel::countIn(const Session &session)
{
    if (session.suspect)
        ++m_suspectCount;
    return ++m_kindCounts[session.kind] == 1;
}

bool SessionModel::countOut(const Session &session)
{
    if (session.suspect)
        --m_suspectCount;
    const auto it = m_kindCounts.find(session.kind);
    if (it == m_kindCounts.end() || --*it > 0)
        return false;
    m_kindCounts.erase(it);
    return true;
}

void SessionModel::emitCountChanges(bool kindsChanged, int suspectBefore)
{
    if (kindsChanged)
        Q_EMIT this->kindsChanged(kinds());
    if (m_suspectCount != suspectBefore)
        Q_EMIT suspectCountChanged(m_suspectCount);
}

void SessionModel::upsert(const Session &session)
{
    const int suspectBefore = m_suspectCount;
    const QString id = idOf(session.kind, session.key);
    const int row = m_rows.rowOf(id);
    if (row >= 0) {
        const Session &shown = m_rows.at(row);
        if (session.lastSeenAt.isValid() && shown.lastSeenAt.isValid()
            && session.lastSeenAt < shown.lastSeenAt)
            return;
        countOut(shown);
        countIn(session);
        m_rows.replace(row, session);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        emitCountChanges(false, suspectBefore);
        return;
    }
    const int at = m_rows.size();
    beginInsertRows({}, at, at);
    m_rows.append(session);
    const bool kindsChanged = countIn(session);
    endInsertRows();
    emitCountChanges(kindsChanged, suspectBefore);
}

void SessionModel::remove(const QString &kind, const QString &key)
{
    const int row = rowOf(kind, key);
    if (row < 0)
        return;
    const int suspectBefore = m_suspectCount;
    beginRemoveRows({}, row, row);
    const bool kindsChanged = countOut(m_rows.at(row));
    m_rows.removeAt(row);
    endRemoveRows();
    emitCountChanges(kindsChanged, suspectBefore);
}

void SessionModel::apply(const QJsonObject &event)
{
    const auto session = Session::fromJson(event);
    if (!session)
        return;
    if (event.value(QStringLiteral("state")).toString() == QLatin1String("ended"))
        remove(session->kind, session->key);
    else
        upsert(*session);
}

void SessionModel::replaceAll(const QList<Session> &sessions)
{
    const QStringList kindsBefore = kinds();
    const int suspectBefore = m_suspectCount;
    beginResetModel();
    m_rows.reset(sessions);
    m_kindCounts.clear();
    m_suspectCount = 0;
    for (const Session &s : m_rows)
        countIn(s);
    endResetModel();
    emitCountChanges(kinds() != kindsBefore, suspectBefore);
}

void SessionModel::refreshDurations()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, DurationColumn), index(m_rows.size() - 1, DurationColumn),
                           {Qt::DisplayRole, SortRole});
}

} // namespace Vigia

#include "IncidentModel.h"

#include <QFont>
#include <QLocale>
#include <QSet>

#include <algorithm>
#include <limits>

namespace Vigia {

IncidentModel::IncidentModel(const Clock *clock, int capacity, QObject *parent)
    : QAbstractTableModel(parent), m_clock(clock), m_capacity(qMax(1, capacity))
{ }

int IncidentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int IncidentModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int IncidentModel::rowOf(const QString &id) const
{
    return m_rows.rowOf(id);
}

std::optional<Incident> IncidentModel::incident(const QString &id) const
{
    const int row = rowOf(id);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row);
}

QString IncidentModel::durationText(const Incident &incident) const
{
    const QDateTime end = incident.isOpen() ? m_clock->now() : incident.endedAt;
    const qint64 seconds = qMax<qint64>(0, incident.startedAt.secsTo(end));
    if (seconds < 60)
        return tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return tr("%n min", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
}

QVariant IncidentModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Incident &i = m_rows.at(index.row());
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KindColumn:
            return i.kind == Incident::Kind::WebhookOnly ? tr("Webhook only")
                                                         : tr("Total communication loss");
        case StartedColumn: return locale.toString(i.startedAt.toLocalTime(), QLocale::ShortFormat);
        case EndedColumn:
            return i.isOpen() ? tr("Ongoing")
                              : locale.toString(i.endedAt.toLocalTime(), QLocale::ShortFormat);
        case DurationColumn: return durationText(i);
        case ReachedColumn:
            switch (i.reached) {
            case Incident::Reached::Customer: return tr("Customer");
            case Incident::Reached::Admin: return tr("Admin only");
            case Incident::Reached::None: return tr("No one");
            }
            return {};
        case AffectedColumn: return int(i.notificationIds.size());
        default: return {};
        }
    case Qt::ToolTipRole:
        switch (index.column()) {
        case KindColumn:
            return i.kind == Incident::Kind::WebhookOnly
                    ? tr("The gateway still reached the customer or the admin: "
                         "only the bot's own deliveries failed.")
                    : tr("Neither the customer nor the admin could be reached.");
        case AffectedColumn:
            return i.notificationIds.isEmpty() ? QVariant()
                                               : QVariant(i.notificationIds.join(u'\n'));
        default: return i.resolution.isEmpty() ? QVariant() : QVariant(i.resolution);
        }
    case Qt::FontRole:
        // Open incidents are the ones an operator has to act on.
        if (i.isOpen()) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn || index.column() == AffectedColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole: return i.id;
    case KindRole: return Incident::kindName(i.kind);
    case OpenRole: return i.isOpen();
    case StartedAtRole: return i.startedAt;
    case NotificationIdsRole: return i.notificationIds;
    case SortRole:
        switch (index.column()) {
        case StartedColumn: return i.startedAt.toMSecsSinceEpoch();
        // Open incidents sort as the latest to end.
        case EndedColumn:
            return i.isOpen() ? std::numeric_limits<qint64>::max() : i.endedAt.toMSecsSinceEpoch();
        case DurationColumn: return i.startedAt.secsTo(i.isOpen() ? m_clock->now() : i.endedAt);
        case AffectedColumn: return int(i.notificationIds.size());
        default: return data(index, Qt::DisplayRole);
        }
    default: return {};
    }
}

QVariant IncidentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KindColumn: return tr("Kind");
    case StartedColumn: return tr("Started");
    case EndedColumn: return tr("Ended");
    case DurationColumn: return tr("Duration");
    case ReachedColumn: return tr("Reached");
    case AffectedColumn: return tr("Affected");
    default: return {};
    }
}

QHash<int, QByteArray> IncidentModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "incidentId");
    names.insert(KindRole, "kind");
    names.insert(OpenRole, "open");
    names.insert(StartedAtRole, "startedAt");
    names.insert(NotificationIdsRole, "notificationIds");
    return names;
}

bool IncidentModel::isOlderReport(const Incident &incoming, const Incident &shown)
{
    // A closed incident never reopens (a new outage is a new incident), and an
    // open one only gains notifications; anything else is a late duplicate.
    if (!shown.isOpen() && incoming.isOpen())
        return true;
    return incoming.isOpen() == shown.isOpen()
            && incoming.notificationIds.size() < shown.notificationIds.size();
}

bool IncidentModel::startsBefore(const Incident &a, const Incident &b)
{
    return a.startedAt < b.startedAt;
}

int IncidentModel::insertionRow(const Incident &incident) const
{
    // Rows are sorted by start time, newest first: the first row that started
    // earlier than the newcomer is where it goes (usually row 0).
    const auto it = std::partition_point(m_rows.begin(), m_rows.end(), [&](const Incident &row) {
        return !startsBefore(row, incident);
    });
    return int(it - m_rows.begin());
}

void IncidentModel::upsert(const Incident &incident)
{
    const int row = rowOf(incident.id);
    if (row >= 0) {
        const Incident &shown = m_rows.at(row);
        if (isOlderReport(incident, shown))
            return;
        if (shown.startedAt == incident.startedAt) {
            m_rows.replace(row, incident);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            updateOpenCount();
            return;
        }
        // The start time moved (a correction from the server): the row has to
        // move too, which is rare enough to do as a removal and an insertion.
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    const int at = insertionRow(incident);
    if (at >= m_capacity)
        return; // older than everything a full model keeps
    beginInsertRows({}, at, at);
    m_rows.insert(at, incident);
    endInsertRows();
    trimToCapacity();
    updateOpenCount();
}

void IncidentModel::trimToCapacity()
{
    while (m_rows.size() > m_capacity) {
        const int last = m_rows.size() - 1;
        beginRemoveRows({}, last, last);
        m_rows.removeAt(last);
        endRemoveRows();
    }
}

void IncidentModel::replaceAll(const QList<Incident> &incidents)
{
    // Newest first, a repeated id kept once, only as many as the model holds.
    QList<Incident> sorted = incidents;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Incident &a, const Incident &b) { return startsBefore(b, a); });
    beginResetModel();
    m_rows.reset(sorted);
    m_rows.truncate(m_capacity);
    endResetModel();
    updateOpenCount();
}

void IncidentModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
    updateOpenCount();
}

void IncidentModel::refreshDurations()
{
    int first = -1;
    int last = -1;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).isOpen()) {
            if (first < 0)
                first = row;
            last = row;
        }
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, DurationColumn), index(last, DurationColumn),
                           {Qt::DisplayRole, SortRole});
}

void IncidentModel::updateOpenCount()
{
    const int open = int(std::count_if(m_rows.begin(), m_rows.end(),
                                       [](const Incident &i) { return i.isOpen(); }));
    if (open == m_openCount)
        return;
    m_openCount = open;
    Q_EMIT openCountChanged(open);
}

} // namespace Vigia

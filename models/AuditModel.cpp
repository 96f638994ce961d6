#include "AuditModel.h"

#include "WireContract.h"

#include <QJsonDocument>
#include <QLocale>
#include <QSet>

#include <algorithm>

namespace Vigia {

AuditModel::AuditModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent), m_capacity(qMax(1, capacity))
{ }

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int AuditModel::rowOf(const QString &id) const
{
    return m_rows.rowOf(id);
}

std::optional<AuditEntry> AuditModel::record(const QString &id) const
{
    const int row = rowOf(id);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row);
}

QString AuditModel::actionText(const QString &action)
{
    // The names vigiad writes; anything newer is shown as it comes.
    const std::optional<AuditAction> known = auditActionFromName(action);
    if (!known)
        return action;
    // No default: a new action fails to compile until it has a name here.
    switch (*known) {
    case AuditAction::Retry: return tr("Retry");
    case AuditAction::Resolve: return tr("Mark contacted");
    case AuditAction::Claim: return tr("I'm handling it (claim)");
    case AuditAction::Release: return tr("Stop handling (release)");
    case AuditAction::RetryFailed: return tr("Retry all failed");
    case AuditAction::Cleanup: return tr("Clean up queue");
    case AuditAction::HealthCheck: return tr("Health check");
    case AuditAction::BotRestart: return tr("Restart bot");
    case AuditAction::GatewayRestart: return tr("Restart gateway");
    case AuditAction::ConversationClear: return tr("Clear conversation");
    case AuditAction::ConversationClearFlow: return tr("Clear flow");
    case AuditAction::Retention: return tr("Retention clean-up");
    }
    return action;
}

QString AuditModel::outcomeText(const AuditEntry &record)
{
    if (record.succeeded())
        return tr("OK");
    // The reason is worth more than the code; vigiad puts it in detail.error.
    const QString error = record.detail.value(QStringLiteral("error")).toString();
    if (!error.isEmpty())
        return tr("Failed: %1").arg(error);
    if (record.outcome == QLatin1String("failed") || record.outcome == QLatin1String("failing")
        || record.outcome.isEmpty())
        return tr("Failed");
    return tr("Failed: %1").arg(record.outcome);
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AuditEntry &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: return QLocale().toString(r.at.toLocalTime(), QLocale::ShortFormat);
        case ActorColumn: return r.actor;
        case ActionColumn: return actionText(r.action);
        case TargetColumn: return r.target;
        case OutcomeColumn: return outcomeText(r);
        default: return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return QLocale().toString(r.at.toLocalTime(), QLocale::LongFormat);
        if (!r.detail.isEmpty())
            return QString::fromUtf8(QJsonDocument(r.detail).toJson(QJsonDocument::Indented));
        return {};
    case IdRole: return r.id;
    case AtRole: return r.at;
    case ActionRole: return r.action;
    case SucceededRole: return r.succeeded();
    case DetailRole: return r.detail.toVariantMap();
    case SortRole:
        if (index.column() == TimeColumn)
            return r.at.toMSecsSinceEpoch();
        return data(index, Qt::DisplayRole);
    default: return {};
    }
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case ActorColumn: return tr("Who");
    case ActionColumn: return tr("Action");
    case TargetColumn: return tr("Target");
    case OutcomeColumn: return tr("Outcome");
    default: return {};
    }
}

QHash<int, QByteArray> AuditModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "auditId");
    names.insert(AtRole, "at");
    names.insert(ActionRole, "action");
    names.insert(SucceededRole, "succeeded");
    names.insert(DetailRole, "detail");
    return names;
}

int AuditModel::insertionRow(const AuditEntry &record) const
{
    // Newest first; an entry as new as the top goes above it.
    const auto it = std::partition_point(m_rows.begin(), m_rows.end(),
                                         [&](const AuditEntry &row) { return row.at > record.at; });
    return int(it - m_rows.begin());
}

void AuditModel::upsert(const AuditEntry &record)
{
    Q_ASSERT(!record.id.isEmpty());
    const int row = rowOf(record.id);
    if (row >= 0) {
        if (m_rows.at(row) == record)
            return; // the snapshot and the feed both carried it
        if (m_rows.at(row).at == record.at) {
            m_rows.replace(row, record);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            return;
        }
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    const int at = insertionRow(record);
    if (at >= m_capacity)
        return; // older than everything a full log keeps
    beginInsertRows({}, at, at);
    m_rows.insert(at, record);
    endInsertRows();
    trimToCapacity();
}

void AuditModel::trimToCapacity()
{
    while (m_rows.size() > m_capacity) {
        const int last = m_rows.size() - 1;
        beginRemoveRows({}, last, last);
        m_rows.removeAt(last);
        endRemoveRows();
    }
}

void AuditModel::replaceAll(const QList<AuditEntry> &records)
{
    // Newest first, a repeated id kept once, only as many as the model holds.
    QList<AuditEntry> sorted = records;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const AuditEntry &a, const AuditEntry &b) { return a.at > b.at; });
    beginResetModel();
    m_rows.reset(sorted);
    m_rows.truncate(m_capacity);
    endResetModel();
}

void AuditModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

} // namespace Vigia

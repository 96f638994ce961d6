#include "HistoryModel.h"

#include <QLocale>

#include <algorithm>

namespace Vigia {

namespace {
constexpr int kMinuteS = 60;

QVariant countOrNothing(int value)
{
    return value < 0 ? QVariant() : QVariant(value);
}
} // namespace

QString HistoryModel::stateText(StatusState state)
{
    switch (state) {
    case StatusState::Online: return tr("Online");
    case StatusState::Degraded: return tr("Degraded");
    case StatusState::Incommunicado: return tr("Incommunicado");
    case StatusState::Critical: return tr("Critical");
    case StatusState::Offline: return tr("Bot offline");
    case StatusState::Unknown: return tr("Unknown");
    }
    return {};
}

int HistoryModel::stepSeconds(Range range)
{
    switch (range) {
    case Range::LastHour: return 60;
    case Range::LastDay: return 900; // 96 points
    case Range::LastWeek: return 3600; // 168 points
    case Range::LastMonth: return 6 * 3600; // 120 points
    case Range::LastYear: return 24 * 3600; // 365 points
    }
    return 60;
}

qint64 HistoryModel::spanSeconds(Range range)
{
    switch (range) {
    case Range::LastHour: return 3600;
    case Range::LastDay: return 24LL * 3600;
    case Range::LastWeek: return 7LL * 24 * 3600;
    case Range::LastMonth: return 30LL * 24 * 3600;
    case Range::LastYear: return 365LL * 24 * 3600;
    }
    return 3600;
}

HistoryModel::HistoryModel(QObject *parent) : QAbstractTableModel(parent) { }

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

std::optional<double> HistoryModel::successRate(const HistoryBucket &bucket)
{
    const ChannelActivity total = bucket.total();
    if (total.attempts <= 0)
        return std::nullopt;
    return 100.0 * double(total.delivered) / double(total.attempts);
}

QVariant HistoryModel::displayData(const HistoryBucket &b, int column) const
{
    const QLocale locale;
    switch (column) {
    case TimeColumn: return locale.toString(b.at.toLocalTime(), QLocale::ShortFormat);
    case AttemptsColumn: return b.total().attempts;
    case DeliveredColumn: return b.total().delivered;
    case SuccessRateColumn: {
        const auto rate = successRate(b);
        return rate ? tr("%1 %").arg(locale.toString(*rate, 'f', 1)) : QStringLiteral("—");
    }
    case WaitingColumn: return countOrNothing(b.waiting);
    case FailedColumn: return countOrNothing(b.failedTotal);
    case StateColumn: return stateText(b.state);
    default: return {};
    }
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryBucket &b = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayData(b, index.column());
    case Qt::TextAlignmentRole:
        return index.column() == TimeColumn || index.column() == StateColumn
                ? QVariant()
                : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case AtRole: return b.at;
    case StepRole: return b.stepS;
    case AttemptsRole: return b.total().attempts;
    case DeliveredRole: return b.total().delivered;
    case SuccessRateRole: {
        const auto rate = successRate(b);
        return rate ? QVariant(*rate) : QVariant();
    }
    case WaitingRole: return countOrNothing(b.waiting);
    case FailedTotalRole: return countOrNothing(b.failedTotal);
    case StateRole: return int(b.state);
    default: return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case AttemptsColumn: return tr("Attempts");
    case DeliveredColumn: return tr("Delivered");
    case SuccessRateColumn: return tr("Success rate");
    case WaitingColumn: return tr("Waiting");
    case FailedColumn: return tr("Failed");
    case StateColumn: return tr("State");
    default: return {};
    }
}

QHash<int, QByteArray> HistoryModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(AtRole, "at");
    names.insert(StepRole, "step");
    names.insert(AttemptsRole, "attempts");
    names.insert(DeliveredRole, "delivered");
    names.insert(SuccessRateRole, "successRate");
    names.insert(WaitingRole, "waiting");
    names.insert(FailedTotalRole, "failedTotal");
    names.insert(StateRole, "state");
    return names;
}

qint64 HistoryModel::keyOf(const QDateTime &at) const
{
    const qint64 s = at.toSecsSinceEpoch();
    // Floor, also before 1970.
    return (s >= 0 ? s : s - m_stepS + 1) / m_stepS * m_stepS;
}

int HistoryModel::rowOf(const QDateTime &at) const
{
    if (!at.isValid())
        return -1;
    const auto it = m_slots.constFind(keyOf(at));
    return it == m_slots.cend() ? -1 : int(*it - m_top);
}

int HistoryModel::insertionRow(qint64 key) const
{
    const auto it = std::lower_bound(
            m_rows.cbegin(), m_rows.cend(), key,
            [](const HistoryBucket &b, qint64 k) { return b.at.toSecsSinceEpoch() < k; });
    return int(it - m_rows.cbegin());
}

void HistoryModel::insertRow(int row, const HistoryBucket &bucket)
{
    beginInsertRows({}, row, row);
    if (row == 0 && !m_rows.isEmpty()) {
        --m_top;
        m_rows.prepend(bucket);
        m_slots.insert(keyOf(bucket.at), m_top);
    } else {
        m_rows.insert(row, bucket);
        for (int i = row; i < m_rows.size(); ++i)
            m_slots.insert(keyOf(m_rows.at(i).at), m_top + i);
    }
    endInsertRows();
}

void HistoryModel::dropRowsBefore(const QDateTime &from)
{
    int count = 0;
    while (count < m_rows.size() && m_rows.at(count).at.addSecs(m_rows.at(count).stepS) <= from)
        ++count;
    if (count == 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    for (int i = 0; i < count; ++i)
        m_slots.remove(keyOf(m_rows.at(i).at));
    m_rows.remove(0, count);
    m_top += count;
    endRemoveRows();
}

void HistoryModel::replaceAll(const QDateTime &from, const QDateTime &to, int stepS,
                              const QList<HistoryBucket> &buckets,
                              const QList<StatusPeriod> &periods)
{
    beginResetModel();
    m_from = from.toUTC();
    m_to = to.toUTC();
    m_stepS = stepS > 0 ? stepS : kMinuteS;
    m_countedUntil = m_to;
    m_rows.clear();
    m_slots.clear();
    m_top = 0;
    QList<HistoryBucket> sorted = buckets;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const HistoryBucket &a, const HistoryBucket &b) { return a.at < b.at; });
    for (HistoryBucket b : std::as_const(sorted)) {
        if (b.at.addSecs(b.stepS) <= m_from || b.at >= m_to)
            continue;
        const qint64 key = keyOf(b.at);
        if (m_slots.contains(key))
            continue;
        b.at = b.at.toUTC();
        m_slots.insert(key, m_rows.size());
        m_rows.append(b);
    }
    m_periods = periods;
    endResetModel();
    Q_EMIT periodsChanged();
}

void HistoryModel::clear()
{
    replaceAll({}, {}, m_stepS, {}, {});
}

bool HistoryModel::addMinute(const HistoryBucket &minute)
{
    if (!minute.at.isValid() || !m_to.isValid()
        || (m_countedUntil.isValid() && minute.at < m_countedUntil))
        return false;
    const QDateTime end = minute.at.addSecs(qMax(minute.stepS, kMinuteS)).toUTC();
    m_countedUntil = end;
    if (end > m_to) {
        m_from = m_from.addSecs(m_to.secsTo(end));
        m_to = end;
        dropRowsBefore(m_from);
    }
    const qint64 key = keyOf(minute.at);
    if (const int row = rowOf(minute.at); row >= 0) {
        HistoryBucket &b = m_rows[row];
        for (auto it = minute.channels.cbegin(); it != minute.channels.cend(); ++it)
            b.channels[it.key()].merge(it.value());
        // A longer bucket keeps the highest queue and the last of the rest.
        b.waiting = qMax(b.waiting, minute.waiting);
        b.failedTotal = minute.failedTotal;
        if (minute.state != StatusState::Unknown)
            b.state = minute.state;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    } else {
        HistoryBucket b = minute;
        b.at = QDateTime::fromSecsSinceEpoch(key, Qt::UTC);
        b.stepS = m_stepS;
        insertRow(insertionRow(key), b);
    }
    followState(minute);
    return true;
}

void HistoryModel::followState(const HistoryBucket &minute)
{
    // The exact moment is the server's (it comes with the next load); the
    // feed only says what the state was when the minute ended.
    const QDateTime end = minute.at.addSecs(kMinuteS).toUTC();
    if (minute.state != StatusState::Unknown
        && (m_periods.isEmpty() || m_periods.constLast().state != minute.state)) {
        if (!m_periods.isEmpty() && !m_periods.constLast().to.isValid())
            m_periods.last().to = end;
        StatusPeriod p;
        p.from = end;
        p.state = minute.state;
        m_periods.append(p);
    }
    m_periods.removeIf([this](const StatusPeriod &p) { return p.to.isValid() && p.to <= m_from; });
    Q_EMIT periodsChanged();
}

std::optional<double> HistoryModel::uptimePercent() const
{
    if (!m_from.isValid() || !m_to.isValid())
        return std::nullopt;
    qint64 covered = 0;
    qint64 online = 0;
    for (const StatusPeriod &p : m_periods) {
        const QDateTime start = qMax(p.from, m_from);
        const QDateTime end = qMin(p.to.isValid() ? p.to : m_to, m_to);
        const qint64 ms = start.msecsTo(end);
        if (ms <= 0)
            continue;
        covered += ms;
        if (p.state == StatusState::Online)
            online += ms;
    }
    if (covered <= 0)
        return std::nullopt;
    return 100.0 * double(online) / double(covered);
}

} // namespace Vigia

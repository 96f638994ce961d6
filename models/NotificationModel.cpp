#include "NotificationModel.h"

#include <QFont>
#include <QLocale>
#include <QThreadPool>

#include <algorithm>
#include <utility>

namespace Vigia {

NotificationModel::NotificationModel(const Clock *clock, QSet<NotificationState> states,
                                     QObject *parent)
    : QAbstractTableModel(parent), m_clock(clock), m_states(std::move(states))
{ }

int NotificationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int NotificationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString NotificationModel::ageText(const QDateTime &since) const
{
    const qint64 seconds = qMax<qint64>(0, since.secsTo(m_clock->now()));
    if (seconds < 60)
        return tr("%n s", nullptr, int(seconds));
    if (seconds < 3600)
        return tr("%n min", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%n day(s)", nullptr, int(seconds / 86400));
}

QString NotificationModel::claimText(const Notification &n) const
{
    if (!n.isClaimedAt(m_clock->now()))
        return {};
    if (!m_operatorName.isEmpty() && n.claimedBy == m_operatorName)
        return tr("You are handling it");
    return tr("%1 is handling it").arg(n.claimedBy);
}

QString NotificationModel::claimToolTip(const Notification &n) const
{
    const QDateTime now = m_clock->now();
    if (!n.isClaimedAt(now))
        return {};
    // Rounded up: "0 min left" would read as already over.
    const qint64 minutes = (now.secsTo(n.claimedUntil) + 59) / 60;
    return tr("Until %1 (%n min left)", nullptr, int(minutes))
            .arg(QLocale().toString(n.claimedUntil.toLocalTime().time(), QLocale::ShortFormat));
}

QString NotificationModel::channelText(Channel channel)
{
    switch (channel) {
    case Channel::WhatsApp: return tr("WhatsApp");
    case Channel::Discord: return tr("Discord");
    case Channel::Telegram: return tr("Telegram");
    }
    return {};
}

QString NotificationModel::stateText(NotificationState state)
{
    switch (state) {
    case NotificationState::Pending: return tr("Pending");
    case NotificationState::Sending: return tr("Sending");
    case NotificationState::Delivered: return tr("Delivered");
    case NotificationState::Failed: return tr("Failed");
    case NotificationState::Resolved: return tr("Resolved");
    }
    return {};
}

namespace {
// The bot's documented codes (docs/api.md) and the ones vigiad writes itself.
constexpr const char *kKnownTypes[] = {
        "ORDER_RECEIVED", "ORDER_READY",  "ORDER_SHIPPED",    "PAYMENT_CONFIRMED",
        "VOICE_LEAVE",    "SESSION_EXIT", "RECOVERY_SUMMARY",
};
} // namespace

QStringList NotificationModel::knownTypeCodes()
{
    QStringList codes;
    for (const char *code : kKnownTypes)
        codes << QString::fromLatin1(code);
    return codes;
}

QString NotificationModel::typeText(const QString &code)
{
    if (code == QLatin1String("ORDER_RECEIVED"))
        return tr("Order received");
    if (code == QLatin1String("ORDER_READY"))
        return tr("Order ready");
    if (code == QLatin1String("ORDER_SHIPPED"))
        return tr("Order shipped");
    if (code == QLatin1String("PAYMENT_CONFIRMED"))
        return tr("Payment confirmed");
    if (code == QLatin1String("VOICE_LEAVE"))
        return tr("Left the voice channel");
    if (code == QLatin1String("SESSION_EXIT"))
        return tr("Conversation ended");
    if (code == QLatin1String("RECOVERY_SUMMARY"))
        return tr("Recovery summary");
    return code;
}

QString NotificationModel::displayText(const Notification &n, int column) const
{
    switch (column) {
    case OrderColumn: return n.orderId.isEmpty() ? tr("—") : n.orderId;
    case CustomerColumn: return n.customerName;
    case ClaimColumn:
        if (!m_pending.isEmpty()) {
            if (const auto it = m_pending.constFind(n.id); it != m_pending.cend())
                return pendingText(it->mark);
        }
        return claimText(n);
    case ChannelColumn: return channelText(n.channel);
    case RecipientColumn: return n.recipient;
    case TypeColumn: return typeText(n.type);
    case StateColumn: return stateText(n.state);
    case AttemptsColumn: return tr("%1/%2").arg(n.attempts).arg(n.maxAttempts);
    case AgeColumn: return ageText(n.createdAt);
    case LastErrorColumn: return n.lastError;
    default: return {};
    }
}

QVariant NotificationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Notification &n = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return displayText(n, index.column());
    case Qt::ToolTipRole:
        if (index.column() == LastErrorColumn && !n.lastError.isEmpty())
            return n.lastError;
        if (index.column() == TypeColumn && !n.type.isEmpty()) {
            // The name whole (the column may elide it) and the code the bot
            // sent, as search and the API know it.
            const QString name = typeText(n.type);
            return name == n.type ? n.type : QStringLiteral("%1 (%2)").arg(name, n.type);
        }
        if (index.column() == ClaimColumn && m_pending.contains(n.id))
            return m_pending.value(n.id).detail;
        if (index.column() == ClaimColumn && n.isClaimedAt(m_clock->now()))
            return QString(claimText(n) + u'\n' + claimToolTip(n)); // the column may elide it
        if (index.column() == AgeColumn)
            return QLocale().toString(n.createdAt.toLocalTime(), QLocale::LongFormat);
        if (index.column() == StateColumn && n.nextAttemptAt.isValid()
            && n.state == NotificationState::Pending)
            return tr("Next attempt at %1")
                    .arg(QLocale().toString(n.nextAttemptAt.toLocalTime(), QLocale::LongFormat));
        if (m_stale)
            return tr("Not live: this row may be out of date");
        return {};
    case Qt::FontRole:
        if (m_stale) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == AttemptsColumn || index.column() == AgeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole: return n.id;
    case StateRole: return stateName(n.state);
    case CreatedAtRole: return n.createdAt;
    case OrderIdRole: return n.orderId;
    case StaleRole: return m_stale;
    case TypeCodeRole: return n.type;
    case PendingMarkRole: return int(m_pending.value(n.id).mark);
    case FilterRole:
        if (index.column() == TypeColumn)
            return QString(typeText(n.type) + u' ' + n.type);
        return data(index, Qt::DisplayRole);
    case ClaimedByRole: return n.isClaimedAt(m_clock->now()) ? n.claimedBy : QString();
    case ClaimedUntilRole: return n.isClaimedAt(m_clock->now()) ? n.claimedUntil : QDateTime();
    case ClaimedByMeRole:
        return n.isClaimedAt(m_clock->now()) && !m_operatorName.isEmpty()
                && n.claimedBy == m_operatorName;
    case SortRole:
        switch (index.column()) {
        case AttemptsColumn: return n.attempts;
        case AgeColumn: return -n.createdAt.toMSecsSinceEpoch();
        default: return data(index, Qt::DisplayRole);
        }
    default: return {};
    }
}

QVariant NotificationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OrderColumn: return tr("Order");
    case CustomerColumn: return tr("Customer");
    case ClaimColumn: return tr("Handled by");
    case ChannelColumn: return tr("Channel");
    case RecipientColumn: return tr("Phone / recipient");
    case TypeColumn: return tr("Type");
    case StateColumn: return tr("State");
    case AttemptsColumn: return tr("Attempts");
    case AgeColumn: return tr("Age");
    case LastErrorColumn: return tr("Last error");
    default: return {};
    }
}

QHash<int, QByteArray> NotificationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "notificationId");
    names.insert(StateRole, "state");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(OrderIdRole, "orderId");
    names.insert(StaleRole, "stale");
    names.insert(ClaimedByRole, "claimedBy");
    names.insert(ClaimedUntilRole, "claimedUntil");
    names.insert(ClaimedByMeRole, "claimedByMe");
    names.insert(TypeCodeRole, "typeCode");
    names.insert(PendingMarkRole, "pendingMark");
    return names;
}

bool NotificationModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_moreAvailable && !m_fetching;
}

void NotificationModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    setFetching(true);
    Q_EMIT moreRequested();
}

void NotificationModel::setFetching(bool fetching)
{
    if (m_fetching == fetching)
        return;
    m_fetching = fetching;
    Q_EMIT fetchingChanged(fetching);
}

QString NotificationModel::sortField(int column)
{
    switch (column) {
    case OrderColumn: return QStringLiteral("order_id");
    case CustomerColumn: return QStringLiteral("customer_name");
    case AgeColumn: return QStringLiteral("created_at");
    default: return {};
    }
}

QString NotificationModel::serverSort(int column, Qt::SortOrder order, bool *descending)
{
    // Age grows as created_at falls: the youngest first is created_at descending.
    *descending = column == AgeColumn ? order == Qt::AscendingOrder : order == Qt::DescendingOrder;
    return sortField(column);
}

void NotificationModel::setSortOrder(const QString &field, bool descending)
{
    m_sortField = field;
    m_sortDescending = descending;
}

bool NotificationModel::sortsBefore(const Notification &a, const Notification &b) const
{
    int order = 0;
    if (m_sortField == QLatin1String("created_at"))
        order = a.createdAt < b.createdAt ? -1 : (b.createdAt < a.createdAt ? 1 : 0);
    else if (m_sortField == QLatin1String("updated_at"))
        order = a.updatedAt < b.updatedAt ? -1 : (b.updatedAt < a.updatedAt ? 1 : 0);
    // As SQLite compares them (BINARY): by code point, case first.
    else if (m_sortField == QLatin1String("customer_name"))
        order = a.customerName.compare(b.customerName);
    else if (m_sortField == QLatin1String("order_id"))
        order = a.orderId.compare(b.orderId);
    if (order == 0)
        order = a.id.compare(b.id); // the server breaks ties by id, in the same direction
    return m_sortDescending ? order > 0 : order < 0;
}

int NotificationModel::insertionRow(const Notification &n) const
{
    if (m_sortField.isEmpty())
        return m_rows.size();
    const QList<Notification> &rows = m_rows.rows();
    const auto at = std::partition_point(rows.cbegin(), rows.cend(), [&](const Notification &row) {
        return sortsBefore(row, n);
    });
    return int(at - rows.cbegin());
}

void NotificationModel::upsert(const Notification &notification)
{
    const int row = m_rows.rowOf(notification.id);
    if (!accepts(notification)) {
        if (row >= 0)
            remove(notification.id);
        return;
    }
    if (row >= 0) {
        // An event older than what we show (a snapshot raced the feed) changes nothing.
        if (m_rows.at(row).updatedAt > notification.updatedAt)
            return;
        m_rows.replace(row, notification);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    if (!m_takesNewRows)
        return;
    const int at = insertionRow(notification);
    // After the loaded tail while the server has more: a later page brings it.
    if (at == m_rows.size() && m_moreAvailable)
        return;
    beginInsertRows({}, at, at);
    m_rows.insert(at, notification);
    endInsertRows();
}

QString NotificationModel::pendingText(PendingMark mark)
{
    // Short: the column is narrow; the tooltip has the whole sentence.
    switch (mark) {
    case PendingMark::Queued: return tr("Not sent yet");
    case PendingMark::Sending: return tr("Sending…");
    case PendingMark::Refused: return tr("Not marked");
    case PendingMark::None: break;
    }
    return {};
}

void NotificationModel::setPendingMark(const QString &id, PendingMark mark, const QString &detail)
{
    if (mark == PendingMark::None) {
        if (!m_pending.remove(id))
            return;
    } else {
        m_pending.insert(id, {mark, detail});
    }
    if (const int row = m_rows.rowOf(id); row >= 0)
        Q_EMIT dataChanged(index(row, ClaimColumn), index(row, ClaimColumn));
}

NotificationModel::PendingMark NotificationModel::pendingMark(const QString &id) const
{
    return m_pending.value(id).mark;
}

void NotificationModel::remove(const QString &id)
{
    const int row = m_rows.rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

void NotificationModel::replaceAll(const QList<Notification> &notifications, bool moreAvailable)
{
    QList<Notification> accepted;
    accepted.reserve(notifications.size());
    for (const Notification &n : notifications) {
        if (accepts(n))
            accepted.append(n);
    }
    beginResetModel();
    releaseRows();
    m_rows.reset(accepted);
    m_moreAvailable = moreAvailable;
    // Settled before the views hear of it: one may ask for the next page at once.
    const bool wasFetching = std::exchange(m_fetching, false);
    endResetModel();
    if (wasFetching && !m_fetching)
        Q_EMIT fetchingChanged(false);
}

void NotificationModel::releaseRows()
{
    // Freeing a long list (100,000 rows after scrolling to the end) takes the
    // GUI thread ~100 ms; a search or sort that replaces it must not stall
    // the console, so the old rows are let go on a pool thread. Their data is
    // implicitly shared (atomic counts), and nothing here reads them again.
    constexpr int kReleaseElsewhereFrom = 5000;
    if (m_rows.size() < kReleaseElsewhereFrom)
        return;
    auto *old = new KeyedRows<Notification, IdOf>(std::move(m_rows));
    m_rows = {};
    QThreadPool::globalInstance()->start([old] { delete old; });
}

void NotificationModel::appendPage(const QList<Notification> &notifications, bool moreAvailable)
{
    QList<Notification> fresh;
    fresh.reserve(notifications.size());
    QSet<QString> seen;
    for (const Notification &n : notifications) {
        if (!accepts(n) || m_rows.contains(n.id) || seen.contains(n.id))
            continue;
        seen.insert(n.id);
        fresh.append(n);
    }
    m_moreAvailable = moreAvailable;
    const bool wasFetching = std::exchange(m_fetching, false);
    if (!fresh.isEmpty()) {
        const int first = m_rows.size();
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (const Notification &n : std::as_const(fresh))
            m_rows.append(n);
        endInsertRows();
    }
    if (wasFetching && !m_fetching)
        Q_EMIT fetchingChanged(false);
}

void NotificationModel::expectRows(qint64 rows)
{
    constexpr qint64 kMostExpected = 1'000'000;
    m_rows.reserve(int(qMin(rows, kMostExpected)));
}

void NotificationModel::setStale(bool stale)
{
    if (m_stale == stale)
        return;
    m_stale = stale;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(m_rows.size() - 1, ColumnCount - 1),
                           {Qt::FontRole, Qt::ToolTipRole, StaleRole});
}

void NotificationModel::refreshAges(int first, int last)
{
    if (last < 0 || last >= m_rows.size())
        last = m_rows.size() - 1;
    first = qMax(0, first);
    // The sort value (the creation time) does not move: only the text does.
    if (first <= last)
        Q_EMIT dataChanged(index(first, AgeColumn), index(last, AgeColumn), {Qt::DisplayRole});
}

void NotificationModel::setOperatorName(const QString &name)
{
    if (m_operatorName == name)
        return;
    m_operatorName = name;
    refreshClaims();
}

void NotificationModel::refreshClaims()
{
    // A row nobody ever claimed shows no claim before or after: of 100,000
    // rows a handful change, one run of rows at a time.
    const QList<int> roles{Qt::DisplayRole,  Qt::ToolTipRole, ClaimedByRole,
                           ClaimedUntilRole, ClaimedByMeRole, SortRole};
    int runStart = -1;
    for (int row = 0; row <= m_rows.size(); ++row) {
        const bool claimed = row < m_rows.size() && !m_rows.at(row).claimedBy.isEmpty();
        if (claimed && runStart < 0)
            runStart = row;
        if (!claimed && runStart >= 0) {
            Q_EMIT dataChanged(index(runStart, 0), index(row - 1, ColumnCount - 1), roles);
            runStart = -1;
        }
    }
}

QDateTime NotificationModel::claimExpiryAfter(const QDateTime &now, int first, int last) const
{
    if (last < 0 || last >= m_rows.size())
        last = m_rows.size() - 1;
    QDateTime earliest;
    for (int row = qMax(0, first); row <= last; ++row) {
        const Notification &n = m_rows.at(row);
        if (n.isClaimedAt(now) && (!earliest.isValid() || n.claimedUntil < earliest))
            earliest = n.claimedUntil;
    }
    return earliest;
}

std::optional<Notification> NotificationModel::notification(const QString &id) const
{
    const int row = m_rows.rowOf(id);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row);
}

QStringList NotificationModel::ids() const
{
    QStringList out;
    out.reserve(m_rows.size());
    for (const Notification &n : m_rows)
        out << n.id;
    return out;
}

} // namespace Vigia

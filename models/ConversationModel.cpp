#include "ConversationModel.h"

#include <QFont>
#include <QJsonDocument>
#include <QLocale>

namespace Vigia {

ConversationModel::ConversationModel(const Clock *clock, QObject *parent)
    : QAbstractTableModel(parent), m_clock(clock)
{ }

int ConversationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int ConversationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

int ConversationModel::rowOf(const QString &user, const QString &flow) const
{
    return m_rows.rowOf(idOf(user, flow));
}

std::optional<Conversation> ConversationModel::conversation(const QString &user,
                                                            const QString &flow) const
{
    const int row = rowOf(user, flow);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row);
}

bool ConversationModel::isExpired(const Conversation &conversation) const
{
    return conversation.expiresAt.isValid() && conversation.expiresAt <= m_clock->now();
}

QString ConversationModel::countdownText(const Conversation &conversation) const
{
    if (!conversation.expiresAt.isValid())
        return tr("—");
    const qint64 seconds = m_clock->now().secsTo(conversation.expiresAt);
    if (isExpired(conversation))
        return tr("Expired");
    // Seconds matter near the end, so they stay until the last hour.
    if (seconds < 60)
        return tr("%n s", nullptr, int(qMax<qint64>(1, seconds)));
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    if (seconds < 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    return tr("%1 d %2 h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
}

QVariant ConversationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversation &c = m_rows.at(index.row());
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case UserColumn: return c.user;
        case FlowColumn: return c.flow;
        case StepColumn: return c.step;
        case ExpiresInColumn: return countdownText(c);
        case UpdatedColumn:
            return c.updatedAt.isValid()
                    ? locale.toString(c.updatedAt.toLocalTime(), QLocale::ShortFormat)
                    : QString();
        default: return {};
        }
    case Qt::ToolTipRole:
        if (isExpired(c))
            return tr("Expired at %1; vigiad removes it on its next sweep")
                    .arg(locale.toString(c.expiresAt.toLocalTime(), QLocale::LongFormat));
        if (index.column() == ExpiresInColumn && c.expiresAt.isValid())
            return tr("Expires at %1 (time to live: %n s from the last step)", nullptr,
                      c.ttlSeconds)
                    .arg(locale.toString(c.expiresAt.toLocalTime(), QLocale::LongFormat));
        if (index.column() == StepColumn && !c.data.isEmpty())
            return QString::fromUtf8(QJsonDocument(c.data).toJson(QJsonDocument::Indented))
                    .trimmed();
        return {};
    case Qt::FontRole:
        // Expired but still listed: it must not look like a live conversation.
        if (isExpired(c)) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ExpiresInColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole: return idOf(c.user, c.flow);
    case UserIdRole: return c.user;
    case FlowRole: return c.flow;
    case StepRole: return c.step;
    case ExpiresAtRole: return c.expiresAt;
    case ExpiredRole: return isExpired(c);
    case DataRole: return c.data.toVariantMap();
    case SortRole:
        switch (index.column()) {
        case ExpiresInColumn: return c.expiresAt.toMSecsSinceEpoch();
        case UpdatedColumn: return c.updatedAt.toMSecsSinceEpoch();
        default: return data(index, Qt::DisplayRole);
        }
    default: return {};
    }
}

QVariant ConversationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case UserColumn: return tr("User");
    case FlowColumn: return tr("Flow");
    case StepColumn: return tr("Step");
    case ExpiresInColumn: return tr("Expires in");
    case UpdatedColumn: return tr("Updated");
    default: return {};
    }
}

QHash<int, QByteArray> ConversationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "conversationId");
    names.insert(UserIdRole, "user");
    names.insert(FlowRole, "flow");
    names.insert(StepRole, "step");
    names.insert(ExpiresAtRole, "expiresAt");
    names.insert(ExpiredRole, "expired");
    names.insert(DataRole, "data");
    return names;
}

void ConversationModel::trackExpiry(const Conversation &conversation)
{
    const QString id = idOf(conversation.user, conversation.flow);
    if (isExpired(conversation))
        m_shownExpired.insert(id);
    else
        m_shownExpired.remove(id);
}

void ConversationModel::upsert(const Conversation &conversation)
{
    const QString id = idOf(conversation.user, conversation.flow);
    const int row = m_rows.rowOf(id);
    if (row >= 0) {
        const Conversation &shown = m_rows.at(row);
        if (conversation.updatedAt.isValid() && shown.updatedAt.isValid()
            && conversation.updatedAt < shown.updatedAt)
            return;
        m_rows.replace(row, conversation);
        trackExpiry(conversation);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int at = m_rows.size();
    beginInsertRows({}, at, at);
    m_rows.append(conversation);
    trackExpiry(conversation);
    endInsertRows();
}

void ConversationModel::remove(const QString &user, const QString &flow)
{
    const QString id = idOf(user, flow);
    const int row = m_rows.rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    m_shownExpired.remove(id);
    endRemoveRows();
}

void ConversationModel::apply(const QJsonObject &event)
{
    const auto conversation = Conversation::fromJson(event);
    if (!conversation)
        return;
    const QString state = event.value(QStringLiteral("state")).toString();
    if (state == QLatin1String("ended") || state == QLatin1String("expired"))
        remove(conversation->user, conversation->flow);
    else
        upsert(*conversation);
}

void ConversationModel::replaceAll(const QList<Conversation> &conversations)
{
    beginResetModel();
    m_rows.reset(conversations);
    m_shownExpired.clear();
    for (const Conversation &c : m_rows)
        trackExpiry(c);
    endResetModel();
}

void ConversationModel::refreshCountdowns()
{
    if (m_rows.isEmpty())
        return;
    // Rows that crossed their expiry since the last tick change their look
    // (font, tooltip, colour): the whole row. The rest only count down.
    for (int row = 0; row < m_rows.size(); ++row) {
        const Conversation &c = m_rows.at(row);
        const QString id = idOf(c.user, c.flow);
        if (isExpired(c) != m_shownExpired.contains(id)) {
            trackExpiry(c);
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        }
    }
    Q_EMIT dataChanged(index(0, ExpiresInColumn), index(m_rows.size() - 1, ExpiresInColumn),
                       {Qt::DisplayRole, Qt::ToolTipRole, SortRole});
}

} // namespace Vigia

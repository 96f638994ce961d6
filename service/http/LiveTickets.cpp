#include "LiveTickets.h"

#include "ApiTokens.h"
#include "Clock.h"

#include <QRandomGenerator>

namespace Vigia {

namespace {
constexpr qint64 kLifetimeMs = qint64(LiveTickets::kLifetimeS) * 1000;

QString newTicket()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()),
                                          bytes.size() / 4);
    return QStringLiteral("vgt_")
            + QString::fromLatin1(
                    bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}
} // namespace

LiveTickets::LiveTickets(const Clock *clock) : m_clock(clock) { }

void LiveTickets::dropStale(const QByteArray &tokenHash)
{
    const QDateTime now = m_clock->now();
    QByteArray oldestOfToken;
    QDateTime oldestAt;
    int ofToken = 0;
    for (auto it = m_tickets.begin(); it != m_tickets.end();) {
        if (it->issuedAt.msecsTo(now) >= kLifetimeMs) {
            it = m_tickets.erase(it);
            continue;
        }
        if (it->holder.tokenHash == tokenHash) {
            ++ofToken;
            if (!oldestAt.isValid() || it->issuedAt < oldestAt) {
                oldestAt = it->issuedAt;
                oldestOfToken = it.key();
            }
        }
        ++it;
    }
    if (ofToken >= kMaxPerToken)
        m_tickets.remove(oldestOfToken);
}

QString LiveTickets::issue(const Holder &holder)
{
    dropStale(holder.tokenHash);
    QString ticket = newTicket();
    m_tickets.insert(ApiTokens::hashSecret(ticket), Entry{holder, m_clock->now()});
    return ticket;
}

std::optional<LiveTickets::Holder> LiveTickets::redeem(const QString &ticket)
{
    const QByteArray key = ApiTokens::hashSecret(ticket);
    if (!m_tickets.contains(key))
        return std::nullopt;
    const Entry entry = m_tickets.take(key); // used up, valid or not
    const qint64 age = entry.issuedAt.msecsTo(m_clock->now());
    if (age < 0 || age >= kLifetimeMs)
        return std::nullopt;
    return entry.holder;
}

} // namespace Vigia

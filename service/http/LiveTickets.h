#pragma once

#include "StoreTypes.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

namespace Vigia {

class Clock;

// Short-lived, single-use tickets for opening the live feed where a client
// cannot send an Authorization header (a browser's WebSocket): the URL then
// carries a ticket that is worthless once used or 30 s old, never the
// long-lived token. Kept in memory only; a ticket acts for the token that
// asked for it, and dies with it.
class LiveTickets final
{
    Q_DISABLE_COPY_MOVE(LiveTickets)

public:
    static constexpr int kLifetimeS = 30;
    // Outstanding tickets per token; asking for more drops its oldest, so no
    // caller can grow this or spend another token's tickets.
    static constexpr int kMaxPerToken = 8;

    struct Holder
    {
        ApiToken token;
        QByteArray tokenHash; // the secret's hash, to notice a revocation
    };

    explicit LiveTickets(const Clock *clock);
    ~LiveTickets() = default;

    QString issue(const Holder &holder);
    // The holder of a valid ticket, which is used up; nullopt when it is
    // unknown, used or expired.
    std::optional<Holder> redeem(const QString &ticket);

private:
    struct Entry
    {
        Holder holder;
        QDateTime issuedAt;
    };
    void dropStale(const QByteArray &tokenHash);

    const Clock *m_clock;
    QHash<QByteArray, Entry> m_tickets; // by the ticket's SHA-256
};

} // namespace Vigia

#pragma once

#include "ApiClient.h"
#include "Clock.h"
#include "Digest.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <optional>

namespace Vigia {

class ConsoleController;

// "While you were away": remembers, per server, when the console last saw
// it live (QSettings), and after a gap of more than kAwayThreshold asks
// vigiad what happened since. Reports a digest only when something did.
// The digest owed is remembered until vigiad has answered it: one lost to a
// failed request (or a console closed before the answer) is asked again,
// from the same moment, on the next connection or after kRetryInterval.
class AwayWatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AwayWatch)

public:
    // Shorter gaps (a restart, a blip of the network) are not worth a report.
    static constexpr std::chrono::minutes kAwayThreshold{5};
    // "Last seen" is written at most this often while live.
    static constexpr std::chrono::minutes kSaveInterval{1};
    // A digest request that failed is asked again this long after, while live.
    static constexpr std::chrono::seconds kRetryInterval{30};

    AwayWatch(ConsoleController *controller, const Clock *clock, QObject *parent = nullptr);
    ~AwayWatch() override;

    // The QSettings key of a server's "last seen", under its profile.
    static QString lastSeenKey(const QUrl &server);
    static QDateTime lastSeen(const QUrl &server);
    static void setLastSeen(const QUrl &server, const QDateTime &at);
    // Since when a digest is owed for a server (invalid when none is).
    static QString owedSinceKey(const QUrl &server);
    static QDateTime owedSince(const QUrl &server);

    // The last digest worth showing, if any.
    std::optional<Digest> digest() const { return m_digest; }
    // The operator's name on the server: the digest leaves their own actions out.
    QString self() const;

Q_SIGNALS:
    // Something happened while the console was away.
    void digestReady(const Vigia::Digest &digest);

private:
    void onLive(bool live);
    void askDigest();
    void onDigest(const QUrl &server, const ApiReply<Digest> &reply);
    void touch(bool force);
    static QString serverGroup(const QUrl &server);

    ConsoleController *m_controller;
    const Clock *m_clock;
    QUrl m_server; // the one live now (empty when not)
    QDateTime m_saved; // when "last seen" was last written
    std::optional<Digest> m_digest;
    QTimer m_retry;
};

} // namespace Vigia

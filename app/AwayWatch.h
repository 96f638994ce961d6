#pragma once

#include "ApiClient.h"
#include "Clock.h"
#include "Digest.h"

#include <QObject>
#include <QUrl>

#include <chrono>
#include <optional>

namespace Vigia {

class ConsoleController;

// "While you were away": remembers, per server, when the console last saw
// it live (QSettings), and after a gap of more than kAwayThreshold asks
// vigiad what happened since. Reports a digest only when something did.
class AwayWatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AwayWatch)

public:
    // Shorter gaps (a restart, a blip of the network) are not worth a report.
    static constexpr std::chrono::minutes kAwayThreshold{5};
    // "Last seen" is written at most this often while live.
    static constexpr std::chrono::minutes kSaveInterval{1};

    AwayWatch(ConsoleController *controller, const Clock *clock, QObject *parent = nullptr);
    ~AwayWatch() override;

    // The QSettings key of a server's "last seen", under its profile.
    static QString lastSeenKey(const QUrl &server);
    static QDateTime lastSeen(const QUrl &server);
    static void setLastSeen(const QUrl &server, const QDateTime &at);

    // The last digest worth showing, if any.
    std::optional<Digest> digest() const { return m_digest; }
    // The operator's name on the server: the digest leaves their own actions out.
    QString self() const;

Q_SIGNALS:
    // Something happened while the console was away.
    void digestReady(const Vigia::Digest &digest);

private:
    void onLive(bool live);
    void onDigest(const QUrl &server, const ApiReply<Digest> &reply);
    void touch(bool force);

    ConsoleController *m_controller;
    const Clock *m_clock;
    QUrl m_server; // the one live now (empty when not)
    QDateTime m_saved; // when "last seen" was last written
    std::optional<Digest> m_digest;
};

} // namespace Vigia

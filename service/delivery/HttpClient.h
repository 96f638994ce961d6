#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace Vigia {

// What came back for one request.
struct HttpAnswer
{
    enum class Failure { None, Timeout, Refused, HostNotFound, Other };
    Failure failure = Failure::None;
    QString error; // the transport's own words, for Failure::Other
    int status = 0; // 0 when no HTTP answer came back
    QByteArray body; // at most kMaxBodyBytes of it
    QByteArray retryAfter; // the Retry-After header, as sent
};

// The gateways' HTTP client: libcurl's multi interface on this thread's Qt
// event loop (socket notifiers and one timer), connections kept alive per
// host. Chosen by measurement over QNetworkAccessManager, which spent about
// ten times the CPU per request (bench/http-client.sh): on a machine that
// ingests while it delivers, that was a third of vigiad's work.
// Never follows a redirect, uses no proxy from the environment, speaks only
// http and https, and verifies TLS peers as libcurl does by default.
class HttpClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpClient)

public:
    static constexpr int kMaxBodyBytes = 64 * 1024; // enough for any answer a gateway parses

    explicit HttpClient(QObject *parent = nullptr);
    // Requests still out are abandoned without an answer.
    ~HttpClient() override;

    using Headers = QList<QPair<QByteArray, QByteArray>>;
    using Done = std::function<void(const HttpAnswer &)>;
    // Calls `done` exactly once, later (never from inside this call), also
    // when nothing answers within timeoutMs, which bounds the whole request.
    void post(const QUrl &url, const QByteArray &body, const Headers &headers, int timeoutMs,
              Done done);

    int pending() const { return int(m_transfers.size()); }
    // At most `connections` open to one host at once (0: no limit); the
    // requests beyond wait their turn in the client, their timeout running.
    void setMaxConnectionsPerHost(int connections);

private:
    struct Transfer;
    struct Watch;

    static int onSocket(void *easy, int socket, int what, void *self, void *socketData);
    static int onTimer(void *multi, long timeoutMs, void *self);
    void act(int socket, int events);

    void *m_multi = nullptr; // CURLM
    QTimer m_timer;
    std::unordered_map<void *, std::unique_ptr<Transfer>> m_transfers; // by CURL easy handle
    std::unordered_map<int, std::unique_ptr<Watch>> m_watches; // by socket
    std::vector<void *> m_idleHandles; // easy handles kept for reuse
};

} // namespace Vigia

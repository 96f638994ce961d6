#include "HttpClient.h"

#include <QSocketNotifier>

#include <curl/curl.h>

namespace Vigia {

namespace {
// curl_global_init() is not thread-safe before 7.84; once, before any client.
struct CurlGlobal
{
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlGlobal() { curl_global_cleanup(); }
    Q_DISABLE_COPY_MOVE(CurlGlobal)
};
void initCurlOnce()
{
    static const CurlGlobal global;
}
constexpr size_t kIdleHandles = 64;
} // namespace

struct HttpClient::Transfer
{
    Done done;
    HttpAnswer answer;
    QByteArray url;
    QByteArray body;
    curl_slist *headers = nullptr;
    char error[CURL_ERROR_SIZE] = {};

    ~Transfer() { curl_slist_free_all(headers); }

    static size_t onBody(char *data, size_t size, size_t count, void *self)
    {
        auto *t = static_cast<Transfer *>(self);
        const size_t bytes = size * count;
        const qsizetype room = kMaxBodyBytes - t->answer.body.size();
        if (room > 0)
            t->answer.body.append(data, qMin(qsizetype(bytes), room));
        return bytes; // the rest is read and dropped, so the connection stays usable
    }
    static size_t onHeader(char *data, size_t size, size_t count, void *self)
    {
        auto *t = static_cast<Transfer *>(self);
        const size_t bytes = size * count;
        const QByteArray line = QByteArray::fromRawData(data, qsizetype(bytes));
        const qsizetype colon = line.indexOf(':');
        if (colon > 0
            && line.left(colon).trimmed().compare("Retry-After", Qt::CaseInsensitive) == 0)
            t->answer.retryAfter = line.mid(colon + 1).trimmed();
        return bytes;
    }
};

// A socket's two notifiers, made once and switched on and off as curl asks.
struct HttpClient::Watch
{
    std::unique_ptr<QSocketNotifier> read;
    std::unique_ptr<QSocketNotifier> write;
};

HttpClient::HttpClient(QObject *parent) : QObject(parent)
{
    initCurlOnce();
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &HttpClient::onSocket);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &HttpClient::onTimer);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { act(CURL_SOCKET_TIMEOUT, 0); });
}

void HttpClient::setMaxConnectionsPerHost(int connections)
{
    curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, long(qMax(0, connections)));
}

HttpClient::~HttpClient()
{
    for (const auto &[easy, transfer] : m_transfers) {
        curl_multi_remove_handle(m_multi, easy);
        curl_easy_cleanup(easy);
    }
    m_transfers.clear();
    for (void *easy : m_idleHandles)
        curl_easy_cleanup(easy);
    m_watches.clear();
    curl_multi_cleanup(m_multi);
}

void HttpClient::post(const QUrl &url, const QByteArray &body, const Headers &headers,
                      int timeoutMs, Done done)
{
    auto transfer = std::make_unique<Transfer>();
    transfer->done = std::move(done);
    transfer->url = url.toEncoded();
    transfer->body = body;
    for (const auto &[name, value] : headers)
        transfer->headers = curl_slist_append(transfer->headers, (name + ": " + value).constData());
    CURL *easy = nullptr;
    if (m_idleHandles.empty()) {
        easy = curl_easy_init();
    } else {
        easy = m_idleHandles.back();
        m_idleHandles.pop_back();
    }
    curl_easy_setopt(easy, CURLOPT_URL, transfer->url.constData());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    // No proxy from http_proxy and friends: the gateways reach the hosts
    // they were given, as QNetworkAccessManager did.
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(qMax(1, timeoutMs)));
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, transfer->headers);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, transfer->body.constData());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, long(transfer->body.size()));
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &Transfer::onBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, transfer.get());
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &Transfer::onHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, transfer.get());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer->error);
    m_transfers.emplace(easy, std::move(transfer));
    // Starts on the next turn of the event loop (curl's timer callback).
    curl_multi_add_handle(m_multi, easy);
}

int HttpClient::onSocket(void *, int socket, int what, void *self, void *)
{
    auto *client = static_cast<HttpClient *>(self);
    auto found = client->m_watches.find(socket);
    if (found == client->m_watches.end()) {
        if (what == CURL_POLL_REMOVE)
            return 0;
        auto watch = std::make_unique<Watch>();
        watch->read = std::make_unique<QSocketNotifier>(socket, QSocketNotifier::Read);
        watch->write = std::make_unique<QSocketNotifier>(socket, QSocketNotifier::Write);
        connect(watch->read.get(), &QSocketNotifier::activated, client,
                [client, socket] { client->act(socket, CURL_CSELECT_IN); });
        connect(watch->write.get(), &QSocketNotifier::activated, client,
                [client, socket] { client->act(socket, CURL_CSELECT_OUT); });
        found = client->m_watches.emplace(socket, std::move(watch)).first;
    }
    Watch *watch = found->second.get();
    watch->read->setEnabled(what == CURL_POLL_IN || what == CURL_POLL_INOUT);
    watch->write->setEnabled(what == CURL_POLL_OUT || what == CURL_POLL_INOUT);
    if (what == CURL_POLL_REMOVE) {
        // Not deleted here: this may run inside one of its own signals.
        watch->read.release()->deleteLater();
        watch->write.release()->deleteLater();
        client->m_watches.erase(found);
    }
    return 0;
}

int HttpClient::onTimer(void *, long timeoutMs, void *self)
{
    auto *client = static_cast<HttpClient *>(self);
    if (timeoutMs < 0)
        client->m_timer.stop();
    else
        client->m_timer.start(int(qMin(timeoutMs, long(24 * 3600 * 1000))));
    return 0;
}

void HttpClient::act(int socket, int events)
{
    int running = 0;
    curl_multi_socket_action(m_multi, socket, events, &running);
    // Answers are handed out after curl is done with its bookkeeping: a
    // `done` may post the next request at once.
    std::vector<std::unique_ptr<Transfer>> finished;
    int queued = 0;
    while (CURLMsg *message = curl_multi_info_read(m_multi, &queued)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        CURL *easy = message->easy_handle;
        const auto found = m_transfers.find(easy);
        if (found == m_transfers.end())
            continue;
        std::unique_ptr<Transfer> t = std::move(found->second);
        m_transfers.erase(found);
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        switch (message->data.result) {
        case CURLE_OK: t->answer.status = int(status); break;
        case CURLE_OPERATION_TIMEDOUT: t->answer.failure = HttpAnswer::Failure::Timeout; break;
        case CURLE_COULDNT_CONNECT: t->answer.failure = HttpAnswer::Failure::Refused; break;
        case CURLE_COULDNT_RESOLVE_HOST:
            t->answer.failure = HttpAnswer::Failure::HostNotFound;
            break;
        default:
            t->answer.failure = HttpAnswer::Failure::Other;
            t->answer.error = QString::fromUtf8(
                    t->error[0] ? t->error : curl_easy_strerror(message->data.result));
            break;
        }
        if (t->answer.failure != HttpAnswer::Failure::None)
            t->answer.body.clear();
        curl_multi_remove_handle(m_multi, easy);
        if (m_idleHandles.size() < kIdleHandles) {
            curl_easy_reset(easy);
            m_idleHandles.push_back(easy);
        } else {
            curl_easy_cleanup(easy);
        }
        finished.push_back(std::move(t));
    }
    for (const std::unique_ptr<Transfer> &t : finished)
        t->done(t->answer);
}

} // namespace Vigia

// The gateways' HTTP client, measured alone: N WAHA sendText POSTs to a
// loopback double, C in flight, through Qt's QNetworkAccessManager (what
// vigiad's gateways use) or through libcurl's multi interface driven from a
// Qt event loop by socket notifiers (what they could use). Prints the
// client's own CPU per request, the figure that limits vigiad when it
// delivers while it ingests. Built and run by bench/http-client.sh.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSocketNotifier>
#include <QTimer>

#include <curl/curl.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>

namespace {

const QByteArray kBody = R"({"session":"default","chatId":"584241234567@c.us",)"
                         R"("text":"Tu pedido A-1 fue recibido, gracias por tu compra"})";

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Run
{
    QByteArray url;
    int requests = 0;
    int concurrency = 1;
    int started = 0;
    int finished = 0;
    int failed = 0;
};

void runQnam(Run &run)
{
    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(QString::fromUtf8(run.url))};
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("X-Api-Key", "bench");
    std::function<void()> startOne = [&] {
        if (run.started >= run.requests)
            return;
        ++run.started;
        QNetworkReply *reply = network.post(request, kBody);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            reply->readAll();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 201)
                ++run.failed;
            reply->deleteLater();
            if (++run.finished == run.requests)
                QCoreApplication::quit();
            else
                startOne();
        });
    };
    for (int i = 0; i < run.concurrency; ++i)
        startOne();
    QCoreApplication::exec();
}

// libcurl's multi interface on a Qt event loop: curl says which sockets to
// watch (CURLMOPT_SOCKETFUNCTION) and when to call back (TIMERFUNCTION).
class CurlLoop
{
public:
    explicit CurlLoop(Run &run) : m_run(run)
    {
        m_multi = curl_multi_init();
        curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlLoop::onSocket);
        curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
        curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlLoop::onTimer);
        curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
        curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS, long(run.concurrency));
        m_timer.setSingleShot(true);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { act(CURL_SOCKET_TIMEOUT, 0); });
        m_headers = curl_slist_append(nullptr, "Content-Type: application/json");
        m_headers = curl_slist_append(m_headers, "X-Api-Key: bench");
    }
    ~CurlLoop()
    {
        m_notifiers.clear();
        curl_multi_cleanup(m_multi);
        curl_slist_free_all(m_headers);
    }

    void start()
    {
        for (int i = 0; i < m_run.concurrency; ++i)
            startOne(curl_easy_init());
        QCoreApplication::exec();
    }

private:
    static size_t discard(char *, size_t size, size_t count, void *) { return size * count; }

    void startOne(CURL *easy)
    {
        if (m_run.started >= m_run.requests) {
            curl_easy_cleanup(easy);
            return;
        }
        ++m_run.started;
        curl_easy_setopt(easy, CURLOPT_URL, m_run.url.constData());
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, m_headers);
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, kBody.constData());
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, long(kBody.size()));
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &CurlLoop::discard);
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 10000L);
        curl_multi_add_handle(m_multi, easy);
    }

    // A socket's two notifiers, made once and switched on and off as curl
    // asks: curl changes its wishes from inside their own signals.
    struct Watch
    {
        std::unique_ptr<QSocketNotifier> read;
        std::unique_ptr<QSocketNotifier> write;
    };

    static int onSocket(CURL *, curl_socket_t socket, int what, void *self, void *)
    {
        auto *loop = static_cast<CurlLoop *>(self);
        auto found = loop->m_notifiers.find(socket);
        if (found == loop->m_notifiers.end()) {
            if (what == CURL_POLL_REMOVE)
                return 0;
            auto watch = std::make_shared<Watch>();
            watch->read = std::make_unique<QSocketNotifier>(socket, QSocketNotifier::Read);
            watch->write = std::make_unique<QSocketNotifier>(socket, QSocketNotifier::Write);
            QObject::connect(watch->read.get(), &QSocketNotifier::activated,
                             [loop, socket] { loop->act(socket, CURL_CSELECT_IN); });
            QObject::connect(watch->write.get(), &QSocketNotifier::activated,
                             [loop, socket] { loop->act(socket, CURL_CSELECT_OUT); });
            found = loop->m_notifiers.insert(socket, watch);
        }
        const std::shared_ptr<Watch> &watch = found.value();
        watch->read->setEnabled(what == CURL_POLL_IN || what == CURL_POLL_INOUT);
        watch->write->setEnabled(what == CURL_POLL_OUT || what == CURL_POLL_INOUT);
        if (what == CURL_POLL_REMOVE) {
            // Not deleted here: this may be inside one of its signals.
            watch->read.release()->deleteLater();
            watch->write.release()->deleteLater();
            loop->m_notifiers.erase(found);
        }
        return 0;
    }

    static int onTimer(CURLM *, long timeoutMs, void *self)
    {
        auto *loop = static_cast<CurlLoop *>(self);
        if (timeoutMs < 0)
            loop->m_timer.stop();
        else
            loop->m_timer.start(int(timeoutMs));
        return 0;
    }

    void act(curl_socket_t socket, int events)
    {
        int running = 0;
        curl_multi_socket_action(m_multi, socket, events, &running);
        int queued = 0;
        while (CURLMsg *message = curl_multi_info_read(m_multi, &queued)) {
            if (message->msg != CURLMSG_DONE)
                continue;
            CURL *easy = message->easy_handle;
            long status = 0;
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            if (message->data.result != CURLE_OK || status != 201)
                ++m_run.failed;
            curl_multi_remove_handle(m_multi, easy);
            if (++m_run.finished == m_run.requests) {
                curl_easy_cleanup(easy);
                QCoreApplication::quit();
                return;
            }
            startOne(easy);
        }
    }

    Run &m_run;
    CURLM *m_multi = nullptr;
    curl_slist *m_headers = nullptr;
    QTimer m_timer;
    QHash<curl_socket_t, std::shared_ptr<Watch>> m_notifiers;
};

} // namespace

int main(int argc, char *argv[])
{
    if (argc != 5) {
        std::fprintf(stderr, "usage: %s qnam|curl URL REQUESTS CONCURRENCY\n", argv[0]);
        return 2;
    }
    QCoreApplication app(argc, argv);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Run run;
    run.url = argv[2];
    run.requests = std::atoi(argv[3]);
    run.concurrency = std::atoi(argv[4]);
    const bool curl = std::strcmp(argv[1], "curl") == 0;
    const double cpuBefore = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    if (curl) {
        CurlLoop loop(run);
        loop.start();
    } else {
        runQnam(run);
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;
    std::printf(
            "RESULT client=%s concurrency=%d requests=%d failed=%d rps=%.0f cpu_us_per_req=%.1f\n",
            argv[1], run.concurrency, run.finished, run.failed, run.finished / seconds,
            cpu * 1e6 / run.finished);
    curl_global_cleanup();
    return run.failed == 0 ? 0 : 1;
}

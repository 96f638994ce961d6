// Live-feed latency for bench/compare.sh: posts notifications to a running
// vigiad at a steady rate and times, for each, the interval from sending the
// POST to receiving its event on the /v1/live WebSocket. That interval holds
// the durable commit as well as the push, so it bounds the push from above.
// The push alone is measured as well: from the 201 arriving to the event
// arriving (0 when the event came first), since vigiad releases both once the
// same flush made the notification durable.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>
#include <QTimer>
#include <QWebSocket>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

struct Options
{
    QUrl url;
    QByteArray token;
    int rate = 200;
    int seconds = 10;
};

bool parseOptions(const QCoreApplication &app, Options *options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("vigiad live-feed latency"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("url"), QStringLiteral("vigiad base URL"),
                      QStringLiteral("url"), QStringLiteral("http://127.0.0.1:8765")});
    parser.addOption({QStringLiteral("token"), QStringLiteral("bot or admin token"),
                      QStringLiteral("token")});
    parser.addOption({QStringLiteral("rate"), QStringLiteral("events per second"),
                      QStringLiteral("n"), QStringLiteral("200")});
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("how long to run"),
                      QStringLiteral("n"), QStringLiteral("10")});
    parser.process(app);
    options->url = QUrl(parser.value(QStringLiteral("url")));
    options->token = parser.value(QStringLiteral("token")).toUtf8();
    bool rateOk = false;
    bool secondsOk = false;
    options->rate = parser.value(QStringLiteral("rate")).toInt(&rateOk);
    options->seconds = parser.value(QStringLiteral("seconds")).toInt(&secondsOk);
    return options->url.isValid() && !options->token.isEmpty() && rateOk && secondsOk
            && options->rate > 0 && options->rate <= 5000 && options->seconds > 0
            && options->seconds <= 600;
}

double percentile(std::vector<double> sorted, double p)
{
    if (sorted.empty())
        return 0;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = size_t(std::ceil(p * double(sorted.size()))) - 1;
    return sorted.at(std::min(rank, sorted.size() - 1));
}

class Probe final : public QObject
{
public:
    explicit Probe(const Options &options) : m_options(options)
    {
        m_clock.start();
        QUrl live = m_options.url;
        live.setScheme(live.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                               : QStringLiteral("ws"));
        live.setPath(QStringLiteral("/v1/live"));
        QNetworkRequest request(live);
        request.setRawHeader("Authorization", "Bearer " + m_options.token);
        connect(&m_socket, &QWebSocket::connected, this, &Probe::startPosting);
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &Probe::onEvent);
        connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
                [this] {
                    QTextStream(stderr) << "vigia_feed_latency: " << m_socket.errorString() << '\n';
                    QCoreApplication::exit(1);
                });
        m_socket.open(request);
    }

private:
    void startPosting()
    {
        m_total = m_options.rate * m_options.seconds;
        connect(&m_tick, &QTimer::timeout, this, &Probe::postDue);
        m_tick.setTimerType(Qt::PreciseTimer);
        m_tick.start(1);
        m_startMs = m_clock.elapsed();
    }

    // Posts as many as the steady rate says are due by now.
    void postDue()
    {
        const qint64 due = std::min<qint64>(
                m_total, (m_clock.elapsed() - m_startMs) * m_options.rate / 1000 + 1);
        while (m_sent < due)
            postOne();
        if (m_sent >= m_total)
            m_tick.stop();
    }

    void postOne()
    {
        const QString marker = QStringLiteral("latency-probe-%1").arg(m_sent++);
        QNetworkRequest request(m_options.url.resolved(QUrl(QStringLiteral("/v1/notifications"))));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + m_options.token);
        request.setRawHeader("Idempotency-Key", marker.toUtf8());
        const QJsonObject body{{QStringLiteral("channel"), QStringLiteral("whatsapp")},
                               {QStringLiteral("type"), QStringLiteral("ORDER_READY")},
                               {QStringLiteral("recipient"), QStringLiteral("+584241234567")},
                               {QStringLiteral("text"), marker}};
        m_sentAtNs.insert(marker, m_clock.nsecsElapsed());
        QNetworkReply *reply =
                m_http.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        connect(reply, &QNetworkReply::finished, this, [this, reply, marker] {
            if (reply->error() != QNetworkReply::NoError)
                ++m_failedPosts;
            else
                pair(m_answeredAtNs, m_eventAtNs, marker, m_clock.nsecsElapsed(), false);
            reply->deleteLater();
            finishIfDone();
        });
    }

    void onEvent(const QString &message)
    {
        const qint64 now = m_clock.nsecsElapsed();
        const QJsonObject event = QJsonDocument::fromJson(message.toUtf8()).object();
        if (event.value(QLatin1String("type")).toString() != QLatin1String("notification"))
            return;
        const QString text = event.value(QLatin1String("data"))
                                     .toObject()
                                     .value(QLatin1String("text"))
                                     .toString();
        const auto sent = m_sentAtNs.constFind(text);
        if (sent == m_sentAtNs.cend())
            return;
        m_latenciesMs.push_back(double(now - sent.value()) / 1e6);
        m_sentAtNs.erase(sent);
        pair(m_eventAtNs, m_answeredAtNs, text, now, true);
        finishIfDone();
    }

    // Records when the answer or the event for `marker` came; once both
    // have, the push latency is how long the event trailed the answer.
    void pair(QHash<QString, qint64> &mine, QHash<QString, qint64> &other, const QString &marker,
              qint64 now, bool isEvent)
    {
        const auto found = other.constFind(marker);
        if (found == other.cend()) {
            mine.insert(marker, now);
            return;
        }
        const qint64 answer = isEvent ? found.value() : now;
        const qint64 event = isEvent ? now : found.value();
        m_pushMs.push_back(double(qMax<qint64>(0, event - answer)) / 1e6);
        other.erase(found);
    }

    void finishIfDone()
    {
        if (m_sent < m_total || qint64(m_latenciesMs.size()) + m_failedPosts < m_total
            || qint64(m_pushMs.size()) + m_failedPosts < m_total)
            return;
        QTextStream(stdout)
                << "RESULT events=" << m_latenciesMs.size() << " failed_posts=" << m_failedPosts
                << " p50_ms=" << QString::number(percentile(m_latenciesMs, 0.50), 'f', 2)
                << " p99_ms=" << QString::number(percentile(m_latenciesMs, 0.99), 'f', 2)
                << " max_ms=" << QString::number(percentile(m_latenciesMs, 1.0), 'f', 2)
                << " push_p50_ms=" << QString::number(percentile(m_pushMs, 0.50), 'f', 2)
                << " push_p99_ms=" << QString::number(percentile(m_pushMs, 0.99), 'f', 2)
                << Qt::endl;
        QCoreApplication::exit(m_failedPosts == 0 ? 0 : 1);
    }

    Options m_options;
    QElapsedTimer m_clock;
    QWebSocket m_socket;
    QNetworkAccessManager m_http;
    QTimer m_tick;
    QHash<QString, qint64> m_sentAtNs;
    QHash<QString, qint64> m_answeredAtNs; // answered, event not seen yet
    QHash<QString, qint64> m_eventAtNs; // event seen, not answered yet
    std::vector<double> m_pushMs;
    std::vector<double> m_latenciesMs;
    qint64 m_startMs = 0;
    qint64 m_total = 0;
    qint64 m_sent = 0;
    qint64 m_failedPosts = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Options options;
    if (!parseOptions(app, &options)) {
        QTextStream(stderr) << "vigia_feed_latency: needs --url, --token, --rate 1..5000 and "
                               "--seconds 1..600\n";
        return 2;
    }
    Probe probe(options);
    // Bounded: a feed that never delivers must not hang the benchmark.
    QTimer::singleShot((options.seconds + 30) * 1000, &app, [] {
        QTextStream(stderr) << "vigia_feed_latency: timed out waiting for events\n";
        QCoreApplication::exit(1);
    });
    return app.exec();
}

#include "ServiceHarness.h"

#include "ApiTokens.h"
#include "Store.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

namespace Vigia::Fuzz {

namespace {
constexpr int kAnswerTimeoutMs = 10000;

// The parsed head and body of one HTTP/1.1 answer once all of it is in buf.
bool takeAnswer(QByteArray *buf, ServiceHarness::Reply *reply, bool *close)
{
    const qsizetype headEnd = buf->indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    const QList<QByteArray> lines = buf->left(headEnd).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).split(' ');
    qint64 length = 0;
    *close = false;
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        if (colon < 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length")
            length = value.toLongLong();
        else if (name == "connection" && value.toLower() == "close")
            *close = true;
    }
    if (buf->size() < headEnd + 4 + length)
        return false;
    reply->status = statusLine.value(1).toInt();
    reply->body = buf->mid(headEnd + 4, length);
    buf->remove(0, headEnd + 4 + length);
    return true;
}
} // namespace

void initApplication(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
}

} // namespace Vigia::Fuzz

// Every target that links the harness starts the same way: the application,
// then vigiad, before the first input. The object holding this is linked in
// through instance(), so libFuzzer finds it in each of those targets.
extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    Vigia::Fuzz::initApplication(argc, argv);
    Vigia::Fuzz::ServiceHarness::instance();
    return 0;
}

namespace Vigia::Fuzz {

ServiceHarness &ServiceHarness::instance()
{
    static ServiceHarness harness;
    return harness;
}

ServiceHarness::ServiceHarness()
{
    ServiceConfig config;
    config.listenAddress = QHostAddress::LocalHost;
    config.listenPort = 0;
    config.sqlitePath = m_dir.filePath(QStringLiteral("vigia.db"));
    // Port 9 (discard) is closed on loopback: deliveries fail fast and back off.
    config.wahaUrl = QUrl(QStringLiteral("http://127.0.0.1:9"));
    config.telegramApiUrl = config.wahaUrl;
    config.wahaWebhookHmacKey = QString::fromLatin1(m_webhookKey);
    config.probeIntervalMs = 60 * 60 * 1000;
    m_service = std::make_unique<VigiaService>(config);
    QString error;
    if (!m_dir.isValid() || !m_service->start(&error)) {
        std::fprintf(stderr, "cannot start vigiad: %s\n", qPrintable(error));
        std::abort();
    }
    const QString secret = ApiTokens::generateSecret();
    if (!m_service->store()->addToken(QStringLiteral("fuzz-bot"), Role::Bot,
                                      ApiTokens::hashSecret(secret),
                                      QDateTime::currentDateTimeUtc(), &error)) {
        std::fprintf(stderr, "cannot add a token: %s\n", qPrintable(error));
        std::abort();
    }
    m_botToken = secret.toLatin1();
}

ServiceHarness::~ServiceHarness() = default;

bool ServiceHarness::connectSocket()
{
    m_socket = std::make_unique<QTcpSocket>();
    QEventLoop loop;
    QObject::connect(m_socket.get(), &QTcpSocket::connected, &loop, &QEventLoop::quit);
    QObject::connect(m_socket.get(), &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(kAnswerTimeoutMs, &loop, &QEventLoop::quit);
    m_socket->connectToHost(QHostAddress::LocalHost, m_service->port());
    loop.exec();
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

ServiceHarness::Reply ServiceHarness::send(const QByteArray &method, const QByteArray &path,
                                           const QList<QPair<QByteArray, QByteArray>> &headers,
                                           const QByteArray &body)
{
    Reply reply;
    if ((!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) && !connectSocket())
        return reply;
    QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    for (const auto &[name, value] : headers)
        request += name + ": " + value + "\r\n";
    request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;

    QByteArray buffer;
    bool close = false;
    bool answered = false;
    QEventLoop loop;
    QObject::connect(m_socket.get(), &QTcpSocket::readyRead, &loop, [&] {
        buffer += m_socket->readAll();
        if (takeAnswer(&buffer, &reply, &close)) {
            answered = true;
            loop.quit();
        }
    });
    QObject::connect(m_socket.get(), &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QTimer::singleShot(kAnswerTimeoutMs, &loop, &QEventLoop::quit);
    m_socket->write(request);
    loop.exec();
    m_socket->disconnect(&loop);
    if (!answered || close)
        m_socket.reset();
    return reply;
}

void requireAnswer(const ServiceHarness::Reply &reply)
{
    if (reply.status == 0 || reply.status == 500) {
        std::fprintf(stderr, "vigiad answered %d: %s\n", reply.status, reply.body.constData());
        __builtin_trap();
    }
}

} // namespace Vigia::Fuzz

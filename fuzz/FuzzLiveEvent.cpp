// libFuzzer target: the console's live-feed client (LiveFeedClient) reading
// whatever text message a server sends it, over a real loopback WebSocket.
// After each input the server sends a resync with a fresh sequence number;
// its arrival shows the input was handled, in order, without a crash.
#include "LiveFeedClient.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

constexpr qint64 kResumeSeq = 100;

struct LiveFeedPair
{
    QWebSocketServer server{QStringLiteral("fuzz"), QWebSocketServer::NonSecureMode};
    QWebSocket *serverSide = nullptr;
    Vigia::LiveFeedClient client;
    qint64 awaitedResync = 0;
    bool resynced = false;
    qint64 lastSeen = kResumeSeq;

    LiveFeedPair()
    {
        if (!server.listen(QHostAddress::LocalHost))
            std::abort();
        QEventLoop loop;
        QObject::connect(&server, &QWebSocketServer::newConnection, &loop, [&] {
            serverSide = server.nextPendingConnection();
            loop.quit();
        });
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        client.setServer(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())));
        client.setToken(QStringLiteral("fuzz"));
        client.setLastSeq(kResumeSeq);
        client.start();
        loop.exec();
        if (!serverSide)
            std::abort();
        QObject::connect(&client, &Vigia::LiveFeedClient::resyncRequired, &client,
                         [this](qint64 seq) {
                             lastSeen = seq;
                             if (seq == awaitedResync)
                                 resynced = true;
                         });
        // Each event handed on is newer than every one before it.
        QObject::connect(&client, &Vigia::LiveFeedClient::eventReceived, &client,
                         [this](qint64 seq) {
                             if (seq <= lastSeen)
                                 __builtin_trap();
                             lastSeen = seq;
                         });
    }
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static LiveFeedPair pair;
    static qint64 round = 0;
    pair.client.setLastSeq(kResumeSeq);
    pair.lastSeen = kResumeSeq;
    pair.awaitedResync = -1'000'000'000'000 - ++round;
    pair.resynced = false;

    pair.serverSide->sendTextMessage(
            QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    const QJsonObject resync{{QStringLiteral("seq"), pair.awaitedResync},
                             {QStringLiteral("type"), QStringLiteral("resync")}};
    pair.serverSide->sendTextMessage(
            QString::fromUtf8(QJsonDocument(resync).toJson(QJsonDocument::Compact)));
    QEventLoop loop;
    QObject::connect(&pair.client, &Vigia::LiveFeedClient::resyncRequired, &loop, [&] {
        if (pair.resynced)
            loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    if (!pair.resynced || !pair.client.isConnected())
        __builtin_trap();
    return 0;
}

#pragma once

#include "VigiaService.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <memory>

namespace Vigia::Fuzz {

// One real vigiad for a fuzz target's whole run: its SQLite store in a
// temporary directory (under $TMPDIR), listening on a free loopback port,
// reached over one keep-alive TCP connection. The route handlers take a
// QHttpServerRequest, which only QHttpServer can make, so the smallest seam
// that holds their parsing is an HTTP request to the real server.
class ServiceHarness final
{
public:
    // Started on first use; a target that cannot start it aborts.
    static ServiceHarness &instance();

    struct Reply
    {
        int status = 0; // 0: no answer (connection closed or timed out)
        QByteArray body;
    };
    // Sends one request on the keep-alive connection and waits for the answer.
    Reply send(const QByteArray &method, const QByteArray &path,
               const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body);

    // A JSON body sent with the bot's token.
    Reply sendAsBot(const QByteArray &method, const QByteArray &path, const QByteArray &body)
    {
        return send(
                method, path,
                {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + m_botToken}},
                body);
    }

    QByteArray botToken() const { return m_botToken; }
    QByteArray webhookKey() const { return m_webhookKey; }

    ~ServiceHarness();
    Q_DISABLE_COPY_MOVE(ServiceHarness)

private:
    ServiceHarness();
    bool connectSocket();

    QTemporaryDir m_dir;
    std::unique_ptr<VigiaService> m_service;
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_botToken;
    QByteArray m_webhookKey = QByteArrayLiteral("fuzz-webhook-key");
};

// Traps (a crash libFuzzer reports) when vigiad answered a request with a
// 500 or not at all: every input, however bad, deserves a 4xx or a 2xx.
void requireAnswer(const ServiceHarness::Reply &reply);

// Creates the QCoreApplication every target needs (from LLVMFuzzerInitialize).
void initApplication(int *argc, char ***argv);

} // namespace Vigia::Fuzz

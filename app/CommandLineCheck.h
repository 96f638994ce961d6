#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

namespace Vigia {

// vigia --check-connection: the console's smoke check for scripts and
// package tests. Asks the server who the token belongs to (as the connection
// dialog does) and then for the bot's status, prints one line, and needs no
// window. Nothing is saved: neither the server nor the token.
class CommandLineCheck final
{
    Q_DECLARE_TR_FUNCTIONS(CommandLineCheck)

public:
    CommandLineCheck() = delete;

    // 0 when both answered, 1 otherwise (the reason is printed on stderr).
    // Runs its own event loop until the answers arrive or time out.
    static int run(const QUrl &server, const QString &token, int timeoutMs = 8000);
};

} // namespace Vigia

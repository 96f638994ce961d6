#include "CommandLineCheck.h"

#include "ApiClient.h"
#include "ConnectionCheck.h"
#include "StatusTexts.h"

#include <QEventLoop>
#include <QTextStream>

namespace Vigia {

int CommandLineCheck::run(const QUrl &server, const QString &token, int timeoutMs)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (token.isEmpty()) {
        err << tr("No token: set VIGIA_TOKEN to the token to check.") << Qt::endl;
        return 1;
    }

    QEventLoop loop;
    bool finished = false;
    int code = 1;
    const auto finish = [&](int result) {
        code = result;
        finished = true;
        loop.quit();
    };

    ApiClient api;
    api.setServer(server);
    api.setToken(token);
    api.setTimeout(timeoutMs);
    ConnectionCheck check;
    check.setTimeout(timeoutMs);
    check.run(server, token, [&](const ConnectionOutcome &outcome) {
        if (!outcome.ok()) {
            err << ConnectionCheck::describe(outcome, server) << Qt::endl;
            finish(1);
            return;
        }
        const Caller caller = outcome.caller;
        api.fetchStatus([&, caller](const ApiReply<CommunicationStatus> &reply) {
            const QString where = server.toDisplayString();
            if (!reply.ok()) {
                err << tr("Connected to %1, but the status could not be read: %2")
                                .arg(where, reply.result.message)
                    << Qt::endl;
                finish(1);
                return;
            }
            out << tr("Connected to %1 as %2 (%3). Status: %4. %5")
                            .arg(where, caller.name,
                                 caller.role ? roleName(*caller.role) : QString(),
                                 statusStateName(reply.value.state),
                                 StatusTexts::reasonText(reply.value))
                << Qt::endl;
            finish(0);
        });
    });
    if (!finished)
        loop.exec();
    return code;
}

} // namespace Vigia

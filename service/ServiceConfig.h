#pragma once

#include "DeliveryDispatcher.h"
#include "Housekeeping.h"
#include "HttpLimits.h"
#include "LiveFeedLimits.h"
#include "SessionRegistry.h"
#include "StatusTracker.h"

#include <QHash>
#include <QHostAddress>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Vigia {

// vigiad's configuration: an INI file whose every key can be overridden by an
// environment variable VIGIA_<SECTION>_<KEY>. Invalid values stop start-up
// with a message naming the key.
struct ServiceConfig
{
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8765;
    int maxBodyBytes = 64 * 1024;
    int maxReconcileBytes = 8 * 1024 * 1024;
    HttpLimits http; // [server] connection limits and timeouts

    QString sqlitePath; // empty: the user's data directory
    // [store] postgres: several vigiad instances on one PostgreSQL database
    // (instead of sqlite). instance names this one in the leases it takes
    // (empty: host name and port, so a restart keeps it and takes its own
    // interrupted sends back at once); each renews its sends' leases every
    // lease_ms / 3, so a dead instance's sends return to the others within
    // lease_ms and a slow live one is never taken. leader_poll_ms: how often
    // each instance checks who leads (a takeover takes about that long).
    QString postgresUrl;
    QString instanceId;
    int leaseMs = 30000;
    int leaderPollMs = 1000;

    // [waha] enabled = false: a bot that delivers by Discord or Telegram only.
    // No WAHA gateway, prober or webhook key; WhatsApp notifications are
    // refused at enqueue, so nothing waits forever for a gateway nobody runs.
    bool wahaEnabled = true;
    QUrl wahaUrl = QUrl(QStringLiteral("http://127.0.0.1:3000"));
    QString wahaSession = QStringLiteral("default");
    QString wahaApiKey;
    QString wahaWebhookHmacKey;
    // An empty key is allowed only with this set and a loopback listen address.
    bool wahaAllowUnsignedWebhooks = false;
    // A webhook whose timestamp is further than this from our clock is refused.
    int wahaWebhookMaxSkewS = 300;

    QStringList discordAllowedHosts = {
            QStringLiteral("discord.com"), QStringLiteral("discordapp.com"),
            QStringLiteral("ptb.discord.com"), QStringLiteral("canary.discord.com")};

    QUrl telegramApiUrl = QUrl(QStringLiteral("https://api.telegram.org"));
    QString telegramBotToken;

    QString adminContact;

    int maxAttempts = 4;
    DeliveryPolicy delivery;
    StatusPolicy status;

    int probeIntervalMs = 15000;
    int probeTimeoutMs = 5000;
    int probeFailureThreshold = 2;

    int recoveryRatePerSecond = 5;
    // [status] diagnosis_retry_ms: each diagnosis message is tried once more
    // after this long before the diagnosis concludes nobody was reached.
    int diagnosisRetryMs = 2000;
    SessionPolicy sessions;

    QStringList botRestartCommand;
    QUrl botRestartUrl;
    int actionTimeoutMs = 30000;
    int liveJournalSize = 10000;
    RetentionPolicy retention; // [retention]
    int liveJournalBytes = 16 * 1024 * 1024;
    LiveFeedLimits live; // [live] clients and backlog

    // VIGIA_* variables that look meant for vigiad but are not read: reported,
    // not fatal (an unknown key in the file is an error).
    QStringList warnings;

    // A path as the config means it: "~" and "~/…" are the home directory,
    // a relative one is taken from baseDir.
    static QString resolvePath(const QString &path, const QString &baseDir);
    // nullopt with *error naming the key when something is wrong.
    static std::optional<ServiceConfig> load(const QString &path, const QProcessEnvironment &env,
                                             QString *error);
    static std::optional<ServiceConfig> fromValues(const QHash<QString, QString> &values,
                                                   QString *error);
    static QString defaultSqlitePath();
    // Why vigiad must not serve with this configuration (empty when it may):
    // checks that span keys, made at start-up rather than by `vigiad token`.
    QString refusalToServe() const;
    static QStringList knownKeys();
};

// Parses INI text into "section/key" -> value. Comments start with ; or #.
std::optional<QHash<QString, QString>> parseIni(const QString &text, QString *error);

} // namespace Vigia

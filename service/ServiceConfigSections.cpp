// ServiceConfig's sections: each reads its keys out of the merged INI and
// environment values, checks them and names the first bad key. Reading the
// file and the environment is ServiceConfig.cpp's.
#include "ServiceConfig.h"

#include "Phone.h"
#include "PostgresSupport.h"
#include "Spelling.h"

#include <QHostAddress>
#include <QProcess>
#include <QRegularExpression>
#include <QUrl>

#include <optional>

namespace Vigia {

namespace {

// Reads typed values out of the merged INI/environment map; the first bad
// value leaves its message (naming the key) in *error and every later read
// fails too, so a chain of reads stops at the first problem.
class ConfigReader final
{
public:
    ConfigReader(const QHash<QString, QString> &values, QString *error)
        : m_values(values), m_error(error)
    { }

    bool ok() const { return m_ok; }
    bool has(const QString &key) const { return m_values.contains(key); }
    QString text(const QString &key) const { return m_values.value(key); }

    // Names the key, never the value: it may be a token, a password in a URL
    // or a secret pasted under the wrong key, and start-up errors end in logs.
    bool fail(const QString &key, const QString &message)
    {
        if (m_ok)
            *m_error = QStringLiteral("%1: %2").arg(key, message);
        m_ok = false;
        return false;
    }
    bool whole(const QString &key, int min, int max, int *out)
    {
        if (!m_ok || !has(key))
            return m_ok;
        bool parsed = false;
        const int v = text(key).toInt(&parsed);
        if (!parsed || v < min || v > max)
            return fail(key,
                        QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max));
        *out = v;
        return true;
    }
    bool url(const QString &key, QUrl *out)
    {
        if (!m_ok || !has(key))
            return m_ok;
        const QUrl url(text(key), QUrl::StrictMode);
        if (!url.isValid()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.host().isEmpty())
            return fail(key, QStringLiteral("must be an http:// or https:// URL"));
        *out = url;
        return true;
    }
    bool boolean(const QString &key, bool *out)
    {
        if (!m_ok || !has(key))
            return m_ok;
        const QString v = text(key).toLower();
        if (v != QLatin1String("true") && v != QLatin1String("false"))
            return fail(key, QStringLiteral("must be true or false"));
        *out = v == QLatin1String("true");
        return true;
    }

private:
    const QHash<QString, QString> &m_values;
    QString *m_error;
    bool m_ok = true;
};

// The texts vigiad writes about sessions: a shipped language, then either
// text replaced; a placeholder that is not one the text takes is a typo.
bool readSessionTexts(ConfigReader &in, ServiceConfig &c)
{
    const QString languageKey = QStringLiteral("sessions/notice_language");
    if (in.has(languageKey)) {
        const auto texts = SessionNoticeTexts::forLanguage(in.text(languageKey));
        if (!texts)
            return in.fail(languageKey, QStringLiteral("must be es or en"));
        c.sessions.texts = *texts;
    }
    const struct
    {
        QString key;
        QString *text;
        QStringList placeholders;
    } templates[] = {{QStringLiteral("sessions/while_away_text"), &c.sessions.texts.whileAway,
                      SessionNoticeTexts::whileAwayPlaceholders()},
                     {QStringLiteral("sessions/moved_text"), &c.sessions.texts.moved,
                      SessionNoticeTexts::movedPlaceholders()}};
    for (const auto &t : templates) {
        if (!in.has(t.key))
            continue;
        const QString text = in.text(t.key);
        // An exit notice keeps room for the while-away note: a long one would
        // leave the bot's own text none.
        if (text.size() > 200)
            return in.fail(t.key, QStringLiteral("must be at most 200 characters"));
        const QString unknown = unknownPlaceholder(text, t.placeholders);
        if (!unknown.isEmpty())
            return in.fail(t.key,
                           QStringLiteral("%1 is not a placeholder here; it may use {%2}")
                                   .arg(unknown, t.placeholders.join(QStringLiteral("}, {"))));
        *t.text = text;
    }
    return true;
}

bool readServer(ConfigReader &in, ServiceConfig &c)
{
    const QString key = QStringLiteral("server/listen");
    if (in.has(key)) {
        const QString listen = in.text(key);
        const qsizetype colon = listen.lastIndexOf(u':');
        bool ok = false;
        const int port = colon > 0 ? listen.mid(colon + 1).toInt(&ok) : 0;
        QString host = colon > 0 ? listen.left(colon) : QString();
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        const QHostAddress address(host == QLatin1String("localhost") ? QStringLiteral("127.0.0.1")
                                                                      : host);
        if (!ok || port < 0 || port > 65535 || address.isNull())
            return in.fail(key,
                           QStringLiteral("must be host:port with an IP address, such as "
                                          "127.0.0.1:8765"));
        c.listenAddress = address;
        c.listenPort = quint16(port);
    }
    return in.whole(QStringLiteral("server/max_body_bytes"), 1024, 16 * 1024 * 1024,
                    &c.maxBodyBytes)
            && in.whole(QStringLiteral("server/max_reconcile_bytes"), 1024, 256 * 1024 * 1024,
                        &c.maxReconcileBytes)
            && in.whole(QStringLiteral("server/max_header_bytes"), 1024, 1024 * 1024,
                        &c.http.maxHeaderBytes)
            && in.whole(QStringLiteral("server/max_connections"), 1, 100000, &c.http.maxConnections)
            && in.whole(QStringLiteral("server/max_connections_per_peer"), 1, 100000,
                        &c.http.maxConnectionsPerPeer)
            && in.whole(QStringLiteral("server/header_timeout_ms"), 100, 3600 * 1000,
                        &c.http.headerTimeoutMs)
            && in.whole(QStringLiteral("server/body_timeout_ms"), 100, 3600 * 1000,
                        &c.http.bodyTimeoutMs)
            && in.whole(QStringLiteral("server/idle_timeout_ms"), 1000, 24 * 3600 * 1000,
                        &c.http.idleTimeoutMs);
}

bool readLive(ConfigReader &in, ServiceConfig &c)
{
    return in.whole(QStringLiteral("live/journal_size"), 1, 1000000, &c.liveJournalSize)
            && in.whole(QStringLiteral("live/journal_bytes"), 64 * 1024, 1024 * 1024 * 1024,
                        &c.liveJournalBytes)
            && in.whole(QStringLiteral("live/max_clients"), 1, 10000, &c.live.maxClients)
            && in.whole(QStringLiteral("live/max_backlog_bytes"), 64 * 1024, 256 * 1024 * 1024,
                        &c.live.maxBacklogBytes);
}

bool readStore(ConfigReader &in, ServiceConfig &c)
{
    c.sqlitePath = in.text(QStringLiteral("store/sqlite"));
    c.postgresUrl = in.text(QStringLiteral("store/postgres"));
    c.instanceId = in.text(QStringLiteral("store/instance"));
    const QString postgresKey = QStringLiteral("store/postgres");
    if (in.has(postgresKey)) {
        // One store: a file beside a database would leave it unclear which
        // one holds the outbox.
        if (!c.sqlitePath.isEmpty())
            return in.fail(postgresKey,
                           QStringLiteral("set either store/sqlite or store/postgres, not both"));
        QString why;
        if (c.postgresUrl.isEmpty() || !PostgresUrl::parse(c.postgresUrl, &why))
            return in.fail(postgresKey,
                           QStringLiteral("must be a postgresql:// URL, such as"
                                          " postgresql://vigia@db.example/vigia (%1)")
                                   .arg(c.postgresUrl.isEmpty() ? QStringLiteral("empty") : why));
    }
    static const QRegularExpression instanceName(QStringLiteral("^[A-Za-z0-9._:@-]{1,100}$"));
    if (in.has(QStringLiteral("store/instance")) && !instanceName.match(c.instanceId).hasMatch())
        return in.fail(QStringLiteral("store/instance"),
                       QStringLiteral("must be 1 to 100 letters, digits or . _ : @ -"));
    if (!in.whole(QStringLiteral("store/lease_ms"), 3000, 3600 * 1000, &c.leaseMs)
        || !in.whole(QStringLiteral("store/leader_poll_ms"), 100, 60000, &c.leaderPollMs))
        return false;
    if (c.postgresUrl.isEmpty() && c.sqlitePath.isEmpty())
        c.sqlitePath = ServiceConfig::defaultSqlitePath();
    return true;
}

bool readWaha(ConfigReader &in, ServiceConfig &c)
{
    if (!in.boolean(QStringLiteral("waha/enabled"), &c.wahaEnabled))
        return false;
    const QString urlKey = QStringLiteral("waha/url");
    if (!c.wahaEnabled) {
        // Nothing of WAHA is used: an empty url = is fine, a stale one unused.
        c.wahaUrl = QUrl();
        if (in.text(urlKey).isEmpty())
            return true;
    } else if (in.has(urlKey) && in.text(urlKey).isEmpty()) {
        return in.fail(urlKey,
                       QStringLiteral("must be an http:// or https:// URL; for a bot without "
                                      "WhatsApp (Discord or Telegram only) set waha/enabled = "
                                      "false instead"));
    }
    QUrl url = c.wahaUrl;
    if (!in.url(urlKey, &url))
        return false;
    if (c.wahaEnabled)
        c.wahaUrl = url;
    return true;
}

bool readGateways(ConfigReader &in, ServiceConfig &c)
{
    if (!readWaha(in, c))
        return false;
    if (in.has(QStringLiteral("waha/session"))) {
        c.wahaSession = in.text(QStringLiteral("waha/session"));
        if (c.wahaSession.isEmpty())
            return in.fail(QStringLiteral("waha/session"), QStringLiteral("must not be empty"));
    }
    c.wahaApiKey = in.text(QStringLiteral("waha/api_key"));
    c.wahaWebhookHmacKey = in.text(QStringLiteral("waha/webhook_hmac_key"));
    if (!in.boolean(QStringLiteral("waha/allow_unsigned_webhooks"), &c.wahaAllowUnsignedWebhooks)
        || !in.whole(QStringLiteral("waha/webhook_max_skew_s"), 10, 86400, &c.wahaWebhookMaxSkewS))
        return false;
    if (in.has(QStringLiteral("discord/allowed_hosts"))) {
        c.discordAllowedHosts.clear();
        const QStringList hosts =
                in.text(QStringLiteral("discord/allowed_hosts")).split(u',', Qt::SkipEmptyParts);
        for (const QString &h : hosts)
            c.discordAllowedHosts << h.trimmed().toLower();
    }
    if (!in.url(QStringLiteral("telegram/api_url"), &c.telegramApiUrl))
        return false;
    c.telegramBotToken = in.text(QStringLiteral("telegram/bot_token"));
    c.adminContact = in.text(QStringLiteral("admin/contact"));
    if (!c.adminContact.isEmpty() && Phone::toWahaChatId(c.adminContact).isEmpty())
        return in.fail(QStringLiteral("admin/contact"),
                       QStringLiteral("must be an international phone number such as +58 "
                                      "424-0000000"));
    return true;
}

bool readDelivery(ConfigReader &in, ServiceConfig &c)
{
    int ackTimeoutS = c.delivery.ackTimeoutMs / 1000;
    const bool read = in.whole(QStringLiteral("delivery/max_attempts"), 1, 100, &c.maxAttempts)
            && in.whole(QStringLiteral("delivery/attempt_timeout_ms"), 100, 600000,
                        &c.delivery.attemptTimeoutMs)
            && in.whole(QStringLiteral("delivery/backoff_initial_ms"), 1, 3600000,
                        &c.delivery.backoffInitialMs)
            && in.whole(QStringLiteral("delivery/backoff_max_ms"), 1, 86400000,
                        &c.delivery.backoffMaxMs)
            && in.whole(QStringLiteral("delivery/concurrency"), 1, 256, &c.delivery.concurrency)
            && in.whole(QStringLiteral("delivery/connections_per_gateway"), 1, 256,
                        &c.delivery.connectionsPerGateway)
            && in.whole(QStringLiteral("delivery/poll_interval_ms"), 10, 60000,
                        &c.delivery.pollIntervalMs)
            && in.whole(QStringLiteral("delivery/recovery_rate_per_s"), 1, 1000,
                        &c.recoveryRatePerSecond)
            && in.whole(QStringLiteral("delivery/ack_timeout_s"), 0, 86400, &ackTimeoutS)
            && in.whole(QStringLiteral("delivery/ack_wired_window_s"), 60, 30 * 86400,
                        &c.status.ackWiredWindowS);
    if (!read)
        return false;
    c.delivery.ackTimeoutMs = ackTimeoutS * 1000;
    if (c.delivery.backoffMaxMs < c.delivery.backoffInitialMs)
        return in.fail(QStringLiteral("delivery/backoff_max_ms"),
                       QStringLiteral("must not be smaller than delivery/backoff_initial_ms"));
    return true;
}

bool readStatus(ConfigReader &in, ServiceConfig &c)
{
    const bool read =
            in.whole(QStringLiteral("health/probe_interval_ms"), 0, 3600000, &c.probeIntervalMs)
            && in.whole(QStringLiteral("health/probe_timeout_ms"), 100, 600000, &c.probeTimeoutMs)
            && in.whole(QStringLiteral("health/failure_threshold"), 1, 100,
                        &c.probeFailureThreshold)
            && in.whole(QStringLiteral("status/failure_count"), 1, 10000, &c.status.failureCount)
            && in.whole(QStringLiteral("status/failure_window_s"), 1, 86400,
                        &c.status.failureWindowS)
            && in.whole(QStringLiteral("status/heartbeat_grace_s"), 1, 86400,
                        &c.status.heartbeatGraceS)
            && in.whole(QStringLiteral("status/settle_s"), 0, 3600, &c.status.settleS)
            && in.whole(QStringLiteral("status/diagnosis_retry_ms"), 0, 60000, &c.diagnosisRetryMs)
            && in.whole(QStringLiteral("sessions/stale_after_s"), 10, 30 * 86400,
                        &c.sessions.staleAfterS)
            && in.boolean(QStringLiteral("sessions/notify_moves"), &c.sessions.notifyMoves)
            && in.whole(QStringLiteral("actions/timeout_ms"), 100, 600000, &c.actionTimeoutMs);
    if (!read || !readSessionTexts(in, c))
        return false;
    if (c.probeIntervalMs > 0 && c.probeIntervalMs < 100)
        return in.fail(QStringLiteral("health/probe_interval_ms"),
                       QStringLiteral("must be 0 (off) or at least 100"));
    c.delivery.heldTrialIntervalMs = c.probeIntervalMs > 0 ? c.probeIntervalMs : 15000;
    c.status.probeFailureThreshold = c.probeFailureThreshold;
    // Split like a shell would, but never run through one.
    c.botRestartCommand = QProcess::splitCommand(in.text(QStringLiteral("actions/bot_restart")));
    return in.url(QStringLiteral("actions/bot_restart_url"), &c.botRestartUrl);
}

bool readRetention(ConfigReader &in, ServiceConfig &c)
{
    // 0 keeps forever; 100 years is the most that means anything.
    const int most = 36500;
    return in.whole(QStringLiteral("retention/notifications_days"), 0, most,
                    &c.retention.notificationsDays)
            && in.whole(QStringLiteral("retention/audit_days"), 0, most, &c.retention.auditDays)
            && in.whole(QStringLiteral("retention/incidents_days"), 0, most,
                        &c.retention.incidentsDays);
}

} // namespace

std::optional<ServiceConfig> ServiceConfig::fromValues(const QHash<QString, QString> &values,
                                                       QString *error)
{
    ServiceConfig c;
    // A misspelt key would leave its setting at the default without a word
    // (a "lisen" that starts on the default port): refuse to start, name it.
    QStringList unknown;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (!ServiceConfig::knownKeys().contains(it.key()))
            unknown << it.key();
    }
    if (!unknown.isEmpty()) {
        unknown.sort();
        const QString &key = unknown.constFirst();
        const QString meant = closestMatch(key, ServiceConfig::knownKeys());
        *error = meant.isEmpty()
                ? QStringLiteral("%1: unknown key (the keys vigiad reads are listed in "
                                 "vigiad.ini.example)")
                          .arg(key)
                : QStringLiteral("%1: unknown key (did you mean %2?)").arg(key, meant);
        if (unknown.size() > 1)
            *error += QStringLiteral("; also unknown: %1")
                              .arg(unknown.mid(1).join(QStringLiteral(", ")));
        return std::nullopt;
    }
    ConfigReader in(values, error);
    if (!readServer(in, c) || !readLive(in, c) || !readStore(in, c) || !readGateways(in, c)
        || !readDelivery(in, c) || !readStatus(in, c) || !readRetention(in, c))
        return std::nullopt;
    if (!c.wahaEnabled && !c.adminContact.isEmpty())
        c.warnings << QStringLiteral(
                "admin/contact is a WhatsApp number and waha/enabled = false: the failure "
                "diagnosis and recovery summaries reach no admin; ignored");
    return c;
}

} // namespace Vigia

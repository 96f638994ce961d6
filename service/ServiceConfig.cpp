#include "ServiceConfig.h"

#include "Phone.h"
#include "PostgresSupport.h"
#include "Spelling.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

#include <algorithm>
#include <limits>

namespace Vigia {

namespace {

// Key names are a contract with operators' configs and scripts.
const QStringList kKeys = {
        QStringLiteral("server/listen"),
        QStringLiteral("server/max_body_bytes"),
        QStringLiteral("store/sqlite"),
        QStringLiteral("store/postgres"),
        QStringLiteral("store/instance"),
        QStringLiteral("store/lease_ms"),
        QStringLiteral("store/leader_poll_ms"),
        QStringLiteral("waha/url"),
        QStringLiteral("waha/session"),
        QStringLiteral("waha/api_key"),
        QStringLiteral("waha/webhook_hmac_key"),
        QStringLiteral("discord/allowed_hosts"),
        QStringLiteral("telegram/api_url"),
        QStringLiteral("telegram/bot_token"),
        QStringLiteral("admin/contact"),
        QStringLiteral("delivery/max_attempts"),
        QStringLiteral("delivery/attempt_timeout_ms"),
        QStringLiteral("delivery/backoff_initial_ms"),
        QStringLiteral("delivery/backoff_max_ms"),
        QStringLiteral("delivery/concurrency"),
        QStringLiteral("delivery/poll_interval_ms"),
        QStringLiteral("health/probe_interval_ms"),
        QStringLiteral("health/probe_timeout_ms"),
        QStringLiteral("health/failure_threshold"),
        QStringLiteral("status/failure_count"),
        QStringLiteral("status/failure_window_s"),
        QStringLiteral("status/heartbeat_grace_s"),
        QStringLiteral("status/settle_s"),
        QStringLiteral("status/diagnosis_retry_ms"),
        QStringLiteral("actions/bot_restart"),
        QStringLiteral("live/journal_size"),
        QStringLiteral("delivery/ack_timeout_s"),
        QStringLiteral("delivery/ack_wired_window_s"),
        QStringLiteral("delivery/recovery_rate_per_s"),
        QStringLiteral("actions/bot_restart_url"),
        QStringLiteral("actions/timeout_ms"),
        QStringLiteral("server/max_reconcile_bytes"),
        QStringLiteral("server/max_header_bytes"),
        QStringLiteral("server/max_connections"),
        QStringLiteral("server/max_connections_per_peer"),
        QStringLiteral("server/header_timeout_ms"),
        QStringLiteral("server/body_timeout_ms"),
        QStringLiteral("server/idle_timeout_ms"),
        QStringLiteral("sessions/stale_after_s"),
        QStringLiteral("sessions/notify_moves"),
        QStringLiteral("sessions/notice_language"),
        QStringLiteral("sessions/while_away_text"),
        QStringLiteral("sessions/moved_text"),
        QStringLiteral("retention/notifications_days"),
        QStringLiteral("retention/audit_days"),
        QStringLiteral("retention/incidents_days"),
        QStringLiteral("live/journal_bytes"),
        QStringLiteral("live/max_clients"),
        QStringLiteral("live/max_backlog_bytes"),
        QStringLiteral("waha/allow_unsigned_webhooks"),
        QStringLiteral("waha/webhook_max_skew_s"),
        QStringLiteral("waha/enabled"),
};

// An inline comment needs whitespace before ; or # so values like URLs
// with fragments survive; inside double quotes nothing is a comment.
QString stripComment(const QString &line)
{
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (line[i] == u'"')
            quoted = !quoted;
        else if (!quoted && i > 0 && (line[i] == u';' || line[i] == u'#') && line[i - 1].isSpace())
            return line.left(i);
    }
    return line;
}

} // namespace

QStringList ServiceConfig::knownKeys()
{
    return kKeys;
}

QString ServiceConfig::defaultSqlitePath()
{
    // ~/.local/share/vigia/vigia.db: where scripts/run.sh keeps its store too,
    // so vigiad with and without --config finds the same file. Versions
    // before 0.2 used the application data directory (~/.local/share/vigia/
    // vigia/vigia.db, organisation and application both "vigia"): a store
    // found there is kept rather than silently starting an empty one.
    QString legacy = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/vigia.db");
    QString current = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
            + QStringLiteral("/vigia/vigia.db");
    if (!QFileInfo::exists(current) && QFileInfo::exists(legacy))
        return legacy;
    return current;
}

QString ServiceConfig::refusalToServe() const
{
    // With WhatsApp off no WAHA ever calls: the webhook route refuses every
    // request, so there is nothing to sign.
    if (!wahaEnabled || !wahaWebhookHmacKey.isEmpty())
        return {};
    // Anyone who can reach the socket could forge acks and gateway status.
    if (!wahaAllowUnsignedWebhooks)
        return QStringLiteral(
                "waha/webhook_hmac_key is empty: set it to the HMAC key WAHA signs its webhooks "
                "with, or, for a vigiad that listens on loopback only, set "
                "waha/allow_unsigned_webhooks = true");
    if (!listenAddress.isLoopback())
        return QStringLiteral(
                "waha/webhook_hmac_key is empty and server/listen is not a loopback address: "
                "waha/allow_unsigned_webhooks applies only to 127.0.0.1 or [::1]; set "
                "waha/webhook_hmac_key");
    return {};
}

std::optional<QHash<QString, QString>> parseIni(const QString &text, QString *error)
{
    QHash<QString, QString> values;
    QString section;
    const QStringList lines = text.split(u'\n');
    for (qsizetype n = 0; n < lines.size(); ++n) {
        QString line = lines[n].trimmed();
        if (n == 0 && line.startsWith(QChar(0xfeff)))
            line.remove(0, 1);
        if (line.isEmpty() || line.startsWith(u';') || line.startsWith(u'#'))
            continue;
        if (line.startsWith(u'[')) {
            line = stripComment(line).trimmed();
            if (!line.endsWith(u']')) {
                *error = QStringLiteral("line %1: section header must end with ]").arg(n + 1);
                return std::nullopt;
            }
            section = line.mid(1, line.size() - 2).trimmed().toLower();
            continue;
        }
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0) {
            *error = QStringLiteral("line %1: expected key = value").arg(n + 1);
            return std::nullopt;
        }
        if (section.isEmpty()) {
            *error = QStringLiteral("line %1: key outside of a [section]").arg(n + 1);
            return std::nullopt;
        }
        const QString key = line.left(eq).trimmed().toLower();
        QString value = stripComment(line.mid(eq + 1)).trimmed();
        if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
            value = value.mid(1, value.size() - 2);
        values.insert(section + u'/' + key, value);
    }
    return values;
}

namespace {

QString environmentName(const QString &key)
{
    QString var = QStringLiteral("VIGIA_") + key.toUpper();
    var.replace(u'/', u'_');
    return var;
}

// VIGIA_* variables vigiad does not read, when they look meant for it: a
// known section after the prefix, or a near miss of a real name. Others
// (VIGIA_SKIP_FUZZ for the test script, say) belong to someone else.
QStringList unknownEnvironment(const QProcessEnvironment &env)
{
    QStringList known;
    QStringList sections;
    for (const QString &key : kKeys) {
        known << environmentName(key);
        const QString section = QStringLiteral("VIGIA_") + key.section(u'/', 0, 0).toUpper() + u'_';
        if (!sections.contains(section))
            sections << section;
    }
    QStringList reports;
    const QStringList names = env.keys();
    for (const QString &name : names) {
        if (!name.startsWith(QLatin1String("VIGIA_")) || known.contains(name))
            continue;
        const QString meant = closestMatch(name, known);
        const bool ours = !meant.isEmpty()
                || std::any_of(sections.cbegin(), sections.cend(), [&name](const QString &section) {
                       return name.startsWith(section);
                   });
        if (!ours)
            continue;
        reports << (meant.isEmpty()
                            ? QStringLiteral("environment variable %1 is not a vigiad setting; "
                                             "ignored")
                                      .arg(name)
                            : QStringLiteral("environment variable %1 is not a vigiad setting "
                                             "(did you mean %2?); ignored")
                                      .arg(name, meant));
    }
    reports.sort();
    return reports;
}

} // namespace

QString ServiceConfig::resolvePath(const QString &path, const QString &baseDir)
{
    QString p = path.trimmed();
    if (p.isEmpty())
        return p;
    if (p == QLatin1String("~"))
        return QDir::homePath();
    if (p.startsWith(QLatin1String("~/")))
        return QDir::cleanPath(QDir::homePath() + p.mid(1));
    if (QDir::isAbsolutePath(p))
        return QDir::cleanPath(p);
    return QDir::cleanPath(QDir(baseDir).absoluteFilePath(p));
}

std::optional<ServiceConfig> ServiceConfig::load(const QString &path,
                                                 const QProcessEnvironment &env, QString *error)
{
    QHash<QString, QString> values;
    if (!path.isEmpty()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read config %1: %2").arg(path, file.errorString());
            return std::nullopt;
        }
        auto parsed = parseIni(QString::fromUtf8(file.readAll()), error);
        if (!parsed) {
            *error = QStringLiteral("%1: %2").arg(path, *error);
            return std::nullopt;
        }
        values = *parsed;
    }
    // A store path written in the file is the file's: relative to its
    // directory, wherever vigiad is started from. One from the environment
    // is the shell's, relative to where vigiad runs. Either may start with ~.
    const QString storeKey = QStringLiteral("store/sqlite");
    if (values.contains(storeKey))
        values[storeKey] = resolvePath(values.value(storeKey), QFileInfo(path).absolutePath());
    for (const QString &key : kKeys) {
        const QString var = environmentName(key);
        if (env.contains(var))
            values.insert(key, env.value(var));
    }
    if (env.contains(environmentName(storeKey)))
        values[storeKey] = resolvePath(values.value(storeKey), QDir::currentPath());
    auto config = fromValues(values, error);
    if (config)
        config->warnings << unknownEnvironment(env);
    return config;
}

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
        if (!kKeys.contains(it.key()))
            unknown << it.key();
    }
    if (!unknown.isEmpty()) {
        unknown.sort();
        const QString &key = unknown.constFirst();
        const QString meant = closestMatch(key, kKeys);
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

#include "ServiceConfig.h"

#include "Spelling.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QStandardPaths>

#include <algorithm>

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
        QStringLiteral("delivery/connections_per_gateway"),
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

} // namespace Vigia

#include "TestStores.h"

#include "PostgresStore.h"
#include "SqliteStore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace Vigia::TestSupport {

namespace {

template<typename S>
class OpenStoreOf final : public OpenStore
{
public:
    explicit OpenStoreOf(std::unique_ptr<S> store) : m_store(std::move(store)) { }
    OutboxStore &outbox() override { return *m_store; }
    TokenStore &tokens() override { return *m_store; }
    IncidentStore &incidents() override { return *m_store; }
    HistoryStore &history() override { return *m_store; }
    SessionStore &sessions() override { return *m_store; }

private:
    std::unique_ptr<S> m_store;
};

// The server's URL with another database: libpq's dbname parameter wins
// over the path (PostgresUrl::parse).
QString withDatabase(const QString &url, const QString &database)
{
    QUrl u(url);
    QUrlQuery query(u);
    query.removeAllQueryItems(QStringLiteral("dbname"));
    query.addQueryItem(QStringLiteral("dbname"), database);
    u.setQuery(query);
    return u.toString();
}

// Runs `statements` on a connection of its own to `url`; the first row's
// first column of the last one.
// The first column of the last statement's first row; of every row in *rows.
QVariant onOwnConnection(const QString &driver, const QString &target,
                         const QStringList &statements, QString *error, QStringList *rows = nullptr)
{
    const QString name =
            QStringLiteral("tst-stores-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QVariant result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
        bool opened = false;
        if (driver == QLatin1String("QPSQL")) {
            QString parseError;
            if (const auto url = PostgresUrl::parse(target, &parseError)) {
                db.setHostName(url->host);
                if (url->port > 0)
                    db.setPort(url->port);
                db.setUserName(url->user);
                db.setPassword(url->password);
                db.setDatabaseName(url->database);
                db.setConnectOptions(url->options);
                opened = db.open();
            } else if (error) {
                *error = parseError;
            }
        } else {
            db.setDatabaseName(target);
            opened = db.open();
        }
        if (!opened && error && error->isEmpty())
            *error = db.lastError().text();
        for (const QString &sql : statements) {
            if (!opened)
                break;
            QSqlQuery q(db);
            if (!q.exec(sql)) {
                if (error)
                    *error = q.lastError().text();
                result = QVariant();
                break;
            }
            result = q.next() ? q.value(0) : QVariant(QStringLiteral("<ok>"));
            if (rows) {
                rows->clear();
                for (bool more = q.isValid(); more; more = q.next())
                    rows->append(q.value(0).toString());
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

} // namespace

TestStores::TestStores()
{
    if (qEnvironmentVariable("VIGIA_TEST_STORE") == QLatin1String("postgres"))
        m_backend = Backend::Postgres;
}

TestStores::~TestStores()
{
    if (m_backend == Backend::Postgres && !m_database.isEmpty()) {
        QString error;
        onOwnConnection(QStringLiteral("QPSQL"), m_serverUrl,
                        {QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_database)},
                        &error);
    }
}

QString TestStores::backendName() const
{
    return m_backend == Backend::Postgres ? QStringLiteral("postgres") : QStringLiteral("sqlite");
}

bool TestStores::setUp(QString *error)
{
    if (m_backend == Backend::Sqlite)
        return true;
    m_serverUrl = qEnvironmentVariable("VIGIA_TEST_POSTGRES_URL");
    if (m_serverUrl.isEmpty()) {
        *error = QStringLiteral(
                "VIGIA_TEST_STORE=postgres but VIGIA_TEST_POSTGRES_URL is not set: run it through"
                " ctest (the fixture `postgres` starts a cluster with scripts/pg-test-cluster.sh)");
        return false;
    }
    // A database per process: suites run in parallel on one cluster.
    const QString database =
            QStringLiteral("vigia_test_") + QUuid::createUuid().toString(QUuid::Id128).left(16);
    error->clear();
    if (!onOwnConnection(QStringLiteral("QPSQL"), m_serverUrl,
                         {QStringLiteral("CREATE DATABASE %1").arg(database)}, error)
                 .isValid()) {
        *error = QStringLiteral("cannot create a test database on %1: %2").arg(m_serverUrl, *error);
        return false;
    }
    m_database = database;
    return true;
}

bool TestStores::reset(QString *error)
{
    if (m_backend == Backend::Sqlite) {
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid())
            *error = m_dir->errorString();
        return m_dir->isValid();
    }
    error->clear();
    return onOwnConnection(QStringLiteral("QPSQL"), withDatabase(m_serverUrl, m_database),
                           {QStringLiteral("SET client_min_messages TO WARNING"),
                            QStringLiteral("DROP SCHEMA public CASCADE"),
                            QStringLiteral("CREATE SCHEMA public")},
                           error)
            .isValid();
}

std::unique_ptr<OpenStore> TestStores::open(QString *error, const QString &instanceId,
                                            std::chrono::milliseconds lease)
{
    if (m_backend == Backend::Sqlite) {
        auto store = std::make_unique<SqliteStore>(m_dir->filePath(QStringLiteral("vigia.db")));
        if (!store->open(error))
            return nullptr;
        return std::make_unique<OpenStoreOf<SqliteStore>>(std::move(store));
    }
    auto store = std::make_unique<PostgresStore>(withDatabase(m_serverUrl, m_database), instanceId,
                                                 lease);
    if (!store->open(error))
        return nullptr;
    return std::make_unique<OpenStoreOf<PostgresStore>>(std::move(store));
}

QString TestStores::postgresUrl() const
{
    return withDatabase(m_serverUrl, m_database);
}

QVariant TestStores::scalar(const QString &sql)
{
    return run(sql, nullptr);
}

QStringList TestStores::column(const QString &sql)
{
    QStringList rows;
    run(sql, &rows);
    return rows;
}

QVariant TestStores::run(const QString &sql, QStringList *rows)
{
    QString error;
    if (m_backend == Backend::Sqlite)
        return onOwnConnection(QStringLiteral("QSQLITE"),
                               m_dir->filePath(QStringLiteral("vigia.db")), {sql}, &error, rows);
    return onOwnConnection(QStringLiteral("QPSQL"), withDatabase(m_serverUrl, m_database), {sql},
                           &error, rows);
}

} // namespace Vigia::TestSupport

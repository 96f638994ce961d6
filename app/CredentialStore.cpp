#include "CredentialStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>

#include <qt6keychain/keychain.h>

namespace Vigia {

namespace {
const QString kService = QStringLiteral("vigia");
const QString kStorageKey = QStringLiteral("connection/token_storage");

// The entry of a server's URL: where tokens were kept before profiles.
QString keyFor(const QUrl &server)
{
    return server.toString(QUrl::StripTrailingSlash);
}

QString keyFor(const QString &profileKey, const QUrl &server)
{
    return profileKey.isEmpty() ? keyFor(server) : QStringLiteral("profile:") + profileKey;
}

QString storageName(TokenStorage storage)
{
    switch (storage) {
    case TokenStorage::Keychain: return QStringLiteral("keychain");
    case TokenStorage::File: return QStringLiteral("file");
    case TokenStorage::Session: break;
    }
    return QStringLiteral("session");
}
} // namespace

CredentialStore::CredentialStore(QObject *parent) : QObject(parent) { }

void CredentialStore::setKeychainDisabled(const QString &why)
{
    m_keychainDisabled = true;
    m_keychainAvailable = false;
    m_keychainProblem = why;
}

TokenStorage CredentialStore::storage()
{
    const QString name = QSettings().value(kStorageKey).toString();
    if (name == QLatin1String("file"))
        return TokenStorage::File;
    if (name == QLatin1String("session"))
        return TokenStorage::Session;
    return TokenStorage::Keychain;
}

QString CredentialStore::tokenFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
            + QStringLiteral("/token.json");
}

void CredentialStore::readToken(const QString &profileKey, const QUrl &server,
                                const std::function<void(const QString &)> &done)
{
    const QString own = keyFor(profileKey, server);
    const QString legacy = keyFor(server);
    switch (storage()) {
    case TokenStorage::File: {
        const QString token = readFile(own);
        done(token.isEmpty() && own != legacy ? readFile(legacy) : token);
        return;
    }
    case TokenStorage::Session: done(QString()); return;
    case TokenStorage::Keychain: break;
    }
    if (m_keychainDisabled) {
        done(QString());
        return;
    }
    readKeychain(own, [this, own, legacy, done](const QString &token) {
        if (!token.isEmpty() || own == legacy || m_keychainAvailable == false)
            done(token);
        else
            readKeychain(legacy, done);
    });
}

void CredentialStore::saveToken(const QString &profileKey, const QUrl &server, const QString &token,
                                TokenStorage storage,
                                const std::function<void(const QString &)> &done)
{
    const QString key = keyFor(profileKey, server);
    const auto remember = [storage, done](const QString &error) {
        if (error.isEmpty())
            QSettings().setValue(kStorageKey, storageName(storage));
        done(error);
    };
    switch (storage) {
    case TokenStorage::File: remember(writeFile(key, token)); return;
    case TokenStorage::Session:
        // Chosen now: a copy kept in the file before must not outlive the choice.
        remember(QFileInfo::exists(tokenFilePath()) ? writeFile(key, QString()) : QString());
        return;
    case TokenStorage::Keychain: break;
    }
    if (m_keychainDisabled) {
        remember(m_keychainProblem);
        return;
    }
    writeKeychain(key, token, [key, remember](const QString &error) {
        if (error.isEmpty() && QFileInfo::exists(tokenFilePath()))
            writeFile(key, QString());
        remember(error);
    });
}

void CredentialStore::readKeychain(const QString &key,
                                   const std::function<void(const QString &)> &done)
{
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, done](QKeychain::Job *finished) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
        const QKeychain::Error error = read->error();
        m_keychainAvailable = error == QKeychain::NoError || error == QKeychain::EntryNotFound;
        m_keychainProblem = *m_keychainAvailable ? QString() : read->errorString();
        done(error == QKeychain::NoError ? read->textData() : QString());
    });
    job->start();
}

void CredentialStore::writeKeychain(const QString &key, const QString &token,
                                    const std::function<void(const QString &)> &done)
{
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(key);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, done](QKeychain::Job *finished) {
        const bool ok = finished->error() == QKeychain::NoError;
        m_keychainAvailable = ok;
        m_keychainProblem = ok ? QString() : finished->errorString();
        done(m_keychainProblem);
    });
    job->start();
}

QString CredentialStore::readFile(const QString &key)
{
    QFile file(tokenFilePath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    // Copied or restored with looser rights: only the owner may read it again.
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
            | QFileDevice::ReadOther | QFileDevice::WriteOther;
    if (file.permissions() & others)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return QJsonDocument::fromJson(file.readAll()).object().value(key).toString();
}

QString CredentialStore::writeFile(const QString &key, const QString &token)
{
    const QString path = tokenFilePath();
    QJsonObject tokens;
    if (QFile existing(path); existing.open(QIODevice::ReadOnly))
        tokens = QJsonDocument::fromJson(existing.readAll()).object();
    if (token.isEmpty())
        tokens.remove(key);
    else
        tokens.insert(key, token);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return tr("cannot create the folder of %1").arg(path);
    QSaveFile file(path);
    // Owner only from the first byte: the temporary file gets the mode
    // before the token is written, and keeps it when renamed into place.
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return tr("cannot write %1: %2").arg(path, file.errorString());
    file.write(QJsonDocument(tokens).toJson());
    if (!file.commit())
        return tr("cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace Vigia

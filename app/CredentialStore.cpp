#include "CredentialStore.h"

#include <qt6keychain/keychain.h>

namespace Vigia {

namespace {
const QString kService = QStringLiteral("vigia");
}

CredentialStore::CredentialStore(QObject *parent) : QObject(parent) { }

void CredentialStore::readToken(const QUrl &server,
                                const std::function<void(const QString &, const QString &)> &done)
{
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(server.toString(QUrl::StripTrailingSlash));
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *finished) {
        auto *read = static_cast<QKeychain::ReadPasswordJob *>(finished);
        if (read->error() == QKeychain::NoError)
            done(read->textData(), QString());
        else if (read->error() == QKeychain::EntryNotFound)
            done(QString(), QString());
        else
            done(QString(), read->errorString());
    });
    job->start();
}

void CredentialStore::writeToken(const QUrl &server, const QString &token,
                                 const std::function<void(const QString &)> &done)
{
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(server.toString(QUrl::StripTrailingSlash));
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *finished) {
        done(finished->error() == QKeychain::NoError ? QString() : finished->errorString());
    });
    job->start();
}

} // namespace Vigia

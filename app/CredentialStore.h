#pragma once

#include <QObject>
#include <QUrl>

#include <functional>

namespace Vigia {

// Keeps the API token in the system keychain (QtKeychain), one entry per
// server URL. Never writes it to a plain file.
class CredentialStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialStore)

public:
    explicit CredentialStore(QObject *parent = nullptr);

    // done(token, error): token empty when none is stored or the keychain is unavailable.
    void readToken(const QUrl &server,
                   const std::function<void(const QString &, const QString &)> &done);
    void writeToken(const QUrl &server, const QString &token,
                    const std::function<void(const QString &)> &done);
};

} // namespace Vigia

#pragma once

#include <QObject>
#include <QUrl>

#include <functional>
#include <optional>

namespace Vigia {

// Where the operator chose to keep the API token.
enum class TokenStorage {
    Keychain, // the system keychain (Secret Service, KWallet, …)
    File, // a file in the console's configuration folder, readable only by its owner (0600)
    Session, // nowhere: asked again at the next start
};

// Keeps the API token, one per server profile, where the operator chose
// (TokenStorage), and remembers that choice for the next start. The keychain
// is reached through QtKeychain; when it cannot be, the store says so
// (keychainAvailable()) instead of reporting an error nobody asked about.
class CredentialStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CredentialStore)

public:
    explicit CredentialStore(QObject *parent = nullptr);

    // Never ask the system keychain (tests; a machine known to have none):
    // it counts as unavailable for the reason given.
    void setKeychainDisabled(const QString &why);
    // Empty until the keychain was asked once (or disabled).
    std::optional<bool> keychainAvailable() const { return m_keychainAvailable; }
    QString keychainProblem() const { return m_keychainProblem; }

    // The storage chosen last time (Keychain when never chosen).
    static TokenStorage storage();
    // The file used for TokenStorage::File.
    static QString tokenFilePath();

    // done(token): empty when none is kept where the operator chose, or when
    // the keychain cannot be reached (keychainAvailable() then says false).
    // `profileKey` names the server profile the token belongs to: two profiles
    // may name one server with tokens of different roles. A profile with no
    // token of its own gets the one kept for its URL, as tokens were kept
    // before there were profiles. An empty key reads the URL's token.
    void readToken(const QString &profileKey, const QUrl &server,
                   const std::function<void(const QString &)> &done);
    // Keeps the token (or forgets it, for Session) and, once that worked,
    // remembers the choice. done(error): empty on success.
    // The token is kept for the profile (for the URL when profileKey is empty).
    void saveToken(const QString &profileKey, const QUrl &server, const QString &token,
                   TokenStorage storage, const std::function<void(const QString &)> &done);

private:
    void readKeychain(const QString &key, const std::function<void(const QString &)> &done);
    void writeKeychain(const QString &key, const QString &token,
                       const std::function<void(const QString &)> &done);
    static QString readFile(const QString &key);
    // error: empty on success. An empty token removes the server's entry.
    static QString writeFile(const QString &key, const QString &token);

    std::optional<bool> m_keychainAvailable;
    QString m_keychainProblem;
    bool m_keychainDisabled = false;
};

} // namespace Vigia

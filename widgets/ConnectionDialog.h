#pragma once

#include <QDialog>
#include <QUrl>

class QButtonGroup;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace Vigia {

// First run (and File > Connect): where vigiad is, which token to use and
// where to keep it. Connect does not close the dialog: it asks for a check
// (connectRequested); whoever checks answers with setError() or finish().
class ConnectionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)

public:
    // Where the token is kept once the connection works.
    enum class Keep { Keychain, Session, File };

    explicit ConnectionDialog(QWidget *parent = nullptr);

    void setServer(const QUrl &url);
    QUrl server() const;
    void setToken(const QString &token);
    QString token() const;
    void setError(const QString &message);
    QString error() const;

    // The keychain cannot be used (why: what it said): the choice between
    // the other two is explained, and the keychain option is off.
    void setKeychainAvailable(bool available, const QString &why = QString());
    void setTokenFilePath(const QString &path);
    void setKeep(Keep keep);
    Keep keep() const;
    // A check is on its way: the fields wait, Connect says so.
    void setChecking(bool checking);
    bool isChecking() const { return m_checking; }
    // The check passed and everything is saved: close as accepted.
    void finish();

    void accept() override;

Q_SIGNALS:
    // Valid input: check server() and token() before saving anything.
    void connectRequested();

private:
    void fitContents();

    QLineEdit *m_server;
    QLineEdit *m_token;
    QLabel *m_keychainNote;
    QRadioButton *m_keychain;
    QRadioButton *m_session;
    QRadioButton *m_file;
    QButtonGroup *m_keepGroup;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    bool m_checking = false;
};

} // namespace Vigia

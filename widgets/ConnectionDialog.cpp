#include "ConnectionDialog.h"

#include "VigiaPalette.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace Vigia {

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent),
      m_server(new QLineEdit(this)),
      m_token(new QLineEdit(this)),
      m_keychainNote(new QLabel(this)),
      m_keychain(new QRadioButton(tr("In the system &keychain (recommended)"), this)),
      m_session(
              new QRadioButton(tr("For this session &only: asked again at the next start"), this)),
      m_file(new QRadioButton(this)),
      m_keepGroup(new QButtonGroup(this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to vigiad"));
    setObjectName(QStringLiteral("connectionDialog"));
    m_server->setObjectName(QStringLiteral("serverEdit"));
    m_token->setObjectName(QStringLiteral("tokenEdit"));
    m_server->setPlaceholderText(QStringLiteral("http://127.0.0.1:8765"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("printed once by: vigiad token add --role admin --name …"));
    m_keychain->setObjectName(QStringLiteral("keepInKeychain"));
    m_session->setObjectName(QStringLiteral("keepForSession"));
    m_file->setObjectName(QStringLiteral("keepInFile"));
    m_keepGroup->addButton(m_keychain, static_cast<int>(Keep::Keychain));
    m_keepGroup->addButton(m_session, static_cast<int>(Keep::Session));
    m_keepGroup->addButton(m_file, static_cast<int>(Keep::File));
    m_keychain->setChecked(true);
    setTokenFilePath(QString());
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_keychainNote->setVisible(false);
    m_error->setObjectName(QStringLiteral("connectionError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setVisible(false);
    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&Token:"), m_token);
    auto *keepBox = new QGroupBox(tr("Keep the token"), this);
    auto *keepLayout = new QVBoxLayout(keepBox);
    keepLayout->addWidget(m_keychainNote);
    keepLayout->addWidget(m_keychain);
    keepLayout->addWidget(m_session);
    keepLayout->addWidget(m_file);
    auto *note = new QLabel(tr("Nothing is saved until vigiad has accepted the token."), this);
    note->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("connectButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(keepBox);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    setMinimumWidth(fontMetrics().averageCharWidth() * 70);
}

void ConnectionDialog::setServer(const QUrl &url)
{
    m_server->setText(url.toString());
}

QUrl ConnectionDialog::server() const
{
    return QUrl::fromUserInput(m_server->text().trimmed());
}

void ConnectionDialog::setToken(const QString &token)
{
    m_token->setText(token);
}

QString ConnectionDialog::token() const
{
    return m_token->text().trimmed();
}

void ConnectionDialog::setError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
    fitContents();
    m_error->setStyleSheet(
            QStringLiteral("color: %1; font-weight: bold;")
                    .arg(VigiaPalette::color(VigiaPalette::Role::SignalFailing).name()));
}

QString ConnectionDialog::error() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

void ConnectionDialog::setKeychainAvailable(bool available, const QString &why)
{
    m_keychain->setEnabled(available);
    m_keychainNote->setVisible(!available);
    if (!available) {
        m_keychainNote->setText(
                tr("This computer has no system keychain that Vigía can use (no Secret Service "
                   "is running), so the token cannot be kept there. Choose: keep it for this "
                   "session only, and type it again at the next start; or keep it in a file "
                   "that only your user account can read, and connect without asking."));
        m_keychainNote->setToolTip(why);
        if (m_keychain->isChecked())
            m_session->setChecked(true);
    }
    fitContents();
}

void ConnectionDialog::fitContents()
{
    // Wrapped text that appears after the dialog is shown needs the height
    // for its width, which only a new size of the whole dialog gives it.
    if (isVisible())
        adjustSize();
}

void ConnectionDialog::setTokenFilePath(const QString &fullPath)
{
    // ~/.config/… reads better than the home folder spelled out.
    const QString home = QDir::homePath() + u'/';
    const QString path =
            fullPath.startsWith(home) ? QStringLiteral("~/") + fullPath.mid(home.size()) : fullPath;
    m_file->setText(path.isEmpty() ? tr("In a &file only you can read (0600)")
                                   : tr("In a &file only you can read (0600): %1")
                                             .arg(QDir::toNativeSeparators(path)));
}

void ConnectionDialog::setKeep(Keep keep)
{
    if (keep == Keep::Keychain && !m_keychain->isEnabled())
        keep = Keep::Session;
    m_keepGroup->button(static_cast<int>(keep))->setChecked(true);
}

ConnectionDialog::Keep ConnectionDialog::keep() const
{
    return static_cast<Keep>(m_keepGroup->checkedId());
}

void ConnectionDialog::setChecking(bool checking)
{
    m_checking = checking;
    m_server->setEnabled(!checking);
    m_token->setEnabled(!checking);
    QPushButton *connectButton = m_buttons->button(QDialogButtonBox::Ok);
    connectButton->setEnabled(!checking);
    connectButton->setText(checking ? tr("Checking…") : tr("Connect"));
    if (checking)
        setError(QString());
}

void ConnectionDialog::finish()
{
    setChecking(false);
    QDialog::accept();
}

void ConnectionDialog::accept()
{
    if (m_checking)
        return;
    const QUrl url = server();
    if (!url.isValid()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        setError(tr("Enter the server as http://host:port or https://host."));
        return;
    }
    if (token().isEmpty()) {
        setError(tr("Enter the token vigiad printed when it was created."));
        return;
    }
    setChecking(true);
    Q_EMIT connectRequested();
}

} // namespace Vigia

#include "ConnectionDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Vigia {

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent),
      m_server(new QLineEdit(this)),
      m_token(new QLineEdit(this)),
      m_error(new QLabel(this))
{
    setWindowTitle(tr("Connect to vigiad"));
    m_server->setPlaceholderText(QStringLiteral("http://127.0.0.1:8765"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("printed once by: vigiad token add --role admin --name …"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    auto *form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&Token:"), m_token);
    auto *note = new QLabel(tr("The token is kept in the system keychain, never in a plain file."),
                            this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

void ConnectionDialog::setServer(const QUrl &url)
{
    m_server->setText(url.toString());
}

QUrl ConnectionDialog::server() const
{
    return QUrl::fromUserInput(m_server->text().trimmed());
}

QString ConnectionDialog::token() const
{
    return m_token->text().trimmed();
}

void ConnectionDialog::setError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void ConnectionDialog::accept()
{
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
    QDialog::accept();
}

} // namespace Vigia

#pragma once

#include <QDialog>
#include <QUrl>

class QLineEdit;
class QLabel;

namespace Vigia {

// First run (and File > Connect): where vigiad is and which token to use.
class ConnectionDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionDialog)

public:
    explicit ConnectionDialog(QWidget *parent = nullptr);

    void setServer(const QUrl &url);
    QUrl server() const;
    QString token() const;
    void setError(const QString &message);

    void accept() override;

private:
    QLineEdit *m_server;
    QLineEdit *m_token;
    QLabel *m_error;
};

} // namespace Vigia

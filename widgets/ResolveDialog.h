#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace Vigia {

// Asks how the customer was reached by other means ("contacted by phone").
class ResolveDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResolveDialog)

public:
    explicit ResolveDialog(int count, QWidget *parent = nullptr);

    // The API's method name: phone_call, sms, email or other.
    QString method() const;
    void setMethod(const QString &method);
    QString note() const;
    void setNote(const QString &note);
    // One notification: name the customer and the phone, so the operator
    // records the right call.
    void setCustomer(const QString &customer, const QString &phone);
    QString introText() const;

private:
    QLabel *m_intro;
    QComboBox *m_method;
    QPlainTextEdit *m_note;
};

} // namespace Vigia

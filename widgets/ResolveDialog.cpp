#include "ResolveDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Vigia {

ResolveDialog::ResolveDialog(int count, QWidget *parent)
    : QDialog(parent), m_method(new QComboBox(this)), m_note(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Mark as contacted"));
    setObjectName(QStringLiteral("resolveDialog"));
    m_method->setObjectName(QStringLiteral("resolveMethod"));
    m_note->setObjectName(QStringLiteral("resolveNote"));
    m_method->addItem(tr("Phone call"), QStringLiteral("phone_call"));
    m_method->addItem(tr("SMS"), QStringLiteral("sms"));
    m_method->addItem(tr("Email"), QStringLiteral("email"));
    m_method->addItem(tr("Other"), QStringLiteral("other"));
    m_note->setPlaceholderText(tr("What was agreed with the customer (optional)"));
    m_note->setTabChangesFocus(true);

    m_intro = new QLabel(tr("The customer of %n selected notification(s) was reached another way. "
                            "They will leave the failed list.",
                            nullptr, count),
                         this);
    m_intro->setObjectName(QStringLiteral("resolveIntro"));
    m_intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&How:"), m_method);
    form->addRow(tr("&Note:"), m_note);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Mark contacted"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void ResolveDialog::setCustomer(const QString &customer, const QString &phone)
{
    const QString who = customer.isEmpty() ? tr("The customer") : customer;
    m_intro->setText(tr("%1 (%2) was reached another way. The notification will leave the failed "
                        "list.")
                             .arg(who, phone));
}

QString ResolveDialog::introText() const
{
    return m_intro->text();
}

QString ResolveDialog::method() const
{
    return m_method->currentData().toString();
}

void ResolveDialog::setMethod(const QString &method)
{
    const int i = m_method->findData(method);
    if (i >= 0)
        m_method->setCurrentIndex(i);
}

QString ResolveDialog::note() const
{
    return m_note->toPlainText().trimmed();
}

void ResolveDialog::setNote(const QString &note)
{
    m_note->setPlainText(note);
}

} // namespace Vigia

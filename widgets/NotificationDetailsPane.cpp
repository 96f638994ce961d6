#include "NotificationDetailsPane.h"

#include "AuditModel.h"
#include "NotificationModel.h"
#include "Phone.h"
#include "VigiaPalette.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Vigia {

namespace {
QString when(const QDateTime &at)
{
    return at.isValid() ? QLocale().toString(at.toLocalTime(), QLocale::ShortFormat) : QString();
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value.toHtmlEscaped());
}
} // namespace

NotificationDetailsPane::NotificationDetailsPane(QWidget *parent)
    : QWidget(parent),
      m_title(new QLabel(this)),
      m_claim(new QLabel(this)),
      m_claimButton(new QPushButton(tr("I'm handling &this"), this)),
      m_releaseButton(new QPushButton(tr("R&elease"), this)),
      m_body(new QTextBrowser(this)),
      m_copyPhone(new QPushButton(tr("Copy &phone"), this)),
      m_openChat(new QPushButton(tr("Open c&hat"), this)),
      m_copyMessage(new QPushButton(tr("Copy &message"), this))
{
    setObjectName(QStringLiteral("detailsPane"));
    setAccessibleName(tr("Notification details"));
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_claim->setObjectName(QStringLiteral("claimLabel"));
    m_claim->setWordWrap(true);
    QPalette claimPalette = m_claim->palette();
    claimPalette.setColor(QPalette::WindowText, VigiaPalette::color(VigiaPalette::Role::ClaimText));
    m_claim->setPalette(claimPalette);
    m_claimButton->setObjectName(QStringLiteral("claimButton"));
    m_releaseButton->setObjectName(QStringLiteral("releaseButton"));
    m_claimButton->setAccessibleName(tr("Tell the other operators you are handling this"));
    m_releaseButton->setAccessibleName(tr("Stop handling this notification"));
    connect(m_claimButton, &QPushButton::clicked, this, &NotificationDetailsPane::claimRequested);
    connect(m_releaseButton, &QPushButton::clicked, this,
            &NotificationDetailsPane::releaseRequested);
    m_body->setObjectName(QStringLiteral("detailsBody"));
    m_body->setAccessibleName(tr("Notification details"));
    m_body->setOpenLinks(false);
    // Focusing the pane (Enter on a row) lands on the text, where keys scroll.
    setFocusProxy(m_body);
    m_copyPhone->setObjectName(QStringLiteral("copyPhoneButton"));
    m_openChat->setObjectName(QStringLiteral("openChatButton"));
    m_copyMessage->setObjectName(QStringLiteral("copyMessageButton"));
    m_copyPhone->setAccessibleName(tr("Copy the phone or recipient"));
    m_openChat->setAccessibleName(tr("Open the WhatsApp chat"));
    m_copyMessage->setAccessibleName(tr("Copy the message"));

    connect(m_copyPhone, &QPushButton::clicked, this, [this] {
        if (m_notification)
            QGuiApplication::clipboard()->setText(m_notification->recipient);
    });
    connect(m_copyMessage, &QPushButton::clicked, this, [this] {
        if (m_notification)
            QGuiApplication::clipboard()->setText(m_notification->text);
    });
    connect(m_openChat, &QPushButton::clicked, this, [this] {
        if (!m_notification)
            return;
        const QUrl url = Phone::chatUrl(m_notification->recipient);
        if (url.isValid())
            Q_EMIT openChatRequested(url);
    });

    auto *claimRow = new QHBoxLayout;
    claimRow->addWidget(m_claimButton);
    claimRow->addWidget(m_releaseButton);
    claimRow->addWidget(m_claim, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_copyPhone);
    buttons->addWidget(m_openChat);
    buttons->addWidget(m_copyMessage);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(claimRow);
    layout->addLayout(buttons);
    layout->addWidget(m_body, 1);
    clear();
}

void NotificationDetailsPane::clear()
{
    m_notification.reset();
    m_title->setText(tr("Select a notification to see its details"));
    m_body->clear();
    m_copyPhone->setEnabled(false);
    m_openChat->setEnabled(false);
    m_copyMessage->setEnabled(false);
    setClaim({});
}

void NotificationDetailsPane::setClaim(const ClaimView &claim)
{
    if (claim.holder.isEmpty())
        m_claim->clear();
    else if (claim.mine)
        m_claim->setText(tr("You are handling this until %1").arg(when(claim.until)));
    else
        m_claim->setText(tr("%1 is handling this until %2").arg(claim.holder, when(claim.until)));
    m_claimButton->setEnabled(claim.canClaim);
    m_releaseButton->setEnabled(claim.canRelease);
    m_claimButton->setToolTip(
            claim.canClaim ? tr("The other consoles show that you are handling it") : claim.whyNot);
    m_releaseButton->setToolTip(claim.canRelease ? tr("Let someone else handle it") : claim.whyNot);
}

QString NotificationDetailsPane::claimText() const
{
    return m_claim->text();
}

void NotificationDetailsPane::setNotification(const Notification &notification,
                                              const QList<AuditEntry> &audit)
{
    m_notification = notification;
    const QString who = notification.customerName.isEmpty() ? notification.recipient
                                                            : notification.customerName;
    m_title->setText(notification.orderId.isEmpty()
                             ? who
                             : tr("%1 — order %2").arg(who, notification.orderId));
    m_body->setHtml(html(notification, audit));
    m_copyPhone->setEnabled(!notification.recipient.isEmpty());
    m_copyMessage->setEnabled(!notification.text.isEmpty());
    const bool chat = notification.channel == Channel::WhatsApp
            && Phone::chatUrl(notification.recipient).isValid();
    m_openChat->setEnabled(chat);
    m_openChat->setToolTip(chat ? QString() : tr("Only for WhatsApp numbers"));
}

QString NotificationDetailsPane::text() const
{
    return m_title->text() + u'\n' + m_body->toPlainText();
}

QString NotificationDetailsPane::outcomeText(const QString &outcome)
{
    if (outcome == QLatin1String("delivered"))
        return tr("delivered");
    if (outcome == QLatin1String("retryable"))
        return tr("failed, to be retried");
    if (outcome == QLatin1String("permanent"))
        return tr("failed for good");
    if (outcome == QLatin1String("interrupted"))
        return tr("interrupted");
    return outcome;
}

QString NotificationDetailsPane::methodText(ResolutionMethod method)
{
    switch (method) {
    case ResolutionMethod::Retry: return tr("sent again");
    case ResolutionMethod::PhoneCall: return tr("phone call");
    case ResolutionMethod::Sms: return tr("SMS");
    case ResolutionMethod::Email: return tr("email");
    case ResolutionMethod::Other: return tr("other");
    }
    return {};
}

QString NotificationDetailsPane::html(const Notification &n, const QList<AuditEntry> &audit) const
{
    QString out = QStringLiteral("<table cellspacing=\"2\">");
    QString channel;
    switch (n.channel) {
    case Channel::WhatsApp: channel = tr("WhatsApp"); break;
    case Channel::Discord: channel = tr("Discord"); break;
    case Channel::Telegram: channel = tr("Telegram"); break;
    }
    out += row(tr("Channel"), channel);
    out += row(tr("Recipient"), n.recipient);
    out += row(tr("Customer"), n.customerName.isEmpty() ? tr("—") : n.customerName);
    out += row(tr("Order"), n.orderId.isEmpty() ? tr("—") : n.orderId);
    // The name in the operator's language, and the code the bot sent beside it.
    const QString typeName = NotificationModel::typeText(n.type);
    out += row(tr("Type"),
               typeName == n.type ? n.type
                                  : tr("%1 (%2)", "type name (code)").arg(typeName, n.type));
    out += row(tr("Created"), when(n.createdAt));
    out += row(tr("Last error"), n.lastError);
    out += QStringLiteral("</table>");
    out += QStringLiteral("<h4>%1</h4><p>%2</p>")
                   .arg(tr("Message").toHtmlEscaped(),
                        n.text.toHtmlEscaped().replace(u'\n', QStringLiteral("<br>")));

    out += QStringLiteral("<h4>%1</h4>")
                   .arg(tr("Attempts (%1 of %2)")
                                .arg(n.attempts)
                                .arg(n.maxAttempts)
                                .toHtmlEscaped());
    if (n.history.isEmpty())
        out += QStringLiteral("<p>%1</p>").arg(tr("No attempt recorded").toHtmlEscaped());
    for (const DeliveryAttempt &a : n.history) {
        QString line =
                tr("#%1 at %2: %3").arg(a.number).arg(when(a.startedAt), outcomeText(a.outcome));
        if (a.httpStatus > 0)
            line += u' ' + tr("(HTTP %1)").arg(a.httpStatus);
        out += QStringLiteral("<p>%1").arg(line.toHtmlEscaped());
        if (!a.detail.isEmpty())
            out += QStringLiteral("<br><i>%1</i>").arg(a.detail.toHtmlEscaped());
        out += QStringLiteral("</p>");
    }

    if (n.resolution) {
        const Resolution &r = *n.resolution;
        out += QStringLiteral("<h4>%1</h4><p>%2</p>")
                       .arg(tr("Resolution").toHtmlEscaped(),
                            tr("%1 by %2 at %3")
                                    .arg(methodText(r.method), r.by, when(r.at))
                                    .toHtmlEscaped());
        if (!r.note.isEmpty())
            out += QStringLiteral("<p><i>%1</i></p>").arg(r.note.toHtmlEscaped());
    }

    if (!audit.isEmpty()) {
        out += QStringLiteral("<h4>%1</h4>").arg(tr("Audit").toHtmlEscaped());
        for (const AuditEntry &e : audit) {
            out += QStringLiteral("<p>%1</p>")
                           .arg(tr("%1: %2 by %3 (%4)")
                                        .arg(when(e.at), AuditModel::actionText(e.action), e.actor,
                                             AuditModel::outcomeText(e))
                                        .toHtmlEscaped());
        }
    }
    return out;
}

} // namespace Vigia

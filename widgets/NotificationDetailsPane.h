#pragma once

#include "AuditEntry.h"
#include "Notification.h"

#include <QUrl>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace Vigia {

// Who handles the notification shown and what this operator may do about it,
// as the Failed panel decides from the row and the role.
struct ClaimView
{
    QString holder; // empty: nobody is handling it
    QDateTime until;
    bool mine = false;
    bool canClaim = false;
    bool canRelease = false;
    QString whyNot; // the buttons' tooltip when they are disabled
};

// Everything about one notification beside the Failed table: who, where,
// the full text, every attempt with the gateway's answer, the resolution and
// the audit entries about it; with buttons to copy the phone or the message
// and to open the WhatsApp chat. Shows what it is given; asks for nothing.
class NotificationDetailsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotificationDetailsPane)

public:
    explicit NotificationDetailsPane(QWidget *parent = nullptr);

    // The notification in full (with its attempt history) and its audit entries.
    void setNotification(const Notification &notification, const QList<AuditEntry> &audit);
    // Nothing selected.
    void clear();
    QString notificationId() const { return m_notification ? m_notification->id : QString(); }
    // The details as shown (plain text): for tests and screen readers.
    QString text() const;
    // "I'm handling this": the line about who does and the two buttons.
    void setClaim(const ClaimView &claim);
    QString claimText() const;

Q_SIGNALS:
    // "Open chat": the caller opens it (QDesktopServices), so tests need not.
    void openChatRequested(const QUrl &url);
    void claimRequested();
    void releaseRequested();

private:
    QString html(const Notification &n, const QList<AuditEntry> &audit) const;
    static QString outcomeText(const QString &outcome);
    static QString methodText(ResolutionMethod method);

    QLabel *m_title;
    QLabel *m_claim;
    QPushButton *m_claimButton;
    QPushButton *m_releaseButton;
    QTextBrowser *m_body;
    QPushButton *m_copyPhone;
    QPushButton *m_openChat;
    QPushButton *m_copyMessage;
    std::optional<Notification> m_notification;
};

} // namespace Vigia

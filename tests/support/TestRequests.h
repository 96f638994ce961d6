#pragma once

#include "Notification.h"

namespace Vigia::TestSupport {

// A WhatsApp order notification as a bot sends one; each test changes what
// it looks at and leaves the rest.
inline NotificationRequest
whatsappOrder(const QString &orderId,
              const QString &text = QStringLiteral("Your order was received"),
              const QString &customer = QStringLiteral("Ana Pérez"),
              const QString &recipient = QStringLiteral("+58 424-1234567"))
{
    NotificationRequest r;
    r.channel = Channel::WhatsApp;
    r.recipient = recipient;
    r.customerName = customer;
    r.orderId = orderId;
    r.type = QStringLiteral("ORDER_RECEIVED");
    r.text = text;
    return r;
}

} // namespace Vigia::TestSupport

#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QRandomGenerator>
#include <QStringList>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;

namespace Vigia {

// The chat bot of `vigiad --demo`: a food shop's WhatsApp bot and a voice
// server's bot in one, calling vigiad's REST API over loopback with a bot
// token exactly as a real bot would — heartbeats, orders moving from received
// to shipped (each step a notification to the customer), people joining,
// moving between and leaving voice rooms (each leave owing an exit notice),
// and an order conversation per customer.
class DemoBot final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoBot)

public:
    struct Pace
    {
        int heartbeatMs = 20000;
        int orderMs = 4000; // one order step (a notification) this often
        int sessionMs = 5000; // one join, move or leave this often
    };

    DemoBot(const QUrl &vigiad, const QByteArray &token, const Pace &pace,
            QObject *parent = nullptr);

    void start();
    // Orders and steps sent so far (each one notification).
    int notificationsQueued() const { return m_queued; }
    // A customer whose number WhatsApp does not know: their orders fail for
    // them alone, while the gateway works.
    static QString unregisteredPhone();

Q_SIGNALS:
    // A request vigiad refused or never answered: the demo logs it.
    void requestFailed(const QString &what, const QString &error);

private:
    struct Order
    {
        int customer = 0;
        QString id;
        QString items;
        int step = 0; // index into the order's notification types
    };

    void orderStep();
    void sessionStep();
    void notify(const Order &order);
    void call(const QByteArray &verb, const QString &path, const QJsonObject &body = {});

    QUrl m_vigiad;
    QByteArray m_token;
    Pace m_pace;
    QNetworkAccessManager *m_network;
    QTimer m_heartbeat;
    QTimer m_orders;
    QTimer m_sessions;
    // Seeded: every demo tells the same story, which helps when explaining it.
    QRandomGenerator m_random{20250113};
    QList<Order> m_open;
    int m_nextOrder = 1042;
    int m_queued = 0;
    QStringList m_inVoice; // user keys with a voice session
    QHash<QString, QString> m_room;
};

} // namespace Vigia

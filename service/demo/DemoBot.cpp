#include "DemoBot.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>
#include <iterator>

Q_LOGGING_CATEGORY(lcDemoBot, "vigia.demo.bot", QtInfoMsg)

namespace Vigia {

namespace {

struct Customer
{
    const char *name;
    const char *phone;
};

// Invented people on the 555 test range; the last number is not on WhatsApp.
constexpr Customer kCustomers[] = {
        {"María González", "+58 414 5550101"}, {"José Pérez", "+58 424 5550102"},
        {"Ana Rodríguez", "+58 412 5550103"},  {"Luis Hernández", "+58 416 5550104"},
        {"Carmen Díaz", "+58 426 5550105"},    {"Pedro Martínez", "+58 414 5550106"},
        {"Lucía Ramírez", "+58 424 5550107"},  {"Andrés Torres", "+58 412 5550108"},
        {"Rosa Medina", "+58 412 5550199"},
};
constexpr int kCustomerCount = int(std::size(kCustomers));

constexpr const char *kItems[] = {
        "2 arepas reina pepiada", "1 pabellón criollo",     "3 tequeños y 1 malta",
        "1 cachapa con queso",    "2 empanadas de carne",   "1 jugo de parchita y 2 arepas",
        "1 hallaca y 1 papelón",  "4 tequeños y 1 cachapa",
};

constexpr const char *kSteps[] = {"ORDER_RECEIVED", "PAYMENT_CONFIRMED", "ORDER_READY",
                                  "ORDER_SHIPPED"};
constexpr int kStepCount = int(std::size(kSteps));

struct VoiceUser
{
    const char *key;
    const char *name;
    const char *id;
};

constexpr VoiceUser kVoiceUsers[] = {
        {"pino", "Pino", "1001"}, {"luz", "Luz", "1002"},   {"beto", "Beto", "1003"},
        {"caro", "Caro", "1004"}, {"dani", "Dani", "1005"}, {"eli", "Eli", "1006"},
        {"memo", "Memo", "1007"},
};
constexpr int kVoiceUserCount = int(std::size(kVoiceUsers));

constexpr const char *kRooms[] = {"General", "Juegos", "Música", "Estudio"};
constexpr int kRoomCount = int(std::size(kRooms));

// The group the voice bot announces leaves to.
const char *const kVoiceGroup = "+58 414 5550100";

QString stepText(const QString &name, const QString &order, const QString &items, int step)
{
    const QString first = name.section(u' ', 0, 0);
    switch (step) {
    case 0:
        return QStringLiteral("Hola %1, recibimos tu pedido %2 (%3). Te avisamos cuando esté "
                              "listo.")
                .arg(first, order, items);
    case 1:
        return QStringLiteral("%1, confirmamos el pago de tu pedido %2. ¡Gracias!")
                .arg(first, order);
    case 2:
        return QStringLiteral("%1, tu pedido %2 está listo y sale en unos minutos.")
                .arg(first, order);
    default:
        return QStringLiteral("%1, tu pedido %2 va en camino. ¡Buen provecho!").arg(first, order);
    }
}

} // namespace

DemoBot::DemoBot(const QUrl &vigiad, const QByteArray &token, const Pace &pace, QObject *parent)
    : QObject(parent),
      m_vigiad(vigiad),
      m_token(token),
      m_pace(pace),
      m_network(new QNetworkAccessManager(this))
{
    m_heartbeat.setInterval(pace.heartbeatMs);
    m_orders.setInterval(pace.orderMs);
    m_sessions.setInterval(pace.sessionMs);
    connect(&m_heartbeat, &QTimer::timeout, this,
            [this] { call("POST", QStringLiteral("/v1/heartbeat")); });
    connect(&m_orders, &QTimer::timeout, this, &DemoBot::orderStep);
    connect(&m_sessions, &QTimer::timeout, this, &DemoBot::sessionStep);
}

QString DemoBot::unregisteredPhone()
{
    return QString::fromUtf8(kCustomers[kCustomerCount - 1].phone);
}

void DemoBot::start()
{
    call("POST", QStringLiteral("/v1/heartbeat"));
    // A few people are in the rooms and an order is in from the first second,
    // so the console is not empty when it opens.
    sessionStep();
    sessionStep();
    orderStep();
    m_heartbeat.start();
    m_orders.start();
    m_sessions.start();
}

void DemoBot::orderStep()
{
    // Move an open order along about half of the time, else a new one comes in.
    if (!m_open.isEmpty() && (m_open.size() >= 4 || m_random.bounded(2) == 0)) {
        const int at = int(m_random.bounded(m_open.size()));
        Order &order = m_open[at];
        ++order.step;
        notify(order);
        const QString user = QString::number(order.customer);
        if (order.step + 1 >= kStepCount) {
            call("DELETE", QStringLiteral("/v1/conversations/cliente-%1/pedido").arg(user));
            m_open.removeAt(at);
        } else {
            call("PUT", QStringLiteral("/v1/conversations/cliente-%1/pedido").arg(user),
                 {{QStringLiteral("step"), QString::fromLatin1(kSteps[order.step])},
                  {QStringLiteral("data"), QJsonObject{{QStringLiteral("order_id"), order.id}}},
                  {QStringLiteral("ttl_seconds"), 900}});
        }
        return;
    }
    Order order;
    // Customers with an order open wait for it rather than order again. The
    // second order is the customer WhatsApp does not know, so a failure for
    // one recipient shows early, while the gateway works.
    do {
        order.customer = m_nextOrder == 1043 ? kCustomerCount - 1
                                             : int(m_random.bounded(kCustomerCount - 1));
    } while (std::any_of(m_open.cbegin(), m_open.cend(),
                         [&](const Order &o) { return o.customer == order.customer; }));
    order.id = QStringLiteral("PED-%1").arg(m_nextOrder++);
    order.items = QString::fromUtf8(kItems[m_random.bounded(int(std::size(kItems)))]);
    notify(order);
    call("PUT", QStringLiteral("/v1/conversations/cliente-%1/pedido").arg(order.customer),
         {{QStringLiteral("step"), QString::fromLatin1(kSteps[0])},
          {QStringLiteral("data"), QJsonObject{{QStringLiteral("order_id"), order.id}}},
          {QStringLiteral("ttl_seconds"), 900}});
    m_open.append(order);
}

void DemoBot::notify(const Order &order)
{
    const Customer &c = kCustomers[order.customer];
    const QString name = QString::fromUtf8(c.name);
    call("POST", QStringLiteral("/v1/notifications"),
         {{QStringLiteral("channel"), QStringLiteral("whatsapp")},
          {QStringLiteral("recipient"), QString::fromUtf8(c.phone)},
          {QStringLiteral("customer_name"), name},
          {QStringLiteral("order_id"), order.id},
          {QStringLiteral("type"), QString::fromLatin1(kSteps[order.step])},
          {QStringLiteral("text"), stepText(name, order.id, order.items, order.step)}});
    ++m_queued;
}

void DemoBot::sessionStep()
{
    // Between three and six people in the rooms: someone joins when few are
    // there, leaves when many are, and otherwise anything happens.
    const int present = int(m_inVoice.size());
    int action = int(m_random.bounded(3)); // 0 join, 1 move, 2 leave
    if (present < 3)
        action = 0;
    else if (present >= 6)
        action = 1 + int(m_random.bounded(2));
    if (action == 0) {
        QList<int> away;
        for (int i = 0; i < kVoiceUserCount; ++i) {
            if (!m_inVoice.contains(QString::fromLatin1(kVoiceUsers[i].key)))
                away << i;
        }
        if (away.isEmpty())
            return;
        const VoiceUser &u = kVoiceUsers[away[int(m_random.bounded(away.size()))]];
        const QString key = QString::fromLatin1(u.key);
        const QString room = QString::fromUtf8(kRooms[m_random.bounded(kRoomCount)]);
        call("PUT", QStringLiteral("/v1/sessions/voice/%1").arg(key),
             {{QStringLiteral("user_id"), QString::fromLatin1(u.id)},
              {QStringLiteral("username"), QString::fromLatin1(u.name)},
              {QStringLiteral("where"), room},
              {QStringLiteral("confirmed"), true},
              {QStringLiteral("entry_notified"), true},
              {QStringLiteral("exit_notice"),
               QJsonObject{{QStringLiteral("channel"), QStringLiteral("whatsapp")},
                           {QStringLiteral("recipient"), QString::fromLatin1(kVoiceGroup)},
                           {QStringLiteral("text"), QStringLiteral("{user} salió de {where}")}}}});
        m_inVoice << key;
        m_room.insert(key, room);
        return;
    }
    const QString key = m_inVoice.at(int(m_random.bounded(present)));
    if (action == 1) {
        QString room;
        do {
            room = QString::fromUtf8(kRooms[m_random.bounded(kRoomCount)]);
        } while (room == m_room.value(key));
        m_room.insert(key, room);
        call("PATCH", QStringLiteral("/v1/sessions/voice/%1").arg(key),
             {{QStringLiteral("where"), room}});
        return;
    }
    m_inVoice.removeAll(key);
    m_room.remove(key);
    // The exit notice goes out as a notification: vigiad owes it.
    call("DELETE", QStringLiteral("/v1/sessions/voice/%1?notify=true").arg(key));
}

void DemoBot::call(const QByteArray &verb, const QString &path, const QJsonObject &body)
{
    QUrl url = m_vigiad;
    const qsizetype query = path.indexOf(u'?');
    url.setPath(path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(10000);
    const QByteArray data =
            body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_network->sendCustomRequest(request, verb, data);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, what = QString::fromLatin1(verb) + u' ' + path] {
                reply->deleteLater();
                const int status =
                        reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status >= 200 && status < 300)
                    return;
                const QString error = status > 0 ? QStringLiteral("%1 %2").arg(status).arg(
                                              QString::fromUtf8(reply->readAll()))
                                                 : reply->errorString();
                qCWarning(lcDemoBot).noquote() << what << "->" << error;
                Q_EMIT requestFailed(what, error);
            });
}

} // namespace Vigia

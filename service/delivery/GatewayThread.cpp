#include "GatewayThread.h"

namespace Vigia {

// What lives on the gateway thread: the HTTP client, the adopted gateways
// (its children), and the answers of this pass waiting to go back.
class GatewayThreadHome final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayThreadHome)

public:
    explicit GatewayThreadHome(GatewayThread *owner) : m_owner(owner) { }
    ~GatewayThreadHome() override = default;

    void send(const QList<GatewayThread::Outgoing> &batch)
    {
        for (const GatewayThread::Outgoing &o : batch) {
            const quint64 ticket = o.ticket;
            o.target->send(o.notification, o.timeoutMs, [this, ticket](const DeliveryResult &r) {
                m_answers.append({ticket, r});
                m_returnPass.request();
            });
        }
    }

private:
    void handBack()
    {
        // The owner deletes this object, on this thread and waiting for it,
        // before it goes itself: it is alive to receive the event. Events
        // still queued for it when it goes are dropped with it.
        QMetaObject::invokeMethod(
                m_owner,
                [owner = m_owner, answers = std::exchange(m_answers, {})] {
                    owner->takeAnswers(answers);
                },
                Qt::QueuedConnection);
    }

    GatewayThread *m_owner;
    QList<GatewayThread::Answer> m_answers;
    NextPass m_returnPass{this, [this] { handBack(); }};
};

// A gateway's stand-in on the caller's thread.
class RemoteGateway final : public DeliveryGateway
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteGateway)

public:
    RemoteGateway(GatewayThread *thread, DeliveryGateway *target)
        : DeliveryGateway(nullptr, thread),
          m_thread(thread),
          m_target(target),
          m_channel(target->channel())
    { }
    ~RemoteGateway() override = default;

    Channel channel() const override { return m_channel; }
    void send(const Notification &notification, int timeoutMs, Done done) override
    {
        m_thread->post(m_target, notification, timeoutMs, std::move(done));
    }

private:
    GatewayThread *m_thread;
    DeliveryGateway *m_target;
    Channel m_channel;
};

GatewayThread::GatewayThread(int connectionsPerHost, QObject *parent) : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("vigiad gateways"));
    m_home = new GatewayThreadHome(this);
    m_home->moveToThread(&m_thread);
    m_thread.start();
    // Made on its own thread, so everything it creates lives there too.
    QMetaObject::invokeMethod(
            m_home,
            [this, connectionsPerHost] {
                m_http = new HttpClient(m_home);
                m_http->setMaxConnectionsPerHost(connectionsPerHost);
            },
            Qt::BlockingQueuedConnection);
}

GatewayThread::~GatewayThread()
{
    QMetaObject::invokeMethod(
            m_home, [home = m_home] { delete home; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

DeliveryGateway *GatewayThread::adopt(DeliveryGateway *gateway)
{
    Q_ASSERT(!gateway->parent());
    gateway->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
            m_home, [home = m_home, gateway] { gateway->setParent(home); },
            Qt::BlockingQueuedConnection);
    return new RemoteGateway(this, gateway);
}

void GatewayThread::post(DeliveryGateway *target, const Notification &notification, int timeoutMs,
                         DeliveryGateway::Done done)
{
    const quint64 ticket = m_nextTicket++;
    m_waiting.emplace(ticket, std::move(done));
    m_outgoing.append({target, notification, timeoutMs, ticket});
    m_handOverPass.request();
}

void GatewayThread::handOver()
{
    QMetaObject::invokeMethod(
            m_home, [home = m_home, batch = std::exchange(m_outgoing, {})] { home->send(batch); },
            Qt::QueuedConnection);
}

void GatewayThread::takeAnswers(const QList<Answer> &answers)
{
    for (const Answer &answer : answers) {
        DeliveryGateway::Done done = m_waiting.take(answer.ticket);
        if (done)
            done(answer.result);
    }
}

} // namespace Vigia

#include "GatewayThread.moc"

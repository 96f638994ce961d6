#pragma once

#include "TestSupport.h"
#include "VigiaService.h"
#include "WahaDouble.h"

#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace Vigia::TestSupport {

// A running vigiad for a test: a temporary store, a WAHA double on
// loopback, the service on a free loopback port, an HTTP helper and one
// token per role. start() again after stop() (or restart()) reopens the
// same store, as a restarted vigiad would.
class ServiceFixture final
{
public:
    using Tweak = std::function<void(ServiceConfig &)>;

    ServiceFixture();
    ~ServiceFixture();
    Q_DISABLE_COPY_MOVE(ServiceFixture)

    // False (with a warning saying why) when the service cannot start.
    bool start(const Tweak &tweak = {});
    void stop();
    bool restart(const Tweak &tweak = {});
    // The clock the next start() gives vigiad (nullptr: the system clock).
    void setClock(const Clock *clock) { m_clock = clock; }

    VigiaService *service() const { return m_service.get(); }
    Store *store() const { return m_service->store(); }
    WahaDouble *waha() const { return m_waha.get(); }
    Http &http() const { return *m_http; }
    const QTemporaryDir &dir() const { return m_dir; }
    // The secret of this fixture's token for the role.
    QString token(Role role) const;
    // Another instance on the same PostgreSQL database as `other`: its tokens
    // are in the database already (names are unique), so start() adds none.
    void shareTokensWith(const ServiceFixture &other) { m_tokens = other.m_tokens; }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<WahaDouble> m_waha;
    std::unique_ptr<VigiaService> m_service;
    std::unique_ptr<Http> m_http;
    QHash<Role, QString> m_tokens;
    const Clock *m_clock = nullptr;
};

} // namespace Vigia::TestSupport

#include "ServiceFixture.h"

namespace Vigia::TestSupport {

ServiceFixture::ServiceFixture() : m_waha(std::make_unique<WahaDouble>()) { }

ServiceFixture::~ServiceFixture()
{
    stop();
}

bool ServiceFixture::start(const Tweak &tweak)
{
    if (!m_dir.isValid() || (!m_waha->isListening() && !m_waha->start())) {
        qWarning("cannot create the temporary store or start the WAHA double");
        return false;
    }
    ServiceConfig config = testConfig(m_dir, m_waha->baseUrl());
    if (tweak)
        tweak(config);
    m_service = std::make_unique<VigiaService>(config, m_clock);
    QString error;
    if (!m_service->start(&error)) {
        qWarning("cannot start the service: %s", qPrintable(error));
        return false;
    }
    m_http = std::make_unique<Http>(m_service->baseUrl());
    if (m_tokens.isEmpty()) {
        const std::pair<Role, const char *> people[] = {{Role::Admin, "ana-admin"},
                                                        {Role::Support, "sofia-support"},
                                                        {Role::Viewer, "victor-viewer"},
                                                        {Role::Bot, "order-bot"}};
        for (const auto &[role, name] : people)
            m_tokens.insert(role, addToken(store(), role, QString::fromLatin1(name)));
    }
    return true;
}

void ServiceFixture::stop()
{
    m_http.reset();
    m_service.reset();
}

bool ServiceFixture::restart(const Tweak &tweak)
{
    stop();
    return start(tweak);
}

QString ServiceFixture::token(Role role) const
{
    return m_tokens.value(role);
}

} // namespace Vigia::TestSupport

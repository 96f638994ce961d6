#pragma once

#include "CommunicationStatus.h"

#include <QCoreApplication>
#include <QString>

namespace Vigia {

// The status in the operator's language, from vigiad's reason code and its
// arguments: the one translation the banner, the tray message and anything
// else that words the status share. The gateway's own error text stays as
// it came; a code this build does not know falls back to the server's
// English sentence.
class StatusTexts final
{
    Q_DECLARE_TR_FUNCTIONS(StatusTexts)

public:
    StatusTexts() = delete;

    static QString localizedReason(const CommunicationStatus &status);
    // localizedReason(), except that "deliveries succeed" is never shown
    // beside unresolved failures.
    static QString reasonText(const CommunicationStatus &status);
};

} // namespace Vigia

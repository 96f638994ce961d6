#include "TestMode.h"

#include <QStandardPaths>

namespace Vigia::TestSupport {

void enterTestMode()
{
    QStandardPaths::setTestModeEnabled(true);
}

} // namespace Vigia::TestSupport

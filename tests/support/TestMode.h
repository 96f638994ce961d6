#pragma once

#include <QStringList>

namespace Vigia::TestSupport {

// Tests never touch the user's files: call this first in initTestCase().
void enterTestMode();

// The names of this process' threads as top -H shows them (Linux: each
// /proc/self/task/*/comm, cut to 15 bytes); empty where there is no /proc.
QStringList threadNames();

} // namespace Vigia::TestSupport

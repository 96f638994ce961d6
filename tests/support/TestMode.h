#pragma once

namespace Vigia::TestSupport {

// Tests never touch the user's files: call this first in initTestCase().
void enterTestMode();

} // namespace Vigia::TestSupport

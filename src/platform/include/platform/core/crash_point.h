#pragma once

#include <string_view>

namespace slotbase {

/// A place where the crash tests cut the power: when the environment variable SLOTBASE_CRASH_AT
/// names it, the process kills itself there with SIGKILL (no destructors, no flush, no commit),
/// so a test can check what a restart finds. Unset, as it always is outside those tests, it is
/// one comparison with a value read once.
void crash_point(std::string_view name);

}  // namespace slotbase

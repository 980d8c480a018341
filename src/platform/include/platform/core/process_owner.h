#pragma once

#include <string>
#include <string_view>

namespace slotbase {

/// A name for what this process claims in the database (a subscriber's lease, a job's lock):
/// `prefix_<random>@<host>/<pid namespace>/<pid>`. Another process on the same machine can then
/// tell that the claimant is gone and take its claims over at once, instead of waiting for them
/// to lapse (SIGKILL, a crash, the OOM killer).
std::string process_owner(std::string_view prefix);

/// True when `owner` (from process_owner) names a process of this host and PID namespace that no
/// longer runs. False for this process, for a process that runs, and for any other host's: those
/// are left to lapse. A PID reused since only makes the claim wait for its lapse.
bool owner_is_gone(std::string_view owner);

}  // namespace slotbase

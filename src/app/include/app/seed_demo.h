#pragma once

#include <string>

#include "app/app.h"

namespace slotbase {

/// Loads the demo club (an owner, a desk clerk, a coach, two players, one organization with a
/// facility in New York, its hours and holidays). Does nothing if the demo owner already exists.
/// Returns a line for the console.
std::string seed_demo(App& app);

}  // namespace slotbase

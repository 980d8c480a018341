#include "platform/clock/clock.h"

namespace slotbase {

Instant SystemClock::now() const {
  return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

}  // namespace slotbase

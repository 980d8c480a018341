#pragma once

#include <optional>
#include <string>

namespace slotbase {

/// Who asked, and under which request id, for a service call. Services put `user_id` and
/// `correlation_id` into the events they emit.
struct Context {
  std::optional<std::string> user_id;
  std::string correlation_id;
  std::string ip;
};

}  // namespace slotbase

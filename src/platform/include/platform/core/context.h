#pragma once

#include <memory>
#include <optional>
#include <string>

namespace slotbase {

/// What the module that authenticated a caller learnt about them on the way (identity: their
/// roles, read with their session), for that module to use again within the same request.
struct CallerFacts {
  virtual ~CallerFacts() = default;
};

/// Who asked, and under which request id, for a service call. Services put `user_id` and
/// `correlation_id` into the events they emit.
struct Context {
  std::optional<std::string> user_id;
  std::string correlation_id;
  std::string ip;
  std::shared_ptr<const CallerFacts> facts = nullptr;  // about user_id; none outside an authenticated request
};

}  // namespace slotbase

#pragma once

#include <compare>
#include <functional>
#include <string>
#include <string_view>

namespace slotbase {

/// A strongly typed opaque id. Tag types keep a UserId from being passed where a FacilityId is
/// expected; the text itself is a prefix and random characters, e.g. "usr_4f9c...".
template <class Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string value) : value_(std::move(value)) {}
  const std::string& str() const { return value_; }
  bool empty() const { return value_.empty(); }
  auto operator<=>(const Id&) const = default;

 private:
  std::string value_;
};

/// A new random id with the given prefix: prefix + '_' + 24 lowercase base32 characters (120 bits).
std::string new_id(std::string_view prefix);

/// A new random UUID (version 4), for event ids and request ids.
std::string new_uuid();

/// `n` cryptographically random bytes, base64url-encoded without padding.
std::string random_token(std::size_t n);

}  // namespace slotbase

template <class Tag>
struct std::hash<slotbase::Id<Tag>> {
  std::size_t operator()(const slotbase::Id<Tag>& id) const noexcept { return std::hash<std::string>{}(id.str()); }
};

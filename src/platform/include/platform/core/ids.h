#pragma once

#include <compare>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace slotbase {

/// A strongly typed opaque id. Tag types keep a UserId from being passed where a FacilityId is
/// expected; the text itself is a prefix and base32 characters, e.g. "usr_6akdq...".
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

/// Writes the id's text (for logs and for test failure messages).
template <class Tag>
std::ostream& operator<<(std::ostream& out, const Id<Tag>& id) {
  return out << id.str();
}

/// A new id with the given prefix: prefix + '_' + 24 lowercase base32 characters, the first 10
/// the time in milliseconds and the other 14 random (70 bits). Ids sort by creation time, so a
/// new row lands at the end of each index on its id rather than on a random page of it.
std::string new_id(std::string_view prefix);

/// A new UUID of version 7 (RFC 9562), for event ids and request ids: the time in milliseconds,
/// then 74 random bits. Like new_id, it sorts by creation time, so the event log's index on its
/// ids grows at its end instead of on a random page per event.
std::string new_uuid();

/// `n` cryptographically random bytes, base64url-encoded without padding.
std::string random_token(std::size_t n);

}  // namespace slotbase

template <class Tag>
struct std::hash<slotbase::Id<Tag>> {
  std::size_t operator()(const slotbase::Id<Tag>& id) const noexcept { return std::hash<std::string>{}(id.str()); }
};

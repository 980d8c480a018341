#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace slotbase::notification::rules {

struct UnsubscribeScope {
  std::string user_id;
  std::string type;
};

/// A token for one user and one type, signed with `secret` (HMAC-SHA256): it cannot be made for
/// another user or type without the secret. It does not expire: an old e-mail's link still works.
std::string make_unsubscribe_token(std::string_view secret, const UnsubscribeScope& scope);
/// The scope of a token signed with `secret`; nullopt for anything else.
std::optional<UnsubscribeScope> read_unsubscribe_token(std::string_view secret, std::string_view token);

}  // namespace slotbase::notification::rules

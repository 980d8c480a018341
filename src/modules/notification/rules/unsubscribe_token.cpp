#include "rules/unsubscribe_token.h"

#include "platform/core/encoding.h"

namespace slotbase::notification::rules {
namespace {

std::string signature(std::string_view secret, std::string_view claims) {
  return hmac_sha256(secret, "slotbase unsubscribe\n" + std::string(claims));
}

}  // namespace

std::string make_unsubscribe_token(std::string_view secret, const UnsubscribeScope& scope) {
  const std::string claims = scope.user_id + "\n" + scope.type;
  return base64url_encode(claims) + "." + base64url_encode(signature(secret, claims));
}

std::optional<UnsubscribeScope> read_unsubscribe_token(std::string_view secret, std::string_view token) {
  const auto dot = token.find('.');
  if (dot == std::string_view::npos || token.size() > 512) return std::nullopt;
  auto claims = base64url_decode(token.substr(0, dot));
  auto mac = base64url_decode(token.substr(dot + 1));
  if (!claims || !mac || !constant_time_equal(*mac, signature(secret, *claims))) return std::nullopt;
  const auto newline = claims->find('\n');
  if (newline == std::string::npos || newline == 0 || newline + 1 == claims->size()) return std::nullopt;
  return UnsubscribeScope{claims->substr(0, newline), claims->substr(newline + 1)};
}

}  // namespace slotbase::notification::rules

#include "rules/svix_signature.h"

#include <charconv>
#include <optional>

#include "platform/core/encoding.h"
#include "rules/base64.h"

namespace slotbase::notification::rules {
namespace {

std::optional<std::string> key_of(std::string_view secret) {
  if (secret.starts_with("whsec_")) secret.remove_prefix(6);
  auto key = base64_decode(secret);
  if (!key || key->empty()) return std::nullopt;
  return key;
}

std::string signature(const std::string& key, std::string_view id, std::string_view timestamp,
                      std::string_view payload) {
  std::string content;
  content.reserve(id.size() + timestamp.size() + payload.size() + 2);
  content.append(id).append(".").append(timestamp).append(".").append(payload);
  return base64_encode(hmac_sha256(key, content));
}

}  // namespace

SvixCheck verify_svix(std::string_view secret, std::string_view id, std::string_view timestamp,
                      std::string_view signature_header, std::string_view payload, std::int64_t now,
                      std::int64_t tolerance_seconds) {
  const auto key = key_of(secret);
  std::int64_t seconds = 0;
  const bool digits = !timestamp.empty() && timestamp.find_first_not_of("0123456789") == std::string_view::npos;
  if (!key || id.empty() || !digits) return SvixCheck::malformed;
  if (auto [end, ec] = std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), seconds);
      ec != std::errc{} || end != timestamp.data() + timestamp.size())
    return SvixCheck::malformed;
  const std::string expected = signature(*key, id, timestamp, payload);
  bool any = false, matched = false;
  while (!signature_header.empty()) {
    const auto space = signature_header.find(' ');
    const auto entry = signature_header.substr(0, space);
    signature_header = space == std::string_view::npos ? std::string_view{} : signature_header.substr(space + 1);
    if (!entry.starts_with("v1,")) continue;  // other schemes (v1a: asymmetric) are not ours
    any = true;
    // Every entry is compared, so the time taken does not tell which one matched.
    matched |= constant_time_equal(expected, entry.substr(3));
  }
  if (!any) return SvixCheck::malformed;
  if (!matched) return SvixCheck::mismatch;
  const auto age = now - seconds;
  if (age > tolerance_seconds || -age > tolerance_seconds) return SvixCheck::too_old;
  return SvixCheck::ok;
}

std::string sign_svix(std::string_view secret, std::string_view id, std::string_view timestamp,
                      std::string_view payload) {
  const auto key = key_of(secret);
  return "v1," + signature(key.value_or(""), id, timestamp, payload);
}

}  // namespace slotbase::notification::rules

#include "rules/webhook_signature.h"

#include <charconv>
#include <optional>
#include <vector>

#include "platform/core/encoding.h"

namespace slotbase::payment::rules {
namespace {

struct ParsedHeader {
  std::string_view timestamp;  // as sent: it is part of what was signed
  std::int64_t seconds = 0;
  std::vector<std::string_view> v1;
};

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::optional<std::int64_t> parse_seconds(std::string_view text) {
  std::int64_t value = 0;
  // Digits only: from_chars alone would take a sign, and a signed "t" was never written by a sender.
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<ParsedHeader> parse_header(std::string_view header) {
  ParsedHeader parsed;
  bool has_timestamp = false;
  while (!header.empty()) {
    auto comma = header.find(',');
    auto item = trim_spaces(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto eq = item.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    auto key = item.substr(0, eq);
    auto value = item.substr(eq + 1);
    if (key == "t") {
      auto seconds = parse_seconds(value);
      if (!seconds || has_timestamp) return std::nullopt;
      parsed.timestamp = value;
      parsed.seconds = *seconds;
      has_timestamp = true;
    } else if (key == "v1") {
      parsed.v1.push_back(value);
    }
  }
  if (!has_timestamp || parsed.v1.empty()) return std::nullopt;
  return parsed;
}

std::string signature(std::string_view timestamp, std::string_view payload, std::string_view secret) {
  std::string signed_text;
  signed_text.reserve(timestamp.size() + 1 + payload.size());
  signed_text.append(timestamp).append(".").append(payload);
  return hex_encode(hmac_sha256(secret, signed_text));
}

}  // namespace

std::string sign_webhook(std::string_view payload, std::string_view secret, std::int64_t timestamp) {
  auto t = std::to_string(timestamp);
  return "t=" + t + ",v1=" + signature(t, payload, secret);
}

SignatureCheck verify_webhook(std::string_view header, std::string_view payload, std::string_view secret,
                              std::int64_t now, std::int64_t tolerance_seconds) {
  auto parsed = parse_header(header);
  if (!parsed) return SignatureCheck::malformed;
  auto expected = signature(parsed->timestamp, payload, secret);
  // Every entry is compared, so the time taken does not say which one (or how much of it) matched.
  bool matched = false;
  for (auto candidate : parsed->v1) matched |= constant_time_equal(expected, candidate);
  if (!matched) return SignatureCheck::mismatch;
  // The signature is checked first: "too old" is only ever said of an event we really sent.
  auto age = now - parsed->seconds;
  if (age > tolerance_seconds || -age > tolerance_seconds) return SignatureCheck::too_old;
  return SignatureCheck::ok;
}

}  // namespace slotbase::payment::rules

#include "rules/base64.h"

#include <algorithm>

namespace slotbase::notification::rules {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int value_of(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    unsigned v = 0;
    for (std::size_t k = 0; k < 3; ++k) v = (v << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += n > 1 ? kAlphabet[(v >> 6) & 63] : '=';
    out += n > 2 ? kAlphabet[v & 63] : '=';
  }
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::size_t pad = 0;
  if (!text.empty() && text.back() == '=') ++pad;
  if (text.size() >= 2 && text[text.size() - 2] == '=') ++pad;
  const std::size_t digits = text.size() - pad;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    unsigned v = 0;
    for (std::size_t k = i; k < i + 4; ++k) {
      const int d = k < digits ? value_of(text[k]) : 0;
      if (d < 0) return std::nullopt;  // also a "=" anywhere but at the end
      v = (v << 6) | static_cast<unsigned>(d);
    }
    const std::size_t bytes = i + 4 < text.size() ? 3 : 3 - pad;
    if (bytes > 0) out += static_cast<char>(v >> 16);
    if (bytes > 1) out += static_cast<char>((v >> 8) & 255);
    if (bytes > 2) out += static_cast<char>(v & 255);
  }
  return out;
}

}  // namespace slotbase::notification::rules

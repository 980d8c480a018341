#pragma once

// What every libFuzzer target here shares: an invariant that does not hold is a finding, reported
// like a crash (the input is kept by libFuzzer, and scripts/fuzz fails).

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "platform/core/error.h"

namespace slotbase::fuzz {

[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "INVARIANT FAILED: %s\n  %.*s\n", what, static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline void check(bool holds, const char* what, std::string_view detail = {}) {
  if (!holds) fail(what, detail);
}

/// A refused input is a client error naming what is wrong: 400 malformed, or 422 with every
/// field named (never an internal error, which the API would answer with a 500).
inline void check_client_error(const Error& e, std::string_view input) {
  check(e.code == ErrorCode::malformed_request || e.code == ErrorCode::invalid_argument,
        "a refused input is malformed_request or invalid_argument", input);
  if (e.code == ErrorCode::invalid_argument) {
    check(!e.fields.empty(), "invalid_argument names the fields", input);
    // A member named "" is named "" (an unknown field); nothing else is nameless.
    const bool empty_key = input.find("\"\"") != std::string_view::npos;
    for (const auto& f : e.fields)
      check((!f.field.empty() || empty_key) && !f.message.empty(), "each field error says which and why", input);
  }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
inline std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace slotbase::fuzz

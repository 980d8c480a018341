#pragma once

#include <algorithm>
#include <cctype>
#include <string>

namespace slotbase {

/// `s` without leading and trailing white space.
inline std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

/// `s` in ASCII lower case.
inline std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace slotbase

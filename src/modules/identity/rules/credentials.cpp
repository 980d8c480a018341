#include "credentials.h"
#include "platform/core/strings.h"

#include <algorithm>
#include <cctype>

namespace slotbase::identity::rules {
std::string normalize_email(const std::string& email) {
  return lower(trim(email));
}

std::optional<std::string> check_email(const std::string& e) {
  if (e.empty()) return "is required";
  if (e.size() > 254) return "must be at most 254 characters";
  auto at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos)
    return "must be an email address like name@example.com";
  auto domain = e.substr(at + 1);
  auto dot = domain.find('.');
  if (dot == std::string::npos || dot == 0 || domain.back() == '.' || domain.find("..") != std::string::npos)
    return "must be an email address like name@example.com";
  for (unsigned char c : e) {
    if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"')
      return "must be an email address like name@example.com";
  }
  return std::nullopt;
}

std::optional<std::string> check_password(const std::string& password, const std::string& email) {
  if (password.size() < kMinPasswordLength)
    return "must be at least " + std::to_string(kMinPasswordLength) + " characters";
  if (password.size() > kMaxPasswordLength)
    return "must be at most " + std::to_string(kMaxPasswordLength) + " characters";
  const std::string p = lower(password);
  const std::string local = email.substr(0, email.find('@'));
  if (p == email || (!local.empty() && p == local)) return "must not be your email address";
  return std::nullopt;
}

}  // namespace slotbase::identity::rules

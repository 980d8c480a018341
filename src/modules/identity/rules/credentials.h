#pragma once

#include <optional>
#include <string>

namespace slotbase::identity::rules {

/// Trimmed and lower-cased: emails compare case-insensitively.
std::string normalize_email(const std::string& email);
/// Why the email is unusable, or nullopt when it is fine.
std::optional<std::string> check_email(const std::string& normalized);
/// Why the password is too weak, or nullopt: 10 to 128 characters and not the email or its name
/// part.
std::optional<std::string> check_password(const std::string& password, const std::string& normalized_email);

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 128;

}  // namespace slotbase::identity::rules

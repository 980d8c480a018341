#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace slotbase::identity::rules {

/// The languages a user may read their messages in: those the notification templates ship
/// (`src/modules/notification/templates/<locale>/`). "en" is every account's default.
inline constexpr std::array<std::string_view, 2> kSupportedLocales = {"en", "es"};
inline constexpr std::string_view kDefaultLocale = "en";

/// Why a locale cannot be used ("must be one of en, es"), or none when it is supported. Locales
/// are compared as written: "es", not "ES" or "es-ES".
std::optional<std::string> check_locale(std::string_view locale);

}  // namespace slotbase::identity::rules

#include "rules/locale.h"

#include <algorithm>

namespace slotbase::identity::rules {

std::optional<std::string> check_locale(std::string_view locale) {
  if (std::ranges::find(kSupportedLocales, locale) != kSupportedLocales.end()) return std::nullopt;
  std::string why = "must be one of";
  for (std::size_t i = 0; i < kSupportedLocales.size(); ++i)
    why += (i == 0 ? " " : ", ") + std::string(kSupportedLocales[i]);
  return why;
}

}  // namespace slotbase::identity::rules

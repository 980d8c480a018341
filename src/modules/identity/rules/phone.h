#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace slotbase::identity::rules {

/// A phone number as entered, parsed and written in E.164 ("+12125550123"), or why it cannot be
/// used. `region` is the ISO 3166 country a number without its country code belongs to ("US",
/// "DE"); empty: the number must start with "+" and its country code. A number must be one that
/// can exist (libphonenumber's metadata: its length and prefixes for its country).
struct PhoneCheck {
  std::string e164;  // the number, when it is good
  std::string why;   // the reason, when it is not
  bool ok() const { return why.empty(); }
};
PhoneCheck normalize_phone(std::string_view entered, std::string_view region = "");

}  // namespace slotbase::identity::rules

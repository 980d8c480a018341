#include "rules/phone.h"

#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cctype>

namespace slotbase::identity::rules {

PhoneCheck normalize_phone(std::string_view entered, std::string_view region) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  std::string text(entered);
  text.erase(0, text.find_first_not_of(" \t"));
  text.erase(text.find_last_not_of(" \t") + 1);
  if (text.empty()) return {"", "must not be empty (null removes the number)"};
  if (text.size() > 40) return {"", "must be at most 40 characters"};
  // Letters (vanity numbers, "ext.") and anything but digits, spaces and the usual separators are
  // not a number we can text.
  if (!std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isdigit(c) || c == '+' || c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || c == '/';
      }))
    return {"", "may contain only digits, spaces, +, -, ., / and parentheses"};
  if (text[0] != '+' && region.empty()) return {"", "must start with + and the country code, e.g. +1 212 555 0123"};
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  const std::string country = region.empty() ? "ZZ" : std::string(region);
  if (util.Parse(text, country, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return {"", "is not a phone number"};
  if (!util.IsValidNumber(number)) return {"", "is not a valid phone number for its country"};
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return {e164, ""};
}

}  // namespace slotbase::identity::rules

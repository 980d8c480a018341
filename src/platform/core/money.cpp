#include "platform/core/money.h"

#include <array>
#include <string_view>

namespace slotbase {

int minor_digits(std::string_view currency) {
  constexpr std::array<std::string_view, 16> none = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW",
                                                     "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"};
  constexpr std::array<std::string_view, 7> three = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
  for (auto c : none)
    if (c == currency) return 0;
  for (auto c : three)
    if (c == currency) return 3;
  return 2;
}

std::string decimal_text(const Money& m) {
  const auto digits = static_cast<std::size_t>(minor_digits(m.currency));
  // The digits of |amount| from its text, so that INT64_MIN needs no negation.
  const std::string text = std::to_string(m.amount);
  const bool negative = text.front() == '-';
  const std::string_view magnitude = std::string_view(text).substr(negative ? 1 : 0);
  std::string out;
  if (negative) out += '-';
  if (digits == 0) return out.append(magnitude);
  const std::size_t pad = magnitude.size() <= digits ? digits + 1 - magnitude.size() : 0;
  const std::size_t whole = magnitude.size() + pad - digits;  // digits before the point, padding included
  for (std::size_t i = 0; i < magnitude.size() + pad; ++i) {
    if (i == whole) out += '.';
    out += i < pad ? '0' : magnitude[i - pad];
  }
  return out;
}

}  // namespace slotbase

#include "address.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

namespace slotbase::organization::rules {
namespace {

using Part = std::optional<std::string> Address::*;
constexpr std::array<std::pair<const char*, Part>, 5> kParts = {{{"street", &Address::street},
                                                                 {"city", &Address::city},
                                                                 {"state", &Address::state},
                                                                 {"zip", &Address::zip},
                                                                 {"country", &Address::country}}};

}  // namespace

Result<std::optional<Address>> parse_address(const nlohmann::json& j) {
  if (j.is_null()) return std::optional<Address>{};
  if (!j.is_object()) return Error::invalid("address", "must be an object");
  Address a;
  for (const auto& [key, v] : j.items()) {
    // The binding named in the capture: clang 14 (the fuzzing build) cannot capture it implicitly.
    auto part = std::find_if(kParts.begin(), kParts.end(), [&key = key](const auto& p) { return key == p.first; });
    if (part == kParts.end()) return Error::invalid("address." + key, "is not a known address field");
    if (!v.is_string() || v.get<std::string>().size() > 200)
      return Error::invalid("address." + key, "must be a string of at most 200 characters");
    a.*(part->second) = v.get<std::string>();
  }
  return std::optional<Address>{std::move(a)};
}

nlohmann::json to_json(const std::optional<Address>& a) {
  if (!a) return nullptr;
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, part] : kParts)
    if (const auto& value = (*a).*part) out[name] = *value;
  return out;
}

}  // namespace slotbase::organization::rules

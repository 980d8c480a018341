#include "hours.h"

#include <algorithm>
#include <cstdint>
#include <set>

namespace slotbase::organization::rules {
namespace {

using nlohmann::json;

std::optional<LocalTime> time_field(const json& obj, const std::string& key, const std::string& field,
                                    std::vector<FieldError>& errors) {
  if (!obj.contains(key) || !obj[key].is_string()) {
    errors.push_back({field, "is required as \"HH:MM\""});
    return std::nullopt;
  }
  auto t = LocalTime::parse(obj[key].get<std::string>());
  if (!t) errors.push_back({field, "must be a time from 00:00 to 24:00 as \"HH:MM\""});
  return t;
}

}  // namespace

Result<OperatingHours> parse_hours(const json& doc) {
  std::vector<FieldError> errors;
  OperatingHours hours;
  if (!doc.is_object()) return Error::invalid("body", "must be a JSON object");
  for (const auto& [key, v] : doc.items())
    if (key != "weekly" && key != "holidays") errors.push_back({key, "is not a known field"});

  const json weekly = doc.value("weekly", json::array());
  if (!weekly.is_array()) errors.push_back({"weekly", "must be a list"});
  std::set<int> days;
  for (std::size_t i = 0; weekly.is_array() && i < weekly.size(); ++i) {
    const auto& d = weekly[i];
    const std::string f = "weekly[" + std::to_string(i) + "]";
    if (!d.is_object()) {
      errors.push_back({f, "must be an object"});
      continue;
    }
    if (!d.contains("weekday") || !d["weekday"].is_number_integer() || d["weekday"].get<std::int64_t>() < 1 ||
        d["weekday"].get<std::int64_t>() > 7) {
      errors.push_back({f + ".weekday", "must be 1 (Monday) to 7 (Sunday)"});
      continue;
    }
    int weekday = d["weekday"];
    if (!days.insert(weekday).second) errors.push_back({f + ".weekday", "appears twice"});
    auto open = time_field(d, "open", f + ".open", errors);
    auto close = time_field(d, "close", f + ".close", errors);
    if (open && close && *open >= *close) errors.push_back({f + ".close", "must be after open"});
    if (open && close) hours.weekly.push_back({weekday, *open, *close});
  }

  const json holidays = doc.value("holidays", json::array());
  if (!holidays.is_array()) errors.push_back({"holidays", "must be a list"});
  std::set<LocalDate> dates;
  for (std::size_t i = 0; holidays.is_array() && i < holidays.size(); ++i) {
    const auto& h = holidays[i];
    const std::string f = "holidays[" + std::to_string(i) + "]";
    if (!h.is_object()) {
      errors.push_back({f, "must be an object"});
      continue;
    }
    Holiday holiday;
    auto date =
        h.contains("date") && h["date"].is_string() ? LocalDate::parse(h["date"].get<std::string>()) : std::nullopt;
    if (!date)
      errors.push_back({f + ".date", "must be a date as \"YYYY-MM-DD\""});
    else if (!dates.insert(*date).second)
      errors.push_back({f + ".date", "appears twice"});
    if (!h.contains("name") || !h["name"].is_string() || h["name"].get<std::string>().empty() ||
        h["name"].get<std::string>().size() > 100)
      errors.push_back({f + ".name", "is required (at most 100 characters)"});
    else
      holiday.name = h["name"];
    if (h.contains("closed") && !h["closed"].is_boolean()) errors.push_back({f + ".closed", "must be true or false"});
    holiday.closed = !h.contains("closed") || !h["closed"].is_boolean() || h["closed"].get<bool>();
    if (!holiday.closed) {
      holiday.open = time_field(h, "open", f + ".open", errors);
      holiday.close = time_field(h, "close", f + ".close", errors);
      if (holiday.open && holiday.close && *holiday.open >= *holiday.close)
        errors.push_back({f + ".close", "must be after open"});
    } else {
      for (const char* key : {"open", "close"})
        if (h.contains(key)) time_field(h, key, f + "." + key, errors);
    }
    if (date) holiday.date = *date;
    hours.holidays.push_back(holiday);
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  std::sort(hours.weekly.begin(), hours.weekly.end(), [](auto& a, auto& b) { return a.weekday < b.weekday; });
  std::sort(hours.holidays.begin(), hours.holidays.end(), [](auto& a, auto& b) { return a.date < b.date; });
  return hours;
}

json to_json(const OperatingHours& hours) {
  json weekly = json::array();
  for (const auto& d : hours.weekly)
    weekly.push_back({{"weekday", d.weekday}, {"open", d.open.str()}, {"close", d.close.str()}});
  json holidays = json::array();
  for (const auto& h : hours.holidays) {
    json j = {{"date", h.date.str()}, {"name", h.name}, {"closed", h.closed}};
    if (!h.closed && h.open && h.close) {
      j["open"] = h.open->str();
      j["close"] = h.close->str();
    }
    holidays.push_back(j);
  }
  return {{"weekly", weekly}, {"holidays", holidays}};
}

}  // namespace slotbase::organization::rules

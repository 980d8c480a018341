#include "pricing.h"

#include <algorithm>
#include <cmath>

namespace slotbase::resource::rules {
namespace {

using nlohmann::json;

constexpr std::int64_t kBasisPoints = 10000;

std::int64_t basis_points(double multiplier) {
  return std::llround(multiplier * kBasisPoints);
}

bool rule_covers(const PriceRule& r, unsigned weekday, int minute) {
  return std::find(r.weekdays.begin(), r.weekdays.end(), static_cast<int>(weekday)) != r.weekdays.end() &&
         minute >= r.from.minutes && minute < r.to.minutes;
}

}  // namespace

bool has_member_prices(const Pricing& p) {
  return p.member_base ||
         std::any_of(p.rules.begin(), p.rules.end(), [](const PriceRule& r) { return r.member_price; });
}

std::int64_t price(const Pricing& p, bool member, Instant start, Instant end, const PriceContext& ctx) {
  if (end <= start) return 0;
  // Sum of minutes x rate x multiplier (in basis points); divided and rounded once at the end.
  __int128 total = 0;
  Instant t = start;
  while (t < end) {
    const LocalDate day = ctx.zone.date_of(t);
    const unsigned weekday = day.iso_weekday();
    const int minute = ctx.zone.minute_of_day(t);
    const PriceRule* rule = nullptr;
    for (const auto& r : p.rules) {
      if (rule_covers(r, weekday, minute)) {
        rule = &r;
        break;
      }
    }
    std::int64_t rate = rule ? (member && rule->member_price ? *rule->member_price : rule->price)
                             : (member && p.member_base ? *p.member_base : p.base.amount);
    std::int64_t multiplier = kBasisPoints;
    if (ctx.is_open_holiday && ctx.is_open_holiday(day))
      multiplier = basis_points(ctx.holiday_multiplier);
    else if (weekday >= 6)
      multiplier = basis_points(ctx.weekend_multiplier);

    // The rate holds until the next rule edge or midnight on the wall clock, or a DST change.
    int next_edge = 1440;
    for (const auto& r : p.rules) {
      if (r.from.minutes > minute) next_edge = std::min(next_edge, r.from.minutes);
      if (r.to.minutes > minute) next_edge = std::min(next_edge, r.to.minutes);
    }
    Instant segment_end = std::min({t + std::chrono::minutes(next_edge - minute), ctx.zone.next_transition(t), end});
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(segment_end - t).count();
    if (minutes <= 0) segment_end = t + std::chrono::minutes(1);  // never stall on a sub-minute remainder
    total += static_cast<__int128>(std::max<std::int64_t>(minutes, 1)) * rate * multiplier;
    t = segment_end;
  }
  const __int128 divisor = static_cast<__int128>(p.per_minutes) * kBasisPoints;
  return static_cast<std::int64_t>((total + divisor / 2) / divisor);
}

Result<Pricing> parse_pricing(const json& doc) {
  std::vector<FieldError> errors;
  Pricing p;
  if (!doc.is_object()) return Error::invalid("body", "must be a JSON object");
  // The base price's currency is the one every other amount must use.
  std::string currency;
  if (doc.contains("base") && doc["base"].is_object() && doc["base"].contains("currency") &&
      doc["base"]["currency"].is_string())
    currency = doc["base"]["currency"];
  for (const auto& [key, v] : doc.items())
    if (key != "base" && key != "member_base" && key != "per_minutes" && key != "rules")
      errors.push_back({key, "is not a known field"});
  auto money = [&](const json* m, const std::string& field) -> std::optional<std::int64_t> {
    if (!m || !m->is_object() || !m->contains("amount") || !(*m)["amount"].is_number_integer() ||
        (*m)["amount"].get<std::int64_t>() < 0 || (*m)["amount"].get<std::int64_t>() > 100'000'000) {
      errors.push_back({field, "must be {\"amount\": minor units from 0, \"currency\": \"ISO 4217 code\"}"});
      return std::nullopt;
    }
    if (!m->contains("currency") || (*m)["currency"] != currency) {
      errors.push_back(
          {field + ".currency", currency.empty() ? "is required" : "must be " + currency + ", as in base"});
      return std::nullopt;
    }
    return (*m)["amount"].get<std::int64_t>();
  };
  auto member = [&](const json& obj, const char* key, const std::string& field) -> std::optional<std::int64_t> {
    if (!obj.contains(key) || obj[key].is_null()) return std::nullopt;
    return money(&obj[key], field);
  };
  p.base = {money(doc.contains("base") ? &doc["base"] : nullptr, "base").value_or(0), currency};
  p.member_base = member(doc, "member_base", "member_base");
  if (doc.contains("per_minutes")) {
    if (!doc["per_minutes"].is_number_integer() || doc["per_minutes"] < 1 || doc["per_minutes"] > 1440)
      errors.push_back({"per_minutes", "must be a whole number of minutes from 1 to 1440"});
    else
      p.per_minutes = doc["per_minutes"];
  }
  const json rules = doc.value("rules", json::array());
  if (!rules.is_array()) errors.push_back({"rules", "must be a list"});
  for (std::size_t i = 0; rules.is_array() && i < rules.size(); ++i) {
    const auto& r = rules[i];
    const std::string f = "rules[" + std::to_string(i) + "]";
    if (!r.is_object()) {
      errors.push_back({f, "must be an object"});
      continue;
    }
    PriceRule rule;
    if (r.contains("name") && !r["name"].is_string()) errors.push_back({f + ".name", "must be a string"});
    rule.name = r.contains("name") && r["name"].is_string() ? r["name"].get<std::string>() : "";
    if (rule.name.size() > 100) errors.push_back({f + ".name", "must be at most 100 characters"});
    const json days = r.value("weekdays", json::array());
    if (!days.is_array() || days.empty()) errors.push_back({f + ".weekdays", "must list weekdays 1 (Monday) to 7"});
    for (const auto& d : days.is_array() ? days : json::array()) {
      if (!d.is_number_integer() || d < 1 || d > 7) {
        errors.push_back({f + ".weekdays", "must list weekdays 1 (Monday) to 7"});
        break;
      }
      rule.weekdays.push_back(d);
    }
    auto read_time = [&](const char* key, LocalTime& out) {
      auto t = r.contains(key) && r[key].is_string() ? LocalTime::parse(r[key].get<std::string>()) : std::nullopt;
      if (!t)
        errors.push_back({f + "." + key, "must be a time as \"HH:MM\""});
      else
        out = *t;
      return t.has_value();
    };
    const bool has_from = read_time("from", rule.from);
    const bool has_to = read_time("to", rule.to);
    if (has_from && has_to && rule.from >= rule.to) errors.push_back({f + ".to", "must be after from"});
    rule.price = money(r.contains("price") ? &r["price"] : nullptr, f + ".price").value_or(0);
    rule.member_price = member(r, "member_price", f + ".member_price");
    p.rules.push_back(rule);
  }
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return p;
}

json to_json(const Pricing& p) {
  auto money = [&](std::int64_t amount) { return json{{"amount", amount}, {"currency", p.base.currency}}; };
  json rules = json::array();
  for (const auto& r : p.rules) {
    json j = {{"name", r.name},
              {"weekdays", r.weekdays},
              {"from", r.from.str()},
              {"to", r.to.str()},
              {"price", money(r.price)}};
    j["member_price"] = r.member_price ? money(*r.member_price) : json(nullptr);
    rules.push_back(j);
  }
  return {{"base", money(p.base.amount)},
          {"member_base", p.member_base ? money(*p.member_base) : json(nullptr)},
          {"per_minutes", p.per_minutes},
          {"rules", rules}};
}

}  // namespace slotbase::resource::rules

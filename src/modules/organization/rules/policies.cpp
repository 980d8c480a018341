#include "policies.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <set>

namespace slotbase::organization::rules {
namespace {

using nlohmann::json;

const std::set<std::string> kPaymentTimings = {"at_booking", "before_session", "after_session", "monthly"};
const std::set<std::string> kOfflineMethods = {"cash", "check", "bank_transfer", "venmo", "zelle", "other"};

struct Checker {
  std::vector<FieldError> errors;
  std::string prefix;

  void fail(const std::string& field, const std::string& message) { errors.push_back({prefix + field, message}); }

  void integer(const json& v, const std::string& field, int min, int max, std::optional<int>& out) {
    if (!v.is_number_integer() || v.get<long long>() < min || v.get<long long>() > max) {
      fail(field, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      return;
    }
    out = v.get<int>();
  }
  void optional_integer(const json& v, const std::string& field, int min, int max,
                        std::optional<std::optional<int>>& out, bool zero_is_null) {
    if (v.is_null() || (zero_is_null && v.is_number_integer() && v.get<long long>() == 0)) {
      out.emplace();  // present, and empty
      return;
    }
    std::optional<int> n;
    integer(v, field, min, max, n);
    if (n) out.emplace(*n);
  }
  void boolean(const json& v, const std::string& field, std::optional<bool>& out) {
    if (!v.is_boolean()) return fail(field, "must be true or false");
    out = v.get<bool>();
  }
  void number(const json& v, const std::string& field, double min, double max, std::optional<double>& out) {
    if (!v.is_number() || v.get<double>() < min || v.get<double>() > max) {
      std::string lo = std::to_string(min), hi = std::to_string(max);
      return fail(field,
                  "must be a number from " + lo.substr(0, lo.find('.') + 2) + " to " + hi.substr(0, hi.find('.') + 2));
    }
    out = v.get<double>();
  }
  void text(const json& v, const std::string& field, std::size_t max, std::optional<std::string>& out) {
    if (!v.is_string() || v.get<std::string>().size() > max)
      return fail(field, "must be a string of at most " + std::to_string(max) + " characters");
    out = v.get<std::string>();
  }
};

/// Sets `field` to `value` if there is one.
template <class T, class U>
void set(T& field, const std::optional<U>& value) {
  if (value) field = *value;
}

}  // namespace

json to_json(const Policies& p) {
  json tiers = json::array();
  for (const auto& t : p.cancellation)
    tiers.push_back({{"min_hours_before", t.min_hours_before}, {"refund_percent", t.refund_percent}});
  return {
      {"hold_ttl_seconds", p.hold_ttl_seconds},
      {"require_booking_approval", p.require_booking_approval},
      {"auto_approve_after_minutes",
       p.auto_approve_after_minutes ? json(*p.auto_approve_after_minutes) : json(nullptr)},
      {"min_lead_time_minutes", p.min_lead_time_minutes},
      {"booking_window_days", p.booking_window_days},
      {"max_active_bookings_per_user",
       p.max_active_bookings_per_user ? json(*p.max_active_bookings_per_user) : json(nullptr)},
      {"min_duration_minutes", p.min_duration_minutes},
      {"max_duration_minutes", p.max_duration_minutes},
      {"slot_step_minutes", p.slot_step_minutes},
      {"waitlist_expiry_hours", p.waitlist_expiry_hours},
      {"cancellation", {{"tiers", tiers}}},
      {"no_show_fee_percent", p.no_show_fee_percent},
      {"check_in_opens_minutes_before", p.check_in_opens_minutes_before},
      {"no_show_grace_minutes", p.no_show_grace_minutes},
      {"payment_timing", p.payment_timing},
      {"offline_methods", p.offline_methods},
      {"offline_refund_destination", p.offline_refund_destination},
      {"weekend_multiplier", p.weekend_multiplier},
      {"holiday_multiplier", p.holiday_multiplier},
      {"allow_player_recurring", p.allow_player_recurring},
      {"recurring_horizon_days", p.recurring_horizon_days},
      {"require_verified_email", p.require_verified_email},
      {"membership", str(p.membership)},
  };
}

json to_json(const Settings& s) {
  return {{"public", s.is_public},
          {"allow_non_member_bookings", s.allow_non_member_bookings},
          {"description", s.description},
          {"sports", s.sports},
          {"contact_email", s.contact_email},
          {"contact_phone", s.contact_phone},
          {"accent_color", s.accent_color}};
}

Result<PoliciesPatch> parse_policies(const json& patch) {
  if (!patch.is_object()) return Error::invalid("policies", "must be an object");
  PoliciesPatch p;
  Checker c{{}, "policies."};
  for (const auto& [key, v] : patch.items()) {
    if (key == "hold_ttl_seconds")
      c.integer(v, key, 30, 3600, p.hold_ttl_seconds);
    else if (key == "require_booking_approval")
      c.boolean(v, key, p.require_booking_approval);
    else if (key == "auto_approve_after_minutes")
      c.optional_integer(v, key, 1, 10080, p.auto_approve_after_minutes, true);
    else if (key == "min_lead_time_minutes")
      c.integer(v, key, 0, 43200, p.min_lead_time_minutes);
    else if (key == "booking_window_days")
      c.integer(v, key, 1, 365, p.booking_window_days);
    else if (key == "max_active_bookings_per_user")
      c.optional_integer(v, key, 1, 1000, p.max_active_bookings_per_user, false);
    else if (key == "min_duration_minutes")
      c.integer(v, key, 5, 1440, p.min_duration_minutes);
    else if (key == "max_duration_minutes")
      c.integer(v, key, 5, 1440, p.max_duration_minutes);
    else if (key == "slot_step_minutes") {
      c.integer(v, key, 5, 240, p.slot_step_minutes);
      if (p.slot_step_minutes && 1440 % *p.slot_step_minutes != 0)
        c.fail(key, "must divide a day evenly (5, 10, 15, 20, 30, 60, ...)");
    } else if (key == "waitlist_expiry_hours")
      c.integer(v, key, 1, 168, p.waitlist_expiry_hours);
    else if (key == "no_show_fee_percent")
      c.integer(v, key, 0, 100, p.no_show_fee_percent);
    else if (key == "check_in_opens_minutes_before")
      c.integer(v, key, 0, 240, p.check_in_opens_minutes_before);
    else if (key == "no_show_grace_minutes")
      c.integer(v, key, 0, 240, p.no_show_grace_minutes);
    else if (key == "payment_timing") {
      if (!v.is_string() || !kPaymentTimings.contains(v.get<std::string>()))
        c.fail(key, "must be one of at_booking, before_session, after_session, monthly");
      else
        p.payment_timing = v.get<std::string>();
    } else if (key == "offline_methods") {
      std::vector<std::string> methods;
      bool ok = v.is_array();
      for (const auto& m : ok ? v : json::array()) {
        if (!m.is_string() || !kOfflineMethods.contains(m.get<std::string>()))
          ok = false;
        else if (std::find(methods.begin(), methods.end(), m.get<std::string>()) == methods.end())
          methods.push_back(m);
      }
      if (!ok)
        c.fail(key, "must be a list drawn from cash, check, bank_transfer, venmo, zelle, other");
      else
        p.offline_methods = methods;
    } else if (key == "offline_refund_destination") {
      if (!v.is_string() || (v != "credit" && v != "cash"))
        c.fail(key, "must be credit or cash");
      else
        p.offline_refund_destination = v.get<std::string>();
    } else if (key == "weekend_multiplier")
      c.number(v, key, 0.1, 10.0, p.weekend_multiplier);
    else if (key == "holiday_multiplier")
      c.number(v, key, 0.1, 10.0, p.holiday_multiplier);
    else if (key == "allow_player_recurring")
      c.boolean(v, key, p.allow_player_recurring);
    else if (key == "recurring_horizon_days")
      c.integer(v, key, 7, 366, p.recurring_horizon_days);
    else if (key == "require_verified_email")
      c.boolean(v, key, p.require_verified_email);
    else if (key == "membership") {
      auto m = v.is_string() ? enum_from<Membership>(v.get<std::string>()) : std::nullopt;
      if (!m)
        c.fail(key, "must be one of open, approval, invite_only");
      else
        p.membership = *m;
    } else if (key == "cancellation") {
      const json* tiers = v.is_object() && v.contains("tiers") ? &v["tiers"] : nullptr;
      if (!tiers || !tiers->is_array() || tiers->empty() || tiers->size() > 10) {
        c.fail("cancellation.tiers", "must be a list of 1 to 10 tiers");
        continue;
      }
      std::vector<CancellationTier> out;
      std::set<int> seen;
      for (std::size_t i = 0; i < tiers->size(); ++i) {
        const auto& t = (*tiers)[i];
        const std::string f = "cancellation.tiers[" + std::to_string(i) + "]";
        if (!t.is_object() || !t.contains("min_hours_before") || !t.contains("refund_percent")) {
          c.fail(f, "must have min_hours_before and refund_percent");
          continue;
        }
        std::optional<int> min_hours_before, refund_percent;
        c.integer(t["min_hours_before"], f + ".min_hours_before", 0, 8760, min_hours_before);
        c.integer(t["refund_percent"], f + ".refund_percent", 0, 100, refund_percent);
        const CancellationTier tier{min_hours_before.value_or(0), refund_percent.value_or(0)};
        if (!seen.insert(tier.min_hours_before).second) c.fail(f + ".min_hours_before", "appears twice");
        out.push_back(tier);
      }
      if (!seen.contains(0)) c.fail("cancellation.tiers", "must include a tier with min_hours_before 0");
      std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.min_hours_before > b.min_hours_before; });
      p.cancellation = out;
    } else {
      c.fail(key, "is not a known policy");
    }
  }
  if (!c.errors.empty()) return Error::invalid(std::move(c.errors));
  return p;
}

Result<Policies> apply_policies(const Policies& current, const PoliciesPatch& patch) {
  Policies p = current;
  set(p.hold_ttl_seconds, patch.hold_ttl_seconds);
  set(p.require_booking_approval, patch.require_booking_approval);
  set(p.auto_approve_after_minutes, patch.auto_approve_after_minutes);
  set(p.min_lead_time_minutes, patch.min_lead_time_minutes);
  set(p.booking_window_days, patch.booking_window_days);
  set(p.max_active_bookings_per_user, patch.max_active_bookings_per_user);
  set(p.min_duration_minutes, patch.min_duration_minutes);
  set(p.max_duration_minutes, patch.max_duration_minutes);
  set(p.slot_step_minutes, patch.slot_step_minutes);
  set(p.waitlist_expiry_hours, patch.waitlist_expiry_hours);
  set(p.cancellation, patch.cancellation);
  set(p.no_show_fee_percent, patch.no_show_fee_percent);
  set(p.check_in_opens_minutes_before, patch.check_in_opens_minutes_before);
  set(p.no_show_grace_minutes, patch.no_show_grace_minutes);
  set(p.payment_timing, patch.payment_timing);
  set(p.offline_methods, patch.offline_methods);
  set(p.offline_refund_destination, patch.offline_refund_destination);
  set(p.weekend_multiplier, patch.weekend_multiplier);
  set(p.holiday_multiplier, patch.holiday_multiplier);
  set(p.allow_player_recurring, patch.allow_player_recurring);
  set(p.recurring_horizon_days, patch.recurring_horizon_days);
  set(p.require_verified_email, patch.require_verified_email);
  set(p.membership, patch.membership);
  // Members checked one by one can still disagree with each other, or with those left as they were.
  if (p.min_duration_minutes > p.max_duration_minutes)
    return Error::invalid("policies.max_duration_minutes", "must not be less than min_duration_minutes");
  if (p.min_duration_minutes % p.slot_step_minutes != 0)
    return Error::invalid("policies.min_duration_minutes", "must be a multiple of slot_step_minutes");
  return p;
}

namespace {

/// Why `v` cannot be a club's accent colour, if it cannot.
std::optional<std::string> accent_problem(const json& v) {
  if (!v.is_string()) return "must be a colour as #rrggbb, or empty";
  const std::string text = v.get<std::string>();
  if (text.empty()) return std::nullopt;
  const bool hex = text.size() == 7 && text[0] == '#' && std::all_of(text.begin() + 1, text.end(), [](char ch) {
                     return std::isxdigit(static_cast<std::uint8_t>(ch)) != 0;
                   });
  if (!hex) return "must be a colour as #rrggbb, or empty";
  // White text sits on it (buttons): WCAG's contrast of at least 4.5:1 against white.
  auto channel = [&](int at) {
    const double c = std::stoi(text.substr(at, 2), nullptr, 16) / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  const double luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  const double contrast = 1.05 / (luminance + 0.05);
  if (contrast < 4.5) {
    char ratio[16];
    std::snprintf(ratio, sizeof ratio, "%.1f", contrast);
    return std::string("is too light for white text on buttons (contrast ") + ratio + ":1, at least 4.5:1)";
  }
  return std::nullopt;
}

}  // namespace

Result<SettingsPatch> parse_settings(const json& patch) {
  if (!patch.is_object()) return Error::invalid("settings", "must be an object");
  SettingsPatch s;
  Checker c{{}, "settings."};
  for (const auto& [key, v] : patch.items()) {
    if (key == "public")
      c.boolean(v, key, s.is_public);
    else if (key == "allow_non_member_bookings")
      c.boolean(v, key, s.allow_non_member_bookings);
    else if (key == "description")
      c.text(v, key, 2000, s.description);
    else if (key == "contact_email")
      c.text(v, key, 254, s.contact_email);
    else if (key == "contact_phone")
      c.text(v, key, 32, s.contact_phone);
    else if (key == "accent_color") {
      if (auto problem = accent_problem(v))
        c.fail(key, *problem);
      else
        s.accent_color = v.get<std::string>();
    } else if (key == "sports") {
      bool ok = v.is_array() && v.size() <= 20;
      std::vector<std::string> sports;
      for (const auto& item : ok ? v : json::array()) {
        if (!item.is_string() || item.get<std::string>().empty() || item.get<std::string>().size() > 40)
          ok = false;
        else
          sports.push_back(item);
      }
      if (!ok)
        c.fail(key, "must be a list of up to 20 sport names");
      else
        s.sports = sports;
    } else
      c.fail(key, "is not a known setting");
  }
  if (!c.errors.empty()) return Error::invalid(std::move(c.errors));
  return s;
}

Settings apply_settings(const Settings& current, const SettingsPatch& patch) {
  Settings s = current;
  set(s.is_public, patch.is_public);
  set(s.allow_non_member_bookings, patch.allow_non_member_bookings);
  set(s.description, patch.description);
  set(s.sports, patch.sports);
  set(s.contact_email, patch.contact_email);
  set(s.contact_phone, patch.contact_phone);
  set(s.accent_color, patch.accent_color);
  return s;
}

Policies policies_from_json(const json& j) {
  auto patch = parse_policies(j);
  if (!patch.ok()) return Policies{};
  auto applied = apply_policies(Policies{}, patch.value());
  return applied.ok() ? applied.value() : Policies{};
}

Settings settings_from_json(const json& j) {
  auto patch = parse_settings(j);
  return patch.ok() ? apply_settings(Settings{}, patch.value()) : Settings{};
}

}  // namespace slotbase::organization::rules

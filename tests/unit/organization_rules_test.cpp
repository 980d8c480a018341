#include <gtest/gtest.h>

#include "organization/rules/address.h"
#include "organization/rules/currency.h"
#include "organization/rules/hours.h"
#include "organization/rules/policies.h"

namespace slotbase::organization::rules {
namespace {

using nlohmann::json;

std::vector<std::string> fields_of(const Error& e) {
  std::vector<std::string> out;
  for (const auto& f : e.fields) out.push_back(f.field);
  return out;
}

/// The default policies with a PATCH's "policies" object applied, read as the route reads it.
Result<Policies> patched(const json& patch) {
  auto parsed = parse_policies(patch);
  if (!parsed.ok()) return parsed.take_error();
  return apply_policies(Policies{}, parsed.value());
}

TEST(Policies, DefaultsAreTheContracts) {
  json p = to_json(Policies{});
  EXPECT_EQ(p["hold_ttl_seconds"], 300);
  EXPECT_EQ(p["require_booking_approval"], false);
  EXPECT_TRUE(p["auto_approve_after_minutes"].is_null());
  EXPECT_EQ(p["booking_window_days"], 14);
  EXPECT_TRUE(p["max_active_bookings_per_user"].is_null());
  EXPECT_EQ(p["min_duration_minutes"], 60);
  EXPECT_EQ(p["max_duration_minutes"], 120);
  EXPECT_EQ(p["slot_step_minutes"], 30);
  EXPECT_EQ(p["waitlist_expiry_hours"], 2);
  EXPECT_EQ(p["no_show_fee_percent"], 100);
  EXPECT_EQ(p["payment_timing"], "at_booking");
  EXPECT_EQ(p["offline_methods"].size(), 6u);
  EXPECT_EQ(p["weekend_multiplier"], 1.0);
  EXPECT_EQ(p["cancellation"]["tiers"],
            json::parse(R"([{"min_hours_before":24,"refund_percent":100},{"min_hours_before":2,"refund_percent":50},
                            {"min_hours_before":0,"refund_percent":0}])"));
}

TEST(Policies, PatchChangesOnlyWhatItNames) {
  auto p = patched({{"hold_ttl_seconds", 600}, {"max_active_bookings_per_user", 3}});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->hold_ttl_seconds, 600);
  EXPECT_EQ(p->max_active_bookings_per_user, 3);
  EXPECT_EQ(p->booking_window_days, 14);
}

TEST(Policies, ZeroAutoApproveMeansNever) {
  auto p = patched({{"auto_approve_after_minutes", 0}});
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->auto_approve_after_minutes);
}

TEST(Policies, BadValuesNameTheirField) {
  auto p = patched({{"hold_ttl_seconds", 5}, {"payment_timing", "whenever"}, {"colour", "red"}});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(fields_of(p.error()),
            (std::vector<std::string>{"policies.colour", "policies.hold_ttl_seconds", "policies.payment_timing"}));
}

TEST(Policies, DurationsMustBeConsistent) {
  auto p = patched({{"min_duration_minutes", 90}, {"max_duration_minutes", 60}});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(fields_of(p.error()), std::vector<std::string>{"policies.max_duration_minutes"});
  EXPECT_FALSE(patched({{"slot_step_minutes", 7}}).ok());
}

TEST(Policies, CancellationTiersAreSortedAndMustCoverNoNotice) {
  auto p = patched(json::parse(R"({"cancellation":{"tiers":[
      {"min_hours_before":0,"refund_percent":0},{"min_hours_before":48,"refund_percent":100}]}})"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->cancellation.front().min_hours_before, 48);
  auto missing_zero = patched(json::parse(R"({"cancellation":{"tiers":[
      {"min_hours_before":24,"refund_percent":100}]}})"));
  ASSERT_FALSE(missing_zero.ok());
  EXPECT_EQ(fields_of(missing_zero.error()), std::vector<std::string>{"policies.cancellation.tiers"});
}

TEST(Policies, ConsistencyIsCheckedAgainstThePoliciesLeftAsTheyWere) {
  Policies current;
  current.max_duration_minutes = 90;
  auto patch = parse_policies({{"min_duration_minutes", 120}});
  ASSERT_TRUE(patch.ok());
  auto p = apply_policies(current, patch.value());
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(fields_of(p.error()), std::vector<std::string>{"policies.max_duration_minutes"});
}

TEST(Policies, NullEmptiesAPolicyThatMayBeEmpty) {
  Policies current;
  current.max_active_bookings_per_user = 2;
  current.auto_approve_after_minutes = 30;
  auto patch = parse_policies({{"max_active_bookings_per_user", nullptr}, {"auto_approve_after_minutes", nullptr}});
  ASSERT_TRUE(patch.ok());
  auto p = apply_policies(current, patch.value());
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->max_active_bookings_per_user);
  EXPECT_FALSE(p->auto_approve_after_minutes);
  auto untouched = apply_policies(current, PoliciesPatch{});
  ASSERT_TRUE(untouched.ok());
  EXPECT_EQ(untouched->max_active_bookings_per_user, 2);
}

TEST(Settings, AnAccentColourMustCarryWhiteText) {
  auto dark = parse_settings({{"accent_color", "#1B5E20"}});
  ASSERT_TRUE(dark.ok());
  EXPECT_EQ(apply_settings(Settings{}, dark.value()).accent_color, "#1B5E20");
  EXPECT_TRUE(parse_settings({{"accent_color", ""}}).ok());  // back to SlotBase's own
  for (const json& bad : {json("#ffeb3b"), json("#fff"), json("green"), json("#12345g"), json(7)}) {
    auto r = parse_settings({{"accent_color", bad}});
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(fields_of(r.error()), std::vector<std::string>{"settings.accent_color"}) << bad;
  }
  auto pale = parse_settings({{"accent_color", "#ffeb3b"}});
  EXPECT_NE(pale.error().fields[0].message.find("too light"), std::string::npos) << pale.error().fields[0].message;
}

TEST(Settings, BadValuesNameTheirField) {
  auto s = parse_settings({{"public", "yes"}, {"sports", {""}}, {"theme", "dark"}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(fields_of(s.error()), (std::vector<std::string>{"settings.public", "settings.sports", "settings.theme"}));
  auto good = parse_settings({{"public", false}, {"sports", {"tennis"}}});
  ASSERT_TRUE(good.ok());
  Settings changed = apply_settings(Settings{}, good.value());
  EXPECT_FALSE(changed.is_public);
  EXPECT_EQ(changed.sports, std::vector<std::string>{"tennis"});
  EXPECT_TRUE(changed.allow_non_member_bookings);
}

TEST(Address, KeepsThePartsGiven) {
  json given = {{"city", "Berlin"}, {"country", "DE"}};
  auto a = parse_address(given);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a.value());
  EXPECT_EQ((*a)->city, "Berlin");
  EXPECT_FALSE((*a)->street);
  EXPECT_EQ(to_json(a.value()), given);
  auto none = parse_address(nullptr);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none.value());
  EXPECT_TRUE(to_json(none.value()).is_null());
}

TEST(Address, ErrorsNameTheFirstBadPart) {
  EXPECT_EQ(fields_of(parse_address({{"planet", "Mars"}}).error()), std::vector<std::string>{"address.planet"});
  EXPECT_EQ(fields_of(parse_address({{"city", 5}, {"zip", std::string(201, '1')}}).error()),
            std::vector<std::string>{"address.city"});
  EXPECT_EQ(fields_of(parse_address("Berlin").error()), std::vector<std::string>{"address"});
}

TEST(Hours, ParsesTheContractsExample) {
  auto h = parse_hours(json::parse(R"({"weekly":[{"weekday":1,"open":"07:00","close":"22:00"}],
    "holidays":[{"date":"2026-12-25","name":"Christmas","closed":true},
                {"date":"2026-12-31","name":"New Year's Eve","closed":false,"open":"08:00","close":"16:00"}]})"));
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->weekly.size(), 1u);
  EXPECT_EQ(h->weekly[0].open.minutes, 420);
  ASSERT_EQ(h->holidays.size(), 2u);
  EXPECT_TRUE(h->holidays[0].closed);
  EXPECT_EQ(h->holidays[1].close->minutes, 960);
}

TEST(Hours, ErrorsNameTheEntry) {
  auto h = parse_hours(json::parse(R"({"weekly":[{"weekday":1,"open":"09:00","close":"08:00"},
    {"weekday":8,"open":"09:00","close":"10:00"},{"weekday":1,"open":"09:00","close":"10:00"}],
    "holidays":[{"date":"2026-12-31","name":"Eve","closed":false}]})"));
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(fields_of(h.error()), (std::vector<std::string>{"weekly[0].close", "weekly[1].weekday", "weekly[2].weekday",
                                                            "holidays[0].open", "holidays[0].close"}));
}

TEST(Currency, KnowsMinorUnits) {
  EXPECT_EQ(currency_minor_digits("USD"), 2);
  EXPECT_EQ(currency_minor_digits("JPY"), 0);
  EXPECT_EQ(currency_minor_digits("KWD"), 3);
  EXPECT_FALSE(currency_minor_digits("usd"));
  EXPECT_FALSE(currency_minor_digits("XYZ"));
}

}  // namespace
}  // namespace slotbase::organization::rules

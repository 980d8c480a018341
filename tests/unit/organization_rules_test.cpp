#include <gtest/gtest.h>

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
  auto p = apply_policies(Policies{}, {{"hold_ttl_seconds", 600}, {"max_active_bookings_per_user", 3}});
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->hold_ttl_seconds, 600);
  EXPECT_EQ(p->max_active_bookings_per_user, 3);
  EXPECT_EQ(p->booking_window_days, 14);
}

TEST(Policies, ZeroAutoApproveMeansNever) {
  auto p = apply_policies(Policies{}, {{"auto_approve_after_minutes", 0}});
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->auto_approve_after_minutes);
}

TEST(Policies, BadValuesNameTheirField) {
  auto p = apply_policies(Policies{}, {{"hold_ttl_seconds", 5}, {"payment_timing", "whenever"}, {"colour", "red"}});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(fields_of(p.error()),
            (std::vector<std::string>{"policies.colour", "policies.hold_ttl_seconds", "policies.payment_timing"}));
}

TEST(Policies, DurationsMustBeConsistent) {
  auto p = apply_policies(Policies{}, {{"min_duration_minutes", 90}, {"max_duration_minutes", 60}});
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(fields_of(p.error()), std::vector<std::string>{"policies.max_duration_minutes"});
  EXPECT_FALSE(apply_policies(Policies{}, {{"slot_step_minutes", 7}}).ok());
}

TEST(Policies, CancellationTiersAreSortedAndMustCoverNoNotice) {
  auto p = apply_policies(Policies{}, json::parse(R"({"cancellation":{"tiers":[
      {"min_hours_before":0,"refund_percent":0},{"min_hours_before":48,"refund_percent":100}]}})"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->cancellation.front().min_hours_before, 48);
  auto missing_zero = apply_policies(Policies{}, json::parse(R"({"cancellation":{"tiers":[
      {"min_hours_before":24,"refund_percent":100}]}})"));
  ASSERT_FALSE(missing_zero.ok());
  EXPECT_EQ(fields_of(missing_zero.error()), std::vector<std::string>{"policies.cancellation.tiers"});
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

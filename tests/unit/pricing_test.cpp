#include <gtest/gtest.h>

#include "resource/rules/pricing.h"

namespace slotbase::resource::rules {
namespace {

using nlohmann::json;

class PricingTest : public ::testing::Test {
 protected:
  Zone ny = *Zone::find("America/New_York");
  Pricing pricing = parse_pricing(json::parse(R"({"base":{"amount":2000,"currency":"USD"},"per_minutes":60,
      "member_base":{"amount":1500,"currency":"USD"},
      "rules":[{"name":"peak","weekdays":[1,2,3,4,5],"from":"17:00","to":"21:00",
                "price":{"amount":3000,"currency":"USD"},"member_price":{"amount":2400,"currency":"USD"}}]})"))
                        .value();
  PriceContext ctx{ny, 1.5, 2.0, [](LocalDate d) { return d == LocalDate{2026, 12, 31}; }};
  Instant at(LocalDate d, int hour, int minute = 0) { return ny.at(d, LocalTime{hour * 60 + minute}); }
  const LocalDate kTuesday{2026, 12, 1};
  const LocalDate kSaturday{2026, 12, 5};
};

TEST_F(PricingTest, BaseAndPeakHours) {
  EXPECT_EQ(price(pricing, false, at(kTuesday, 10), at(kTuesday, 11), ctx), 2000);
  EXPECT_EQ(price(pricing, false, at(kTuesday, 17), at(kTuesday, 18), ctx), 3000);
  EXPECT_EQ(price(pricing, false, at(kTuesday, 10), at(kTuesday, 11, 30), ctx), 3000);
}

TEST_F(PricingTest, ABookingAcrossTwoWindowsIsPricedMinuteByMinute) {
  // 16:30-17:30: thirty minutes at $20/h and thirty at $30/h.
  EXPECT_EQ(price(pricing, false, at(kTuesday, 16, 30), at(kTuesday, 17, 30), ctx), 2500);
  // 20:45-21:45: fifteen peak minutes and forty-five base ones: 750 + 1500.
  EXPECT_EQ(price(pricing, false, at(kTuesday, 20, 45), at(kTuesday, 21, 45), ctx), 2250);
}

TEST_F(PricingTest, MembersPayTheirRates) {
  EXPECT_EQ(price(pricing, true, at(kTuesday, 10), at(kTuesday, 11), ctx), 1500);
  EXPECT_EQ(price(pricing, true, at(kTuesday, 16, 30), at(kTuesday, 17, 30), ctx), 1950);
}

// Where members pay what everyone pays, a booking need not ask whether its player is one.
TEST_F(PricingTest, MemberPricesAreThereIfTheBaseOrAnyRuleHasOne) {
  EXPECT_TRUE(has_member_prices(pricing));
  Pricing plain = pricing;
  plain.member_base.reset();
  EXPECT_TRUE(has_member_prices(plain));  // the peak rule still has one
  plain.rules[0].member_price.reset();
  EXPECT_FALSE(has_member_prices(plain));
  EXPECT_EQ(price(plain, true, at(kTuesday, 17), at(kTuesday, 18), ctx),
            price(plain, false, at(kTuesday, 17), at(kTuesday, 18), ctx));
}

TEST_F(PricingTest, WeekendAndHolidayMultipliers) {
  EXPECT_EQ(price(pricing, false, at(kSaturday, 17), at(kSaturday, 18), ctx), 3000);  // no peak rule on Saturdays
  EXPECT_EQ(price(pricing, false, at(LocalDate{2026, 12, 31}, 10), at(LocalDate{2026, 12, 31}, 11), ctx), 4000);
}

TEST_F(PricingTest, RoundsOnceAtTheEnd) {
  Pricing odd = pricing;
  odd.base.amount = 1000;
  odd.per_minutes = 90;  // 1000 per 90 minutes: 60 minutes cost 666.67
  odd.rules.clear();
  EXPECT_EQ(price(odd, false, at(kTuesday, 10), at(kTuesday, 11), ctx), 667);
  // Three separate 20-minute bookings would each round 222.2 down; one hour must not.
  EXPECT_EQ(price(odd, false, at(kTuesday, 10), at(kTuesday, 10, 20), ctx), 222);
}

TEST_F(PricingTest, ADstNightIsChargedForTheHoursThatReallyPass) {
  Pricing flat = pricing;
  flat.rules.clear();
  // Midnight to 04:00 on the spring-forward day is three real hours; on the fall-back day five.
  EXPECT_EQ(price(flat, false, at(LocalDate{2026, 3, 8}, 0), at(LocalDate{2026, 3, 8}, 4), ctx), 3 * 3000);
  EXPECT_EQ(price(flat, false, at(LocalDate{2026, 11, 1}, 0), at(LocalDate{2026, 11, 1}, 4), ctx), 5 * 3000);
}

TEST_F(PricingTest, ParsingNamesTheBadField) {
  auto bad = parse_pricing(json::parse(R"({"base":{"amount":-5,"currency":"USD"},"per_minutes":0,
      "rules":[{"weekdays":[8],"from":"21:00","to":"17:00","price":{"amount":100,"currency":"EUR"}}]})"));
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"base", "per_minutes", "rules[0].weekdays", "rules[0].to",
                                              "rules[0].price.currency"}));
}

}  // namespace
}  // namespace slotbase::resource::rules

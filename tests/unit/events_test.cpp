#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>

#include "booking/booking_events.h"
#include "identity/identity_events.h"
#include "notification/notification_events.h"
#include "organization/organization_events.h"
#include "payment/payment_events.h"
#include "resource/resource_events.h"

namespace slotbase {
namespace {

const Instant kStart = *parse_rfc3339("2026-03-08T06:30:00Z");
const Instant kEnd = *parse_rfc3339("2026-03-08T08:00:00Z");

// One sample of every event with every field filled in (a field its codec forgot comes back
// empty), in the order of each module's `Events` list: a module that adds an event and no sample
// here does not compile. Each is also tried empty, which covers absent optionals.
const identity::Events kIdentity{
    identity::UserCreated{"usr_1", "ana@example.test"},
    identity::UserUpdated{"usr_1", {"name", "email"}},
    identity::UserDeleted{"usr_1"},
    identity::RoleAssigned{"usr_1", "staff", {"facility", "fac_1"}},
    identity::RoleRemoved{"usr_1", "staff", {"facility", "fac_1"}},
};
const organization::Events kOrganization{
    organization::OrganizationCreated{"org_1", "Riverside Racquet Club"},
    organization::FacilityCreated{"fac_1", "org_1", "America/New_York", "USD"},
    organization::FacilityUpdated{"fac_1", {"policies"}},
    organization::HoursUpdated{"fac_1"},
    organization::StaffAdded{"fac_1", "desk@example.test", "staff", "usr_2"},
    organization::MemberAdded{"fac_1", "new@example.test", "usr_3"},
    organization::InvitationSent{"inv_1", "fac_1", "new@example.test", true},
    organization::InvitationClosed{"inv_1", "fac_1", "new@example.test", "accepted", "usr_3"},
    organization::JoinRequested{"jrq_1", "fac_1", "usr_3", "I play on Tuesdays"},
    organization::JoinRequestDecided{"jrq_1", "fac_1", "usr_3", "rejected", "Full this season"},
    organization::PlayerAdded{"fac_1", "usr_3", "staff", true},
    organization::PlayerStatusChanged{"fac_1", "usr_3", "inactive"},
};
const resource::Events kResource{
    resource::ResourceCreated{"res_1", "fac_1", "tennis_court"},
    resource::ResourceUpdated{"res_1", "fac_1", {"name", "color"}},
    resource::PricingUpdated{"res_1", "fac_1"},
};
const booking::Events kBooking{
    booking::HoldCreated{"hld_1", "res_1", kStart, kEnd, kStart - std::chrono::minutes(5)},
    booking::HoldReleased{"hld_1", "res_1", kStart, kEnd, "Resurfacing"},
    booking::HoldExpired{"hld_1", "res_1", kStart, kEnd},
    booking::HoldExtended{"hld_1", "res_1", kStart, kEnd, kStart - std::chrono::minutes(1)},
    booking::BookingConfirmed{"bkg_1", "usr_1", "fac_1", "res_1", kStart, kEnd, "open_play", "pending", "paid",
                              Money{1999, "USD"}, "hld_1", "ser_1"},
    booking::BookingCancelled{
        "bkg_1", "usr_1", "res_1", kStart, kEnd, "Rain", "usr_2", true, {1000, "USD", 50}, "staff"},
    booking::BookingCheckedIn{"bkg_1", "usr_1"},
    booking::BookingNoShow{"bkg_1", "usr_1", true, {820, "USD", 100}},
    booking::BookingCompleted{"bkg_1", "usr_1"},
    booking::BookingRescheduled{"bkg_1", "res_2", kStart, kEnd, {"res_1", kEnd, kEnd + std::chrono::hours(1)}, "ser_1"},
    booking::BookingApproved{"bkg_1", "usr_1", "auto_approved"},
    booking::BookingRejected{"bkg_1", "usr_1", "Members only on Sundays"},
    booking::BlockCreated{"blk_1", "res_1", kStart, kEnd, "Resurfacing", {"bkg_1", "bkg_2"}, "ser_2"},
    booking::BlockRemoved{"blk_1", "res_1", kStart, kEnd, "ser_2"},
    booking::WaitlistNotified{"wle_1", "usr_1", "hld_2", "res_1", kStart, kEnd, kEnd, kEnd, Money{456, "JPY"}},
    booking::SeriesCreated{"ser_1", "usr_1", "res_1", "FREQ=WEEKLY;BYDAY=TU"},
    booking::SeriesChanged{"ser_1", "following", "2026-03-10", 7},
    booking::SeriesCancelled{"ser_1", "all", "2026-03-10", "usr_1", {"bkg_3"}},
    booking::SeriesConflictRecorded{"ser_1", "usr_1", "2026-03-17", "slot-taken", "That time is taken.", "res_1",
                                    kStart, kEnd},
};

const payment::Events kPayment{
    payment::PaymentSucceeded{"pay_1", "usr_1", "bkg_1", "pit_1", "card", 1999, "USD"},
    payment::PaymentFailed{"pit_1", "usr_1", "hld_1", "insufficient_funds", "Your card has insufficient funds."},
    payment::PaymentRefunded{"ref_1", "pay_1", "usr_1", "bkg_1", "original", "completed", 820, "USD"},
    payment::OfflinePaymentRecorded{"pay_2", "usr_1", "bkg_1", "cash", 456, "USD"},
    payment::FeeCharged{"fee_1", "usr_1", "bkg_1", "no_show", 1500, "JPY"},
};

const notification::Events kNotification{
    notification::NotificationCreated{"ntf_1", "usr_1", "booking.confirmed", "Booking confirmed", "Court 1", kStart},
};

template <class E>
void expect_round_trip(const E& sample, std::set<std::string>& types) {
  SCOPED_TRACE(E::kType);
  EXPECT_TRUE(types.insert(E::kType).second) << "two events are called " << E::kType;
  EXPECT_GE(E::kVersion, 1);
  for (const E& e : {sample, E{}}) {
    // As the outbox writes it and a subscriber reads it back from the log's JSON text.
    events::NewEvent written = events::new_event(e, "booking", "agg_1", "fac_1", "usr_1", "req_1");
    EXPECT_EQ(written.type, E::kType);
    EXPECT_EQ(written.version, E::kVersion);
    events::DomainEvent read;
    read.type = written.type;
    read.payload = nlohmann::json::parse(written.payload.dump());
    auto decoded = events::decode_event<E>(read);
    ASSERT_TRUE(decoded.has_value()) << written.payload.dump();
    EXPECT_EQ(*decoded, e) << written.payload.dump();
  }
}

template <class Tuple>
void expect_all(const Tuple& samples, std::set<std::string>& types) {
  std::apply([&](const auto&... e) { (expect_round_trip(e, types), ...); }, samples);
}

TEST(Events, EveryEventOfEveryModuleRoundTripsThroughItsJson) {
  std::set<std::string> types;
  expect_all(kIdentity, types);
  expect_all(kOrganization, types);
  expect_all(kResource, types);
  expect_all(kBooking, types);
  expect_all(kPayment, types);
  expect_all(kNotification, types);
  EXPECT_EQ(types.size(), std::tuple_size_v<identity::Events> + std::tuple_size_v<organization::Events> +
                              std::tuple_size_v<resource::Events> + std::tuple_size_v<booking::Events> +
                              std::tuple_size_v<payment::Events> + std::tuple_size_v<notification::Events>);
}

TEST(Events, PayloadsKeepTheirWireNames) {
  // Subscribers outside C++ (the live feed's clients, replays of old logs) read these names.
  const auto& confirmed = std::get<booking::BookingConfirmed>(kBooking);
  const nlohmann::json j = encode(confirmed);
  EXPECT_EQ(j.at("start"), "2026-03-08T06:30:00Z");
  EXPECT_EQ(j.at("price"), (nlohmann::json{{"amount", 1999}, {"currency", "USD"}}));
  EXPECT_EQ(encode(std::get<booking::BookingRescheduled>(kBooking)).at("from").at("resource_id"), "res_1");
  EXPECT_TRUE(encode(organization::MemberAdded{"fac_1", "new@example.test", std::nullopt}).at("user_id").is_null());
  EXPECT_TRUE(encode(identity::RoleRemoved{"usr_1", "platform_admin", {"platform", std::nullopt}})
                  .at("scope")
                  .at("id")
                  .is_null());
  EXPECT_EQ(encode(std::get<booking::BookingCancelled>(kBooking)).at("refund").at("percent"), 50);
}

TEST(Events, ADecoderRefusesAnotherTypeOrAMissingField) {
  events::DomainEvent e;
  e.type = booking::BookingCheckedIn::kType;
  e.payload = {{"booking_id", "bkg_1"}, {"user_id", "usr_1"}};
  EXPECT_FALSE(events::decode_event<booking::BookingCompleted>(e));
  EXPECT_TRUE(events::decode_event<booking::BookingCheckedIn>(e));
  e.payload.erase("user_id");
  EXPECT_FALSE(events::decode_event<booking::BookingCheckedIn>(e));
  e.type = booking::HoldCreated::kType;
  e.payload = {{"hold_id", "h"}, {"resource_id", "r"}, {"start", "yesterday"}, {"end", "x"}, {"expires_at", "x"}};
  EXPECT_FALSE(events::decode_event<booking::HoldCreated>(e));
}

TEST(Events, AnOptionalFieldMayBeAbsentFromAnOlderEvent) {
  events::DomainEvent e;
  e.type = booking::HoldExpired::kType;
  e.payload = {{"hold_id", "hld_1"}};
  auto decoded = events::decode_event<booking::HoldExpired>(e);
  ASSERT_TRUE(decoded);
  EXPECT_FALSE(decoded->resource_id);
}

}  // namespace
}  // namespace slotbase

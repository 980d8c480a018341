#include <atomic>
#include <thread>
#include <tuple>

#include "http/booking_fixture.h"
#include "support/gunzip.h"

namespace slotbase::testing {
namespace {

using nlohmann::json;

TEST_P(BookingHttpTest, HoldThenConfirmBooksTheSlot) {
  auto h = hold(player_, "2026-11-25T10:00:00-05:00", "2026-11-25T11:00:00-05:00");
  ASSERT_EQ(h.status, 201) << h.body;
  EXPECT_EQ(h.json()["price"], json({{"amount", 2000}, {"currency", "USD"}}));
  EXPECT_EQ(h.json()["expires_at"], "2026-11-24T12:05:00Z");
  EXPECT_EQ(slot_status(availability("date=2026-11-25"), "2026-11-25T10:00:00-05:00"), "held");

  auto b = confirm(player_, h.json()["id"]);
  ASSERT_EQ(b.status, 201) << b.body;
  auto booking = b.json();
  EXPECT_EQ(booking["status"], "confirmed");
  EXPECT_EQ(booking["approval_status"], "not_required");
  EXPECT_EQ(booking["payment_status"], "pending");
  EXPECT_EQ(booking["type"], "open_play");
  EXPECT_EQ(booking["start"], "2026-11-25T15:00:00Z");
  EXPECT_EQ(slot_status(availability("date=2026-11-25"), "2026-11-25T10:00:00-05:00"), "booked");
  EXPECT_EQ(client_->get("/api/v1/bookings/" + booking["id"].get<std::string>(), player_.access).json()["id"],
            booking["id"]);
  auto mine = client_->get("/api/v1/bookings?mine=true", player_.access).json()["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["id"], booking["id"]);
  auto day = client_->get("/api/v1/facilities/" + facility_ + "/bookings?date=2026-11-25", owner_.access);
  EXPECT_EQ(day.json()["items"].size(), 1u);
  // A second confirm of the same hold is a conflict.
  EXPECT_EQ(confirm(player_, h.json()["id"]).status, 409);
}

TEST_P(BookingHttpTest, MembersHoldAtTheMemberPriceAndOthersAtTheFullOne) {
  ASSERT_EQ(client_
                ->send("PUT", "/api/v1/resources/" + court_ + "/pricing",
                       json::parse(R"({"base":{"amount":2000,"currency":"USD"},"per_minutes":60,
        "rules":[{"name":"peak","weekdays":[1,2,3,4,5],"from":"17:00","to":"21:00","price":{"amount":3000,"currency":"USD"},
                  "member_price":{"amount":2400,"currency":"USD"}}]})"),
                       owner_.access)
                .status,
            200);
  ASSERT_EQ(
      client_->post("/api/v1/facilities/" + facility_ + "/members", {{"email", player_.email}}, owner_.access).status,
      201);
  auto guest = sign_up("guest@example.com");
  // The grid shows each caller their own price for the 18:00 peak hour.
  auto peak_price = [&](const std::string& token) {
    const json grid = availability("date=2026-11-25", token);
    for (const auto& slot : grid["resources"][0]["slots"])
      if (slot["start"] == "2026-11-25T18:00:00-05:00") return slot["price"]["amount"].get<std::int64_t>();
    return std::int64_t{-1};
  };
  EXPECT_EQ(peak_price(player_.access), 2400);
  EXPECT_EQ(peak_price(guest.access), 3000);
  EXPECT_EQ(peak_price(""), 3000);
  // 16:30-17:30 local: half an hour at the base price, half at peak (the member's peak is $24).
  auto member_hold = hold(player_, "2026-11-25T16:30:00-05:00", "2026-11-25T17:30:00-05:00");
  ASSERT_EQ(member_hold.status, 201) << member_hold.body;
  EXPECT_EQ(member_hold.json()["price"]["amount"], 2200);
  auto guest_hold = hold(guest, "2026-11-25T18:00:00-05:00", "2026-11-25T19:00:00-05:00");
  ASSERT_EQ(guest_hold.status, 201) << guest_hold.body;
  EXPECT_EQ(guest_hold.json()["price"]["amount"], 3000);

  // Members only: guests are refused by name, members still pay their own price.
  ASSERT_EQ(client_
                ->send("PATCH", "/api/v1/facilities/" + facility_,
                       {{"settings", {{"allow_non_member_bookings", false}}}}, owner_.access)
                .status,
            200);
  auto refused = hold(guest, "2026-11-26T18:00:00-05:00", "2026-11-26T19:00:00-05:00");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json()["type"], "https://slotbase.dev/problems/not-a-member");
  auto members_only = hold(player_, "2026-11-26T18:00:00-05:00", "2026-11-26T19:00:00-05:00");
  ASSERT_EQ(members_only.status, 201) << members_only.body;
  EXPECT_EQ(members_only.json()["price"]["amount"], 2400);
}

TEST_P(BookingHttpTest, ATakenSlotIs409ButTouchingSlotsAreFine) {
  ASSERT_EQ(hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 201);
  auto other = sign_up("other@example.com");
  auto taken = hold(other, "2026-11-25T15:30:00Z", "2026-11-25T16:30:00Z");
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.json()["type"], "https://slotbase.dev/problems/slot-unavailable");
  EXPECT_EQ(hold(other, "2026-11-25T16:00:00Z", "2026-11-25T17:00:00Z").status, 201);
  EXPECT_EQ(hold(other, "2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z").status, 201);
}

TEST_P(BookingHttpTest, AnExpiredHoldBlocksNobodyAndCannotBeConfirmed) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  clock_.advance(std::chrono::seconds(301));
  EXPECT_EQ(slot_status(availability("date=2026-11-25"), "2026-11-25T10:00:00-05:00"), "available");
  EXPECT_EQ(confirm(player_, h["id"]).status, 410);
  auto other = sign_up("other@example.com");
  EXPECT_EQ(hold(other, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 201);
  // The expiry job finds the hold already let go, and the event log says so once.
  app_->run_background_once();
  auto expired = app_->database().read([](db::Connection& c) {
    return c.query_one("SELECT COUNT(*) FROM outbox WHERE type = 'booking.hold.expired'")->i64(0);
  });
  EXPECT_EQ(expired, 1);
}

TEST_P(BookingHttpTest, TheWorkerLetsALapsedHoldGo) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  const std::string id = h["id"];
  app_->run_background_once();
  auto status_of = [&] {
    return app_->database().read(
        [&](db::Connection& c) { return c.query_one("SELECT status FROM holds WHERE id = $1", {id})->text(0); });
  };
  EXPECT_EQ(status_of(), "active");  // not before it lapses
  clock_.advance(std::chrono::seconds(301));
  // The server's own worker sweeps too; wait for either rather than race it.
  for (int i = 0; i < 200 && status_of() != "expired"; ++i) {
    app_->run_background_once();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(status_of(), "expired");
  app_->run_background_once();
  auto [claims, events, payload] = app_->database().read([&](db::Connection& c) {
    return std::tuple{
        c.query_one("SELECT COUNT(*) FROM resource_claims WHERE owner_id = $1 AND active", {id})->i64(0),
        c.query_one("SELECT COUNT(*) FROM outbox WHERE type = 'booking.hold.expired'")->i64(0),
        json::parse(c.query_one("SELECT payload FROM outbox WHERE type = 'booking.hold.expired'")->text(0))};
  });
  EXPECT_EQ(claims, 0);
  EXPECT_EQ(events, 1);
  EXPECT_EQ(payload["hold_id"], id);
  EXPECT_EQ(payload["start"], "2026-11-25T15:00:00Z");
}

TEST_P(BookingHttpTest, AReleasedHoldFreesTheSlotAtOnce) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  auto other = sign_up("other@example.com");
  EXPECT_EQ(client_->send("DELETE", "/api/v1/holds/" + h["id"].get<std::string>(), nullptr, other.access).status, 404);
  EXPECT_EQ(client_->send("DELETE", "/api/v1/holds/" + h["id"].get<std::string>(), nullptr, player_.access).status,
            204);
  EXPECT_EQ(hold(other, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 201);
}

TEST_P(BookingHttpTest, EveryRefusalNamesItsRule) {
  auto rule = [&](const std::string& start, const std::string& end) {
    auto r = hold(player_, start, end);
    EXPECT_EQ(r.status, 422) << r.body;
    return r.json().value("rule", r.json().dump());
  };
  EXPECT_EQ(rule("2026-11-25T08:00:00Z", "2026-11-25T09:00:00Z"), "outside-opening-hours");  // 03:00 local
  EXPECT_EQ(rule("2026-11-25T15:15:00Z", "2026-11-25T16:15:00Z"), "off-slot-grid");
  EXPECT_EQ(rule("2026-11-25T15:00:00Z", "2026-11-25T15:30:00Z"), "duration-too-short");
  EXPECT_EQ(rule("2026-11-25T15:00:00Z", "2026-11-25T18:00:00Z"), "duration-too-long");
  EXPECT_EQ(rule("2026-12-10T15:00:00Z", "2026-12-10T16:00:00Z"), "booking-window");
  EXPECT_EQ(rule("2026-11-24T11:00:00Z", "2026-11-24T12:00:00Z"), "in-the-past");
  auto bad = hold(player_, "tomorrow at ten", "2026-11-25T16:00:00Z");
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0]["field"], "start");
  patch_policies({{"max_active_bookings_per_user", 1}});
  ASSERT_EQ(hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 201);
  EXPECT_EQ(rule("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z"), "max-active-bookings");
}

TEST_P(BookingHttpTest, TheNextHoldAndConfirmationFollowAChangedFacility) {
  // Holds and confirmations take the facility and its hours from memory while they stand: a
  // change must reach the very next request.
  auto first = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  json weekly = json::array();
  for (int d = 1; d <= 7; ++d) weekly.push_back({{"weekday", d}, {"open", "07:00"}, {"close", "11:00"}});
  ASSERT_EQ(
      client_->send("PUT", "/api/v1/facilities/" + facility_ + "/hours", {{"weekly", weekly}}, owner_.access).status,
      200);
  auto late = hold(player_, "2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");  // 12:00 local, closed now
  EXPECT_EQ(late.status, 422) << late.body;
  EXPECT_EQ(late.json().value("rule", ""), "outside-opening-hours");
  EXPECT_EQ(hold(player_, "2026-11-25T14:00:00Z", "2026-11-25T15:00:00Z").status, 201);  // 09:00 local

  patch_policies({{"payment_timing", "at_booking"}});
  auto unpaid = confirm(player_, first["id"], {{"method", "none"}});
  EXPECT_EQ(unpaid.status, 422) << unpaid.body;
  EXPECT_EQ(unpaid.json().value("rule", ""), "payment-required");
}

TEST_P(BookingHttpTest, PaymentChoicesFollowThePolicy) {
  patch_policies({{"payment_timing", "at_booking"}});
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  auto none = confirm(player_, h["id"], {{"method", "none"}});
  EXPECT_EQ(none.status, 422);
  EXPECT_EQ(none.json()["rule"], "payment-required");
  // A card needs the payment method the provider made of it (card numbers never reach us).
  auto card = confirm(player_, h["id"], {{"method", "card"}});
  EXPECT_EQ(card.status, 422);
  EXPECT_EQ(card.json()["errors"][0]["field"], "payment.payment_method");
  // And a facility that has not connected to the payment provider takes none.
  auto unconnected = confirm(player_, h["id"], {{"method", "card"}, {"details", {{"payment_method", "pm_x"}}}});
  EXPECT_EQ(unconnected.status, 422);
  EXPECT_EQ(unconnected.json()["rule"], "payments-not-connected");
  auto wire = confirm(player_, h["id"], {{"method", "offline"}, {"offline_method", "bitcoin"}});
  EXPECT_EQ(wire.status, 422);
  EXPECT_EQ(wire.json()["errors"][0]["field"], "payment.offline_method");
  auto cash = confirm(player_, h["id"], {{"method", "offline"}, {"offline_method", "cash"}});
  ASSERT_EQ(cash.status, 201);
  EXPECT_EQ(cash.json()["payment_status"], "pending");
}

TEST_P(BookingHttpTest, PaymentDetailsCarryAPaymentMethodId) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  auto bad = confirm(player_, h["id"], {{"method", "offline"}, {"details", {{"payment_method", 42}}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0]["field"], "payment.details.payment_method");
  auto good = confirm(player_, h["id"],
                      {{"method", "offline"}, {"details", {{"payment_method", "pm_card_visa"}, {"note", "ignored"}}}});
  EXPECT_EQ(good.status, 201) << good.body;
}

TEST_P(BookingHttpTest, ConfirmingTwiceWithOneIdempotencyKeyReturnsTheSameBooking) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  std::map<std::string, std::string> key = {{"Idempotency-Key", "confirm-1"}};
  json body = {{"payment", {{"method", "offline"}}}};
  auto first = client_->post("/api/v1/holds/" + h["id"].get<std::string>() + "/confirm", body, player_.access, key);
  auto again = client_->post("/api/v1/holds/" + h["id"].get<std::string>() + "/confirm", body, player_.access, key);
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(again.status, 201);
  EXPECT_EQ(first.json()["id"], again.json()["id"]);
}

TEST_P(BookingHttpTest, CancellationRefundsFollowTheNoticeGiven) {
  auto book = [&](const std::string& start, const std::string& end) {
    auto h = hold(player_, start, end).json();
    return confirm(player_, h["id"]).json()["id"].get<std::string>();
  };
  auto far = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");   // 27 hours ahead
  auto near = book("2026-11-24T20:00:00Z", "2026-11-24T21:00:00Z");  // 8 hours ahead
  auto soon = book("2026-11-24T13:00:00Z", "2026-11-24T14:00:00Z");  // 1 hour ahead
  auto cancel = [&](const std::string& id) {
    auto r = client_->post("/api/v1/bookings/" + id + "/cancel", {{"reason", "cannot make it"}}, player_.access);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  };
  EXPECT_EQ(cancel(far)["refund"]["percent"], 100);
  EXPECT_EQ(cancel(near)["refund"]["percent"], 50);
  auto late = cancel(soon);
  EXPECT_EQ(late["refund"]["percent"], 0);
  EXPECT_EQ(late["refund"]["amount"], 0);  // nothing was paid yet
  EXPECT_EQ(late["booking"]["status"], "cancelled");
  EXPECT_EQ(client_->post("/api/v1/bookings/" + soon + "/cancel", {{"reason", "again"}}, player_.access).status, 409);
  // The slot is free again and the event carries the refund.
  EXPECT_EQ(hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 201);
  auto payload = app_->database().read([&](db::Connection& c) {
    return c.query_one("SELECT payload FROM outbox WHERE type = 'booking.cancelled' AND aggregate_id = $1", {near})
        ->text(0);
  });
  auto event = json::parse(payload);
  EXPECT_EQ(event["refund"]["percent"], 50);
  EXPECT_EQ(event["reason"], "cannot make it");
  EXPECT_EQ(event["cancelled_by"], player_.id);
}

TEST_P(BookingHttpTest, StaffBookDirectlyAndPlayersCannot) {
  json body = {{"resource_id", court_},
               {"start", "2026-11-25T15:00:00Z"},
               {"end", "2026-11-25T18:00:00Z"},
               {"type", "maintenance"},
               {"note", "resurfacing"}};
  EXPECT_EQ(client_->post("/api/v1/facilities/" + facility_ + "/bookings", body, player_.access).status, 403);
  auto r = client_->post("/api/v1/facilities/" + facility_ + "/bookings", body, owner_.access);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["type"], "maintenance");
  EXPECT_EQ(r.json()["status"], "confirmed");
  EXPECT_EQ(hold(player_, "2026-11-25T16:00:00Z", "2026-11-25T17:00:00Z").status, 409);
  body["type"] = "picnic";
  EXPECT_EQ(
      client_->post("/api/v1/facilities/" + facility_ + "/bookings", body, owner_.access).json()["errors"][0]["field"],
      "type");
}

TEST_P(BookingHttpTest, BookingsOfOthersAreNotVisible) {
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").json();
  auto id = confirm(player_, h["id"]).json()["id"].get<std::string>();
  auto stranger = sign_up("stranger@example.com");
  EXPECT_EQ(client_->get("/api/v1/bookings/" + id, stranger.access).status, 404);
  EXPECT_EQ(client_->post("/api/v1/bookings/" + id + "/cancel", {{"reason", "mine now"}}, stranger.access).status, 404);
  EXPECT_EQ(client_->get("/api/v1/facilities/" + facility_ + "/bookings?date=2026-11-25", stranger.access).status, 403);
  EXPECT_EQ(client_->get("/api/v1/bookings/" + id, owner_.access).status, 200);  // staff see it
}

TEST_P(BookingHttpTest, AvailabilityShowsPricesAndValidatesItsQuery) {
  auto a = availability("date=2026-11-25&days=2");  // anonymous: the facility is public
  ASSERT_EQ(a["resources"].size(), 1u);
  EXPECT_EQ(a["timezone"], "America/New_York");
  const auto& slots = a["resources"][0]["slots"];
  EXPECT_EQ(slots.size(), 2u * 29u);  // 07:00 to 22:00, one-hour slots every 30 minutes, two days
  EXPECT_EQ(slots[0]["start"], "2026-11-25T07:00:00-05:00");
  EXPECT_EQ(slot_status(a, "2026-11-25T17:00:00-05:00"), "available");
  for (const auto& s : slots)
    if (s["start"] == "2026-11-25T16:30:00-05:00") {
      EXPECT_EQ(s["price"]["amount"], 2500);  // half an hour at the base rate, half at peak
    }
  EXPECT_EQ(client_->get("/api/v1/facilities/" + facility_ + "/availability?date=2026-11-25&days=15").status, 422);
  EXPECT_EQ(client_->get("/api/v1/facilities/" + facility_ + "/availability?date=someday").status, 422);
  EXPECT_EQ(client_->get("/api/v1/facilities/" + facility_ + "/availability?date=9999-12-31&days=14").status, 422);
  EXPECT_EQ(client_->get("/api/v1/facilities/" + facility_ + "/availability?date=2026-11-25&duration=45").status, 422);
  // Today: slots already started, or within the lead time, are closed.
  EXPECT_EQ(slot_status(availability("date=2026-11-24"), "2026-11-24T07:00:00-05:00"), "closed");
}

TEST_P(BookingHttpTest, APrivateFacilitysGridIsShownOnlyToThoseWhoMaySeeIt) {
  ASSERT_EQ(
      client_->send("PATCH", "/api/v1/facilities/" + facility_, {{"settings", {{"public", false}}}}, owner_.access)
          .status,
      200);
  ASSERT_EQ(
      client_->post("/api/v1/facilities/" + facility_ + "/members", {{"email", player_.email}}, owner_.access).status,
      201);
  const std::string url = "/api/v1/facilities/" + facility_ + "/availability?date=2026-11-25";
  // A member's request computes the grid that everyone's is taken from; an outsider asking for
  // the same grid right after still finds no such facility.
  ASSERT_EQ(client_->get(url, player_.access).status, 200);
  auto outsider = sign_up("outsider@example.com");
  EXPECT_EQ(client_->get(url, outsider.access).status, 404);
  EXPECT_EQ(client_->get(url).status, 404);
  EXPECT_EQ(client_->get(url, owner_.access).status, 200);
}

TEST_P(BookingHttpTest, AvailabilityFollowsTheClockWithNothingWritten) {
  // Each day asked shows one change that comes with time alone.
  patch_policies({{"min_lead_time_minutes", 60}, {"booking_window_days", 1}});
  ASSERT_EQ(hold(player_, "2026-11-25T10:00:00-05:00", "2026-11-25T11:00:00-05:00").status, 201);  // lapses 12:05Z
  auto check = [&](const std::string& day, const std::string& slot, const std::string& status) {
    EXPECT_EQ(slot_status(availability("date=" + day), day + "T" + slot + ":00-05:00"), status) << day << " " << slot;
  };
  // 07:00 in New York: 09:00 is more than the lead time away, the 26th is past the booking window.
  for (int twice = 0; twice < 2; ++twice) {
    check("2026-11-24", "09:00", "available");
    check("2026-11-25", "10:00", "held");
    check("2026-11-26", "09:00", "closed");
  }
  clock_.set(*parse_rfc3339("2026-11-24T12:05:00Z"));
  check("2026-11-25", "10:00", "available");  // the hold lapsed
  check("2026-11-24", "09:00", "available");
  clock_.set(*parse_rfc3339("2026-11-24T13:00:01Z"));
  check("2026-11-24", "09:00", "closed");  // now inside the lead time
  check("2026-11-26", "09:00", "closed");
  clock_.set(*parse_rfc3339("2026-11-25T05:00:00Z"));  // midnight in New York: the window moves a day
  check("2026-11-26", "09:00", "available");
}

TEST_P(BookingHttpTest, AvailabilityIsGzippedForClientsThatAcceptItAndStaysFresh) {
  const std::string url = "/api/v1/facilities/" + facility_ + "/availability?date=2026-11-25&days=14";
  auto plain = client_->get(url);
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(plain.header("Content-Encoding"), "");
  EXPECT_EQ(plain.header("Vary"), "Accept-Encoding");
  auto zipped = client_->request("GET", url, "", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.header("Content-Encoding"), "gzip");
  EXPECT_EQ(zipped.header("Content-Type"), "application/json");
  EXPECT_EQ(zipped.header("Content-Length"), std::to_string(zipped.body.size()));
  EXPECT_LT(zipped.body.size() * 10, plain.body.size());
  EXPECT_EQ(gunzip(zipped.body), plain.body);
  // A client that refuses gzip gets the document as it is.
  auto refused = client_->request("GET", url, "", {{"Accept-Encoding", "gzip;q=0, identity"}});
  EXPECT_EQ(refused.header("Content-Encoding"), "");
  EXPECT_EQ(refused.body, plain.body);
  auto head = client_->request("HEAD", url, "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(head.header("Content-Length"), std::to_string(zipped.body.size()));
  EXPECT_TRUE(head.body.empty());
  // The compressed document changes with the slots, like the plain one.
  ASSERT_EQ(hold(player_, "2026-11-25T10:00:00-05:00", "2026-11-25T11:00:00-05:00").status, 201);
  auto after = client_->request("GET", url, "", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(slot_status(json::parse(gunzip(after.body)), "2026-11-25T10:00:00-05:00"), "held");
}

TEST_P(BookingHttpTest, ADstDayHasItsTrueNumberOfSlots) {
  json weekly = json::array();
  for (int d = 1; d <= 7; ++d) weekly.push_back({{"weekday", d}, {"open", "00:00"}, {"close", "24:00"}});
  ASSERT_EQ(
      client_->send("PUT", "/api/v1/facilities/" + facility_ + "/hours", {{"weekly", weekly}}, owner_.access).status,
      200);
  patch_policies({{"min_duration_minutes", 30}, {"booking_window_days", 365}});
  // Sunday 1 November 2026 was a 25-hour day in New York; availability is read as history here.
  auto a = availability("date=2026-11-01&duration=30");
  const auto& slots = a["resources"][0]["slots"];
  ASSERT_EQ(slots.size(), 50u);
  EXPECT_EQ(slots[3]["start"], "2026-11-01T01:30:00-04:00");
  EXPECT_EQ(slots[4]["start"], "2026-11-01T01:00:00-05:00");
  EXPECT_EQ(availability("date=2026-03-08&duration=30")["resources"][0]["slots"].size(), 46u);
}

// 64 players ask for the same court at the same time: exactly one gets it.
TEST_P(BookingHttpTest, SixtyFourConcurrentHoldsOneWinner) {
  auto outcome = race({client_.get()}, 64, "/api/v1/holds",
                      {{"resource_id", court_}, {"start", "2026-11-25T15:00:00Z"}, {"end", "2026-11-25T16:00:00Z"}},
                      player_.access);
  EXPECT_EQ(outcome.created, 1);
  EXPECT_EQ(outcome.conflicts, 63);
  EXPECT_EQ(outcome.other, 0);
  // One hold, so one event, whole, even when a loser's refusal made the winner's write run again.
  auto [events, hold_id, claims] = app_->database().read([](db::Connection& c) {
    auto payload = json::parse(
        c.query_one("SELECT payload FROM outbox WHERE type = 'booking.hold.created' ORDER BY seq LIMIT 1")->text(0));
    return std::tuple{c.query_one("SELECT COUNT(*) FROM outbox WHERE type = 'booking.hold.created'")->i64(0),
                      payload.value("hold_id", ""),
                      c.query_one("SELECT COUNT(*) FROM resource_claims WHERE active")->i64(0)};
  });
  EXPECT_EQ(events, 1);
  EXPECT_EQ(claims, 1);
  EXPECT_EQ(hold_id.rfind("hld_", 0), 0u) << hold_id;
}

SB_INSTANTIATE_BACKENDS(BookingHttpTest);

class LifecycleHttpTest : public BookingHttpTest {
 protected:
  std::string book(const std::string& start, const std::string& end) {
    auto h = hold(player_, start, end);
    EXPECT_EQ(h.status, 201) << h.body;
    auto b = confirm(player_, h.json().value("id", ""));
    EXPECT_EQ(b.status, 201) << b.body;
    return b.json().value("id", "");
  }
  std::string status_of(const std::string& id, const std::string& field = "status") {
    return client_->get("/api/v1/bookings/" + id, owner_.access).json()[field];
  }
  /// Lets the server's background worker run due jobs until `field` of the booking is `want`.
  std::string wait_for(const std::string& id, const std::string& field, const std::string& want) {
    std::string got;
    for (int i = 0; i < 200 && got != want; ++i) {
      app_->run_background_once();
      got = status_of(id, field);
      if (got != want) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return got;
  }
  HttpResult act(const std::string& id, const std::string& action, const Account& who, const json& body = nullptr) {
    return client_->post("/api/v1/bookings/" + id + "/" + action, body, who.access);
  }
};

TEST_P(LifecycleHttpTest, PlayersCheckInOnlyInTheWindowStaffAnyTime) {
  auto id = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  auto early = act(id, "check-in", player_);
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(early.json()["rule"], "check-in-window");
  travel_to("2026-11-25T14:35:00Z");
  auto in = act(id, "check-in", player_);
  ASSERT_EQ(in.status, 200) << in.body;
  EXPECT_EQ(in.json()["status"], "checked_in");
  EXPECT_EQ(act(id, "check-in", player_).status, 409);
  auto other = book("2026-11-26T15:00:00Z", "2026-11-26T16:00:00Z");
  EXPECT_EQ(act(other, "check-in", owner_).json()["status"], "checked_in");  // staff: a day early is fine
}

TEST_P(LifecycleHttpTest, StaffMarkNoShowsAfterTheStartWithTheFee) {
  auto id = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  EXPECT_EQ(act(id, "no-show", owner_).json()["rule"], "not-started");
  travel_to("2026-11-25T15:05:00Z");
  EXPECT_EQ(act(id, "no-show", player_).status, 403);
  auto r = act(id, "no-show", owner_);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["status"], "no_show");
  auto fee = app_->database().read([&](db::Connection& c) {
    return json::parse(c.query_one("SELECT payload FROM outbox WHERE type = 'booking.no_show'")->text(0))["fee"];
  });
  EXPECT_EQ(fee, json({{"amount", 2000}, {"currency", "USD"}, {"percent", 100}}));
}

TEST_P(LifecycleHttpTest, UncheckedBookingsBecomeNoShowsAndCheckedOnesComplete) {
  auto missed = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  auto played = book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  ASSERT_EQ(act(played, "check-in", owner_).status, 200);
  travel_to("2026-11-25T15:16:00Z");  // start + 15 minutes' grace
  EXPECT_EQ(wait_for(missed, "status", "no_show"), "no_show");
  travel_to("2026-11-25T18:00:00Z");
  EXPECT_EQ(wait_for(played, "status", "completed"), "completed");
}

TEST_P(LifecycleHttpTest, AMovedBookingBecomesANoShowByItsNewStart) {
  auto id = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  auto staffs = client_->post(
      "/api/v1/facilities/" + facility_ + "/bookings",
      {{"resource_id", court_}, {"type", "league"}, {"start", "2026-11-25T19:00:00Z"}, {"end", "2026-11-25T20:00:00Z"}},
      owner_.access);
  ASSERT_EQ(staffs.status, 201) << staffs.body;
  ASSERT_EQ(act(id, "reschedule", player_, {{"start", "2026-11-25T17:00:00Z"}, {"end", "2026-11-25T18:00:00Z"}}).status,
            200);
  travel_to("2026-11-25T15:20:00Z");  // past the old start and its grace
  for (int i = 0; i < 5; ++i) app_->run_background_once();
  EXPECT_EQ(status_of(id), "confirmed");
  travel_to("2026-11-25T17:16:00Z");  // the new start + 15 minutes' grace
  EXPECT_EQ(wait_for(id, "status", "no_show"), "no_show");
  // A league is nobody's to show up to: it just ends.
  const std::string league = staffs.json()["id"];
  travel_to("2026-11-25T20:00:00Z");
  EXPECT_EQ(wait_for(league, "status", "completed"), "completed");
}

TEST_P(LifecycleHttpTest, RescheduleKeepsTheOldSlotWhenTheNewOneIsTaken) {
  auto id = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  auto other = sign_up("other@example.com");
  ASSERT_EQ(hold(other, "2026-11-25T18:00:00Z", "2026-11-25T19:00:00Z").status, 201);
  auto taken = act(id, "reschedule", player_, {{"start", "2026-11-25T18:00:00Z"}, {"end", "2026-11-25T19:00:00Z"}});
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(client_->get("/api/v1/bookings/" + id, player_.access).json()["start"], "2026-11-25T15:00:00Z");
  EXPECT_EQ(hold(other, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 409);  // still ours
  auto moved = act(id, "reschedule", player_, {{"start", "2026-11-25T22:00:00Z"}, {"end", "2026-11-25T23:00:00Z"}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.json()["start"], "2026-11-25T22:00:00Z");
  EXPECT_EQ(moved.json()["price"]["amount"], 3000);                                    // 17:00 in New York: peak
  EXPECT_EQ(hold(other, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 201);  // the old slot is free
  auto court2 = add_court("Court 2");
  auto across = act(id, "reschedule", player_,
                    {{"start", "2026-11-25T22:00:00Z"}, {"end", "2026-11-25T23:00:00Z"}, {"resource_id", court2}});
  ASSERT_EQ(across.status, 200);
  EXPECT_EQ(across.json()["resource_id"], court2);
}

TEST_P(LifecycleHttpTest, ApprovalKeepsTheSlotUntilStaffDecide) {
  patch_policies({{"require_booking_approval", true}});
  auto id = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  EXPECT_EQ(status_of(id, "approval_status"), "pending");
  EXPECT_EQ(slot_status(availability("date=2026-11-25"), "2026-11-25T10:00:00-05:00"), "booked");
  EXPECT_EQ(act(id, "check-in", owner_).json()["rule"], "approval-pending");
  EXPECT_EQ(act(id, "approve", player_).status, 403);
  auto ok = act(id, "approve", owner_);
  ASSERT_EQ(ok.status, 200);
  EXPECT_EQ(ok.json()["approval_status"], "approved");
  EXPECT_EQ(act(id, "approve", owner_).status, 409);

  auto second = book("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  auto no_reason = act(second, "reject", owner_, json::object());
  ASSERT_EQ(no_reason.status, 422);
  EXPECT_EQ(no_reason.json()["errors"][0]["field"], "reason");
  auto rejected = act(second, "reject", owner_, {{"reason", "court reserved for a league"}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.json()["booking"]["status"], "cancelled");
  EXPECT_EQ(rejected.json()["booking"]["approval_status"], "rejected");
  EXPECT_EQ(rejected.json()["refund"]["percent"], 100);
  EXPECT_EQ(hold(player_, "2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z").status, 201);
}

TEST_P(LifecycleHttpTest, APendingBookingCancelsWithoutFeeAndCanAutoApprove) {
  patch_policies({{"require_booking_approval", true}, {"auto_approve_after_minutes", 30}});
  auto late = book("2026-11-24T13:00:00Z", "2026-11-24T14:00:00Z");  // an hour away: normally no refund
  EXPECT_EQ(act(late, "cancel", player_, {{"reason", "changed plans"}}).json()["refund"]["percent"], 100);
  auto id = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  travel_to("2026-11-24T12:31:00Z");
  EXPECT_EQ(wait_for(id, "approval_status", "auto_approved"), "auto_approved");
}

TEST_P(LifecycleHttpTest, ABlockOverBookingsNeedsForceAndThenCancelsThem) {
  auto id = book("2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  json block = {{"start", "2026-11-25T14:00:00Z"}, {"end", "2026-11-25T18:00:00Z"}, {"reason", "net repair"}};
  EXPECT_EQ(client_->post("/api/v1/resources/" + court_ + "/blocks", block, player_.access).status, 403);
  EXPECT_EQ(client_->post("/api/v1/resources/res_missing/blocks", block, owner_.access).status, 404);
  auto refused = client_->post("/api/v1/resources/" + court_ + "/blocks", block, owner_.access);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.json()["rule"], "block-overlaps-bookings");
  EXPECT_EQ(status_of(id), "confirmed");
  block["force"] = true;
  auto forced = client_->post("/api/v1/resources/" + court_ + "/blocks", block, owner_.access);
  ASSERT_EQ(forced.status, 201) << forced.body;
  EXPECT_EQ(forced.json()["cancelled_bookings"], json::array({id}));
  EXPECT_EQ(status_of(id), "cancelled");
  EXPECT_EQ(slot_status(availability("date=2026-11-25"), "2026-11-25T10:00:00-05:00"), "blocked");
  EXPECT_EQ(hold(player_, "2026-11-25T16:00:00Z", "2026-11-25T17:00:00Z").status, 409);
  auto event = app_->database().read([&](db::Connection& c) {
    return json::parse(
        c.query_one("SELECT payload FROM outbox WHERE type = 'booking.cancelled' AND aggregate_id = $1", {id})
            ->text(0));
  });
  EXPECT_EQ(event["refund"]["percent"], 100);
  EXPECT_EQ(event["by_staff"], true);
  auto block_id = forced.json()["id"].get<std::string>();
  EXPECT_EQ(client_->get("/api/v1/resources/" + court_ + "/blocks", owner_.access).json()["items"].size(), 1u);
  EXPECT_EQ(client_->send("DELETE", "/api/v1/blocks/" + block_id, nullptr, owner_.access).status, 204);
  EXPECT_EQ(hold(player_, "2026-11-25T16:00:00Z", "2026-11-25T17:00:00Z").status, 201);
}

TEST_P(LifecycleHttpTest, ADayLongBlockCoversEveryHourInsideIt) {
  // A claim that starts many hours before the hour asked for must still be found, also when a
  // lapsed hold and other bookings lie between its start and that hour.
  book("2026-11-26T12:00:00Z", "2026-11-26T13:00:00Z");
  auto lapsed = hold(player_, "2026-11-26T20:00:00Z", "2026-11-26T21:00:00Z");
  ASSERT_EQ(lapsed.status, 201) << lapsed.body;
  clock_.advance(std::chrono::seconds(301));
  json block = {{"start", "2026-11-26T14:00:00Z"}, {"end", "2026-11-27T14:00:00Z"}, {"reason", "resurfacing"}};
  auto placed = client_->post("/api/v1/resources/" + court_ + "/blocks", block, owner_.access);
  ASSERT_EQ(placed.status, 201) << placed.body;
  for (const auto& [start, end] :
       std::vector<std::pair<std::string, std::string>>{{"2026-11-26T14:00:00Z", "2026-11-26T15:00:00Z"},
                                                        {"2026-11-26T22:00:00Z", "2026-11-26T23:00:00Z"},
                                                        {"2026-11-27T13:00:00Z", "2026-11-27T14:00:00Z"},
                                                        {"2026-11-26T13:00:00Z", "2026-11-26T15:00:00Z"}})
    EXPECT_EQ(hold(player_, start, end).status, 409) << start;
  EXPECT_EQ(slot_status(availability("date=2026-11-26"), "2026-11-26T17:00:00-05:00"), "blocked");
  EXPECT_EQ(hold(player_, "2026-11-27T14:00:00Z", "2026-11-27T15:00:00Z").status, 201);
}

// The desk's day sheet reads every court's blocks of a local day in one request.
TEST_P(LifecycleHttpTest, TheFacilitysBlocksOfOneLocalDayComeInOneList) {
  const std::string court2 = add_court("Court 2");
  auto block = [&](const std::string& court, const std::string& start, const std::string& end) {
    auto r = client_->post("/api/v1/resources/" + court + "/blocks",
                           {{"start", start}, {"end", end}, {"reason", "net repair"}}, owner_.access);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  };
  block(court2, "2026-11-24T20:00:00-05:00", "2026-11-24T21:00:00-05:00");  // the day before
  const auto overnight = block(court_, "2026-11-24T23:00:00-05:00", "2026-11-25T01:00:00-05:00");
  const auto evening = block(court2, "2026-11-25T20:00:00-05:00", "2026-11-25T22:00:00-05:00");
  const auto morning = block(court_, "2026-11-25T09:00:00-05:00", "2026-11-25T10:00:00-05:00");
  block(court_, "2026-11-26T00:00:00-05:00", "2026-11-26T01:00:00-05:00");  // the day after
  const std::string path = "/api/v1/facilities/" + facility_ + "/blocks?date=2026-11-25";
  auto day = client_->get(path, owner_.access);
  ASSERT_EQ(day.status, 200) << day.body;
  std::vector<std::string> ids;
  const json items = day.json()["items"];
  for (const auto& b : items) ids.push_back(b["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{overnight, morning, evening}));
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[2]["resource_id"], court2);
  EXPECT_EQ(items[1]["start"], "2026-11-25T14:00:00Z");

  // Removed blocks are gone from it; players and other clubs' owners see none of it.
  ASSERT_EQ(client_->send("DELETE", "/api/v1/blocks/" + morning, nullptr, owner_.access).status, 204);
  EXPECT_EQ(client_->get(path, owner_.access).json()["items"].size(), 2u);
  EXPECT_EQ(client_->get(path, player_.access).status, 403);
  auto rival = sign_up("rival@example.com");
  create_facility(rival, create_organization(rival, "Rival Club"), "Rival Courts");
  auto theirs = client_->get(path, rival.access);
  EXPECT_EQ(theirs.status, 403);
  EXPECT_FALSE(theirs.json().contains("items"));
  auto bad = client_->get("/api/v1/facilities/" + facility_ + "/blocks?date=25.11.2026", owner_.access);
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0]["field"], "date");
}

TEST_P(LifecycleHttpTest, TheFacilitysBlocksOfARangeOfLocalDatesComeInOneList) {
  auto block = [&](const std::string& start, const std::string& end) {
    auto r = client_->post("/api/v1/resources/" + court_ + "/blocks",
                           {{"start", start}, {"end", end}, {"reason", "net repair"}}, owner_.access);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  };
  block("2026-11-22T20:00:00-05:00", "2026-11-22T21:00:00-05:00");  // the Sunday before the week
  const auto monday = block("2026-11-23T09:00:00-05:00", "2026-11-23T10:00:00-05:00");
  const auto overnight = block("2026-11-25T23:00:00-05:00", "2026-11-26T01:00:00-05:00");
  const auto sunday = block("2026-11-29T21:00:00-05:00", "2026-11-29T22:00:00-05:00");
  block("2026-11-30T00:00:00-05:00", "2026-11-30T01:00:00-05:00");  // the Monday after
  const std::string base = "/api/v1/facilities/" + facility_ + "/blocks?";
  auto week = client_->get(base + "from=2026-11-23&to=2026-11-29", owner_.access);
  ASSERT_EQ(week.status, 200) << week.body;
  std::vector<std::string> ids;
  const json items = week.json()["items"];
  for (const auto& b : items) ids.push_back(b["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{monday, overnight, sunday}));
  // `to` defaults to `from`: one day, as with date.
  auto one = client_->get(base + "from=2026-11-26", owner_.access);
  ASSERT_EQ(one.status, 200) << one.body;
  ASSERT_EQ(one.json()["items"].size(), 1u);
  EXPECT_EQ(one.json()["items"][0]["id"], overnight);

  auto field = [&](const std::string& query) {
    auto r = client_->get(base + query, owner_.access);
    EXPECT_EQ(r.status, 422) << query << ": " << r.body;
    return r.json()["errors"][0].value("field", "");
  };
  EXPECT_EQ(field("from=2026-11-29&to=2026-11-23"), "to");
  EXPECT_EQ(field("from=2026-01-01&to=2027-06-01"), "to");
  EXPECT_EQ(field("date=2026-11-23&from=2026-11-23"), "date");
  EXPECT_EQ(field("to=2026-11-23"), "from");
  EXPECT_EQ(field("from=23.11.2026"), "from");
  EXPECT_EQ(client_->get(base + "from=2026-11-23&to=2026-11-29", player_.access).status, 403);
}

TEST_P(LifecycleHttpTest, StaffSeeEachLiveHoldAtItsExactTimes) {
  const std::string court2 = add_court("Court 2");
  auto kept = hold(player_, "2026-11-25T14:00:00-05:00", "2026-11-25T15:30:00-05:00");
  ASSERT_EQ(kept.status, 201) << kept.body;
  auto let_go = hold(player_, "2026-11-26T09:00:00-05:00", "2026-11-26T10:00:00-05:00", court2);
  ASSERT_EQ(let_go.status, 201) << let_go.body;
  const std::string base = "/api/v1/facilities/" + facility_ + "/holds?";
  auto day = client_->get(base + "date=2026-11-25", owner_.access);
  ASSERT_EQ(day.status, 200) << day.body;
  ASSERT_EQ(day.json()["items"].size(), 1u) << day.body;
  const json h = day.json()["items"][0];
  EXPECT_EQ(h["id"], kept.json()["id"]);
  EXPECT_EQ(h["resource_id"], court_);
  EXPECT_EQ(h["start"], "2026-11-25T19:00:00Z");
  EXPECT_EQ(h["end"], "2026-11-25T20:30:00Z");
  auto week = client_->get(base + "from=2026-11-23&to=2026-11-29", owner_.access);
  ASSERT_EQ(week.status, 200) << week.body;
  EXPECT_EQ(week.json()["items"].size(), 2u);

  // A released hold is gone; so is one that lapsed.
  ASSERT_EQ(client_->send("DELETE", "/api/v1/holds/" + let_go.json()["id"].get<std::string>(), nullptr, player_.access)
                .status,
            204);
  EXPECT_EQ(client_->get(base + "from=2026-11-23&to=2026-11-29", owner_.access).json()["items"].size(), 1u);
  travel_to("2026-11-24T13:00:00Z");
  auto later = client_->get(base + "from=2026-11-23&to=2026-11-29", owner_.access);
  ASSERT_EQ(later.status, 200) << later.body;
  EXPECT_TRUE(later.json()["items"].empty()) << later.body;

  EXPECT_EQ(client_->get(base + "date=2026-11-25", player_.access).status, 403);
  auto rival = sign_up("rival@example.com");
  create_facility(rival, create_organization(rival, "Rival Club"), "Rival Courts");
  const int theirs = client_->get(base + "date=2026-11-25", rival.access).status;
  EXPECT_TRUE(theirs == 403 || theirs == 404) << theirs;
  auto bad = client_->get(base + "date=2026-11-25&to=2026-11-26", owner_.access);
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0]["field"], "date");
}

SB_INSTANTIATE_BACKENDS(LifecycleHttpTest);

}  // namespace
}  // namespace slotbase::testing

namespace slotbase::testing {
namespace {

class WaitlistHttpTest : public BookingHttpTest {
 protected:
  std::string book(const Account& who) {
    auto h = hold(who, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
    EXPECT_EQ(h.status, 201) << h.body;
    return confirm(who, h.json().value("id", "")).json().value("id", "");
  }
  HttpResult join(const Account& who) {
    return client_->post("/api/v1/waitlist",
                         {{"resource_id", court_}, {"start", "2026-11-25T15:00:00Z"}, {"end", "2026-11-25T16:00:00Z"}},
                         who.access);
  }
  /// The caller's one waitlist entry once the dispatcher has moved it to `status`.
  json entry_when(Account& who, const std::string& status) {
    json e;
    for (int i = 0; i < 200; ++i) {
      app_->run_background_once();
      auto items = client_->get("/api/v1/waitlist", who.access).json()["items"];
      if (!items.empty() && items[0]["status"] == status) return items[0];
      e = items.empty() ? json(nullptr) : items[0];
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    auto why = app_->database().read([](db::Connection& c) {
      std::string out;
      for (const auto& r : c.query("SELECT subscriber, attempts, last_error FROM event_subscriptions"))
        out += r.text(0) + " attempts=" + r.text(1) + " error=" + r.opt_text(2).value_or("") + "; ";
      return out;
    });
    ADD_FAILURE() << "waitlist entry never became " << status << ": " << why;
    return e;
  }
};

TEST_P(WaitlistHttpTest, AFreeSlotIsHeldNotQueuedFor) {
  auto r = join(player_);
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.json()["rule"], "slot-available");
}

TEST_P(WaitlistHttpTest, WhenTheSlotFreesTheFirstInLineGetsAHold) {
  auto first = sign_up("first@example.com");
  auto booking = book(player_);
  auto joined = join(first);
  ASSERT_EQ(joined.status, 201) << joined.body;
  EXPECT_EQ(joined.json()["status"], "waiting");
  EXPECT_EQ(join(first).status, 409);  // once is enough
  ASSERT_EQ(client_->post("/api/v1/bookings/" + booking + "/cancel", {{"reason", "sick"}}, player_.access).status, 200);
  auto offered = entry_when(first, "notified");
  ASSERT_EQ(offered["status"], "notified") << offered.dump();
  EXPECT_EQ(offered["claim_deadline"], "2026-11-24T14:00:00Z");  // waitlist_expiry_hours: 2
  // Nobody else can take it meanwhile, and the one notified books it through the usual confirm.
  EXPECT_EQ(hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 409);
  auto claimed = confirm(first, offered["hold_id"]);
  ASSERT_EQ(claimed.status, 201) << claimed.body;
  EXPECT_EQ(entry_when(first, "booked")["status"], "booked");
  auto notified = app_->database().read([](db::Connection& c) {
    return c.query_one("SELECT COUNT(*) FROM outbox WHERE type = 'waitlist.notified'")->i64(0);
  });
  EXPECT_EQ(notified, 1);
}

TEST_P(WaitlistHttpTest, AnUnclaimedOfferPassesToTheNext) {
  auto first = sign_up("first@example.com");
  auto second = sign_up("second@example.com");
  auto booking = book(player_);
  ASSERT_EQ(join(first).status, 201);
  ASSERT_EQ(join(second).status, 201);
  client_->post("/api/v1/bookings/" + booking + "/cancel", {{"reason", "sick"}}, player_.access);
  ASSERT_EQ(entry_when(first, "notified")["status"], "notified");
  EXPECT_EQ(client_->get("/api/v1/waitlist", second.access).json()["items"][0]["status"], "waiting");
  clock_.advance(std::chrono::hours(2) + std::chrono::seconds(1));  // the claim deadline passes
  auto login = app_->service<identity::IdentityService>().login("second@example.com", "a long enough passphrase", {});
  second.access = login->access_token;
  auto login_first =
      app_->service<identity::IdentityService>().login("first@example.com", "a long enough passphrase", {});
  first.access = login_first->access_token;
  EXPECT_EQ(entry_when(second, "notified")["status"], "notified");
  EXPECT_EQ(client_->get("/api/v1/waitlist", first.access).json()["items"][0]["status"], "expired");
}

TEST_P(WaitlistHttpTest, LeavingWithAnOfferPassesItOn) {
  auto first = sign_up("first@example.com");
  auto second = sign_up("second@example.com");
  auto booking = book(player_);
  auto entry = join(first).json()["id"].get<std::string>();
  ASSERT_EQ(join(second).status, 201);
  client_->post("/api/v1/bookings/" + booking + "/cancel", {{"reason", "sick"}}, player_.access);
  ASSERT_EQ(entry_when(first, "notified")["status"], "notified");
  EXPECT_EQ(client_->send("DELETE", "/api/v1/waitlist/" + entry, nullptr, second.access).status, 404);
  EXPECT_EQ(client_->send("DELETE", "/api/v1/waitlist/" + entry, nullptr, first.access).status, 204);
  EXPECT_EQ(entry_when(second, "notified")["status"], "notified");
}

SB_INSTANTIATE_BACKENDS(WaitlistHttpTest);

}  // namespace
}  // namespace slotbase::testing

#include <thread>

#include "http/booking_fixture.h"

namespace slotbase::testing {
namespace {

using nlohmann::json;

// Riverside's courts are open 07:00-22:00 every day in New York. Tuesday 1 December 2026 18:00
// there is 23:00Z.
class RecurringHttpTest : public BookingHttpTest {
 protected:
  void SetUp() override {
    BookingHttpTest::SetUp();
    if (IsSkipped()) return;
    patch_policies({{"booking_window_days", 60}});
  }
  HttpResult create(const Account& who, json body) {
    if (!body.contains("resource_id")) body["resource_id"] = court_;
    return client_->post("/api/v1/recurring-bookings", body, who.access);
  }
  json weekly_lesson(int count) {
    return {{"start", "2026-12-01T18:00:00-05:00"},
            {"end", "2026-12-01T19:00:00-05:00"},
            {"rrule", "FREQ=WEEKLY;COUNT=" + std::to_string(count)},
            {"user_id", player_.id},
            {"type", "lesson"}};
  }
  std::string book(const Account& who, const std::string& start, const std::string& end) {
    auto h = hold(who, start, end);
    EXPECT_EQ(h.status, 201) << h.body;
    auto b = confirm(who, h.json().value("id", ""));
    EXPECT_EQ(b.status, 201) << b.body;
    return b.json().value("id", "");
  }
  HttpResult patch(const std::string& series, const json& body, const Account& who) {
    return client_->send("PATCH", "/api/v1/recurring-bookings/" + series, body, who.access);
  }
  HttpResult remove(const std::string& series, const std::string& query, const Account& who) {
    return client_->send("DELETE", "/api/v1/recurring-bookings/" + series + "?" + query, nullptr, who.access);
  }
  json series(const std::string& id) {
    auto r = client_->get("/api/v1/recurring-bookings/" + id, owner_.access);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  static json with(json base, const json& changes) {
    base.update(changes);
    return base;
  }
  static std::vector<std::string> field_of(const json& items, const std::string& field) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i[field]);
    return out;
  }
};

TEST_P(RecurringHttpTest, StaffBookAWeeklySeriesAndClashesAreListedNotDropped) {
  const auto taken = book(player_, "2026-12-08T18:00:00-05:00", "2026-12-08T19:00:00-05:00");
  auto r = create(owner_, weekly_lesson(4));
  ASSERT_EQ(r.status, 201) << r.body;
  auto s = r.json();
  EXPECT_EQ(s["rrule"], "FREQ=WEEKLY;COUNT=4");
  EXPECT_EQ(s["start_time"], "18:00");
  EXPECT_EQ(s["timezone"], "America/New_York");
  EXPECT_EQ(field_of(s["occurrences"], "start"),
            (std::vector<std::string>{"2026-12-01T23:00:00Z", "2026-12-15T23:00:00Z", "2026-12-22T23:00:00Z"}));
  for (const auto& o : s["occurrences"]) {
    EXPECT_EQ(o["series_id"], s["id"]);
    EXPECT_EQ(o["user_id"], player_.id);
    EXPECT_EQ(o["type"], "lesson");
    EXPECT_EQ(o["status"], "confirmed");
    EXPECT_EQ(o["price"]["amount"], 3000);  // peak hours, charged to the member
  }
  ASSERT_EQ(s["conflicts"].size(), 1u);
  EXPECT_EQ(s["conflicts"][0]["date"], "2026-12-08");
  EXPECT_EQ(s["conflicts"][0]["rule"], "slot-unavailable");
  EXPECT_EQ(client_->get("/api/v1/bookings/" + taken, player_.access).json()["status"], "confirmed");

  EXPECT_EQ(slot_status(availability("date=2026-12-15"), "2026-12-15T18:00:00-05:00"), "booked");
  EXPECT_EQ(client_->get("/api/v1/bookings?mine=true", player_.access).json()["items"].size(), 4u);
  // The player it is for may read it; nobody else.
  const std::string id = s["id"];
  EXPECT_EQ(client_->get("/api/v1/recurring-bookings/" + id, player_.access).status, 200);
  auto stranger = sign_up("stranger@example.com");
  EXPECT_EQ(client_->get("/api/v1/recurring-bookings/" + id, stranger.access).status, 404);
  EXPECT_EQ(remove(id, "scope=all", stranger).status, 404);
  EXPECT_EQ(patch(id, {{"scope", "all"}, {"note", "mine now"}}, stranger).status, 404);
}

TEST_P(RecurringHttpTest, OccurrencesKeepTheirLocalTimeAcrossTheDstChange) {
  patch_policies({{"recurring_horizon_days", 200}});
  // New York springs forward on Sunday 14 March 2027.
  auto r = create(owner_, {{"start", "2027-03-10T18:00:00-05:00"},
                           {"end", "2027-03-10T19:00:00-05:00"},
                           {"rrule", "RRULE:FREQ=WEEKLY;COUNT=2"},
                           {"type", "league"}});
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(field_of(r.json()["occurrences"], "start"),
            (std::vector<std::string>{"2027-03-10T23:00:00Z", "2027-03-17T22:00:00Z"}));
  EXPECT_EQ(field_of(r.json()["occurrences"], "end"),
            (std::vector<std::string>{"2027-03-11T00:00:00Z", "2027-03-17T23:00:00Z"}));
  EXPECT_EQ(r.json()["occurrences"][0]["price"]["amount"], 0);  // a league night is the club's own
}

TEST_P(RecurringHttpTest, PlayersBookSeriesOnlyWhereAllowedAndUnderThePlayerRules) {
  json daily = {{"start", "2026-11-25T10:00:00-05:00"}, {"end", "2026-11-25T11:00:00-05:00"}, {"rrule", "FREQ=DAILY"}};
  auto refused = create(player_, daily);
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["rule"], "recurring-not-allowed");
  patch_policies({{"allow_player_recurring", true}, {"booking_window_days", 14}});
  json weekly = json::array();
  for (int d = 1; d <= 7; ++d) weekly.push_back({{"weekday", d}, {"open", "07:00"}, {"close", "22:00"}});
  ASSERT_EQ(client_
                ->send("PUT", "/api/v1/facilities/" + facility_ + "/hours",
                       {{"weekly", weekly},
                        {"holidays", {{{"date", "2026-11-26"}, {"name", "Thanksgiving"}, {"closed", true}}}}},
                       owner_.access)
                .status,
            200);
  auto other = sign_up("other@example.com");
  daily["user_id"] = other.id;
  auto for_other = create(player_, daily);
  EXPECT_EQ(for_other.status, 403) << for_other.body;
  daily.erase("user_id");
  daily["type"] = "league";
  EXPECT_EQ(create(player_, daily).json()["errors"][0]["field"], "type");
  daily.erase("type");

  auto r = create(player_, daily);
  ASSERT_EQ(r.status, 201) << r.body;
  // A player's series is booked as far as the booking window (14 days) reaches.
  EXPECT_EQ(r.json()["booked_through"], "2026-12-08");
  EXPECT_EQ(r.json()["occurrences"].size(), 13u);
  ASSERT_EQ(r.json()["conflicts"].size(), 1u);
  EXPECT_EQ(r.json()["conflicts"][0]["rule"], "facility-closed");
  EXPECT_EQ(r.json()["conflicts"][0]["date"], "2026-11-26");
  EXPECT_EQ(r.json()["occurrences"][0]["payment_status"], "pending");

  // A day later the job books one more day.
  travel_to("2026-11-25T12:00:00Z");
  const std::string id = r.json()["id"];
  json s;
  for (int i = 0; i < 200; ++i) {
    app_->run_background_once();
    s = series(id);
    if (s["booked_through"] == "2026-12-09") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(s["booked_through"], "2026-12-09");
  EXPECT_EQ(s["occurrences"].size(), 14u);
  EXPECT_EQ(s["occurrences"].back()["start"], "2026-12-09T15:00:00Z");
}

TEST_P(RecurringHttpTest, EditsMoveThisOneThoseFollowingOrAllAtomically) {
  auto s = create(owner_, weekly_lesson(4)).json();
  const std::string id = s["id"];
  auto occ = field_of(s["occurrences"], "id");
  ASSERT_EQ(occ.size(), 4u);

  // This one: 8 December moves an hour later; the rest stay.
  auto moved = patch(id,
                     {{"scope", "this"},
                      {"booking_id", occ[1]},
                      {"start", "2026-12-08T19:00:00-05:00"},
                      {"end", "2026-12-08T20:00:00-05:00"}},
                     owner_);
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(field_of(moved.json()["occurrences"], "start"),
            (std::vector<std::string>{"2026-12-01T23:00:00Z", "2026-12-09T00:00:00Z", "2026-12-15T23:00:00Z",
                                      "2026-12-22T23:00:00Z"}));

  // Following: from 15 December on, 20:00 to 21:30.
  auto following = patch(id,
                         {{"scope", "following"},
                          {"booking_id", occ[2]},
                          {"start", "2026-12-15T20:00:00-05:00"},
                          {"end", "2026-12-15T21:30:00-05:00"}},
                         owner_);
  ASSERT_EQ(following.status, 200) << following.body;
  EXPECT_EQ(field_of(following.json()["occurrences"], "start"),
            (std::vector<std::string>{"2026-12-01T23:00:00Z", "2026-12-09T00:00:00Z", "2026-12-16T01:00:00Z",
                                      "2026-12-23T01:00:00Z"}));
  EXPECT_EQ(following.json()["occurrences"][3]["end"], "2026-12-23T02:30:00Z");
  EXPECT_EQ(following.json()["start_time"], "20:00");

  // All: to 17:00, but 22 December at 17:00 is taken, so nothing moves.
  book(player_, "2026-12-22T17:00:00-05:00", "2026-12-22T18:00:00-05:00");
  auto clash = patch(
      id, {{"scope", "all"}, {"start", "2026-12-01T17:00:00-05:00"}, {"end", "2026-12-01T18:00:00-05:00"}}, owner_);
  EXPECT_EQ(clash.status, 409);
  EXPECT_EQ(clash.json()["rule"], "series-conflict");
  EXPECT_NE(clash.json()["detail"].get<std::string>().find("2026-12-22"), std::string::npos);
  EXPECT_EQ(field_of(series(id)["occurrences"], "start"),
            (std::vector<std::string>{"2026-12-01T23:00:00Z", "2026-12-09T00:00:00Z", "2026-12-16T01:00:00Z",
                                      "2026-12-23T01:00:00Z"}));
  EXPECT_EQ(slot_status(availability("date=2026-12-15&duration=90"), "2026-12-15T20:00:00-05:00"), "booked");

  // Another court for all of them works: they trade places freely.
  auto court2 = add_court("Court 2");
  auto all = patch(id, {{"scope", "all"}, {"resource_id", court2}}, owner_);
  ASSERT_EQ(all.status, 200) << all.body;
  for (const auto& o : all.json()["occurrences"]) EXPECT_EQ(o["resource_id"], court2);
  EXPECT_EQ(patch(id, {{"scope", "sometimes"}, {"note", "x"}}, owner_).json()["errors"][0]["field"], "scope");
  EXPECT_EQ(patch(id, {{"scope", "following"}, {"note", "x"}}, owner_).json()["errors"][0]["field"], "booking_id");
}

TEST_P(RecurringHttpTest, ADryRunShowsTheClashesAndWritesNothing) {
  auto s = create(owner_, weekly_lesson(3)).json();
  const std::string id = s["id"];
  auto occ = field_of(s["occurrences"], "id");
  ASSERT_EQ(occ.size(), 3u);
  book(player_, "2026-12-15T17:00:00-05:00", "2026-12-15T18:00:00-05:00");
  const json to_five = {{"scope", "all"},
                        {"start", "2026-12-01T17:00:00-05:00"},
                        {"end", "2026-12-01T18:00:00-05:00"},
                        {"dry_run", true}};

  auto preview = patch(id, to_five, owner_);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.json()["start_time"], "17:00");
  EXPECT_EQ(field_of(preview.json()["occurrences"], "start"),
            (std::vector<std::string>{"2026-12-01T22:00:00Z", "2026-12-08T22:00:00Z", "2026-12-15T22:00:00Z"}));
  ASSERT_EQ(preview.json()["conflicts"].size(), 1u);
  EXPECT_EQ(preview.json()["conflicts"][0]["date"], "2026-12-15");
  EXPECT_EQ(preview.json()["conflicts"][0]["rule"], "slot-unavailable");
  // Nothing moved, and the slots it tried are free as before.
  EXPECT_EQ(series(id)["start_time"], "18:00");
  EXPECT_EQ(field_of(series(id)["occurrences"], "start"),
            (std::vector<std::string>{"2026-12-01T23:00:00Z", "2026-12-08T23:00:00Z", "2026-12-15T23:00:00Z"}));
  EXPECT_EQ(slot_status(availability("date=2026-12-08"), "2026-12-08T17:00:00-05:00"), "available");
  EXPECT_EQ(slot_status(availability("date=2026-12-08"), "2026-12-08T18:00:00-05:00"), "booked");
  // The same change for real is refused on the date the dry run named.
  EXPECT_EQ(patch(id, with(to_five, {{"dry_run", false}}), owner_).status, 409);

  // One occurrence that fits: no conflicts, still nothing written.
  auto one = patch(id,
                   {{"scope", "this"},
                    {"booking_id", occ[1]},
                    {"start", "2026-12-08T17:00:00-05:00"},
                    {"end", "2026-12-08T18:00:00-05:00"},
                    {"dry_run", true}},
                   owner_);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_TRUE(one.json()["conflicts"].empty());
  EXPECT_EQ(one.json()["occurrences"][1]["start"], "2026-12-08T22:00:00Z");
  EXPECT_EQ(series(id)["occurrences"][1]["start"], "2026-12-08T23:00:00Z");
  // The player's rules are checked as for the change itself: 06:00 is before opening.
  auto early = patch(id,
                     {{"scope", "following"},
                      {"booking_id", occ[1]},
                      {"start", "2026-12-08T06:00:00-05:00"},
                      {"end", "2026-12-08T07:00:00-05:00"},
                      {"dry_run", true}},
                     player_);
  EXPECT_EQ(early.status, 422) << early.body;
}

TEST_P(RecurringHttpTest, CancellingThisFollowingOrAllRefundsByPolicy) {
  auto s = create(owner_, weekly_lesson(4)).json();
  const std::string id = s["id"];
  auto occ = field_of(s["occurrences"], "id");

  auto one = remove(id, "scope=this&booking_id=" + occ[0] + "&reason=travel", player_);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(field_of(one.json()["occurrences"], "status"),
            (std::vector<std::string>{"cancelled", "confirmed", "confirmed", "confirmed"}));

  auto following = remove(id, "scope=following&booking_id=" + occ[2], player_);
  ASSERT_EQ(following.status, 200) << following.body;
  EXPECT_EQ(following.json()["status"], "ended");
  EXPECT_EQ(following.json()["until"], "2026-12-14");
  EXPECT_EQ(field_of(following.json()["occurrences"], "status"),
            (std::vector<std::string>{"cancelled", "confirmed", "cancelled", "cancelled"}));
  EXPECT_EQ(slot_status(availability("date=2026-12-15"), "2026-12-15T18:00:00-05:00"), "available");

  auto all = client_->send("DELETE", "/api/v1/recurring-bookings/" + id,
                           {{"scope", "all"}, {"reason", "season over"}, {"full_refund", true}}, owner_.access);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.json()["status"], "cancelled");
  EXPECT_EQ(all.json()["occurrences"][1]["status"], "cancelled");
  EXPECT_EQ(all.json()["occurrences"][1]["cancel_reason"], "season over");
  EXPECT_EQ(remove(id, "scope=all", owner_).status, 409);
  EXPECT_EQ(remove(id, "scope=all&full_refund=true", player_).status, 422);
}

TEST_P(RecurringHttpTest, RequestsAreValidatedFieldByField) {
  auto field = [&](json body) {
    auto r = create(owner_, body);
    EXPECT_EQ(r.status, 422) << body.dump() << r.body;
    return r.json()["errors"][0]["field"].get<std::string>();
  };
  json base = weekly_lesson(4);
  EXPECT_EQ(field(with(base, {{"rrule", "FREQ=HOURLY"}})), "rrule");
  EXPECT_EQ(field(with(base, {{"rrule", "every tuesday"}})), "rrule");
  EXPECT_EQ(field(with(base, {{"rrule", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"}})), "rrule");
  EXPECT_EQ(field(with(base, {{"until", "2026-11-30"}})), "until");
  EXPECT_EQ(field(with(base, {{"until", "soon"}})), "until");
  EXPECT_EQ(field(with(base, {{"start", "2026-11-24T10:00:00Z"}, {"end", "2026-11-24T11:00:00Z"}})), "start");
  EXPECT_EQ(field(with(base, {{"type", "party"}})), "type");
  EXPECT_EQ(field(with(base, {{"start", "9999-12-01T18:00:00Z"}, {"end", "9999-12-01T19:00:00Z"}})), "start");
  EXPECT_EQ(create(owner_, with(base, {{"surprise", 1}})).status, 422);
  EXPECT_EQ(create(owner_, with(base, {{"resource_id", "rsc_nope"}})).json()["errors"][0]["field"], "resource_id");
}

TEST_P(RecurringHttpTest, ABlockSeriesNeedsForceOverBookingsAndRemovesByScope) {
  const auto booked = book(player_, "2026-12-09T08:00:00-05:00", "2026-12-09T09:00:00-05:00");
  json block = {{"start", "2026-12-02T08:00:00-05:00"},
                {"end", "2026-12-02T09:00:00-05:00"},
                {"reason", "court sweep"},
                {"rrule", "FREQ=WEEKLY;BYDAY=WE;COUNT=3"}};
  const std::string path = "/api/v1/resources/" + court_ + "/blocks";
  EXPECT_EQ(client_->post(path, block, player_.access).status, 403);
  auto refused = client_->post(path, block, owner_.access);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(refused.json()["rule"], "block-overlaps-bookings");
  EXPECT_NE(refused.json()["detail"].get<std::string>().find("2026-12-09"), std::string::npos);
  EXPECT_EQ(slot_status(availability("date=2026-12-02"), "2026-12-02T08:00:00-05:00"), "available");

  auto endless = client_->post(path, with(block, {{"rrule", "FREQ=WEEKLY"}}), owner_.access);
  EXPECT_EQ(endless.json()["errors"][0]["field"], "until");

  block["force"] = true;
  auto forced = client_->post(path, block, owner_.access);
  ASSERT_EQ(forced.status, 201) << forced.body;
  auto blocks = forced.json()["blocks"];
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(forced.json()["cancelled_bookings"], json::array({booked}));
  EXPECT_EQ(client_->get("/api/v1/bookings/" + booked, player_.access).json()["status"], "cancelled");
  EXPECT_EQ(slot_status(availability("date=2026-12-16"), "2026-12-16T08:00:00-05:00"), "blocked");

  const std::string second = blocks[1]["id"];
  EXPECT_EQ(client_->send("DELETE", "/api/v1/blocks/" + second + "?scope=following", nullptr, owner_.access).status,
            204);
  EXPECT_EQ(slot_status(availability("date=2026-12-02"), "2026-12-02T08:00:00-05:00"), "blocked");
  EXPECT_EQ(slot_status(availability("date=2026-12-09"), "2026-12-09T08:00:00-05:00"), "available");
  EXPECT_EQ(slot_status(availability("date=2026-12-16"), "2026-12-16T08:00:00-05:00"), "available");
}

TEST_P(RecurringHttpTest, AnotherClubsOwnerCanNeitherSeeNorChangeOurSeries) {
  auto s = create(owner_, weekly_lesson(4)).json();
  const std::string id = s["id"];
  const std::string occurrence = s["occurrences"][0]["id"];
  auto rival = sign_up("rival@example.com");
  create_facility(rival, create_organization(rival, "Rival Club"), "Rival Courts");

  EXPECT_EQ(client_->get("/api/v1/recurring-bookings/" + id, rival.access).status, 404);
  EXPECT_EQ(patch(id, {{"scope", "all"}, {"note", "ours now"}}, rival).status, 404);
  EXPECT_EQ(patch(id,
                  {{"scope", "this"},
                   {"booking_id", occurrence},
                   {"start", "2026-12-01T20:00:00-05:00"},
                   {"end", "2026-12-01T21:00:00-05:00"}},
                  rival)
                .status,
            404);
  EXPECT_EQ(remove(id, "scope=all", rival).status, 404);
  EXPECT_EQ(series(id)["status"], "active");
  EXPECT_EQ(series(id)["occurrences"][0]["start"], "2026-12-01T23:00:00Z");

  // On our court the rival is a player like any other: no series for someone else, no blocks.
  EXPECT_EQ(create(rival, weekly_lesson(4)).status, 403);
  json block = {{"start", "2026-12-03T08:00:00-05:00"},
                {"end", "2026-12-03T09:00:00-05:00"},
                {"reason", "sabotage"},
                {"rrule", "FREQ=DAILY;COUNT=2"}};
  EXPECT_EQ(client_->post("/api/v1/resources/" + court_ + "/blocks", block, rival.access).status, 403);
  auto ours = client_->post("/api/v1/resources/" + court_ + "/blocks", block, owner_.access);
  ASSERT_EQ(ours.status, 201) << ours.body;
  const std::string first_block = ours.json()["blocks"][0]["id"];
  EXPECT_EQ(client_->send("DELETE", "/api/v1/blocks/" + first_block + "?scope=all", nullptr, rival.access).status, 403);
  EXPECT_EQ(slot_status(availability("date=2026-12-03"), "2026-12-03T08:00:00-05:00"), "blocked");
}

SB_INSTANTIATE_BACKENDS(RecurringHttpTest);

}  // namespace
}  // namespace slotbase::testing

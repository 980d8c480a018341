#include <string>
#include <vector>

#include "http/booking_fixture.h"

namespace slotbase::testing {
namespace {

using nlohmann::json;

/// RFC 4180, as a spreadsheet reads it: quoted fields may hold commas, doubled quotes and line breaks.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += text[++i];
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

class BookingListsHttpTest : public BookingHttpTest {
 protected:
  void SetUp() override {
    BookingHttpTest::SetUp();
    if (IsSkipped()) return;
    json weekly = json::array();
    for (int d = 1; d <= 7; ++d) weekly.push_back({{"weekday", d}, {"open", "00:00"}, {"close", "24:00"}});
    ASSERT_EQ(
        client_->send("PUT", "/api/v1/facilities/" + facility_ + "/hours", {{"weekly", weekly}}, owner_.access).status,
        200);
    patch_policies({{"booking_window_days", 365}});
    court2_ = add_court("Court 2");
  }
  std::string desk_book(const std::string& court, const std::string& start, const std::string& end,
                        const std::string& type, const std::string& user_id = "") {
    json body = {{"resource_id", court}, {"start", start}, {"end", end}, {"type", type}};
    if (!user_id.empty()) body["user_id"] = user_id;
    auto r = client_->post("/api/v1/facilities/" + facility_ + "/bookings", body, owner_.access);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("id", "");
  }
  std::string player_book(const Account& who, const std::string& court, const std::string& start,
                          const std::string& end) {
    auto h = hold(who, start, end, court);
    EXPECT_EQ(h.status, 201) << h.body;
    auto b = confirm(who, h.json().value("id", ""));
    EXPECT_EQ(b.status, 201) << b.body;
    return b.json().value("id", "");
  }
  HttpResult list(const std::string& query, const std::string& token = "") {
    return client_->get("/api/v1/facilities/" + facility_ + "/bookings?" + query,
                        token.empty() ? owner_.access : token);
  }
  std::vector<std::string> ids(const std::string& query) {
    auto r = list(query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    std::vector<std::string> out;
    const json page = r.json();
    for (const auto& b : page["items"]) out.push_back(b["id"]);
    return out;
  }
  std::string field_of(const HttpResult& r) {
    EXPECT_EQ(r.status, 422) << r.body;
    return r.json()["errors"][0].value("field", "");
  }

  std::string court2_;
};

TEST_P(BookingListsHttpTest, EachFilterNarrowsTheList) {
  const std::string range = "from=2026-11-25&to=2026-11-27";
  const auto open_play = player_book(player_, court_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  const auto league = desk_book(court2_, "2026-11-26T15:00:00Z", "2026-11-26T17:00:00Z", "league");
  const auto cancelled = player_book(player_, court2_, "2026-11-27T15:00:00Z", "2026-11-27T16:00:00Z");
  ASSERT_EQ(client_->post("/api/v1/bookings/" + cancelled + "/cancel", {{"reason", "rain"}}, player_.access).status,
            200);
  patch_policies({{"require_booking_approval", true}});
  const auto pending = player_book(player_, court_, "2026-11-27T18:00:00Z", "2026-11-27T19:00:00Z");
  desk_book(court_, "2026-11-28T15:00:00Z", "2026-11-28T16:00:00Z", "private");  // after the range

  EXPECT_EQ(ids(range), (std::vector<std::string>{open_play, league, cancelled, pending}));
  EXPECT_EQ(ids(range + "&resource_id=" + court2_), (std::vector<std::string>{league, cancelled}));
  EXPECT_EQ(ids(range + "&status=cancelled"), std::vector<std::string>{cancelled});
  EXPECT_EQ(ids(range + "&approval_status=pending"), std::vector<std::string>{pending});
  EXPECT_EQ(ids(range + "&type=league"), std::vector<std::string>{league});
  EXPECT_EQ(ids(range + "&type=league&resource_id=" + court_), std::vector<std::string>{});
  // Payment: each status the list shows keeps exactly its own bookings.
  auto all = list(range).json()["items"];
  for (const std::string payment : {"pending", "paid", "refunded", "waived"}) {
    std::vector<std::string> want;
    for (const auto& b : all)
      if (b["payment_status"] == payment) want.push_back(b["id"]);
    EXPECT_EQ(ids(range + "&payment_status=" + payment), want) << payment;
  }
  EXPECT_LT(ids(range + "&payment_status=" + all[0]["payment_status"].get<std::string>()).size(), all.size());
  // One day, as the day sheet asks for it, is still every booking of the day.
  EXPECT_EQ(ids("date=2026-11-26"), std::vector<std::string>{league});
}

TEST_P(BookingListsHttpTest, PagesFollowTheCursorWithoutRepeats) {
  std::vector<std::string> booked;
  for (int day = 1; day <= 5; ++day)
    booked.push_back(desk_book(court_, "2026-12-0" + std::to_string(day) + "T15:00:00Z",
                               "2026-12-0" + std::to_string(day) + "T16:00:00Z", "private"));
  std::vector<std::string> seen;
  std::string query = "from=2026-12-01&to=2026-12-31&limit=2";
  for (int page = 0; page < 5; ++page) {
    auto r = list(query).json();
    for (const auto& b : r["items"]) seen.push_back(b["id"]);
    if (r["next_cursor"].is_null()) break;
    query = "from=2026-12-01&to=2026-12-31&limit=2&cursor=" + r["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(seen, booked);
}

// 14 March 2027 is a 23-hour day in New York: its bookings are those of the local day, not the UTC one.
TEST_P(BookingListsHttpTest, ARangeAcrossADstChangeKeepsBookingsOnTheirLocalDates) {
  const auto before = desk_book(court_, "2027-03-13T23:00:00-05:00", "2027-03-14T00:00:00-05:00", "private");
  const auto early = desk_book(court_, "2027-03-14T00:30:00-05:00", "2027-03-14T01:30:00-05:00", "private");
  const auto late = desk_book(court_, "2027-03-14T23:00:00-04:00", "2027-03-15T00:00:00-04:00", "private");
  const auto after = desk_book(court_, "2027-03-15T00:30:00-04:00", "2027-03-15T01:30:00-04:00", "private");
  EXPECT_EQ(ids("from=2027-03-14&to=2027-03-14"), (std::vector<std::string>{early, late}));
  EXPECT_EQ(ids("from=2027-03-13&to=2027-03-14"), (std::vector<std::string>{before, early, late}));
  EXPECT_EQ(ids("from=2027-03-14&to=2027-03-15"), (std::vector<std::string>{early, late, after}));
  EXPECT_EQ(ids("date=2027-03-15"), std::vector<std::string>{after});
}

TEST_P(BookingListsHttpTest, BadQueriesNameTheirField) {
  EXPECT_EQ(field_of(list("from=2026-11-25&status=lost")), "status");
  EXPECT_EQ(field_of(list("from=2026-11-25&approval_status=maybe")), "approval_status");
  EXPECT_EQ(field_of(list("from=2026-11-25&payment_status=owed")), "payment_status");
  EXPECT_EQ(field_of(list("from=2026-11-25&type=picnic")), "type");
  EXPECT_EQ(field_of(list("from=2026-11-25&format=xlsx")), "format");
  EXPECT_EQ(field_of(list("from=2026-11-25&limit=0")), "limit");
  EXPECT_EQ(field_of(list("from=2026-11-25&cursor=nonsense")), "cursor");
  EXPECT_EQ(field_of(list("to=2026-11-25")), "from");
  EXPECT_EQ(field_of(list("from=2026-13-01")), "from");
  EXPECT_EQ(field_of(list("from=2026-11-25&to=2026-11-24")), "to");
  EXPECT_EQ(field_of(list("from=2026-01-01&to=2027-01-02")), "to");  // 367 days
  EXPECT_EQ(list("from=2026-01-01&to=2027-01-01").status, 200);      // 366 days
  EXPECT_EQ(field_of(list("date=2026-11-25&from=2026-11-25")), "date");
  EXPECT_EQ(field_of(list("date=tomorrow")), "date");
  EXPECT_EQ(field_of(list("from=2026-11-25&format=csv&type=picnic")), "type");
}

TEST_P(BookingListsHttpTest, AnotherTenantSeesNeitherListNorDownload) {
  desk_book(court_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z", "private");
  auto rival = sign_up("rival@example.com");
  const auto theirs = create_facility(rival, create_organization(rival, "Across Town"), "Their Courts");
  for (const std::string q : {"from=2026-11-25", "from=2026-11-25&format=csv", "date=2026-11-25"}) {
    const int status = list(q, rival.access).status;
    EXPECT_TRUE(status == 403 || status == 404) << q << " gave " << status;
    EXPECT_EQ(list(q, player_.access).status, 403) << q;
  }
  // Their own facility lists only their own bookings: none.
  auto own = client_->get("/api/v1/facilities/" + theirs + "/bookings?from=2026-11-25", rival.access);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_TRUE(own.json()["items"].empty());
}

TEST_P(BookingListsHttpTest, StaffSeeTheNameAndContactOfAPlayerWhoIsNotAMember) {
  ASSERT_EQ(client_->send("PATCH", "/api/v1/me", {{"phone", "+12125550123"}}, player_.access).status, 200);
  const auto theirs = player_book(player_, court_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  // The desk's own booking is the staff member's: staff see who made it.
  const auto club = desk_book(court2_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z", "maintenance");
  for (const std::string q : {"date=2026-11-25", "from=2026-11-25&to=2026-11-26&limit=10"}) {
    auto r = list(q);
    ASSERT_EQ(r.status, 200) << r.body;
    const json page = r.json();
    ASSERT_EQ(page["items"].size(), 2u) << r.body;
    for (const auto& b : page["items"]) {
      if (b["id"] == theirs) {
        EXPECT_EQ(
            b["player"],
            (json{
                {"id", player_.id}, {"name", "Test User"}, {"email", "player@example.com"}, {"phone", "+12125550123"}}))
            << q;
      } else {
        EXPECT_EQ(b["id"], club);
        EXPECT_EQ(b["player"]["id"], owner_.id) << q;
        EXPECT_EQ(b["player"]["email"], "owner@example.com") << q;
      }
    }
  }
  // The player's own list is as it was: nobody's contact in it.
  auto mine = client_->get("/api/v1/bookings?mine=true", player_.access);
  ASSERT_EQ(mine.status, 200);
  ASSERT_EQ(mine.json()["items"].size(), 1u);
  EXPECT_FALSE(mine.json()["items"][0].contains("player"));
  // Another club's staff read none of it.
  auto rival = sign_up("rival@example.com");
  create_facility(rival, create_organization(rival, "Across Town"), "Their Courts");
  auto refused = list("date=2026-11-25", rival.access);
  EXPECT_TRUE(refused.status == 403 || refused.status == 404) << refused.status;
  EXPECT_EQ(refused.body.find("player@example.com"), std::string::npos);
}

TEST_P(BookingListsHttpTest, TheCsvDownloadParsesBackWithNamesQuotedAndFormulasDefused) {
  const std::string name = "=HYPERLINK(\"http://x\"), \"Ace\" Smith";
  auto reg = client_->post("/api/v1/auth/register",
                           {{"email", "ace@example.com"}, {"password", "a long enough passphrase"}, {"name", name}});
  ASSERT_EQ(reg.status, 201) << reg.body;
  Account ace{reg.json()["user"]["id"], "ace@example.com", reg.json()["access_token"], reg.json()["refresh_token"]};
  ASSERT_EQ(client_->send("PATCH", "/api/v1/me", {{"phone", "+12125550123"}}, ace.access).status, 200);
  const auto first = player_book(ace, court_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  const auto second = desk_book(court2_, "2027-03-14T23:00:00-04:00", "2027-03-15T00:00:00-04:00", "league", ace.id);
  auto r = list("from=2026-11-25&to=2027-03-14&format=csv&limit=1");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type").rfind("text/csv", 0), 0u) << r.header("Content-Type");
  EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"bookings-2026-11-25-to-2027-03-14.csv\"");
  auto rows = parse_csv(r.body);
  ASSERT_EQ(rows.size(), 3u) << r.body;  // the header and both bookings: paging does not cut a download
  EXPECT_EQ(rows[0], (std::vector<std::string>{"booking_id", "court", "start", "end", "time_zone", "player", "email",
                                               "phone", "type", "status", "approval_status", "payment_status", "price",
                                               "currency", "created_at"}));
  EXPECT_EQ(rows[1][0], first);
  EXPECT_EQ(rows[1][1], "Court 1");
  EXPECT_EQ(rows[1][2], "2026-11-25T10:00:00-05:00");
  EXPECT_EQ(rows[1][3], "2026-11-25T11:00:00-05:00");
  EXPECT_EQ(rows[1][4], "America/New_York");
  EXPECT_EQ(rows[1][5], "'" + name);  // shown as text, never run as a formula
  EXPECT_EQ(rows[1][6], "ace@example.com");
  EXPECT_EQ(rows[1][7], "'+12125550123");  // text, as a spreadsheet keeps it (not the number 12125550123)
  EXPECT_EQ(rows[1][8], "open_play");
  EXPECT_EQ(rows[1][9], "confirmed");
  EXPECT_EQ(rows[1][12], "20.00");
  EXPECT_EQ(rows[1][13], "USD");
  EXPECT_EQ(rows[1][14], "2026-11-24T07:00:00-05:00");
  EXPECT_EQ(rows[2][0], second);
  EXPECT_EQ(rows[2][1], "Court 2");
  EXPECT_EQ(rows[2][2], "2027-03-14T23:00:00-04:00");
  EXPECT_EQ(rows[2][8], "league");
  // The raw text quotes the name's commas and quotes as RFC 4180 says.
  EXPECT_NE(r.body.find("\"'=HYPERLINK(\"\"http://x\"\"), \"\"Ace\"\" Smith\""), std::string::npos) << r.body;
  // The filters apply to the download as to the list.
  EXPECT_EQ(parse_csv(list("from=2026-11-25&to=2027-03-14&format=csv&type=league").body).size(), 2u);
}

SB_INSTANTIATE_BACKENDS(BookingListsHttpTest);

}  // namespace
}  // namespace slotbase::testing

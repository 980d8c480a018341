#include "http/booking_fixture.h"
#include "identity/identity_service.h"

namespace slotbase::testing {
namespace {

using json = nlohmann::json;

/// The players of a facility: the roster, invitations by link, join requests and players added
/// by staff, on the booking fixture's facility ("Courts", open to everyone at first). The
/// e-mails are read from the local outbox as a platform administrator sees it.
class PlayersHttpTest : public BookingHttpTest {
 protected:
  void SetUp() override {
    BookingHttpTest::SetUp();
    if (IsSkipped()) return;
    admin_ = sign_up_platform_admin("admin@example.com");
  }
  std::string base() const { return "/api/v1/facilities/" + facility_; }
  void set_membership(const std::string& policy) { patch_policies({{"membership", policy}}); }
  json roster(const std::string& query = "") {
    auto r = client_->get(base() + "/players" + query, owner_.access);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  /// The roster's row for `email`, or null.
  json row(const std::string& email) {
    const json all = roster();
    for (const auto& e : all["items"])
      if (e["email"] == email) return e;
    return nullptr;
  }
  HttpResult invite(const std::string& email) {
    return client_->post(base() + "/invitations", {{"email", email}}, owner_.access);
  }
  /// The e-mails to `to` whose subject begins with `subject`, oldest first.
  std::vector<json> mails(const std::string& to, const std::string& subject) {
    work();
    auto r = client_->get("/api/v1/admin/outbox?limit=200&to=" + to, admin_.access);
    EXPECT_EQ(r.status, 200) << r.body;
    const json page = r.json();
    std::vector<json> out;
    for (const auto& m : page["items"])
      if (m["subject"].get<std::string>().rfind(subject, 0) == 0) out.insert(out.begin(), m);
    return out;
  }
  /// The token of the newest e-mail's `page` link to `to` (the HTML part carries the same).
  std::string link_token(const std::string& to, const std::string& subject, const std::string& page) {
    auto sent = mails(to, subject);
    if (sent.empty()) {
      ADD_FAILURE() << "no e-mail \"" << subject << "\" to " << to;
      return "";
    }
    const std::string text = sent.back()["text"];
    const std::string marker = page + "?token=";
    const auto at = text.find(marker);
    if (at == std::string::npos) {
      ADD_FAILURE() << "no " << page << " link in: " << text;
      return "";
    }
    const auto from = at + marker.size();
    const std::string token = text.substr(from, text.find_first_of(" &\r\n", from) - from);
    EXPECT_NE(sent.back()["html"].get<std::string>().find(marker + token), std::string::npos);
    return token;
  }
  HttpResult accept(const Account& who, const std::string& token) {
    return client_->post("/api/v1/invitations/accept", {{"token", token}}, who.access);
  }
  /// Moves the clock; the administrator signs in again too.
  void at(const std::string& when) {
    travel_to(when);
    auto r = app_->service<identity::IdentityService>().login(admin_.email, "a long enough passphrase", {});
    ASSERT_TRUE(r.ok());
    admin_.access = r->access_token;
  }

  Account admin_;
};

TEST_P(PlayersHttpTest, AnInvitedPlayerAcceptsTheLinkOnceAndIsActive) {
  auto sent = invite("Newbie@Example.com");
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(sent.json()["status"], "pending");
  EXPECT_EQ(sent.json()["email"], "newbie@example.com");
  EXPECT_EQ(sent.json()["expires_at"], "2026-12-01T12:00:00Z");  // seven days
  EXPECT_EQ(row("newbie@example.com")["status"], "invited");
  EXPECT_EQ(invite("newbie@example.com").json()["rule"], "already-invited");

  const std::string token = link_token("newbie@example.com", "Courts invites you", "/invitations/accept");
  ASSERT_FALSE(token.empty());
  auto preview = client_->post("/api/v1/invitations/preview", {{"token", token}});
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(preview.json()["facility_name"], "Courts");
  // Accepted by someone signed in with another address: the link is theirs to use.
  auto accepted = accept(player_, token);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json()["status"], "active");
  EXPECT_EQ(accepted.json()["email"], player_.email);
  EXPECT_EQ(row(player_.email)["status"], "active");
  EXPECT_TRUE(row("newbie@example.com").is_null());
  // Once only.
  auto again = accept(player_, token);
  EXPECT_EQ(again.status, 410);
  EXPECT_EQ(again.header("Content-Type"), "application/problem+json");
  auto listed = client_->get(base() + "/invitations?status=accepted", owner_.access);
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_EQ(listed.json()["items"][0]["id"], sent.json()["id"]);
  // An active player is not invited again.
  EXPECT_EQ(invite(player_.email).json()["rule"], "already-on-roster");
}

TEST_P(PlayersHttpTest, ResendReplacesTheLinkRevokeEndsItAndSevenDaysExpireIt) {
  auto sent = invite("newbie@example.com");
  ASSERT_EQ(sent.status, 201);
  const std::string id = sent.json()["id"];
  const std::string first = link_token("newbie@example.com", "Courts invites you", "/invitations/accept");
  auto resent = client_->post("/api/v1/invitations/" + id + "/resend", json::object(), owner_.access);
  ASSERT_EQ(resent.status, 200) << resent.body;
  EXPECT_EQ(mails("newbie@example.com", "Courts invites you").size(), 2u);
  const std::string second = link_token("newbie@example.com", "Courts invites you", "/invitations/accept");
  EXPECT_NE(first, second);
  EXPECT_EQ(accept(player_, first).status, 410);

  auto revoked = client_->post("/api/v1/invitations/" + id + "/revoke", json::object(), owner_.access);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json()["status"], "revoked");
  EXPECT_EQ(accept(player_, second).status, 410);
  EXPECT_EQ(client_->post("/api/v1/invitations/" + id + "/revoke", json::object(), owner_.access).status, 409);
  EXPECT_TRUE(row("newbie@example.com").is_null());

  // Invited anew, and left for eight days.
  ASSERT_EQ(invite("newbie@example.com").status, 201);
  const std::string third = link_token("newbie@example.com", "Courts invites you", "/invitations/accept");
  at("2026-12-02T12:00:00Z");
  EXPECT_EQ(accept(player_, third).status, 410);
  auto expired = client_->get(base() + "/invitations?status=expired", owner_.access);
  ASSERT_EQ(expired.json()["items"].size(), 1u) << expired.body;
  EXPECT_EQ(expired.json()["items"][0]["status"], "expired");
}

TEST_P(PlayersHttpTest, UnderApprovalAPlayerAsksToJoinAndBooksOnceApproved) {
  set_membership("approval");
  auto refused = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json()["type"], "https://slotbase.dev/problems/not-a-member");

  auto asked = client_->post(base() + "/join-requests", {{"message", "I play on Tuesdays"}}, player_.access);
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(asked.json()["status"], "pending");
  const std::string id = asked.json()["id"];
  auto twice = client_->post(base() + "/join-requests", json::object(), player_.access);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(twice.json()["rule"], "join-request-pending");
  EXPECT_EQ(row(player_.email)["status"], "pending");
  EXPECT_EQ(roster("?status=pending")["items"].size(), 1u);
  auto mine = client_->get("/api/v1/me/join-requests", player_.access).json();
  ASSERT_EQ(mine["items"].size(), 1u);
  EXPECT_EQ(mine["items"][0]["facility_name"], "Courts");
  auto waiting = client_->get(base() + "/join-requests?status=pending", owner_.access).json();
  ASSERT_EQ(waiting["items"].size(), 1u);
  EXPECT_EQ(waiting["items"][0]["message"], "I play on Tuesdays");
  EXPECT_EQ(waiting["items"][0]["email"], player_.email);

  auto approved = client_->post("/api/v1/join-requests/" + id + "/approve", json::object(), owner_.access);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.json()["status"], "approved");
  EXPECT_EQ(client_->post("/api/v1/join-requests/" + id + "/reject", json::object(), owner_.access).status, 409);
  EXPECT_EQ(row(player_.email)["status"], "active");
  EXPECT_EQ(hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 201);
  EXPECT_EQ(client_->post(base() + "/join-requests", json::object(), player_.access).json()["rule"],
            "already-on-roster");
}

TEST_P(PlayersHttpTest, ARejectedRequestIsFinal) {
  set_membership("approval");
  auto asked = client_->post(base() + "/join-requests", json::object(), player_.access);
  ASSERT_EQ(asked.status, 201);
  const std::string id = asked.json()["id"];
  auto rejected =
      client_->post("/api/v1/join-requests/" + id + "/reject", {{"reason", "Full this season"}}, owner_.access);
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.json()["status"], "rejected");
  EXPECT_EQ(rejected.json()["reason"], "Full this season");
  auto again = client_->post(base() + "/join-requests", json::object(), player_.access);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.json()["rule"], "join-request-rejected");
  EXPECT_NE(again.json()["detail"].get<std::string>().find(id), std::string::npos);
  EXPECT_EQ(client_->get("/api/v1/me/join-requests", player_.access).json()["items"][0]["reason"], "Full this season");
  EXPECT_EQ(hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 403);
  // Invite-only clubs take no requests at all.
  set_membership("invite_only");
  auto other = sign_up("other@example.com");
  EXPECT_EQ(client_->post(base() + "/join-requests", json::object(), other.access).json()["rule"], "invite-only");
}

TEST_P(PlayersHttpTest, StaffAddAnAccountOrMakeOneThatSetsItsPasswordByTheWelcomeLink) {
  auto added = client_->post(base() + "/players", {{"email", player_.email}}, owner_.access);
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json()["status"], "active");
  EXPECT_EQ(added.json()["user_id"], player_.id);
  EXPECT_EQ(client_->post(base() + "/players", {{"email", player_.email}}, owner_.access).json()["rule"],
            "already-on-roster");

  auto made = client_->post(base() + "/players",
                            {{"email", "walkin@example.com"},
                             {"first_name", "Wally"},
                             {"last_name", "Walkin"},
                             {"phone", "+12125550123"},
                             {"date_of_birth", "1990-04-01"}},
                            owner_.access);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["name"], "Wally Walkin");
  EXPECT_EQ(made.json()["status"], "active");
  const std::string token = link_token("walkin@example.com", "Welcome to Courts", "/reset-password");
  ASSERT_FALSE(token.empty());
  // No password until the link sets one.
  EXPECT_EQ(
      client_->post("/api/v1/auth/login", {{"email", "walkin@example.com"}, {"password", "a long enough passphrase"}})
          .status,
      401);
  auto set =
      client_->post("/api/v1/auth/password-reset/confirm", {{"token", token}, {"password", "my own passphrase"}});
  ASSERT_EQ(set.status, 200) << set.body;
  auto login =
      client_->post("/api/v1/auth/login", {{"email", "walkin@example.com"}, {"password", "my own passphrase"}});
  ASSERT_EQ(login.status, 200) << login.body;
  // The link lives a week, and works once.
  EXPECT_EQ(client_->post("/api/v1/auth/password-reset/confirm", {{"token", token}, {"password", "another passphrase"}})
                .status,
            410);
}

TEST_P(PlayersHttpTest, AnInactivePlayerNeverBooksEvenWhereAnyoneMay) {
  ASSERT_EQ(client_->post(base() + "/players", {{"email", player_.email}}, owner_.access).status, 201);
  auto off = client_->send("PATCH", base() + "/players/" + player_.id, {{"status", "inactive"}}, owner_.access);
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(off.json()["status"], "inactive");
  EXPECT_EQ(roster("?status=inactive")["items"].size(), 1u);
  auto refused = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json()["rule"], "not-a-member");
  ASSERT_EQ(client_->send("PATCH", base() + "/players/" + player_.id, {{"status", "active"}}, owner_.access).status,
            200);
  EXPECT_EQ(hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 201);
  auto stranger = sign_up("stranger@example.com");
  EXPECT_EQ(client_->send("PATCH", base() + "/players/" + stranger.id, {{"status", "active"}}, owner_.access).status,
            404);
}

TEST_P(PlayersHttpTest, AFirstBookingPutsThePlayerOnAnOpenClubsRoster) {
  EXPECT_TRUE(row(player_.email).is_null());
  auto h = hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z");
  ASSERT_EQ(h.status, 201) << h.body;
  ASSERT_EQ(confirm(player_, h.json()["id"]).status, 201);
  work();
  auto entry = row(player_.email);
  ASSERT_FALSE(entry.is_null());
  EXPECT_EQ(entry["status"], "active");
  EXPECT_EQ(entry["joined_at"], "2026-11-24T12:00:00Z");
  // Search by a fragment of the name or address, any case.
  EXPECT_EQ(roster("?q=PLAYER@")["items"].size(), 1u);
  EXPECT_EQ(roster("?q=nobody")["items"].size(), 0u);
}

TEST_P(PlayersHttpTest, PlayersAreRefusedAndAnotherClubsIdsDoNotExist) {
  set_membership("approval");
  const std::string jrq = client_->post(base() + "/join-requests", json::object(), player_.access).json()["id"];
  const std::string inv = invite("newbie@example.com").json()["id"];
  // Someone asking to join is no staff, and the request is not theirs to decide.
  EXPECT_EQ(client_->get(base() + "/players", player_.access).status, 403);
  EXPECT_EQ(client_->post(base() + "/invitations", {{"email", "x@example.com"}}, player_.access).status, 403);
  EXPECT_EQ(client_->get(base() + "/join-requests", player_.access).status, 403);
  EXPECT_EQ(client_->post("/api/v1/join-requests/" + jrq + "/approve", json::object(), player_.access).status, 404);
  // Another club's owner.
  auto rival = sign_up("rival@example.com");
  create_facility(rival, create_organization(rival, "Rival Club"), "Rival Courts");
  EXPECT_EQ(client_->post("/api/v1/invitations/" + inv + "/revoke", json::object(), rival.access).status, 404);
  EXPECT_EQ(client_->post("/api/v1/invitations/" + inv + "/resend", json::object(), rival.access).status, 404);
  EXPECT_EQ(client_->post("/api/v1/join-requests/" + jrq + "/reject", json::object(), rival.access).status, 404);
  EXPECT_EQ(client_->get(base() + "/players", rival.access).status, 403);
  // A private club does not exist for them at all.
  ASSERT_EQ(client_->send("PATCH", base(), {{"settings", {{"public", false}}}}, owner_.access).status, 200);
  EXPECT_EQ(client_->get(base() + "/players", rival.access).status, 404);
  EXPECT_EQ(client_->get(base() + "/invitations", rival.access).status, 404);
}

TEST_P(PlayersHttpTest, BadInputNamesTheField) {
  auto field = [](const HttpResult& r) {
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
    return r.json()["errors"][0]["field"].get<std::string>();
  };
  EXPECT_EQ(field(invite("not an address")), "email");
  EXPECT_EQ(
      field(client_->post(base() + "/players", {{"email", "x@example.com"}, {"first_name", "Ann"}}, owner_.access)),
      "last_name");
  EXPECT_EQ(field(client_->post(base() + "/players", {{"email", "unknown@example.com"}}, owner_.access)), "email");
  EXPECT_EQ(field(client_->post(base() + "/players",
                                {{"email", "kid@example.com"},
                                 {"first_name", "Kid"},
                                 {"last_name", "Player"},
                                 {"date_of_birth", "2019-02-30"}},
                                owner_.access)),
            "date_of_birth");
  EXPECT_EQ(field(client_->send("PATCH", base() + "/players/" + player_.id, {{"status", "gone"}}, owner_.access)),
            "status");
  EXPECT_EQ(field(client_->get(base() + "/players?status=weird", owner_.access)), "status");
  EXPECT_EQ(field(client_->get(base() + "/players?cursor=abc", owner_.access)), "cursor");
  EXPECT_EQ(field(client_->post(base() + "/join-requests", {{"message", std::string(1001, 'x')}}, player_.access)),
            "message");
  EXPECT_EQ(field(client_->send("PATCH", base(), {{"policies", {{"membership", "closed"}}}}, owner_.access)),
            "policies.membership");
  EXPECT_EQ(field(client_->post("/api/v1/invitations/accept", json::object(), player_.access)), "token");
}

TEST_P(PlayersHttpTest, TheMembershipPolicyIsTheOneSourceOfTheNonMemberSetting) {
  auto facility = [&] { return client_->get(base(), owner_.access).json(); };
  EXPECT_EQ(facility()["policies"]["membership"], "open");
  EXPECT_EQ(facility()["settings"]["allow_non_member_bookings"], true);
  ASSERT_EQ(
      client_->send("PATCH", base(), {{"settings", {{"allow_non_member_bookings", false}}}}, owner_.access).status,
      200);
  EXPECT_EQ(facility()["policies"]["membership"], "approval");
  set_membership("invite_only");
  EXPECT_EQ(facility()["settings"]["allow_non_member_bookings"], false);
  set_membership("open");
  EXPECT_EQ(facility()["settings"]["allow_non_member_bookings"], true);
  auto disagree = client_->send(
      "PATCH", base(),
      {{"settings", {{"allow_non_member_bookings", true}}}, {"policies", {{"membership", "approval"}}}}, owner_.access);
  EXPECT_EQ(disagree.status, 422);
  EXPECT_EQ(disagree.json()["errors"][0]["field"], "settings.allow_non_member_bookings");
}

TEST_P(PlayersHttpTest, StaffHearOfAJoinRequestAndThePlayerOfTheDecision) {
  set_membership("approval");
  auto desk = sign_up("desk@example.com");
  ASSERT_EQ(client_->post(base() + "/staff", {{"email", desk.email}, {"role", "staff"}}, owner_.access).status, 201);
  auto asked = client_->post(base() + "/join-requests", {{"message", "I play on Tuesdays"}}, player_.access);
  ASSERT_EQ(asked.status, 201) << asked.body;
  auto in_app = [&](const Account& who, const std::string& type) {
    work();
    const json page = client_->get("/api/v1/me/notifications?limit=200", who.access).json();
    std::vector<json> out;
    for (const auto& n : page["items"])
      if (n["type"] == type) out.push_back(n);
    return out;
  };
  // Everyone who may answer: the owner and the desk, each once, in the app and by e-mail.
  for (const Account* who : {&owner_, &desk}) {
    auto told = in_app(*who, "facility.join_request_received");
    ASSERT_EQ(told.size(), 1u) << who->email;
    EXPECT_NE(told[0]["body"].get<std::string>().find(player_.email), std::string::npos) << told[0];
    auto sent = mails(who->email, "Test User asks to join Courts");
    ASSERT_EQ(sent.size(), 1u) << who->email;
    EXPECT_NE(sent[0]["text"].get<std::string>().find("I play on Tuesdays"), std::string::npos);
    EXPECT_NE(sent[0]["text"].get<std::string>().find("/admin/players"), std::string::npos);
  }
  EXPECT_TRUE(in_app(player_, "facility.join_request_received").empty());

  const std::string id = asked.json()["id"];
  ASSERT_EQ(
      client_->post("/api/v1/join-requests/" + id + "/reject", {{"reason", "Full this season"}}, owner_.access).status,
      200);
  auto decided = in_app(player_, "facility.join_request_decided");
  ASSERT_EQ(decided.size(), 1u);
  EXPECT_NE(decided[0]["body"].get<std::string>().find("Full this season"), std::string::npos) << decided[0];
  auto sent = mails(player_.email, "Your request to join Courts");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0]["text"].get<std::string>().find("Full this season"), std::string::npos);
  // Running the worker again sends nothing twice.
  EXPECT_EQ(in_app(player_, "facility.join_request_decided").size(), 1u);
}

TEST_P(PlayersHttpTest, AnApprovedPlayerIsWelcomedInTheAppAndByEmail) {
  set_membership("approval");
  auto asked = client_->post(base() + "/join-requests", json::object(), player_.access);
  ASSERT_EQ(asked.status, 201);
  ASSERT_EQ(client_
                ->post("/api/v1/join-requests/" + asked.json()["id"].get<std::string>() + "/approve", json::object(),
                       owner_.access)
                .status,
            200);
  auto sent = mails(player_.email, "Welcome to Courts");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0]["text"].get<std::string>().find("accepted your request"), std::string::npos);
}

SB_INSTANTIATE_BACKENDS(PlayersHttpTest);

}  // namespace
}  // namespace slotbase::testing

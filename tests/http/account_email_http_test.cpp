#include <set>

#include "http/booking_fixture.h"
#include "identity/identity_service.h"
#include "platform/core/encoding.h"

namespace slotbase::testing {
namespace {

using json = nlohmann::json;

/// Password resets, address verification and changes of address, read from the local outbox as
/// a platform administrator sees it. The booking fixture: a facility with a court, its owner and
/// a player (both signed up over HTTP, so neither address is verified yet).
class AccountEmailHttpTest : public BookingHttpTest {
 protected:
  void SetUp() override {
    BookingHttpTest::SetUp();
    if (IsSkipped()) return;
    admin_ = sign_up_platform_admin("admin@example.com");
  }

  /// Moves the clock; everyone signs in again (access tokens last 15 minutes).
  void at(const std::string& when) {
    travel_to(when);
    auto r = app_->service<identity::IdentityService>().login(admin_.email, "a long enough passphrase", {});
    ASSERT_TRUE(r.ok());
    admin_.access = r->access_token;
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
  /// The token of the `page` link in an e-mail's text (the HTML part carries the same link).
  static std::string token_in(const json& mail, const std::string& page) {
    const std::string text = mail["text"];
    const std::string marker = page + "?token=";
    const auto at = text.find(marker);
    if (at == std::string::npos) {
      ADD_FAILURE() << "no " << page << " link in: " << text;
      return "";
    }
    const auto from = at + marker.size();
    const std::string token = text.substr(from, text.find_first_of(" \r\n", from) - from);
    EXPECT_NE(mail["html"].get<std::string>().find(marker + token), std::string::npos) << mail["html"];
    return token;
  }
  /// Asks for a reset link for `email` and returns its token, from the newest such e-mail.
  std::string reset_token(const std::string& email) {
    auto r = client_->post("/api/v1/auth/password-reset", {{"email", email}});
    EXPECT_EQ(r.status, 202) << r.body;
    auto sent = mails(email, "Set a new SlotBase password");
    if (sent.empty()) {
      ADD_FAILURE() << "no reset e-mail to " << email;
      return "";
    }
    return token_in(sent.back(), "/reset-password");
  }
  std::string verification_token(const std::string& email) {
    auto sent = mails(email, "Confirm your e-mail address");
    if (sent.empty()) {
      ADD_FAILURE() << "no verification e-mail to " << email;
      return "";
    }
    return token_in(sent.back(), "/verify-email");
  }
  json me(const Account& who) {
    auto r = client_->get("/api/v1/me", who.access);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json();
  }
  HttpResult log_in(const std::string& email, const std::string& password) {
    return client_->post("/api/v1/auth/login", {{"email", email}, {"password", password}});
  }
  /// Every text cell of every table but the local outbox (which stands for the mail server)
  /// that contains `needle`, as "table: value".
  std::vector<std::string> stored_anywhere(const std::string& needle) {
    return app_->database().read([&](db::Connection& c) {
      const bool sqlite = c.dialect() == db::Dialect::sqlite;
      auto tables = c.query(sqlite ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                                   : "SELECT table_name FROM information_schema.tables "
                                     "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
      std::vector<std::string> found;
      for (const auto& t : tables) {
        const std::string table = t.text(0);
        if (table == "mail_outbox" || table.rfind("sqlite_", 0) == 0) continue;
        for (const auto& row : c.query("SELECT * FROM " + table))
          for (std::size_t i = 0; i < row.size(); ++i)
            if (!row.is_null(i) && row.text(i).find(needle) != std::string::npos)
              found.push_back(table + ": " + row.text(i));
      }
      return found;
    });
  }

  Account admin_;
};

TEST_P(AccountEmailHttpTest, AForgottenPasswordIsResetThroughTheLinkInTheEmail) {
  const std::string token = reset_token(player_.email);
  ASSERT_FALSE(token.empty());
  auto sent = mails(player_.email, "Set a new SlotBase password");
  ASSERT_EQ(sent.size(), 1u);
  // A page of the player app, on the server's public address; no unsubscribing from this.
  EXPECT_NE(sent[0]["text"].get<std::string>().find("http://127.0.0.1:0/reset-password?token="), std::string::npos);
  EXPECT_FALSE(sent[0]["headers"].contains("List-Unsubscribe"));

  auto done =
      client_->post("/api/v1/auth/password-reset/confirm", {{"token", token}, {"password", "a brand new passphrase"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["email"], player_.email);
  EXPECT_EQ(log_in(player_.email, "a brand new passphrase").status, 200);
  EXPECT_EQ(log_in(player_.email, "a long enough passphrase").status, 401);
  // Receiving the link proved the address.
  EXPECT_EQ(done.json()["email_verified"], true);
}

TEST_P(AccountEmailHttpTest, AResetLinkWorksOnce) {
  const std::string token = reset_token(player_.email);
  ASSERT_EQ(
      client_->post("/api/v1/auth/password-reset/confirm", {{"token", token}, {"password", "first new passphrase"}})
          .status,
      200);
  auto again =
      client_->post("/api/v1/auth/password-reset/confirm", {{"token", token}, {"password", "second new passphrase"}});
  EXPECT_EQ(again.status, 410);
  EXPECT_EQ(again.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(again.json()["code"], "expired");
  EXPECT_EQ(log_in(player_.email, "first new passphrase").status, 200);
  EXPECT_EQ(log_in(player_.email, "second new passphrase").status, 401);
}

TEST_P(AccountEmailHttpTest, AResetLinkLastsOneHour) {
  const std::string late = reset_token(player_.email);
  at("2026-11-24T12:59:00Z");
  const std::string in_time = reset_token(player_.email);
  at("2026-11-24T13:00:00Z");  // the first link's hour is up
  auto expired =
      client_->post("/api/v1/auth/password-reset/confirm", {{"token", late}, {"password", "a brand new passphrase"}});
  EXPECT_EQ(expired.status, 410) << expired.body;
  EXPECT_EQ(
      client_->post("/api/v1/auth/password-reset/confirm", {{"token", in_time}, {"password", "a brand new passphrase"}})
          .status,
      200);
}

TEST_P(AccountEmailHttpTest, AnUnknownAddressGetsTheSameAnswerAndNoEmail) {
  auto known = client_->post("/api/v1/auth/password-reset", {{"email", player_.email}});
  auto unknown = client_->post("/api/v1/auth/password-reset", {{"email", "nobody@example.com"}});
  ASSERT_EQ(known.status, 202);
  ASSERT_EQ(unknown.status, 202);
  EXPECT_EQ(known.body, unknown.body);
  EXPECT_EQ(known.header("Content-Type"), unknown.header("Content-Type"));
  EXPECT_EQ(mails(player_.email, "Set a new SlotBase password").size(), 1u);
  EXPECT_TRUE(mails("nobody@example.com", "").empty());
  // Not an address at all is a bad request, whoever asks.
  auto bad = client_->post("/api/v1/auth/password-reset", {{"email", "not-an-address"}});
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0]["field"], "email");
  EXPECT_EQ(client_->post("/api/v1/auth/password-reset", json::object()).json()["errors"][0]["field"], "email");
}

TEST_P(AccountEmailHttpTest, ResetRequestsAreLimitedPerAddressWithoutSayingSo) {
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(client_->post("/api/v1/auth/password-reset", {{"email", player_.email}}).status, 202);
    EXPECT_EQ(client_->post("/api/v1/auth/password-reset", {{"email", "nobody@example.com"}}).status, 202);
  }
  EXPECT_EQ(mails(player_.email, "Set a new SlotBase password").size(), 3u);
  // Another address is not held back by this one's requests.
  EXPECT_EQ(client_->post("/api/v1/auth/password-reset", {{"email", owner_.email}}).status, 202);
  EXPECT_EQ(mails(owner_.email, "Set a new SlotBase password").size(), 1u);
}

TEST_P(AccountEmailHttpTest, AResetEndsTheAccountsOtherSessions) {
  auto other = log_in(player_.email, "a long enough passphrase").json();
  const std::string token = reset_token(player_.email);
  ASSERT_EQ(
      client_->post("/api/v1/auth/password-reset/confirm", {{"token", token}, {"password", "a brand new passphrase"}})
          .status,
      200);
  for (const auto& refresh : {player_.refresh, other["refresh_token"].get<std::string>()})
    EXPECT_EQ(client_->post("/api/v1/auth/refresh", {{"refresh_token", refresh}}).status, 401);
  EXPECT_EQ(client_->get("/api/v1/me", player_.access).status, 401);
  EXPECT_EQ(client_->get("/api/v1/me", other["access_token"]).status, 401);
  // Other accounts keep theirs.
  EXPECT_EQ(client_->get("/api/v1/me", owner_.access).status, 200);
}

TEST_P(AccountEmailHttpTest, AWeakNewPasswordIs422AndTheLinkStillWorks) {
  const std::string token = reset_token(player_.email);
  auto weak = client_->post("/api/v1/auth/password-reset/confirm", {{"token", token}, {"password", "short"}});
  ASSERT_EQ(weak.status, 422);
  EXPECT_EQ(weak.json()["errors"][0]["field"], "password");
  EXPECT_EQ(client_->post("/api/v1/auth/password-reset/confirm", {{"password", "a brand new passphrase"}})
                .json()["errors"][0]["field"],
            "token");
  EXPECT_EQ(
      client_
          ->post("/api/v1/auth/password-reset/confirm", {{"token", "made-up"}, {"password", "a brand new passphrase"}})
          .status,
      410);
  EXPECT_EQ(
      client_->post("/api/v1/auth/password-reset/confirm", {{"token", token}, {"password", "a brand new passphrase"}})
          .status,
      200);
}

TEST_P(AccountEmailHttpTest, TokensAreKeptOnlyAsTheirHashes) {
  const std::string reset = reset_token(player_.email);
  const std::string verify = verification_token(player_.email);
  ASSERT_FALSE(reset.empty());
  ASSERT_FALSE(verify.empty());
  for (const auto& token : {reset, verify}) {
    EXPECT_EQ(stored_anywhere(token), std::vector<std::string>{}) << token;
    EXPECT_EQ(stored_anywhere(sha256_hex(token)), std::vector<std::string>{"account_tokens: " + sha256_hex(token)});
  }
}

TEST_P(AccountEmailHttpTest, SignUpSendsAVerificationLink) {
  EXPECT_EQ(me(player_)["email_verified"], false);
  const std::string token = verification_token(player_.email);
  auto sent = mails(player_.email, "Confirm your e-mail address");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0]["text"].get<std::string>().find("http://127.0.0.1:0/verify-email?token="), std::string::npos);

  auto verified = client_->post("/api/v1/auth/verify-email", {{"token", token}});
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.json()["email_verified"], true);
  EXPECT_EQ(me(player_)["email_verified"], true);
  EXPECT_TRUE(me(player_)["pending_email"].is_null());
  EXPECT_EQ(client_->post("/api/v1/auth/verify-email", {{"token", token}}).status, 410);
  // Nothing left to verify: asking for another link is a conflict.
  EXPECT_EQ(client_->post("/api/v1/auth/verify-email/resend", json::object(), player_.access).status, 409);
}

TEST_P(AccountEmailHttpTest, ASpanishAccountGetsItsAccountEmailsInSpanish) {
  auto r = client_->post(
      "/api/v1/auth/register",
      {{"email", "ana@example.com"}, {"password", "a long enough passphrase"}, {"name", "Ana"}, {"locale", "es"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto verify = mails("ana@example.com", "Confirma tu dirección de correo en SlotBase");
  ASSERT_EQ(verify.size(), 1u);
  const std::string text = verify[0]["text"];
  EXPECT_EQ(text.rfind("Hola, Ana:\n", 0), 0u) << text;
  EXPECT_NE(text.find("/verify-email?token="), std::string::npos) << text;
  // Its expiry in Spanish words (UTC: an account has no facility).
  EXPECT_NE(text.find("hasta el jueves 26 de noviembre, 12:00 (UTC)"), std::string::npos) << text;
  EXPECT_TRUE(mails("ana@example.com", "Confirm your e-mail address").empty());

  ASSERT_EQ(client_->post("/api/v1/auth/password-reset", {{"email", "ana@example.com"}}).status, 202);
  auto reset = mails("ana@example.com", "Elige una nueva contraseña de SlotBase");
  ASSERT_EQ(reset.size(), 1u);
  const std::string token = token_in(reset[0], "/reset-password");
  auto done =
      client_->post("/api/v1/auth/password-reset/confirm", {{"token", token}, {"password", "a brand new passphrase"}});
  EXPECT_EQ(done.status, 200) << done.body;
}

TEST_P(AccountEmailHttpTest, AVerificationLinkCanBeSentAgain) {
  auto again = client_->post("/api/v1/auth/verify-email/resend", json::object(), player_.access);
  ASSERT_EQ(again.status, 202) << again.body;
  EXPECT_EQ(mails(player_.email, "Confirm your e-mail address").size(), 2u);
  EXPECT_EQ(client_->post("/api/v1/auth/verify-email/resend", json::object()).status, 401);
  EXPECT_EQ(client_->post("/api/v1/auth/verify-email", {{"token", verification_token(player_.email)}}).status, 200);
}

TEST_P(AccountEmailHttpTest, AnotherAccountsLinkVerifiesNothingForTheCaller) {
  const std::string players = verification_token(player_.email);
  // The owner, signed in, opens the player's link: refused, and neither account changes.
  auto refused = client_->post("/api/v1/auth/verify-email", {{"token", players}}, owner_.access);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(me(owner_)["email_verified"], false);
  EXPECT_EQ(me(player_)["email_verified"], false);
  // The link verifies the account it was sent for, and only that one.
  ASSERT_EQ(client_->post("/api/v1/auth/verify-email", {{"token", players}}).status, 200);
  EXPECT_EQ(me(player_)["email_verified"], true);
  EXPECT_EQ(me(owner_)["email_verified"], false);
  // A reset link is not a verification link.
  EXPECT_EQ(client_->post("/api/v1/auth/verify-email", {{"token", reset_token(owner_.email)}}).status, 410);
  EXPECT_EQ(me(owner_)["email_verified"], false);
}

TEST_P(AccountEmailHttpTest, ANewAddressCountsOnlyOnceItsLinkIsUsed) {
  auto asked = client_->send("PATCH", "/api/v1/me", {{"email", "Pat.New@Example.com"}}, player_.access);
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_EQ(asked.json()["email"], player_.email);
  EXPECT_EQ(asked.json()["pending_email"], "pat.new@example.com");
  EXPECT_EQ(me(player_)["pending_email"], "pat.new@example.com");
  EXPECT_EQ(log_in("pat.new@example.com", "a long enough passphrase").status, 401);

  // The old address is told; the link goes to the new one.
  auto notice = mails(player_.email, "Your SlotBase e-mail address is about to change");
  ASSERT_EQ(notice.size(), 1u);
  EXPECT_NE(notice[0]["text"].get<std::string>().find("pat.new@example.com"), std::string::npos);
  EXPECT_EQ(notice[0]["text"].get<std::string>().find("token="), std::string::npos);
  const std::string token = verification_token("pat.new@example.com");

  auto verified = client_->post("/api/v1/auth/verify-email", {{"token", token}}, player_.access);
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.json()["email"], "pat.new@example.com");
  EXPECT_EQ(me(player_)["email"], "pat.new@example.com");
  EXPECT_EQ(me(player_)["email_verified"], true);
  EXPECT_TRUE(me(player_)["pending_email"].is_null());
  EXPECT_EQ(log_in("pat.new@example.com", "a long enough passphrase").status, 200);
  EXPECT_EQ(log_in(player_.email, "a long enough passphrase").status, 401);
}

TEST_P(AccountEmailHttpTest, AChangeOfAddressMovedOnFromLeavesItsOldLinkDead) {
  ASSERT_EQ(client_->send("PATCH", "/api/v1/me", {{"email", "first@example.com"}}, player_.access).status, 200);
  const std::string first = verification_token("first@example.com");
  ASSERT_EQ(client_->send("PATCH", "/api/v1/me", {{"email", "second@example.com"}}, player_.access).status, 200);
  EXPECT_EQ(client_->post("/api/v1/auth/verify-email", {{"token", first}}).status, 410);
  // Back to the present address: nothing pending any more.
  auto back = client_->send("PATCH", "/api/v1/me", {{"email", player_.email}}, player_.access);
  ASSERT_EQ(back.status, 200);
  EXPECT_TRUE(back.json()["pending_email"].is_null());
  EXPECT_EQ(client_->post("/api/v1/auth/verify-email", {{"token", verification_token("second@example.com")}}).status,
            410);
  EXPECT_EQ(me(player_)["email"], player_.email);
  // Someone else's address, or not an address: refused, naming the field.
  EXPECT_EQ(client_->send("PATCH", "/api/v1/me", {{"email", owner_.email}}, player_.access).status, 409);
  auto bad = client_->send("PATCH", "/api/v1/me", {{"email", "nope"}}, player_.access);
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.json()["errors"][0]["field"], "email");
}

TEST_P(AccountEmailHttpTest, AFacilityMayTakeBookingsOnlyFromVerifiedAddresses) {
  ASSERT_EQ(hold(player_, "2026-11-25T15:00:00Z", "2026-11-25T16:00:00Z").status, 201);  // off by default
  patch_policies({{"require_verified_email", true}});
  auto facility = client_->get("/api/v1/facilities/" + facility_, owner_.access).json();
  EXPECT_EQ(facility["policies"]["require_verified_email"], true);

  auto refused = hold(player_, "2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z");
  ASSERT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.header("Content-Type"), "application/problem+json");
  EXPECT_EQ(refused.json()["type"], "https://slotbase.dev/problems/email-not-verified");
  // Staff at the desk are not held to it.
  EXPECT_EQ(client_
                ->post("/api/v1/holds",
                       {{"resource_id", court_},
                        {"start", "2026-11-25T19:00:00Z"},
                        {"end", "2026-11-25T20:00:00Z"},
                        {"booked_for_user_id", player_.id}},
                       owner_.access)
                .status,
            201);

  ASSERT_EQ(client_->post("/api/v1/auth/verify-email", {{"token", verification_token(player_.email)}}).status, 200);
  EXPECT_EQ(hold(player_, "2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z").status, 201);
  auto wrong = client_->send("PATCH", "/api/v1/facilities/" + facility_,
                             {{"policies", {{"require_verified_email", "yes"}}}}, owner_.access);
  ASSERT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.json()["errors"][0]["field"], "policies.require_verified_email");
}

SB_INSTANTIATE_BACKENDS(AccountEmailHttpTest);

}  // namespace
}  // namespace slotbase::testing

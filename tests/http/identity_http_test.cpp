#include "http/http_client.h"
#include "identity/identity_service.h"

namespace slotbase::testing {
namespace {

class IdentityHttpTest : public HttpTest {};

TEST_P(IdentityHttpTest, RegisterReturnsTheUserAndTokens) {
  auto r = client_->post("/api/v1/auth/register",
                         {{"email", "pat@example.com"}, {"password", "a long enough passphrase"}, {"name", "Pat"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["user"]["email"], "pat@example.com");
  EXPECT_TRUE(j["access_token"].is_string());
  EXPECT_TRUE(j["refresh_token"].is_string());
  auto me = client_->get("/api/v1/me", j["access_token"]);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.json()["email"], "pat@example.com");
  EXPECT_EQ(me.json()["roles"], nlohmann::json::array());
}

TEST_P(IdentityHttpTest, ATakenEmailIs409) {
  sign_up("pat@example.com");
  auto r = client_->post("/api/v1/auth/register",
                         {{"email", "PAT@example.com"}, {"password", "another long passphrase"}, {"name", "Pat"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
}

TEST_P(IdentityHttpTest, AWeakPasswordIs422NamingTheField) {
  auto r =
      client_->post("/api/v1/auth/register", {{"email", "pat@example.com"}, {"password", "short"}, {"name", "Pat"}});
  ASSERT_EQ(r.status, 422);
  auto j = r.json();
  ASSERT_EQ(j["errors"].size(), 1u);
  EXPECT_EQ(j["errors"][0]["field"], "password");
  auto bad_email = client_->post(
      "/api/v1/auth/register", {{"email", "not-an-email"}, {"password", "a long enough passphrase"}, {"name", "Pat"}});
  ASSERT_EQ(bad_email.status, 422);
  EXPECT_EQ(bad_email.json()["errors"][0]["field"], "email");
}

TEST_P(IdentityHttpTest, MalformedJsonIs400) {
  auto r =
      client_->request("POST", "/api/v1/auth/register", "{\"email\": \"pat@", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["code"], "malformed_request");
}

TEST_P(IdentityHttpTest, LoginGivesTheSame401ForUnknownEmailAndWrongPassword) {
  sign_up("pat@example.com");
  auto wrong = client_->post("/api/v1/auth/login", {{"email", "pat@example.com"}, {"password", "wrong password!"}});
  auto unknown = client_->post("/api/v1/auth/login", {{"email", "who@example.com"}, {"password", "wrong password!"}});
  ASSERT_EQ(wrong.status, 401);
  ASSERT_EQ(unknown.status, 401);
  auto strip = [](nlohmann::json j) {
    j.erase("instance");
    return j;
  };
  EXPECT_EQ(strip(wrong.json()), strip(unknown.json()));
  auto ok =
      client_->post("/api/v1/auth/login", {{"email", "pat@example.com"}, {"password", "a long enough passphrase"}});
  EXPECT_EQ(ok.status, 200);
}

TEST_P(IdentityHttpTest, RefreshRotatesAndReuseEndsTheSession) {
  auto a = sign_up("pat@example.com");
  auto first = client_->post("/api/v1/auth/refresh", {{"refresh_token", a.refresh}});
  ASSERT_EQ(first.status, 200);
  auto next = first.json();
  EXPECT_EQ(client_->post("/api/v1/auth/refresh", {{"refresh_token", a.refresh}}).status, 401);
  EXPECT_EQ(client_->post("/api/v1/auth/refresh", {{"refresh_token", next["refresh_token"]}}).status, 401);
  EXPECT_EQ(client_->get("/api/v1/me", next["access_token"]).status, 401);
}

TEST_P(IdentityHttpTest, LogoutStopsTheTokens) {
  auto a = sign_up("pat@example.com");
  EXPECT_EQ(client_->post("/api/v1/auth/logout", nullptr, a.access).status, 204);
  EXPECT_EQ(client_->get("/api/v1/me", a.access).status, 401);
  EXPECT_EQ(client_->post("/api/v1/auth/refresh", {{"refresh_token", a.refresh}}).status, 401);
}

TEST_P(IdentityHttpTest, MissingOrBadTokensAre401) {
  auto none = client_->get("/api/v1/me");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.header("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(client_->get("/api/v1/me", "garbage").status, 401);
  auto basic = client_->request("GET", "/api/v1/me", "", {{"Authorization", "Basic dXNlcjpwYXNz"}});
  EXPECT_EQ(basic.status, 401);
}

TEST_P(IdentityHttpTest, AccountCanBeRenamedAndDeleted) {
  auto a = sign_up("pat@example.com");
  auto renamed = client_->send("PATCH", "/api/v1/me", {{"name", "Patricia"}}, a.access);
  ASSERT_EQ(renamed.status, 200);
  EXPECT_EQ(renamed.json()["name"], "Patricia");
  EXPECT_EQ(client_->send("PATCH", "/api/v1/me", {{"nickname", "P"}}, a.access).status, 422);
  EXPECT_EQ(client_->send("DELETE", "/api/v1/me", nullptr, a.access).status, 204);
  EXPECT_EQ(client_->get("/api/v1/me", a.access).status, 401);
}

TEST_P(IdentityHttpTest, AUserReadsTheirMessagesInTheLanguageTheyChoose) {
  // English unless the sign-up says otherwise.
  auto pat = sign_up("pat@example.com");
  EXPECT_EQ(client_->get("/api/v1/me", pat.access).json()["locale"], "en");
  auto es = client_->send("PATCH", "/api/v1/me", {{"locale", "es"}}, pat.access);
  ASSERT_EQ(es.status, 200) << es.body;
  EXPECT_EQ(es.json()["locale"], "es");
  EXPECT_EQ(es.json()["name"], "Test User");  // nothing else changed
  EXPECT_EQ(client_->get("/api/v1/me", pat.access).json()["locale"], "es");
  auto name_only = client_->send("PATCH", "/api/v1/me", {{"name", "Pat"}}, pat.access);
  EXPECT_EQ(name_only.json()["locale"], "es");  // kept when not sent

  // A language we do not write messages in, or one spelled otherwise, names the field.
  for (const nlohmann::json& bad : {nlohmann::json("fr"), nlohmann::json("ES"), nlohmann::json("es-ES"),
                                    nlohmann::json(""), nlohmann::json(7), nlohmann::json(nullptr)}) {
    auto r = client_->send("PATCH", "/api/v1/me", {{"locale", bad}}, pat.access);
    ASSERT_EQ(r.status, 422) << bad.dump() << " " << r.body;
    EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
    EXPECT_EQ(r.json()["errors"][0]["field"], "locale") << r.body;
  }
  EXPECT_EQ(client_->get("/api/v1/me", pat.access).json()["locale"], "es");

  // Sign-up takes it too, and checks it alike.
  auto signed_up = client_->post(
      "/api/v1/auth/register",
      {{"email", "sam@example.com"}, {"password", "a long enough passphrase"}, {"name", "Sam"}, {"locale", "es"}});
  ASSERT_EQ(signed_up.status, 201) << signed_up.body;
  EXPECT_EQ(signed_up.json()["user"]["locale"], "es");
  EXPECT_EQ(client_->get("/api/v1/me", signed_up.json()["access_token"]).json()["locale"], "es");
  auto refused = client_->post(
      "/api/v1/auth/register",
      {{"email", "kim@example.com"}, {"password", "a long enough passphrase"}, {"name", "Kim"}, {"locale", "de"}});
  ASSERT_EQ(refused.status, 422);
  EXPECT_EQ(refused.json()["errors"][0]["field"], "locale");
}

TEST_P(IdentityHttpTest, OnlyPlatformAdminsGrantRoles) {
  auto a = sign_up("pat@example.com");
  auto b = sign_up("sam@example.com");
  nlohmann::json grant = {{"role", "platform_admin"}, {"scope_type", "platform"}};
  EXPECT_EQ(client_->post("/api/v1/admin/users/" + b.id + "/roles", grant, a.access).status, 403);
  ASSERT_TRUE(
      app_->service<identity::IdentityService>()
          .grant_role(identity::UserId{a.id}, identity::Role::platform_admin, identity::ScopeType::platform, "", {})
          .ok());
  auto r = client_->post("/api/v1/admin/users/" + b.id + "/roles", grant, a.access);
  ASSERT_EQ(r.status, 201) << r.body;
  auto role_id = r.json()["id"].get<std::string>();
  EXPECT_EQ(client_->get("/api/v1/me", b.access).json()["roles"][0]["role"], "platform_admin");
  // Roles are read with the session on each request: a grant or removal counts at the next one.
  auto c = sign_up("kim@example.com");
  nlohmann::json coach = {{"role", "coach"}, {"scope_type", "platform"}};
  EXPECT_EQ(client_->post("/api/v1/admin/users/" + c.id + "/roles", coach, b.access).status, 201);
  EXPECT_EQ(client_->send("DELETE", "/api/v1/admin/users/" + b.id + "/roles/" + role_id, nullptr, a.access).status,
            204);
  EXPECT_EQ(client_->post("/api/v1/admin/users/" + c.id + "/roles", coach, b.access).status, 403);
  EXPECT_EQ(
      client_
          ->post("/api/v1/admin/users/" + b.id + "/roles", {{"role", "wizard"}, {"scope_type", "platform"}}, a.access)
          .json()["errors"][0]["field"],
      "role");
}

SB_INSTANTIATE_BACKENDS(IdentityHttpTest);

}  // namespace
}  // namespace slotbase::testing

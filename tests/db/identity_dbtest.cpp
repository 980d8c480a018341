#include "identity/identity_service.h"
#include "support/app_fixture.h"

namespace slotbase::testing {
namespace {

using identity::Permission;
using identity::Role;
using identity::ScopeType;

class IdentityTest : public AppTest {
 protected:
  identity::AuthResult sign_up(const std::string& email) {
    auto r =
        app_->service<identity::IdentityService>().register_user({email, "a long enough passphrase", "Pat Player"}, {});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().detail);
    return r.value();
  }
  std::vector<std::string> event_types() {
    return app_->database().read([](db::Connection& c) {
      std::vector<std::string> out;
      for (const auto& r : c.query("SELECT type FROM outbox ORDER BY seq")) out.push_back(r.text(0));
      return out;
    });
  }
};

TEST_P(IdentityTest, SignUpCreatesTheUserASessionAndAnEvent) {
  auto a = sign_up("Pat@Example.com");
  EXPECT_EQ(a.user.email, "pat@example.com");
  EXPECT_TRUE(app_->service<identity::IdentityService>().validate_session(a.access_token).ok());
  EXPECT_EQ(event_types(), std::vector<std::string>{"user.created"});
}

TEST_P(IdentityTest, TheSameEmailCannotSignUpTwice) {
  sign_up("pat@example.com");
  auto again = app_->service<identity::IdentityService>().register_user(
      {"PAT@example.com", "another long passphrase", "Pat"}, {});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_P(IdentityTest, LoginFailsAlikeForUnknownEmailAndWrongPassword) {
  sign_up("pat@example.com");
  auto wrong = app_->service<identity::IdentityService>().login("pat@example.com", "not the passphrase", {});
  auto unknown = app_->service<identity::IdentityService>().login("nobody@example.com", "a long enough passphrase", {});
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(wrong.error().detail, unknown.error().detail);
  EXPECT_TRUE(app_->service<identity::IdentityService>().login("PAT@example.com", "a long enough passphrase", {}).ok());
}

TEST_P(IdentityTest, RefreshRotatesAndReuseRevokesTheSession) {
  auto a = sign_up("pat@example.com");
  auto b = app_->service<identity::IdentityService>().refresh(a.refresh_token, {});
  ASSERT_TRUE(b.ok());
  EXPECT_NE(b->refresh_token, a.refresh_token);
  EXPECT_EQ(b->session_id, a.session_id);
  // The old token comes back: the session ends, so even the newest pair stops working.
  auto reuse = app_->service<identity::IdentityService>().refresh(a.refresh_token, {});
  ASSERT_FALSE(reuse.ok());
  EXPECT_EQ(reuse.error().code, ErrorCode::unauthenticated);
  EXPECT_FALSE(app_->service<identity::IdentityService>().refresh(b->refresh_token, {}).ok());
  EXPECT_FALSE(app_->service<identity::IdentityService>().validate_session(b->access_token).ok());
}

TEST_P(IdentityTest, AccessTokensExpire) {
  auto a = sign_up("pat@example.com");
  // Accepted first, so the token's checked claims are remembered: its expiry must still count.
  EXPECT_TRUE(app_->service<identity::IdentityService>().validate_session(a.access_token).ok());
  clock_.advance(std::chrono::minutes(14));
  EXPECT_TRUE(app_->service<identity::IdentityService>().validate_session(a.access_token).ok());
  clock_.advance(std::chrono::minutes(2));
  EXPECT_FALSE(app_->service<identity::IdentityService>().validate_session(a.access_token).ok());
  EXPECT_TRUE(app_->service<identity::IdentityService>().refresh(a.refresh_token, {}).ok());
}

TEST_P(IdentityTest, LogoutEndsOnlyThatSession) {
  auto phone = sign_up("pat@example.com");
  EXPECT_TRUE(app_->service<identity::IdentityService>().validate_session(phone.access_token).ok());
  auto laptop =
      app_->service<identity::IdentityService>().login("pat@example.com", "a long enough passphrase", {}).value();
  ASSERT_TRUE(app_->service<identity::IdentityService>().logout(phone.session_id, {}).ok());
  EXPECT_FALSE(app_->service<identity::IdentityService>().validate_session(phone.access_token).ok());
  EXPECT_FALSE(app_->service<identity::IdentityService>().refresh(phone.refresh_token, {}).ok());
  EXPECT_TRUE(app_->service<identity::IdentityService>().validate_session(laptop.access_token).ok());
}

TEST_P(IdentityTest, RolesAreScopedAndEmitEvents) {
  auto a = sign_up("desk@example.com");
  auto granted = app_->database().transact([&](db::Connection& tx) {
    return app_->service<identity::IdentityService>().assign_role(db::UnitOfWork::of(app_->database(), tx), a.user.id,
                                                                  Role::staff, ScopeType::facility, "fac_1", {});
  });
  ASSERT_TRUE(granted.ok());
  EXPECT_TRUE(app_->service<identity::IdentityService>().check_permission(a.user.id, Permission::bookings_manage,
                                                                          {"org_1", "fac_1"}));
  EXPECT_FALSE(app_->service<identity::IdentityService>().check_permission(a.user.id, Permission::bookings_manage,
                                                                           {"org_1", "fac_2"}));
  EXPECT_FALSE(app_->service<identity::IdentityService>().check_permission(a.user.id, Permission::facility_manage,
                                                                           {"org_1", "fac_1"}));
  ASSERT_TRUE(app_->service<identity::IdentityService>().remove_role(a.user.id, granted->id, {}).ok());
  EXPECT_FALSE(app_->service<identity::IdentityService>().check_permission(a.user.id, Permission::bookings_manage,
                                                                           {"org_1", "fac_1"}));
  EXPECT_EQ(event_types(), (std::vector<std::string>{"user.created", "role.assigned", "role.removed"}));
}

// A session's roles are kept in memory for a few seconds, but a change in this process is seen at
// once: a grant in another module's transaction once it commits, never while it may roll back.
TEST_P(IdentityTest, ASessionSeesItsRolesChangeAtOnce) {
  auto& identity = app_->service<identity::IdentityService>();
  auto a = sign_up("desk@example.com");
  ASSERT_TRUE(identity.validate_session(a.access_token)->roles.empty());
  struct Rollback {};
  try {
    (void)app_->database().transact([&](db::Connection& tx) -> Result<void> {
      (void)identity.assign_role(db::UnitOfWork::of(app_->database(), tx), a.user.id, Role::staff, ScopeType::facility,
                                 "fac_1", {});
      throw Rollback{};
    });
  } catch (const Rollback&) {
  }
  EXPECT_TRUE(identity.validate_session(a.access_token)->roles.empty());
  auto granted = app_->database().transact([&](db::Connection& tx) {
    return identity.assign_role(db::UnitOfWork::of(app_->database(), tx), a.user.id, Role::staff, ScopeType::facility,
                                "fac_1", {});
  });
  ASSERT_TRUE(granted.ok());
  ASSERT_EQ(identity.validate_session(a.access_token)->roles.size(), 1u);
  ASSERT_TRUE(identity.remove_role(a.user.id, granted->id, {}).ok());
  EXPECT_TRUE(identity.validate_session(a.access_token)->roles.empty());
  ASSERT_TRUE(identity.logout(a.session_id, {}).ok());
  EXPECT_FALSE(identity.validate_session(a.access_token).ok());
}

TEST_P(IdentityTest, DeletedAccountsCannotLogInAndFreeTheirEmail) {
  auto a = sign_up("pat@example.com");
  ASSERT_TRUE(app_->service<identity::IdentityService>().delete_user(a.user.id, {}).ok());
  EXPECT_FALSE(app_->service<identity::IdentityService>().validate_session(a.access_token).ok());
  EXPECT_FALSE(
      app_->service<identity::IdentityService>().login("pat@example.com", "a long enough passphrase", {}).ok());
  sign_up("pat@example.com");
}

TEST_P(IdentityTest, ChangingThePasswordNeedsTheCurrentOne) {
  auto a = sign_up("pat@example.com");
  identity::UserUpdate bad{std::nullopt, std::string("a brand new passphrase"), std::string("wrong")};
  auto r = app_->service<identity::IdentityService>().update_user(a.user.id, bad, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields[0].field, "current_password");
  identity::UserUpdate good{std::string("Pat P."), std::string("a brand new passphrase"),
                            std::string("a long enough passphrase")};
  ASSERT_TRUE(app_->service<identity::IdentityService>().update_user(a.user.id, good, {}).ok());
  EXPECT_TRUE(app_->service<identity::IdentityService>().login("pat@example.com", "a brand new passphrase", {}).ok());
  EXPECT_EQ(app_->service<identity::IdentityService>().get_user(a.user.id)->name, "Pat P.");
}

SB_INSTANTIATE_BACKENDS(IdentityTest);

}  // namespace
}  // namespace slotbase::testing

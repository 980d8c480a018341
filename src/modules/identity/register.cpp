#include "identity/register.h"

#include "identity_routes.h"
#include "identity_service_impl.h"
#include "platform/http/pipeline.h"

namespace slotbase::identity {
namespace {

class SessionAuthenticator final : public http::Authenticator {
 public:
  explicit SessionAuthenticator(IdentityService& identity) : identity_(identity) {}
  Result<http::Principal> authenticate(const std::string& token) override {
    SB_ASSIGN_OR_RETURN(auto session, identity_.validate_session(token));
    auto facts = std::make_shared<const SessionRoles>(session.user_id, std::move(session.roles));
    return http::Principal{session.user_id.str(), session.session_id.str(), std::move(facts)};
  }

 private:
  IdentityService& identity_;
};

class IdentityModule final : public Module {
 public:
  explicit IdentityModule(ModuleContext& c)
      : service_(c.db, c.clock, c.outbox, c.services.get<security::PasswordHasher>(),
                 c.services.get<security::JwtSigner>(), c.services.get<ratelimit::RateLimiter>(),
                 IdentityOptions{std::chrono::seconds(c.config.access_token_ttl_seconds),
                                 std::chrono::hours(24 * c.config.refresh_token_ttl_days), SignInLimits{}}),
        authenticator_(service_) {
    c.services.provide<IdentityService>(service_);
    c.services.provide<http::Authenticator>(authenticator_);
  }

  std::string_view name() const override { return "identity"; }
  void register_routes(http::Router& router) override { register_identity_routes(router, service_); }

 private:
  IdentityServiceImpl service_;
  SessionAuthenticator authenticator_;
};

}  // namespace

std::unique_ptr<Module> make_module(ModuleContext& context) {
  return std::make_unique<IdentityModule>(context);
}

}  // namespace slotbase::identity

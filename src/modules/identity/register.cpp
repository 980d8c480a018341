#include "modules/identity/register.h"

#include "modules/identity/identity_routes.h"
#include "modules/identity/identity_service_impl.h"

namespace slotbase::identity {
namespace {

class SessionAuthenticator final : public http::Authenticator {
 public:
  explicit SessionAuthenticator(IdentityService& identity) : identity_(identity) {}
  Result<http::Principal> authenticate(const std::string& token) override {
    SB_ASSIGN_OR_RETURN(auto session, identity_.validate_session(token));
    auto facts = std::make_shared<const SessionRoles>(session.user_id, std::move(session.roles));
    return http::Principal{std::move(session.user_id), std::move(session.session_id), std::move(facts)};
  }

 private:
  IdentityService& identity_;
};

}  // namespace

IdentityModule::IdentityModule(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                               const security::PasswordHasher& hasher, const security::JwtSigner& jwt,
                               ratelimit::RateLimiter& limiter, IdentityModuleOptions options)
    : service_(std::make_unique<IdentityServiceImpl>(
          db, clock, outbox, hasher, jwt, limiter,
          IdentityOptions{options.access_ttl, options.refresh_ttl, ratelimit::Bucket{10, 2}})),
      authenticator_(std::make_unique<SessionAuthenticator>(*service_)) {}

IdentityModule::~IdentityModule() = default;

void IdentityModule::register_routes(http::Router& router) {
  register_identity_routes(router, *service_);
}

}  // namespace slotbase::identity

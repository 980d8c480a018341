#pragma once

#include <memory>

#include "modules/identity/identity_service.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/outbox.h"
#include "platform/http/pipeline.h"
#include "platform/http/router.h"
#include "platform/ratelimit/rate_limiter.h"
#include "platform/security/jwt.h"
#include "platform/security/password.h"

namespace slotbase::identity {

struct IdentityModuleOptions {
  std::chrono::seconds access_ttl{900};
  std::chrono::hours refresh_ttl{24 * 30};
};

/// The identity module as the composition root sees it: its service, the Bearer authenticator it
/// provides to the HTTP pipeline, and its routes.
class IdentityModule {
 public:
  IdentityModule(db::Database& db, const Clock& clock, const events::Outbox& outbox,
                 const security::PasswordHasher& hasher, const security::JwtSigner& jwt,
                 ratelimit::RateLimiter& limiter, IdentityModuleOptions options);
  ~IdentityModule();

  IdentityService& service() { return *service_; }
  http::Authenticator& authenticator() { return *authenticator_; }
  void register_routes(http::Router& router);

 private:
  std::unique_ptr<IdentityService> service_;
  std::unique_ptr<http::Authenticator> authenticator_;
};

}  // namespace slotbase::identity

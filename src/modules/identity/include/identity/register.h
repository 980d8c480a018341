#pragma once

#include <memory>

#include "platform/module/module.h"

namespace slotbase::identity {

/// Builds the identity module. Needs the platform's security::PasswordHasher, security::JwtSigner
/// and ratelimit::RateLimiter; provides IdentityService and the http::Authenticator that checks
/// Bearer tokens for the HTTP pipeline.
std::unique_ptr<Module> make_module(ModuleContext& context);

}  // namespace slotbase::identity

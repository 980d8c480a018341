#pragma once

#include "identity/identity_service.h"
#include "platform/http/router.h"

namespace slotbase::identity {

/// The contract's Identity routes, plus account changes and platform role administration.
void register_identity_routes(http::Router& router, IdentityService& identity);

}  // namespace slotbase::identity

#pragma once

#include "platform/http/router.h"
#include "resource/resource_service.h"

namespace slotbase::resource {

/// The contract's Resources routes (blocks are the booking module's).
void register_resource_routes(http::Router& router, ResourceService& resources);

}  // namespace slotbase::resource

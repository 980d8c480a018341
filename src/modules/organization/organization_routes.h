#pragma once

#include "organization/organization_service.h"
#include "platform/http/router.h"

namespace slotbase::organization {

/// The contract's Organizations and facilities routes, plus lists and facility search.
void register_organization_routes(http::Router& router, OrganizationService& orgs);

}  // namespace slotbase::organization

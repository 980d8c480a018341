#pragma once

#include "organization/organization_service.h"
#include "platform/http/router.h"

namespace slotbase::organization {

/// The roster, invitations and join requests (players.cpp).
void register_players_routes(http::Router& router, OrganizationService& orgs);

}  // namespace slotbase::organization

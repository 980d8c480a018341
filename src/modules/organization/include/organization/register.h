#pragma once

#include <memory>

#include "platform/module/module.h"

namespace slotbase::organization {

/// Builds the organization module. Needs identity::IdentityService; provides OrganizationService.
/// Invitations by e-mail are honoured when their person signs up (it follows user.created).
std::unique_ptr<Module> make_module(ModuleContext& context);

}  // namespace slotbase::organization

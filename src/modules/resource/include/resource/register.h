#pragma once

#include <memory>

#include "platform/module/module.h"

namespace slotbase::resource {

/// Builds the resource module. Needs organization::OrganizationService; provides ResourceService.
std::unique_ptr<Module> make_module(ModuleContext& context);

}  // namespace slotbase::resource

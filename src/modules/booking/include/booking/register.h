#pragma once

#include <memory>

#include "platform/module/module.h"

namespace slotbase::booking {

/// Builds the booking module. Needs organization::OrganizationService and
/// resource::ResourceService; takes card payments through a PaymentGateway when a module built
/// before it provided one. Provides BookingService and RecurringService.
std::unique_ptr<Module> make_module(ModuleContext& context);

}  // namespace slotbase::booking

#pragma once

#include <memory>

#include "platform/module/module.h"

namespace slotbase::notification {

/// The notification module, for the composition root (src/app).
std::unique_ptr<Module> make_module(ModuleContext& context);

}  // namespace slotbase::notification

#pragma once

#include "platform/http/router.h"
#include "template_service.h"

namespace slotbase::notification {

/// A facility's own notification templates: the list with the files' wording, an override's
/// PUT and DELETE, and a preview with a sample booking.
void register_template_routes(http::Router& router, TemplateService& templates);

}  // namespace slotbase::notification

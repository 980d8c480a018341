#pragma once

#include "notification/notification_service.h"
#include "platform/http/router.h"
#include "templates.h"

namespace slotbase::notification {

/// The contract's "Notifications" routes: the inbox, read state, preferences, one-click
/// unsubscribe (and the page its link opens, which changes nothing), the staff's delivery log
/// and the platform administrators' outbox. `templates` renders the unsubscribe page.
void register_notification_routes(http::Router& router, NotificationService& notifications, const Templates& templates);

}  // namespace slotbase::notification

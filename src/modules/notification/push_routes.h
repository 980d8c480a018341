#pragma once

#include "platform/http/router.h"
#include "push_subscriptions.h"
#include "web_push.h"

namespace slotbase::notification {

/// The contract's Web Push routes: the server's VAPID public key (the browsers'
/// applicationServerKey), and the caller's push subscriptions, made and removed by endpoint.
void register_push_routes(http::Router& router, PushSubscriptions& subscriptions, const Vapid& vapid);

}  // namespace slotbase::notification

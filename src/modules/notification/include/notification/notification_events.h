#pragma once

#include <string>
#include <tuple>

#include "platform/events/typed_event.h"

/// The events the notification module emits (platform/events/typed_event.h says how they are
/// written).
namespace slotbase::notification {

/// An in-app notification reached a user's inbox; the live feed pushes it to their open
/// connections as {"type":"notification", ...}.
struct NotificationCreated {
  static constexpr const char* kType = "notification.created";
  static constexpr int kVersion = 1;
  std::string notification_id;
  std::string user_id;
  std::string type;
  std::string title;
  std::string body;
  Instant created_at;
  bool operator==(const NotificationCreated&) const = default;
};
SB_EVENT_CODEC(NotificationCreated, notification_id, user_id, type, title, body, created_at)

using Events = std::tuple<NotificationCreated>;

}  // namespace slotbase::notification

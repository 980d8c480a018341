#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/core/enum_names.h"
#include "platform/core/ids.h"
#include "platform/core/time.h"

namespace slotbase::notification {

using NotificationId = Id<struct NotificationTag>;

/// The ways a message reaches someone. Push goes by Web Push to each device the user subscribed.
enum class Channel { in_app, email, sms, push };
constexpr EnumNames<Channel, 4> names_of(Channel) {
  return {{{{Channel::in_app, "in_app"}, {Channel::email, "email"}, {Channel::sms, "sms"}, {Channel::push, "push"}}}};
}
inline constexpr Channel kChannels[] = {Channel::email, Channel::sms, Channel::push, Channel::in_app};

/// queued: waiting to go (also while quiet hours or a batch hold it); sent: handed to the mail
/// server, the SMS provider or the local outbox; delivered: in the user's inbox (in-app), or
/// reported delivered by the provider; failed: a permanent refusal, a bounce, or retries used up
/// (the dead letters); suppressed: not sent, by the user's preferences, an undeliverable address
/// or number, the hourly cap, or because it went out inside a batch.
enum class DeliveryStatus { queued, sent, delivered, failed, suppressed };
constexpr EnumNames<DeliveryStatus, 5> names_of(DeliveryStatus) {
  return {{{{DeliveryStatus::queued, "queued"},
            {DeliveryStatus::sent, "sent"},
            {DeliveryStatus::delivered, "delivered"},
            {DeliveryStatus::failed, "failed"},
            {DeliveryStatus::suppressed, "suppressed"}}}};
}

/// One message of one type to one person on one channel: an in-app notification, or an e-mail
/// with its delivery record.
struct Notification {
  NotificationId id;
  std::string type;  // the catalogue's name, e.g. "booking.confirmed"
  Channel channel = Channel::in_app;
  std::string user_id;
  std::optional<std::string> facility_id;
  std::string recipient;  // the address it went to: the e-mail address, or the user id in-app
  bool critical = false;
  DeliveryStatus status = DeliveryStatus::queued;
  int attempts = 0;
  std::optional<std::string> error;
  std::string title;  // the e-mail's subject, or the in-app title
  std::string body;   // plain text
  std::optional<std::string> html;
  nlohmann::json data = nlohmann::json::object();  // what it is about: booking_id, hold_id, ...
  Instant send_after{};                            // quiet hours hold it until then
  std::optional<Instant> sent_at;
  std::optional<Instant> read_at;
  Instant created_at{};
  std::optional<std::string> provider_id;  // the provider's id of it (Resend's e-mail id, Twilio's SID)
  std::optional<std::string> batch_key;    // held to go out together with others of its kind
  bool undeliverable = false;              // its recipient is now known to be unreachable (read only)
};

/// One try to hand a message over, or what its provider said of it afterwards.
struct DeliveryAttempt {
  Instant at{};
  std::string provider;  // smtp | resend | twilio | outbox
  std::string outcome;   // sent | transient | permanent | bounced | complained | delivered | suppressed
  std::optional<std::string> error;
};

/// A message as it was sent, with every try to hand it over.
struct DeliveryRecord {
  Notification notification;
  std::vector<DeliveryAttempt> attempts;
  std::optional<std::string> recipient_name;  // the recipient's name as identity has it now
};

struct InboxQuery {
  bool unread_only = false;
  int limit = 50;
  std::optional<std::string> cursor;
};

struct Inbox {
  std::vector<Notification> items;
  std::int64_t unread_count = 0;
  std::optional<std::string> next_cursor;
};

/// Which channels a type goes on for a user.
using ChannelSwitches = std::map<Channel, bool>;

/// A user's choices. `types` holds every type of the catalogue, defaults filled in.
struct Preferences {
  ChannelSwitches channels;
  std::map<std::string, ChannelSwitches> types;
  LocalTime quiet_start{22 * 60};
  LocalTime quiet_end{7 * 60};
  bool quiet_hours = true;
  std::optional<std::string> timezone;  // none: the facility's zone of each message
};

/// A change to the preferences: what is present replaces, what is absent stays.
struct PreferencesPatch {
  std::optional<ChannelSwitches> channels;
  std::map<std::string, ChannelSwitches> types;
  std::optional<LocalTime> quiet_start;
  std::optional<LocalTime> quiet_end;
  std::optional<bool> quiet_hours;
  std::optional<std::optional<std::string>> timezone;
};

struct DeliveryQuery {
  std::optional<DeliveryStatus> status;
  std::optional<std::string> user_id;
  std::optional<std::string> type;
  std::optional<Channel> channel;
  std::optional<LocalDate> date;  // made on this day of the facility's wall clock
  int limit = 100;
  std::optional<std::string> cursor;
};

struct DeliveryLog {
  std::vector<Notification> items;
  std::map<std::string, std::vector<DeliveryAttempt>> attempts;  // notification id -> its attempts, oldest first
  std::optional<std::string> next_cursor;
  std::map<std::string, std::string> names;  // user id -> name, of the items' recipients (one look-up)
};

/// An e-mail or a text message as it would have gone out, kept in the local outbox when no
/// provider is configured for its channel. A text message has no subject or HTML; `to` is the
/// number.
struct OutboxMessage {
  std::string id;
  std::string channel = "email";  // email | sms
  std::string notification_id;
  std::string to;
  std::string from;
  std::string subject;
  std::string text;
  std::string html;
  std::map<std::string, std::string> headers;
  std::string message;  // the whole message, as it would have been sent (RFC 5322, MIME)
  Instant created_at{};
};

struct OutboxQuery {
  std::optional<std::string> to;
  int limit = 50;
  std::optional<std::string> cursor;
};

struct OutboxPage {
  std::vector<OutboxMessage> items;
  std::optional<std::string> next_cursor;
};

/// The headers a provider's webhook is signed with (Svix: svix-id, svix-timestamp, svix-signature).
struct WebhookSignature {
  std::string id;
  std::string timestamp;
  std::string signature;
};

struct Unsubscribed {
  std::string user_id;
  std::string type;
  std::string locale = "en";  // the user's language, for the page that answers
};

}  // namespace slotbase::notification

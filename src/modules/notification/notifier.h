#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dispatch.h"
#include "identity/identity_service.h"
#include "notification/notification_types.h"
#include "organization/organization_service.h"
#include "platform/clock/clock.h"
#include "platform/db/database.h"
#include "platform/events/jobs.h"
#include "platform/events/outbox.h"
#include "preferences.h"
#include "push_subscriptions.h"
#include "template_overrides.h"
#include "templates.h"

namespace slotbase::notification {

/// Where links in messages point, and the key unsubscribe tokens are signed with.
struct Links {
  std::string public_url;  // "https://book.example.com": the apps and the API
  std::string unsubscribe_secret;
  std::string app() const { return public_url + "/"; }
  std::string unsubscribe(const std::string& token) const;
};

/// One message to make: of one type, to one person, about one thing that happened.
struct Occasion {
  std::string type;
  std::string user_id;
  std::optional<std::string> facility_id;
  /// What makes it happen once with type, recipient and channel: the event's id, or the
  /// reminder's "reminder:<booking>:<rule>:<start>".
  std::string key;
  std::optional<std::string> event_id;
  nlohmann::json facts = nlohmann::json::object();  // for the templates
  nlohmann::json data = nlohmann::json::object();   // for clients: booking_id, hold_id, ...
};

/// A notification ready to write, with the key that makes it once.
struct Prepared {
  Notification notification;
  std::string dedupe_key;
  std::optional<std::string> event_id;
};

/// Turns an occasion into its notifications, one per channel: finds the recipient, applies
/// their preferences (a channel or type turned off is recorded as suppressed) and quiet hours
/// (a non-critical e-mail, push or SMS waits for their end), and renders the templates. Push goes
/// to each device the user turned it on for, one notification each. SMS goes only to a user with a
/// phone number, for types with an SMS template; where it replaces the e-mail
/// (TypeInfo::sms_replaces_email) the e-mail is kept behind as its fallback. Writing them inserts
/// each once (by its unique key); suppresses what would go to an undeliverable address or number
/// (and lets the fallback e-mail go instead); holds a batched type's messages for their batch;
/// queues the others' sending jobs within the hourly cap; and announces each in-app
/// notification (notification.created) for the live feed. Thread-safe.
class Notifier {
 public:
  Notifier(const Clock& clock, const events::Outbox& outbox, const events::JobQueue& jobs,
           identity::IdentityService& identity, organization::OrganizationService& orgs, const Templates& templates,
           const TemplateOverrides& overrides, PreferenceStore& preferences, Links links, const PushSubscriptions& push,
           Limits limits = {})
      : clock_(clock),
        outbox_(outbox),
        jobs_(jobs),
        identity_(identity),
        orgs_(orgs),
        templates_(templates),
        overrides_(overrides),
        preferences_(preferences),
        links_(std::move(links)),
        push_(push),
        limits_(limits) {}

  /// Reads what the messages need (outside any transaction); nothing for a user who is gone.
  std::vector<Prepared> prepare(const Occasion& o) const;
  /// Writes them in `tx`; a notification written before (the same key) is left alone.
  void write(db::Connection& tx, const std::vector<Prepared>& prepared) const;

  const Links& links() const { return links_; }

 private:
  const Clock& clock_;
  const events::Outbox& outbox_;
  const events::JobQueue& jobs_;
  identity::IdentityService& identity_;
  organization::OrganizationService& orgs_;
  const Templates& templates_;
  const TemplateOverrides& overrides_;  // a facility's own wording of its messages
  PreferenceStore& preferences_;
  Links links_;
  const PushSubscriptions& push_;
  Limits limits_;
};

}  // namespace slotbase::notification

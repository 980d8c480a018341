#include "notifier.h"

#include <algorithm>

#include "batching.h"
#include "catalogue.h"
#include "notification/notification_events.h"
#include "notification_repository.h"
#include "platform/core/ids.h"
#include "platform/core/zone.h"
#include "rules/mime.h"
#include "rules/quiet_hours.h"
#include "rules/unsubscribe_token.h"
#include "web_push.h"

namespace slotbase::notification {

std::string Links::unsubscribe(const std::string& token) const {
  return public_url + "/api/v1/unsubscribe?token=" + token;
}

std::vector<Prepared> Notifier::prepare(const Occasion& o) const {
  const TypeInfo& info = type_info(o.type);
  auto user = identity_.get_user(identity::UserId{o.user_id});
  if (!user.ok() || user->status != "active") return {};
  std::optional<organization::Facility> facility;
  if (o.facility_id) facility = orgs_.find_facility(organization::FacilityId{*o.facility_id});
  const Preferences prefs = preferences_.of(o.user_id);
  const Instant now = clock_.now();

  // Times and amounts stay facts until a template writes them in the recipient's language.
  const std::string& locale = user->locale;
  nlohmann::json facts = o.facts;
  facts["name"] = user->name;
  facts["facility"] = facility ? facility->name : "";
  facts["app_url"] = links_.app();

  // Quiet hours in the user's zone, else the facility's, else UTC.
  std::optional<Instant> held_until;
  if (!info.critical && prefs.quiet_hours) {
    auto zone = Zone::find(prefs.timezone.value_or(facility ? facility->timezone : "UTC"));
    if (!zone) zone = Zone::find("UTC");
    held_until = rules::quiet_until(now, *zone, prefs.quiet_start, prefs.quiet_end);
  }

  std::vector<Prepared> out;
  auto make = [&](Channel channel) {
    Notification n;
    n.id = NotificationId{new_id("ntf")};
    n.type = o.type;
    n.channel = channel;
    n.user_id = o.user_id;
    n.facility_id = o.facility_id;
    n.critical = info.critical;
    n.data = o.data;
    n.send_after = now;
    n.created_at = now;
    return n;
  };
  const std::string key = o.key + ":" + o.type + ":" + o.user_id + ":";

  // E-mail: to the account's address, with one-click unsubscribe from this type.
  {
    Notification n = make(Channel::email);
    n.recipient = user->email;
    nlohmann::json with = facts;
    const std::string token = rules::make_unsubscribe_token(links_.unsubscribe_secret, {o.user_id, o.type});
    with["unsubscribe_url"] = links_.unsubscribe(token);
    n.data["unsubscribe_url"] = with["unsubscribe_url"];
    auto rendered = overrides_.render(o.facility_id, o.type, Channel::email, locale, with);
    n.title = std::move(rendered.title);
    n.body = std::move(rendered.text);
    n.html = std::move(rendered.html);
    if (!PreferenceStore::wants(prefs, o.type, Channel::email)) {
      n.status = DeliveryStatus::suppressed;
      n.error = "e-mail of this type is turned off in the user's preferences";
    } else if (!rules::plausible_address(n.recipient)) {
      n.status = DeliveryStatus::failed;
      n.error = "not a deliverable address";
    } else {
      n.status = DeliveryStatus::queued;
      if (held_until) n.send_after = *held_until;
    }
    out.push_back({std::move(n), key + "email", o.event_id});
  }
  // SMS: to the user's phone, only when they gave one, for the types that have a text.
  if (user->phone && PreferenceStore::wants(prefs, o.type, Channel::sms) &&
      templates_.has(o.type, Channel::sms, Templates::kDefaultLocale)) {
    Notification n = make(Channel::sms);
    n.recipient = *user->phone;
    n.body = templates_.render(o.type, Channel::sms, locale, facts).text;
    n.status = DeliveryStatus::queued;
    if (held_until) n.send_after = *held_until;
    Notification& email = out.front().notification;
    if (info.sms_replaces_email && email.status == DeliveryStatus::queued) {
      // The text says it; the e-mail waits in case the text cannot be delivered.
      email.status = DeliveryStatus::suppressed;
      email.error = "sent by text message instead; kept in case the text fails";
      email.data["fallback"] = true;
      n.data["fallback_id"] = email.id.str();
    }
    out.push_back({std::move(n), key + "sms", o.event_id});
  }
  // What a batch needs to say of each message and of them all, if several are gathered: the
  // items' words already in the recipient's language, which the batch is written in too.
  if (info.batched) {
    const nlohmann::json words = templates_.localize(facts, locale);
    for (auto& p : out) {
      p.notification.data["batch_item"] = {{"resource", words.value("resource", "")},
                                           {"when", words.value("when", "")},
                                           {"starts_at", words.value("starts_at", "")},
                                           {"reason", words.value("reason", "")},
                                           {"refund", words.value("refund", "")}};
      p.notification.data["batch_context"] = {
          {"name", user->name}, {"facility", facts["facility"]}, {"app_url", links_.app()}, {"locale", locale}};
    }
  }
  // In-app: in the inbox at once; it makes no noise, so quiet hours do not hold it.
  {
    Notification n = make(Channel::in_app);
    n.recipient = o.user_id;
    auto rendered = overrides_.render(o.facility_id, o.type, Channel::in_app, locale, facts);
    n.title = std::move(rendered.title);
    n.body = std::move(rendered.text);
    if (PreferenceStore::wants(prefs, o.type, Channel::in_app)) {
      n.status = DeliveryStatus::delivered;
      n.sent_at = now;
    } else {
      n.status = DeliveryStatus::suppressed;
      n.error = "in-app notifications of this type are turned off in the user's preferences";
    }
    out.push_back({std::move(n), key + "in_app", o.event_id});
  }
  // Push: the in-app words, to each device the user turned push on for (web_push.h sends them).
  const bool push_by_default = std::ranges::count(info.channels, Channel::push) > 0;
  const bool wants_push = PreferenceStore::wants(prefs, o.type, Channel::push);
  std::vector<PushSubscription> devices;
  if (wants_push || push_by_default) devices = push_.of_user(o.user_id);
  const Rendered words = devices.empty() ? Rendered{} : templates_.render(o.type, Channel::in_app, locale, facts);
  // A newer message about the same booking (or offer, or payment) replaces the older one.
  nlohmann::json tag;
  for (const char* about : {"booking_id", "hold_id", "intent_id", "payment_id", "refund_id", "fee_id"})
    if (tag.is_null() && o.data.contains(about) && o.data[about].is_string()) tag = o.data[about];
  for (const auto& device : devices) {
    Notification n = make(Channel::push);
    n.recipient = device.id;
    n.title = words.title;
    n.body = words.text;
    n.data["url"] = links_.app();
    if (!tag.is_null()) n.data["tag"] = tag;
    if (wants_push) {
      n.status = DeliveryStatus::queued;
      if (held_until) n.send_after = *held_until;
    } else {
      n.status = DeliveryStatus::suppressed;
      n.error = "push notifications of this type are turned off in the user's preferences";
    }
    out.push_back({std::move(n), key + "push:" + device.id, o.event_id});
  }
  return out;
}

void Notifier::write(db::Connection& tx, const std::vector<Prepared>& prepared) const {
  const Instant now = clock_.now();
  std::vector<Prepared> rows = prepared;
  // Nothing goes to an address or number known to be unreachable; a text that cannot go lets
  // the e-mail it replaced go instead.
  for (auto& p : rows) {
    Notification& n = p.notification;
    if (n.status != DeliveryStatus::queued || (n.channel != Channel::email && n.channel != Channel::sms)) continue;
    auto why = NotificationRepository::undeliverable(tx, n.channel, n.recipient);
    if (!why) continue;
    n.status = DeliveryStatus::suppressed;
    n.error = std::string(n.channel == Channel::sms ? "the number" : "the address") + " is undeliverable: " + *why;
    if (!n.data.contains("fallback_id")) continue;
    for (auto& e : rows)
      if (e.notification.id.str() == n.data["fallback_id"]) {
        e.notification.status = DeliveryStatus::queued;
        e.notification.error.reset();
        e.notification.data.erase("fallback");
      }
  }
  for (auto& p : rows) {
    Notification& n = p.notification;
    const bool sendable =
        n.status == DeliveryStatus::queued && (n.channel == Channel::email || n.channel == Channel::sms);
    // Account e-mails are outside the catalogue, and never batched.
    const TypeInfo* info = find_type(n.type);
    if (sendable && info && info->batched) n.batch_key = batch_key_of(n);
    if (!NotificationRepository::insert(tx, n, p.dedupe_key, p.event_id)) continue;
    if (sendable && n.batch_key)
      hold_for_batch(tx, jobs_, n, limits_, now);
    else if (sendable)
      queue_send(tx, jobs_, n, limits_, now);
    // A push goes to its one device at once: it is not batched or capped with e-mail and texts.
    if (n.channel == Channel::push && n.status == DeliveryStatus::queued)
      jobs_.enqueue(tx, kSendPushJob, {{"notification_id", n.id.str()}}, n.send_after,
                    kSendPushJob + (":" + n.id.str()), kPushAttempts);
    if (n.channel == Channel::in_app && n.status == DeliveryStatus::delivered)
      outbox_.append(
          tx, events::new_event(NotificationCreated{n.id.str(), n.user_id, n.type, n.title, n.body, n.created_at},
                                "notification", n.id.str(), n.facility_id, n.user_id, ""));
  }
}

}  // namespace slotbase::notification

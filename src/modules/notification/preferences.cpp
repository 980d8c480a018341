#include "preferences.h"

#include "catalogue.h"
#include "notification_repository.h"

namespace slotbase::notification {
namespace {

using nlohmann::json;

ChannelSwitches all_off() {
  ChannelSwitches s;
  for (Channel c : kChannels) s[c] = false;
  return s;
}

void apply_switches(ChannelSwitches& into, const json& stored) {
  if (!stored.is_object()) return;
  for (Channel c : kChannels) {
    const std::string name(to_string(c));
    if (stored.contains(name) && stored[name].is_boolean()) into[c] = stored[name].get<bool>();
  }
}

}  // namespace

Preferences PreferenceStore::resolve(const json& stored) {
  Preferences p;
  for (Channel c : kChannels) p.channels[c] = true;
  for (const auto& t : catalogue()) {
    auto& s = p.types[std::string(t.name)] = all_off();
    for (Channel c : t.channels) s[c] = true;
  }
  if (!stored.is_object()) return p;
  if (stored.contains("channels")) apply_switches(p.channels, stored["channels"]);
  if (stored.contains("types") && stored["types"].is_object())
    for (const auto& [type, switches] : stored["types"].items())
      if (p.types.contains(type)) apply_switches(p.types[type], switches);
  for (const auto& t : catalogue())
    if (t.critical) p.types[std::string(t.name)][Channel::in_app] = true;
  if (stored.contains("quiet_hours") && stored["quiet_hours"].is_object()) {
    const auto& q = stored["quiet_hours"];
    if (auto t = LocalTime::parse(q.value("start", ""))) p.quiet_start = *t;
    if (auto t = LocalTime::parse(q.value("end", ""))) p.quiet_end = *t;
    if (q.contains("enabled") && q["enabled"].is_boolean()) p.quiet_hours = q["enabled"].get<bool>();
    if (q.contains("timezone") && q["timezone"].is_string()) p.timezone = q["timezone"].get<std::string>();
  }
  return p;
}

Preferences PreferenceStore::of(const std::string& user_id) {
  auto stored = db_.read([&](db::Connection& c) { return NotificationRepository::preferences(c, user_id); });
  return resolve(stored.value_or(json::object()));
}

bool PreferenceStore::wants(const Preferences& p, const std::string& type, Channel channel) {
  auto on = [](const ChannelSwitches& s, Channel c) {
    auto it = s.find(c);
    return it != s.end() && it->second;
  };
  // A critical message always reaches the inbox: it makes no noise, and it changes plans.
  if (channel == Channel::in_app)
    if (const auto* info = find_type(type); info && info->critical) return true;
  auto t = p.types.find(type);
  return on(p.channels, channel) && t != p.types.end() && on(t->second, channel);
}

Result<Preferences> PreferenceStore::update(const std::string& user_id, const PreferencesPatch& patch) {
  std::vector<FieldError> errors;
  for (const auto& [type, switches] : patch.types) {
    const auto* info = find_type(type);
    if (!info) errors.push_back({"types." + type, "is not a notification type"});
    auto in_app = switches.find(Channel::in_app);
    if (info && info->critical && in_app != switches.end() && !in_app->second)
      errors.push_back({"types." + type + ".in_app", "is always on: a critical message always reaches the inbox"});
  }
  if (patch.timezone && *patch.timezone && !is_valid_time_zone(**patch.timezone))
    errors.push_back({"quiet_hours.timezone", "is not an IANA time zone"});
  if (!errors.empty()) return Error::invalid(std::move(errors));
  return db_.transact([&](db::Connection& tx) -> Result<Preferences> {
    json doc = NotificationRepository::preferences(tx, user_id).value_or(json::object());
    if (patch.channels)
      for (const auto& [channel, on] : *patch.channels) doc["channels"][std::string(to_string(channel))] = on;
    for (const auto& [type, switches] : patch.types)
      for (const auto& [channel, on] : switches) doc["types"][type][std::string(to_string(channel))] = on;
    if (patch.quiet_start) doc["quiet_hours"]["start"] = patch.quiet_start->str();
    if (patch.quiet_end) doc["quiet_hours"]["end"] = patch.quiet_end->str();
    if (patch.quiet_hours) doc["quiet_hours"]["enabled"] = *patch.quiet_hours;
    if (patch.timezone) doc["quiet_hours"]["timezone"] = *patch.timezone ? json(**patch.timezone) : json(nullptr);
    NotificationRepository::save_preferences(tx, user_id, doc, clock_.now());
    return resolve(doc);
  });
}

void PreferenceStore::unsubscribe(const std::string& user_id, const std::string& type) {
  db_.transact([&](db::Connection& tx) {
    json doc = NotificationRepository::preferences(tx, user_id).value_or(json::object());
    if (doc.contains("types") && doc["types"].contains(type) && doc["types"][type].value("email", true) == false)
      return;  // already off: nothing to write
    doc["types"][type]["email"] = false;
    NotificationRepository::save_preferences(tx, user_id, doc, clock_.now());
  });
}

}  // namespace slotbase::notification

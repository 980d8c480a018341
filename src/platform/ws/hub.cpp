#include "platform/ws/hub.h"

#include <iterator>
#include <vector>

namespace slotbase::ws {
namespace {

std::string error_frame(const std::string& code, const std::string& detail) {
  return nlohmann::json{{"type", "error"}, {"code", code}, {"detail", detail}}.dump();
}

// Drops `c` from every entry of `followers`, and the entries it leaves empty.
template <class Map>
void forget(Map& followers, std::atomic<std::size_t>& count, const Connection* c) {
  for (auto it = followers.begin(); it != followers.end();) {
    count -= it->second.erase(c);
    it = it->second.empty() ? followers.erase(it) : std::next(it);
  }
}

}  // namespace

void Hub::on_message(const std::shared_ptr<Connection>& c, const std::string& text) {
  auto msg = nlohmann::json::parse(text, nullptr, false);
  if (!msg.is_object() || !msg.contains("type") || !msg["type"].is_string())
    return c->send(error_frame("malformed_request", "Send {\"type\":\"subscribe\",\"facility_id\":\"...\"}."));
  const std::string type = msg["type"];
  // Members read as text only when they are text (or absent, or null): value(key, "") throws on a
  // number, which ended the connection without an answer.
  for (const char* key : {"channel", "facility_id", "access_token"})
    if (msg.contains(key) && !msg[key].is_string() && !msg[key].is_null())
      return c->send(error_frame("invalid_argument", std::string(key) + " must be a string."));
  auto member = [&msg](const char* key) {
    return msg.contains(key) && msg[key].is_string() ? msg[key].get<std::string>() : "";
  };
  if (member("channel") == "notifications" && (type == "subscribe" || type == "unsubscribe"))
    return on_user_message(c, type, member("access_token"));
  const std::string facility = member("facility_id");
  if (facility.empty() || (type != "subscribe" && type != "unsubscribe"))
    return c->send(error_frame("invalid_argument", "type must be subscribe or unsubscribe, with a facility_id."));
  if (type == "unsubscribe") {
    std::lock_guard lock(mu_);
    // Looked up, never inserted: any string may be sent here, and an entry per string would grow
    // without bound.
    if (auto it = followers_.find(facility); it != followers_.end()) {
      follows_ -= it->second.erase(c.get());
      if (it->second.empty()) followers_.erase(it);
    }
    c->send(nlohmann::json{{"type", "unsubscribed"}, {"facility_id", facility}}.dump());
    return;
  }
  if (!authorize_(facility, member("access_token")))
    return c->send(error_frame("not_found", "No such facility, or it is not visible to you."));
  {
    std::lock_guard lock(mu_);
    if (followers_[facility].insert_or_assign(c.get(), c).second) ++follows_;
  }
  c->send(nlohmann::json{{"type", "subscribed"}, {"facility_id", facility}}.dump());
}

void Hub::on_user_message(const std::shared_ptr<Connection>& c, const std::string& type, const std::string& token) {
  if (type == "unsubscribe") {
    std::lock_guard lock(mu_);
    forget(user_followers_, user_follows_, c.get());
    c->send(nlohmann::json{{"type", "unsubscribed"}, {"channel", "notifications"}}.dump());
    return;
  }
  const std::string user = resolve_user_ && !token.empty() ? resolve_user_(token) : "";
  if (user.empty())
    return c->send(error_frame("unauthenticated", "Send a valid access_token to follow your notifications."));
  {
    std::lock_guard lock(mu_);
    if (user_followers_[user].insert_or_assign(c.get(), c).second) ++user_follows_;
  }
  c->send(nlohmann::json{{"type", "subscribed"}, {"channel", "notifications"}}.dump());
}

void Hub::on_close(const Connection* c) {
  std::lock_guard lock(mu_);
  forget(followers_, follows_, c);
  forget(user_followers_, user_follows_, c);
}

void Hub::publish_to_user(const std::string& user_id, const nlohmann::json& message) {
  std::vector<std::shared_ptr<Connection>> targets;
  {
    std::lock_guard lock(mu_);
    auto it = user_followers_.find(user_id);
    if (it == user_followers_.end()) return;
    for (auto& [raw, weak] : it->second)
      if (auto c = weak.lock()) targets.push_back(std::move(c));
  }
  const std::string text = message.dump();
  for (auto& c : targets) c->send(text);
}

void Hub::publish(const std::string& facility_id, const nlohmann::json& message) {
  std::vector<std::shared_ptr<Connection>> targets;
  {
    std::lock_guard lock(mu_);
    auto it = followers_.find(facility_id);
    if (it == followers_.end()) return;
    for (auto& [raw, weak] : it->second)
      if (auto c = weak.lock()) targets.push_back(std::move(c));
  }
  const std::string text = message.dump();
  for (auto& c : targets) c->send(text);
}

std::size_t Hub::connections() const {
  std::lock_guard lock(mu_);
  std::set<const Connection*> all;
  for (const auto& [facility, conns] : followers_)
    for (const auto& [raw, weak] : conns) all.insert(raw);
  for (const auto& [user, conns] : user_followers_)
    for (const auto& [raw, weak] : conns) all.insert(raw);
  return all.size();
}

}  // namespace slotbase::ws

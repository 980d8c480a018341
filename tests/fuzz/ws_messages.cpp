// WebSocket messages: what a client sends on /ws, as the hub reads it (platform ws/hub.h). Beast
// reads the frames themselves and hands the hub each text message whole; an input is a session
// of such messages, one a line, from two connections taking turns.
//
// Invariants: every message gets exactly one reply, a JSON object whose type is subscribed,
// unsubscribed or error (an error with a code and detail); a connection follows a facility only
// when the authorizer let it, and a user's notifications only with a token that names a user;
// what is published reaches exactly the connections the replies said follow it; once closed, no
// connection follows anything.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "platform/ws/hub.h"

using namespace slotbase;
using nlohmann::json;

namespace {

struct Recorder : ws::Connection {
  std::vector<std::string> sent;
  void send(std::string text) override { sent.push_back(std::move(text)); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  // Facilities whose name starts with "pub" are visible to anyone; "club" ones to the token "staff".
  ws::Hub hub(
      [](const std::string& facility, const std::string& token) {
        return facility.starts_with("pub") || (facility.starts_with("club") && token == "staff");
      },
      [](const std::string& token) { return token.starts_with("user:") ? token.substr(5) : std::string(); });
  std::vector<std::shared_ptr<Recorder>> conns{std::make_shared<Recorder>(), std::make_shared<Recorder>()};
  // What the replies said each connection follows.
  std::vector<std::set<std::string>> follows(2);
  std::vector<bool> notified(2, false);

  std::size_t at = 0, turn = 0;
  while (at <= input.size()) {
    auto nl = input.find('\n', at);
    if (nl == std::string::npos) nl = input.size();
    const std::string message = input.substr(at, nl - at);
    at = nl + 1;
    const std::size_t who = turn++ % 2;
    auto& c = conns[who];
    const std::size_t before = c->sent.size();
    hub.on_message(c, message);
    fuzz::check(c->sent.size() == before + 1, "every message gets one reply", message);
    const json reply = json::parse(c->sent.back(), nullptr, false);
    fuzz::check(reply.is_object() && reply.contains("type") && reply["type"].is_string(), "a reply is a typed object",
                message);
    const std::string type = reply["type"];
    if (type == "error") {
      fuzz::check(reply.value("code", json()).is_string() && reply.value("detail", json()).is_string(),
                  "an error says what and why", message);
      continue;
    }
    fuzz::check(type == "subscribed" || type == "unsubscribed", "a reply is subscribed, unsubscribed or error",
                message);
    const json sent = json::parse(message);  // it was understood, so it is JSON
    if (reply.contains("channel")) {
      fuzz::check(reply["channel"] == "notifications", "the only channel is notifications", message);
      if (type == "subscribed") {
        const json token = sent.value("access_token", json());
        fuzz::check(token.is_string() && token.get<std::string>().starts_with("user:"),
                    "only a user's token follows notifications", message);
        notified[who] = true;
      } else {
        notified[who] = false;
      }
      continue;
    }
    const std::string facility = reply.value("facility_id", json()).get<std::string>();
    fuzz::check(facility == sent["facility_id"], "the reply names the facility asked for", message);
    if (type == "subscribed") {
      const json sent_token = sent.value("access_token", json());
      const std::string token = sent_token.is_string() ? sent_token.get<std::string>() : "";
      fuzz::check(facility.starts_with("pub") || (facility.starts_with("club") && token == "staff"),
                  "a connection follows only a facility it may see", message);
      follows[who].insert(facility);
    } else {
      follows[who].erase(facility);
    }
  }

  // Publishing reaches exactly the followers.
  std::set<std::string> facilities;
  for (const auto& f : follows) facilities.insert(f.begin(), f.end());
  for (const auto& facility : facilities) {
    std::vector<std::size_t> before{conns[0]->sent.size(), conns[1]->sent.size()};
    hub.publish(facility, json{{"type", "availability.changed"}, {"facility_id", facility}});
    for (std::size_t i = 0; i < 2; ++i)
      fuzz::check(conns[i]->sent.size() == before[i] + (follows[i].contains(facility) ? 1 : 0),
                  "a change reaches exactly the facility's followers", facility);
  }
  fuzz::check(hub.followed() == !facilities.empty(), "followed() says whether anyone follows", input);
  fuzz::check(hub.users_followed() == (notified[0] || notified[1]), "users_followed() says whether anyone does", input);
  for (const auto& c : conns) hub.on_close(c.get());
  fuzz::check(!hub.followed() && !hub.users_followed() && hub.connections() == 0, "closed connections follow nothing",
              input);
  return 0;
}

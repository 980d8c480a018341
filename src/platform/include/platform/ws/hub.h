#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace slotbase::ws {

/// One WebSocket client as the hub sees it. send() may be called from any thread.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual void send(std::string text) = 0;
};

/// Which connections follow which facility, and which signed-in users' own messages; fan-out to
/// them. Thread-safe.
class Hub {
 public:
  /// Decides whether a client (with its access token, possibly empty) may follow a facility.
  using Authorizer = std::function<bool(const std::string& facility_id, const std::string& access_token)>;
  /// The user an access token stands for, or empty for a token that is not good.
  using UserResolver = std::function<std::string(const std::string& access_token)>;
  explicit Hub(Authorizer authorize, UserResolver resolve_user = {})
      : authorize_(std::move(authorize)), resolve_user_(std::move(resolve_user)) {}

  /// A text frame from a client: {"type":"subscribe","facility_id":..., "access_token"?},
  /// {"type":"subscribe","channel":"notifications","access_token":...} (the signed-in user's own
  /// messages), or the same with "unsubscribe"; anything else is answered with an error frame.
  void on_message(const std::shared_ptr<Connection>& c, const std::string& text);
  void on_close(const Connection* c);
  /// Sends `message` to every connection following `facility_id`.
  void publish(const std::string& facility_id, const nlohmann::json& message);
  /// Sends `message` to every connection of `user_id` that follows its notifications.
  void publish_to_user(const std::string& user_id, const nlohmann::json& message);
  std::size_t connections() const;
  /// Whether any connection follows any facility: when none does, there is nothing to publish.
  bool followed() const { return follows_.load(std::memory_order_acquire) > 0; }
  /// Whether any connection follows a user's notifications.
  bool users_followed() const { return user_follows_.load(std::memory_order_acquire) > 0; }
  /// How many facilities and users have at least one follower (what the hub keeps in memory).
  std::size_t entries() const {
    std::lock_guard lock(mu_);
    return followers_.size() + user_followers_.size();
  }

 private:
  using Followers = std::map<const Connection*, std::weak_ptr<Connection>>;
  void on_user_message(const std::shared_ptr<Connection>& c, const std::string& type, const std::string& token);

  Authorizer authorize_;
  UserResolver resolve_user_;
  mutable std::mutex mu_;
  std::map<std::string, Followers> followers_;       // facility -> connections
  std::map<std::string, Followers> user_followers_;  // user -> connections
  std::atomic<std::size_t> follows_{0};              // (facility, connection) pairs in followers_
  std::atomic<std::size_t> user_follows_{0};         // (user, connection) pairs in user_followers_
};

}  // namespace slotbase::ws

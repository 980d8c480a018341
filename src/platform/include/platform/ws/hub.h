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

/// Which connections follow which facility, and fan-out to them. Thread-safe.
class Hub {
 public:
  /// Decides whether a client (with its access token, possibly empty) may follow a facility.
  using Authorizer = std::function<bool(const std::string& facility_id, const std::string& access_token)>;
  explicit Hub(Authorizer authorize) : authorize_(std::move(authorize)) {}

  /// A text frame from a client: {"type":"subscribe","facility_id":..., "access_token"?} or
  /// {"type":"unsubscribe","facility_id":...}; anything else is answered with an error frame.
  void on_message(const std::shared_ptr<Connection>& c, const std::string& text);
  void on_close(const Connection* c);
  /// Sends `message` to every connection following `facility_id`.
  void publish(const std::string& facility_id, const nlohmann::json& message);
  std::size_t connections() const;
  /// Whether any connection follows any facility: when none does, there is nothing to publish.
  bool followed() const { return follows_.load(std::memory_order_acquire) > 0; }

 private:
  Authorizer authorize_;
  mutable std::mutex mu_;
  std::map<std::string, std::map<const Connection*, std::weak_ptr<Connection>>> followers_;
  std::atomic<std::size_t> follows_{0};  // (facility, connection) pairs in followers_
};

}  // namespace slotbase::ws
